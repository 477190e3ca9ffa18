"""Every week that has specs: the solutions earn full marks, the stubs earn nothing, and the rooms are clean.

These are the course's own gates: a spec that passes on a stub cannot fail, and a spec that fails on the
reference solution is wrong.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from helpers import ROOT, grade

from autograder import paths
from autograder.instructor.collection import collect_week

WEEKS = paths.available_weeks()
SPEC_FILES = sorted(paths.SPECS.glob("week[0-9][0-9]/test_*.py"))
STUB_FILES = sorted(paths.WEEKS.glob("week[0-9][0-9]/*.py"))


def _grade_week(week: str, target: str, tmp_path: Path) -> dict:
    proc, data = grade(week, "--target", target, "--device", "cpu", "--quiet", "--json", str(tmp_path / "r.json"))
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert data is not None and data["tests"], f"{week}: no specs were graded\n{proc.stderr[-3000:]}"
    return data


@pytest.mark.slow
@pytest.mark.parametrize("week", WEEKS)
def test_solutions_earn_full_marks(week, tmp_path):
    data = _grade_week(week, "solutions", tmp_path)
    lost = [f"{t['name']}: {t['score']}/{t['max_score']} {t['output'][:300]}" for t in data["tests"]
            if t["score"] < t["max_score"]]
    assert not lost, "\n".join(lost)
    assert "could not be collected" not in data["output"], data["output"]


@pytest.mark.slow
@pytest.mark.parametrize("week", WEEKS)
def test_stubs_earn_nothing(week, tmp_path):
    data = _grade_week(week, "weeks", tmp_path)
    earned = [f"{t['name']}: {t['score']}" for t in data["tests"] if t["score"] > 0]
    assert not earned, "specs that pass on a stub cannot fail:\n" + "\n".join(earned)
    slow = [t["name"] for t in data["tests"] if "Timed out" in t["output"] or "crashed" in t["output"]]
    assert not slow, f"a stub should fail at once, not hang or crash: {slow}"


def _functions(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def _is_stub_body(fn: ast.FunctionDef) -> bool:
    body = list(fn.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        body = body[1:]  # the docstring
    while body and isinstance(body[0], ast.Expr) and ast.unparse(body[0]).startswith("super().__init__("):
        body = body[1:]  # nn.Module stubs may call the parent constructor first
    if len(body) != 1 or not isinstance(body[0], ast.Raise):
        return False
    exc = body[0].exc
    name = exc.func if isinstance(exc, ast.Call) else exc
    return isinstance(name, ast.Name) and name.id == "NotImplementedError"


def _given(tree: ast.Module) -> set[str]:
    """Names a stub module hands to students ready-made: `__given__ = ("plot_walk", ...)`."""
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__given__" for t in node.targets):
            return set(ast.literal_eval(node.value))
    return set()


@pytest.mark.parametrize("stub", STUB_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_stubs_hold_no_solution_code(stub):
    tree = ast.parse(stub.read_text(encoding="utf-8"))
    given = _given(tree)
    leaky = [fn.name for fn in _functions(tree) if fn.name not in given and not _is_stub_body(fn)]
    assert not leaky, f"{stub}: these bodies must be just a docstring and `raise NotImplementedError`: {leaky}"
    undocumented = [fn.name for fn in tree.body if isinstance(fn, ast.FunctionDef)
                    and not fn.name.startswith("_") and not ast.get_docstring(fn)]
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        if not ast.get_docstring(cls):  # a class docstring may state the contract of all its methods
            undocumented += [f"{cls.name}.{m.name}" for m in cls.body if isinstance(m, ast.FunctionDef)
                             and not m.name.startswith("_") and not ast.get_docstring(m)]
    assert not undocumented, f"{stub}: public stubs need a docstring stating the contract: {undocumented}"


def _api(path: Path) -> dict[str, list[str]]:
    """Public functions, classes and methods of a module, with their argument names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    api: dict[str, list[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            api[node.name] = [a.arg for a in node.args.args + node.args.kwonlyargs]
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            api[node.name] = []
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and (not item.name.startswith("_") or item.name == "__init__"):
                    api[f"{node.name}.{item.name}"] = [a.arg for a in item.args.args + item.args.kwonlyargs]
    return api


@pytest.mark.parametrize("stub", STUB_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_solution_has_the_stub_api(stub):
    solution = paths.SOLUTIONS / stub.parent.name / stub.name
    assert solution.exists(), f"{solution} is missing"
    want, have = _api(stub), _api(solution)
    missing = {k: v for k, v in want.items() if k not in have}
    assert not missing, f"{solution} lacks {sorted(missing)}"
    differ = {k: (want[k], have[k]) for k in want if have[k] != want[k]}
    assert not differ, f"{solution}: signatures differ from the stub: {differ}"


@pytest.mark.parametrize("spec", SPEC_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_specs_are_well_formed(spec):
    text = spec.read_text(encoding="utf-8")
    tree = ast.parse(text)
    hidden_file = spec.stem.endswith("_hidden")
    module_hidden = any(isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "pytestmark"
                        for t in n.targets) and "hidden" in ast.unparse(n.value) for n in tree.body)
    assert module_hidden == hidden_file, f"{spec}: hidden specs live in *_hidden.py files, all of them marked hidden"
    if not hidden_file:
        assert "mark.hidden" not in text, f"{spec}: a public spec file marks something hidden"
    assert "solutions" not in text.replace("solutions/", ""), f"{spec}: specs never import the solutions"
    tests = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")]
    tests += [m for c in tree.body if isinstance(c, ast.ClassDef) for m in c.body
              if isinstance(m, ast.FunctionDef) and m.name.startswith("test_")]
    assert tests, f"{spec} holds no spec"
    undocumented = [t.name for t in tests if not ast.get_docstring(t)]
    assert not undocumented, f"{spec}: give each spec a one-line docstring (its title in the table): {undocumented}"


@pytest.mark.parametrize("week", WEEKS)
def test_each_week_is_a_room(week):
    room = paths.WEEKS / week
    assert (room / "README.md").exists(), f"{room} needs a README task sheet"
    extra = [p.name for p in room.iterdir() if p.suffix not in (".py", ".md") or p.name == "conftest.py"]
    assert not extra, f"{room} should hold only the task sheet and stubs: {extra}"
    readme = (room / "README.md").read_text(encoding="utf-8")
    assert f"make test-{week}" in readme, f"{room}/README.md should say how to run the week"


def _numbers(line: str) -> set[float]:
    """The numbers of a README line, leaving out task numbers ("Task 2", "(tasks 1-7)", "(T01, T08 Canny)")."""
    line = re.sub(r"\((?:tasks?\b|T\d)[^)]*\)|\bTask \d+", "", line, flags=re.IGNORECASE)
    return {float(n) for n in re.findall(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])", line)}


@pytest.mark.parametrize("week", WEEKS)
def test_readme_states_each_modules_points(week):
    """The task sheet's points for each module agree with its specs (public and hidden), as collected."""
    specs = collect_week(week)
    assert not specs.errors, specs.errors
    points: dict[str, list[float]] = {}
    for s in specs.specs:
        points.setdefault(s.task, [0.0, 0.0])[s.hidden] += s.points
    lines = (paths.WEEKS / week / "README.md").read_text(encoding="utf-8").splitlines()
    wrong = []
    for task, (public, hidden) in sorted(points.items()):
        named = [ln for ln in lines if (f"`{task}.py`" in ln or f"`{task}`" in ln)
                 and ("point" in ln or ln.lstrip()[:1] in ("|", "#"))]
        if not any({public, hidden} <= _numbers(ln) or (public + hidden in _numbers(ln) and "hidden" not in ln)
                   for ln in named):
            wrong.append(f"{task}.py: the specs give {public:g} public + {hidden:g} hidden; the README says "
                         + (" / ".join(ln.strip() for ln in named) or "nothing"))
    assert not wrong, f"weeks/{week}/README.md:\n" + "\n".join(wrong)
