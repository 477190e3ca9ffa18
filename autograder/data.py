"""DATA/ tools: ``data verify`` checks every file against DATA/SHA256SUMS; ``data build`` remakes them;
``data fetch`` puts the course's original files in place of the shipped substitutes and ``data restore``
brings the substitutes back.

Each dataset has a builder: a module under ``autograder/datasets/`` with a ``build(out: Path)`` function
that writes its files into ``DATA/`` deterministically from registry packages or from code. After a
build the checksum file is rewritten for what was built.

Originals (``autograder/originals``: names, sha256 and public URLs) come from a local folder (``--from``)
or from their public sources, and are checked file by file before anything in DATA/ moves. The shipped
files they replace are moved, not copied, to ``DATA/.substitutes/`` (ignored by git) together with a
record of what was fetched (``fetched.json``), so that ``restore`` moves the very same bytes back.
While originals are in place ``verify`` checks the substitutes kept aside and the originals installed,
and says so.
"""
from __future__ import annotations

import hashlib
import importlib
import json
import os
import pkgutil
import shutil
import sys
from pathlib import Path

from . import paths

SUMS = "SHA256SUMS"
ASIDE = ".substitutes"      # DATA/.substitutes/: the shipped files while originals are in place
STATE = "fetched.json"      # DATA/.substitutes/fetched.json: which datasets hold originals, and their files


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
    """0 when every listed file is present and intact; 1 otherwise, naming each bad file.

    While originals are in place (``data fetch``), a listed file they replace is checked where it was
    kept aside, every installed original is checked against the checksum it was fetched with, and a
    line says which datasets hold originals (printed even with ``quiet``).
    """
    sums = read_sums(data_dir)
    state = read_state(data_dir)
    aside = {p: name for name, entry in state.items() for p in entry["replaces"]}
    bad, kept = [], 0
    for name, digest in sums.items():
        owner = _replaced_by(name, aside)
        kept += bool(owner)
        path = data_dir / ASIDE / name if owner else data_dir / name
        shown = (f"DATA/{ASIDE}/{name} (kept aside while the originals of {owner} are in place)" if owner
                 else f"DATA/{name}")
        if not path.exists():
            bad.append(f"missing: {shown}")
        elif (got := sha256(path)) != digest:
            hint = "" if owner else _original_hint(got)
            hint = hint or "its checksum differs; `python -m autograder data build` remakes it"
            bad.append(f"changed: {shown} ({hint})")
    listed_bad = len(bad)
    installed = 0
    for dataset, entry in state.items():
        for rel, digest in entry["installed"].items():
            path = data_dir / rel
            if not path.exists():
                bad.append(f"missing: DATA/{rel} (an original of {dataset}; `python -m autograder data restore "
                           f"{dataset}` brings back the shipped files)")
            elif sha256(path) != digest:
                bad.append(f"changed: DATA/{rel} (not the original of {dataset} that was fetched; "
                           f"`python -m autograder data restore {dataset}` brings back the shipped files)")
            else:
                installed += 1
    for line in bad:
        print(line, file=sys.stderr)
    if bad or not quiet or state:
        note = f" ({kept} of them kept aside in DATA/{ASIDE}/)" if kept else ""
        print(f"DATA: {len(sums) - listed_bad} of {len(sums)} files verified{note}")
    if state:
        print(f"DATA: the course's originals are in place for {', '.join(sorted(state))} ({installed} files "
              "checked); grading and the specs read them. `python -m autograder data restore` brings back the "
              "shipped files; never commit while originals are in place.")
    return 1 if bad else 0


def _replaced_by(name: str, aside: dict[str, str]) -> str:
    """The dataset whose originals replace DATA/<name> ('' when none does)."""
    for prefix, dataset in aside.items():
        if name == prefix or name.startswith(prefix + "/"):
            return dataset
    return ""


def _original_hint(digest: str) -> str:
    """A hint when a shipped file was overwritten by one of the course's originals (e.g. copied in by hand)."""
    from . import originals
    for ds in originals.datasets().values():
        if any(o.sha256 == digest for o in ds.files):
            return (f"it is the course's original of {ds.name}, which must not replace the shipped file in the "
                    "repository: `git checkout DATA/` brings the shipped file back; `python -m autograder data fetch "
                    f"{ds.name} --from DIR` installs originals so that `data restore` can undo it")
    return ""


# --------------------------------------------------------------------------- originals: fetch and restore

class FetchError(Exception):
    """An original could not be obtained or is not the file the table names."""


def read_state(data_dir: Path = paths.DATA) -> dict[str, dict]:
    """The datasets whose originals are in place: name -> {"replaces", "aside", "installed", "source"}."""
    path = data_dir / ASIDE / STATE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _write_state(data_dir: Path, state: dict[str, dict]) -> None:
    path = data_dir / ASIDE / STATE
    if not state:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def fetch(names: list[str] | None = None, source: str | Path | None = None, data_dir: Path = paths.DATA) -> int:
    """Put the course's originals of `names` (default: every dataset) in place of the shipped files.

    `source` is a local folder laid out like ../shared/canonical; without it the files are downloaded
    from the public URLs of autograder/originals. Every file is checked against its sha256 before
    anything in DATA/ changes; the shipped files move to DATA/.substitutes/. 0 on success, 1 when an
    original could not be had (DATA/ then keeps what it had), 2 for bad usage.
    """
    from . import originals
    table = originals.datasets()
    chosen = list(dict.fromkeys(names or table))
    unknown = [n for n in chosen if n not in table]
    if unknown:
        print(f"error: no original is known for {', '.join(unknown)}; known: {', '.join(table)}", file=sys.stderr)
        return 2
    src = Path(source).expanduser().resolve() if source is not None else None
    if src is not None and not src.is_dir():
        print(f"error: --from {source}: not a folder", file=sys.stderr)
        return 2
    state = read_state(data_dir)
    for name in chosen:
        ds = table[name]
        if name in state:
            print(f"{name}: the originals are already in place")
            continue
        problem = _not_shipped(ds.replaces, data_dir)
        if problem:
            print(f"error: {name}: {problem}", file=sys.stderr)
            return 1
        incoming = data_dir / ASIDE / ".incoming" / name
        try:
            print(f"fetching {name}: {ds.what} ({len(ds.files)} file{'s' * (len(ds.files) != 1)} from "
                  f"{src if src else 'the public sources'}) ...", flush=True)
            installed = _stage(ds, src, incoming)
        except FetchError as exc:
            print(f"error: {name}: {exc}", file=sys.stderr)
            shutil.rmtree(incoming, ignore_errors=True)
            _tidy(data_dir)
            print(f"DATA/ is unchanged for {name}" + (f"; the originals of {', '.join(sorted(state))} are in place"
                                                      if state else ""), file=sys.stderr)
            return 1
        aside_now = []
        for rel in ds.replaces:  # every original is checked: only now does DATA/ change
            target, kept = data_dir / rel, data_dir / ASIDE / rel
            if target.exists():
                kept.parent.mkdir(parents=True, exist_ok=True)
                os.replace(target, kept)
                aside_now.append(rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(incoming / rel, target)
        state[name] = {"replaces": list(ds.replaces), "aside": aside_now, "installed": installed,
                       "source": str(src) if src else "public URLs"}
        _write_state(data_dir, state)
        shutil.rmtree(incoming, ignore_errors=True)
        print(f"{name}: {len(installed)} original file{'s' * (len(installed) != 1)} in place of "
              f"{', '.join('DATA/' + r for r in ds.replaces)} ({_weeks(ds.weeks)})")
    _tidy(data_dir)
    if state:
        print("The shipped files are kept in DATA/.substitutes/; `python -m autograder data restore` brings them "
              "back. Never commit while originals are in place.")
    return 0


def _not_shipped(replaces: tuple[str, ...], data_dir: Path) -> str:
    """Why the files that `replaces` names cannot be kept aside as the shipped ones ('' when they can)."""
    sums = read_sums(data_dir)
    for rel in replaces:
        if (data_dir / ASIDE / rel).exists():
            return (f"DATA/{ASIDE}/{rel} exists but no fetch is recorded for it: move it back to DATA/{rel} "
                    "by hand (it holds shipped files) and try again")
        for name, digest in sums.items():
            if (name == rel or name.startswith(rel + "/")) and (data_dir / name).exists() \
                    and sha256(data_dir / name) != digest:
                return (f"DATA/{name} is not the shipped file (its checksum differs from DATA/{SUMS}), so it "
                        f"could not be restored later: `git checkout DATA/` or `python -m autograder data build` "
                        "brings back the shipped files first")
    return ""


def _stage(ds, src: Path | None, incoming: Path) -> dict[str, str]:
    """Obtain and check every original of `ds` into `incoming`, laid out as under DATA/.

    Returns {path under DATA/: sha256} of the files to install. Raises FetchError."""
    from . import originals
    shutil.rmtree(incoming, ignore_errors=True)
    raw = incoming / ".raw" if ds.name == "omniglot" else incoming
    for o in ds.files:
        dest = raw / o.path
        dest.parent.mkdir(parents=True, exist_ok=True)
        if src is not None:
            given = src / o.path
            if not given.is_file():
                raise FetchError(f"{given} is missing (the --from folder should hold {o.path}, as "
                                 "../shared/canonical does)")
            shutil.copyfile(given, dest)
        else:
            _download(o.url, dest)
        got = sha256(dest)
        if got != o.sha256:
            raise FetchError(f"{o.path} has sha256 {got}, not the original's {o.sha256}"
                             + (f" ({src / o.path})" if src is not None else f" (from {o.url})"))
    if ds.name == "omniglot":
        files = originals.omniglot_layout([raw / o.path for o in ds.files], incoming)
        shutil.rmtree(raw)
        return {f.relative_to(incoming).as_posix(): sha256(f) for f in files}
    return {o.path: o.sha256 for o in ds.files}


def _download(url: str, dest: Path) -> None:
    import urllib.error
    import urllib.request
    try:
        with urllib.request.urlopen(url, timeout=60) as response, open(dest, "wb") as out:
            shutil.copyfileobj(response, out)
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(f"cannot download {url} ({reason}). Without network access, pass --from DIR: a local "
                         "folder that holds the originals (laid out as ../shared/canonical)") from None


def restore(names: list[str] | None = None, data_dir: Path = paths.DATA) -> int:
    """Bring back the shipped files of `names` (default: every fetched dataset) and remove the originals."""
    from . import originals
    table = originals.datasets()
    unknown = [n for n in names or [] if n not in table]
    if unknown:
        print(f"error: no original is known for {', '.join(unknown)}; known: {', '.join(table)}", file=sys.stderr)
        return 2
    state = read_state(data_dir)
    if not state and not names:
        print("DATA/ already holds the shipped files: no originals are in place")
    chosen = list(dict.fromkeys(names or sorted(state)))
    for name in chosen:
        if name not in state:
            print(f"{name}: DATA/ already holds the shipped files")
            continue
        entry = state[name]
        lost = [rel for rel in entry["aside"] if not (data_dir / ASIDE / rel).exists()]
        if lost:
            print(f"error: {name}: {', '.join(f'DATA/{ASIDE}/{r}' for r in lost)} is missing: `git checkout DATA/` "
                  f"or `python -m autograder data build {name}` remakes the shipped files", file=sys.stderr)
            return 1
        for rel in entry["replaces"]:
            target, kept = data_dir / rel, data_dir / ASIDE / rel
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            elif target.exists() or target.is_symlink():
                target.unlink()
            if rel in entry["aside"]:
                os.replace(kept, target)
        del state[name]
        _write_state(data_dir, state)
        print(f"{name}: the shipped files are back ({', '.join('DATA/' + r for r in entry['replaces'])})")
    _tidy(data_dir)
    return verify(data_dir)


def _tidy(data_dir: Path) -> None:
    """Remove the empty folders that fetch and restore leave in DATA/.substitutes/ (and the folder itself)."""
    root = data_dir / ASIDE
    if not root.is_dir():
        return
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    if not any(root.iterdir()):
        root.rmdir()


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
    fetched = read_state(data_dir)
    if fetched:
        print(f"error: the course's originals are in place for {', '.join(sorted(fetched))}: run "
              "`python -m autograder data restore` before `data build`", file=sys.stderr)
        return 2
    sums = read_sums(data_dir)
    for name in chosen:
        print(f"building {name} ...", flush=True)
        files = available[name].build(data_dir)  # type: ignore[attr-defined]
        for f in files:
            sums[Path(f).resolve().relative_to(data_dir.resolve()).as_posix()] = sha256(Path(f))
    write_sums(sums, data_dir)
    return verify(data_dir)


def _weeks(weeks: tuple[str, ...]) -> str:
    return ("week " if len(weeks) == 1 else "weeks ") + ", ".join(w[4:] for w in weeks)
