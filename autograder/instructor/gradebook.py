"""The gradebook: nbgrader's tables plus ``autograder_runs``, in one database (SQLite file or any SQLAlchemy URL).

nbgrader's tables hold one assignment per week, one notebook per task and one grade cell per spec, so
``nbgrader export`` and nbgrader's score queries work. Grade cells and their maxima come only from the
grader's own collection (:mod:`.collection`): :meth:`Book.sync_week` adds the specs of the course and
removes cells of specs that are no longer in it (with their grades), so the week's maximum is always
the course's. The late penalty (in points) is stored in nbgrader's ``late_submission_penalty``.

``autograder_runs`` has a row per graded student-week with the full (checked) results, the hand-in
time, the penalty and a fingerprint of the code. Re-grading a student replaces their nbgrader grades
and adds a row, so the table is the history; reports read the newest row that graded something.
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
from .policy import naive_utc, utc

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

    # ------------------------------------------------------------------ grades

    def record(self, graded: Graded, specs: WeekSpecs, due: dt.datetime | None = None) -> Graded:
        """Write one student-week, checked against the collection: replace the student's grades for that
        week and append a history row. A grading that graded nothing only adds the row. Returns what
        was recorded."""
        why = check_student_id(graded.student)
        if why:
            raise ValueError(why)
        graded = graded.with_result(honest(graded.result, specs))
        if not graded.graded_something:
            self.record_run(graded)
            return graded
        from sqlalchemy.exc import SAWarning
        with warnings.catch_warnings():
            # nbgrader builds a submission's notebooks before adding them to its session; SQLAlchemy
            # warns about that autoflush, and the rows are written correctly all the same.
            warnings.simplefilter("ignore", SAWarning)
            self.sync_week(specs, due)
            self._record(graded, specs)
        self.record_run(graded)
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

    def record_run(self, graded: Graded) -> None:
        """Append one row to the history table (every grading, also one that graded nothing)."""
        result = graded.result
        with self.gb.engine.begin() as conn:
            conn.execute(self.runs.insert().values(
                student=graded.student, week=graded.week, graded_at=naive_utc(graded.graded_at),
                submitted_at=naive_utc(graded.submitted_at), time_source=graded.time_source,
                days_late=graded.days_late, penalty_fraction=graded.penalty_fraction, penalty=graded.penalty,
                score=result.score, max_score=result.max_score, fingerprint=graded.fingerprint,
                source=graded.source[:1024], results=json.dumps(result.to_dict(), ensure_ascii=False)))

    def latest(self) -> dict[tuple[str, str], Run]:
        """The newest run that graded something, of every (student, week): the run behind the current grades."""
        from sqlalchemy import func, select
        r = self.runs
        newest = select(func.max(r.c.id)).where(r.c.max_score > 0).group_by(r.c.student, r.c.week)
        with self.gb.engine.connect() as conn:
            rows = conn.execute(select(r).where(r.c.id.in_(newest))).mappings().all()
        out = {}
        for row in rows:
            d = dict(row)
            out[(d["student"], d["week"])] = Run(
                id=d["id"], student=d["student"], week=d["week"], graded_at=utc(d["graded_at"]),
                submitted_at=utc(d["submitted_at"]) if d["submitted_at"] else None,
                time_source=d["time_source"] or "missing", days_late=float(d["days_late"] or 0.0),
                penalty_fraction=float(d["penalty_fraction"] or 0.0), penalty=float(d["penalty"] or 0.0),
                score=float(d["score"]), max_score=float(d["max_score"]), fingerprint=d["fingerprint"],
                source=d["source"] or "", result=load_result(json.loads(d["results"])))
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
