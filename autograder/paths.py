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


def week_name(text: str) -> str:
    """'week02', '02' and '2' all name week02."""
    m = re.fullmatch(r"(?:week)?0*(\d{1,2})", text.strip().lower())
    if not m or not 1 <= int(m.group(1)) <= 15:
        raise ValueError(f"{text!r} is not a week: use week01 … week15, 01 … 15, or all")
    return f"week{int(m.group(1)):02d}"


def available_weeks(specs_root: Path = SPECS) -> list[str]:
    return sorted(p.name for p in specs_root.glob("week[0-9][0-9]") if p.is_dir())


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
