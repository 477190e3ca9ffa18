"""Unit tests of the grader's small parts."""
from __future__ import annotations

import json

import pytest

from autograder import paths
from autograder.results import gradescope, junit, markdown
from autograder.runner import SpecResult, WeekResult


@pytest.mark.parametrize("text,week", [("week02", "week02"), ("02", "week02"), ("2", "week02"), ("Week15", "week15")])
def test_week_names(text, week):
    assert paths.week_name(text) == week


@pytest.mark.parametrize("text", ["week00", "16", "wk2", "", "all2"])
def test_bad_week_names(text):
    with pytest.raises(ValueError):
        paths.week_name(text)


def test_resolve_target_accepts_a_repository_clone(tmp_path):
    (tmp_path / "weeks" / "week01").mkdir(parents=True)
    assert paths.resolve_target(str(tmp_path)) == tmp_path / "weeks"
    (tmp_path / "flat" / "week03").mkdir(parents=True)
    assert paths.resolve_target(str(tmp_path / "flat")) == tmp_path / "flat"
    with pytest.raises(ValueError):
        paths.resolve_target(str(tmp_path / "missing"))


def _week() -> WeekResult:
    specs = [
        SpecResult("a::t1", "t1", "first", "alpha", 2.0, False, status="passed", score=2.0),
        SpecResult("a::t2", "t2", "second", "alpha", 4.0, False, status="partial", score=1.0, message="band 1 | of 4"),
        SpecResult("b::t3", "t3", "third", "beta", 1.0, True, status="timeout", message="Timed out after 5 s"),
    ]
    return WeekResult("week07", "/x", "cpu", specs=specs, duration=3.2)


def test_scores_add_up():
    w = _week()
    assert (w.score, w.max_score) == (3.0, 7.0)
    assert WeekResult.from_dict(json.loads(json.dumps(w.to_dict()))).score == 3.0


def test_gradescope_format():
    data = gradescope([_week()])
    assert data["score"] == 3.0 and data["max_score"] == 7.0
    assert [t["max_score"] for t in data["tests"]] == [2.0, 4.0, 1.0]
    assert {t["visibility"] for t in data["tests"]} == {"visible", "after_due_date"}
    for t in data["tests"]:
        assert set(t) >= {"name", "score", "max_score", "output", "visibility"}


def test_junit_marks_partial_and_timeouts_as_failures():
    xml = junit([_week()]).decode()
    assert xml.count("<failure") == 2 and 'tests="3"' in xml


def test_markdown_escapes_pipes():
    md = markdown([_week()])
    assert "band 1 \\| of 4" in md and "3 / 7" in md
