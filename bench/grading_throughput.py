"""Student-weeks graded per hour by ``grade-submissions`` on this machine, per executor.

    .venv/bin/python bench/grading_throughput.py [--executors local,dask,slurm] [--workers 2] [--copies 2]
                                                 [--evil] [--real-weeks N|all|0]

For each executor (``slurm`` is submitit's local executor here: the same code path as on a cluster,
without Slurm), two measurements, each into a fresh gradebook in a temporary folder:

* fixture: ``--copies`` copies of the fixture submissions (good, wrong, stub, broken, planted; with
  ``--evil`` also the hostile one, which spends its time in timeouts) against the fixture specs;
* real: when the repository has weeks with specs and solutions, two students per week, one handing in
  the reference solutions and one the stubs (the slowest and the fastest case), for the first N such
  weeks (``--real-weeks``, default 0 here; ``all`` for every week).

The clock covers everything ``grade-submissions`` does (the grader's collection, intake, the
executor's start, grading, the gradebook), not the one-off import of nbgrader.

Measured on the 2-core development machine while other work shared it (load average 4 to 6, so the
figures are a floor), fixture set, ``--copies 4`` (20 student-weeks), 2 workers:

    local  (process pool, 2 processes)               4,533 student-weeks/hour  (20 in 15.9 s)
    dask   (LocalCluster, 2 single-thread workers)    2,629 student-weeks/hour  (20 in 27.4 s)
    slurm  (submitit's local executor, 2 at a time)   1,588 student-weeks/hour  (20 in 45.4 s)

(``.venv/bin/python bench/grading_throughput.py --copies 4``.) Dask and submitit grade each job in a
fresh interpreter (their workers run tasks in threads, and the grading child is started with fork):
about 0.3 s more per job, plus the cluster's start for Dask and about 1 s of submitit's own start per
job. On a cluster the rate grows with the workers: a student-week is independent of every other.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from autograder import paths  # noqa: E402
from autograder.instructor.executors import ExecutorOptions  # noqa: E402
from autograder.instructor.grading import grade_submissions  # noqa: E402
from autograder.instructor.policy import Course  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"


def measure(executor: str, subs: Path, weeks: list[str], specs: Path, workers: int, db: Path,
            timeout: float | None, tmp: Path) -> tuple[int, float]:
    name, local = ("slurm", True) if executor == "slurm" else (executor, False)
    options = ExecutorOptions(workers=workers, slurm_local=local, folder=tmp / f"submitit-{db.stem}")
    start = time.perf_counter()
    graded = grade_submissions(subs, weeks, url=f"sqlite:///{db}", executor=name, options=options, device="cpu",
                               timeout=timeout, memory_mb=1500, specs_root=specs, course=Course(),
                               progress=sys.stderr.isatty())
    return len(graded), time.perf_counter() - start


def report(label: str, n: int, seconds: float, workers: int) -> None:
    rate = n / seconds * 3600 if seconds else float("nan")
    print(f"{label}: {n} student-weeks in {seconds:.1f} s with {workers} workers -> {rate:,.0f} student-weeks/hour",
          flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--executors", default="local,dask,slurm", help="comma-separated: local, dask, slurm")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--copies", type=int, default=2, help="copies of each fixture submission")
    ap.add_argument("--evil", action="store_true", help="include the hostile fixture submission")
    ap.add_argument("--real-weeks", default="0", help="how many real weeks to grade (a number, all, or 0)")
    args = ap.parse_args()

    import nbgrader.api  # noqa: F401  (a one-off import of several seconds, kept off the clock)

    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        tmp = Path(tmp)
        subs = tmp / "fixture-subs"
        kinds = ["good", "wrong", "stub", "broken", "planted"] + (["evil"] if args.evil else [])
        for i in range(args.copies):
            for kind in kinds:
                shutil.copytree(FIXTURES / "subs" / kind, subs / f"{kind}-{i}")
        weeks = [w for w in paths.available_weeks() if (paths.SOLUTIONS / w).is_dir() and (paths.WEEKS / w).is_dir()]
        if args.real_weeks != "all":
            weeks = weeks[: int(args.real_weeks)]
        real = tmp / "real-subs"
        for name, source in (("reference", paths.SOLUTIONS), ("stubs", paths.WEEKS)):
            for w in weeks:
                shutil.copytree(source / w, real / name / w)
        for executor in args.executors.split(","):
            n, s = measure(executor, subs, ["week01"], FIXTURES / "specs", args.workers, tmp / f"fixture-{executor}.db",
                           5, tmp)
            report(f"{executor:5} fixture ({len(kinds) * args.copies} students x 1 week)", n, s, args.workers)
            if weeks:
                n, s = measure(executor, real, weeks, paths.SPECS, args.workers, tmp / f"real-{executor}.db", None, tmp)
                report(f"{executor:5} real ({', '.join(weeks)}; reference + stubs)", n, s, args.workers)


if __name__ == "__main__":
    main()
