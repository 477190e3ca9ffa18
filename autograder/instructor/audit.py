"""The release audit: nothing secret may be in the student tree.

Problems that stop a release: any ``solutions/`` folder or hidden spec file in the tree; any file equal
(byte for byte, or up to white space) to a solution file or a hidden spec; any function body of a
solution (compared as syntax trees, and as text in non-Python files) found in the tree; any key of the
release written in a file of the tree.
"""
from __future__ import annotations

import ast
import hashlib
import re
from pathlib import Path

from .. import paths

# A solution body counts as leaked when a function with the same body (compared as syntax trees, at
# least this many nodes) is in the student tree. Stubs hold no code at all, so in weeks/ even short
# bodies count; specs compute oracles, where one-line idioms such as
# sum(p.numel() for p in model.parameters()) legitimately coincide with a solution.
MIN_BODY_NODES = 16
MIN_BODY_NODES_WEEKS = 8


def hidden_specs(specs_root: Path) -> list[Path]:
    """Every hidden spec file (and data file only hidden specs read): ``*_hidden.*`` under the week folders."""
    return sorted(p for p in Path(specs_root).glob("week[0-9][0-9]/**/*_hidden.*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")


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
    for folder in (root / "solutions", root / "tests" / "alternatives"):  # the alternatives are solutions too
        if folder.is_dir():
            sources += [(p, f"solution file {p.relative_to(root).as_posix()}") for p in sorted(folder.rglob("*"))
                        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"]
    for path, label in sources:
        data = path.read_bytes()
        text = data.decode("utf-8", errors="replace")
        if len(_norm(text)) >= 40:  # empty __init__.py files and the like are no secret
            secret_files[_sha(data)] = label
            secret_text[_sha(_norm(text).encode())] = label
        if path.suffix == ".py" and label.startswith("solution"):
            stub = root / "weeks" / path.parent.name / path.name
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
