"""One set of results, several views: Gradescope's results.json, JUnit XML, Markdown, a terminal table.

The two tables (Markdown and terminal) render the score-table model of :mod:`autograder.scoretable`.
"""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from .runner import SpecResult, WeekResult
from .scoretable import ICONS, fmt, md_escape, print_terminal, status_of, to_markdown, week_table

__all__ = ["ICONS", "fmt", "md_escape", "by_task", "totals", "gradescope", "junit", "markdown", "write_outputs",
           "print_table"]


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
            output = s.message or status_of(s.status)
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
                status = status_of(s.status)
                ET.SubElement(case, "failure", message=f"{status}: {s.message}", type=status)
        for e in week.errors:
            err = ET.SubElement(suite, "testcase", classname=week.week, name="grader")
            ET.SubElement(err, "error", message=e.splitlines()[0] if e else "error").text = e
    ET.indent(suites)
    return ET.tostring(suites, encoding="utf-8", xml_declaration=True)


def markdown(weeks: list[WeekResult]) -> str:
    return to_markdown([week_table(w) for w in weeks])


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
    print_terminal([week_table(w) for w in weeks], console)
