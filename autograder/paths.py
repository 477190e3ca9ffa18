"""Where things live, and how a week is named."""
from __future__ import annotations

import re
from pathlib import Path

GRADER = Path(__file__).resolve().parent
ROOT = GRADER.parent
SPECS = GRADER / "specs"
DATA = ROOT / "DATA"
WEEKS = ROOT / "weeks"
SOLUTIONS = ROOT / "solutions"


def week_name(text: str, known: list[str] | None = None) -> str:
    """'week02', '02' and '2' all name week02. The weeks are those with a spec folder (``known``, by
    default every ``autograder/specs/weekNN``): the course decides how many it has, not this function."""
    known = available_weeks() if known is None else known
    m = re.fullmatch(r"(?:week)?0*(\d{1,2})", text.strip().lower())
    week = f"week{int(m.group(1)):02d}" if m else ""
    if week not in known:
        span = f"{known[0]} … {known[-1]}, {known[0][4:]} … {known[-1][4:]}, or all" if known else "none yet"
        raise ValueError(f"{text!r} is not a week with specs (weeks: {span})")
    return week


def available_weeks(specs_root: Path = SPECS) -> list[str]:
    """The weeks of the course: every ``weekNN`` folder under ``specs_root``."""
    return sorted(p.name for p in Path(specs_root).glob("week[0-9][0-9]") if p.is_dir())


def resolve_target(target: str) -> Path:
    """weeks, solutions, or a folder laid out like weeks/ (a whole repository clone works too)."""
    if target == "weeks":
        return WEEKS
    if target == "solutions":
        return SOLUTIONS
    path = Path(target).expanduser().resolve()
    if not path.is_dir():
        raise ValueError(f"target {target!r} is not a folder")
    if not any(path.glob("week[0-9][0-9]")) and (path / "weeks").is_dir():
        return path / "weeks"
    return path
