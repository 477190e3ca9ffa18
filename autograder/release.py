"""The gate: the student release, the encrypted artefacts, the release audit, and the PR helpers.

``release --out DIR`` writes

* ``DIR/student/``: what students clone. Stubs (weeks/), the grader without any hidden spec (every
  ``*_hidden.*`` file under autograder/specs/, so a hidden spec's own data files stay hidden too),
  DATA/, assets/, Makefile, requirements.txt, .gitignore, a README for students, the CI workflow
  (.github/workflows/grade.yml), and ``locked/``: the hidden-spec bundle and each week's solutions, all
  encrypted with Fernet (AES-128-CBC + HMAC-SHA256, from ``cryptography``).
* ``DIR/keys/``: ``hidden-specs.key`` (store it as the repository secret HIDDEN_SPECS_KEY) and one
  ``weekNN.key`` per week (publish it after the deadline). Never give this folder to students. Keys that
  are already there are reused, so re-releasing does not invalidate keys already published.

The release is audited before it is declared done: no solution body and no hidden spec may appear
anywhere in ``DIR/student``.
"""
from __future__ import annotations

import argparse
import ast
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from . import paths

TEMPLATES = paths.GRADER / "templates"
LOCKED = "locked"
BUNDLE = "hidden-specs.tar.gz.fernet"
BUNDLE_KEY = "hidden-specs.key"
BUNDLE_ENV = "HIDDEN_SPECS_KEY"
# A solution body counts as leaked when a function with the same body (compared as syntax trees, at
# least this many nodes) is in the student tree. Stubs hold no code at all, so in weeks/ even short
# bodies count; specs compute oracles, where one-line idioms such as
# sum(p.numel() for p in model.parameters()) legitimately coincide with a solution.
MIN_BODY_NODES = 16
MIN_BODY_NODES_WEEKS = 8
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", ".ipynb_checkpoints", ".DS_Store")


def solution_file(week: str) -> str:
    return f"solutions-{week}.tar.gz.fernet"


# --------------------------------------------------------------------------- archives and crypto

def tar_bytes(base: Path, files: list[Path]) -> bytes:
    """A gzipped tar of ``files`` (paths relative to ``base``) with fixed owners and times."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz", compresslevel=9) as tar:
        for f in sorted(files):
            data = (base / f).read_bytes()
            info = tarfile.TarInfo(f.as_posix())
            info.size, info.mode, info.mtime = len(data), 0o644, 0
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def untar_bytes(blob: bytes, dest: Path, allowed: re.Pattern) -> list[Path]:
    """Extract regular files whose names match ``allowed`` into ``dest``; anything else is refused."""
    written = []
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as tar:
        members = tar.getmembers()
        for m in members:
            parts = m.name.split("/")
            if not m.isfile() or m.name.startswith("/") or ".." in parts or not allowed.fullmatch(m.name):
                raise ValueError(f"refusing archive member {m.name!r}")
        for m in members:
            out = dest.joinpath(*m.name.split("/"))
            out.parent.mkdir(parents=True, exist_ok=True)
            src = tar.extractfile(m)
            assert src is not None
            out.write_bytes(src.read())
            written.append(out)
    return written


def _key(path: Path) -> bytes:
    from cryptography.fernet import Fernet
    if path.exists():
        return path.read_bytes().strip()
    key = Fernet.generate_key()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(key + b"\n")
    path.chmod(0o600)
    return key


def encrypt(blob: bytes, key: bytes) -> bytes:
    from cryptography.fernet import Fernet
    return Fernet(key).encrypt(blob)


def decrypt(token: bytes, key: bytes | str, what: str) -> bytes:
    from cryptography.fernet import Fernet, InvalidToken
    try:
        return Fernet(key.strip() if isinstance(key, bytes) else key.strip().encode()).decrypt(token)
    except (InvalidToken, ValueError):
        raise ValueError(f"that key does not open {what} (check that it was copied whole)") from None


# --------------------------------------------------------------------------- the release

def hidden_specs(specs_root: Path) -> list[Path]:
    return sorted(p for p in specs_root.glob("week[0-9][0-9]/**/*_hidden.*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")


def solution_weeks(solutions_root: Path) -> list[str]:
    return sorted(p.name for p in solutions_root.glob("week[0-9][0-9]") if p.is_dir())


def _week_files(folder: Path) -> list[Path]:
    return sorted(p.relative_to(folder.parent) for p in folder.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")


def build_release(out: Path, root: Path = paths.ROOT, keys: Path | None = None) -> dict:
    """Write ``out/student`` and the encrypted artefacts; keys go to ``out/keys``. Returns a summary."""
    out = Path(out).resolve()
    root = Path(root).resolve()
    keys = Path(keys).resolve() if keys else out / "keys"
    student = out / "student"
    if student.exists():
        shutil.rmtree(student)
    student.mkdir(parents=True)
    grader, specs, solutions = root / "autograder", root / "autograder" / "specs", root / "solutions"

    if (root / "weeks").is_dir():
        shutil.copytree(root / "weeks", student / "weeks", ignore=IGNORE)
    hidden_names = shutil.ignore_patterns("*_hidden.*")  # hidden specs and any data only they read

    def grader_ignore(folder: str, names: list[str]) -> set[str]:
        return set(IGNORE(folder, names)) | set(hidden_names(folder, names))

    shutil.copytree(grader, student / "autograder", ignore=grader_ignore)
    for name in ("DATA", "assets"):
        if (root / name).is_dir():
            shutil.copytree(root / name, student / name, ignore=IGNORE)
    for name in ("Makefile", "requirements.txt", ".gitignore"):
        if (root / name).is_file():
            shutil.copy2(root / name, student / name)
    shutil.copy2(TEMPLATES / "README.student.md", student / "README.md")
    (student / ".github" / "workflows").mkdir(parents=True)
    shutil.copy2(TEMPLATES / "grade.yml", student / ".github" / "workflows" / "grade.yml")

    locked = student / LOCKED
    locked.mkdir()
    hidden = hidden_specs(specs)
    bundle = tar_bytes(specs, [h.relative_to(specs) for h in hidden])
    (locked / BUNDLE).write_bytes(encrypt(bundle, _key(keys / BUNDLE_KEY)))
    weeks = solution_weeks(solutions)
    for week in weeks:
        blob = tar_bytes(solutions, _week_files(solutions / week))
        (locked / solution_file(week)).write_bytes(encrypt(blob, _key(keys / f"{week}.key")))
    (keys / "README.txt").write_text(
        f"Keep this folder away from students.\n{BUNDLE_KEY}: the repository secret {BUNDLE_ENV} of the student "
        "repository (CI decrypts the hidden specs with it).\nweekNN.key: publish after the deadline; students run "
        "`make unlock-weekNN KEY=<key>`.\n", encoding="utf-8")

    problems = audit(student, root, keys)
    return {"student": student, "keys": keys, "hidden_specs": len(hidden), "solution_weeks": weeks,
            "problems": problems}


# --------------------------------------------------------------------------- the audit

def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _bodies(source: str, min_nodes: int = MIN_BODY_NODES_WEEKS) -> list[tuple[str, str, str, int]]:
    """(function name, ast dump of its body, its source, its size) for every def of at least ``min_nodes``."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) \
                    and isinstance(body[0].value.value, str):
                body = body[1:]  # the docstring is shared with the stub on purpose
            if not body:
                continue
            size = sum(1 for stmt in body for n in ast.walk(stmt)
                       if not isinstance(n, (ast.expr_context, ast.operator, ast.boolop, ast.cmpop, ast.unaryop)))
            if size < min_nodes:
                continue
            dump = "\n".join(ast.dump(stmt, annotate_fields=False) for stmt in body)
            segment = "\n".join(ast.get_source_segment(source, stmt) or "" for stmt in body)
            found.append((node.name, dump, segment, size))
    return found


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def audit(student: Path, root: Path = paths.ROOT, keys: Path | None = None) -> list[str]:
    """Problems that must stop a release: any solutions/ folder or hidden spec file in ``student``; any
    file equal (byte for byte, or up to white space) to a solution file or a hidden spec; any function
    body of a solution (compared as syntax trees, and as text in non-Python files) found in the tree;
    any key of ``keys`` written in a file of the tree."""
    student, root = Path(student), Path(root)
    problems: list[str] = []
    key_values = {k.read_bytes().strip(): k.name for k in sorted(Path(keys).glob("*.key"))} if keys else {}
    secret_files: dict[str, str] = {}
    secret_text: dict[str, str] = {}
    secret_bodies: dict[str, str] = {}
    body_text: dict[str, str] = {}
    sources = [(p, f"hidden spec {p.relative_to(root).as_posix()}") for p in hidden_specs(root / "autograder" / "specs")]
    if (root / "solutions").is_dir():
        sources += [(p, f"solution file {p.relative_to(root).as_posix()}") for p in sorted((root / "solutions").rglob("*"))
                    if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"]
    for path, label in sources:
        data = path.read_bytes()
        text = data.decode("utf-8", errors="replace")
        if len(_norm(text)) >= 40:  # empty __init__.py files and the like are no secret
            secret_files[_sha(data)] = label
            secret_text[_sha(_norm(text).encode())] = label
        if path.suffix == ".py" and label.startswith("solution"):
            stub = root / "weeks" / path.relative_to(root / "solutions")
            given = {b[1] for b in _bodies(stub.read_text(encoding="utf-8", errors="replace"), 1)} if stub.is_file() else set()
            for name, dump, segment, size in _bodies(text):
                if dump in given:
                    continue  # code the stub hands out on purpose (a helper, a constant table)
                secret_bodies.setdefault(dump, (f"the body of {name}() in {label}", size))
                if size >= MIN_BODY_NODES and len(_norm(segment)) >= 60:
                    body_text.setdefault(_norm(segment), f"the body of {name}() in {label}")

    for p in sorted(student.rglob("*")):
        rel = p.relative_to(student).as_posix()
        if p.is_dir():
            if p.name == "solutions":
                problems.append(f"{rel}/: a solutions folder is in the student tree")
            continue
        if p.stem.endswith("_hidden") and (rel.startswith("autograder/specs/") or p.suffix == ".py"):
            problems.append(f"{rel}: a hidden spec file is in the student tree")
        data = p.read_bytes()
        for value, name in key_values.items():
            if value and value in data:
                problems.append(f"{rel}: holds the key {name}")
        if _sha(data) in secret_files:
            problems.append(f"{rel}: is a copy of {secret_files[_sha(data)]}")
            continue
        if len(data) > 5 * 2**20 or b"\0" in data[:4096]:
            continue  # binary or data files: the hash check above is enough
        text = data.decode("utf-8", errors="replace")
        norm = _norm(text)
        if _sha(norm.encode()) in secret_text:
            problems.append(f"{rel}: is a copy (up to white space) of {secret_text[_sha(norm.encode())]}")
            continue
        if p.suffix == ".py":
            least = MIN_BODY_NODES_WEEKS if rel.startswith("weeks/") else MIN_BODY_NODES
            for name, dump, _, _ in _bodies(text):
                if dump in secret_bodies and secret_bodies[dump][1] >= least:
                    problems.append(f"{rel}: {name}() contains {secret_bodies[dump][0]}")
        else:
            for segment, label in body_text.items():
                if segment in norm:
                    problems.append(f"{rel}: contains {label}")
    return problems


# --------------------------------------------------------------------------- unlocking

def unlock(week: str, key: str, source: Path | None = None, dest: Path | None = None) -> list[Path]:
    """Decrypt a week's solutions from ``source`` (default: locked/) into ``dest``/weekNN (default: solutions/)."""
    week = paths.week_name(week)
    source = Path(source) if source else paths.ROOT / LOCKED
    dest = Path(dest) if dest else paths.SOLUTIONS
    blob_path = source / solution_file(week)
    if not blob_path.exists():
        raise ValueError(f"{blob_path} does not exist: no locked solutions for {week} here")
    blob = decrypt(blob_path.read_bytes(), key, f"the solutions of {week}")
    return untar_bytes(blob, dest, re.compile(rf"{week}/[\w.\-/]+"))


def unlock_specs(key: str, bundle: Path | None = None, specs_root: Path | None = None) -> list[Path]:
    """Decrypt the hidden-spec bundle into the spec folders (CI)."""
    bundle = Path(bundle) if bundle else paths.ROOT / LOCKED / BUNDLE
    if not bundle.exists():
        raise ValueError(f"{bundle} does not exist: no hidden-spec bundle here")
    blob = decrypt(bundle.read_bytes(), key, "the hidden-spec bundle")
    return untar_bytes(blob, Path(specs_root) if specs_root else paths.SPECS,
                       re.compile(r"week\d\d/[\w\-/]*_hidden\.\w+"))


# --------------------------------------------------------------------------- pull requests

WEEK_PATH = re.compile(r"^weeks/(week\d\d)/")


def weeks_touched(files: list[str], specs_root: Path | None = None) -> list[str]:
    """Weeks whose folder weeks/weekNN/ holds one of ``files`` and that have specs."""
    known = set(paths.available_weeks(specs_root or paths.SPECS))
    found = {m.group(1) for f in files if (m := WEEK_PATH.match(f.strip().lstrip("./")))}
    return sorted(w for w in found if w in known)


def changed_files(repo: Path, base: str, head: str) -> list[str]:
    out = subprocess.run(["git", "-C", str(repo), "diff", "--name-only", f"{base}...{head}"],
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise ValueError(f"git diff {base}...{head} failed: {out.stderr.strip()}")
    return out.stdout.splitlines()


# --------------------------------------------------------------------------- commands

def cmd_release(args: argparse.Namespace) -> int:
    summary = build_release(Path(args.out), keys=Path(args.keys) if args.keys else None)
    print(f"student tree: {summary['student']}")
    print(f"hidden specs bundled: {summary['hidden_specs']}; solutions locked: {', '.join(summary['solution_weeks']) or 'none'}")
    print(f"keys (never give these to students): {summary['keys']}")
    if summary["problems"]:
        print("release audit FAILED:", file=sys.stderr)
        for p in summary["problems"]:
            print(f"  {p}", file=sys.stderr)
        return 1
    print("release audit: clean")
    return 0


def cmd_unlock(args: argparse.Namespace) -> int:
    if not args.key:
        raise ValueError("give the week's key: make unlock-weekNN KEY=...")
    written = unlock(args.week, args.key, Path(args.source) if args.source else None,
                     Path(args.to) if args.to else None)
    print(f"unlocked {len(written)} files into {written[0].parent if written else '-'}")
    return 0


def cmd_unlock_specs(args: argparse.Namespace) -> int:
    key = os.environ.get(args.key_env, "")
    if not key:
        print(f"{args.key_env} is not set: only the public specs will run", file=sys.stderr)
        return 0
    written = unlock_specs(key, Path(args.bundle) if args.bundle else None, Path(args.specs) if args.specs else None)
    print(f"hidden specs in place: {len(written)} files")
    return 0


def cmd_ci_weeks(args: argparse.Namespace) -> int:
    if args.files:
        text = sys.stdin.read() if args.files == "-" else Path(args.files).read_text(encoding="utf-8")
        files = text.split()
    elif args.base and args.head:
        files = changed_files(Path(args.repo), args.base, args.head)
    else:
        raise ValueError("give --base REF --head REF, or --files FILE (- for stdin)")
    print(" ".join(weeks_touched(files, Path(args.specs).resolve() if args.specs else None)))
    return 0


def register(sub) -> None:
    r = sub.add_parser("release", help="write the student release and the encrypted artefacts")
    r.add_argument("--out", default="dist", metavar="DIR")
    r.add_argument("--keys", metavar="DIR", help="where the keys live (default: DIR/keys)")
    r.set_defaults(func=cmd_release)

    u = sub.add_parser("unlock", help="decrypt a week's reference solutions into solutions/weekNN")
    u.add_argument("week", metavar="WEEK")
    u.add_argument("--key", required=False, default="", metavar="KEY")
    u.add_argument("--from", dest="source", metavar="DIR", help="folder of the locked files (default: locked/)")
    u.add_argument("--to", metavar="DIR", help="where solutions go (default: solutions/)")
    u.set_defaults(func=cmd_unlock)

    s = sub.add_parser("unlock-specs", help="(CI) decrypt the hidden specs with the key in an environment variable")
    s.add_argument("--key-env", default=BUNDLE_ENV, metavar="NAME")
    s.add_argument("--bundle", metavar="FILE")
    s.add_argument("--specs", help=argparse.SUPPRESS)
    s.set_defaults(func=cmd_unlock_specs)

    c = sub.add_parser("ci-weeks", help="(CI) print the weeks a pull request touches")
    c.add_argument("--base", metavar="REF")
    c.add_argument("--head", metavar="REF")
    c.add_argument("--repo", default=".", metavar="DIR", help="the git checkout to diff in")
    c.add_argument("--files", metavar="FILE", help="a list of changed paths instead (- reads stdin)")
    c.add_argument("--specs", help=argparse.SUPPRESS)
    c.set_defaults(func=cmd_ci_weeks)
