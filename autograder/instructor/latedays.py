"""Late days: how a student's budget is spent over their weeks, and the penalty left on each week.

:func:`allocate` is a pure function of the course policy, the student and the hand-in time of each of
their weeks. Weeks are taken in the order they fall due for that student (their extension, if any,
replaces the week's due date), ties by week name. A week ``n`` started days late (past the due date and
the grace minutes) takes ``min(n, days left)`` late days; the days no late day covers are penalised as
usual (``penalty_per_day`` each, at most ``cap``). Because spending depends on every week of the
student, grading and reports both call this on the student's newest runs.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from .policy import UTC, Course, day_penalty, lateness

_NEVER = dt.datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class WeekLate:
    """One week of one student: how late, the late days it took, and the share of the points lost."""
    week: str
    due: dt.datetime | None  # the student's due date (their extension, else the course's)
    submitted: dt.datetime | None
    days_late: float  # past the due date and the grace minutes, in days (3 decimals)
    days: int  # started days late
    late_days: int  # late days spent on this week
    fraction: float  # share of the earned points lost

    @property
    def penalised_days(self) -> int:
        return self.days - self.late_days


@dataclass(frozen=True)
class Allocation:
    """A student's late days over all their weeks."""
    student: str
    budget: int
    weeks: dict[str, WeekLate]

    @property
    def used(self) -> int:
        return sum(w.late_days for w in self.weeks.values())

    @property
    def left(self) -> int:
        return self.budget - self.used

    def fraction(self, week: str) -> float:
        """The share of the week's earned points lost (0 for a week not handed in)."""
        late = self.weeks.get(week)
        return late.fraction if late is not None else 0.0

    def summary(self) -> str:
        """One line for the student's feedback page."""
        spent = ", ".join(f"{w.week}: {w.late_days}" for w in self.weeks.values() if w.late_days)
        return (f"Late days: {self.used} of {self.budget} used" + (f" ({spent})" if spent else "")
                + f", {self.left} left.")


def allocate(course: Course, student: str, submitted: Mapping[str, dt.datetime | None]) -> Allocation:
    """Spend ``student``'s late days over the weeks of ``submitted`` (week -> hand-in time)."""
    budget = course.late_day_budget(student)
    dues = {week: course.due_for(student, week) for week in submitted}
    order = sorted(submitted, key=lambda w: (dues[w] is None, dues[w] or _NEVER, w))  # undated weeks are never late
    left = budget
    weeks: dict[str, WeekLate] = {}
    for week in order:
        days_late, days = lateness(dues[week], course.late, submitted[week])
        spent = min(left, days)
        left -= spent
        weeks[week] = WeekLate(week=week, due=dues[week], submitted=submitted[week], days_late=days_late, days=days,
                               late_days=spent, fraction=day_penalty(course.late, days - spent))
    return Allocation(student=student, budget=budget, weeks=weeks)
