"""LMS exports: the gradebook CSV that Canvas or Moodle imports, from the report's scores and the roster.

One row per roster entry, in the roster's order, one column per week (the week's score after the late
penalty; empty for a week not handed in, so the LMS keeps whatever it has). Every cell is escaped like
grades.csv (:func:`.reports.csv_cell`).

* Canvas (Grades > Import): ``Student, ID, SIS User ID, SIS Login ID, Section`` and a column per week,
  then a ``Points Possible`` row with the weeks' maxima, as Canvas's own export writes it. Canvas finds
  each student by ``ID`` (the roster's ``lms_id``), else the SIS ids, else the name; a week column whose
  title matches no assignment becomes a new assignment.
* Moodle (Grades > Import > CSV file): ``ID number`` and ``Email address`` and a column per week. On the
  import page choose *Map from* one of the two and *Map to* the same field, and map each week column to
  its grade item (or a new one). Moodle stops the whole import at a row whose identifier is empty, so
  such rows are reported.

A gradebook student the roster lacks is never dropped silently: :func:`export` returns them and the
``report`` command prints them (summary.md lists them too).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from .reports import ClassData, csv_cell
from .roster import Roster

KINDS = ("canvas", "moodle")


@dataclass
class Export:
    kind: str
    path: Path
    rows: int  # student rows written
    not_exported: list[str] = field(default_factory=list)  # gradebook students with no roster entry
    problems: list[str] = field(default_factory=list)  # roster entries the LMS may not identify


def _score(x: float | None) -> str:
    return "" if x is None else f"{round(x, 2):g}"


def match(data: ClassData, roster: Roster) -> tuple[dict[str, str | None], list[str], list[str]]:
    """Roster id -> gradebook id (None: no grades yet), the gradebook ids no roster entry takes, and problems.
    Ids are compared ignoring case; an exact match wins when two gradebook ids differ only in case."""
    by_lower: dict[str, list[str]] = {}
    for s in data.students:
        by_lower.setdefault(s.lower(), []).append(s)
    taken: dict[str, str | None] = {}
    problems: list[str] = []
    for person in roster.people:
        found = by_lower.get(person.student.lower(), [])
        if person.student in found or len(found) == 1:
            taken[person.student] = person.student if person.student in found else found[0]
            continue
        taken[person.student] = None
        if found:
            problems.append(f"{person.student}: the gradebook has {', '.join(found)}, which differ only in case; "
                            "none was exported for this roster entry")
    used = {s for s in taken.values() if s is not None}
    return taken, [s for s in data.students if s not in used], problems


def canvas_rows(data: ClassData, roster: Roster, taken: dict[str, str | None]) -> tuple[list[list[str]], list[str]]:
    rows = [["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *data.weeks],
            ["Points Possible", "", "", "", "", *(_score(data.max[w]) for w in data.weeks)]]
    problems = [f"{p.student}: no lms_id, sis_user_id, sis_login_id or name in the roster: Canvas cannot find them"
                for p in roster.people if not (p.lms_id or p.sis_user_id or p.sis_login_id or p.name)]
    for p in roster.people:
        rows.append([p.name, p.lms_id, p.sis_user_id, p.sis_login_id, p.section, *_cells(data, taken[p.student])])
    return rows, problems


def moodle_rows(data: ClassData, roster: Roster, taken: dict[str, str | None]) -> tuple[list[list[str]], list[str]]:
    rows = [["ID number", "Email address", *data.weeks]]
    problems = []
    for column, attr in (("email address", "email"), ("ID number", "sis_user_id")):
        lacking = [p.student for p in roster.people if not getattr(p, attr)]
        if lacking:
            problems.append(f"no {column} in the roster for {', '.join(lacking)}: Moodle stops an import mapped "
                            f"by {column} at such a row")
    for p in roster.people:
        rows.append([p.sis_user_id, p.email, *_cells(data, taken[p.student])])
    return rows, problems


def _cells(data: ClassData, student: str | None) -> list[str]:
    if student is None:
        return ["" for _ in data.weeks]
    return [_score(data.scores[student][w]) for w in data.weeks]


def export(kind: str, data: ClassData, roster: Roster, out: Path) -> Export:
    """Write ``out/<kind>.csv`` for the LMS ``kind`` (canvas or moodle)."""
    if kind not in KINDS:
        raise ValueError(f"unknown LMS {kind!r}: choose one of {', '.join(KINDS)}")
    taken, not_exported, problems = match(data, roster)
    rows, more = (canvas_rows if kind == "canvas" else moodle_rows)(data, roster, taken)
    path = Path(out) / f"{kind}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([[csv_cell(c) for c in row] for row in rows])
    return Export(kind=kind, path=path, rows=len(roster.people), not_exported=not_exported, problems=problems + more)

