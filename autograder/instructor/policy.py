"""The course policy: due dates and the late penalty, from ``course.yml``.

A week without a due date is never late. The penalty is ``penalty_per_day`` of the earned points per
started day after the due date and its grace minutes, at most ``cap``.
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


@dataclass(frozen=True)
class Course:
    due: dict[str, dt.datetime] = field(default_factory=dict)
    late: LatePolicy = LatePolicy()

    def penalty_fraction(self, week: str, submitted: dt.datetime | None) -> tuple[float, float]:
        """(days late, fraction of the earned points lost) for a submission of ``week`` at ``submitted``."""
        return penalty_fraction(self.due.get(week), self.late, submitted)


def penalty_fraction(due: dt.datetime | None, late: LatePolicy, submitted: dt.datetime | None) -> tuple[float, float]:
    if due is None or submitted is None:
        return 0.0, 0.0
    late_s = (submitted - due).total_seconds() - late.grace_minutes * 60
    if late_s <= 0:
        return 0.0, 0.0
    days = late_s / 86400
    return round(days, 3), min(late.cap, late.per_day * math.ceil(days))


def utc(value) -> dt.datetime:
    """A datetime in UTC from a datetime, a date (end of that day) or an ISO string; naive means UTC."""
    if isinstance(value, dt.datetime):
        d = value
    elif isinstance(value, dt.date):
        d = dt.datetime.combine(value, dt.time(23, 59, 59))
    else:
        d = dt.datetime.fromisoformat(str(value).strip())
    return d.replace(tzinfo=UTC) if d.tzinfo is None else d.astimezone(UTC)


def naive_utc(d: dt.datetime | None) -> dt.datetime | None:
    """nbgrader stores naive UTC times."""
    return d.astimezone(UTC).replace(tzinfo=None) if d is not None and d.tzinfo else d


def _week_key(key: object) -> str:
    m = re.fullmatch(r"(?:week)?0*(\d{1,2})", str(key).strip().lower())
    if not m or int(m.group(1)) == 0:
        raise ValueError(f"course.yml: {key!r} under due: is not a week (week01, 01 or 1)")
    return f"week{int(m.group(1)):02d}"


def load_course(path: Path | None = None) -> Course:
    """Due dates and the late policy from ``course.yml`` (no file: nothing is late)."""
    path = Path(path or COURSE_FILE)
    if not path.exists():
        return Course()
    import yaml
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    late = raw.get("late_policy") or {}
    policy = LatePolicy(per_day=float(late.get("penalty_per_day", 0.0)), cap=float(late.get("cap", 1.0)),
                        grace_minutes=float(late.get("grace_minutes", 0.0)))
    due = {_week_key(k): utc(v) for k, v in (raw.get("due") or {}).items() if v}
    return Course(due=due, late=policy)
