"""``similarity``: the report of code similarity between the submissions of some weeks.

The submissions folder is taken in as ``grade-submissions`` takes it (``intake``: checked ids, safe
archives, regular files only) into a temporary folder; the stub modules of each week are fingerprinted
(``similarity``) and every pair above the threshold is written to ``DIR``:

* ``index.html``: the pairs, most similar first, with their per-task scores, the files left out and
  the hand-ins refused;
* ``pairs/pair-NNNN.html``: one page per pair, each task side by side with the shared lines marked;
* ``pairs.csv`` and ``pairs.json``: the same pairs for machines.

Every string a student controls (ids, file names, code, notes) is HTML-escaped, and characters that
could hide or reorder text on a page (controls, bidirectional overrides) are shown as their code.
"""
from __future__ import annotations

import csv
import gc
import html
import json
import re
import tempfile
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .. import paths
from .intake import find_submissions
from .similarity import REFERENCE, Comparison, Pair, Settings, Source, compare, read_source, stub_modules, stub_prints

_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

STYLE = """<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:110rem}
table{border-collapse:collapse;margin-bottom:1rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;
text-align:left;vertical-align:top}td.n{text-align:right}.side{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
pre{background:#f6f8fa;padding:.5rem;overflow-x:auto;font-size:.85rem;margin:0}pre span{display:block}
pre span.m{background:#ffe08a}pre i{color:#6e7781;font-style:normal;display:inline-block;width:3.5em}
.gap{color:#6e7781}.note{color:#6e7781}.no{color:#6e7781}</style>"""


def text(value: object) -> str:
    """Student text for an HTML page: escaped, with hidden and reordering characters made visible."""
    shown = _HIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", str(value))
    return html.escape(shown, quote=True)


def page(title: str, body: str) -> str:
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{text(title)}</title>{STYLE}'
            f"</head><body>{body}</body></html>\n")


@dataclass
class Report:
    """What a run compared and wrote."""
    out: Path
    weeks: list[str]
    comparison: Comparison
    pages: int
    skipped: list[str] = field(default_factory=list)  # files left out, one line each, naming the source
    problems: list[str] = field(default_factory=list)  # hand-ins not taken in
    seconds: float = 0.0


# --------------------------------------------------------------------------- the run

@contextmanager
def _gc_paused():
    """Hold the cyclic garbage collector during the bulk work: it only allocates (parse trees, fingerprint
    tables), frees nothing cyclic, and a collector scanning the growing tables makes it quadratic."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def load_sources(submissions: Path, weeks: list[str], settings: Settings, with_solutions: bool = False,
                 stubs_root: Path = paths.WEEKS, solutions_root: Path = paths.SOLUTIONS
                 ) -> tuple[list[Source], dict[str, set[int]], list[str]]:
    """The sources to compare (the submissions, and the reference solutions when asked), the stub's
    fingerprints per task, and the hand-ins intake refused."""
    if not Path(submissions).is_dir():
        raise ValueError(f"{submissions} is not a folder of submissions")
    missing = [w for w in weeks if not (stubs_root / w).is_dir()]
    if missing:
        raise ValueError(f"no stub folder for {', '.join(missing)} under {stubs_root}")
    stubs = {w: stub_modules(stubs_root / w) for w in weeks}
    excluded = stub_prints({w: stubs_root / w for w in weeks}, stubs, settings.k)
    with tempfile.TemporaryDirectory(prefix="similarity-") as stage:
        subs, problems = find_submissions(Path(submissions), Path(stage), weeks)
        sources = [read_source(s.student, {w: s.target / w for w in s.weeks}, stubs, settings.k) for s in subs]
    if with_solutions:
        found = {w: solutions_root / w for w in weeks if (solutions_root / w).is_dir()}
        if not found:
            raise ValueError(f"--with-solutions: no reference solutions for {', '.join(weeks)} under {solutions_root}")
        sources.append(read_source(REFERENCE, found, stubs, settings.k, reference=True))
    return sources, excluded, problems


def similarity_report(submissions: Path, weeks: list[str], out: Path, settings: Settings = Settings(),
                      with_solutions: bool = False, top: int = 200, stubs_root: Path = paths.WEEKS,
                      solutions_root: Path = paths.SOLUTIONS) -> Report:
    """Compare the submissions of ``weeks`` task by task and write the report into ``out``."""
    if top < 0:
        raise ValueError("--top is a number of pairs, 0 or more")
    start = time.perf_counter()
    with _gc_paused():
        sources, excluded, problems = load_sources(submissions, weeks, settings, with_solutions, stubs_root,
                                                   solutions_root)
        result = compare(sources, excluded, settings)
    skipped = [f"{s.name}: {line}" for s in sources for line in s.skipped]
    report = Report(Path(out), weeks, result, min(top, len(result.pairs)), skipped, problems)
    write(report, {s.name: s for s in sources}, settings)
    report.seconds = time.perf_counter() - start
    return report


# --------------------------------------------------------------------------- files

def page_name(rank: int) -> str:
    return f"pairs/pair-{rank:04d}.html"


def pair_record(rank: int, pair: Pair, pages: int) -> dict:
    return {"rank": rank, "a": pair.a, "b": pair.b, "score": round(pair.score, 4), "shared": pair.shared,
            "page": page_name(rank) if rank <= pages else None,
            "tasks": [{**asdict(t), "score": round(t.score, 4), "sizes": list(t.sizes)} for t in pair.tasks]}


def write(report: Report, sources: dict[str, Source], settings: Settings) -> None:
    out = report.out
    (out / "pairs").mkdir(parents=True, exist_ok=True)
    for old in (out / "pairs").glob("pair-*.html"):
        old.unlink()
    pairs = report.comparison.pairs
    records = [pair_record(rank, p, report.pages) for rank, p in enumerate(pairs, 1)]
    for rank, pair in enumerate(pairs[: report.pages], 1):
        (out / page_name(rank)).write_text(pair_page(rank, pair, sources[pair.a], sources[pair.b]), encoding="utf-8")
    (out / "index.html").write_text(index_page(report, settings), encoding="utf-8")
    meta = {"weeks": report.weeks, "settings": asdict(settings), "sources": report.comparison.sources,
            "class_size": report.comparison.class_size, "common_cap": report.comparison.common_cap,
            "pairs": records, "skipped": report.skipped, "problems": report.problems}
    (out / "pairs.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    with open(out / "pairs.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["rank", "a", "b", "score", "shared", "matched_tasks", "tasks", "page"])
        for r in records:
            matched = sum(t["matched"] for t in r["tasks"])
            tasks = "; ".join(f"{t['task']}={t['score']:.2f}" for t in r["tasks"])
            w.writerow([r["rank"], r["a"], r["b"], f"{r['score']:.4f}", r["shared"], matched, tasks, r["page"] or ""])


# --------------------------------------------------------------------------- pages

def _task_cells(pair: Pair) -> str:
    cells = [f"{'<b>' if t.matched else ''}{text(t.task)} {t.score:.2f}{'</b>' if t.matched else ''}"
             for t in pair.tasks if t.matched]
    rest = len(pair.tasks) - len(cells)
    return "<br>".join(cells) + (f'<br><span class="no">+{rest} more below the threshold</span>' if rest else "")


def index_page(report: Report, settings: Settings) -> str:
    c = report.comparison
    rows = []
    for rank, pair in enumerate(c.pairs[: report.pages], 1):
        rows.append(f'<tr><td class="n"><a href="{page_name(rank)}">{rank}</a></td><td>{text(pair.a)}</td>'
                    f'<td>{text(pair.b)}</td><td class="n">{pair.score:.2f}</td><td class="n">{pair.shared}</td>'
                    f"<td>{_task_cells(pair)}</td></tr>")
    body = [f"<h1>Similarity: {text(', '.join(report.weeks))}</h1>",
            f"<p>{c.class_size} submissions{' and the reference solutions' if c.sources > c.class_size else ''} "
            f"compared task by task; {c.candidates} pairs share some rare code, {len(c.pairs)} are listed "
            f"(a task matches at a Jaccard index of at least {settings.threshold:g}; fingerprints in more than "
            f"{c.common_cap} submissions are ignored as the common way to write it).</p>"]
    if len(c.pairs) > report.pages:
        body.append(f"<p>The first {report.pages} pairs have pages; all {len(c.pairs)} are in "
                    '<a href="pairs.csv">pairs.csv</a> and <a href="pairs.json">pairs.json</a>.</p>')
    if rows:
        body.append("<table><tr><th>#</th><th>a</th><th>b</th><th>score</th><th>shared</th>"
                    "<th>matched tasks</th></tr>" + "".join(rows) + "</table>")
    else:
        body.append("<p>No pair is above the threshold.</p>")
    for title, lines in (("Files left out", report.skipped), ("Hand-ins not taken in", report.problems)):
        if lines:
            body.append(f"<h2>{title}</h2><ul>" + "".join(f"<li>{text(x)}</li>" for x in lines) + "</ul>")
    body.append('<p class="note">Similar code is a reason to look, not a verdict: read both sides.</p>')
    return page("Similarity report", "\n".join(body))


def _code(source: Source, task: str, marked: set[int]) -> str:
    part = source.parts[task]
    lines = source.files.get(part.file, [])
    out = [f"<b>{text(source.name)}</b> · {text(part.file)}<pre>"]
    for i, (first, last) in enumerate(sorted(part.spans)):
        if i:
            out.append('<span class="gap">⋯</span>')
        for n in range(first, min(last, len(lines)) + 1):
            cls = ' class="m"' if n in marked else ""
            out.append(f"<span{cls}><i>{n}</i>{text(lines[n - 1])}</span>")
    out.append("</pre>")
    return "".join(out)


def pair_page(rank: int, pair: Pair, a: Source, b: Source) -> str:
    body = [f"<h1>#{rank}: {text(pair.a)} and {text(pair.b)}</h1>",
            f"<p>score {pair.score:.2f} over all tasks; {pair.shared} fingerprints shared by the matched tasks. "
            "Marked lines hold code both share (stub code and the class's common code aside).</p>",
            "<table><tr><th>task</th><th>score</th><th>shared</th><th>fingerprints a / b</th></tr>"]
    body += [f"<tr><td>{'<b>' if t.matched else ''}{text(t.task)}{'</b>' if t.matched else ''}</td>"
             f'<td class="n">{t.score:.2f}</td><td class="n">{t.shared}</td>'
             f'<td class="n">{t.sizes[0]} / {t.sizes[1]}</td></tr>' for t in pair.tasks]
    body.append("</table>")
    for t in pair.tasks:
        la, lb = pair.lines.get(t.task, (set(), set()))
        body.append(f"<h2>{text(t.task)}: {t.score:.2f}{'' if t.matched else ' (below the threshold)'}</h2>"
                    f'<div class="side"><div>{_code(a, t.task, la)}</div><div>{_code(b, t.task, lb)}</div></div>')
    body.append('<p><a href="../index.html">back to the list</a></p>')
    return page(f"Similarity: {pair.a} and {pair.b}", "\n".join(body))
