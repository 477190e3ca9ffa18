"""Instructor subcommands: grade a folder of submissions into a gradebook, report, release, unlock, CI.

``register(sub)`` adds them to ``python -m autograder``. The parts:

* ``grade-submissions DIR``: every subfolder (or ``.zip``) of DIR is one student, named by the folder.
  Student-weeks are graded in parallel; each one is a call of :func:`grade_student_week`, a plain
  function (job dict in, result dict out) that any executor can run. Only the main process writes to
  the database.
* The gradebook is nbgrader's ``Gradebook`` (SQLite file by default, any SQLAlchemy URL): one
  assignment per week, one notebook per task, one grade cell per spec. Next to nbgrader's tables the
  same database holds ``autograder_runs``: one row per graded student-week with the raw results, the
  submission time and the late penalty. Rows are only ever added, so the table is also the history
  of every (re-)grading; reports read the newest row of each student-week.
* ``report``, ``release``, ``unlock``, ``unlock-specs`` and ``ci-weeks`` live in
  :mod:`autograder.report` and :mod:`autograder.release`; this module wires their commands.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import multiprocessing
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from . import paths

COURSE_FILE = paths.ROOT / "course.yml"
DEFAULT_DB = paths.ROOT / "gradebook.db"
ZIP_MAX_BYTES = 512 * 2**20  # uncompressed size of one submission archive
ZIP_MAX_FILES = 20_000
UTC = dt.timezone.utc


# --------------------------------------------------------------------------- course config

@dataclass
class LatePolicy:
    per_day: float = 0.0  # fraction of the earned points lost per started day late
    cap: float = 1.0  # never lose more than this fraction
    grace_minutes: float = 0.0


@dataclass
class Course:
    due: dict[str, dt.datetime]
    late: LatePolicy

    def penalty_fraction(self, week: str, submitted: dt.datetime | None) -> tuple[float, float]:
        """(days late, fraction of the earned points lost) for a submission of ``week`` at ``submitted``."""
        due = self.due.get(week)
        if due is None or submitted is None:
            return 0.0, 0.0
        late_s = (submitted - due).total_seconds() - self.late.grace_minutes * 60
        if late_s <= 0:
            return 0.0, 0.0
        days = late_s / 86400
        return round(days, 3), min(self.late.cap, self.late.per_day * math.ceil(days))


def _utc(value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        d = value
    elif isinstance(value, dt.date):
        d = dt.datetime.combine(value, dt.time(23, 59, 59))
    else:
        d = dt.datetime.fromisoformat(str(value).strip())
    return d.replace(tzinfo=UTC) if d.tzinfo is None else d.astimezone(UTC)


def load_course(path: Path | None = None) -> Course:
    """Due dates and the late policy from ``course.yml`` (no file: nothing is late)."""
    path = path or COURSE_FILE
    if not path.exists():
        return Course(due={}, late=LatePolicy())
    import yaml
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    late = raw.get("late_policy") or {}
    policy = LatePolicy(per_day=float(late.get("penalty_per_day", 0.0)), cap=float(late.get("cap", 1.0)),
                        grace_minutes=float(late.get("grace_minutes", 0.0)))
    due = {paths.week_name(str(k)): _utc(v) for k, v in (raw.get("due") or {}).items() if v}
    return Course(due=due, late=policy)


# --------------------------------------------------------------------------- submissions

@dataclass
class Submission:
    student: str
    root: Path  # the folder as handed in (a clone, or a copy of weeks/), extracted if it was a zip
    target: Path  # the folder laid out like weeks/
    archive: Path | None = None


def safe_extract_zip(archive: Path, dest: Path) -> None:
    """Extract ``archive`` into ``dest``, refusing absolute paths, ``..``, links and zip bombs.

    File times stored in the archive are restored (zip stores no time zone: they are read as UTC).
    """
    dest = dest.resolve()
    with zipfile.ZipFile(archive) as zf:
        infos = zf.infolist()
        if len(infos) > ZIP_MAX_FILES:
            raise ValueError(f"{archive.name}: more than {ZIP_MAX_FILES} files")
        if sum(i.file_size for i in infos) > ZIP_MAX_BYTES:
            raise ValueError(f"{archive.name}: unpacks to more than {ZIP_MAX_BYTES // 2**20} MB")
        for info in infos:
            name = info.filename.replace("\\", "/")
            parts = [p for p in name.split("/") if p not in ("", ".")]
            if name.startswith("/") or (parts and ":" in parts[0]) or ".." in parts:
                raise ValueError(f"{archive.name}: unsafe path {info.filename!r} in the archive")
            if stat.S_ISLNK(info.external_attr >> 16):
                raise ValueError(f"{archive.name}: symbolic link {info.filename!r} in the archive")
            if not parts:
                continue
            out = dest.joinpath(*parts)
            if not out.resolve().is_relative_to(dest):
                raise ValueError(f"{archive.name}: unsafe path {info.filename!r} in the archive")
            if info.is_dir():
                out.mkdir(parents=True, exist_ok=True)
                continue
            out.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, open(out, "wb") as dst:
                shutil.copyfileobj(src, dst)
            stamp = dt.datetime(*info.date_time, tzinfo=UTC).timestamp()
            os.utime(out, (stamp, stamp))


def _unwrap(folder: Path) -> Path:
    """An archive often holds one top folder (alice/ or repo-main/): step into it."""
    while True:
        if any(folder.glob("week[0-9][0-9]")) or (folder / "weeks").is_dir():
            return folder
        entries = [p for p in folder.iterdir() if not p.name.startswith((".", "__MACOSX"))]
        if len(entries) != 1 or not entries[0].is_dir():
            return folder
        folder = entries[0]


def find_submissions(folder: Path, unpack_to: Path) -> tuple[list[Submission], list[str]]:
    """Every subfolder or .zip of ``folder`` is one student; returns (submissions, problems)."""
    subs: list[Submission] = []
    problems: list[str] = []
    seen: set[str] = set()
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith((".", "_")):
            continue
        if entry.is_dir():
            student, root, archive = entry.name, entry, None
        elif entry.suffix.lower() == ".zip":
            student, archive = entry.stem, entry
            root = unpack_to / student
            try:
                root.mkdir(parents=True)
                safe_extract_zip(entry, root)
            except (ValueError, zipfile.BadZipFile, OSError) as exc:
                problems.append(f"{entry.name}: not graded: {exc}")
                continue
            root = _unwrap(root)
        else:
            continue
        if student in seen:
            problems.append(f"{entry.name}: student {student!r} was handed in twice; only the first is graded")
            continue
        seen.add(student)
        target = paths.resolve_target(str(root))
        subs.append(Submission(student=student[:128], root=root, target=target, archive=archive))
    return subs, problems


def _git_commit_time(repo: Path, rel: str) -> dt.datetime | None:
    """Committer date of the newest commit touching ``rel`` in a clone. The clone's own git config
    cannot run anything: signatures, pagers and fsmonitor are switched off on the command line."""
    if not (repo / ".git").exists() or shutil.which("git") is None:
        return None
    cmd = ["git", "-c", "safe.directory=*", "-c", "core.fsmonitor=false", "-c", "log.showSignature=false",
           "-c", "gpg.program=false", "-c", "core.hooksPath=/dev/null", "--no-pager", "-C", str(repo),
           "log", "-1", "--format=%cI", "--no-show-signature", "--", rel]
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_TERMINAL_PROMPT="0")
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=20, env=env).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return None
    return _utc(out) if out else None


def submission_time(sub_root: Path, target: Path, week: str) -> tuple[dt.datetime | None, str]:
    """When a week was handed in, and how we know: the git commit date of the newest commit touching
    the week's folder in a clone, else the newest modification time of the week's files (for zips, the
    times stored in the archive)."""
    week_dir = target / week
    if not week_dir.is_dir():
        return None, "missing"
    try:
        rel = week_dir.resolve().relative_to(sub_root.resolve()).as_posix()
    except ValueError:
        rel = None
    if rel is not None:
        when = _git_commit_time(sub_root, rel)
        if when is not None:
            return when, "git"
    stamps = [p.stat().st_mtime for p in week_dir.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    if not stamps:
        return None, "missing"
    return dt.datetime.fromtimestamp(max(stamps), tz=UTC), "mtime"


def fingerprint(week_dir: Path) -> str:
    """sha256 over the week's .py files (names and contents): the same code gives the same print."""
    h = hashlib.sha256()
    if week_dir.is_dir():
        for p in sorted(week_dir.rglob("*.py")):
            if "__pycache__" in p.parts:
                continue
            h.update(p.relative_to(week_dir).as_posix().encode() + b"\0")
            h.update(p.read_bytes() + b"\0")
    return h.hexdigest()


# --------------------------------------------------------------------------- one student-week

def grade_student_week(job: dict) -> dict:
    """Grade one week of one submission and return a plain dict (JSON-safe). Never raises.

    ``job`` keys: ``student``, ``week``, ``target`` (folder laid out like weeks/), ``root`` (the
    submission as handed in, for its time), optional ``device`` ('cpu'), ``specs_root``, ``data_dir``,
    ``timeout``, ``wall``, ``memory_mb``, ``due`` (ISO time or None), ``late`` (dict of LatePolicy).

    The result depends only on the job and the files it names, so the call can be fanned out on any
    executor without changing results, e.g. with Dask ``client.map(grade_student_week, jobs)`` or with
    submitit ``AutoExecutor(folder).map_array(grade_student_week, jobs)`` on Slurm, as long as the
    repository (grader, specs, DATA) and the submissions sit on a filesystem the workers share. The
    returned dicts are then written on the head node with :meth:`Book.record`; the database is touched
    only there.
    """
    from .runner import Limits, run_week

    week, target, root = job["week"], Path(job["target"]), Path(job.get("root") or job["target"])
    started = time.time()
    try:
        submitted, source = submission_time(root, target, week)
        limits = Limits(timeout=job.get("timeout"), wall=float(job.get("wall") or 900.0),
                        memory_mb=int(job.get("memory_mb") or 6144))
        result = run_week(week, target, device=job.get("device") or "cpu", limits=limits,
                          specs_root=Path(job["specs_root"]) if job.get("specs_root") else None,
                          data_dir=Path(job["data_dir"]) if job.get("data_dir") else None)
    except Exception as exc:  # the grader itself failed for this student-week; the others go on
        return failed_result(job, f"grading failed: {type(exc).__name__}: {exc}")
    course = Course(due={week: _utc(job["due"])} if job.get("due") else {}, late=LatePolicy(**(job.get("late") or {})))
    days_late, fraction = course.penalty_fraction(week, submitted)
    return {
        "student": job["student"], "week": week, "result": result.to_dict(),
        "submitted_at": submitted.isoformat() if submitted else None, "time_source": source,
        "days_late": days_late, "penalty_fraction": fraction,
        "penalty": round(fraction * result.score, 4),
        "fingerprint": fingerprint(target / week), "source": str(root),
        "graded_at": dt.datetime.now(UTC).isoformat(), "seconds": round(time.time() - started, 2),
    }


def failed_result(job: dict, error: str) -> dict:
    """The result of a student-week the grader could not grade (not the submission's fault)."""
    from .runner import WeekResult
    result = WeekResult(week=job["week"], target=str(job["target"]), device=job.get("device") or "cpu", errors=[error])
    return {"student": job["student"], "week": job["week"], "result": result.to_dict(), "submitted_at": None,
            "time_source": "missing", "days_late": 0.0, "penalty_fraction": 0.0, "penalty": 0.0,
            "fingerprint": None, "source": str(job.get("root") or job["target"]),
            "graded_at": dt.datetime.now(UTC).isoformat(), "seconds": 0.0}


# --------------------------------------------------------------------------- the gradebook

def db_url(value: str | None) -> str:
    """A SQLAlchemy URL, or a file path of a SQLite database (default: gradebook.db in the repository)."""
    if not value:
        return f"sqlite:///{DEFAULT_DB}"
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def _runs_table(metadata):
    from sqlalchemy import Column, DateTime, Float, Integer, String, Table, Text
    return Table(
        "autograder_runs", metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("student", String(128), nullable=False, index=True),
        Column("week", String(16), nullable=False, index=True),
        Column("graded_at", DateTime, nullable=False),
        Column("submitted_at", DateTime),
        Column("time_source", String(16)),
        Column("days_late", Float, default=0.0),
        Column("penalty_fraction", Float, default=0.0),
        Column("penalty", Float, default=0.0),
        Column("score", Float, nullable=False),
        Column("max_score", Float, nullable=False),
        Column("fingerprint", String(64)),
        Column("source", String(1024)),
        Column("results", Text, nullable=False),  # WeekResult.to_dict() as JSON
    )


class Book:
    """nbgrader's Gradebook plus the autograder_runs table, in one database."""

    def __init__(self, url: str) -> None:
        from nbgrader.api import Gradebook
        from sqlalchemy import MetaData
        self.url = url
        # nbgrader migrates a new database by running the `alembic` command of this interpreter's
        # environment; make sure it is found even when the venv is not activated (make, CI)
        bindir = os.path.dirname(sys.executable)
        if bindir not in os.environ.get("PATH", "").split(os.pathsep):
            os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")
        self.gb = Gradebook(url)
        self.metadata = MetaData()
        self.runs = _runs_table(self.metadata)
        self.metadata.create_all(self.gb.engine)

    def close(self) -> None:
        self.gb.close()
        self.gb.engine.dispose()

    def __enter__(self) -> "Book":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def record(self, graded: dict, due: dt.datetime | None = None) -> None:
        """Write one student-week: replace the student's grades for that week, append a history row."""
        import warnings
        from sqlalchemy.exc import SAWarning
        with warnings.catch_warnings():
            # nbgrader builds a submission's notebooks before adding them to its session; SQLAlchemy
            # warns about that autoflush, and the rows are written correctly all the same.
            warnings.simplefilter("ignore", SAWarning)
            self._record(graded, due)

    def _record(self, graded: dict, due: dt.datetime | None) -> None:
        from nbgrader.api import MissingEntry
        from .runner import WeekResult

        gb = self.gb
        result = WeekResult.from_dict(graded["result"])
        week, student = graded["week"], graded["student"]
        gb.update_or_create_assignment(week, **({"duedate": _naive(due)} if due else {}))
        gb.update_or_create_student(student)
        cells = cell_names(result)
        for spec in result.specs:
            notebook = spec.task
            try:
                gb.find_notebook(notebook, week)
            except MissingEntry:
                gb.add_notebook(notebook, week)
            gb.update_or_create_grade_cell(cells[spec.nodeid], notebook, week, max_score=spec.points,
                                           cell_type="code")
        try:
            gb.remove_submission(week, student)
        except MissingEntry:
            pass
        submitted = _naive(_utc(graded["submitted_at"])) if graded.get("submitted_at") else None
        submission = gb.add_submission(week, student, **({"timestamp": submitted} if submitted else {}))
        by_cell = {(s.task, cells[s.nodeid]): s for s in result.specs}
        task_scores: dict[str, float] = {}
        for nb in submission.notebooks:
            for grade in nb.grades:
                spec = by_cell.get((nb.name, grade.name))
                grade.auto_score = spec.score if spec is not None else 0.0
                grade.needs_manual_grade = False
                task_scores[nb.name] = task_scores.get(nb.name, 0.0) + grade.auto_score
        for nb in submission.notebooks:  # the late penalty in points, spread over the tasks
            nb.late_submission_penalty = round(graded.get("penalty_fraction", 0.0) * task_scores.get(nb.name, 0.0), 4)
        gb.db.commit()
        self.record_run(graded)

    def record_run(self, graded: dict) -> None:
        """Append one row to the history table (every grading, also one that graded nothing)."""
        from .runner import WeekResult
        result = WeekResult.from_dict(graded["result"])
        submitted = _naive(_utc(graded["submitted_at"])) if graded.get("submitted_at") else None
        with self.gb.engine.begin() as conn:
            conn.execute(self.runs.insert().values(
                student=graded["student"], week=graded["week"], graded_at=_naive(_utc(graded["graded_at"])),
                submitted_at=submitted, time_source=graded.get("time_source"),
                days_late=graded.get("days_late", 0.0), penalty_fraction=graded.get("penalty_fraction", 0.0),
                penalty=graded.get("penalty", 0.0), score=result.score, max_score=result.max_score,
                fingerprint=graded.get("fingerprint"), source=str(graded.get("source", ""))[:1024],
                results=json.dumps(graded["result"], ensure_ascii=False)))

    def latest(self) -> dict[tuple[str, str], dict]:
        """The newest run that graded something, of every (student, week), with the results parsed:
        the run behind the student's current grades."""
        from sqlalchemy import func, select
        r = self.runs
        newest = select(func.max(r.c.id)).where(r.c.max_score > 0).group_by(r.c.student, r.c.week)
        with self.gb.engine.connect() as conn:
            rows = conn.execute(select(r).where(r.c.id.in_(newest))).mappings().all()
        out = {}
        for row in rows:
            d = dict(row)
            d["results"] = json.loads(d["results"])
            out[(d["student"], d["week"])] = d
        return out

    def history(self, student: str | None = None) -> list[dict]:
        from sqlalchemy import select
        r = self.runs
        q = select(r.c.id, r.c.student, r.c.week, r.c.graded_at, r.c.score, r.c.max_score, r.c.penalty,
                   r.c.fingerprint).order_by(r.c.id)
        if student:
            q = q.where(r.c.student == student)
        with self.gb.engine.connect() as conn:
            return [dict(x) for x in conn.execute(q).mappings().all()]


def _naive(d: dt.datetime | None) -> dt.datetime | None:
    """nbgrader stores naive UTC times."""
    return d.astimezone(UTC).replace(tzinfo=None) if d is not None and d.tzinfo else d


def cell_names(result) -> dict[str, str]:
    """Grade-cell name of every spec: its test name, made unique within its task if two files clash."""
    names: dict[str, str] = {}
    used: set[tuple[str, str]] = set()
    for s in sorted(result.specs, key=lambda s: s.nodeid):
        name = s.name
        if (s.task, name) in used:
            name = f"{Path(s.nodeid.split('::')[0]).stem}::{s.name}"
        used.add((s.task, name))
        names[s.nodeid] = name[:128]
    return names


# --------------------------------------------------------------------------- grade-submissions

def grade_submissions(folder: Path, weeks: list[str] | None = None, *, url: str | None = None, workers: int = 2,
                      device: str = "cpu", timeout: float | None = None, wall: float = 900.0,
                      memory_mb: int = 6144, specs_root: Path | None = None, data_dir: Path | None = None,
                      course: Course | None = None, progress: bool = True, log=sys.stderr) -> list[dict]:
    """Grade every submission of ``folder`` for ``weeks`` (default: every week with specs) into the gradebook."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"{folder} is not a folder of submissions")
    specs_root = Path(specs_root or paths.SPECS).resolve()
    weeks = weeks or paths.available_weeks(specs_root)
    if not weeks:
        raise ValueError(f"no weeks with specs under {specs_root}")
    course = course if course is not None else load_course()
    late = {"per_day": course.late.per_day, "cap": course.late.cap, "grace_minutes": course.late.grace_minutes}
    graded: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="ag-subs-") as tmp:
        subs, problems = find_submissions(folder, Path(tmp))
        for p in problems:
            print(f"warning: {p}", file=log)
        jobs = []
        for sub in subs:
            present = [w for w in weeks if (sub.target / w).is_dir()]
            if not present:
                print(f"warning: {sub.student}: none of {', '.join(weeks)} found in {sub.target}", file=log)
            for week in present:  # a week not handed in stays without a submission (empty in grades.csv)
                due = course.due.get(week)
                jobs.append({"student": sub.student, "week": week, "target": str(sub.target), "root": str(sub.root),
                             "device": device, "specs_root": str(specs_root),
                             "data_dir": str(data_dir) if data_dir else None, "timeout": timeout, "wall": wall,
                             "memory_mb": memory_mb, "due": due.isoformat() if due else None, "late": late})
        with Book(db_url(url)) as book, _progress(progress, len(jobs)) as bar:
            # Fresh single-threaded worker processes ("spawn"): each starts the grading child of its
            # student-week with fork + setsid, which is only safe from a process without other threads.
            ctx = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=max(1, workers), mp_context=ctx) as pool:
                futures = {pool.submit(grade_student_week, job): job for job in jobs}
                for fut in as_completed(futures):
                    job = futures[fut]
                    try:
                        out = fut.result()  # grade_student_week never raises; a lost worker does
                    except Exception as exc:
                        out = failed_result(job, f"the grading worker was lost: {type(exc).__name__}: {exc}")
                    try:
                        if not out["result"]["specs"]:  # nothing graded: keep the grades we had, log the attempt
                            print(f"warning: {job['student']} {job['week']} not graded: "
                                  f"{'; '.join(out['result']['errors']) or 'no specs ran'}", file=log)
                            book.record_run(out)
                        else:
                            book.record(out, course.due.get(job["week"]))
                    except Exception as exc:  # one bad write must not lose the other results
                        book.gb.db.rollback()
                        out["record_error"] = f"{type(exc).__name__}: {exc}"
                        print(f"warning: {job['student']} {job['week']} not recorded: {out['record_error']}", file=log)
                    graded.append(out)
                    r = out["result"]
                    bar.advance(f"{job['student']} {job['week']}: {r['score']:g}/{r['max_score']:g}")
    return graded


class _progress:
    """A rich progress bar (a plain counter when not on a terminal)."""

    def __init__(self, enabled: bool, total: int) -> None:
        self.enabled, self.total, self.done, self.bar = enabled, total, 0, None

    def __enter__(self) -> "_progress":
        if self.enabled:
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                       TimeElapsedColumn, TimeRemainingColumn)
            self.bar = Progress(TextColumn("grading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                TimeRemainingColumn(), TextColumn("{task.description}"), transient=False)
            self.bar.__enter__()
            self.task = self.bar.add_task("", total=self.total)
        return self

    def advance(self, note: str) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(self.task, advance=1, description=note)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def cmd_grade_submissions(args: argparse.Namespace) -> int:
    from .cli import _device, _weeks, sandbox_allowed
    if not sandbox_allowed(True, args.allow_unsandboxed):
        return 2
    specs_root = Path(args.specs).resolve() if args.specs else paths.SPECS
    weeks = _weeks(args.weeks, specs_root) if args.weeks else None
    graded = grade_submissions(Path(args.dir), weeks, url=args.db, workers=args.workers, device=_device(args.device),
                               timeout=args.timeout, wall=args.wall, memory_mb=args.memory, specs_root=specs_root,
                               data_dir=Path(args.data).resolve() if args.data else None,
                               course=load_course(Path(args.course)) if args.course else None,
                               progress=not args.quiet)
    students = sorted({g["student"] for g in graded})
    print(f"graded {len(graded)} student-weeks of {len(students)} students into {db_url(args.db)}")
    return 1 if any("record_error" in g for g in graded) else 0


# --------------------------------------------------------------------------- the command line

def register(sub) -> None:
    g = sub.add_parser("grade-submissions", help="grade a folder of submissions (one per student) into the gradebook")
    g.add_argument("dir", metavar="DIR", help="one subfolder or .zip per student, named by the student")
    g.add_argument("--weeks", nargs="+", metavar="WEEK", help="weeks to grade (default: all with specs)")
    g.add_argument("--db", metavar="URL", help="SQLAlchemy URL or SQLite file (default: gradebook.db)")
    g.add_argument("--workers", type=int, default=2, metavar="N", help="student-weeks graded at once (default 2)")
    g.add_argument("--device", choices=["auto", "cpu", "cuda"], default="cpu")
    g.add_argument("--timeout", type=float, default=None, metavar="S", help="time limit per spec without its own")
    g.add_argument("--wall", type=float, default=900.0, metavar="S", help="time limit per student-week")
    g.add_argument("--memory", type=int, default=6144, metavar="MB", help="memory limit of each grading process")
    g.add_argument("--course", metavar="FILE", help="due dates and late policy (default: course.yml)")
    g.add_argument("--quiet", action="store_true", help="no progress bar")
    g.add_argument("--allow-unsandboxed", action="store_true",
                   help="grade even where no sandbox can be made (the submissions' code then runs unsandboxed)")
    g.add_argument("--specs", help=argparse.SUPPRESS)
    g.add_argument("--data", help=argparse.SUPPRESS)
    g.set_defaults(func=cmd_grade_submissions)

    r = sub.add_parser("report", help="regenerate grades.csv, feedback pages and plots from the gradebook")
    r.add_argument("--db", metavar="URL", help="SQLAlchemy URL or SQLite file (default: gradebook.db)")
    r.add_argument("--out", required=True, metavar="DIR")
    r.set_defaults(func=lambda a: __import__("autograder.report", fromlist=["cmd"]).cmd(a))

    from . import release
    release.register(sub)
