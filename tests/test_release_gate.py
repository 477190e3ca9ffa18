"""The gate: the student release holds no solution and no hidden spec, and the locked files unlock exactly."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT

from autograder.instructor import audit, release

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
                "locked/hidden-specs-week01.tar.gz.fernet", "locked/solutions-week01.tar.gz.fernet"):
        assert (student / rel).is_file(), f"{rel} is missing from the student tree"
    assert not (student / "solutions").exists()
    assert not list(student.rglob("*_hidden.py")) and not list(student.rglob("cases_hidden.json"))
    assert (out / "keys" / "week01.key").exists() and (out / "keys" / "hidden-specs-week01.key").exists()
    workflow = (student / ".github" / "workflows" / "grade.yml").read_text()
    assert "HIDDEN_SPECS_KEY_WEEK01: ${{ secrets.HIDDEN_SPECS_KEY_WEEK01 }}" in workflow
    assert "HIDDEN_SPECS_KEY_WEEKNN:" not in workflow
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
    bundle_key = (out / "keys" / "hidden-specs-week01.key").read_text().strip()
    hidden = release.unlock_specs("week01", bundle_key, out / "student" / "locked", specs)
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
    problems = audit.audit(student, repo, out / "keys")
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
    assert audit.audit(out / "student", repo), "a solution body in weeks/ must count, however short"


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
    before = {p: p.read_bytes() for p in audit.hidden_specs(specs)}
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
    unpacked = tmp_path / "hidden"
    for week in summary["hidden_weeks"]:
        key = (out / "keys" / f"hidden-specs-{week}.key").read_text().strip()
        release.unlock_specs(week, key, student / "locked", unpacked)
    assert len({(out / "keys" / f"hidden-specs-{w}.key").read_text() for w in summary["hidden_weeks"]}) \
        == len(summary["hidden_weeks"]), "one key per week, never one key for all"
    for path, data in before.items():  # every hidden spec is in the bundle, byte for byte
        copy = unpacked / path.relative_to(specs)
        assert copy.exists(), f"{path.name} is missing from the hidden-spec bundle"
        if path.exists() and path.read_bytes() == data:  # (unless it was edited during the test)
            assert copy.read_bytes() == data


def _two_weeks(repo: Path) -> None:
    """A second week with its own hidden spec."""
    specs = repo / "autograder" / "specs" / "week02"
    specs.mkdir(parents=True)
    (specs / "test_stats.py").write_text(PUBLIC)
    (specs / "test_stats_hidden.py").write_text(HIDDEN.replace("negative", "week-two"))
    (repo / "weeks" / "week02").mkdir()
    (repo / "weeks" / "week02" / "stats.py").write_text(STUB)


def test_each_week_has_its_own_key(repo, tmp_path):
    _two_weeks(repo)
    out = tmp_path / "dist"
    summary = release.build_release(out, root=repo)
    assert summary["problems"] == [] and summary["hidden_weeks"] == ["week01", "week02"]
    locked = out / "student" / "locked"
    assert not (locked / "hidden-specs.tar.gz.fernet").exists()  # no bundle that one key opens whole
    k1 = (out / "keys" / "hidden-specs-week01.key").read_text().strip()
    k2 = (out / "keys" / "hidden-specs-week02.key").read_text().strip()
    assert k1 != k2
    with pytest.raises(ValueError, match="does not open the hidden specs of week02"):
        release.unlock_specs("week02", k1, locked, tmp_path / "specs")
    written = release.unlock_specs("week02", k2, locked, tmp_path / "specs")
    assert [p.relative_to(tmp_path / "specs").as_posix() for p in written] == ["week02/test_stats_hidden.py"]


def test_a_week_bundle_may_hold_only_that_week(repo, tmp_path):
    from autograder.instructor import crypto
    _two_weeks(repo)
    specs = repo / "autograder" / "specs"
    key = crypto.key_at(tmp_path / "k.key")
    locked = tmp_path / "locked"
    locked.mkdir()
    forged = crypto.tar_bytes(specs, [Path("week02/test_stats_hidden.py")])  # week02's file in week01's bundle
    (locked / release.hidden_file("week01")).write_bytes(crypto.encrypt(forged, key))
    with pytest.raises(ValueError, match="refusing archive member"):
        release.unlock_specs("week01", key.decode(), locked, tmp_path / "specs")
    assert not (tmp_path / "specs").exists()


def _unlock_specs(out: Path, dest: Path, env: dict, *weeks: str, sandbox: bool = True) -> subprocess.CompletedProcess:
    import os
    full = {k: v for k, v in os.environ.items() if not k.startswith("HIDDEN_SPECS_KEY")}
    full.update(env)
    if not sandbox:
        full["AG_SANDBOX"] = "off"
    return subprocess.run([sys.executable, "-m", "autograder", "unlock-specs", *weeks, "--locked",
                           str(out / "student" / "locked"), "--specs", str(dest), "--require-sandbox"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, env=full)


def test_unlock_specs_takes_each_weeks_key_from_its_own_variable(repo, tmp_path):
    _two_weeks(repo)
    out = tmp_path / "dist"
    release.build_release(out, root=repo)
    k2 = (out / "keys" / "hidden-specs-week02.key").read_text().strip()
    dest = tmp_path / "specs"
    from autograder.boundary import sandbox
    if sandbox.mode().sandboxed:
        proc = _unlock_specs(out, dest, {"HIDDEN_SPECS_KEY_WEEK02": k2}, "week01", "week02")
        assert proc.returncode == 0, proc.stderr
        assert "HIDDEN_SPECS_KEY_WEEK01 is not set: only the public specs of week01 will run" in proc.stderr
        assert sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*.py")) == ["week02/test_stats_hidden.py"]
    refused = tmp_path / "refused"
    proc = _unlock_specs(out, refused, {"HIDDEN_SPECS_KEY_WEEK02": k2}, "week02", sandbox=False)
    assert proc.returncode == 2 and "stay locked" in proc.stderr
    assert not refused.exists()  # where submission code could run unsandboxed, nothing is decrypted
