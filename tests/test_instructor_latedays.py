"""Extensions and late days (course.yml, their allocation, re-grades, report) and the LMS exports.

No submission is graded here: the grader's collection and the executor are replaced by fabricated
results, so each test runs grade-submissions' own bookkeeping (hand-in times, penalties, the gradebook)
in well under a second.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT

from autograder.instructor import grading, lms, policy, reports, roster
from autograder.instructor.collection import SpecInfo, WeekSpecs
from autograder.instructor.gradebook import Book
from autograder.instructor.jobs import Graded
from autograder.instructor.latedays import allocate
from autograder.runner import SpecResult, WeekResult

UTC = dt.timezone.utc
D1 = dt.datetime(2027, 2, 15, 23, 59, tzinfo=UTC)  # week01's due date
D2 = D1 + dt.timedelta(days=7)  # week02's
GRACE = dt.timedelta(minutes=15)
DAY = dt.timedelta(days=1)
SECOND = dt.timedelta(seconds=1)


def course(late_days: int = 2, **kw) -> policy.Course:
    return policy.Course(due={"week01": D1, "week02": D2},
                         late=policy.LatePolicy(per_day=0.1, cap=0.5, grace_minutes=15, late_days=late_days), **kw)


def late_by(due: dt.datetime, days: int) -> dt.datetime:
    """A hand-in ``days`` started days late: one second past the grace period plus ``days - 1`` days."""
    return due + GRACE + (days - 1) * DAY + SECOND


# --------------------------------------------------------------------------- the allocation

def test_one_second_after_the_grace_period_is_one_late_day():
    late = allocate(course(1), "s1", {"week01": D1 + GRACE + SECOND}).weeks["week01"]
    assert (late.days, late.late_days, late.fraction) == (1, 1, 0.0)
    late = allocate(course(0), "s1", {"week01": D1 + GRACE + SECOND}).weeks["week01"]
    assert (late.days, late.late_days, late.fraction) == (1, 0, pytest.approx(0.1))
    on_time = allocate(course(1), "s1", {"week01": D1 + GRACE}).weeks["week01"]  # the last second of grace
    assert (on_time.days, on_time.late_days, on_time.fraction) == (0, 0, 0.0)


def test_the_budget_runs_out_in_the_middle_of_a_week():
    a = allocate(course(2), "s1", {"week01": late_by(D1, 1), "week02": late_by(D2, 3)})
    assert a.weeks["week01"].late_days == 1 and a.weeks["week01"].fraction == 0.0
    assert a.weeks["week02"].late_days == 1 and a.weeks["week02"].penalised_days == 2
    assert a.weeks["week02"].fraction == pytest.approx(0.2)
    assert (a.used, a.left) == (2, 0)
    assert a.summary() == "Late days: 2 of 2 used (week01: 1, week02: 1), 0 left."


def test_the_cap_still_bounds_the_days_no_late_day_covers():
    a = allocate(course(3), "s1", {"week01": late_by(D1, 10)})
    assert a.weeks["week01"].late_days == 3 and a.weeks["week01"].fraction == pytest.approx(0.5)


def test_an_extension_past_another_due_date_moves_the_order_of_spending():
    extended = course(1, extensions={"s1": {"week01": D2 + 2 * DAY}})  # week01 now falls due after week02
    hand_ins = {"week01": late_by(D2 + 2 * DAY, 1), "week02": late_by(D2, 1)}
    a = allocate(extended, "S1", hand_ins)  # ids are compared ignoring case
    assert list(a.weeks) == ["week02", "week01"]
    assert a.weeks["week02"].late_days == 1 and a.weeks["week02"].fraction == 0.0
    assert a.weeks["week01"].late_days == 0 and a.weeks["week01"].fraction == pytest.approx(0.1)
    assert a.weeks["week01"].due == D2 + 2 * DAY
    plain = allocate(course(1), "s2", hand_ins)  # another student keeps the course's dates
    assert list(plain.weeks) == ["week01", "week02"] and plain.weeks["week01"].days == 10


def test_weeks_without_a_due_date_or_a_hand_in_take_no_late_day():
    a = allocate(course(2), "s1", {"week05": D1 + 30 * DAY, "week02": None})
    assert a.used == 0 and a.left == 2 and all(w.fraction == 0.0 for w in a.weeks.values())


def test_a_student_budget_overrides_the_course_default():
    c = course(2, budgets={"s1": 0})
    assert c.late_day_budget("S1") == 0 and c.late_day_budget("s2") == 2 and c.has_late_days
    assert not course(0).has_late_days and course(0, budgets={"s9": 1}).has_late_days


# --------------------------------------------------------------------------- course.yml

BASE = """late_policy:
  penalty_per_day: 0.1
  cap: 0.5
  late_days: 3
due:
  week01: 2027-02-15T23:59:00+00:00
  week02: 2027-02-22
"""


def _load(tmp_path: Path, text: str) -> policy.Course:
    (tmp_path / "course.yml").write_text(text)
    return policy.load_course(tmp_path / "course.yml")


def test_course_yml_reads_extensions_budgets_and_the_roster(tmp_path):
    c = _load(tmp_path, BASE + "extensions:\n  S123: {week1: 2027-03-04T23:59:00+01:00}\n"
                               "late_day_budgets:\n  s9: 5\nroster: lists/roster.csv\n")
    assert c.late.late_days == 3 and c.late_day_budget("s9") == 5 and c.late_day_budget("s1") == 3
    assert c.due_for("s123", "week01") == dt.datetime(2027, 3, 4, 22, 59, tzinfo=UTC)
    assert c.due_for("s124", "week01") == D1
    assert c.due["week02"] == dt.datetime(2027, 2, 22, 23, 59, 59, tzinfo=UTC)  # a date alone: the end of that day
    assert c.roster == (tmp_path / "lists" / "roster.csv").resolve()


@pytest.mark.parametrize("extra, message", [
    ("extensions:\n  s1: {weekX: 2027-03-04}\n", r"'weekX' under extensions: s1: is not a week"),
    ("extensions:\n  s1: {week03: 2027-03-04}\n", r"extensions: s1: week03 has no due date"),
    ("extensions:\n  s1: {week01: 2027-13-40}\n", r"extensions: s1: week01: '2027-13-40' is not a date"),
    ("extensions:\n  s1: {week01: }\n", r"extensions: s1: week01 has no date"),
    ("extensions:\n  s1: week01\n", r"extensions: s1 must be a mapping"),
    ("extensions:\n  s1: {week01: 2027-03-04}\n  S1: {week02: 2027-03-04}\n", r"'S1' appears twice"),
    ("late_day_budgets:\n  s1: -1\n", r"late_day_budgets: s1 must be a whole number of days, 0 or more \(got -1\)"),
    ("late_day_budgets:\n  s1: 1.5\n", r"late_day_budgets: s1 must be a whole number"),
    ("roster: [a, b]\n", r"roster must be a file name"),
])
def test_course_yml_errors_name_the_value(tmp_path, extra, message):
    with pytest.raises(policy.CourseError, match=message):
        _load(tmp_path, BASE + extra)


@pytest.mark.parametrize("value, message", [("-1", r"late_policy: late_days must be a whole number of days, 0 or "
                                                   r"more \(got -1\)"), ("true", "got True"), ("two", "got 'two'")])
def test_a_negative_or_odd_default_budget_is_refused(tmp_path, value, message):
    with pytest.raises(policy.CourseError, match=message):
        _load(tmp_path, BASE.replace("late_days: 3", f"late_days: {value}"))


def test_a_bad_due_date_is_refused_by_name(tmp_path):
    with pytest.raises(policy.CourseError, match=r"due: week02: 'soon' is not a date"):
        _load(tmp_path, BASE.replace("2027-02-22", "soon"))


def test_the_repository_course_yml_reads():
    c = policy.load_course()
    assert len(c.due) >= 1 and c.late.late_days >= 0 and all(d.tzinfo is UTC for d in c.due.values())


# --------------------------------------------------------------------------- grading into the gradebook

def specs(week: str) -> WeekSpecs:
    return WeekSpecs(week, (SpecInfo(f"{week}/test_demo.py::test_a", "test_a", "a works", "demo", 10.0, False),))


def result(week: str, score: float) -> WeekResult:
    spec = specs(week).specs[0]
    return WeekResult(week, "/x", "cpu", specs=[SpecResult(spec.nodeid, spec.name, spec.title, spec.task, spec.points,
                                                           spec.hidden, status="passed" if score == 10 else "partial",
                                                           score=score)])


class FakeExecutor:
    """Returns a fabricated result per job (10 points unless told), with the job's own hand-in time."""

    def __init__(self, scores: dict[tuple[str, str], float]) -> None:
        self.scores = scores

    def run(self, jobs):
        for job in jobs:
            yield job, Graded(student=job.student, week=job.week, result=result(job.week, self.scores.get(
                (job.student, job.week), 10.0)), submitted_at=job.submitted_at, time_source=job.time_source)


def hand_in(subs: Path, student: str, week: str, when: dt.datetime) -> None:
    folder = subs / student / week
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "demo.py").write_text(f"# {student} {week} {when}\n")
    os.utime(folder / "demo.py", (when.timestamp(), when.timestamp()))


def grade(monkeypatch, subs: Path, url: str, c: policy.Course, weeks: list[str], scores=None) -> list[Graded]:
    monkeypatch.setattr(grading, "collect", lambda ws, root, workers=None: {w: specs(w) for w in ws})
    monkeypatch.setattr(grading, "make_executor", lambda name, options: FakeExecutor(scores or {}))
    log = io.StringIO()
    out = grading.grade_submissions(subs, weeks, url=url, course=c, progress=False, log=log)
    assert not any(g.record_error for g in out), log.getvalue()
    return out


def nbgrader_penalty(url: str, week: str, student: str) -> float:
    from nbgrader.api import Gradebook
    with Gradebook(url) as gb:
        return float(gb.find_submission(week, student).late_submission_penalty)


def test_a_regrade_of_an_earlier_week_moves_the_late_days_of_later_weeks(monkeypatch, tmp_path):
    url, c = f"sqlite:///{tmp_path / 'gb.db'}", course(2)
    first = tmp_path / "first"
    hand_in(first, "s1", "week01", D1 - DAY)  # on time
    hand_in(first, "s1", "week02", late_by(D2, 2))  # two days late: both late days
    hand_in(first, "s2", "week02", late_by(D2, 3))  # three days late: pays for one
    out = {(g.student, g.week): g for g in grade(monkeypatch, first, url, c, ["week01", "week02"])}
    assert out[("s1", "week02")].days_late == pytest.approx(1.0, abs=0.01) and out[("s1", "week02")].penalty == 0
    assert out[("s2", "week02")].penalty_fraction == pytest.approx(0.1) and out[("s2", "week02")].penalty == 1.0
    assert nbgrader_penalty(url, "week02", "s1") == 0 and nbgrader_penalty(url, "week02", "s2") == pytest.approx(1.0)

    again = tmp_path / "again"  # s1 hands week01 in again, a day late: it takes a late day first
    hand_in(again, "s1", "week01", late_by(D1, 1) + dt.timedelta(hours=2))
    [regraded] = grade(monkeypatch, again, url, c, ["week01"])
    assert regraded.penalty == 0 and regraded.days_late > 0  # the run stores what the allocation decided
    assert nbgrader_penalty(url, "week01", "s1") == 0
    assert nbgrader_penalty(url, "week02", "s1") == pytest.approx(1.0)  # week02 now pays for one day
    assert nbgrader_penalty(url, "week02", "s2") == pytest.approx(1.0)  # nobody else moved

    rep = tmp_path / "rep"
    done = reports.write_reports(url, rep, course=c)
    assert done["data"].stale == []
    rows = list(csv.reader((rep / "grades.csv").open(newline="")))
    assert rows[0] == ["student", "week01", "week02", "total", "late_days_used", "late_days_left"]
    assert rows[1] == ["s1", "10", "9", "19", "2", "0"] and rows[2] == ["s2", "", "9", "9", "2", "0"]
    md = (rep / "students" / "s1.md").read_text()
    page = (rep / "students" / "s1.html").read_text()
    for text in (md, page):
        assert "Late days: 2 of 2 used (week01: 1, week02: 1), 0 left." in text
    assert "9 / 10 points (earned 10; 1.0 days late: -1)" in md

    with Book(url) as book:  # the history keeps what each run decided when it was made
        history = [(h["week"], h["penalty"]) for h in book.history("s1")]
    assert history == [("week01", 0.0), ("week02", 0.0), ("week01", 0.0)]  # week02's row still says 0


def test_report_follows_course_yml_changed_after_grading(monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path / 'gb.db'}"
    subs = tmp_path / "subs"
    hand_in(subs, "s1", "week01", late_by(D1, 2))
    grade(monkeypatch, subs, url, course(0), ["week01"])
    assert nbgrader_penalty(url, "week01", "s1") == pytest.approx(2.0)
    extended = course(0, extensions={"s1": {"week01": D1 + 3 * DAY}})  # granted after grading
    rep = tmp_path / "rep"
    data = reports.write_reports(url, rep, course=extended)["data"]
    assert data.stale == [("s1", "week01")]
    rows = list(csv.reader((rep / "grades.csv").open(newline="")))
    assert rows == [["student", "week01", "total"], ["s1", "10", "10"]]  # no late days in this course: no columns
    assert "days late" not in (rep / "students" / "s1.md").read_text()
    stored = reports.write_reports(url, tmp_path / "stored")["data"]  # without a course: the stored penalty
    assert stored.scores["s1"]["week01"] == 8.0
    (tmp_path / "empty").mkdir()
    assert grade(monkeypatch, tmp_path / "empty", url, extended, ["week01"]) == []
    assert nbgrader_penalty(url, "week01", "s1") == 0  # the next grading stores the penalties course.yml gives


# --------------------------------------------------------------------------- the roster and LMS exports

FORMULA = "=HYPERLINK(\"http://evil\")"
ROSTER = f"""\ufeffStudent,name,email,sis_user_id,sis_login_id,section,lms_id
s1,"{FORMULA.replace('"', '""')}",s1@uni.example,SIS-1,login1,A,101
s3,Carol Doe,s3@uni.example,SIS-3,login3,B,103
"""


def test_roster_errors_name_the_line(tmp_path):
    cases = {"student,nickname\ns1,x\n": "unknown column", "name,email\nA,a@x\n": "no 'student' column",
             "student\ns1\nS1\n": "line 3: 'S1' is already on line 2", "student\n../x\n": "line 2: '../x' is not a valid",
             "student,name\n,Bob\n": "line 2: the student id is empty", "": "is empty"}
    for i, (text, message) in enumerate(cases.items()):
        path = tmp_path / f"r{i}.csv"
        path.write_text(text)
        with pytest.raises(roster.RosterError, match=message):
            roster.read_roster(path)
    with pytest.raises(roster.RosterError, match="not found"):
        roster.read_roster(tmp_path / "missing.csv")
    path = tmp_path / "ok.csv"
    path.write_text(ROSTER + "\n ,\n")  # a BOM, a capitalised header and a blank row are fine
    found = roster.read_roster(path)
    assert [p.student for p in found.people] == ["s1", "s3"] and found.find("S3").lms_id == "103"
    assert found.missing(["S1", "s2", "s3"]) == ["s2"]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """A gradebook of s1 (on the roster, late), s2 (not on it) and s3 (on it, nothing handed in), and
    ``report --lms canvas --lms moodle`` on it, through the command line."""
    tmp = tmp_path_factory.mktemp("lms")
    url = f"sqlite:///{tmp / 'gb.db'}"
    with Book(url) as book:
        for week in ("week01", "week02"):
            book.sync_week(specs(week), course().due[week])
        book.record(Graded("s1", "week01", result("week01", 10.0), submitted_at=D1, penalty_fraction=0.0),
                    specs("week01"))
        book.record(Graded("s1", "week02", result("week02", 7.5), submitted_at=late_by(D2, 1), days_late=1.0,
                           penalty_fraction=0.1), specs("week02"))
        book.record(Graded("s2", "week01", result("week01", 4.0), submitted_at=D1), specs("week01"))
    (tmp / "lists").mkdir()
    (tmp / "lists" / "roster.csv").write_text(ROSTER)
    (tmp / "course.yml").write_text(f"late_policy: {{penalty_per_day: 0.1, cap: 0.5}}\ndue:\n  week01: {D1.isoformat()}\n"
                                    f"  week02: {D2.isoformat()}\nroster: lists/roster.csv\n")
    cmd = [sys.executable, "-m", "autograder", "report", "--db", str(tmp / "gb.db"), "--out", str(tmp / "rep"),
           "--course", str(tmp / "course.yml"), "--lms", "canvas", "--lms", "moodle"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    read = lambda name: list(csv.reader((tmp / "rep" / name).open(newline="", encoding="utf-8")))  # noqa: E731
    return {"tmp": tmp, "url": url, "proc": proc, "canvas": read("canvas.csv"), "moodle": read("moodle.csv")}


def test_canvas_export_has_canvas_columns_and_points_possible(exported):
    rows = exported["canvas"]
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "week01", "week02"]
    assert rows[1] == ["Points Possible", "", "", "", "", "10", "10"]
    assert rows[2] == ["'" + FORMULA, "101", "SIS-1", "login1", "A", "10", "6.75"]  # 7.5 less a day's 10 %
    assert rows[3] == ["Carol Doe", "103", "SIS-3", "login3", "B", "", ""]  # on the roster, nothing handed in
    assert len(rows) == 4


def test_moodle_export_has_an_identifier_and_a_column_per_grade_item(exported):
    rows = exported["moodle"]
    assert rows == [["ID number", "Email address", "week01", "week02"], ["SIS-1", "s1@uni.example", "10", "6.75"],
                    ["SIS-3", "s3@uni.example", "", ""]]


def test_a_student_missing_from_the_roster_is_reported_not_dropped_silently(exported):
    err = exported["proc"].stderr
    for kind in ("canvas", "moodle"):
        assert f"warning: {kind}: s2 has grades but is not in the roster" in err
    summary = (exported["tmp"] / "rep" / "summary.md").read_text()
    assert "## Not in the roster" in summary and "- s2" in summary.split("## Not in the roster")[1]
    assert "- s1" not in summary and "- s3" not in summary
    assert "canvas: 2 roster students in" in exported["proc"].stdout


def test_lms_cells_never_start_a_formula(exported):
    for rows in (exported["canvas"], exported["moodle"]):
        for cell in (c for r in rows for c in r):
            assert not cell.startswith(reports.FORMULA_START), cell


def test_lms_export_problems_are_named(exported, tmp_path):
    with Book(exported["url"]) as book:
        data = reports.collect(book)
    bare = tmp_path / "bare.csv"
    bare.write_text("student,section\ns1,A\nS2,B\n")
    made = lms.export("moodle", data, roster.read_roster(bare), tmp_path)
    assert made.not_exported == [] and made.rows == 2
    assert any("no email address in the roster for s1, S2" in p for p in made.problems)
    made = lms.export("canvas", data, roster.read_roster(bare), tmp_path)
    assert any(p.startswith("s1: no lms_id") for p in made.problems)
    with pytest.raises(ValueError, match="unknown LMS"):
        lms.export("blackboard", data, roster.read_roster(bare), tmp_path)


def test_lms_needs_a_roster(exported, tmp_path):
    (tmp_path / "course.yml").write_text("due: {week01: 2027-02-15}\n")
    proc = subprocess.run([sys.executable, "-m", "autograder", "report", "--db", str(exported["tmp"] / "gb.db"),
                           "--out", str(tmp_path / "rep"), "--course", str(tmp_path / "course.yml"), "--lms", "canvas"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2 and "--lms needs a roster" in proc.stderr
    assert not (tmp_path / "rep").exists()
