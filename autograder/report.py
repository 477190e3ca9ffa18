"""``report --out DIR``: everything regenerated from the gradebook, without running any student code.

Writes ``DIR/grades.csv`` (one row per student, one column per week, the total; scores after the late
penalty; a week without a submission is left empty; the weeks' maxima are in summary.md), ``DIR/students/<id>.md`` and ``.html`` (feedback per week and task), ``DIR/summary.md`` with
the class plots (``DIR/plots/*.png``), and ``DIR/index.html`` linking all of it.

Feedback shows, for every spec, its points and the grader's message. Hidden specs show only their
own message (the grader never stores pytest's ``a == b`` detail for them) and never their output.
"""
from __future__ import annotations

import argparse
import csv
import html
import re
from collections import defaultdict
from pathlib import Path

from .results import ICONS, fmt
from .runner import WeekResult


def _slug(student: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", student).strip("._") or "student"


def collect(book) -> dict:
    """Read the gradebook: students, weeks, scores after penalty, and the newest raw results."""
    gb = book.gb
    weeks = sorted(a.name for a in gb.assignments)
    students = sorted(s.id for s in gb.students)
    max_scores = {a.name: float(a.max_score or 0.0) for a in gb.assignments}
    scores: dict[str, dict[str, float | None]] = {s: {w: None for w in weeks} for s in students}
    penalties: dict[tuple[str, str], float] = {}
    for a in gb.assignments:
        for sub in a.submissions:
            penalty = float(sub.late_submission_penalty or 0.0)
            scores[sub.student.id][a.name] = round(float(sub.score or 0.0) - penalty, 4)
            penalties[(sub.student.id, a.name)] = penalty
    runs = book.latest()
    return {"weeks": weeks, "students": students, "max": max_scores, "scores": scores,
            "penalties": penalties, "runs": runs}


def _num(x: float) -> str:
    """A score for a spreadsheet: at most two decimals, no trailing zeros."""
    return f"{round(x, 2):g}"


def write_csv(data: dict, path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["student", *data["weeks"], "total"])
        for s in data["students"]:
            row = data["scores"][s]
            w.writerow([s, *("" if row[wk] is None else _num(row[wk]) for wk in data["weeks"]),
                        _num(sum(v for v in row.values() if v is not None))])


# --------------------------------------------------------------------------- feedback pages

def _feedback(student: str, data: dict) -> list[dict]:
    """The student's weeks as plain data, shared by the Markdown and HTML writers."""
    weeks = []
    for week in data["weeks"]:
        run = data["runs"].get((student, week))
        if run is None:
            weeks.append({"week": week, "missing": True, "max": data["max"][week]})
            continue
        result = WeekResult.from_dict(run["results"])
        tasks: dict[str, list] = defaultdict(list)
        for s in result.specs:
            tasks[s.task].append({"title": s.title + (" (hidden)" if s.hidden else ""), "status": s.status,
                                  "score": s.score, "points": s.points, "message": s.message})
        weeks.append({"week": week, "missing": False, "score": result.score, "max": result.max_score,
                      "penalty": float(run.get("penalty") or 0.0), "days_late": float(run.get("days_late") or 0.0),
                      "submitted": run.get("submitted_at"), "graded": run.get("graded_at"),
                      "errors": [e.splitlines()[0] for e in result.errors if e], "tasks": dict(tasks)})
    return weeks


def _week_line(w: dict) -> str:
    if w["missing"]:
        return f"no submission (0 / {fmt(w['max'])})"
    line = f"{fmt(round(w['score'] - w['penalty'], 4))} / {fmt(w['max'])} points"
    if w["penalty"]:
        line += f" (earned {fmt(w['score'])}; {w['days_late']:.1f} days late: -{fmt(w['penalty'])})"
    return line


def feedback_markdown(student: str, weeks: list[dict]) -> str:
    lines = [f"# Feedback for {student}", ""]
    for w in weeks:
        lines += [f"## {w['week']}: {_week_line(w)}", ""]
        if w["missing"]:
            continue
        if w["submitted"]:
            lines += [f"Submitted {w['submitted']:%Y-%m-%d %H:%M} UTC, graded {w['graded']:%Y-%m-%d %H:%M} UTC.", ""]
        lines += [f"> {e}" for e in w["errors"]] + ([""] if w["errors"] else [])
        for task, specs in w["tasks"].items():
            got = sum(s["score"] for s in specs)
            possible = sum(s["points"] for s in specs)
            lines += [f"### {task}: {fmt(got)} / {fmt(possible)}", "", "| | check | points | feedback |",
                      "|---|---|---:|---|"]
            for s in specs:
                msg = s["message"].replace("|", "\\|").replace("\n", " ") if s["status"] != "passed" else "passed"
                lines.append(f"| {ICONS.get(s['status'], '')} | {s['title']} | {fmt(s['score'])} / {fmt(s['points'])} | {msg} |")
            lines.append("")
    return "\n".join(lines) + "\n"


STYLE = """<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;width:100%;margin-bottom:1rem}td,th{border:1px solid #ccc;padding:.3rem .5rem;
vertical-align:top;text-align:left}td.n{text-align:right;white-space:nowrap}.passed{color:#1a7f37}
.partial{color:#9a6700}.failed,.timeout,.crashed{color:#cf222e}img{max-width:100%}</style>"""


def _page(title: str, body: str) -> str:
    return (f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{html.escape(title)}</title>{STYLE}"
            f"</head><body>{body}</body></html>\n")


def feedback_html(student: str, weeks: list[dict]) -> str:
    e = html.escape
    out = [f"<h1>Feedback for {e(student)}</h1>"]
    for w in weeks:
        out.append(f"<h2>{e(w['week'])}: {e(_week_line(w))}</h2>")
        if w["missing"]:
            continue
        out += [f"<p class=failed>{e(x)}</p>" for x in w["errors"]]
        for task, specs in w["tasks"].items():
            got = sum(s["score"] for s in specs)
            possible = sum(s["points"] for s in specs)
            out.append(f"<h3>{e(task)}: {fmt(got)} / {fmt(possible)}</h3><table><tr><th></th><th>check</th>"
                       "<th>points</th><th>feedback</th></tr>")
            for s in specs:
                msg = "passed" if s["status"] == "passed" else s["message"]
                out.append(f"<tr class={e(s['status'].replace(' ', '-'))}><td>{ICONS.get(s['status'], '')}</td>"
                           f"<td>{e(s['title'])}</td><td class=n>{fmt(s['score'])} / {fmt(s['points'])}</td>"
                           f"<td>{e(msg)}</td></tr>")
            out.append("</table>")
    out.append('<p><a href="../index.html">back to the class page</a></p>')
    return _page(f"Feedback: {student}", "\n".join(out))


# --------------------------------------------------------------------------- class summary and plots

def spec_stats(data: dict) -> list[dict]:
    """Per spec over the class: how many attempted, the pass rate (full points) and the mean fraction."""
    acc: dict[tuple[str, str, str], dict] = {}
    for (_, week), run in data["runs"].items():
        for s in run["results"]["specs"]:
            key = (week, s["task"], s["name"])
            d = acc.setdefault(key, {"week": week, "task": s["task"], "title": s["title"], "hidden": s["hidden"],
                                     "n": 0, "passed": 0, "fraction": 0.0})
            d["n"] += 1
            d["passed"] += s["status"] == "passed"
            d["fraction"] += (s["score"] / s["points"]) if s["points"] else 0.0
    stats = []
    for d in acc.values():
        d["pass_rate"] = d["passed"] / d["n"]
        d["mean_fraction"] = d["fraction"] / d["n"]
        stats.append(d)
    return sorted(stats, key=lambda d: (d["week"], d["task"]))  # stable: the specs keep their file order


def _label(d: dict, width: int = 48) -> str:
    text = f"{d['week'][4:]} {d['task']}: {d['title']}"
    return text if len(text) <= width else text[: width - 1] + "…"


def plots(data: dict, stats: list[dict], folder: Path) -> dict[str, str]:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    weeks = data["weeks"]
    per_week = [[100 * v / data["max"][w] for s in data["students"] if (v := data["scores"][s][w]) is not None
                 and data["max"][w]] for w in weeks]
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


def summary_markdown(data: dict, stats: list[dict], made: dict[str, str]) -> str:
    import statistics
    lines = ["# Class summary", "", f"{len(data['students'])} students, {len(data['weeks'])} weeks.", "",
             "| week | max | submissions | mean | median | late |", "|---|---:|---:|---:|---:|---:|"]
    for w in data["weeks"]:
        vals = [v for s in data["students"] if (v := data["scores"][s][w]) is not None]
        late = sum(1 for (s, wk), p in data["penalties"].items() if wk == w and p > 0)
        mean = fmt(round(statistics.mean(vals), 2)) if vals else "-"
        median = fmt(round(statistics.median(vals), 2)) if vals else "-"
        lines.append(f"| {w} | {fmt(data['max'][w])} | {len(vals)} | {mean} | {median} | {late} |")
    hardest = sorted(stats, key=lambda d: (d["mean_fraction"], d["pass_rate"]))[:10]
    if hardest:
        lines += ["", "## The hardest specs", "", "| week | task | spec | pass rate | mean share |", "|---|---|---|---:|---:|"]
        lines += [f"| {d['week']} | {d['task']} | {d['title']}{' (hidden)' if d['hidden'] else ''} | "
                  f"{100 * d['pass_rate']:.0f}% | {100 * d['mean_fraction']:.0f}% |" for d in hardest]
    for title, rel in made.items():
        lines += ["", f"![{title}]({rel})"]
    return "\n".join(lines) + "\n"


def index_html(data: dict, made: dict[str, str], pages: dict[str, str]) -> str:
    e = html.escape
    rows = []
    for s in data["students"]:
        row = data["scores"][s]
        total = sum(v for v in row.values() if v is not None)
        cells = "".join(f"<td class=n>{'' if row[w] is None else fmt(row[w])}</td>" for w in data["weeks"])
        rows.append(f"<tr><td><a href=\"{e(pages[s])}\">{e(s)}</a></td>{cells}<td class=n>{fmt(round(total, 4))}</td></tr>")
    head = "".join(f"<th>{e(w)}<br><small>/ {fmt(data['max'][w])}</small></th>" for w in data["weeks"])
    body = [f"<h1>Grades</h1><p>{len(data['students'])} students. Downloads: <a href=grades.csv>grades.csv</a>, "
            "<a href=summary.md>summary.md</a>. Scores are after the late penalty.</p>",
            f"<table><tr><th>student</th>{head}<th>total</th></tr>{''.join(rows)}</table>", "<h2>Class plots</h2>"]
    body += [f"<h3>{e(t)}</h3><img src=\"{e(rel)}\" alt=\"{e(t)}\">" for t, rel in made.items()]
    return _page("Grades", "\n".join(body))


def write_reports(url: str, out: Path) -> dict:
    from .instructor import Book
    out = Path(out)
    (out / "students").mkdir(parents=True, exist_ok=True)
    with Book(url) as book:
        data = collect(book)
    write_csv(data, out / "grades.csv")
    pages = {}
    for s in data["students"]:
        weeks = _feedback(s, data)
        slug = _slug(s)
        (out / "students" / f"{slug}.md").write_text(feedback_markdown(s, weeks), encoding="utf-8")
        (out / "students" / f"{slug}.html").write_text(feedback_html(s, weeks), encoding="utf-8")
        pages[s] = f"students/{slug}.html"
    stats = spec_stats(data)
    made = plots(data, stats, out / "plots")
    (out / "summary.md").write_text(summary_markdown(data, stats, made), encoding="utf-8")
    (out / "index.html").write_text(index_html(data, made, pages), encoding="utf-8")
    return {"students": len(data["students"]), "weeks": data["weeks"], "out": out}


def cmd(args: argparse.Namespace) -> int:
    from .instructor import db_url
    url = db_url(args.db)
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        raise ValueError(f"no gradebook at {url[len('sqlite:///'):]}: run grade-submissions first, or give --db")
    done = write_reports(url, Path(args.out))
    print(f"reports for {done['students']} students ({', '.join(done['weeks'])}) in {done['out']}/index.html")
    return 0
