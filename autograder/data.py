"""DATA/ tools: ``data verify`` checks every file against DATA/SHA256SUMS; ``data build`` remakes them.

Each dataset has a builder: a module under ``autograder/datasets/`` with a ``build(out: Path)`` function
that writes its files into ``DATA/`` deterministically from registry packages or from code. After a
build the checksum file is rewritten for what was built.
"""
from __future__ import annotations

import hashlib
import importlib
import pkgutil
import sys
from pathlib import Path

from . import paths

SUMS = "SHA256SUMS"


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_sums(data_dir: Path = paths.DATA) -> dict[str, str]:
    sums_file = data_dir / SUMS
    if not sums_file.exists():
        return {}
    out = {}
    for line in sums_file.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            digest, name = line.split(maxsplit=1)
            out[name.strip()] = digest
    return out


def write_sums(sums: dict[str, str], data_dir: Path = paths.DATA) -> None:
    lines = [f"{digest}  {name}" for name, digest in sorted(sums.items())]
    (data_dir / SUMS).write_text("\n".join(lines) + "\n", encoding="utf-8")


def verify(data_dir: Path = paths.DATA, quiet: bool = False) -> int:
    """0 when every listed file is present and intact; 1 otherwise, naming each bad file."""
    sums = read_sums(data_dir)
    bad = []
    for name, digest in sums.items():
        path = data_dir / name
        if not path.exists():
            bad.append(f"missing: DATA/{name}")
        elif sha256(path) != digest:
            bad.append(f"changed: DATA/{name} (its checksum differs; `python -m autograder data build` remakes it)")
    for line in bad:
        print(line, file=sys.stderr)
    if bad or not quiet:
        print(f"DATA: {len(sums) - len(bad)} of {len(sums)} files verified")
    return 1 if bad else 0


def builders() -> dict[str, object]:
    from . import datasets
    found = {}
    for info in pkgutil.iter_modules(datasets.__path__):
        module = importlib.import_module(f"{datasets.__name__}.{info.name}")
        if hasattr(module, "build"):
            found[info.name] = module
    return found


def build(names: list[str] | None = None, data_dir: Path = paths.DATA) -> int:
    available = builders()
    chosen = names or sorted(available)
    unknown = [n for n in chosen if n not in available]
    if unknown:
        print(f"unknown dataset(s): {', '.join(unknown)}; known: {', '.join(sorted(available))}", file=sys.stderr)
        return 2
    sums = read_sums(data_dir)
    for name in chosen:
        print(f"building {name} ...", flush=True)
        files = available[name].build(data_dir)  # type: ignore[attr-defined]
        for f in files:
            sums[Path(f).resolve().relative_to(data_dir.resolve()).as_posix()] = sha256(Path(f))
    write_sums(sums, data_dir)
    return verify(data_dir)
