"""Executors: where student-weeks are graded. One seam, :class:`Executor`, and one class per engine.

An executor takes a list of :class:`~autograder.instructor.jobs.Job` and yields ``(job, Graded or the
exception that lost it)`` as the jobs finish; every job is graded by
:func:`~autograder.instructor.jobs.grade_student_week`, in a process with no other threads. It never
touches the gradebook: the head node records every result. To add an engine, write one class with
``run`` and name it in :data:`ENGINES`.

* ``local``: a pool of fresh processes on this machine (``--workers N``).
* ``dask``: a Dask cluster (``--scheduler tcp://host:8786``); without a scheduler, a
  ``LocalCluster`` of ``--workers`` single-threaded processes. Jobs of GPU weeks ask for the worker
  resource ``GPU=1`` when ``--gpus-per-job`` is set (start GPU workers with ``--resources GPU=1``).
* ``slurm``: Slurm through submitit: one array job per kind of job (CPU weeks, GPU weeks), at most
  ``--array-parallelism`` tasks at a time, on ``--partition`` (GPU weeks on ``--gpu-partition``
  with ``--gpus-per-job`` GPUs). ``--slurm-local`` runs the same submitit code with its local
  executor instead (no Slurm needed; the tests use it).

Jobs and results pickle; the staged submissions (``--stage``), the repository and its venv must sit on
a file system every worker sees.
"""
from __future__ import annotations

import multiprocessing
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .. import defaults
from .jobs import Graded, Job, grade_in_child, grade_student_week

Outcome = Iterator[tuple[Job, Graded | BaseException]]


class Executor(Protocol):
    name: str

    def run(self, jobs: list[Job]) -> Outcome: ...


@dataclass
class ExecutorOptions:
    workers: int = defaults.WORKERS
    scheduler: str | None = None  # dask: the scheduler's address; None starts a LocalCluster
    partition: str | None = None  # slurm
    gpu_partition: str | None = None  # slurm: where GPU weeks go (default: partition)
    gpus_per_job: int = 0  # GPUs a job of a GPU week asks for (0: GPU weeks run like the others)
    array_parallelism: int = 64  # slurm: array tasks at a time
    slurm_local: bool = False  # slurm: submitit's local executor instead of sbatch
    folder: Path | None = None  # slurm: submitit's logs and pickles (on the shared file system)
    job_minutes: int = 60  # slurm: time limit of one array task


class LocalExecutor:
    """Fresh single-threaded processes ("spawn"): each starts the grading child of its student-week with
    fork + setsid, which is only safe from a process without other threads."""
    name = "local"

    def __init__(self, options: ExecutorOptions) -> None:
        self.workers = max(1, options.workers)

    def run(self, jobs: list[Job]) -> Outcome:
        if not jobs:
            return
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=min(self.workers, len(jobs)), mp_context=ctx) as pool:
            futures = {pool.submit(grade_student_week, job): job for job in jobs}
            for fut in as_completed(futures):
                try:
                    yield futures[fut], fut.result()
                except Exception as exc:  # a lost worker process
                    yield futures[fut], exc


class DaskExecutor:
    """A Dask worker runs tasks in threads: each job grades in a fresh interpreter (``grade_in_child``)."""
    name = "dask"

    def __init__(self, options: ExecutorOptions) -> None:
        self.options = options

    def run(self, jobs: list[Job]) -> Outcome:
        if not jobs:
            return
        from distributed import Client, LocalCluster, as_completed as dask_completed
        cluster = None
        if self.options.scheduler:
            client = Client(self.options.scheduler)
        else:
            cluster = LocalCluster(n_workers=max(1, self.options.workers), threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        try:
            futures = {}
            for i, job in enumerate(jobs):
                extra = {"resources": {"GPU": 1}} if job.gpu and self.options.gpus_per_job else {}
                fut = client.submit(grade_in_child, job, key=f"grade-{i}-{job.student}-{job.week}", pure=False, **extra)
                futures[fut.key] = (fut, job)
            for fut in dask_completed([f for f, _ in futures.values()]):
                job = futures[fut.key][1]
                try:
                    yield job, fut.result()
                except Exception as exc:
                    yield job, exc
                fut.release()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


class SlurmExecutor:
    """One submitit array task per job; each grades in a fresh interpreter (``grade_in_child``)."""
    name = "slurm"

    def __init__(self, options: ExecutorOptions) -> None:
        self.options = options

    def parameters(self, gpu: bool) -> dict:
        """What an array job asks Slurm for (submitit's names)."""
        o = self.options
        params: dict = {"timeout_min": o.job_minutes, "cpus_per_task": 1, "slurm_array_parallelism": o.array_parallelism}
        partition = (o.gpu_partition or o.partition) if gpu else o.partition
        if partition:
            params["slurm_partition"] = partition
        if gpu and o.gpus_per_job:
            params["gpus_per_node"] = o.gpus_per_job
        return params

    def _executor(self, folder: Path, gpu: bool):
        import submitit
        if self.options.slurm_local:
            ex = submitit.LocalExecutor(folder=folder)
            ex.update_parameters(timeout_min=self.options.job_minutes)
            return ex
        ex = submitit.AutoExecutor(folder=folder, cluster="slurm")
        ex.update_parameters(**self.parameters(gpu))
        return ex

    def run(self, jobs: list[Job]) -> Outcome:
        if not jobs:
            return
        folder = self.options.folder
        with tempfile.TemporaryDirectory(prefix="ag-submitit-") as tmp:
            base = Path(folder) if folder else Path(tmp)
            pending = []
            for gpu in (False, True):
                group = [j for j in jobs if bool(j.gpu and self.options.gpus_per_job) == gpu]
                if not group:
                    continue
                ex = self._executor(base / ("gpu" if gpu else "cpu"), gpu)
                if self.options.slurm_local:  # the local executor starts every job at once: keep to --workers
                    yield from self._rolling(ex, group)
                    continue
                pending += list(zip(group, ex.map_array(grade_in_child, group)))
            yield from self._results(pending)

    def _rolling(self, ex, jobs: list[Job]) -> Outcome:
        """At most ``workers`` submitit jobs at a time, a new one as soon as one ends."""
        queue, running = list(jobs), []
        while queue or running:
            while queue and len(running) < max(1, self.options.workers):
                job = queue.pop(0)
                running.append((job, ex.submit(grade_in_child, job)))
            done = [pair for pair in running if pair[1].done()]
            for pair in done:
                running.remove(pair)
            yield from self._results(done)
            if not done:
                time.sleep(0.1)

    @staticmethod
    def _results(pairs) -> Outcome:
        for job, sj in pairs:
            try:
                yield job, sj.result()
            except Exception as exc:
                yield job, exc


ENGINES: dict[str, type] = {"local": LocalExecutor, "dask": DaskExecutor, "slurm": SlurmExecutor}


def make_executor(name: str, options: ExecutorOptions | None = None) -> Executor:
    if name not in ENGINES:
        raise ValueError(f"unknown executor {name!r} (choose one of {', '.join(ENGINES)})")
    return ENGINES[name](options or ExecutorOptions())
