"""regrade-diff and the report's changes: what changed between the last two gradings of a student-week.

Gradebooks are built from fabricated results (no student code runs), except one grading through
grade_submissions with a stand-in executor, which checks that batch ids and spec versions are stored.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import FIXTURE_SPECS, FIXTURES, ROOT

from autograder.instructor import grading, policy, regrade, reports
from autograder.instructor.collection import SpecInfo, WeekSpecs
from autograder.instructor.gradebook import Book, Run
from autograder.instructor.jobs import Graded
from autograder.runner import SpecResult, WeekResult

UTC = dt.timezone.utc
ON_TIME = dt.datetime(2020, 1, 1, tzinfo=UTC)
GRADED = dt.datetime(2020, 2, 1, tzinfo=UTC)
ADD = SpecInfo("week01/test_demo.py::test_add", "test_add", "add works", "demo", 1.0, False)
MEAN = SpecInfo("week01/test_demo.py::test_mean", "test_mean", "mean works", "demo", 2.0, False)
NEW = SpecInfo("week01/test_demo_hidden.py::test_new", "test_new", "a new check", "demo", 1.0, True)
SPECS = WeekSpecs("week01", (ADD, MEAN))
FULL = {"test_add": 1.0, "test_mean": 2.0}


def _result(scores: dict[str, float], specs: WeekSpecs = SPECS, message: str = "") -> WeekResult:
    return WeekResult(specs.week, "/x", "cpu", specs=[
        SpecResult(i.nodeid, i.name, i.title, i.task, i.points, i.hidden, score=scores[i.name], message=message,
                   output=message, status="passed" if scores[i.name] == i.points else "failed")
        for i in specs.specs if i.name in scores])


def make_run(id: int, scores: dict[str, float] = FULL, *, student: str = "alice", batch: str | None = "B1",
             fingerprint: str | None = "f1", submitted: dt.datetime = ON_TIME, fraction: float = 0.0,
             versions: dict[str, str] | None = None, specs: WeekSpecs = SPECS) -> Run:
    result = _result(scores, specs)
    return Run(id=id, student=student, week="week01", graded_at=GRADED + dt.timedelta(hours=id), submitted_at=submitted,
               time_source="mtime", days_late=3.0 if fraction else 0.0, penalty_fraction=fraction,
               penalty=round(fraction * result.score, 4), score=result.score, max_score=result.max_score,
               fingerprint=fingerprint, source="", result=result, batch=batch, spec_versions=versions)


def graded(student: str, scores: dict[str, float] = FULL, *, fingerprint: str = "f1", fraction: float = 0.0,
           specs: WeekSpecs = SPECS, message: str = "") -> Graded:
    result = _result(scores, specs, message)
    return Graded(student=student, week="week01", result=result, submitted_at=ON_TIME, time_source="mtime",
                  days_late=3.0 if fraction else 0.0, penalty_fraction=fraction,
                  penalty=round(fraction * result.score, 4), fingerprint=fingerprint)


# --------------------------------------------------------------------------- the diff itself

def test_a_changed_spec_score_is_listed_with_old_and_new():
    d = regrade.diff_runs(make_run(1, {"test_add": 0.0, "test_mean": 2.0}), make_run(2, batch="B2"))
    assert [(c.nodeid, c.kind, c.old, c.new) for c in d.specs] == [(ADD.nodeid, "changed", 0.0, 1.0)]
    assert d.changed and d.grade_changed and d.total_changed and not d.penalty_changed and not d.handed_in_changed
    assert (d.old.final, d.new.final, d.fingerprint) == (2.0, 3.0, "same")
    text = regrade.to_text([d])
    assert "changed  demo: add works [test_add]: 0 -> 1 / 1" in text
    assert "total: 2 / 3 -> 3 / 3; after the late penalty 2 -> 3" in text
    assert "run 2 (graded 2020-02-01 02:00 UTC, batch B2) against run 1" in text
    as_json = json.loads(json.dumps(regrade.to_json("alice", [d])))
    spec = as_json["weeks"][0]["specs"][0]
    assert (spec["change"], spec["old"], spec["new"]) == ("changed", 0.0, 1.0)
    assert as_json["weeks"][0]["grade_changed"] is True


def test_an_unchanged_regrade_is_no_difference():
    versions = {ADD.nodeid: "a", MEAN.nodeid: "m"}
    d = regrade.diff_runs(make_run(1, versions=versions), make_run(2, batch="B2", versions=versions))
    assert d.specs == () and not d.changed and not d.grade_changed
    assert (d.fingerprint, d.versions) == ("same", "same")
    assert "no difference" in regrade.to_text([d]).splitlines()[0]
    assert regrade.feedback_markdown([d]) == "" and regrade.feedback_html([d]) == ""


def test_specs_added_and_removed_between_runs():
    before = make_run(1, {"test_add": 1.0, "test_mean": 2.0})
    after = make_run(2, {"test_add": 1.0, "test_new": 1.0}, specs=WeekSpecs("week01", (ADD, NEW)))
    d = regrade.diff_runs(before, after)
    assert [(c.nodeid, c.kind, c.old, c.new) for c in d.specs] == [(NEW.nodeid, "added", None, 1.0),
                                                                  (MEAN.nodeid, "removed", 2.0, None)]
    text = regrade.to_text([d])
    assert "added    demo: a new check (hidden) [test_new]: 1 / 1" in text
    assert "removed  demo: mean works [test_mean]: was 2 / 2" in text
    assert "total: 3 / 3 -> 2 / 2" in text
    md = regrade.feedback_markdown([d])
    assert "| demo: a new check (hidden) | new check | 1 / 1 |" in md
    assert "| demo: mean works | 2 / 2 | removed |" in md


def test_a_changed_fingerprint_alone_is_a_difference_but_not_a_grade_change():
    d = regrade.diff_runs(make_run(1, fingerprint="aaaa"), make_run(2, fingerprint="bbbb"))
    assert d.fingerprint == "changed" and d.changed and not d.grade_changed and d.specs == ()
    assert "code fingerprint: changed (aaaa -> bbbb)" in regrade.to_text([d])
    assert "Your code: changed since then." in regrade.feedback_markdown([d])
    assert regrade.diff_runs(make_run(1, fingerprint=None), make_run(2)).fingerprint == "unknown"


def test_a_changed_penalty_and_hand_in_time():
    late = ON_TIME + dt.timedelta(days=3)
    d = regrade.diff_runs(make_run(1), make_run(2, submitted=late, fraction=0.3))
    assert d.penalty_changed and d.handed_in_changed and d.grade_changed and d.specs == ()
    assert (d.old.final, d.new.final) == (3.0, 2.1)
    text = regrade.to_text([d])
    assert "late penalty: 0 points (0%, 0.0 days late) -> 0.90 points (30%, 3.0 days late)" in text
    assert "hand-in time: 2020-01-01 00:00 UTC (mtime) -> 2020-01-04 00:00 UTC (mtime)" in text
    assert "after the late penalty 3 -> 2.10" in text
    page = regrade.feedback_html([d])
    assert "Late penalty: 0 → 0.90 points." in page and "Hand-in time:" in page


def test_spec_versions_changed_same_or_unknown():
    old, new = {ADD.nodeid: "a1", MEAN.nodeid: "m1"}, {ADD.nodeid: "a2", MEAN.nodeid: "m1"}
    d = regrade.diff_runs(make_run(1, versions=old), make_run(2, versions=new))
    assert d.versions == "changed"
    assert [(v.nodeid, v.old, v.new) for v in d.version_changes] == [(ADD.nodeid, "a1", "a2")]
    assert d.changed and not d.grade_changed
    assert "demo: add works [test_add]: a1 -> a2" in regrade.to_text([d])
    assert "The course updated 1 check graded both times." in regrade.feedback_markdown([d])
    unknown = regrade.diff_runs(make_run(1, versions=None), make_run(2, versions=new))
    assert unknown.versions == "unknown" and not unknown.changed
    assert "spec versions: unknown (run 1 recorded none)" in regrade.to_text([unknown])


def test_one_run_says_so():
    [d] = regrade.week_diffs([make_run(4)]).values()
    assert d.old is None and not d.changed and not d.grade_changed
    assert regrade.to_text([d]).startswith("alice week01: only one graded run, run 4 ")
    assert regrade.feedback_markdown([d]) == ""


def test_runs_that_graded_nothing_are_not_compared():
    failed = make_run(3, {})  # a grading that graded nothing: no specs, no maximum
    diffs = regrade.week_diffs([make_run(1, {"test_add": 0.0, "test_mean": 2.0}), make_run(2), failed])
    d = diffs[("alice", "week01")]
    assert (d.old.run, d.new.run) == (1, 2)


# --------------------------------------------------------------------------- the last grading

def test_the_last_grading_is_the_newest_batch():
    latest = {(s, "week01"): make_run(i, student=s, batch=b)
              for s, i, b in (("alice", 10, "B2"), ("bob", 11, "B2"), ("carol", 12, "B2"), ("dave", 3, "B1"))}
    previous = {("alice", "week01"): make_run(1, {"test_add": 0.0, "test_mean": 2.0}, student="alice"),
                ("bob", "week01"): make_run(2, student="bob"),
                ("dave", "week01"): make_run(0, {"test_add": 0.0, "test_mean": 0.0}, student="dave")}
    last = regrade.last_grading(regrade.latest_diffs(latest, previous))
    assert last.batch == "B2" and last.students == ["alice"]  # dave changed, but in an older batch
    assert [d.student for d in last.first] == ["carol"]
    assert [d.student for d in last.diffs] == ["alice", "bob", "carol"]
    assert regrade.last_grading_line(last) == "1 student's grade changed in the last grading: alice (week01 2 -> 3)"
    legacy = regrade.last_grading(regrade.latest_diffs({("x", "week01"): make_run(5, student="x", batch=None)}, {}))
    assert legacy.batch is None and "no batch id" in regrade.last_grading_line(legacy)
    assert regrade.last_grading_line(regrade.last_grading({})) == ""


# --------------------------------------------------------------------------- spec versions

SPEC_A = '''import pytest
from shared import LIMIT

SCALE = 3


def helper():
    return SCALE


@pytest.mark.points(2)
def test_one(load):
    """one."""
    assert helper() == 3  # a comment


@pytest.mark.parametrize("x", [1, 2])
def test_two(load, x):
    assert x


class TestGroup:
    def test_in(self):
        assert True
'''


def test_a_spec_version_follows_its_own_code_its_file_and_the_week_helpers(tmp_path):
    week = tmp_path / "week01"
    week.mkdir()
    (week / "test_a.py").write_text(SPEC_A)
    (week / "test_b.py").write_text("def test_three():\n    assert 1\n")
    (week / "shared.py").write_text("LIMIT = 1\n")
    ids = ["week01/test_a.py::test_one", "week01/test_a.py::test_two[1]", "week01/test_a.py::test_two[2]",
           "week01/test_a.py::TestGroup::test_in", "week01/test_b.py::test_three"]
    specs = WeekSpecs("week01", tuple(SpecInfo(i, i.split("::")[-1], "t", "a", 1.0, False) for i in ids))

    def changed(edit: Path, old: str, new: str) -> set[str]:
        before = regrade.spec_versions(specs, tmp_path)
        edit.write_text(edit.read_text().replace(old, new))
        after = regrade.spec_versions(specs, tmp_path)
        return {i.split("::", 1)[1] for i in ids if before[i] != after[i]}

    first = regrade.spec_versions(specs, tmp_path)
    assert all(re.fullmatch(r"[0-9a-f]{12}", v) for v in first.values())
    assert first[ids[1]] == first[ids[2]]  # the parameters of one spec share its code
    assert changed(week / "test_a.py", "# a comment", "# another comment\n") == set()  # comments do not count
    assert changed(week / "test_a.py", "helper() == 3", "helper() >= 3") == {"test_one"}
    assert changed(week / "test_a.py", "[1, 2]", "[1, 2, 3]") == {"test_two[1]", "test_two[2]"}
    assert changed(week / "test_a.py", "SCALE = 3", "SCALE = 4") == {"test_one", "test_two[1]", "test_two[2]",
                                                                       "TestGroup::test_in"}
    assert changed(week / "shared.py", "LIMIT = 1", "LIMIT = 2") == {i.split("::", 1)[1] for i in ids}
    assert changed(week / "test_b.py", "assert 1", "assert 2") == {"test_three"}


# --------------------------------------------------------------------------- the gradebook and the report

@pytest.fixture(scope="module")
def book_url(tmp_path_factory):
    """Two batches: alice fixed a spec, bob unchanged, carol changed code only, dave handed in late (a
    penalty), erin graded only in the second, a_b_c only in the first."""
    db = tmp_path_factory.mktemp("regrade") / "gb.db"
    url = f"sqlite:///{db}"
    old_specs = {ADD.nodeid: "a1", MEAN.nodeid: "m1"}
    with Book(url) as book:
        for g in (graded("alice", {"test_add": 0.0, "test_mean": 2.0}), graded("bob"), graded("carol"), graded("dave"),
                  graded("a_b_c")):
            book.record(g, SPECS, batch="B1", versions=old_specs)
        for g in (graded("alice"), graded("bob"), graded("carol", fingerprint="f2"), graded("dave", fraction=0.3),
                  graded("erin")):
            book.record(g, SPECS, batch="B2", versions=old_specs)
    return url


@pytest.fixture(scope="module")
def report(book_url, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    done = reports.write_reports(book_url, out)
    return out, done


def test_report_lists_the_students_whose_grade_changed_in_the_last_grading(report):
    out, done = report
    assert done["changed_line"] == ("2 students' grades changed in the last grading: alice (week01 2 -> 3), "
                                    "dave (week01 3 -> 2.10)")
    summary = (out / "summary.md").read_text()
    section = summary.split("## Changed in the last grading")[1].split("\n## ")[0]
    assert "batch B2" in section and "It graded 5 student-weeks, 1 for the first time" in section
    assert "| alice | week01 | 2 / 3 | 3 / 3 |" in section and "| dave | week01 | 3 / 3 | 2.10 / 3 |" in section
    assert not any(s in section for s in ("bob", "carol", "erin"))
    index = (out / "index.html").read_text()
    changed = index.split("<h2>Changed in the last grading</h2>")[1].split("<h2>")[0]
    assert '<li><a href="students/alice.html">alice</a>: week01 2 -&gt; 3</li>' in changed
    assert '<a href="students/dave.html">dave</a>' in changed
    assert not any(s in changed for s in ("bob", "carol", "erin"))


def test_feedback_pages_show_what_changed_only_when_something_did(report):
    out, _ = report
    pages = {s: ((out / "students" / f"{s}.md").read_text(), (out / "students" / f"{s}.html").read_text())
             for s in ("alice", "bob", "carol", "dave", "erin")}
    for s in ("bob", "erin"):  # an unchanged re-grade; a first grading
        assert all(regrade.SECTION not in p for p in pages[s])
    md, page = pages["alice"]
    assert md.index(f"## {regrade.SECTION}") < md.index("## week01: 3 / 3 points")  # under the title
    assert "### week01: 2 → 3 points" in md and "| demo: add works | 0 / 1 | 1 / 1 |" in md
    assert f"<h2>{regrade.SECTION}</h2>" in page and "<td>demo: add works</td><td class=\"n\">0 / 1</td>" in page
    md, page = pages["carol"]
    assert "Your code: changed since then." in md and "| check |" not in md.split("## week01")[0]
    assert "Late penalty: 0 → 0.90 points." in pages["dave"][0]


def test_the_command_line(book_url, tmp_path, capsys):
    from autograder.cli import main
    db = book_url[len("sqlite:///"):]

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    code, out, err = run("regrade-diff", "ALICE", "1", "--db", db)  # ids are compared ignoring case
    assert code == 0, err
    assert out.startswith("alice week01: run 6 ") and "changed  demo: add works [test_add]: 0 -> 1 / 1" in out
    code, out, _ = run("regrade-diff", "erin", "--db", db, "--json")
    assert code == 0 and json.loads(out)["weeks"][0]["compared"] is False
    code, out, err = run("regrade-diff", "alice", "week05", "--db", db)
    assert code == 2 and "no graded run of 'week05'" in err and out == ""
    code, _, _ = run("regrade-diff", "alice", "--db", str(tmp_path / "none.db"))
    assert code == 2 and not (tmp_path / "none.db").exists()
    (tmp_path / "course.yml").write_text("due: {}\n")
    code, out, err = run("report", "--db", db, "--out", str(tmp_path / "rep"), "--course", str(tmp_path / "course.yml"))
    assert code == 0, err
    assert "2 students' grades changed in the last grading: alice (week01 2 -> 3), dave" in out
    nobody = subprocess.run([sys.executable, "-m", "autograder", "regrade-diff", "nobody", "--db", db], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert nobody.returncode == 2 and "error: no runs of student 'nobody' in the gradebook" in nobody.stderr
    assert nobody.stdout == ""


HOSTILE_ID = "<img src=x onerror=alert(1)>|*x*_@y\x1b[31m"
HOSTILE = WeekSpecs("week02", (SpecInfo("week02/test_h.py::test_h", "test_h", "<b>bold</b> | [link](http://e.x) `c`",
                                        "<i>task</i>", 1.0, False),))


def test_student_controlled_text_is_escaped(tmp_path):
    url = f"sqlite:///{tmp_path / 'gb.db'}"
    evil = "<script>alert(1)</script> [x](http://e.x) @team"
    with Book(url) as book:
        for batch, score in (("B1", 0.0), ("B2", 1.0)):
            g = graded("a_b_c", {"test_h": score}, specs=HOSTILE, message=evil)
            book.record(Graded(**{**vars(g), "week": "week02"}), HOSTILE, batch=batch)
            # an id no intake accepts, written by another tool straight into the history
            book.record_run(Graded(**{**vars(g), "student": HOSTILE_ID, "week": "week02"}), batch=batch)
    out = tmp_path / "rep"
    done = reports.write_reports(url, out)
    md, page = (out / "students" / "a_b_c.md").read_text(), (out / "students" / "a_b_c.html").read_text()
    section_md = md.split(f"## {regrade.SECTION}")[1].split("\n## week02")[0]
    title_md = "&lt;i&gt;task&lt;/i&gt;: &lt;b&gt;bold&lt;/b&gt; \\| \\[link\\](http://e.x) \\`c\\`"
    assert f"| {title_md} | 0 / 1 | 1 / 1 |" in section_md
    section_html = page.split(f"<h2>{regrade.SECTION}</h2>")[1].split("<h2>")[0]
    assert "<td>&lt;i&gt;task&lt;/i&gt;: &lt;b&gt;bold&lt;/b&gt; | [link](http://e.x) `c`</td>" in section_html
    for text in (section_md, section_html):  # the spec's message and output are not part of the diff
        assert "alert" not in text and "<b>" not in text and "<i>" not in text
    assert "<script>" not in md and "<script>" not in page
    summary, index = (out / "summary.md").read_text(), (out / "index.html").read_text()
    assert "| a\\_b\\_c | week02 |" in summary
    assert "&lt;img src=x onerror=alert(1)&gt;\\|\\*x\\*\\_@\u200by" in summary
    assert "<img src=x" not in summary and "<img src=x" not in index
    assert "&lt;img src=x onerror=alert(1)&gt;|*x*_@y" in index
    assert "\x1b" not in done["changed_line"] and "<img src=x onerror=alert(1)>|*x*_@y?[31m" in done["changed_line"]
    with Book(url) as book:
        _, diffs = regrade.student_diffs(book, HOSTILE_ID)
    assert "\x1b" not in regrade.to_text(diffs)


# --------------------------------------------------------------------------- grade-submissions stores them

class _StandIn:
    """An executor that grades nothing: test_add passes when the week's demo.py defines add."""

    def run(self, jobs):
        for job in jobs:
            ok = "def add" in (Path(job.target) / job.week / "demo.py").read_text()
            spec = SpecResult("week01/test_demo.py::test_add", "test_add", "", "demo", 1.0, False,
                              status="passed" if ok else "failed", score=1.0 if ok else 0.0)
            yield job, Graded(student=job.student, week=job.week, result=WeekResult(job.week, str(job.target), "cpu",
                              specs=[spec]), submitted_at=job.submitted_at, time_source=job.time_source,
                              fingerprint=job.fingerprint)


def test_grade_submissions_stores_a_batch_id_and_spec_versions(tmp_path, monkeypatch):
    monkeypatch.setattr(grading, "make_executor", lambda *a, **k: _StandIn())
    specs_root = tmp_path / "specs"
    shutil.copytree(FIXTURE_SPECS, specs_root)
    subs = tmp_path / "subs"
    shutil.copytree(FIXTURES / "subs" / "good", subs / "alice")
    url = f"sqlite:///{tmp_path / 'gb.db'}"

    def grade() -> None:
        grading.grade_submissions(subs, ["week01"], url=url, workers=1, specs_root=specs_root,
                                  course=policy.Course(), progress=False)

    grade()
    spec = specs_root / "week01" / "test_demo.py"
    spec.write_text(spec.read_text().replace('"add(2, 3) should be 5"', '"add(2, 3) should be five"'))
    demo = subs / "alice" / "week01" / "demo.py"
    demo.write_text(demo.read_text().replace("def add", "def plus"))
    grade()
    with Book(url) as book:
        first, second = book.run_rows(student="alice")
        _, [d] = regrade.student_diffs(book, "alice", "week01")
    assert first.batch and second.batch and first.batch != second.batch
    assert re.fullmatch(r"\d{8}T\d{6}Z-[0-9a-f]{6}", second.batch)
    assert set(second.spec_versions) == {s.nodeid for s in second.result.specs} and len(second.spec_versions) == 10
    assert [v.nodeid for v in d.version_changes] == ["week01/test_demo.py::test_add"] and d.versions == "changed"
    assert d.fingerprint == "changed" and [(c.nodeid, c.old, c.new) for c in d.specs] == [(ADD.nodeid, 1.0, 0.0)]
