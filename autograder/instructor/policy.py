"""The course policy from ``course.yml``: due dates, extensions, the late penalty, late days, the roster.

A week without a due date is never late. A student's extension replaces the week's due date for that
student only. The penalty is ``penalty_per_day`` of the earned points per started day after the due
date and its grace minutes, at most ``cap``; each late day a student has left waives one of those days
(:mod:`.latedays` spends them). Every value is checked when the file is read, and a wrong one stops
with an error that names it.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths

COURSE_FILE = paths.ROOT / "course.yml"
UTC = dt.timezone.utc


@dataclass(frozen=True)
class LatePolicy:
    per_day: float = 0.0  # fraction of the earned points lost per started day late
    cap: float = 1.0  # never lose more than this fraction
    grace_minutes: float = 0.0
    late_days: int = 0  # each student's budget of late days, unless the course gives them another


@dataclass(frozen=True)
class Course:
    due: dict[str, dt.datetime] = field(default_factory=dict)
    late: LatePolicy = LatePolicy()
    extensions: dict[str, dict[str, dt.datetime]] = field(default_factory=dict)  # student (lower case) -> week -> due
    budgets: dict[str, int] = field(default_factory=dict)  # student (lower case) -> late days, overriding the default
    roster: Path | None = None  # the class list for LMS exports (read by :mod:`.roster`)

    def due_for(self, student: str, week: str) -> dt.datetime | None:
        """The week's due date for this student: their extension if they have one, else the course's."""
        return self.extensions.get(student.lower(), {}).get(week) or self.due.get(week)

    def late_day_budget(self, student: str) -> int:
        return self.budgets.get(student.lower(), self.late.late_days)

    @property
    def has_late_days(self) -> bool:
        """Whether anyone has late days to spend (reports then show them)."""
        return self.late.late_days > 0 or any(self.budgets.values())

    def penalty_fraction(self, week: str, submitted: dt.datetime | None) -> tuple[float, float]:
        """(days late, fraction of the earned points lost) for a submission of ``week`` at ``submitted``,
        by the course's due date and before any late day."""
        return penalty_fraction(self.due.get(week), self.late, submitted)


def lateness(due: dt.datetime | None, late: LatePolicy, submitted: dt.datetime | None) -> tuple[float, int]:
    """(days late, rounded to 3 decimals; started days late) past ``due`` and the grace minutes."""
    if due is None or submitted is None:
        return 0.0, 0
    late_s = (submitted - due).total_seconds() - late.grace_minutes * 60
    if late_s <= 0:
        return 0.0, 0
    return round(late_s / 86400, 3), math.ceil(late_s / 86400)


def day_penalty(late: LatePolicy, days: int) -> float:
    """The share of the earned points lost for ``days`` started days late that no late day covers."""
    return min(late.cap, late.per_day * days) if days > 0 else 0.0


def penalty_fraction(due: dt.datetime | None, late: LatePolicy, submitted: dt.datetime | None) -> tuple[float, float]:
    days_late, days = lateness(due, late, submitted)
    return days_late, day_penalty(late, days)


def utc(value) -> dt.datetime:
    """A datetime in UTC from a datetime, a date (end of that day) or an ISO string; naive means UTC."""
    if isinstance(value, dt.datetime):
        d = value
    elif isinstance(value, dt.date):
        d = dt.datetime.combine(value, dt.time(23, 59, 59))
    else:
        text = str(value).strip()
        try:
            return utc(dt.date.fromisoformat(text))
        except ValueError:
            d = dt.datetime.fromisoformat(text)
    return d.replace(tzinfo=UTC) if d.tzinfo is None else d.astimezone(UTC)


def naive_utc(d: dt.datetime | None) -> dt.datetime | None:
    """nbgrader stores naive UTC times."""
    return d.astimezone(UTC).replace(tzinfo=None) if d is not None and d.tzinfo else d


# --------------------------------------------------------------------------- reading course.yml

class CourseError(ValueError):
    """A value of course.yml that cannot be used; the message names it."""


def _week_key(key: object, where: str = "due") -> str:
    m = re.fullmatch(r"(?:week)?0*(\d{1,2})", str(key).strip().lower())
    if not m or int(m.group(1)) == 0:
        raise CourseError(f"course.yml: {key!r} under {where}: is not a week (week01, 01 or 1)")
    return f"week{int(m.group(1)):02d}"


def _date(value: object, where: str) -> dt.datetime:
    if value is None or isinstance(value, bool):
        raise CourseError(f"course.yml: {where} has no date")
    try:
        return utc(value)
    except (TypeError, ValueError):
        raise CourseError(f"course.yml: {where}: {value!r} is not a date (ISO 8601, e.g. "
                          "2027-03-04T23:59:00+00:00, or 2027-03-04 for the end of that day)") from None


def _days(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise CourseError(f"course.yml: {where} must be a whole number of days, 0 or more (got {value!r})")
    return value


def _number(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise CourseError(f"course.yml: {where} must be a number, 0 or more (got {value!r})")
    return float(value)


def _mapping(value: object, where: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise CourseError(f"course.yml: {where} must be a mapping (key: value lines), got {value!r}")
    return value


def _students(raw: dict, where: str) -> dict[str, object]:
    """A mapping keyed by student id, folded to lower case (ids are compared ignoring case)."""
    out: dict[str, object] = {}
    for key, value in raw.items():
        student = str(key).strip()
        if not student:
            raise CourseError(f"course.yml: an empty student id under {where}:")
        if student.lower() in out:
            raise CourseError(f"course.yml: {student!r} appears twice under {where}: (ids are compared ignoring case)")
        out[student.lower()] = value
    return out


def _loader():
    """YAML's safe loader, reading dates as text so that each is checked here with a message naming it."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    return Loader


def load_course(path: Path | None = None) -> Course:
    """The course policy from ``course.yml`` (no file: nothing is late). Raises :class:`CourseError` on a
    value that cannot be used."""
    path = Path(path or COURSE_FILE)
    if not path.exists():
        return Course()
    import yaml
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_loader()) or {}
    except yaml.YAMLError as exc:
        raise CourseError(f"{path.name} is not valid YAML: {exc}") from None
    raw = _mapping(raw, "the file")
    late = _mapping(raw.get("late_policy"), "late_policy")
    policy = LatePolicy(per_day=_number(late.get("penalty_per_day", 0.0), "late_policy: penalty_per_day"),
                        cap=_number(late.get("cap", 1.0), "late_policy: cap"),
                        grace_minutes=_number(late.get("grace_minutes", 0.0), "late_policy: grace_minutes"),
                        late_days=_days(late.get("late_days", 0), "late_policy: late_days"))
    due = {_week_key(k): _date(v, f"due: {k}") for k, v in _mapping(raw.get("due"), "due").items() if v}
    extensions: dict[str, dict[str, dt.datetime]] = {}
    for student, weeks in _students(_mapping(raw.get("extensions"), "extensions"), "extensions").items():
        where = f"extensions: {student}"
        extensions[student] = {}
        for key, value in _mapping(weeks, where).items():
            week = _week_key(key, where)
            if week not in due:
                raise CourseError(f"course.yml: {where}: {week} has no due date under due:, so it cannot be extended")
            extensions[student][week] = _date(value, f"{where}: {key}")
    budgets = {student: _days(v, f"late_day_budgets: {student}")
               for student, v in _students(_mapping(raw.get("late_day_budgets"), "late_day_budgets"),
                                           "late_day_budgets").items()}
    roster = raw.get("roster")
    if roster is not None and (not isinstance(roster, str) or not roster.strip()):
        raise CourseError(f"course.yml: roster must be a file name (relative to course.yml), got {roster!r}")
    return Course(due=due, late=policy, extensions=extensions, budgets=budgets,
                  roster=(path.parent / roster.strip()).resolve() if roster else None)
