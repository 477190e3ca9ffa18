"""The grader's own collection of a week's specs, made on the head node, and results checked against it.

:func:`collect` asks pytest (with the autograder plugin, ``--collect-only``) which specs a week has,
their tasks, titles and points. It imports the spec files, never a submission. The gradebook takes its
grade cells and maxima from this collection only; :func:`honest` makes a graded result agree with it:

* a result for a spec the grader did not collect is dropped (with a note);
* titles, tasks, points and hidden flags are the collection's, whatever the result says;
* a status outside the closed set reads as ``failed``; a score is clamped to ``[0, points]``;
* a collected spec without a result is ``not run`` and scores 0.

:func:`gpu_weeks` names the weeks whose specs take the ``device`` fixture: those can run on GPU workers.
"""
from __future__ import annotations

import ast
import json
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..runner import SpecResult, WeekResult, child_env
from ..scoretable import status_of

MESSAGE_LIMIT = 4000
OUTPUT_LIMIT = 4000


@dataclass(frozen=True)
class SpecInfo:
    nodeid: str
    name: str
    title: str
    task: str
    points: float
    hidden: bool


@dataclass(frozen=True)
class WeekSpecs:
    week: str
    specs: tuple[SpecInfo, ...]
    errors: tuple[str, ...] = ()

    @property
    def max_score(self) -> float:
        return round(sum(s.points for s in self.specs), 4)

    def cells(self) -> dict[str, str]:
        """Grade-cell name of every spec (by node id): its test name, made unique within its task."""
        names: dict[str, str] = {}
        used: set[tuple[str, str]] = set()
        for s in sorted(self.specs, key=lambda s: s.nodeid):
            name = s.name
            if (s.task, name) in used:
                name = f"{Path(s.nodeid.split('::')[0]).stem}::{s.name}"
            used.add((s.task, name))
            names[s.nodeid] = name[:128]
        return names


def spec_files(week_dir: Path) -> list[Path]:
    return sorted(p for p in week_dir.rglob("test_*.py") if "__pycache__" not in p.parts)


def collect_week(week: str, specs_root: Path | None = None, timeout: float = 600.0) -> WeekSpecs:
    """Collect one week's specs in a child pytest (the plugin's own ``collected`` event)."""
    specs_root = Path(specs_root or paths.SPECS).resolve()
    files = spec_files(specs_root / week)
    if not files:
        return WeekSpecs(week, (), (f"no spec files under {specs_root / week}",))
    with tempfile.TemporaryDirectory(prefix=f"ag-collect-{week}-") as tmp:
        tmpdir = Path(tmp)
        (tmpdir / "empty").mkdir()
        events = tmpdir / "events.jsonl"
        cmd = [sys.executable, "-m", "pytest", *map(str, files), "-p", "autograder.plugin", "-p", "no:cacheprovider",
               "-p", "no:randomly", "--noconftest", "-c", str(paths.GRADER / "pytest.ini"), "--rootdir",
               str(specs_root), "--collect-only", "-q", "--ag-target", str(tmpdir / "empty"),
               "--ag-events", str(events), "--basetemp", str(tmpdir / "base")]
        proc = subprocess.run(cmd, cwd=tmpdir, env=child_env(), capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
        specs: list[SpecInfo] = []
        errors: list[str] = []
        if events.exists():
            for line in events.read_text(encoding="utf-8").splitlines():
                ev = json.loads(line)
                if ev.get("event") == "collected":
                    specs += [SpecInfo(nodeid=s["nodeid"], name=s["name"], title=s["title"], task=s["task"],
                                       points=float(s["points"]), hidden=bool(s["hidden"])) for s in ev["specs"]]
                elif ev.get("event") == "collect_error":
                    errors.append(f"spec file could not be collected ({ev['nodeid']})")
        if not specs and not errors:
            errors.append(f"collecting {week} failed (exit {proc.returncode}): {proc.stdout[-800:]}{proc.stderr[-800:]}")
    return WeekSpecs(week, tuple(specs), tuple(errors))


def collect(weeks: list[str], specs_root: Path | None = None, workers: int = 2) -> dict[str, WeekSpecs]:
    """The collection of every week of ``weeks`` (a child pytest per week, ``workers`` at a time)."""
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        found = list(pool.map(lambda w: collect_week(w, specs_root), weeks))
    return {w.week: w for w in found}


def honest(result: WeekResult, specs: WeekSpecs) -> WeekResult:
    """``result`` made to agree with the grader's own collection (see the module's docstring)."""
    if not result.specs:
        return WeekResult(week=specs.week, target=str(result.target), device=str(result.device),
                          errors=[str(e) for e in result.errors], notes=[str(n) for n in result.notes],
                          duration=_number(result.duration))
    got = {}
    for s in result.specs:
        got.setdefault(str(s.nodeid), s)
    notes = [str(n) for n in result.notes]
    known = {s.nodeid for s in specs.specs}
    for nodeid in got:
        if nodeid not in known:
            notes.append(f"a result for {nodeid[:200]!r}, which is not a spec of {specs.week}, was ignored")
    out: list[SpecResult] = []
    for info in specs.specs:
        r = got.get(info.nodeid)
        if r is None:
            out.append(SpecResult(info.nodeid, info.name, info.title, info.task, info.points, info.hidden,
                                  status="not run", message="Not run: no result came back for this spec."))
            continue
        score = min(max(_number(r.score), 0.0), info.points)
        out.append(SpecResult(info.nodeid, info.name, info.title, info.task, info.points, info.hidden,
                              status=status_of(r.status), score=round(score, 4),
                              message=str(r.message or "")[:MESSAGE_LIMIT], output=str(r.output or "")[:OUTPUT_LIMIT],
                              duration=_number(r.duration)))
    return WeekResult(week=specs.week, target=str(result.target), device=str(result.device), specs=out,
                      errors=[str(e) for e in result.errors], notes=notes, duration=_number(result.duration))


def _number(value: object) -> float:
    """A finite float, or 0."""
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
    return x if x == x and abs(x) != float("inf") else 0.0


def _takes_device(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
            if any(a.arg == "device" for a in node.args.args + node.args.kwonlyargs):
                return True
    return False


def gpu_weeks(weeks: list[str], specs_root: Path | None = None) -> list[str]:
    """Weeks with a spec that takes the ``device`` fixture (read as syntax trees, never run)."""
    specs_root = Path(specs_root or paths.SPECS)
    found = []
    for week in weeks:
        for f in spec_files(specs_root / week):
            try:
                if _takes_device(ast.parse(f.read_bytes())):
                    found.append(week)
                    break
            except (SyntaxError, ValueError):
                continue
    return found
