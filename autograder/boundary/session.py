"""A week's submission as the judge sees it: a private copy of its files and the worker that runs them.

The worker is started on the first ``load`` and kept for the following specs; a worker that is
killed (timeout, crash, memory, output, protocol) is replaced on the next spec's first ``load``.
A module that does not finish importing is marked broken once: every later spec that needs it
fails at once with the same message, without starting anything.
"""
from __future__ import annotations

import ast
import math
import os
import shutil
import stat
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

from . import sandbox
from .process import RemoteError, WorkerGone, WorkerProcess
from .proxy import Proxy

IMPORT_LIMIT = 30.0  # seconds a module may take to import; not taken from the spec's own time
PROBE_AFTER = 10.0  # an import this slow starts trying the week's other modules in parallel
OUTPUT_READ = 8000  # characters of a worker's output kept per spec


START_LIMIT = 60.0  # seconds for a fresh worker to answer its first ping (no submission code runs before it)


class SubmissionImportError(Exception):
    """A module of the submission could not be imported (or is missing)."""


class WorkerStartError(Exception):
    """The grader could not start a worker at all: a fault of the machine or the grader, never of the submission."""


def private_copy(src: Path, dst: Path) -> list[str]:
    """Copy the regular ``.py`` files of ``src`` into ``dst``; return a note for everything left out."""
    dst.mkdir(parents=True, exist_ok=True)
    notes: list[str] = []
    if not src.is_dir():
        return notes
    for entry in sorted(os.scandir(src), key=lambda e: e.name):
        st = entry.stat(follow_symlinks=False)
        if entry.name.endswith(".py") and stat.S_ISREG(st.st_mode) and entry.name.isascii():
            fd = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW)
            with os.fdopen(fd, "rb") as fh, open(dst / entry.name, "wb") as out:
                shutil.copyfileobj(fh, out)
            os.chmod(dst / entry.name, 0o444)
        elif entry.name not in ("README.md", "__pycache__") and not entry.name.endswith((".pyc", ".md")):
            kind = "symbolic link" if stat.S_ISLNK(st.st_mode) else "folder" if stat.S_ISDIR(st.st_mode) else "file"
            notes.append(f"{src.name}/{entry.name} ({kind}) was not used: only regular .py files are graded")
        elif stat.S_ISLNK(st.st_mode) or entry.name == "__pycache__" or entry.name.endswith(".pyc"):
            notes.append(f"{src.name}/{entry.name} was not used: compiled files and links are never imported")
    os.chmod(dst, 0o555)
    return notes


HEAVY = frozenset({"numpy", "torch", "torchvision", "torchmetrics", "matplotlib", "sklearn", "skimage", "scipy",
                   "pandas", "PIL", "transformers", "datasets", "evaluate", "tqdm", "sentence_transformers"})


def heavy_imports(folder: Path) -> list[str]:
    """The libraries the submission's files import (read as syntax trees, never run), to import in a worker
    before the submission's own import clock starts."""
    names: set[str] = set()
    for path in sorted(folder.glob("*.py")):
        try:
            tree = ast.parse(path.read_bytes())
        except (SyntaxError, ValueError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
    return sorted(n for n in names if n.split(".")[0] in HEAVY and len(n) < 100)


class Submission:
    """One week of one submission, and the worker (if any) running it now."""

    def __init__(self, week_dir: Path, week: str, workdir: Path, *, device: str = "cpu",
                 binds: list[Path] | None = None, memory_mb: int = 6144, output_mb: int = 64) -> None:
        self.week, self.device, self.workdir = week, device, workdir
        self.copy = workdir / "submission" / week
        self.notes = private_copy(week_dir, self.copy)
        self.binds = [b for b in (binds or []) if b.exists()]
        self.memory_mb, self.output_mb = memory_mb, output_mb
        self.mode = sandbox.mode()
        self.worker: WorkerProcess | None = None
        self.modules: dict[str, Proxy] = {}
        self.broken: dict[str, str] = {}
        self.imported: set[str] = set()
        self.seeds: dict[str, int] = {}
        self.pending_seeds: dict[str, int] = {}
        self.deadline_at = math.inf
        self.limit_at = math.inf
        self._forbidden: tuple[str, ...] = ()
        self.started = 0
        self.outputs: list[tuple[Path, int]] = []
        self.probing: list[threading.Thread] = []
        self.preload = heavy_imports(self.copy)
        self._boot: threading.Thread | None = None
        self._booted: WorkerProcess | None = None
        self._boot_error: Exception | None = None
        self.probed: dict[str, str] = {}

    @property
    def forbidden(self) -> tuple[str, ...]:
        return self._forbidden

    @forbidden.setter
    def forbidden(self, names: tuple[str, ...]) -> None:
        """Callables the worker refuses (a spec's by_hand block); applied with the worker's next request."""
        self._forbidden = names
        if self.worker is not None:
            self.worker.forbidden = names

    # ----------------------------------------------------------------- time and seeds
    def deadline(self) -> float:
        return min(self.deadline_at, self.limit_at)

    def seed(self, library: str, value: int) -> None:
        self.seeds[library] = self.pending_seeds[library] = value

    def take_seeds(self) -> dict[str, int]:
        out, self.pending_seeds = self.pending_seeds, {}
        return out

    # ----------------------------------------------------------------- workers
    def _spawn(self, tag: str, deadline: Callable[[], float] | None = None) -> WorkerProcess:
        self.started += 1
        scratch = self.workdir / f"scratch-{self.started}"
        cmd, env = sandbox.worker_command(self.mode, self.copy, self.week, self.binds, self.device, scratch)
        out = self.workdir / f"output-{self.started}-{tag}.txt"
        return WorkerProcess(cmd, env, sandboxed=self.mode.sandboxed, output_path=out, memory_mb=self.memory_mb,
                             output_mb=self.output_mb, deadline=deadline or self.deadline,
                             seeds=self.take_seeds if deadline is None else dict)

    @contextmanager
    def _own_clock(self, limit: float) -> Iterator[None]:
        """Starting a worker and importing a module have limits of their own and do not use the spec's time."""
        saved, start = self.deadline_at, time.time()
        self.deadline_at, self.limit_at = math.inf, start + limit
        try:
            yield
        finally:
            self.deadline_at, self.limit_at = saved + (time.time() - start), math.inf

    def warm_up(self) -> None:
        """Start the worker now, in the background, so that it boots while the judge collects its specs."""
        if self.worker is None and self._boot is None:
            # spawned by this thread: the worker's parent-death signal follows the thread that started it
            until = time.time() + START_LIMIT
            worker = self._spawn("main", deadline=lambda: until)
            self._boot = threading.Thread(target=self._boot_worker, args=(worker,), daemon=True)
            self._boot.start()

    def _boot_worker(self, worker: WorkerProcess) -> None:
        """Let a new worker import the libraries the submission uses, on the start clock alone."""
        try:
            worker.request("ping", preload=self.preload)
        except (WorkerGone, RemoteError) as exc:
            tail = worker.output_path.read_text(errors="replace")[-1500:]
            worker.close()
            self._boot_error = WorkerStartError(f"the grader could not start its worker ({exc}):\n{tail}")
            return
        worker.deadline, worker.take_seeds = self.deadline, self.take_seeds
        self._booted = worker

    def ensure_worker(self) -> WorkerProcess:
        if self.worker is not None and self.worker.alive:
            return self.worker
        if self.worker is not None:
            self.worker.close()
            self.worker = None
        if self._boot is None:
            self.warm_up()
        assert self._boot is not None
        started = time.time()
        self._boot.join()
        self.deadline_at += time.time() - started  # waiting for the worker is not the submission's time
        worker, error = self._booted, self._boot_error
        self._boot, self._booted, self._boot_error = None, None, None
        if worker is None:
            raise error or WorkerStartError("the grader could not start its worker")
        self.worker, self.modules = worker, {}
        worker.forbidden = self._forbidden
        self.outputs.append((worker.output_path, 0))
        self.pending_seeds = {**self.seeds, **self.pending_seeds}
        return worker

    def close(self) -> None:
        if self.worker is not None:
            self.worker.close()
            self.worker = None

    # ----------------------------------------------------------------- modules
    def module(self, name: str) -> Proxy:
        if name in self.broken:
            raise SubmissionImportError(self.broken[name])
        worker = self.ensure_worker()
        if name in self.modules:
            return self.modules[name]
        rel = f"{self.week}/{name}.py"
        probes = threading.Timer(PROBE_AFTER, self._probe_others, args=(name,))
        probes.daemon = True
        probes.start()
        try:
            with self._own_clock(IMPORT_LIMIT):
                module = worker.request("import", name=name)
        except RemoteError as exc:
            if exc.kind == "ModuleNotFoundError" and str(exc).endswith(f"{name}.py is missing"):
                self.broken[name] = f"{rel} is missing: put your file at weeks/{rel}."
            else:
                self.broken[name] = (f"{rel} could not be imported: {exc.kind}: {exc}{exc.where}. Every test of "
                                     f"this file scores 0 until it imports; run `python {rel}` to see the error.")
            raise SubmissionImportError(self.broken[name]) from None
        except WorkerGone as exc:
            what = f"it ran for more than {IMPORT_LIMIT:.0f} s" if exc.status == "timeout" else f"the worker {exc}"
            self.broken[name] = (f"{rel} did not finish importing ({what}). Code at the top level of a module "
                                 "runs on import: move it into a function or under `if __name__ == \"__main__\":`.")
            self.worker = None
            raise SubmissionImportError(self.broken[name]) from None
        finally:
            probes.cancel()
            self._finish_probes()
        if not isinstance(module, Proxy):
            raise SubmissionImportError(f"{rel}: the worker did not return a module")
        self.modules[name] = module
        self.imported.add(name)
        return module

    def _probe_others(self, first: str) -> None:
        """An import is slow: try every other module at once, each in a worker of its own, so that a week whose
        modules all hang at import costs about one import limit, not one per module."""
        names = [p.stem for p in sorted(self.copy.glob("*.py"))
                 if p.stem not in self.broken and p.stem not in self.imported and p.stem != first]

        def probe(name: str) -> None:
            until = [time.time() + START_LIMIT]
            worker = self._spawn(f"probe-{name}", deadline=lambda: until[0])
            try:
                worker.request("ping")
                until[0] = time.time() + IMPORT_LIMIT
                worker.request("import", name=name)
            except RemoteError:
                pass  # an ordinary import error: the spec that loads the module will say which
            except WorkerGone as exc:
                self.probed[name] = (f"it ran for more than {IMPORT_LIMIT:.0f} s" if exc.status == "timeout"
                                     else f"the worker {exc}")
            finally:
                worker.close()

        self.probing = [threading.Thread(target=probe, args=(n,), daemon=True) for n in names]
        for t in self.probing:
            t.start()

    def _finish_probes(self) -> None:
        for t in self.probing:
            t.join()
        self.probing = []
        for name, why in self.probed.items():
            self.broken.setdefault(name, f"{self.week}/{name}.py did not finish importing ({why}). Code at the top "
                                         "level of a module runs on import: move it into a function.")
        self.probed = {}

    # ----------------------------------------------------------------- helpers and output
    def helper(self, source: str, name: str, args: tuple, kwargs: dict) -> Any:
        return self.ensure_worker().request("helper", source=source, name=name, args=list(args), kwargs=kwargs)

    def take_output(self) -> str:
        """What the submission printed since the last call."""
        text, kept = [], []
        for path, pos in self.outputs:
            try:
                with open(path, "rb") as fh:
                    fh.seek(pos)
                    chunk = fh.read(OUTPUT_READ * 4)
                    pos = fh.tell() if len(chunk) < OUTPUT_READ * 4 else os.path.getsize(path)
            except OSError:
                continue
            text.append(chunk.decode("utf-8", errors="replace"))
            if self.worker is not None and path == self.worker.output_path:
                kept.append((path, pos))
        self.outputs = kept
        return "".join(text)[:OUTPUT_READ]
