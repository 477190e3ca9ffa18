"""End to end: the grader on fixture submissions that are right, wrong, broken, hostile or planted."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from helpers import FIXTURE_SPECS, FIXTURES, grade, by_title

SUBS = FIXTURES / "subs"
COMMON = ("01", "--specs", str(FIXTURE_SPECS), "--device", "cpu")


def run(sub: str, tmp_path, *extra: str) -> dict:
    proc, data = grade(*COMMON, "--target", str(SUBS / sub), "--json", str(tmp_path / "r.json"),
                       "--junit", str(tmp_path / "j.xml"), "--markdown", str(tmp_path / "s.md"), *extra)
    assert proc.returncode == 0, proc.stderr
    assert data is not None
    return data


def test_correct_submission_scores_full(tmp_path):
    data = run("good", tmp_path)
    assert data["score"] == data["max_score"] == 15
    assert all(t["score"] == t["max_score"] for t in data["tests"])


def test_stub_scores_zero_with_not_implemented_message(tmp_path):
    data = run("stub", tmp_path)
    assert data["score"] == 0
    assert all("Not implemented yet" in t["output"] for t in data["tests"])
    assert all("demo.py" in t["output"] for t in data["tests"])


def test_wrong_submission_loses_points_and_partial_credit_counts(tmp_path):
    data = run("wrong", tmp_path)
    tests = by_title(data)
    assert tests["add(a, b) returns the sum."]["score"] == 0
    assert "add(2, 3) should be 5" in tests["add(a, b) returns the sum."]["output"]
    band = tests["accuracy() earns points by band."]
    assert band["score"] == 2 and band["max_score"] == 4  # half the points: the first band
    assert "below 0.9" in band["output"]
    assert data["score"] == 8


def test_hidden_specs_never_show_expected_values(tmp_path):
    data = run("wrong", tmp_path)
    hidden = [t for t in data["tests"] if "hidden" in t["tags"]]
    assert len(hidden) == 2
    for t in hidden:
        assert t["visibility"] == "after_due_date"
        assert "-15" not in t["output"] and "1002345" not in t["output"]
        assert "assert" not in t["output"]


def test_broken_import_scores_zero_and_says_why(tmp_path):
    data = run("broken", tmp_path)
    assert data["score"] == 0
    assert all("could not be imported" in t["output"] and "SyntaxError" in t["output"] for t in data["tests"])


def test_planted_conftest_and_ini_are_never_loaded(tmp_path):
    # the planted conftest would turn every failure into a pass; it must change nothing
    assert run("planted", tmp_path)["score"] == run("wrong", tmp_path)["score"] == 8


def test_hostile_submission_costs_only_its_own_specs(tmp_path):
    data = run("evil", tmp_path, "--timeout", "4", "--memory", "1000")
    tests = by_title(data)
    assert tests["add(a, b) returns the sum."]["score"] == 1  # before the carnage
    assert tests["add on large numbers."]["score"] == 2  # after it, in a restarted child
    assert tests["add on negatives, with a bare assert."]["score"] == 1
    expect = {
        "mean(xs) of a list.": "Timed out after 3 s",  # the spec's own timeout marker wins
        "square(x).": "segmentation fault",
        "reverse(s).": "os._exit",
        "upper(s).": "too much",
        "count(n) counts to n.": "sys.exit(3)",
        "depth(n) recurses n levels.": "Recursion without end",
        "accuracy() earns points by band.": "memory",
    }
    for title, words in expect.items():
        assert tests[title]["score"] == 0, title
        assert words in tests[title]["output"], (title, tests[title]["output"])
    assert data["score"] == 4


def test_outer_wall_clock_stops_the_week(tmp_path):
    data = run("evil", tmp_path, "--timeout", "30", "--wall", "2", "--memory", "1000")  # mean() alone hangs 3 s
    statuses = [t["output"] for t in data["tests"]]
    assert any("time limit" in s for s in statuses)
    assert data["score"] <= 1


def test_missing_week_folder_scores_zero(tmp_path):
    data = run(".", tmp_path)  # the subs folder itself has no week01/
    assert data["score"] == 0 and data["max_score"] == 15
    assert "does not exist" in data["output"]


def test_junit_and_markdown_come_from_the_same_run(tmp_path):
    data = run("wrong", tmp_path)
    suite = ET.parse(tmp_path / "j.xml").getroot().find("testsuite")
    assert int(suite.get("tests")) == len(data["tests"])
    failed = [t for t in data["tests"] if t["score"] < t["max_score"]]
    assert int(suite.get("failures")) == len(failed)
    md = (tmp_path / "s.md").read_text()
    assert "8 / 15" in md and "add(2, 3) should be 5" in md


def test_require_full_exit_status(tmp_path):
    proc, _ = grade(*COMMON, "--target", str(SUBS / "wrong"), "--require-full", "--quiet")
    assert proc.returncode == 1
    proc, _ = grade(*COMMON, "--target", str(SUBS / "good"), "--require-full", "--quiet")
    assert proc.returncode == 0


@pytest.mark.parametrize("args", [("week99",), ("01", "--target", "/no/such/folder"), ("01", "--device", "tpu")])
def test_bad_usage_exits_2(args):
    proc, _ = grade(*args, "--specs", str(FIXTURE_SPECS))
    assert proc.returncode == 2
    assert "error" in proc.stderr.lower()


def test_terminal_table_shows_points_and_messages():
    proc, _ = grade(*COMMON, "--target", str(SUBS / "wrong"))
    assert proc.returncode == 0
    out = proc.stdout
    assert "8 / 15" in out and "add(2, 3) should be 5" in out and "[hidden]" in out
