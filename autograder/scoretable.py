"""The score table: one model of a graded week (tasks, specs, points, messages), and its renderings.

:func:`week_table` builds the model from a :class:`~autograder.runner.WeekResult`; each format renders
the same model:

* :func:`print_terminal` - the table `make test-weekNN` prints (rich);
* :func:`to_markdown` - the CI summary and pull-request comment (``grade --markdown``);
* :func:`to_feedback_markdown` and :func:`to_feedback_html` - a student's feedback page (``report``).

To add a format, write one more function over :class:`WeekTable`. Every string a submission can
influence (messages, output, and in the gradebook's case the student id) is escaped for its medium
here, and a spec's status is always one of :data:`STATUSES`, whatever the results file says.
"""
from __future__ import annotations

import datetime as dt
import html
import re
from collections import defaultdict
from dataclasses import dataclass

from .runner import WeekResult

#: The closed set of statuses a spec can have; anything else reads as "failed".
STATUSES = ("passed", "partial", "failed", "timeout", "crashed", "skipped", "not run")
ICONS = {"passed": "✅", "partial": "🟡", "failed": "❌", "timeout": "⏱️", "crashed": "💥",
         "not run": "⏭️", "skipped": "⏭️"}
CSS = {s: s.replace(" ", "-") for s in STATUSES}  # class names, from the closed set only


def status_of(value: object) -> str:
    """A status from the closed set: the value itself when it is one, else ``failed``."""
    return value if isinstance(value, str) and value in STATUSES else "failed"


def fmt(x: float) -> str:
    return f"{x:g}" if x == int(x) else f"{x:.2f}"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#!])")


def md_escape(text: str) -> str:
    """Text a submission controls, made inert in Markdown and in GitHub's HTML: no tags, links, images,
    code spans, headings, table breaks or @-mentions; one line."""
    text = html.escape(str(text).replace("\r", " ").replace("\n", " "), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", text).replace("@", "@\u200b")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: object) -> str:
    """Text for a terminal: control characters (escape sequences, bells, carriage returns) become ``?``."""
    return _CONTROL.sub("?", str(text))


def html_text(text: object) -> str:
    """Text for HTML, in element content and in quoted attributes alike."""
    return html.escape(str(text), quote=True)


# --------------------------------------------------------------------------- the model

@dataclass(frozen=True)
class Row:
    """One spec."""
    status: str  # one of STATUSES
    title: str
    hidden: bool
    score: float
    points: float
    message: str
    output: str = ""

    @property
    def icon(self) -> str:
        return ICONS[self.status]


@dataclass(frozen=True)
class Task:
    name: str
    rows: tuple[Row, ...]

    @property
    def score(self) -> float:
        return round(sum(r.score for r in self.rows), 4)

    @property
    def points(self) -> float:
        return round(sum(r.points for r in self.rows), 4)


@dataclass(frozen=True)
class WeekTable:
    """A graded week as every format shows it. The gradebook adds the late penalty and the times."""
    week: str
    tasks: tuple[Task, ...] = ()
    errors: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    target: str = ""
    duration: float = 0.0
    missing: bool = False  # no submission for this week (feedback pages)
    max_missing: float = 0.0  # the week's maximum when missing
    penalty: float = 0.0
    days_late: float = 0.0
    submitted: dt.datetime | None = None
    graded: dt.datetime | None = None

    @property
    def score(self) -> float:
        return round(sum(t.score for t in self.tasks), 4)

    @property
    def max_score(self) -> float:
        return self.max_missing if self.missing else round(sum(t.points for t in self.tasks), 4)

    @property
    def final(self) -> float:
        return round(self.score - self.penalty, 4)

    @property
    def passed(self) -> int:
        return sum(r.status == "passed" for t in self.tasks for r in t.rows)

    @property
    def count(self) -> int:
        return sum(len(t.rows) for t in self.tasks)


def week_table(result: WeekResult, **extra) -> WeekTable:
    """The model of one graded week. ``extra``: penalty, days_late, submitted, graded (gradebook)."""
    tasks: dict[str, list[Row]] = defaultdict(list)
    for s in result.specs:
        points = max(float(s.points), 0.0)
        tasks[str(s.task)].append(Row(status=status_of(s.status), title=str(s.title), hidden=bool(s.hidden),
                                      score=min(max(float(s.score), 0.0), points), points=points,
                                      message=str(s.message or ""), output=str(s.output or "")))
    return WeekTable(week=result.week, tasks=tuple(Task(name, tuple(rows)) for name, rows in tasks.items()),
                     errors=tuple(e.splitlines()[0] if e else "" for e in result.errors),
                     notes=tuple(str(n) for n in result.notes), target=str(result.target),
                     duration=float(result.duration), **extra)


def missing_week(week: str, max_score: float) -> WeekTable:
    return WeekTable(week=week, missing=True, max_missing=max_score)


def _week_line(w: WeekTable) -> str:
    if w.missing:
        return f"no submission (0 / {fmt(w.max_score)})"
    line = f"{fmt(w.final)} / {fmt(w.max_score)} points"
    if w.penalty:
        line += f" (earned {fmt(w.score)}; {w.days_late:.1f} days late: -{fmt(w.penalty)})"
    return line


# --------------------------------------------------------------------------- terminal

def print_terminal(weeks: list[WeekTable], console=None) -> None:
    """The table students see: per task and per spec, with the message of every lost point. Rich's
    ``Text`` neither reads markup nor passes control codes, so a message cannot restyle the terminal."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    if console is None:
        console = Console()
        if not console.is_terminal:
            console = Console(width=max(console.width, 120))
    styles = {"passed": "green", "partial": "yellow"}
    for w in weeks:
        table = Table(title=Text(printable(f"{w.week}  ({w.target})")), title_justify="left", show_lines=False,
                      expand=True)
        table.add_column("", width=2, no_wrap=True)
        table.add_column("task / spec", ratio=2)
        table.add_column("points", justify="right", no_wrap=True)
        table.add_column("feedback", ratio=3)
        for task in w.tasks:
            table.add_row("", Text(printable(task.name), style="bold"), Text(f"{fmt(task.score)} / {fmt(task.points)}",
                                                                    style="bold"), "", end_section=False)
            previous = None
            for r in task.rows:
                style = styles.get(r.status, "red")
                message = "(same as above)" if r.message and r.message == previous else r.message
                previous = r.message
                table.add_row(r.icon, Text(printable("  " + r.title + (" [hidden]" if r.hidden else ""))),
                              Text(f"{fmt(r.score)} / {fmt(r.points)}", style=style),
                              Text(printable(message), style="" if r.status == "passed" else style))
            table.add_section()
        table.add_row("", Text("total", style="bold"), Text(f"{fmt(w.score)} / {fmt(w.max_score)}", style="bold"), "")
        console.print(table)
        for e in w.errors:
            console.print(Text(printable(f"⚠ {e}"), style="red"))
        for n in w.notes:
            console.print(Text(printable(f"ℹ {n}"), style="yellow"))
    if len(weeks) > 1:
        score, max_score = round(sum(w.score for w in weeks), 4), round(sum(w.max_score for w in weeks), 4)
        console.print(Text(f"All weeks: {fmt(score)} / {fmt(max_score)} points", style="bold"))


# --------------------------------------------------------------------------- Markdown (CI)

def to_markdown(weeks: list[WeekTable]) -> str:
    """The CI summary: the step summary and the pull-request comment."""
    score, max_score = round(sum(w.score for w in weeks), 4), round(sum(w.max_score for w in weeks), 4)
    lines = [f"## Autograder: {fmt(score)} / {fmt(max_score)} points", ""]
    lines += ["| week | score | passed | time |", "|---|---:|---:|---:|"]
    for w in weeks:
        lines.append(f"| {md_escape(w.week)} | {fmt(w.score)} / {fmt(w.max_score)} | {w.passed}/{w.count} | "
                     f"{w.duration:.0f} s |")
    for w in weeks:
        lines += ["", f"### {md_escape(w.week)}", ""]
        lines += [f"> ⚠️ {md_escape(e)}" for e in w.errors]
        lines += [f"> ℹ️ {md_escape(n)}" for n in w.notes]
        lines += ["| | task | spec | points | feedback |", "|---|---|---|---:|---|"]
        for task in w.tasks:
            for r in task.rows:
                lines.append(f"| {r.icon} | {md_escape(task.name)} | {md_escape(r.title)}"
                             f"{' (hidden)' if r.hidden else ''} | {fmt(r.score)} / {fmt(r.points)} | "
                             f"{md_escape(r.message)} |")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- feedback pages (report)

def _when(w: WeekTable) -> str:
    if w.submitted is None or w.graded is None:
        return ""
    return f"Submitted {w.submitted:%Y-%m-%d %H:%M} UTC, graded {w.graded:%Y-%m-%d %H:%M} UTC."


def to_feedback_markdown(student: str, weeks: list[WeekTable]) -> str:
    lines = [f"# Feedback for {md_escape(student)}", ""]
    for w in weeks:
        lines += [f"## {md_escape(w.week)}: {_week_line(w)}", ""]
        if w.missing:
            continue
        if _when(w):
            lines += [_when(w), ""]
        notes = [f"> {md_escape(e)}" for e in w.errors] + [f"> ℹ️ {md_escape(n)}" for n in w.notes]
        lines += notes + ([""] if notes else [])
        for task in w.tasks:
            lines += [f"### {md_escape(task.name)}: {fmt(task.score)} / {fmt(task.points)}", "",
                      "| | check | points | feedback |", "|---|---|---:|---|"]
            for r in task.rows:
                msg = "passed" if r.status == "passed" else md_escape(r.message)
                lines.append(f"| {r.icon} | {md_escape(r.title)}{' (hidden)' if r.hidden else ''} | "
                             f"{fmt(r.score)} / {fmt(r.points)} | {msg} |")
            lines.append("")
    return "\n".join(lines) + "\n"


STYLE = """<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;width:100%;margin-bottom:1rem}td,th{border:1px solid #ccc;padding:.3rem .5rem;
vertical-align:top;text-align:left}td.n{text-align:right;white-space:nowrap}.passed{color:#1a7f37}
.partial{color:#9a6700}.failed,.timeout,.crashed{color:#cf222e}.note{color:#6e7781}img{max-width:100%}</style>"""


def html_page(title: str, body: str) -> str:
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html_text(title)}</title>{STYLE}'
            f"</head><body>{body}</body></html>\n")


def to_feedback_html(student: str, weeks: list[WeekTable], back: str = "../index.html") -> str:
    e = html_text
    out = [f"<h1>Feedback for {e(student)}</h1>"]
    for w in weeks:
        out.append(f"<h2>{e(w.week)}: {e(_week_line(w))}</h2>")
        if w.missing:
            continue
        if _when(w):
            out.append(f"<p>{e(_when(w))}</p>")
        out += [f'<p class="failed">{e(x)}</p>' for x in w.errors]
        out += [f'<p class="note">{e(x)}</p>' for x in w.notes]
        for task in w.tasks:
            out.append(f"<h3>{e(task.name)}: {fmt(task.score)} / {fmt(task.points)}</h3><table><tr><th></th>"
                       "<th>check</th><th>points</th><th>feedback</th></tr>")
            for r in task.rows:
                msg = "passed" if r.status == "passed" else r.message
                out.append(f'<tr class="{CSS[r.status]}"><td>{r.icon}</td>'
                           f"<td>{e(r.title + (' (hidden)' if r.hidden else ''))}</td>"
                           f'<td class="n">{fmt(r.score)} / {fmt(r.points)}</td><td>{e(msg)}</td></tr>')
            out.append("</table>")
    out.append(f'<p><a href="{e(back)}">back to the class page</a></p>')
    return html_page(f"Feedback: {student}", "\n".join(out))
