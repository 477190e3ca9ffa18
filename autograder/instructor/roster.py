"""The class roster: who the gradebook's student ids are in the LMS (``roster:`` in course.yml).

A UTF-8 CSV file with a header row. Columns (any order, names ignoring case; only ``student`` is required):

| column | holds |
|---|---|
| ``student`` | the course id, as the submission folders are named (compared ignoring case) |
| ``name`` | the student's name as the LMS shows it |
| ``email`` | the email address of their LMS account (Moodle: *Email address*) |
| ``sis_user_id`` | the institution's id (Canvas: *SIS User ID*; Moodle: *ID number*) |
| ``sis_login_id`` | the institution's login (Canvas: *SIS Login ID*) |
| ``section`` | the section (Canvas: *Section*) |
| ``lms_id`` | the LMS's own user id (Canvas: *ID*) |

Every problem stops with an error that names the file and the line: a missing ``student`` column, an
unknown column, an empty or invalid id, an id listed twice.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, fields
from functools import cached_property
from pathlib import Path

from .intake import check_student_id


class RosterError(ValueError):
    """A roster that cannot be used as it is; the message names the file and the line."""


@dataclass(frozen=True)
class Person:
    student: str
    name: str = ""
    email: str = ""
    sis_user_id: str = ""
    sis_login_id: str = ""
    section: str = ""
    lms_id: str = ""


@dataclass(frozen=True)
class Roster:
    people: tuple[Person, ...]

    def find(self, student: str) -> Person | None:
        """The roster entry of a gradebook id (ignoring case), or None."""
        return self._by_id.get(student.lower())

    def missing(self, students: list[str]) -> list[str]:
        """The ids among ``students`` that the roster does not list."""
        return [s for s in students if self.find(s) is None]

    @cached_property
    def _by_id(self) -> dict[str, Person]:
        return {p.student.lower(): p for p in self.people}


COLUMNS = tuple(f.name for f in fields(Person))


def read_roster(path: Path) -> Roster:
    """The roster at ``path``, checked (see the module's docstring)."""
    path = Path(path)
    if not path.is_file():
        raise RosterError(f"roster {path} not found (course.yml's roster: is relative to course.yml)")
    with open(path, newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    if not rows:
        raise RosterError(f"roster {path.name} is empty: it needs a header row with a student column")
    header = [h.strip().lower() for h in rows[0]]
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise RosterError(f"roster {path.name}: unknown column(s) {', '.join(map(repr, unknown))}; "
                          f"the columns are {', '.join(COLUMNS)}")
    if "student" not in header:
        raise RosterError(f"roster {path.name}: no 'student' column (the course id of each student)")
    if len(set(header)) != len(header):
        raise RosterError(f"roster {path.name}: a column appears twice in the header")
    people: list[Person] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header)}
        student = values["student"]
        why = check_student_id(student) if student else "the student id is empty"
        if why:
            raise RosterError(f"roster {path.name}, line {line}: {why}")
        if student.lower() in seen:
            raise RosterError(f"roster {path.name}, line {line}: {student!r} is already on line "
                              f"{seen[student.lower()]} (ids are compared ignoring case)")
        seen[student.lower()] = line
        people.append(Person(**values))
    return Roster(tuple(people))
