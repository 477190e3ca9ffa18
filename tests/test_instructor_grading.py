"""grade-submissions and report: a folder of fixture submissions into nbgrader's gradebook, and back out."""
from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers import FIXTURE_SPECS, FIXTURES, ROOT

from autograder.instructor import intake, policy
from autograder.instructor.gradebook import Book, db_url
from autograder.instructor.grading import grade_submissions
from autograder.instructor.jobs import Job, failed_result

SUBS = FIXTURES / "subs"
UTC = dt.timezone.utc
DUE = dt.datetime(2020, 1, 1, 12, 0, tzinfo=UTC)
ON_TIME = dt.datetime(2020, 1, 1, 0, 0, tzinfo=UTC)
LATE = DUE + dt.timedelta(days=2, hours=2)  # three started days late: 30 %
COURSE = f"""late_policy:
  penalty_per_day: 0.10
  cap: 0.50
  grace_minutes: 15
due:
  week01: {DUE.isoformat()}
"""


def _stamp(folder: Path, when: dt.datetime) -> None:
    for p in folder.rglob("*"):
        os.utime(p, (when.timestamp(), when.timestamp()))


def _git(repo: Path, *args: str, when: dt.datetime | None = None) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="s", GIT_AUTHOR_EMAIL="s@example.org", GIT_COMMITTER_NAME="s",
               GIT_COMMITTER_EMAIL="s@example.org")
    if when is not None:
        env.update(GIT_AUTHOR_DATE=when.isoformat(), GIT_COMMITTER_DATE=when.isoformat())
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def make_submissions(folder: Path) -> Path:
    """The fixture submissions, plus a zip, a late copy and a git clone, with known hand-in times."""
    subs = folder / "subs"
    shutil.copytree(SUBS, subs)
    shutil.copytree(SUBS / "good", subs / "late")
    _stamp(subs, ON_TIME)
    _stamp(subs / "late", LATE)
    with zipfile.ZipFile(subs / "zipped.zip", "w") as zf:  # one top folder, as archive tools make it
        info = zipfile.ZipInfo("zipped/week01/demo.py", date_time=ON_TIME.timetuple()[:6])
        zf.writestr(info, (SUBS / "good" / "week01" / "demo.py").read_text())
    clone = subs / "clone"  # a whole repository: weeks/ inside, hand-in time from git
    shutil.copytree(SUBS / "good", clone / "weeks")
    _git(clone, "init", "-q")
    _git(clone, "add", ".")
    _git(clone, "commit", "-q", "-m", "week 1", when=ON_TIME + dt.timedelta(hours=6))
    return subs


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("grading")
    subs = make_submissions(tmp)
    (tmp / "course.yml").write_text(COURSE)
    db = tmp / "gb.db"
    proc = subprocess.run(
        [sys.executable, "-m", "autograder", "grade-submissions", str(subs), "--specs", str(FIXTURE_SPECS),
         "--db", str(db), "--workers", "2", "--timeout", "5", "--memory", "1000", "--wall", "120",
         "--course", str(tmp / "course.yml"), "--quiet"],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return {"tmp": tmp, "subs": subs, "db": db, "url": f"sqlite:///{db}", "course": tmp / "course.yml"}


EXPECTED = {"good": 15, "wrong": 8, "stub": 0, "broken": 0, "planted": 8, "evil": 4, "zipped": 15,
            "clone": 15, "late": 15}


def test_every_submission_is_graded_into_nbgrader(graded):
    from nbgrader.api import Gradebook
    with Gradebook(graded["url"]) as gb:
        assert sorted(s.id for s in gb.students) == sorted(EXPECTED)
        week = gb.find_assignment("week01")
        assert week.max_score == 15
        assert week.duedate == DUE.replace(tzinfo=None)
        assert [nb.name for nb in week.notebooks] == ["demo"]
        cells = {c.name: c.max_score for c in week.notebooks[0].grade_cells}
        assert len(cells) == 10 and cells["test_accuracy_band"] == 4 and cells["test_add_large"] == 2
        for student, score in EXPECTED.items():
            sub = gb.find_submission("week01", student)
            assert sub.score == score, f"{student}: raw score {sub.score}, expected {score}"
            assert sub.max_score == 15


def test_a_hostile_submission_costs_only_itself(graded):
    with Book(graded["url"]) as book:
        runs = book.latest()
    evil = {s.name: s for s in runs[("evil", "week01")].result.specs}
    assert evil["test_add"].status == "passed" and evil["test_add_large"].status == "passed"
    assert evil["test_mean"].status == "timeout"
    assert runs[("good", "week01")].result.score == 15


def test_late_policy_uses_the_hand_in_time(graded):
    from nbgrader.api import Gradebook
    with Book(graded["url"]) as book:
        runs = book.latest()
    late = runs[("late", "week01")]
    assert late.time_source == "mtime" and late.penalty_fraction == pytest.approx(0.3)
    assert late.penalty == pytest.approx(4.5)
    clone = runs[("clone", "week01")]  # files are new, the commit is on time: git wins
    assert clone.time_source == "git" and clone.penalty == 0
    assert runs[("zipped", "week01")].penalty == 0  # the archive's own times are kept
    with Gradebook(graded["url"]) as gb:
        sub = gb.find_submission("week01", "late")
        assert sub.late_submission_penalty == pytest.approx(4.5)
        assert sub.timestamp == LATE.replace(tzinfo=None)


def test_penalty_rule():
    course = policy.Course(due={"week01": DUE}, late=policy.LatePolicy(per_day=0.1, cap=0.5, grace_minutes=15))
    assert course.penalty_fraction("week01", DUE + dt.timedelta(minutes=10)) == (0.0, 0.0)
    assert course.penalty_fraction("week01", DUE + dt.timedelta(hours=2))[1] == pytest.approx(0.1)
    assert course.penalty_fraction("week01", DUE + dt.timedelta(days=30))[1] == pytest.approx(0.5)
    assert course.penalty_fraction("week02", DUE + dt.timedelta(days=30)) == (0.0, 0.0)


def test_regrading_replaces_grades_and_keeps_history(graded, tmp_path):
    again = tmp_path / "again"
    shutil.copytree(SUBS / "good", again / "wrong")  # wrong fixed its code
    _stamp(again, ON_TIME)
    out = grade_submissions(again, ["week01"], url=graded["url"], workers=1, timeout=5,
                            specs_root=FIXTURE_SPECS, course=policy.load_course(graded["course"]), progress=False)
    assert [o.result.score for o in out] == [15]
    from nbgrader.api import Gradebook
    with Gradebook(graded["url"]) as gb:
        assert gb.find_submission("week01", "wrong").score == 15
        assert len([s for s in gb.find_assignment("week01").submissions if s.student.id == "wrong"]) == 1
    with Book(graded["url"]) as book:
        history = book.history("wrong")
        assert [h["score"] for h in history] == [8, 15]
        assert history[0]["fingerprint"] != history[1]["fingerprint"]
        assert book.latest()[("wrong", "week01")].result.score == 15


def test_report_needs_no_student_code(graded, tmp_path, monkeypatch):
    from autograder import runner
    from autograder.instructor import reports as report

    def refuse(*a, **k):
        raise AssertionError("report ran the grader")

    monkeypatch.setattr(runner, "run_week", refuse)
    out = tmp_path / "rep"
    report.write_reports(graded["url"], out)
    rows = list(csv.reader((out / "grades.csv").open()))
    assert rows[0] == ["student", "week01", "total"]
    table = {r[0]: r[1:] for r in rows[1:]}
    assert table["good"] == ["15", "15"] and table["evil"] == ["4", "4"]
    assert table["late"] == ["10.5", "10.5"]  # after the late penalty
    assert len(table) == len(EXPECTED)  # one row per student, nothing else
    for plot in ("score_distribution", "pass_rate_per_spec", "hardest_specs"):
        assert (out / "plots" / f"{plot}.png").stat().st_size > 1000
        assert f"plots/{plot}.png" in (out / "index.html").read_text()
    index = (out / "index.html").read_text()
    for student in EXPECTED:
        assert f"students/{student}.html" in index
        assert (out / "students" / f"{student}.md").exists()


def test_feedback_shows_messages_but_never_hidden_expected_values(graded, tmp_path):
    from autograder.instructor import reports as report
    out = tmp_path / "rep"
    report.write_reports(graded["url"], out)
    md = (out / "students" / "planted.md").read_text()
    page = (out / "students" / "planted.html").read_text()
    for text in (md, page):
        assert "add(2, 3) should be 5" in text  # a public failure with its message
        assert "add is wrong on large numbers." in text  # a hidden spec's own message
        assert "A hidden check failed" in text  # a bare assert in a hidden spec
        assert "1002345" not in text and "-15" not in text  # its expected values stay hidden
    assert "replace the \\`raise NotImplementedError\\`" in (out / "students" / "stub.md").read_text()
    assert "replace the `raise NotImplementedError`" in (out / "students" / "stub.html").read_text()


def test_unsafe_archives_are_refused(tmp_path):
    bad = {"dotdot.zip": "../outside.py", "absolute.zip": "/etc/evil.py"}
    for name, member in bad.items():
        with zipfile.ZipFile(tmp_path / name, "w") as zf:
            zf.writestr(member, "x = 1\n")
    subs, problems = intake.find_submissions(tmp_path, tmp_path / "unpacked")
    assert subs == []
    assert len(problems) == 2 and all("unsafe path" in p for p in problems)
    assert not (tmp_path / "outside.py").exists()


def test_db_url_accepts_paths_and_urls(tmp_path):
    assert db_url(str(tmp_path / "g.db")) == f"sqlite:///{tmp_path / 'g.db'}"
    assert db_url("postgresql://h/db") == "postgresql://h/db"
    assert db_url(None).endswith("/gradebook.db")


def test_a_week_not_handed_in_gets_no_submission(graded, tmp_path):
    (tmp_path / "subs" / "nobody").mkdir(parents=True)
    (tmp_path / "subs" / "nobody" / "README.md").write_text("nothing here\n")
    log = tmp_path / "log.txt"
    with open(log, "w") as fh:
        out = grade_submissions(tmp_path / "subs", ["week01"], url=graded["url"], specs_root=FIXTURE_SPECS,
                                course=policy.load_course(graded["course"]), progress=False, log=fh)
    assert out == []
    assert "nobody: none of week01 found" in log.read_text()


def test_a_grading_failure_keeps_the_grades_we_had(graded):
    job = Job(student="good", week="week01", target=graded["subs"] / "good")
    with Book(graded["url"]) as book:
        book.record_run(failed_result(job, "the grading worker was lost"))
        assert book.history("good")[-1]["max_score"] == 0  # the attempt is in the history
        assert book.latest()[("good", "week01")].result.score == 15  # the grades behind it are not replaced
        assert book.gb.find_submission("week01", "good").score == 15
