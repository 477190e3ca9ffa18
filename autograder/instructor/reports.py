"""``report --out DIR``: everything regenerated from the gradebook, without running any student code.

Writes ``DIR/grades.csv`` (one row per student, one column per week after the late penalty, the total;
a week without a submission is left empty; the weeks' maxima are in summary.md),
``DIR/students/<id>.md`` and ``.html`` (feedback per week and task, rendered from the score-table
model of :mod:`autograder.scoretable`), ``DIR/summary.md`` with the class plots (``DIR/plots/*.png``),
and ``DIR/index.html`` linking all of it.

Given the course (``report`` always gives it), penalties are decided again from course.yml and the
newest runs' hand-in times (:meth:`.Book.allocations`: extensions and late days as they are now), so a
re-grade of one week shows up in the penalties of the student's later weeks. When anyone has late days,
grades.csv has ``late_days_used`` and ``late_days_left`` columns and each feedback page says how many
were spent where. When the course names a roster, summary.md lists the gradebook's students it lacks.

From the history (:mod:`.regrade`): a feedback page has a "What changed since the last grading" section
when a week's last two graded runs differ, and summary.md and index.html list the students whose grade
changed in the last grading (the newest ``grade-submissions`` batch).

Everything a student controls is escaped for its medium: HTML text and attributes, Markdown, and
spreadsheet cells (a cell that begins with ``=``, ``+``, ``-``, ``@``, TAB or CR is prefixed with
``'`` so no spreadsheet reads it as a formula). Feedback shows only the specs of the gradebook's grade
cells (the course's specs); hidden specs show only their own message and never their output.
"""
from __future__ import annotations

import csv
import hashlib
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from ..runner import WeekResult
from ..scoretable import (WeekTable, fmt, html_page, html_text, md_escape, missing_week, to_feedback_html,
                          to_feedback_markdown, week_table)
from .collection import SpecInfo, WeekSpecs
from .gradebook import Book, Run
from .intake import check_student_id
from .latedays import Allocation, allocate
from .policy import Course
from .regrade import (feedback_html, feedback_markdown, last_grading, last_grading_html, last_grading_line,
                      last_grading_markdown, latest_diffs, with_section_html, with_section_markdown)
from .roster import Roster, read_roster


@dataclass
class ClassData:
    weeks: list[str]
    students: list[str]
    max: dict[str, float]
    scores: dict[str, dict[str, float | None]]  # after the late penalty; None: no submission
    penalties: dict[tuple[str, str], float] = field(default_factory=dict)
    runs: dict[tuple[str, str], Run] = field(default_factory=dict)
    cells: dict[str, dict[tuple[str, str], float]] = field(default_factory=dict)  # week -> (task, cell) -> points
    course: Course | None = None  # None: the penalties stored in the gradebook are shown as they are
    late: dict[str, Allocation] = field(default_factory=dict)  # student -> late days (with a course)
    stale: list[tuple[str, str]] = field(default_factory=list)  # (student, week) whose stored penalty differs
    not_in_roster: list[str] | None = None  # gradebook students the roster lacks (None: no roster)


def collect(book: Book, course: Course | None = None) -> ClassData:
    """Read the gradebook: students, weeks, scores after penalty, grade cells, and the newest runs. With
    the course, each penalty backed by a run is decided again from the student's late days."""
    gb = book.gb
    weeks = sorted(a.name for a in gb.assignments)
    students = sorted(s.id for s in gb.students)
    max_scores = {a.name: float(a.max_score or 0.0) for a in gb.assignments}
    scores: dict[str, dict[str, float | None]] = {s: {w: None for w in weeks} for s in students}
    penalties: dict[tuple[str, str], float] = {}
    runs = book.latest()
    late = book.allocations(course, runs) if course is not None else {}
    if course is not None:
        late.update({s: allocate(course, s, {}) for s in students if s not in late})
    stale: list[tuple[str, str]] = []
    for a in gb.assignments:
        for sub in a.submissions:
            score = float(sub.score or 0.0)
            penalty = stored = float(sub.late_submission_penalty or 0.0)
            allocation = late.get(sub.student.id)
            if allocation is not None and a.name in allocation.weeks:
                penalty = round(allocation.fraction(a.name) * score, 4)
                if abs(penalty - stored) > 1e-3:
                    stale.append((sub.student.id, a.name))
            scores[sub.student.id][a.name] = round(score - penalty, 4)
            penalties[(sub.student.id, a.name)] = penalty
    return ClassData(weeks=weeks, students=students, max=max_scores, scores=scores, penalties=penalties,
                     runs=runs, cells={w: book.cells(w) for w in weeks}, course=course, late=late,
                     stale=sorted(stale))


# --------------------------------------------------------------------------- spreadsheet cells

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A spreadsheet cell that is never read as a formula."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _num(x: float) -> str:
    """A score for a spreadsheet: at most two decimals, no trailing zeros."""
    return f"{round(x, 2):g}"


def shows_late_days(data: ClassData) -> bool:
    return data.course is not None and data.course.has_late_days


def write_csv(data: ClassData, path: Path) -> None:
    late = shows_late_days(data)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow([csv_cell(c) for c in ["student", *data.weeks, "total",
                                          *(["late_days_used", "late_days_left"] if late else [])]])
        for s in data.students:
            row = data.scores[s]
            days = [data.late[s].used, data.late[s].left] if late else []
            w.writerow([csv_cell(c) for c in [s, *("" if row[wk] is None else _num(row[wk]) for wk in data.weeks),
                                                _num(sum(v for v in row.values() if v is not None)), *days]])


# --------------------------------------------------------------------------- feedback pages

def page_names(students: list[str]) -> dict[str, str]:
    """A file name per student, distinct even on a file system that ignores case. A valid id is its own
    name; anything else (a gradebook filled by other tools) gets ``student-`` and a hash of the id."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for s in sorted(students):
        digest = hashlib.sha256(s.encode("utf-8", "surrogatepass")).hexdigest()
        name = s if check_student_id(s) is None else f"student-{digest[:16]}"
        if name.lower() in used:
            name = f"{name}-{digest[:8]}"
        used.add(name.lower())
        names[s] = name
    return names


def _course_specs(result: WeekResult, cells: dict[tuple[str, str], float]) -> WeekResult:
    """The run's specs that are grade cells of the week today (a spec removed from the course is not shown)."""
    if not cells:
        return result
    infos = tuple(SpecInfo(s.nodeid, s.name, s.title, s.task, s.points, s.hidden) for s in result.specs)
    names = WeekSpecs(result.week, infos).cells()
    kept = [s for s in result.specs if (s.task, names[s.nodeid]) in cells]
    return WeekResult(week=result.week, target=result.target, device=result.device, specs=kept,
                      errors=result.errors, notes=result.notes, duration=result.duration)


def feedback_tables(student: str, data: ClassData) -> list[WeekTable]:
    """The student's weeks as score tables, for the Markdown and HTML pages."""
    tables = []
    for week in data.weeks:
        run = data.runs.get((student, week))
        if run is None or data.scores[student][week] is None:
            tables.append(missing_week(week, data.max[week]))
            continue
        result = _course_specs(run.result, data.cells.get(week, {}))
        late = data.late[student].weeks.get(week) if student in data.late else None
        days_late = late.days_late if late is not None else run.days_late
        tables.append(week_table(result, penalty=data.penalties.get((student, week), 0.0), days_late=days_late,
                                 submitted=run.submitted_at, graded=run.graded_at))
    return tables


# --------------------------------------------------------------------------- class summary and plots

def spec_stats(data: ClassData) -> list[dict]:
    """Per spec over the class: how many attempted, the pass rate (full points) and the mean fraction."""
    acc: dict[tuple[str, str, str], dict] = {}
    for (_, week), run in data.runs.items():
        for s in _course_specs(run.result, data.cells.get(week, {})).specs:
            key = (week, s.task, s.name)
            d = acc.setdefault(key, {"week": week, "task": s.task, "title": s.title, "hidden": s.hidden,
                                     "n": 0, "passed": 0, "fraction": 0.0})
            d["n"] += 1
            d["passed"] += s.status == "passed"
            d["fraction"] += (s.score / s.points) if s.points else 0.0
    stats = []
    for d in acc.values():
        d["pass_rate"] = d["passed"] / d["n"]
        d["mean_fraction"] = d["fraction"] / d["n"]
        stats.append(d)
    return sorted(stats, key=lambda d: (d["week"], d["task"]))  # stable: the specs keep their file order


def _label(d: dict, width: int = 48) -> str:
    text = f"{d['week'][4:]} {d['task']}: {d['title']}"
    return text if len(text) <= width else text[: width - 1] + "…"


def plots(data: ClassData, stats: list[dict], folder: Path) -> dict[str, str]:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    weeks = data.weeks
    per_week = [[100 * v / data.max[w] for s in data.students if (v := data.scores[s][w]) is not None
                 and data.max[w]] for w in weeks]
    fig, ax = plt.subplots(figsize=(max(4, 0.9 * len(weeks) + 2), 4))
    if any(per_week):
        ax.boxplot([p or [0.0] for p in per_week], showmeans=True)
        for i, p in enumerate(per_week, start=1):
            ax.scatter([i + 0.08 * ((j % 5) - 2) for j in range(len(p))], p, s=12, alpha=0.6)
        ax.set_xticks(range(1, len(weeks) + 1), [w[4:] for w in weeks])
    ax.set(xlabel="week", ylabel="score (% of the week's points)", ylim=(-5, 105), title="Score distribution per week")
    fig.tight_layout()
    fig.savefig(folder / "score_distribution.png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    made["score distribution per week"] = "plots/score_distribution.png"

    if stats:
        fig, ax = plt.subplots(figsize=(8, max(3, 0.25 * len(stats) + 1)))
        ys = range(len(stats))
        ax.barh(ys, [100 * d["pass_rate"] for d in stats], color=["#8250df" if d["hidden"] else "#0969da" for d in stats])
        ax.set_yticks(ys, [_label(d) + (" (h)" if d["hidden"] else "") for d in stats], fontsize=7)
        ax.invert_yaxis()
        ax.set(xlabel="students with full points (%)", xlim=(0, 100), title="Pass rate per spec")
        fig.tight_layout()
        fig.savefig(folder / "pass_rate_per_spec.png", dpi=110, bbox_inches="tight")
        plt.close(fig)
        made["pass rate per spec"] = "plots/pass_rate_per_spec.png"

        hardest = sorted(stats, key=lambda d: (d["mean_fraction"], d["pass_rate"]))[:10]
        fig, ax = plt.subplots(figsize=(8, max(2.5, 0.35 * len(hardest) + 1)))
        ax.barh(range(len(hardest)), [100 * d["mean_fraction"] for d in hardest], color="#cf222e")
        ax.set_yticks(range(len(hardest)), [_label(d) for d in hardest], fontsize=8)
        ax.invert_yaxis()
        ax.set(xlabel="mean share of the spec's points earned (%)", xlim=(0, 100), title="The hardest specs")
        fig.tight_layout()
        fig.savefig(folder / "hardest_specs.png", dpi=110, bbox_inches="tight")
        plt.close(fig)
        made["the hardest specs"] = "plots/hardest_specs.png"
    return made


def summary_markdown(data: ClassData, stats: list[dict], made: dict[str, str], changes: str = "") -> str:
    lines = ["# Class summary", "", f"{len(data.students)} students, {len(data.weeks)} weeks.", "",
             "| week | max | submissions | mean | median | late |", "|---|---:|---:|---:|---:|---:|"]
    for w in data.weeks:
        vals = [v for s in data.students if (v := data.scores[s][w]) is not None]
        late = sum(1 for (s, wk), p in data.penalties.items() if wk == w and p > 0)
        mean = fmt(round(statistics.mean(vals), 2)) if vals else "-"
        median = fmt(round(statistics.median(vals), 2)) if vals else "-"
        lines.append(f"| {md_escape(w)} | {fmt(data.max[w])} | {len(vals)} | {mean} | {median} | {late} |")
    if changes:  # the last grading's changed grades (rendered by .regrade)
        lines += ["", changes.rstrip("\n")]
    hardest = sorted(stats, key=lambda d: (d["mean_fraction"], d["pass_rate"]))[:10]
    if hardest:
        lines += ["", "## The hardest specs", "", "| week | task | spec | pass rate | mean share |", "|---|---|---|---:|---:|"]
        lines += [f"| {md_escape(d['week'])} | {md_escape(d['task'])} | {md_escape(d['title'])}"
                  f"{' (hidden)' if d['hidden'] else ''} | {100 * d['pass_rate']:.0f}% | {100 * d['mean_fraction']:.0f}% |"
                  for d in hardest]
    if data.not_in_roster:
        lines += ["", "## Not in the roster", "", "These students have grades but no line in the roster, so no LMS "
                  "export holds them: add them to the roster.", ""]
        lines += [f"- {md_escape(s)}" for s in data.not_in_roster]
    for title, rel in made.items():
        lines += ["", f"![{title}]({rel})"]
    return "\n".join(lines) + "\n"


def index_html(data: ClassData, made: dict[str, str], pages: dict[str, str], changes: str = "") -> str:
    e = html_text
    rows = []
    for s in data.students:
        row = data.scores[s]
        total = sum(v for v in row.values() if v is not None)
        cells = "".join(f'<td class="n">{"" if row[w] is None else fmt(row[w])}</td>' for w in data.weeks)
        rows.append(f'<tr><td><a href="{e(pages[s])}">{e(s)}</a></td>{cells}<td class="n">{fmt(round(total, 4))}</td></tr>')
    head = "".join(f"<th>{e(w)}<br><small>/ {fmt(data.max[w])}</small></th>" for w in data.weeks)
    body = [f'<h1>Grades</h1><p>{len(data.students)} students. Downloads: <a href="grades.csv">grades.csv</a>, '
            '<a href="summary.md">summary.md</a>. Scores are after the late penalty.</p>',
            f"<table><tr><th>student</th>{head}<th>total</th></tr>{''.join(rows)}</table>", changes,
            "<h2>Class plots</h2>"]
    body += [f'<h3>{e(t)}</h3><img src="{e(rel)}" alt="{e(t)}">' for t, rel in made.items()]
    return html_page("Grades", "\n".join(body))


def _with_line(markdown: str, page: str, line: str) -> tuple[str, str]:
    """The feedback pages with one more paragraph under their title (a line the report wrote, not the student)."""
    head, _, rest = markdown.partition("\n\n")
    before, _, after = page.partition("</h1>")
    return f"{head}\n\n{md_escape(line)}\n\n{rest}", f"{before}</h1><p>{html_text(line)}</p>{after}"


def write_reports(url: str, out: Path, course: Course | None = None) -> dict:
    """Every report from the gradebook at ``url`` into ``out``. With ``course``, penalties and late days
    follow it and its roster (if any) is checked against the gradebook's students."""
    out = Path(out)
    roster: Roster | None = read_roster(course.roster) if course is not None and course.roster else None
    (out / "students").mkdir(parents=True, exist_ok=True)
    with Book(url) as book:
        data = collect(book, course)
        diffs = latest_diffs(data.runs, book.previous_runs())
    last = last_grading(diffs)
    if roster is not None:
        data.not_in_roster = roster.missing(data.students)
    write_csv(data, out / "grades.csv")
    names = page_names(data.students)
    pages = {}
    for s in data.students:
        tables = feedback_tables(s, data)
        markdown, page = to_feedback_markdown(s, tables), to_feedback_html(s, tables)
        if shows_late_days(data):
            markdown, page = _with_line(markdown, page, data.late[s].summary())
        mine = [d for (who, _), d in diffs.items() if who == s]
        markdown = with_section_markdown(markdown, feedback_markdown(mine))
        page = with_section_html(page, feedback_html(mine))
        (out / "students" / f"{names[s]}.md").write_text(markdown, encoding="utf-8")
        (out / "students" / f"{names[s]}.html").write_text(page, encoding="utf-8")
        pages[s] = f"students/{quote(names[s])}.html"
    stats = spec_stats(data)
    made = plots(data, stats, out / "plots")
    (out / "summary.md").write_text(summary_markdown(data, stats, made, last_grading_markdown(last)), encoding="utf-8")
    (out / "index.html").write_text(index_html(data, made, pages, last_grading_html(last, pages)), encoding="utf-8")
    return {"students": len(data.students), "weeks": data.weeks, "out": out, "pages": names, "data": data,
            "roster": roster, "last_grading": last, "changed_line": last_grading_line(last)}
