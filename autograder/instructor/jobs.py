"""A job is one student-week to grade; :func:`grade_student_week` turns a :class:`Job` into a :class:`Graded`.

Both are typed dataclasses that pickle (for any executor) and convert to JSON (for the gradebook). The
function writes no database and depends only on the job and the files it names, so an executor may run
it anywhere the repository (grader, specs, DATA) and the staged submissions are visible; the results
are written on the head node by :meth:`~autograder.instructor.gradebook.Book.record`.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from .. import defaults, paths
from ..runner import Limits, SpecResult, WeekResult
from .policy import UTC, LatePolicy, penalty_fraction, utc


@dataclass(frozen=True)
class Job:
    student: str
    week: str
    target: Path  # the staged submission, laid out like weeks/ (regular files only)
    source: str = ""  # the hand-in as named in the submissions folder
    submitted_at: dt.datetime | None = None
    time_source: str = "missing"  # git, mtime or missing
    fingerprint: str | None = None
    notes: tuple[str, ...] = ()  # what intake dropped from the week's folder
    device: str = defaults.SUBMISSIONS_DEVICE
    limits: Limits = field(default_factory=Limits)
    specs_root: Path | None = None
    data_dir: Path | None = None
    due: dt.datetime | None = None
    late: LatePolicy = LatePolicy()
    require_sandbox: bool = True  # refuse to run the submission where no sandbox can be made
    gpu: bool = False  # a GPU week: executors may route it to GPU workers


@dataclass
class Graded:
    """One graded student-week, as the gradebook records it."""
    student: str
    week: str
    result: WeekResult
    submitted_at: dt.datetime | None = None
    time_source: str = "missing"
    days_late: float = 0.0
    penalty_fraction: float = 0.0
    penalty: float = 0.0  # in points
    fingerprint: str | None = None
    source: str = ""
    graded_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(UTC))
    seconds: float = 0.0
    record_error: str | None = None

    @property
    def graded_something(self) -> bool:
        return bool(self.result.specs)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["result"] = self.result.to_dict()
        for key in ("submitted_at", "graded_at"):
            d[key] = d[key].isoformat() if d[key] else None
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Graded":
        return cls(student=str(d["student"]), week=str(d["week"]), result=load_result(d["result"]),
                   submitted_at=utc(d["submitted_at"]) if d.get("submitted_at") else None,
                   time_source=str(d.get("time_source") or "missing"), days_late=float(d.get("days_late") or 0.0),
                   penalty_fraction=float(d.get("penalty_fraction") or 0.0), penalty=float(d.get("penalty") or 0.0),
                   fingerprint=d.get("fingerprint"), source=str(d.get("source") or ""),
                   graded_at=utc(d["graded_at"]) if d.get("graded_at") else dt.datetime.now(UTC),
                   seconds=float(d.get("seconds") or 0.0), record_error=d.get("record_error"))

    def with_result(self, result: WeekResult) -> "Graded":
        """The same grading with another (checked) result; the penalty follows the score."""
        return replace(self, result=result, penalty=round(self.penalty_fraction * result.score, 4))


_SPEC_FIELDS = {"nodeid": str, "name": str, "title": str, "task": str, "points": float, "hidden": bool,
                "timeout": float, "status": str, "score": float, "message": str, "output": str, "duration": float}


def load_result(d: dict) -> WeekResult:
    """A WeekResult from stored JSON, reading only the known fields (each converted to its type)."""
    specs = []
    for s in d.get("specs") or []:
        if isinstance(s, dict) and all(k in s for k in ("nodeid", "name", "title", "task", "points", "hidden")):
            specs.append(SpecResult(**{k: kind(s[k]) for k, kind in _SPEC_FIELDS.items() if k in s and s[k] is not None}))
    return WeekResult(week=str(d.get("week", "")), target=str(d.get("target", "")), device=str(d.get("device", "")),
                      specs=specs, errors=[str(e) for e in d.get("errors") or []],
                      notes=[str(n) for n in d.get("notes") or []], duration=float(d.get("duration") or 0.0))


def grade_student_week(job: Job) -> Graded:
    """Grade one week of one submission. Never raises: a failure of the grader itself is a result
    without specs and with the error (the gradebook then keeps the grades it had)."""
    from ..boundary import sandbox
    from ..runner import run_week

    started = time.time()
    try:
        if job.require_sandbox and not sandbox.mode().sandboxed:
            return failed_result(job, f"no sandbox on this grading machine ({sandbox.mode().reason}); "
                                      "grades that count need one")
        result = run_week(job.week, Path(job.target), device=job.device, limits=job.limits,
                          specs_root=job.specs_root, data_dir=job.data_dir)
    except Exception as exc:  # the grader itself failed for this student-week; the others go on
        return failed_result(job, f"grading failed: {type(exc).__name__}: {exc}")
    result.notes[:0] = [n for n in job.notes if n not in result.notes]
    days_late, fraction = penalty_fraction(job.due, job.late, job.submitted_at)
    return Graded(student=job.student, week=job.week, result=result, submitted_at=job.submitted_at,
                  time_source=job.time_source, days_late=days_late, penalty_fraction=fraction,
                  penalty=round(fraction * result.score, 4), fingerprint=job.fingerprint, source=job.source,
                  seconds=round(time.time() - started, 2))


def failed_result(job: Job, error: str) -> Graded:
    """The result of a student-week the grader could not grade (not the submission's fault)."""
    result = WeekResult(week=job.week, target=str(job.target), device=job.device, errors=[error])
    return Graded(student=job.student, week=job.week, result=result, source=job.source)


def grade_in_child(job: Job) -> Graded:
    """:func:`grade_student_week` in a fresh interpreter. Executors whose workers run tasks in threads
    (Dask) or that must not share a process between jobs (Slurm arrays) call this: the grading child is
    started with fork + setsid, which is only safe from a process without other threads."""
    with tempfile.TemporaryDirectory(prefix="ag-job-") as tmp:
        out = Path(tmp) / "graded.json"
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (str(paths.ROOT), os.environ.get("PYTHONPATH"))
                                                          if p))
        proc = subprocess.run([sys.executable, "-m", "autograder.instructor.jobs", str(out)], input=pickle.dumps(job),
                              capture_output=True, env=env)
        if proc.returncode != 0 or not out.exists():
            tail = proc.stderr.decode(errors="replace")[-1500:]
            return failed_result(job, f"the grading process ended with status {proc.returncode}: {tail}")
        return Graded.from_dict(json.loads(out.read_text(encoding="utf-8")))


def _child_main() -> None:
    job = pickle.load(sys.stdin.buffer)  # written by grade_in_child of the grader itself, never by a submission
    Path(sys.argv[1]).write_text(json.dumps(grade_student_week(job).to_dict(), ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    _child_main()
