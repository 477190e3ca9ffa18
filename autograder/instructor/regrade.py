"""What changed between the last two gradings of a student-week, read from the gradebook's history.

Only runs that graded something count, as for the grades themselves. :func:`diff_runs` compares two
runs (:class:`~.gradebook.Run`) of one student-week into a :class:`RunDiff`: the specs whose score
changed (and specs added or removed), the code fingerprint, the hand-in time, the late penalty, the
spec versions and the total. It renders as plain text or JSON (``regrade-diff``) and as the "What
changed since the last grading" section of a feedback page (Markdown and HTML), where every string
is escaped for its medium.

A spec's *version* (:func:`spec_versions`, stored with every run ``grade-submissions`` records) is a
short hash of what decides its verdict: its own test function or class (decorators included), the
rest of its file (imports, constants, helpers, fixtures) and the week's other files in the spec folder
(shared helper modules). Editing one spec changes its version only; editing a file's shared part
changes the version of every spec of that file; editing a shared helper, of every spec of the week.
Python is compared as syntax trees, so comments and formatting do not count. A run recorded before
versions were stored has none: the diff says "unknown".

The *last grading* (:func:`last_grading`) is the newest batch: the ``grade-submissions`` run that
recorded the newest run that graded something (each such run stores its batch id, :func:`new_batch`).
A student's grade changed in it when a student-week graded in that batch scores differently after the
late penalty than that student-week's previous graded run. A student-week graded for the first time is
new, not changed. Runs recorded before batch ids were stored belong to no batch.
"""
from __future__ import annotations

import ast
import datetime as dt
import hashlib
import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..scoretable import fmt, html_text, md_escape, printable
from .collection import WeekSpecs
from .gradebook import Book, Run

VERSION_CHARS = 12
SECTION = "What changed since the last grading"
LINE_NAMES = 30  # students named in the report's one-line summary; summary.md lists them all

# --------------------------------------------------------------------------- batches and spec versions


def new_batch(now: dt.datetime | None = None) -> str:
    """A batch id for one ``grade-submissions`` run: its start time (UTC) and a random suffix."""
    now = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


def _digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


def _is_spec(node: ast.stmt) -> bool:
    """A top-level definition pytest collects as specs (``test*`` functions, ``Test*`` classes)."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return node.name.startswith("test")
    return isinstance(node, ast.ClassDef) and node.name.startswith("Test")


def _code(path: Path) -> str | bytes:
    """A file as compared: the syntax tree of Python that parses, else its bytes ('' when unreadable)."""
    try:
        data = path.read_bytes()
    except OSError:
        return ""
    if path.suffix == ".py":
        try:
            return ast.dump(ast.parse(data))
        except (SyntaxError, ValueError):
            pass
    return data


def _spec_file(path: Path) -> tuple[str | bytes, dict[str, str]]:
    """A spec file's shared part and its spec definitions by name, as syntax-tree dumps. A file that does
    not parse is all shared part (every spec in it then changes with any edit)."""
    try:
        tree = ast.parse(path.read_bytes())
    except (OSError, SyntaxError, ValueError):
        return _code(path), {}
    shared = "\n".join(ast.dump(n) for n in tree.body if not _is_spec(n))
    return shared, {n.name: ast.dump(n) for n in tree.body if _is_spec(n)}  # type: ignore[attr-defined]


def spec_versions(specs: WeekSpecs, specs_root: Path) -> dict[str, str]:
    """The version of every spec of ``specs`` (by node id), from the spec files under ``specs_root``."""
    root = Path(specs_root)
    week_dir = root / specs.week
    helpers = [part for p in sorted(week_dir.rglob("*")) if p.is_file() and "__pycache__" not in p.parts
               and not re.fullmatch(r"test_.*\.py", p.name) and p.suffix != ".pyc"
               for part in (p.relative_to(week_dir).as_posix(), _code(p))]
    shared_helpers = _digest(*helpers)
    files: dict[str, tuple[str | bytes, dict[str, str]]] = {}
    out = {}
    for s in specs.specs:
        file, _, rest = s.nodeid.partition("::")
        if file not in files:
            files[file] = _spec_file(root / file)
        shared, defs = files[file]
        name = rest.split("::")[0].split("[")[0]
        out[s.nodeid] = _digest(shared_helpers, shared, defs.get(name, ""))[:VERSION_CHARS]
    return out


# --------------------------------------------------------------------------- the diff

@dataclass(frozen=True)
class Side:
    """One run as a diff shows it."""
    run: int
    graded_at: dt.datetime
    batch: str | None
    submitted_at: dt.datetime | None
    time_source: str
    days_late: float
    penalty_fraction: float
    penalty: float
    score: float
    max_score: float
    fingerprint: str | None
    has_versions: bool = False  # the run stored its spec versions

    @property
    def final(self) -> float:
        """The score after the late penalty."""
        return round(self.score - self.penalty, 4)

    @classmethod
    def of(cls, run: Run) -> "Side":
        return cls(run=run.id, graded_at=run.graded_at, batch=run.batch, submitted_at=run.submitted_at,
                   time_source=run.time_source, days_late=run.days_late, penalty_fraction=run.penalty_fraction,
                   penalty=round(run.penalty, 4), score=round(run.score, 4), max_score=round(run.max_score, 4),
                   fingerprint=run.fingerprint, has_versions=run.spec_versions is not None)

    def to_dict(self) -> dict:
        return {"run": self.run, "graded_at": self.graded_at.isoformat(), "batch": self.batch,
                "submitted_at": self.submitted_at.isoformat() if self.submitted_at else None,
                "time_source": self.time_source, "days_late": self.days_late,
                "penalty_fraction": self.penalty_fraction, "penalty": self.penalty, "score": self.score,
                "max_score": self.max_score, "final": self.final, "fingerprint": self.fingerprint,
                "has_spec_versions": self.has_versions}


@dataclass(frozen=True)
class SpecChange:
    """A spec whose score changed, or that only one of the two runs has."""
    nodeid: str
    task: str
    title: str
    hidden: bool
    points: float
    old: float | None  # None: the older run did not have this spec (added)
    new: float | None  # None: the newer run does not have it (removed)

    @property
    def kind(self) -> str:
        return "added" if self.old is None else "removed" if self.new is None else "changed"


@dataclass(frozen=True)
class VersionChange:
    """A spec graded by both runs whose version differs between them."""
    nodeid: str
    task: str
    title: str
    old: str
    new: str


@dataclass(frozen=True)
class RunDiff:
    """The last two graded runs of one student-week (``old`` is None when there is only one)."""
    student: str
    week: str
    new: Side
    old: Side | None = None
    specs: tuple[SpecChange, ...] = ()
    fingerprint: str = "unknown"  # same, changed or unknown (a run without one)
    versions: str = "unknown"  # same, changed or unknown (a run recorded before versions were stored)
    version_changes: tuple[VersionChange, ...] = ()

    @property
    def handed_in_changed(self) -> bool:
        return self.old is not None and (self.old.submitted_at, self.old.time_source) != (
            self.new.submitted_at, self.new.time_source)

    @property
    def penalty_changed(self) -> bool:
        return self.old is not None and (self.old.penalty, round(self.old.penalty_fraction, 4)) != (
            self.new.penalty, round(self.new.penalty_fraction, 4))

    @property
    def total_changed(self) -> bool:
        return self.old is not None and (self.old.score, self.old.max_score, self.old.final) != (
            self.new.score, self.new.max_score, self.new.final)

    @property
    def grade_changed(self) -> bool:
        """The score after the late penalty (what grades.csv shows) differs."""
        return self.old is not None and self.old.final != self.new.final

    @property
    def changed(self) -> bool:
        """Anything differs between the two runs (scores, code, hand-in, penalty, spec versions)."""
        return self.old is not None and bool(
            self.specs or self.fingerprint == "changed" or self.versions == "changed" or self.handed_in_changed
            or self.penalty_changed or self.total_changed)

    def to_dict(self) -> dict:
        return {"student": self.student, "week": self.week, "compared": self.old is not None,
                "changed": self.changed, "grade_changed": self.grade_changed,
                "old": self.old.to_dict() if self.old else None, "new": self.new.to_dict(),
                "specs": [{"nodeid": c.nodeid, "task": c.task, "title": c.title, "hidden": c.hidden,
                           "points": c.points, "change": c.kind, "old": c.old, "new": c.new} for c in self.specs],
                "fingerprint": self.fingerprint, "handed_in_changed": self.handed_in_changed,
                "penalty_changed": self.penalty_changed, "total_changed": self.total_changed,
                "spec_versions": {"status": self.versions,
                                  "changed": [{"nodeid": v.nodeid, "task": v.task, "title": v.title, "old": v.old,
                                               "new": v.new} for v in self.version_changes]}}


def _same(a: str | None, b: str | None) -> str:
    return "unknown" if a is None or b is None else "same" if a == b else "changed"


def diff_runs(old: Run | None, new: Run) -> RunDiff:
    """What changed from ``old`` to ``new``, two graded runs of one student-week (``old`` None: the first)."""
    if old is None:
        return RunDiff(student=new.student, week=new.week, new=Side.of(new))
    before = {s.nodeid: s for s in old.result.specs}
    after = {s.nodeid: s for s in new.result.specs}
    changes = []
    for nodeid in [*after, *(n for n in before if n not in after)]:
        a, b = before.get(nodeid), after.get(nodeid)
        info = b or a
        old_score = round(a.score, 4) if a else None
        new_score = round(b.score, 4) if b else None
        if old_score != new_score:
            changes.append(SpecChange(nodeid, info.task, info.title, info.hidden, float(info.points),
                                      old_score, new_score))
    versions, moved = "unknown", []
    if old.spec_versions is not None and new.spec_versions is not None:
        both = [n for n in after if n in before and n in old.spec_versions and n in new.spec_versions]
        moved = [VersionChange(n, after[n].task, after[n].title, old.spec_versions[n], new.spec_versions[n])
                 for n in both if old.spec_versions[n] != new.spec_versions[n]]
        versions = "unknown" if not both else "changed" if moved else "same"
    return RunDiff(student=new.student, week=new.week, new=Side.of(new), old=Side.of(old), specs=tuple(changes),
                   fingerprint=_same(old.fingerprint, new.fingerprint), versions=versions,
                   version_changes=tuple(moved))


def week_diffs(runs: Iterable[Run]) -> dict[tuple[str, str], RunDiff]:
    """The diff of the last two graded runs of every (student, week) among ``runs``."""
    graded: dict[tuple[str, str], list[Run]] = {}
    for run in sorted(runs, key=lambda r: r.id):
        if run.max_score > 0:
            graded.setdefault((run.student, run.week), []).append(run)
    return {key: diff_runs(found[-2] if len(found) > 1 else None, found[-1]) for key, found in graded.items()}


def latest_diffs(latest: Mapping[tuple[str, str], Run],
                 previous: Mapping[tuple[str, str], Run]) -> dict[tuple[str, str], RunDiff]:
    """The same from the gradebook's newest graded runs and the graded runs before them."""
    return {key: diff_runs(previous.get(key), run) for key, run in latest.items()}


# --------------------------------------------------------------------------- the last grading

@dataclass(frozen=True)
class LastGrading:
    """The newest batch and the diffs of the student-weeks it graded. ``graded_at`` None: nothing graded
    yet; ``batch`` None with a time: the newest run predates batch ids, so no batch can be named."""
    batch: str | None
    graded_at: dt.datetime | None
    diffs: tuple[RunDiff, ...] = ()

    @property
    def changed(self) -> tuple[RunDiff, ...]:
        return tuple(d for d in self.diffs if d.grade_changed)

    @property
    def students(self) -> list[str]:
        """The students whose grade changed, each once."""
        return sorted({d.student for d in self.changed})

    @property
    def first(self) -> tuple[RunDiff, ...]:
        return tuple(d for d in self.diffs if d.old is None)


def last_grading(diffs: Mapping[tuple[str, str], RunDiff]) -> LastGrading:
    """The last grading, from the diffs of the newest graded runs (:func:`latest_diffs`)."""
    if not diffs:
        return LastGrading(None, None)
    newest = max(diffs.values(), key=lambda d: d.new.run).new
    if newest.batch is None:
        return LastGrading(None, newest.graded_at)
    ours = sorted((d for d in diffs.values() if d.new.batch == newest.batch), key=lambda d: (d.student, d.week))
    return LastGrading(newest.batch, max(d.new.graded_at for d in ours), tuple(ours))


def _students_phrase(n: int) -> str:
    return "1 student's grade" if n == 1 else f"{n} students' grades"


def _change_words(d: RunDiff) -> str:
    assert d.old is not None
    return f"{d.week} {fmt(d.old.final)} -> {fmt(d.new.final)}"


def last_grading_line(last: LastGrading) -> str:
    """One line for the terminal (``report`` prints it); empty when nothing was graded yet."""
    if last.graded_at is None:
        return ""
    if last.batch is None:
        return ("The last grading has no batch id (it was recorded before batch ids were stored): "
                "changed grades are not listed.")
    names = last.students
    if not names:
        return "0 students' grades changed in the last grading."
    by_student = {s: "; ".join(_change_words(d) for d in last.changed if d.student == s) for s in names}
    shown = ", ".join(f"{printable(s)} ({by_student[s]})" for s in names[:LINE_NAMES])
    more = f" and {len(names) - LINE_NAMES} more (see summary.md)" if len(names) > LINE_NAMES else ""
    return f"{_students_phrase(len(names))} changed in the last grading: {shown}{more}"


def _intro(last: LastGrading) -> str:
    assert last.graded_at is not None
    first = len(last.first)
    return (f"The last grading is batch {last.batch} (the newest grade-submissions run; finished "
            f"{_when(last.graded_at)}). It graded {len(last.diffs)} student-weeks"
            f"{f', {first} for the first time' if first else ''}; "
            f"{_students_phrase(len(last.students))} changed in it (scores after the late penalty).")


def last_grading_markdown(last: LastGrading) -> str:
    """The summary.md section: the batch and every changed student-week."""
    if last.graded_at is None:
        return ""
    lines = ["## Changed in the last grading", ""]
    if last.batch is None:
        return "\n".join(lines + [md_escape(last_grading_line(last)), ""]) + "\n"
    lines.append(md_escape(_intro(last)))
    if last.changed:
        lines += ["", "| student | week | before | now |", "|---|---|---:|---:|"]
        lines += [f"| {md_escape(d.student)} | {md_escape(d.week)} | {fmt(d.old.final)} / {fmt(d.old.max_score)} | "
                  f"{fmt(d.new.final)} / {fmt(d.new.max_score)} |" for d in last.changed if d.old]
    return "\n".join(lines) + "\n"


def last_grading_html(last: LastGrading, pages: Mapping[str, str]) -> str:
    """The index.html section: the batch, and every changed student linked to their page."""
    if last.graded_at is None:
        return ""
    e = html_text
    if last.batch is None:
        return f"<h2>Changed in the last grading</h2><p>{e(last_grading_line(last))}</p>"
    items = []
    for s in last.students:
        name = f'<a href="{e(pages[s])}">{e(s)}</a>' if s in pages else e(s)
        weeks = "; ".join(_change_words(d) for d in last.changed if d.student == s)
        items.append(f"<li>{name}: {e(weeks)}</li>")
    listed = f"<ul>{''.join(items)}</ul>" if items else ""
    return f"<h2>Changed in the last grading</h2><p>{e(_intro(last))}</p>{listed}"


# --------------------------------------------------------------------------- plain text and JSON (regrade-diff)

def _when(t: dt.datetime | None) -> str:
    return "unknown" if t is None else f"{t.astimezone(dt.timezone.utc):%Y-%m-%d %H:%M} UTC"


def _spec_name(task: str, title: str, nodeid: str, hidden: bool = False) -> str:
    test = nodeid.split("::")[-1]
    return f"{task}: {title}{' (hidden)' if hidden else ''} [{test}]"


def _hand_in(s: Side) -> str:
    return f"{_when(s.submitted_at)} ({s.time_source})"


def _penalty(s: Side) -> str:
    return f"{fmt(s.penalty)} points ({100 * s.penalty_fraction:.0f}%, {s.days_late:.1f} days late)"


def _run_words(s: Side) -> str:
    return f"run {s.run} (graded {_when(s.graded_at)}, batch {s.batch or 'unknown'})"


def to_text(diffs: list[RunDiff]) -> str:
    """``regrade-diff``'s plain text: per week, what changed between the last two graded runs."""
    out = []
    for d in diffs:
        head = f"{d.student} {d.week}"
        if d.old is None:
            out.append(f"{head}: only one graded run, {_run_words(d.new)}; nothing to compare.")
            continue
        o, n = d.old, d.new
        out.append(f"{head}: {_run_words(n)} against {_run_words(o)}"
                   f"{'' if d.changed else ': no difference'}")
        if d.specs:
            out.append("  specs:")
            for c in d.specs:
                was = f"{fmt(c.old)}" if c.old is not None else ""
                now = f"{fmt(c.new)}" if c.new is not None else ""
                move = {"changed": f"{was} -> {now} / {fmt(c.points)}", "added": f"{now} / {fmt(c.points)}",
                        "removed": f"was {was} / {fmt(c.points)}"}[c.kind]
                out.append(f"    {c.kind:<8} {_spec_name(c.task, c.title, c.nodeid, c.hidden)}: {move}")
        else:
            out.append("  specs: no score changed")
        fp = d.fingerprint + (f" ({o.fingerprint[:12]} -> {n.fingerprint[:12]})"
                              if d.fingerprint == "changed" and o.fingerprint and n.fingerprint else "")
        out.append(f"  code fingerprint: {fp}")
        out.append(f"  hand-in time: {_hand_in(o)} -> {_hand_in(n)}" if d.handed_in_changed
                   else f"  hand-in time: same, {_hand_in(n)}")
        out.append(f"  late penalty: {_penalty(o)} -> {_penalty(n)}" if d.penalty_changed
                   else f"  late penalty: same, {_penalty(n)}")
        if d.versions == "changed":
            out.append(f"  spec versions: changed for {len(d.version_changes)} spec(s):")
            out += [f"    {_spec_name(v.task, v.title, v.nodeid)}: {v.old} -> {v.new}" for v in d.version_changes]
        elif d.versions == "unknown":
            missing = [f"run {s.run}" for s in (o, n) if not s.has_versions]
            out.append("  spec versions: unknown" + (f" ({' and '.join(missing)} recorded none)" if missing else ""))
        else:
            out.append("  spec versions: same")
        out.append(f"  total: {fmt(o.score)} / {fmt(o.max_score)} -> {fmt(n.score)} / {fmt(n.max_score)}; "
                   f"after the late penalty {fmt(o.final)} -> {fmt(n.final)}" if d.total_changed
                   else f"  total: same, {fmt(n.score)} / {fmt(n.max_score)}; after the late penalty {fmt(n.final)}")
    return printable("\n".join(out)) + "\n" if out else ""


def to_json(student: str, diffs: list[RunDiff]) -> dict:
    return {"student": student, "weeks": [d.to_dict() for d in diffs]}


def student_diffs(book: Book, student: str, week: str | None = None) -> tuple[str, list[RunDiff]]:
    """The diffs of a student's weeks (or of one week) from the gradebook, and the student's id as stored.
    Ids are compared ignoring case; an unknown student or week is a ValueError that names it."""
    known = sorted({h["student"] for h in book.history()})
    match = [s for s in known if s == student] or [s for s in known if s.lower() == student.lower()]
    if len(match) != 1:
        raise ValueError(f"no runs of student {student!r} in the gradebook" if not match else
                         f"{student!r} matches several students ignoring case: {', '.join(match)}; give the exact id")
    sid = match[0]
    diffs = {w: d for (_, w), d in week_diffs(book.run_rows(student=sid)).items()}
    if not diffs:
        raise ValueError(f"student {sid!r} has runs, but none graded anything")
    if week is None:
        return sid, [diffs[w] for w in sorted(diffs)]
    m = re.fullmatch(r"(?:week)?0*(\d{1,2})", week.strip().lower())
    name = f"week{int(m.group(1)):02d}" if m else week
    if name not in diffs:
        raise ValueError(f"student {sid!r} has no graded run of {week!r} (graded weeks: {', '.join(sorted(diffs))})")
    return sid, [diffs[name]]


# --------------------------------------------------------------------------- the feedback page's section

def _score(x: float | None, points: float, missing: str) -> str:
    return missing if x is None else f"{fmt(x)} / {fmt(points)}"


def _facts(d: RunDiff) -> list[str]:
    """The plain-words lines of a student's section (each safe to escape as one line)."""
    o, n = d.old, d.new
    assert o is not None
    facts = [f"Graded {_when(n.graded_at)}; the grading before was {_when(o.graded_at)}."]
    if d.fingerprint != "unknown":
        facts.append("Your code: changed since then." if d.fingerprint == "changed" else "Your code: unchanged.")
    if d.handed_in_changed:
        facts.append(f"Hand-in time: {_when(o.submitted_at)} → {_when(n.submitted_at)}.")
    if d.penalty_changed:
        facts.append(f"Late penalty: {fmt(o.penalty)} → {fmt(n.penalty)} points.")
    if d.versions == "changed":
        count = len(d.version_changes)
        facts.append(f"The course updated {count} check{'s' if count != 1 else ''} graded both times.")
    if d.total_changed:
        facts.append(f"Points: {fmt(o.score)} / {fmt(o.max_score)} → {fmt(n.score)} / {fmt(n.max_score)}; "
                     f"after the late penalty {fmt(o.final)} → {fmt(n.final)}.")
    return facts


def _rows(d: RunDiff) -> list[tuple[str, str, str]]:
    return [(f"{c.task}: {c.title}{' (hidden)' if c.hidden else ''}", _score(c.old, c.points, "new check"),
             _score(c.new, c.points, "removed")) for c in d.specs]


def _shown(diffs: Iterable[RunDiff]) -> list[RunDiff]:
    return sorted((d for d in diffs if d.changed), key=lambda d: d.week)


def feedback_markdown(diffs: Iterable[RunDiff]) -> str:
    """The section for a student's Markdown page; empty when no week has two runs that differ."""
    shown = _shown(diffs)
    if not shown:
        return ""
    lines = [f"## {SECTION}", ""]
    for d in shown:
        assert d.old is not None
        lines += [f"### {md_escape(d.week)}: {fmt(d.old.final)} → {fmt(d.new.final)} points", ""]
        lines += [f"- {md_escape(f)}" for f in _facts(d)] + [""]
        if d.specs:
            lines += ["| check | before | now |", "|---|---:|---:|"]
            lines += [f"| {md_escape(a)} | {md_escape(b)} | {md_escape(c)} |" for a, b, c in _rows(d)] + [""]
    return "\n".join(lines) + "\n"


def feedback_html(diffs: Iterable[RunDiff]) -> str:
    """The section for a student's HTML page; empty when no week has two runs that differ."""
    shown = _shown(diffs)
    if not shown:
        return ""
    e = html_text
    out = [f"<h2>{e(SECTION)}</h2>"]
    for d in shown:
        assert d.old is not None
        out.append(f"<h3>{e(d.week)}: {fmt(d.old.final)} &rarr; {fmt(d.new.final)} points</h3>")
        out.append("<ul>" + "".join(f"<li>{e(f)}</li>" for f in _facts(d)) + "</ul>")
        if d.specs:
            out.append("<table><tr><th>check</th><th>before</th><th>now</th></tr>" + "".join(
                f'<tr><td>{e(a)}</td><td class="n">{e(b)}</td><td class="n">{e(c)}</td></tr>' for a, b, c in _rows(d))
                + "</table>")
    return "\n".join(out)


def with_section_markdown(page: str, section: str) -> str:
    """A feedback page in Markdown with ``section`` right after its title (the page's first block)."""
    if not section:
        return page
    head, _, rest = page.partition("\n\n")
    return f"{head}\n\n{section.rstrip()}\n\n{rest}"


def with_section_html(page: str, section: str) -> str:
    """A feedback page in HTML with ``section`` right after its ``<h1>`` (the page's own: every text in the
    page is escaped, so the first closing tag of that name is ours)."""
    return page.replace("</h1>", "</h1>" + section, 1) if section else page

