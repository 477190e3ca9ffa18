"""Submissions intake: a folder of hand-ins becomes checked student ids and regular-file copies.

Every entry of the submissions folder is one student: a folder (a copy of ``weeks/`` or a whole clone)
or a ``.zip`` of one, named by the student id. Entries whose names start with ``.`` are ignored.

Student ids. An id is 1 to 64 characters of the safe alphabet ``A-Z a-z 0-9 . _ -``, starting with a
letter or a digit (:data:`STUDENT_ID`). Ids are compared ignoring case, so no two students share a
file name on any file system. Anything else is refused with a message that names the folder; an id is
never renamed, so two hand-ins can never fall onto one student.

Files. Only regular files are kept: each week folder is copied into a staging folder, and symbolic
links, ``__pycache__`` folders, ``.pyc`` files, devices, pipes and sockets are dropped, each with a note
that reaches the student's feedback. Archives are unpacked the same way; a member with an absolute path
or ``..`` refuses the whole archive. The sandbox's own copy (``boundary/session.py``) applies the
same rule again when a week is graded.

Hand-in time: in a clone, the commit date of the newest commit touching the week's folder; otherwise
the newest modification time of the week's files (for a zip, the times stored in it, read as UTC).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import stat
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .. import defaults
from .policy import UTC, utc

STUDENT_ID = re.compile(rf"[A-Za-z0-9][A-Za-z0-9._-]{{0,{defaults.STUDENT_ID_MAX - 1}}}")
ID_RULE = (f"a student id is 1 to {defaults.STUDENT_ID_MAX} letters, digits, '.', '_' or '-', starting with a "
           "letter or a digit")
WEEK_DIR = re.compile(r"week\d\d")


class IntakeError(ValueError):
    """A hand-in that cannot be taken in as it is; the message names it."""


def check_student_id(student: str) -> str | None:
    """Why ``student`` is not a valid id, or None when it is."""
    if not STUDENT_ID.fullmatch(student):
        return f"{student!r} is not a valid student id ({ID_RULE})"
    return None


@dataclass(frozen=True)
class Submission:
    student: str
    source: Path  # the folder or archive as handed in
    root: Path  # the hand-in as a folder (unpacked if it was an archive): its .git gives hand-in times
    target: Path  # the staged copy, laid out like weeks/: regular files only
    weeks: tuple[str, ...] = ()  # the week folders it holds
    week_sources: dict[str, Path] = field(default_factory=dict)  # each week's folder inside root
    notes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # per week: what was dropped

    def hand_in(self, week: str) -> "HandIn":
        """When the week was handed in (and how we know), and the fingerprint of its code."""
        when, source = submission_time(self.root, self.week_sources.get(week), self.target / week)
        return HandIn(when, source, fingerprint(self.target / week))


@dataclass(frozen=True)
class HandIn:
    submitted_at: dt.datetime | None
    time_source: str  # git, mtime or missing
    fingerprint: str


# --------------------------------------------------------------------------- copying regular files

class _Budget:
    def __init__(self, what: str) -> None:
        self.what, self.bytes, self.files = what, 0, 0

    def take(self, size: int) -> None:
        self.bytes += size
        self.files += 1
        if self.bytes > defaults.SUBMISSION_MAX_BYTES:
            raise IntakeError(f"{self.what}: more than {defaults.SUBMISSION_MAX_BYTES // 2**20} MB")
        if self.files > defaults.SUBMISSION_MAX_FILES:
            raise IntakeError(f"{self.what}: more than {defaults.SUBMISSION_MAX_FILES} files")


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device file"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def dropped(rel: str, why: str) -> str:
    return f"{rel} was dropped ({why}): only regular files are kept from a submission"


def copy_regular(src: Path, dst: Path, rel: str, budget: _Budget) -> list[str]:
    """Copy the regular files under ``src`` into ``dst`` (keeping their times); return a note for every
    entry left out. Links are never followed, not even the one ``src`` might be."""
    notes: list[str] = []
    dst.mkdir(parents=True, exist_ok=True)
    for entry in sorted(os.scandir(src), key=lambda e: e.name):
        here = f"{rel}/{entry.name}"
        st = entry.stat(follow_symlinks=False)
        if stat.S_ISDIR(st.st_mode):
            if entry.name == "__pycache__":
                notes.append(dropped(here + "/", "compiled files"))
            else:
                notes += copy_regular(Path(entry.path), dst / entry.name, here, budget)
        elif stat.S_ISREG(st.st_mode):
            if entry.name.endswith(".pyc"):
                notes.append(dropped(here, "a compiled file"))
                continue
            budget.take(st.st_size)
            fd = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW)
            with os.fdopen(fd, "rb") as fh, open(dst / entry.name, "wb") as out:
                shutil.copyfileobj(fh, out)
            os.utime(dst / entry.name, ns=(st.st_atime_ns, st.st_mtime_ns))
        else:
            notes.append(dropped(here, _kind(st.st_mode)))
    return notes


def _is_dir(path: Path) -> bool:
    """A real folder (a link to one does not count)."""
    try:
        return stat.S_ISDIR(path.lstat().st_mode)
    except OSError:
        return False


def week_folders(root: Path) -> Path:
    """The folder of ``root`` laid out like weeks/: root itself, or its weeks/ (a clone). Links are not followed."""
    if any(_is_dir(p) for p in root.glob("week[0-9][0-9]")):
        return root
    if _is_dir(root / "weeks"):
        return root / "weeks"
    return root


# --------------------------------------------------------------------------- archives

def safe_extract_zip(archive: Path, dest: Path) -> list[tuple[str, str]]:
    """Unpack ``archive`` into ``dest``: regular files only, with the times stored in the archive (read
    as UTC). Refuses absolute paths, ``..`` and zip bombs; drops links, compiled files and anything else
    that is not a regular file, returning (path relative to ``dest``, why) for each."""
    dest = dest.resolve()
    notes: list[tuple[str, str]] = []
    budget = _Budget(archive.name)
    with zipfile.ZipFile(archive) as zf:
        infos = zf.infolist()
        if len(infos) > defaults.SUBMISSION_MAX_FILES:
            raise IntakeError(f"{archive.name}: more than {defaults.SUBMISSION_MAX_FILES} files")
        if sum(i.file_size for i in infos) > defaults.SUBMISSION_MAX_BYTES:
            raise IntakeError(f"{archive.name}: unpacks to more than {defaults.SUBMISSION_MAX_BYTES // 2**20} MB")
        for info in infos:
            name = info.filename.replace("\\", "/")
            parts = [p for p in name.split("/") if p not in ("", ".")]
            if name.startswith("/") or (parts and ":" in parts[0]) or ".." in parts:
                raise IntakeError(f"{archive.name}: unsafe path {info.filename!r} in the archive")
            if not parts:
                continue
            rel = "/".join(parts)
            mode = info.external_attr >> 16
            if info.is_dir():
                if "__pycache__" not in parts:
                    dest.joinpath(*parts).mkdir(parents=True, exist_ok=True)
                continue
            if "__pycache__" in parts or parts[-1].endswith(".pyc"):
                notes.append((rel, "a compiled file"))
                continue
            if stat.S_IFMT(mode) and not stat.S_ISREG(mode):  # many tools store no file type: a plain file
                notes.append((rel, _kind(mode)))
                continue
            out = dest.joinpath(*parts)
            if not out.parent.resolve().is_relative_to(dest) or out.is_symlink():
                raise IntakeError(f"{archive.name}: unsafe path {info.filename!r} in the archive")
            budget.take(info.file_size)
            out.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, open(out, "wb") as dst:
                shutil.copyfileobj(src, dst)
            stamp = dt.datetime(*info.date_time, tzinfo=UTC).timestamp()
            os.utime(out, (stamp, stamp))
    return notes


def _unwrap(folder: Path) -> Path:
    """An archive often holds one top folder (alice/ or repo-main/): step into it."""
    while True:
        if any(folder.glob("week[0-9][0-9]")) or (folder / "weeks").is_dir():
            return folder
        entries = [p for p in folder.iterdir() if not p.name.startswith((".", "__MACOSX"))]
        if len(entries) != 1 or not _is_dir(entries[0]):
            return folder
        folder = entries[0]


def _by_week(dropped_members: list[tuple[str, str]], base: Path, target: Path) -> dict[str, list[str]]:
    """Notes on the archive members that were dropped, filed under the week folder they are in."""
    prefix = target.relative_to(base).as_posix() if target != base else ""
    out: dict[str, list[str]] = {}
    for path, why in dropped_members:
        if prefix:
            if not path.startswith(prefix + "/"):
                continue
            path = path[len(prefix) + 1:]
        week = path.split("/", 1)[0]
        if WEEK_DIR.fullmatch(week):
            out.setdefault(week, []).append(dropped(path, why))
    return out


# --------------------------------------------------------------------------- the submissions folder

def find_submissions(folder: Path, stage: Path, weeks: list[str] | None = None) -> tuple[list[Submission], list[str]]:
    """Take in every hand-in of ``folder``: check its id, unpack it if it is an archive, and copy the
    regular files of its week folders (only ``weeks`` when given) into ``stage``. Returns the
    submissions and the problems (one line each, naming the entry, for everything not taken in)."""
    folder, stage = Path(folder), Path(stage)
    subs: list[Submission] = []
    problems: list[str] = []
    taken: dict[str, str] = {}  # id folded to lower case -> the entry that claimed it
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith("."):
            continue
        mode = entry.lstat().st_mode
        if stat.S_ISDIR(mode):
            student = entry.name
        elif stat.S_ISREG(mode) and entry.suffix.lower() == ".zip":
            student = entry.name[: -len(entry.suffix)]
        else:
            what = _kind(mode) if not stat.S_ISREG(mode) else "not a folder or a .zip"
            problems.append(f"{entry.name!r}: not graded: {what}; hand in a folder or a .zip named by the student id")
            continue
        why = check_student_id(student)
        if why:
            problems.append(f"{entry.name!r}: not graded: {why}. Rename it to the student's id and grade again.")
            continue
        other = taken.get(student.lower())
        if other is not None:
            problems.append(f"{entry.name!r}: not graded: student id {student!r} is already taken by {other!r} "
                            "(ids are compared ignoring case); keep one hand-in per student")
            continue
        taken[student.lower()] = entry.name
        try:
            subs.append(_take_in(entry, student, stage, weeks))
        except (IntakeError, zipfile.BadZipFile, OSError) as exc:
            problems.append(f"{entry.name!r}: not graded: {exc}")
    return subs, problems


def _take_in(entry: Path, student: str, stage: Path, weeks: list[str] | None) -> Submission:
    archive_notes: dict[str, list[str]] = {}
    if _is_dir(entry):
        root = entry
    else:
        unpacked = stage / "_archives" / student
        unpacked.mkdir(parents=True)
        raw_notes = safe_extract_zip(entry, unpacked)
        root = _unwrap(unpacked)
        archive_notes = _by_week(raw_notes, unpacked, week_folders(root))
    source_weeks = week_folders(root)
    target = stage / student
    target.mkdir(parents=True)
    budget = _Budget(entry.name)
    found: list[str] = []
    sources: dict[str, Path] = {}
    notes: dict[str, tuple[str, ...]] = {}
    for week_dir in sorted(source_weeks.glob("week[0-9][0-9]")):
        week = week_dir.name
        if weeks is not None and week not in weeks:
            continue
        if not _is_dir(week_dir):
            notes[week] = (dropped(week, _kind(week_dir.lstat().st_mode)),)
            continue
        notes[week] = tuple(archive_notes.get(week, [])) + tuple(copy_regular(week_dir, target / week, week, budget))
        found.append(week)
        sources[week] = week_dir
    return Submission(student=student, source=entry, root=root, target=target, weeks=tuple(found),
                      week_sources=sources, notes={w: n for w, n in notes.items() if n})


# --------------------------------------------------------------------------- hand-in time and fingerprint

def _git_commit_time(repo: Path, rel: str) -> dt.datetime | None:
    """Committer date of the newest commit touching ``rel`` in a clone. The clone's own git config
    cannot run anything: signatures, pagers and fsmonitor are switched off on the command line."""
    if not _is_dir(repo / ".git") or shutil.which("git") is None:
        return None
    cmd = ["git", "-c", "safe.directory=*", "-c", "core.fsmonitor=false", "-c", "log.showSignature=false",
           "-c", "gpg.program=false", "-c", "core.hooksPath=/dev/null", "--no-pager", "-C", str(repo),
           "log", "-1", "--format=%cI", "--no-show-signature", "--", rel]
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_TERMINAL_PROMPT="0")
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=20, env=env).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return None
    try:
        return utc(out) if out else None
    except ValueError:
        return None


def submission_time(root: Path, week_source: Path | None, staged_week: Path) -> tuple[dt.datetime | None, str]:
    """When a week was handed in, and how we know: the git commit date of the newest commit touching the
    week's folder in a clone, else the newest modification time of the week's (regular, staged) files."""
    if week_source is not None:
        try:
            rel = week_source.relative_to(root).as_posix()
        except ValueError:
            rel = None
        if rel is not None:
            when = _git_commit_time(root, rel)
            if when is not None:
                return when, "git"
    if not staged_week.is_dir():
        return None, "missing"
    stamps = [p.stat().st_mtime for p in staged_week.rglob("*") if p.is_file()]
    if not stamps:
        return None, "missing"
    return dt.datetime.fromtimestamp(max(stamps), tz=UTC), "mtime"


def fingerprint(week_dir: Path) -> str:
    """sha256 over the week's .py files (names and contents): the same code gives the same print."""
    h = hashlib.sha256()
    if week_dir.is_dir():
        for p in sorted(week_dir.rglob("*.py")):
            if "__pycache__" in p.parts or not p.is_file() or p.is_symlink():
                continue
            h.update(p.relative_to(week_dir).as_posix().encode() + b"\0")
            h.update(p.read_bytes() + b"\0")
    return h.hexdigest()
