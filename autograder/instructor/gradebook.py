"""The gradebook: nbgrader's tables plus ``autograder_runs``, in one database (SQLite file or any SQLAlchemy URL).

nbgrader's tables hold one assignment per week, one notebook per task and one grade cell per spec, so
``nbgrader export`` and nbgrader's score queries work. Grade cells and their maxima come only from the
grader's own collection (:mod:`.collection`): :meth:`Book.sync_week` adds the specs of the course and
removes cells of specs that are no longer in it (with their grades), so the week's maximum is always
the course's. The late penalty (in points) is stored in nbgrader's ``late_submission_penalty``.

``autograder_runs`` has a row per graded student-week with the full (checked) results, the hand-in
time, the penalty and a fingerprint of the code. Re-grading a student replaces their nbgrader grades
and adds a row, so the table is the history; reports read the newest row that graded something. Rows
written by ``grade-submissions`` also carry, in their results JSON under ``grading``, the batch id of
that run and each spec's version (older rows have neither; they read as ``None``).
"""
from __future__ import annotations

import datetime as dt
import json
import warnings
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..runner import WeekResult
from .collection import WeekSpecs, honest
from .intake import check_student_id
from .jobs import Graded, load_result
from .latedays import Allocation, allocate
from .policy import Course, naive_utc, utc

DEFAULT_DB = paths.ROOT / "gradebook.db"


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


@dataclass(frozen=True)
class Run:
    """One row of autograder_runs, with its results parsed."""
    id: int
    student: str
    week: str
    graded_at: dt.datetime
    submitted_at: dt.datetime | None
    time_source: str
    days_late: float
    penalty_fraction: float
    penalty: float
    score: float
    max_score: float
    fingerprint: str | None
    source: str
    result: WeekResult
    batch: str | None = None  # the grade-submissions run that made it; None: recorded before batch ids
    spec_versions: dict[str, str] | None = None  # node id -> spec version at grading; None: not recorded


GRADING_KEY = "grading"  # the results JSON's extra key: {"batch": ..., "spec_versions": {...}}


def _as_run(d: dict) -> Run:
    """A Run from one autograder_runs row (old rows without a batch or spec versions read as None)."""
    stored = json.loads(d["results"])
    extra = stored.get(GRADING_KEY) if isinstance(stored, dict) else None
    extra = extra if isinstance(extra, dict) else {}
    versions = extra.get("spec_versions")
    return Run(
        id=d["id"], student=d["student"], week=d["week"], graded_at=utc(d["graded_at"]),
        submitted_at=utc(d["submitted_at"]) if d["submitted_at"] else None,
        time_source=d["time_source"] or "missing", days_late=float(d["days_late"] or 0.0),
        penalty_fraction=float(d["penalty_fraction"] or 0.0), penalty=float(d["penalty"] or 0.0),
        score=float(d["score"]), max_score=float(d["max_score"]), fingerprint=d["fingerprint"],
        source=d["source"] or "", result=load_result(stored),
        batch=str(extra["batch"]) if extra.get("batch") else None,
        spec_versions={str(k): str(v) for k, v in versions.items()} if isinstance(versions, dict) else None)


def _open_gradebook(url: str):
    """nbgrader's Gradebook. A new database is stamped with alembic's head revision here, in-process:
    nbgrader itself would run the ``alembic`` command found on PATH."""
    from nbgrader.api import Base, Gradebook
    from sqlalchemy import create_engine, inspect, text
    engine = create_engine(url, future=True)
    try:
        if not inspect(engine).get_table_names():
            from alembic.script import ScriptDirectory
            from nbgrader.dbutil import ALEMBIC_DIR
            head = ScriptDirectory(ALEMBIC_DIR).get_current_head()
            Base.metadata.create_all(bind=engine)
            with engine.begin() as conn:
                conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
                conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": head})
    finally:
        engine.dispose()
    return Gradebook(url)


class Book:
    """nbgrader's Gradebook plus the autograder_runs table, in one database."""

    def __init__(self, url: str) -> None:
        from sqlalchemy import MetaData
        self.url = url
        self.gb = _open_gradebook(url)
        self.metadata = MetaData()
        self.runs = _runs_table(self.metadata)
        self.metadata.create_all(self.gb.engine)
        self._synced: set[tuple] = set()

    def close(self) -> None:
        self.gb.close()
        self.gb.engine.dispose()

    def __enter__(self) -> "Book":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ the course's specs

    def sync_week(self, specs: WeekSpecs, due: dt.datetime | None = None) -> None:
        """Make the week's assignment hold exactly the collected specs: add and update their grade cells,
        remove cells (and their grades) and notebooks of specs no longer in the course."""
        key = (specs.week, specs.specs, due)
        if key in self._synced:
            return
        with warnings.catch_warnings():
            from sqlalchemy.exc import SAWarning
            warnings.simplefilter("ignore", SAWarning)
            self._sync(specs, due)
        self._synced.add(key)

    def _sync(self, specs: WeekSpecs, due: dt.datetime | None) -> None:
        from nbgrader.api import MissingEntry
        gb, week = self.gb, specs.week
        assignment = gb.update_or_create_assignment(week, **({"duedate": naive_utc(due)} if due else {}))
        cells = specs.cells()
        wanted = {(s.task, cells[s.nodeid]): s.points for s in specs.specs}
        changed = False
        for nb in list(assignment.notebooks):
            for cell in list(nb.grade_cells):
                if (nb.name, cell.name) not in wanted:
                    for grade in list(cell.grades):
                        gb.db.delete(grade)
                    gb.db.delete(cell)
                    changed = True
        gb.db.commit()
        tasks = {task for task, _ in wanted}
        for nb in list(assignment.notebooks):
            if nb.name not in tasks:
                gb.remove_notebook(nb.name, week)
                changed = True
        for (task, name), points in wanted.items():
            try:
                gb.find_notebook(task, week)
            except MissingEntry:
                gb.add_notebook(task, week)
            cell = gb.update_or_create_grade_cell(name, task, week, max_score=points, cell_type="code")
            for grade in cell.grades:
                if grade.auto_score is not None and grade.auto_score > points:
                    grade.auto_score = points
                    changed = True
        gb.db.commit()
        if changed:
            self._reprice(week)

    def _reprice(self, week: str) -> None:
        """Late penalties of the week's submissions again, after their scores changed."""
        gb = self.gb
        gb.db.expire_all()
        fractions = {r.student: r.penalty_fraction for (s, w), r in self.latest().items() if w == week}
        for sub in gb.find_assignment(week).submissions:
            fraction = fractions.get(sub.student.id, 0.0)
            for nb in sub.notebooks:
                nb.late_submission_penalty = round(fraction * float(nb.score or 0.0), 4)
        gb.db.commit()

    def cells(self, week: str) -> dict[tuple[str, str], float]:
        """The week's grade cells: (task, cell name) -> points."""
        from nbgrader.api import MissingEntry
        try:
            assignment = self.gb.find_assignment(week)
        except MissingEntry:
            return {}
        return {(nb.name, c.name): float(c.max_score) for nb in assignment.notebooks for c in nb.grade_cells}

    # ------------------------------------------------------------------ late days

    def hand_ins(self, student: str | None = None) -> dict[str, dict[str, dt.datetime | None]]:
        """student -> week -> hand-in time, from the newest run that graded something (of one student, or all)."""
        from sqlalchemy import func, select
        r = self.runs
        newest = select(func.max(r.c.id)).where(r.c.max_score > 0)
        if student is not None:
            newest = newest.where(r.c.student == student)
        newest = newest.group_by(r.c.student, r.c.week)
        with self.gb.engine.connect() as conn:
            rows = conn.execute(select(r.c.student, r.c.week, r.c.submitted_at).where(r.c.id.in_(newest))).all()
        out: dict[str, dict[str, dt.datetime | None]] = {}
        for who, week, when in rows:
            out.setdefault(who, {})[week] = utc(when) if when else None
        return out

    def allocations(self, course: Course, runs: dict[tuple[str, str], Run] | None = None) -> dict[str, Allocation]:
        """Every student's late days and penalties, from the hand-in times of their newest runs (``runs``
        when the caller has read them already). The one place penalties are decided: grading stores them
        in nbgrader's tables, reports show them."""
        if runs is None:
            times = self.hand_ins()
        else:
            times = {}
            for (who, week), run in runs.items():
                times.setdefault(who, {})[week] = run.submitted_at
        return {who: allocate(course, who, weeks) for who, weeks in times.items()}

    def reprice(self, course: Course, students: list[str] | None = None) -> dict[str, Allocation]:
        """nbgrader's late_submission_penalty of these students' submissions (default: everyone's) again,
        from their late days: a re-grade of one week can move the late days, and so the penalties, of
        their later weeks. Returns the allocations used."""
        if students is None:
            allocations = self.allocations(course)
        else:
            allocations = {s: allocate(course, s, self.hand_ins(s).get(s, {})) for s in students}
        from nbgrader.api import Student
        gb = self.gb
        gb.db.expire_all()
        rows = gb.db.query(Student) if students is None else gb.db.query(Student).filter(Student.id.in_(students))
        for student_row in rows:
            late = allocations.get(student_row.id)
            for sub in student_row.submissions:
                if late is None or sub.assignment.name not in late.weeks:
                    continue  # no run behind it (another tool wrote it): its penalty stays
                fraction = late.fraction(sub.assignment.name)
                for nb in sub.notebooks:
                    nb.late_submission_penalty = round(fraction * float(nb.score or 0.0), 4)
        gb.db.commit()
        return allocations

    # ------------------------------------------------------------------ grades

    def record(self, graded: Graded, specs: WeekSpecs, due: dt.datetime | None = None, *,
               batch: str | None = None, versions: dict[str, str] | None = None) -> Graded:
        """Write one student-week, checked against the collection: replace the student's grades for that
        week and append a history row (with the grading's ``batch`` id and the ``versions`` of the specs).
        A grading that graded nothing only adds the row. Returns what was recorded."""
        why = check_student_id(graded.student)
        if why:
            raise ValueError(why)
        graded = graded.with_result(honest(graded.result, specs))
        if not graded.graded_something:
            self.record_run(graded, batch=batch, versions=versions)
            return graded
        from sqlalchemy.exc import SAWarning
        with warnings.catch_warnings():
            # nbgrader builds a submission's notebooks before adding them to its session; SQLAlchemy
            # warns about that autoflush, and the rows are written correctly all the same.
            warnings.simplefilter("ignore", SAWarning)
            self.sync_week(specs, due)
            self._record(graded, specs)
        self.record_run(graded, batch=batch, versions=versions)
        return graded

    def _record(self, graded: Graded, specs: WeekSpecs) -> None:
        from nbgrader.api import MissingEntry
        gb, week, student = self.gb, graded.week, graded.student
        gb.update_or_create_student(student)
        try:
            gb.remove_submission(week, student)
        except MissingEntry:
            pass
        submitted = naive_utc(graded.submitted_at)
        submission = gb.add_submission(week, student, **({"timestamp": submitted} if submitted else {}))
        cells = specs.cells()
        by_cell = {(s.task, cells[s.nodeid]): s for s in graded.result.specs}
        task_scores: dict[str, float] = {}
        for nb in submission.notebooks:
            for grade in nb.grades:
                spec = by_cell.get((nb.name, grade.name))
                grade.auto_score = spec.score if spec is not None else 0.0
                grade.needs_manual_grade = False
                task_scores[nb.name] = task_scores.get(nb.name, 0.0) + grade.auto_score
        for nb in submission.notebooks:  # the late penalty in points, spread over the tasks
            nb.late_submission_penalty = round(graded.penalty_fraction * task_scores.get(nb.name, 0.0), 4)
        gb.db.commit()

    def record_run(self, graded: Graded, *, batch: str | None = None, versions: dict[str, str] | None = None) -> None:
        """Append one row to the history table (every grading, also one that graded nothing). The batch id
        and the spec versions go into the results JSON under ``grading``, so older gradebooks need no new
        column and older readers ignore them."""
        result = graded.result
        stored = result.to_dict()
        if batch is not None or versions is not None:
            stored[GRADING_KEY] = {"batch": batch, "spec_versions": dict(versions) if versions is not None else None}
        with self.gb.engine.begin() as conn:
            conn.execute(self.runs.insert().values(
                student=graded.student, week=graded.week, graded_at=naive_utc(graded.graded_at),
                submitted_at=naive_utc(graded.submitted_at), time_source=graded.time_source,
                days_late=graded.days_late, penalty_fraction=graded.penalty_fraction, penalty=graded.penalty,
                score=result.score, max_score=result.max_score, fingerprint=graded.fingerprint,
                source=graded.source[:1024], results=json.dumps(stored, ensure_ascii=False)))

    def latest(self) -> dict[tuple[str, str], Run]:
        """The newest run that graded something, of every (student, week): the run behind the current grades."""
        from sqlalchemy import func, select
        r = self.runs
        newest = select(func.max(r.c.id)).where(r.c.max_score > 0).group_by(r.c.student, r.c.week)
        with self.gb.engine.connect() as conn:
            rows = conn.execute(select(r).where(r.c.id.in_(newest))).mappings().all()
        return {(run.student, run.week): run for run in map(_as_run, map(dict, rows))}

    def run_rows(self, student: str | None = None, ids: list[int] | None = None) -> list[Run]:
        """Every run (also those that graded nothing), oldest first: of one student, or with the given ids."""
        from sqlalchemy import select
        r = self.runs
        q = select(r).order_by(r.c.id)
        if student is not None:
            q = q.where(r.c.student == student)
        if ids is not None:
            q = q.where(r.c.id.in_(ids))
        with self.gb.engine.connect() as conn:
            return [_as_run(dict(row)) for row in conn.execute(q).mappings().all()]

    def previous_runs(self) -> dict[tuple[str, str], Run]:
        """The graded run before the newest one, of every (student, week) graded at least twice."""
        from sqlalchemy import select
        r = self.runs
        with self.gb.engine.connect() as conn:
            rows = conn.execute(select(r.c.id, r.c.student, r.c.week).where(r.c.max_score > 0).order_by(r.c.id)).all()
        ids: dict[tuple[str, str], list[int]] = {}
        for id_, student, week in rows:
            ids.setdefault((student, week), []).append(id_)
        wanted = [found[-2] for found in ids.values() if len(found) > 1]
        chunks = [wanted[i:i + 500] for i in range(0, len(wanted), 500)]  # within any database's bind limit
        return {(run.student, run.week): run for chunk in chunks for run in self.run_rows(ids=chunk)}

    def history(self, student: str | None = None) -> list[dict]:
        from sqlalchemy import select
        r = self.runs
        q = select(r.c.id, r.c.student, r.c.week, r.c.graded_at, r.c.score, r.c.max_score, r.c.penalty,
                   r.c.fingerprint).order_by(r.c.id)
        if student:
            q = q.where(r.c.student == student)
        with self.gb.engine.connect() as conn:
            return [dict(x) for x in conn.execute(q).mappings().all()]
