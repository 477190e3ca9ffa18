"""The gate: the student release holds no solution and no hidden spec, and the locked files unlock exactly."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT

from autograder import release

STUB = '''"""Statistics of a list."""


def mean(xs: list[float]) -> float:
    """The arithmetic mean of xs; raises ValueError on an empty list."""
    raise NotImplementedError


def spread(xs: list[float]) -> float:
    """max(xs) - min(xs)."""
    raise NotImplementedError
'''

SOLUTION = '''"""Statistics of a list."""


def mean(xs: list[float]) -> float:
    """The arithmetic mean of xs; raises ValueError on an empty list."""
    if not xs:
        raise ValueError("mean of an empty list")
    total = 0.0
    for x in xs:
        total += x
    return total / len(xs)


def spread(xs: list[float]) -> float:
    """max(xs) - min(xs)."""
    return max(xs) - min(xs)
'''

HIDDEN = '''import pytest

pytestmark = pytest.mark.hidden


@pytest.mark.points(2)
def test_mean_of_negatives(load):
    """mean of negative numbers."""
    assert load("stats").mean([-1.0, -3.0]) == -2.0, "mean is wrong on negative numbers."
'''

PUBLIC = '''import pytest


@pytest.mark.points(1)
def test_mean(load):
    """mean of a list."""
    assert load("stats").mean([1.0, 3.0]) == 2.0, "mean([1, 3]) should be 2"
'''


def make_repo(root: Path) -> Path:
    """A small course repository: one week of stub, solution, public and hidden spec."""
    (root / "weeks" / "week01").mkdir(parents=True)
    (root / "weeks" / "week01" / "stats.py").write_text(STUB)
    (root / "weeks" / "week01" / "README.md").write_text("# Week 1\nWrite mean and spread.\n")
    (root / "solutions" / "week01").mkdir(parents=True)
    (root / "solutions" / "week01" / "stats.py").write_text(SOLUTION)
    (root / "solutions" / "week01" / "__init__.py").write_text("")
    specs = root / "autograder" / "specs" / "week01"
    specs.mkdir(parents=True)
    (specs / "test_stats.py").write_text(PUBLIC)
    (specs / "test_stats_hidden.py").write_text(HIDDEN)
    (specs / "cases_hidden.json").write_text('{"negatives": [-1.0, -3.0], "mean": -2.0}\n')  # read by hidden specs only
    (root / "autograder" / "__init__.py").write_text("")
    (root / "DATA").mkdir()
    (root / "DATA" / "numbers.csv").write_text("x\n1\n2\n")
    (root / "Makefile").write_text("test:\n\techo ok\n")
    (root / "requirements.txt").write_text("pytest\n")
    (root / ".gitignore").write_text(".venv/\n")
    return root


@pytest.fixture
def repo(tmp_path):
    return make_repo(tmp_path / "repo")


def test_student_tree_has_everything_but_the_secrets(repo, tmp_path):
    out = tmp_path / "dist"
    summary = release.build_release(out, root=repo)
    assert summary["problems"] == []
    student = out / "student"
    for rel in ("weeks/week01/stats.py", "autograder/specs/week01/test_stats.py", "DATA/numbers.csv", "Makefile",
                "requirements.txt", ".gitignore", "README.md", ".github/workflows/grade.yml",
                f"locked/{release.BUNDLE}", "locked/solutions-week01.tar.gz.fernet"):
        assert (student / rel).is_file(), f"{rel} is missing from the student tree"
    assert not (student / "solutions").exists()
    assert not list(student.rglob("*_hidden.py")) and not list(student.rglob("cases_hidden.json"))
    assert (out / "keys" / "week01.key").exists() and (out / "keys" / release.BUNDLE_KEY).exists()
    assert not list(student.rglob("*.key"))
    blob = (student / "locked" / "solutions-week01.tar.gz.fernet").read_bytes()
    assert b"total += x" not in blob and b"def mean" not in blob


def test_round_trip_reproduces_solutions_and_hidden_specs(repo, tmp_path):
    out = tmp_path / "dist"
    release.build_release(out, root=repo)
    key = (out / "keys" / "week01.key").read_text().strip()
    dest = tmp_path / "unlocked"
    written = release.unlock("1", key, out / "student" / "locked", dest)
    assert sorted(p.name for p in written) == ["__init__.py", "stats.py"]
    for p in (repo / "solutions" / "week01").iterdir():
        assert (dest / "week01" / p.name).read_bytes() == p.read_bytes()
    specs = tmp_path / "specs"
    bundle_key = (out / "keys" / release.BUNDLE_KEY).read_text().strip()
    hidden = release.unlock_specs(bundle_key, out / "student" / "locked" / release.BUNDLE, specs)
    assert sorted(p.name for p in hidden) == ["cases_hidden.json", "test_stats_hidden.py"]
    for p in hidden:
        assert p.read_bytes() == (repo / "autograder" / "specs" / "week01" / p.name).read_bytes()
    with pytest.raises(ValueError, match="does not open"):
        release.unlock("week01", bundle_key, out / "student" / "locked", dest)


def test_rerelease_keeps_published_keys(repo, tmp_path):
    out = tmp_path / "dist"
    release.build_release(out, root=repo)
    key = (out / "keys" / "week01.key").read_bytes()
    release.build_release(out, root=repo)
    assert (out / "keys" / "week01.key").read_bytes() == key
    assert release.unlock("week01", key.decode(), out / "student" / "locked", tmp_path / "u")


@pytest.mark.parametrize("leak", ["body", "renamed_hidden", "hidden_in_markdown_copy", "solution_in_readme",
                                  "solutions_folder", "key"])
def test_audit_finds_a_planted_leak(repo, tmp_path, leak):
    out = tmp_path / "dist"
    assert release.build_release(out, root=repo)["problems"] == []
    student = out / "student"
    if leak == "body":  # the solution's body under another function name, reformatted
        body = SOLUTION.split('empty list."""\n')[1].split("\n\n\ndef spread")[0]
        (student / "weeks" / "week01" / "helper.py").write_text("def average(xs):\n" + body + "\n")
    elif leak == "renamed_hidden":
        shutil.copy(repo / "autograder" / "specs" / "week01" / "test_stats_hidden.py", student / "weeks" / "notes.py")
    elif leak == "hidden_in_markdown_copy":
        (student / "hints.md").write_text(HIDDEN.replace("\n", "\n\n"))  # same text up to white space
    elif leak == "solution_in_readme":
        (student / "weeks" / "week01" / "README.md").write_text("Try this:\n" + SOLUTION.split('list."""')[2])
    elif leak == "solutions_folder":
        (student / "solutions").mkdir()
    elif leak == "key":
        (student / "notes.txt").write_text("key: " + (out / "keys" / "week01.key").read_text())
    problems = release.audit(student, repo, out / "keys")
    assert problems, f"the audit missed the planted leak {leak!r}"


def test_audit_ignores_given_code_and_oracle_idioms(repo, tmp_path):
    given = "\n\ndef clip(x: float) -> float:\n    return min(max(x, 0.0), 1.0) if x == x else 0.0\n"
    for folder in ("weeks", "solutions"):  # a helper the stub hands out appears in both
        path = repo / folder / "week01" / "stats.py"
        path.write_text(path.read_text() + given)
    spec = repo / "autograder" / "specs" / "week01" / "test_stats.py"  # an oracle that equals spread()
    spec.write_text(spec.read_text() + "\n\ndef oracle_spread(xs):\n    return max(xs) - min(xs)\n")
    out = tmp_path / "dist"
    assert release.build_release(out, root=repo)["problems"] == []
    (out / "student" / "weeks" / "week01" / "more.py").write_text("def width(xs):\n    return max(xs) - min(xs)\n")
    assert release.audit(out / "student", repo), "a solution body in weeks/ must count, however short"


def test_unlock_command_and_make_target(repo, tmp_path):
    out = tmp_path / "dist"
    release.build_release(out, root=repo)
    key = (out / "keys" / "week01.key").read_text().strip()
    proc = subprocess.run([sys.executable, "-m", "autograder", "unlock", "week01", "--key", key,
                           "--from", str(out / "student" / "locked"), "--to", str(tmp_path / "sol")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "sol" / "week01" / "stats.py").read_text() == SOLUTION
    proc = subprocess.run([sys.executable, "-m", "autograder", "unlock", "week01", "--key", "wrong",
                           "--from", str(out / "student" / "locked")], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 2 and "does not open" in proc.stderr
    dry = subprocess.run(["make", "-n", "-C", str(ROOT), "unlock-week03", "KEY=abc"], capture_output=True, text=True)
    assert '-m autograder unlock week03 --key "abc"' in dry.stdout


def test_the_real_release_is_clean_and_unlocks_byte_for_byte(tmp_path):
    """The course repository itself: no solution body or hidden spec in the student tree."""
    specs = ROOT / "autograder" / "specs"
    before = {p: p.read_bytes() for p in release.hidden_specs(specs)}
    solutions = {p: p.read_bytes() for p in (ROOT / "solutions").rglob("*")
                 if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}
    out = tmp_path / "dist"
    summary = release.build_release(out, root=ROOT)
    assert summary["problems"] == [], "\n".join(summary["problems"])
    student = out / "student"
    assert not (student / "solutions").exists() and not list(student.rglob("*_hidden.py"))
    assert not (student / "tests").exists()
    for week in summary["solution_weeks"]:
        key = (out / "keys" / f"{week}.key").read_text().strip()
        release.unlock(week, key, student / "locked", tmp_path / "unlocked")
    for p, data in solutions.items():  # the course repository is edited in parallel: skip files that changed
        if p.relative_to(ROOT / "solutions").parts[0] in summary["solution_weeks"] and p.exists() \
                and p.read_bytes() == data:
            copy = tmp_path / "unlocked" / p.relative_to(ROOT / "solutions")
            assert copy.read_bytes() == data, f"{copy} differs after unlocking"
    bundle_key = (out / "keys" / release.BUNDLE_KEY).read_text().strip()
    unpacked = tmp_path / "hidden"
    release.unlock_specs(bundle_key, student / "locked" / release.BUNDLE, unpacked)
    for path, data in before.items():  # every hidden spec is in the bundle, byte for byte
        copy = unpacked / path.relative_to(specs)
        assert copy.exists(), f"{path.name} is missing from the hidden-spec bundle"
        if path.exists() and path.read_bytes() == data:  # (unless it was edited during the test)
            assert copy.read_bytes() == data
