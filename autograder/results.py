"""One set of results, several views: Gradescope's results.json, JUnit XML, Markdown, a terminal table."""
from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from .runner import SpecResult, WeekResult

ICONS = {"passed": "✅", "partial": "🟡", "failed": "❌", "timeout": "⏱️", "crashed": "💥",
         "not run": "⏭️", "skipped": "⏭️"}


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md_escape(text: str) -> str:
    """Text a submission controls, made inert in Markdown and in GitHub's HTML: no tags, links, images,
    code spans, table breaks or @-mentions; one line."""
    text = html.escape(text.replace("\r", " ").replace("\n", " "), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", text).replace("@", "@\u200b")


def fmt(x: float) -> str:
    return f"{x:g}" if x == int(x) else f"{x:.2f}"


def by_task(week: WeekResult) -> dict[str, list[SpecResult]]:
    groups: dict[str, list[SpecResult]] = defaultdict(list)
    for spec in week.specs:
        groups[spec.task].append(spec)
    return dict(groups)


def totals(weeks: list[WeekResult]) -> tuple[float, float]:
    return round(sum(w.score for w in weeks), 4), round(sum(w.max_score for w in weeks), 4)


def gradescope(weeks: list[WeekResult]) -> dict:
    """Gradescope's autograder results format."""
    tests = []
    for week in weeks:
        for s in week.specs:
            output = s.message or ("passed" if s.status == "passed" else s.status)
            if s.output and not s.hidden:
                output += "\n\nYour code printed:\n" + s.output
            tests.append({
                "name": f"{week.week} · {s.task} · {s.title}",
                "score": s.score, "max_score": s.points, "status": "passed" if s.status == "passed" else "failed",
                "output": output, "visibility": "after_due_date" if s.hidden else "visible",
                "tags": [week.week, s.task] + (["hidden"] if s.hidden else []),
            })
    score, max_score = totals(weeks)
    errors = [f"{w.week}: {e}" for w in weeks for e in w.errors + w.notes]
    return {"score": score, "max_score": max_score,
            "execution_time": round(sum(w.duration for w in weeks), 2),
            "output": "\n".join(errors) if errors else f"Score {fmt(score)} / {fmt(max_score)}",
            "visibility": "visible", "stdout_visibility": "hidden", "tests": tests}


def junit(weeks: list[WeekResult]) -> bytes:
    suites = ET.Element("testsuites")
    for week in weeks:
        failures = sum(s.status not in ("passed", "skipped") for s in week.specs)
        suite = ET.SubElement(suites, "testsuite", name=week.week, tests=str(len(week.specs)),
                              failures=str(failures), errors=str(len(week.errors)), time=f"{week.duration:.2f}")
        for s in week.specs:
            case = ET.SubElement(suite, "testcase", classname=f"{week.week}.{s.task}", name=s.name,
                                 time=f"{s.duration:.3f}")
            ET.SubElement(case, "properties").extend([
                ET.Element("property", name="points", value=fmt(s.points)),
                ET.Element("property", name="score", value=fmt(s.score))])
            if s.status == "skipped":
                ET.SubElement(case, "skipped", message=s.message)
            elif s.status == "partial":
                ET.SubElement(case, "failure", message=f"partial credit {fmt(s.score)}/{fmt(s.points)}: {s.message}")
            elif s.status != "passed":
                ET.SubElement(case, "failure", message=f"{s.status}: {s.message}", type=s.status)
        for e in week.errors:
            err = ET.SubElement(suite, "testcase", classname=week.week, name="grader")
            ET.SubElement(err, "error", message=e.splitlines()[0] if e else "error").text = e
    ET.indent(suites)
    return ET.tostring(suites, encoding="utf-8", xml_declaration=True)


def markdown(weeks: list[WeekResult]) -> str:
    score, max_score = totals(weeks)
    lines = [f"## Autograder: {fmt(score)} / {fmt(max_score)} points", ""]
    lines += ["| week | score | passed | time |", "|---|---:|---:|---:|"]
    for w in weeks:
        passed = sum(s.status == "passed" for s in w.specs)
        lines.append(f"| {w.week} | {fmt(w.score)} / {fmt(w.max_score)} | {passed}/{len(w.specs)} | {w.duration:.0f} s |")
    for w in weeks:
        lines += ["", f"### {w.week}", ""]
        for e in w.errors:
            lines.append(f"> ⚠️ {md_escape(e.splitlines()[0] if e else '')}")
        for n in w.notes:
            lines.append(f"> ℹ️ {md_escape(n)}")
        lines += ["| | task | spec | points | feedback |", "|---|---|---|---:|---|"]
        for task, specs in by_task(w).items():
            for s in specs:
                lines.append(f"| {ICONS.get(s.status, '')} | {md_escape(task)} | {md_escape(s.title)}"
                             f"{' (hidden)' if s.hidden else ''} | {fmt(s.score)} / {fmt(s.points)} | "
                             f"{md_escape(s.message)} |")
    return "\n".join(lines) + "\n"


def write_outputs(weeks: list[WeekResult], json_path: str | None, junit_path: str | None,
                  markdown_path: str | None) -> None:
    for path, content in ((json_path, lambda: json.dumps(gradescope(weeks), indent=2, ensure_ascii=False)),
                          (junit_path, lambda: junit(weeks).decode()),
                          (markdown_path, lambda: markdown(weeks))):
        if path:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            Path(path).write_text(content(), encoding="utf-8")


def print_table(weeks: list[WeekResult], console=None) -> None:
    """The score table students see: per task and per spec, with the message of every lost point."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    if console is None:
        console = Console()
        if not console.is_terminal:
            console = Console(width=max(console.width, 120))
    styles = {"passed": "green", "partial": "yellow"}
    for w in weeks:
        table = Table(title=f"{w.week}  ({w.target})", title_justify="left", show_lines=False, expand=True)
        table.add_column("", width=2, no_wrap=True)
        table.add_column("task / spec", ratio=2)
        table.add_column("points", justify="right", no_wrap=True)
        table.add_column("feedback", ratio=3)
        for task, specs in by_task(w).items():
            got = sum(s.score for s in specs)
            possible = sum(s.points for s in specs)
            table.add_row("", Text(task, style="bold"), Text(f"{fmt(got)} / {fmt(possible)}", style="bold"), "",
                          end_section=False)
            previous = None
            for s in specs:
                style = styles.get(s.status, "red")
                message = "(same as above)" if s.message and s.message == previous else s.message
                previous = s.message
                title = s.title + (" [hidden]" if s.hidden else "")
                table.add_row(ICONS.get(s.status, ""), Text("  " + title), Text(f"{fmt(s.score)} / {fmt(s.points)}", style=style),
                              Text(message, style="" if s.status == "passed" else style))
            table.add_section()
        table.add_row("", Text("total", style="bold"), Text(f"{fmt(w.score)} / {fmt(w.max_score)}", style="bold"), "")
        console.print(table)
        for e in w.errors:
            console.print(Text(f"⚠ {e}", style="red"))
        for n in w.notes:
            console.print(Text(f"ℹ {n}", style="yellow"))
    if len(weeks) > 1:
        score, max_score = totals(weeks)
        console.print(Text(f"All weeks: {fmt(score)} / {fmt(max_score)} points", style="bold"))
