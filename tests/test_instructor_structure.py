"""The instructor side's structure: one idea per module, imports that only go down, no cycles, no
os.environ edits, the defaults in one place, weeks discovered from the spec folders, one score table."""
from __future__ import annotations

import ast
import dataclasses
import io
import re
import subprocess
from pathlib import Path

import pytest
from helpers import ROOT

from autograder import defaults, paths

PKG = ROOT / "autograder"
ORDER = ["policy", "latedays", "intake", "roster", "jobs", "collection", "executors", "gradebook", "regrade", "grading",
         "reports", "lms", "similarity", "similarity_report", "crypto", "audit", "ci", "release", "commands"]


def _modules() -> dict[str, Path]:
    out = {}
    for p in PKG.rglob("*.py"):
        if "specs" in p.relative_to(PKG).parts or "__pycache__" in p.parts:
            continue
        parts = list(p.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = p
    return out


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                found.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in known else target)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {f for f in found if f in known and f != name}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_no_import_cycles_outside_the_boundary():
    mods = _modules()
    graph = {m: _imports(m, p, set(mods)) for m, p in mods.items()}
    cycles = [c for c in _cycles(graph) if not all(m.startswith("autograder.boundary.") for m in c)]
    assert cycles == []


def test_instructor_modules_import_only_down_the_list():
    mods = _modules()
    assert sorted(m.rsplit(".", 1)[1] for m in mods if m.startswith("autograder.instructor.")) == sorted(ORDER)
    for i, name in enumerate(ORDER):
        module = f"autograder.instructor.{name}"
        for dep in _imports(module, mods[module], set(mods)):
            if dep.startswith("autograder.instructor."):
                assert ORDER.index(dep.rsplit(".", 1)[1]) < i, f"{name} imports {dep}, which comes after it"
            assert dep not in ("autograder.cli", "autograder.plugin"), f"{name} imports {dep}"


def test_no_module_edits_os_environ():
    """No module changes the process's environment as a side effect (the runner sets the judge's, the sandbox
    the worker's, each in the child's own environment)."""
    edits = []
    for name, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = ast.unparse(node) if isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete, ast.Call)) else ""
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)) and re.search(r"os\.environ\[", text.split("=")[0]):
                edits.append(f"{name}: {text}")
            if isinstance(node, ast.Call) and re.match(r"os\.(environ\.(update|setdefault|pop|clear|popitem)|putenv|unsetenv)\(", text):
                edits.append(f"{name}: {text}")
    assert edits == []


def test_opening_a_gradebook_leaves_the_environment_alone(tmp_path):
    import os

    from autograder.instructor.gradebook import Book
    before = dict(os.environ)
    with Book(f"sqlite:///{tmp_path / 'new.db'}") as book:
        assert book.gb.db.execute(__import__("sqlalchemy").text("select version_num from alembic_version")).scalar()
    assert dict(os.environ) == before


def test_defaults_live_in_one_place():
    from autograder import cli, plugin
    from autograder.runner import Limits
    limits = Limits()
    assert (limits.wall, limits.memory_mb, limits.output_mb) == (defaults.WEEK_WALL, defaults.MEMORY_MB,
                                                                  defaults.OUTPUT_MB)
    assert plugin.DEFAULT_TIMEOUT == defaults.SPEC_TIMEOUT
    parser = cli.build_parser()
    grade = parser.parse_args(["grade", "01"])
    subs = parser.parse_args(["grade-submissions", "x"])
    assert (grade.device, grade.wall, grade.memory) == (defaults.GRADE_DEVICE, defaults.WEEK_WALL, defaults.MEMORY_MB)
    assert (subs.device, subs.wall, subs.memory, subs.workers, subs.executor) == (
        defaults.SUBMISSIONS_DEVICE, defaults.WEEK_WALL, defaults.MEMORY_MB, defaults.WORKERS, defaults.EXECUTOR)
    from autograder.instructor.jobs import Job
    job = Job(student="a", week="week01", target=Path("."))
    assert job.device == defaults.SUBMISSIONS_DEVICE and job.limits == limits


def test_weeks_come_from_the_spec_folders(tmp_path):
    weeks = paths.available_weeks()
    assert weeks and all(re.fullmatch(r"week\d\d", w) for w in weeks)
    assert paths.week_name(weeks[-1][4:]) == weeks[-1]
    for i in range(16, 19):
        (tmp_path / f"week{i}").mkdir()
    known = paths.available_weeks(tmp_path)
    assert paths.week_name("17", known) == "week17"
    with pytest.raises(ValueError, match="week16 … week18"):
        paths.week_name("2", known)
    make = subprocess.run(["make", "-pn", "-C", str(ROOT), "help"], capture_output=True, text=True)
    line = next(ln for ln in make.stdout.splitlines() if ln.startswith("WEEKS :="))
    assert line.split(":=")[1].split() == [w[4:] for w in weeks]


def test_job_and_result_are_typed_and_round_trip():
    import datetime as dt

    from autograder.instructor.jobs import Graded, Job
    from autograder.runner import SpecResult, WeekResult
    assert dataclasses.is_dataclass(Job) and dataclasses.is_dataclass(Graded)
    assert {f.name for f in dataclasses.fields(Job)} >= {"student", "week", "target", "limits", "due", "late",
                                                          "require_sandbox", "gpu"}
    spec = SpecResult("w/t.py::t", "t", "title", "task", 2.0, True, status="partial", score=1.0, message="m")
    g = Graded(student="a", week="week01", result=WeekResult("week01", "/x", "cpu", specs=[spec], notes=["n"]),
               submitted_at=dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc), penalty_fraction=0.5, penalty=0.5)
    back = Graded.from_dict(__import__("json").loads(__import__("json").dumps(g.to_dict())))
    assert back == g


def test_one_score_table_rendered_by_every_format():
    from rich.console import Console

    from autograder.runner import SpecResult, WeekResult
    from autograder.scoretable import (print_terminal, to_feedback_html, to_feedback_markdown, to_markdown,
                                       week_table)
    week = WeekResult("week03", "/x", "cpu", specs=[
        SpecResult("a::t1", "t1", "first check", "alpha", 2.0, False, status="passed", score=2.0),
        SpecResult("a::t2", "t2", "second check", "alpha", 4.0, False, status="partial", score=1.0, message="band"),
        SpecResult("b::t3", "t3", "third check", "beta", 1.0, True, status="timeout", message="Timed out")])
    table = week_table(week)
    assert [t.name for t in table.tasks] == ["alpha", "beta"] and (table.score, table.max_score) == (3.0, 7.0)
    buf = io.StringIO()
    print_terminal([table], Console(file=buf, width=160, color_system=None))
    outputs = [buf.getvalue(), to_markdown([table]), to_feedback_markdown("s", [table]), to_feedback_html("s", [table])]
    for text in outputs:
        for needle in ("first check", "second check", "third check", "1 / 4", "alpha", "beta"):
            assert needle in text
    source = (PKG / "instructor" / "reports.py").read_text() + (PKG / "results.py").read_text()
    assert "<tr" not in source.split("def index_html")[0] and "| ---" not in source  # no second table renderer
