"""Hostile submissions, written by someone who read the grader: each answers right only if its attack worked.

Every one must score exactly what a stub scores (0), leave no process behind, change nothing on disk and
leak no secret into the feedback. The corpus is in tests/fixtures/hostile/<attack>.py (answers.py holds the graded
functions most attacks share) and is graded with the fixture specs, through the command line students and CI use.
"""
from __future__ import annotations

import hashlib
import os
import py_compile
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from helpers import FIXTURE_SPECS, FIXTURES, ROOT, grade

from autograder.boundary import sandbox

HOSTILE = FIXTURES / "hostile"
MARKER = "ag-hostile-marker"
SECRET = "tok-3f9c2e-never-shown"
JUDGE_SPLIT = ["forge", "patch", "frames", "channel", "daemon", "secrets", "symlink"]
NEEDS_SANDBOX = ["search", "network", "disk"]
SANDBOXED = sandbox.mode().sandboxed


def _digest(*folders: Path) -> dict[str, str]:
    """Size, time and mode of every file under the folders (compiled caches aside)."""
    out = {}
    for folder in folders:
        for p in sorted(folder.rglob("*")):
            if "__pycache__" not in p.parts:
                st = p.lstat()
                out[str(p)] = f"{st.st_size}:{st.st_mtime_ns}:{st.st_mode}"
    return out


def _changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def _survivors() -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if MARKER.encode() in Path(f"/proc/{entry}/cmdline").read_bytes():
                    found.append(int(entry))
            except OSError:
                continue
    return found


def _grade(target: Path, tmp_path: Path, env: dict[str, str] | None = None) -> tuple[dict, str]:
    outputs = {"--json": tmp_path / "r.json", "--junit": tmp_path / "j.xml", "--markdown": tmp_path / "s.md"}
    args = ["01", "--specs", str(FIXTURE_SPECS), "--device", "cpu", "--target", str(target), "--timeout", "20"]
    for flag, path in outputs.items():
        args += [flag, str(path)]
    saved = dict(os.environ)
    os.environ.update(env or {})
    try:
        proc, data = grade(*args, timeout=600)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert data is not None
    text = proc.stdout + proc.stderr + "".join(p.read_text(errors="replace") for p in outputs.values())
    return data, text


def _submission(name: str, tmp_path: Path) -> Path:
    """The folder to grade: the attack as week01/demo.py, followed by the graded functions when it defines won()."""
    if (HOSTILE / name).is_dir():
        return HOSTILE / name  # a layout that is itself the attack (a symbolic link)
    source = (HOSTILE / f"{name}.py").read_text()
    if "def won(" in source:
        source += "\n\n" + (HOSTILE / "answers.py").read_text()
    week = tmp_path / "sub" / "week01"
    week.mkdir(parents=True)
    (week / "demo.py").write_text(source)
    return tmp_path / "sub"


def _check(name: str, target: Path, tmp_path: Path, mode_env: dict[str, str]) -> dict:
    watched = [ROOT / "DATA", HOSTILE, FIXTURES / "subs", ROOT / "autograder" / "boundary", ROOT / ".venv" / "bin"]
    before = _digest(*watched)
    server = socket.create_server(("127.0.0.1", 47613)) if name == "network" else None
    accepted: list[object] = []
    if server is not None:
        server.settimeout(0.5)

        def listen() -> None:
            end = time.time() + 120
            while time.time() < end and not accepted:
                try:
                    accepted.append(server.accept())
                except OSError:
                    continue

        threading.Thread(target=listen, daemon=True).start()
    try:
        data, text = _grade(target, tmp_path, {"AG_HOSTILE_SECRET": SECRET, **mode_env})
    finally:
        if server is not None:
            server.close()
    time.sleep(1.0)  # a daemon that survived would still be running a second later
    survivors = _survivors()
    for pid in survivors:  # never leave them behind, even when the test fails
        try:
            os.kill(pid, 9)
        except OSError:
            pass
    assert data["max_score"] == 15 and len(data["tests"]) == 10, "only the judge's own specs may be scored"
    assert data["score"] == 0, {t["name"]: t["output"][:200] for t in data["tests"] if t["score"]}
    assert not survivors, f"{len(survivors)} processes of the submission outlived the run"
    assert not _changed(before, _digest(*watched)), f"the run changed files: {_changed(before, _digest(*watched))}"
    assert SECRET not in text, "a secret of the grader's environment reached the feedback"
    assert not accepted, "the submission reached a server on the host's loopback"
    return data


@pytest.mark.parametrize("name", JUDGE_SPLIT + NEEDS_SANDBOX)
def test_hostile_submission_scores_zero_sandboxed(name, tmp_path):
    if not SANDBOXED:
        pytest.skip(f"no sandbox on this machine: {sandbox.mode().reason}")
    data = _check(name, _submission(name, tmp_path), tmp_path, {})
    if name == "channel":
        assert any("protocol" in t["output"] for t in data["tests"]), "a broken channel should be named"
    if name == "symlink":
        assert all("missing" in t["output"] for t in data["tests"])


@pytest.mark.parametrize("name", ["patch", "frames", "channel", "daemon"])
def test_judge_holds_without_the_sandbox(name, tmp_path):
    """Where namespaces are off the worker runs plainly, but it is still never the judge. (Unsandboxed, code can
    write any file its user can, the results stream included: such runs are feedback, never the grade.)"""
    data = _check(name, _submission(name, tmp_path), tmp_path, {"AG_SANDBOX": "off"})
    assert "sandbox: OFF" in data["output"]


def test_compiled_files_are_never_imported(tmp_path):
    """A stub beside a .pyc compiled from a right answer scores what the stub scores."""
    week = tmp_path / "sub" / "week01"
    week.mkdir(parents=True)
    shutil.copy(FIXTURES / "subs" / "stub" / "week01" / "demo.py", week / "demo.py")
    good = FIXTURES / "subs" / "good" / "week01" / "demo.py"
    (week / "__pycache__").mkdir()
    py_compile.compile(str(good), cfile=str(week / "__pycache__" / f"demo.{__import__('sys').implementation.cache_tag}.pyc"))
    py_compile.compile(str(good), cfile=str(week / "demo.pyc"))
    old = time.time() + 3600  # make the .pyc look newer than the source
    for p in week.rglob("*.pyc"):
        os.utime(p, (old, old))
    data, _ = _grade(tmp_path / "sub", tmp_path)
    assert data["score"] == 0
    assert all("Not implemented yet" in t["output"] for t in data["tests"])


def test_unsandboxed_run_says_so(tmp_path):
    data, text = _grade(FIXTURES / "subs" / "good", tmp_path, {"AG_SANDBOX": "off"})
    assert data["score"] == 15
    assert "sandbox: OFF" in text


@pytest.mark.parametrize("body,words", [("import time\nwhile True:\n    time.sleep(1)\n", "more than 30 s"),
                                        ("import os\nos._exit(3)\n", "exit status 3")])
def test_week_whose_modules_never_import_is_graded_quickly(body, words, tmp_path):
    """Every module of week 01 hangs (or exits) at import: each is marked broken once, the week ends in
    well under a minute, and every spec scores 0 with the reason."""
    week = tmp_path / "sub" / "week01"
    week.mkdir(parents=True)
    for stub in (ROOT / "weeks" / "week01").glob("*.py"):
        (week / stub.name).write_text(body)
    start = time.time()
    proc, data = grade("01", "--target", str(tmp_path / "sub"), "--device", "cpu", "--json", str(tmp_path / "r.json"),
                       timeout=600)
    took = time.time() - start
    assert proc.returncode == 0 and data is not None, proc.stderr[-2000:]
    assert data["score"] == 0 and data["max_score"] == 41
    assert all("did not finish importing" in t["output"] and words in t["output"] for t in data["tests"])
    assert took < 60, f"a week of modules that never import took {took:.0f} s"


def test_grades_that_count_refuse_to_run_unsandboxed(tmp_path):
    env = {"AG_SANDBOX": "off"}
    args = ("01", "--specs", str(FIXTURE_SPECS), "--target", str(FIXTURES / "subs" / "good"), "--quiet")
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        refused, _ = grade(*args, "--require-sandbox", "--json", str(tmp_path / "a.json"))
        allowed, data = grade(*args, "--require-sandbox", "--allow-unsandboxed", "--json", str(tmp_path / "b.json"))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    assert refused.returncode == 2 and "no sandbox" in refused.stderr and not (tmp_path / "a.json").exists()
    assert allowed.returncode == 0 and data["score"] == 15
