"""Hostile inputs on the instructor side: student ids, files that are not regular, forged results and
gradebook rows, and every medium a student-controlled string reaches (HTML, Markdown, CSV, terminal)."""
from __future__ import annotations

import csv
import html.parser
import io
import os
import stat
import warnings
import zipfile

import pytest
from helpers import FIXTURE_SPECS, FIXTURES

from autograder.instructor import intake, reports
from autograder.instructor.collection import WeekSpecs, collect_week, honest
from autograder.instructor.gradebook import Book
from autograder.instructor.jobs import Graded
from autograder.runner import SpecResult, WeekResult
from autograder.scoretable import CSS, STATUSES

FORMULA = "=cmd|' -C calc'!A0"
GOOD = (FIXTURES / "subs" / "good" / "week01" / "demo.py").read_text()


# --------------------------------------------------------------------------- intake: ids

def test_student_ids_outside_the_safe_alphabet_are_refused_by_name(tmp_path):
    subs = tmp_path / "subs"
    bad = [FORMULA, "_hidden", "-rf", "a b", "ünïcode", "x" * 65, "+plus", "@at", "tab\tname"]
    for name in bad + ["alice", "bob.smith-2_x"]:
        (subs / name / "week01").mkdir(parents=True)
        (subs / name / "week01" / "demo.py").write_text(GOOD)
    found, problems = intake.find_submissions(subs, tmp_path / "stage", ["week01"])
    assert sorted(s.student for s in found) == ["alice", "bob.smith-2_x"]
    assert len(problems) == len(bad)
    for name in bad:  # each refusal names its folder, and says why
        [line] = [p for p in problems if p.startswith(repr(name))]
        assert "not a valid student id" in line and "Rename it" in line
    assert sorted(p.name for p in (tmp_path / "stage").iterdir()) == ["alice", "bob.smith-2_x"]  # nothing renamed


def test_two_hand_ins_never_fall_onto_one_student(tmp_path):
    subs = tmp_path / "subs"
    for name in ("Alice", "alice", "bob"):
        (subs / name / "week01").mkdir(parents=True)
        (subs / name / "week01" / "demo.py").write_text(GOOD)
    with zipfile.ZipFile(subs / "bob.zip", "w") as zf:
        zf.writestr("week01/demo.py", GOOD)
    found, problems = intake.find_submissions(subs, tmp_path / "stage")
    assert sorted(s.student for s in found) == ["Alice", "bob"]
    assert any(p.startswith("'alice'") and "already taken by 'Alice'" in p for p in problems)
    assert any(p.startswith("'bob.zip'") and "already taken by 'bob'" in p for p in problems)


def test_an_entry_that_is_a_link_or_a_stray_file_is_refused(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    (tmp_path / "elsewhere" / "week01").mkdir(parents=True)
    (subs / "mallory").symlink_to(tmp_path / "elsewhere")
    (subs / "notes.txt").write_text("hi\n")
    found, problems = intake.find_submissions(subs, tmp_path / "stage")
    assert found == []
    assert any(p.startswith("'mallory'") and "symbolic link" in p for p in problems)
    assert any(p.startswith("'notes.txt'") and "not a folder or a .zip" in p for p in problems)


# --------------------------------------------------------------------------- intake: regular files only

def test_only_regular_files_are_kept_and_each_drop_is_noted(tmp_path):
    week = tmp_path / "subs" / "alice" / "week01"
    (week / "data").mkdir(parents=True)
    (week / "demo.py").write_text(GOOD)
    (week / "data" / "table.csv").write_text("a,b\n")
    os.utime(week / "demo.py", (1_600_000_000, 1_600_000_000))
    (week / "link.py").symlink_to("/etc/passwd")
    (week / "linked_dir").symlink_to(tmp_path)
    (week / "__pycache__").mkdir()
    (week / "__pycache__" / "demo.cpython-311.pyc").write_bytes(b"\0")
    (week / "stale.pyc").write_bytes(b"\0")
    os.mkfifo(week / "pipe")
    [sub], problems = intake.find_submissions(tmp_path / "subs", tmp_path / "stage")
    assert problems == []
    staged = sub.target / "week01"
    kept = sorted(p.relative_to(staged).as_posix() for p in staged.rglob("*"))
    assert kept == ["data", "data/table.csv", "demo.py"]
    assert all(stat.S_ISREG(p.lstat().st_mode) for p in staged.rglob("*") if not p.is_dir())
    assert (staged / "demo.py").stat().st_mtime == 1_600_000_000  # the hand-in time survives the copy
    notes = "\n".join(sub.notes["week01"])
    for name, why in (("link.py", "a symbolic link"), ("linked_dir", "a symbolic link"), ("__pycache__/", "compiled"),
                      ("stale.pyc", "a compiled file"), ("pipe", "a named pipe")):
        assert f"week01/{name} was dropped ({why}" in notes, name
    assert sub.hand_in("week01").time_source == "mtime"


def test_a_linked_week_folder_or_weeks_folder_is_not_followed(tmp_path):
    outside = tmp_path / "outside" / "week01"
    outside.mkdir(parents=True)
    (outside / "demo.py").write_text(GOOD)
    (tmp_path / "subs" / "alice").mkdir(parents=True)
    (tmp_path / "subs" / "alice" / "week01").symlink_to(outside)
    (tmp_path / "subs" / "bob").mkdir()
    (tmp_path / "subs" / "bob" / "weeks").symlink_to(tmp_path / "outside")
    found, problems = intake.find_submissions(tmp_path / "subs", tmp_path / "stage")
    by = {s.student: s for s in found}
    assert by["alice"].weeks == () and "week01 was dropped (a symbolic link" in by["alice"].notes["week01"][0]
    assert by["bob"].weeks == ()
    assert not list((tmp_path / "stage").rglob("demo.py"))


def test_archives_keep_regular_files_and_note_the_rest(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    with zipfile.ZipFile(subs / "carol.zip", "w") as zf:
        zf.writestr("carol-main/weeks/week01/demo.py", GOOD)
        link = zipfile.ZipInfo("carol-main/weeks/week01/link.py")
        link.external_attr = 0o120777 << 16
        zf.writestr(link, "/etc/passwd")
        dev = zipfile.ZipInfo("carol-main/weeks/week01/null")
        dev.external_attr = (stat.S_IFCHR | 0o666) << 16
        zf.writestr(dev, "")
        zf.writestr("carol-main/weeks/week01/__pycache__/demo.cpython-311.pyc", b"\0")
    [sub], problems = intake.find_submissions(subs, tmp_path / "stage")
    assert problems == [] and sub.weeks == ("week01",)
    assert sorted(p.name for p in (sub.target / "week01").iterdir()) == ["demo.py"]
    notes = "\n".join(sub.notes["week01"])
    assert "week01/link.py was dropped (a symbolic link" in notes
    assert "week01/null was dropped (a device file" in notes
    assert "week01/__pycache__/demo.cpython-311.pyc was dropped (a compiled file" in notes


# --------------------------------------------------------------------------- forged results and gradebook rows

@pytest.fixture(scope="module")
def week01() -> WeekSpecs:
    specs = collect_week("week01", FIXTURE_SPECS)
    assert specs.max_score == 15 and not specs.errors
    return specs


def _forged(specs: WeekSpecs) -> WeekResult:
    """What a submission that controlled its results file would claim."""
    out = []
    for s in specs.specs:
        out.append(SpecResult(s.nodeid, s.name, "<b>title</b>", "other task", 50.0, False,
                              status="passed\tonmouseover=alert(1)", score=1e9,
                              message='<script>alert(1)</script> [x](http://evil) @org/team | x\n# h'))
    out.append(SpecResult("week01/test_demo.py::test_forged", "test_forged", "forged", "demo", 100.0, False,
                          status="passed", score=100.0))
    out.append(SpecResult("week01/test_other.py::test_new_task", "test_new_task", "forged", "evil_task", 100.0,
                          False, status="passed", score=100.0))
    return WeekResult("week01", "/x", "cpu", specs=out)


def test_the_collection_decides_specs_points_and_statuses(week01):
    result = honest(_forged(week01), week01)
    assert [s.nodeid for s in result.specs] == [s.nodeid for s in week01.specs]
    assert result.max_score == 15 and result.score == 15  # every score clamped to the spec's own points
    assert {s.status for s in result.specs} == {"failed"}  # not a status of the closed set
    assert {s.task for s in result.specs} == {"demo"} and "<b>title</b>" not in {s.title for s in result.specs}
    assert sum("is not a spec of week01, was ignored" in n for n in result.notes) == 2
    empty = honest(WeekResult("week01", "/x", "cpu", specs=[week01_spec(week01, status="passed", score=1.0)]), week01)
    assert sum(s.status == "not run" for s in empty.specs) == len(week01.specs) - 1


def week01_spec(specs: WeekSpecs, **kw) -> SpecResult:
    s = specs.specs[0]
    return SpecResult(s.nodeid, s.name, s.title, s.task, s.points, s.hidden, **kw)


class _Attrs(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.attrs: list[tuple[str, str, str | None]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(tag, k, v) for k, v in attrs]


@pytest.fixture(scope="module")
def forged_book(week01, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("forged")
    url = f"sqlite:///{tmp / 'gb.db'}"
    with Book(url) as book, warnings.catch_warnings():
        book.sync_week(week01)
        recorded = book.record(Graded(student="mallory", week="week01", result=_forged(week01)), week01)
        with pytest.raises(ValueError, match="not a valid student id"):
            book.record(Graded(student=FORMULA, week="week01", result=_forged(week01)), week01)
        # ids written by other tools straight into nbgrader's tables: the report must still be safe
        warnings.simplefilter("ignore")  # nbgrader's own add_submission warns about SQLAlchemy's autoflush
        for sid in (FORMULA, "Alice", "alice", "+1", "@sum", "-2", "\tx", "\rx", "<img src=x onerror=alert(1)>",
                    "../../etc"):
            book.gb.update_or_create_student(sid)
            book.gb.add_submission("week01", sid)
        book.gb.db.commit()
    out = tmp / "rep"
    done = reports.write_reports(url, out)
    return {"url": url, "out": out, "recorded": recorded, "pages": done["pages"]}


def test_a_forged_spec_never_becomes_a_grade_cell(forged_book):
    from nbgrader.api import Gradebook
    with Gradebook(forged_book["url"]) as gb:
        week = gb.find_assignment("week01")
        assert week.max_score == 15  # not 15 + 100 + 100
        assert [nb.name for nb in week.notebooks] == ["demo"]
        assert "test_forged" not in {c.name for c in week.notebooks[0].grade_cells}
        assert gb.find_submission("week01", "mallory").score == 15
    assert forged_book["recorded"].result.max_score == 15


def test_grades_csv_neutralises_formulas(forged_book):
    rows = list(csv.reader((forged_book["out"] / "grades.csv").open(newline="")))
    firsts = [r[0] for r in rows[1:]]
    assert "'" + FORMULA in firsts and FORMULA not in firsts
    for cell in (c for r in rows for c in r):
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), repr(cell)
    assert {"'+1", "'@sum", "'-2", "'\tx", "'\rx"} <= set(firsts)


def test_every_student_gets_a_page_of_their_own(forged_book):
    pages = forged_book["pages"]
    assert len({p.lower() for p in pages.values()}) == len(pages)  # distinct even ignoring case
    assert pages["Alice"].lower() != pages["alice"].lower()
    for student, name in pages.items():
        assert intake.check_student_id(name) is None, name  # a safe file name: no /, no .., no formula
        assert (forged_book["out"] / "students" / f"{name}.html").exists()
    assert not (forged_book["out"].parent / "etc.html").exists()


def test_html_escapes_text_and_attributes(forged_book):
    out = forged_book["out"]
    for page in [out / "index.html", *sorted((out / "students").glob("*.html"))]:
        text = page.read_text()
        parser = _Attrs()
        parser.feed(text)
        assert "script" not in parser.tags
        if page.name != "index.html":
            assert "img" not in parser.tags
        for tag, name, value in parser.attrs:
            assert not name.startswith("on"), f"{page.name}: <{tag} {name}=...>"
            if name == "class" and tag == "tr":
                assert value in set(CSS.values()), value
    index = _Attrs()
    index.feed((out / "index.html").read_text())
    assert all(v.startswith("plots/") for t, k, v in index.attrs if t == "img" and k == "src")
    page = (out / "students" / f"{forged_book['pages']['mallory']}.html").read_text()
    assert "&lt;script&gt;" in page and "<script>" not in page


def test_feedback_markdown_is_inert(forged_book):
    md = (forged_book["out"] / "students" / f"{forged_book['pages']['mallory']}.md").read_text()
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert "\\[x\\](http://evil)" in md and "@\u200borg" in md and "x \\# h" in md
    assert "is not a spec of week01, was ignored" in md
    weird = (forged_book["out"] / "students" / f"{forged_book['pages']['<img src=x onerror=alert(1)>']}.md").read_text()
    assert "<img" not in weird


def test_a_spec_removed_from_the_course_leaves_the_maxima(week01, tmp_path):
    from nbgrader.api import Gradebook
    url = f"sqlite:///{tmp_path / 'gb.db'}"
    passed = WeekResult("week01", "/x", "cpu", specs=[
        SpecResult(s.nodeid, s.name, s.title, s.task, s.points, s.hidden, status="passed", score=s.points)
        for s in week01.specs])
    square = next(s for s in week01.specs if s.name == "test_square")
    smaller = WeekSpecs("week01", tuple(s for s in week01.specs if s is not square))
    with Book(url) as book:
        book.record(Graded(student="alice", week="week01", result=passed, penalty_fraction=0.5), week01)
        book.sync_week(smaller)
    with Gradebook(url) as gb:
        assert gb.find_assignment("week01").max_score == 15 - square.points
        sub = gb.find_submission("week01", "alice")
        assert sub.score == 15 - square.points
        assert sub.late_submission_penalty == pytest.approx(0.5 * (15 - square.points))
        assert "test_square" not in {c.name for nb in gb.find_assignment("week01").notebooks for c in nb.grade_cells}
    out = tmp_path / "rep"
    reports.write_reports(url, out)
    md = (out / "students" / "alice.md").read_text()
    assert square.title not in md and f"/ {15 - square.points:g} points" in md
    assert "| week01 | 14 |" in (out / "summary.md").read_text()


def test_terminal_and_ci_markdown_are_inert():
    from rich.console import Console

    from autograder.results import markdown, print_table
    hostile = "\x1b[2J\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\ [bold red]x[/] <img src=x> @team | `code`\nnext"
    week = WeekResult("week01", "/x", "cpu", specs=[
        SpecResult("a::t", "t", hostile, hostile, 1.0, False, status="weird\tstatus", score=0.0, message=hostile)])
    buf = io.StringIO()
    print_table([week], Console(file=buf, width=200, force_terminal=False, color_system=None))
    text = buf.getvalue()
    assert "\x1b" not in text and "[bold red]x[/]" in text  # no control codes pass; markup is shown, not read
    md = markdown([week])
    assert "<img" not in md and "@\u200bteam" in md and "\\| \\`code\\`" in md and "\n" not in md.split("| ❌ |")[1].split("\n")[0]
    assert "❌" in md  # the unknown status reads as failed


def test_statuses_are_a_closed_set():
    from autograder.scoretable import status_of
    assert status_of("passed") == "passed" and status_of("passed\tonmouseover=x") == "failed"
    assert status_of(None) == "failed" and set(CSS) == set(STATUSES)
