"""``python -m autograder mutate WEEK``: mutation testing of a week's specs.

A mutant is the reference solution of a week with one small planted bug, made with Python's ``ast``:
an operator or a constant swapped, a slice or index off by one, a ``zero_grad``/``backward``/``detach``/
mask/scaling dropped, a dimension swapped, a reduction changed, an argument returned instead of the
result. Each mutant is graded through the normal path (``run_week``, default limits, the worker
sandbox): it is *killed* when any spec scores less than on the unchanged reference, *survived*
otherwise. A survivor is a bug the specs let through: evidence of a weak spec, or a mutant that is
equivalent in meaning, which only a person can tell.

Only what can be decided from the syntax is called *equivalent* and left ungraded: a mutant whose
source is unchanged after ``ast.unparse`` normalisation, and one inside a docstring, an
``if __name__ == "__main__":`` block, an ``if False:``/``if TYPE_CHECKING:`` block, or after a
``return``/``raise``/``break``/``continue`` in the same block. Annotations are never mutated. A mutant
of a line the stub in ``weeks/`` hands out as it is (a truth table, a constant, a given helper; not a
signature) is left ungraded too: students do not write that code.

What only a person can tell is written down beside the reference, in ``solutions/weekNN/MUTANTS.md``
(locked with the solutions, never graded): a fenced ``yaml`` block whose ``equivalent:`` entries each
name a module, the line as the mutant changes it (``before`` and ``after``, as ``ast.unparse`` writes
them; ``near``, a line next to it, where the same line occurs twice) and ``why`` it means the same.
Those mutants are reported as *judged equivalent* and not graded.

A mutant is graded on the spec files that can see it: those that name its module, or a module that
imports it, in a string (``load("gates")``), directly or through a helper module of the spec folder.
A spec file that names no module of the week is always run.
"""
from __future__ import annotations

import argparse
import ast
import difflib
import json
import random
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from . import paths

# The classes of mutation, in the order the generator tries them at a node.
KINDS = ("arith", "compare", "bool", "constant", "off-by-one", "drop", "dim", "reduction", "return-arg")

_ARITH = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult}
_COMPARE = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
            ast.NotEq: ast.Eq, ast.Is: ast.IsNot, ast.IsNot: ast.Is, ast.In: ast.NotIn, ast.NotIn: ast.In}
_BOOL = {ast.And: ast.Or, ast.Or: ast.And}
_SYMBOL = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">",
           ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=", ast.Is: "is", ast.IsNot: "is not", ast.In: "in",
           ast.NotIn: "not in", ast.And: "and", ast.Or: "or"}
# a statement that only calls one of these (as a method) is dropped whole
_DROP_STATEMENT = {"zero_grad", "detach", "detach_", "backward", "step", "eval", "train", "masked_fill", "masked_fill_"}
# a call of one of these inside an expression is replaced by the tensor it was called on
_DROP_CALL = {"detach", "masked_fill"}
# methods and functions whose positional int arguments are dimensions (dim=/axis= count everywhere)
_DIM_CALLS = {"sum", "mean", "softmax", "log_softmax", "cat", "stack", "concatenate", "argmax", "argmin", "max",
              "min", "amax", "amin", "std", "var", "cumsum", "cumprod", "prod", "logsumexp", "unsqueeze",
              "squeeze", "flatten", "transpose", "median", "all", "any", "nansum", "nanmean"}
_REDUCTION = {"mean": "sum", "sum": "mean", "nanmean": "nansum", "nansum": "nanmean"}


# ---------------------------------------------------------------------------------------------- walking
@dataclass
class _Visit:
    node: ast.AST
    parent: ast.AST | None
    field: str | None
    pos: int | None  # index in the parent's list field, None for a single child
    func: ast.AST | None  # the nearest enclosing def
    dead: str | None  # why code here never runs, when the syntax says so


def _is_docstring(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)


def _never_runs(test: ast.expr) -> str | None:
    """Why the body of ``if test:`` never runs when the grader imports the module, if the syntax says so."""
    if (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == "__name__"
            and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)
            and isinstance(test.comparators[0], ast.Constant) and test.comparators[0].value == "__main__"):
        return 'in the `if __name__ == "__main__":` block (not run when the module is imported)'
    if isinstance(test, ast.Constant) and not test.value:
        return f"in an `if {test.value!r}:` block (never runs)"
    if (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
            isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"):
        return "in an `if TYPE_CHECKING:` block (never runs)"
    return None


def _walk(tree: ast.AST) -> list[_Visit]:
    """Every node of ``tree`` in a fixed pre-order, annotations left out. Two parses of the same source
    give the same list, so a mutation found on one tree is applied to a fresh one by index."""
    out: list[_Visit] = []

    def visit(node: ast.AST, parent, fld, pos, func, dead) -> None:
        out.append(_Visit(node, parent, fld, pos, func, dead))
        inner = node if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) else func
        for name, value in ast.iter_fields(node):
            if name in ("annotation", "returns", "type_comment"):
                continue
            if isinstance(value, ast.AST):
                visit(value, node, name, None, inner, dead)
            elif isinstance(value, list):
                branch = _never_runs(node.test) if isinstance(node, ast.If) and name == "body" else None
                after_jump = None
                for k, item in enumerate(value):
                    if not isinstance(item, ast.AST):
                        continue
                    why = dead or branch or after_jump
                    if (why is None and k == 0 and name == "body" and _is_docstring(item) and isinstance(
                            node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))):
                        why = "in a docstring"
                    visit(item, node, name, k, inner, why)
                    if isinstance(item, (ast.Return, ast.Raise, ast.Break, ast.Continue)) and after_jump is None:
                        after_jump = "unreachable: after a return, raise, break or continue in the same block"

    visit(tree, None, None, None, None, None)
    return out


def _replace(v: _Visit, new: ast.AST) -> None:
    if v.pos is None:
        setattr(v.parent, v.field, new)
    else:
        getattr(v.parent, v.field)[v.pos] = new


def _remove_statement(v: _Visit) -> None:
    body = getattr(v.parent, v.field)
    del body[v.pos]
    if not body and v.field not in ("orelse", "finalbody"):
        body.append(ast.Pass())


def _callee(call: ast.Call) -> str | None:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None


def _number(node: ast.AST) -> int | float | None:
    """The value of a numeric literal, ``-3`` and ``-0.5`` included; None for anything else."""
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _number(node.operand)
        return None if inner is None else -inner
    return None


def _literal(value: int | float) -> ast.expr:
    return ast.UnaryOp(ast.USub(), ast.Constant(-value)) if value < 0 else ast.Constant(value)


def _is_sqrt(node: ast.AST) -> bool:
    if isinstance(node, ast.Call):
        return _callee(node) == "sqrt"
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow) and _number(node.right) == 0.5


def _is_rsqrt(node: ast.AST) -> bool:
    if isinstance(node, ast.Call):
        return _callee(node) == "rsqrt"
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow) and _number(node.right) == -0.5


def _src(node: ast.AST) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 40 else text[:37] + "..."


# ------------------------------------------------------------------------------------------------ sites
_Edit = Callable[[_Visit], None]


def _sites(visits: list[_Visit]) -> Iterator[tuple[int, str, str, _Edit]]:
    """(index of the node, kind, description, edit) for every mutation of the module; the edit is applied
    to the node at the same index of a fresh parse."""
    handled: set[int] = set()  # numbers already mutated as a dimension, an index or a slice bound
    now: list = []
    last: list = []
    for i, v in enumerate(visits):
        n = v.node
        if isinstance(n, ast.Call):
            handled.update(id(kw.value) for kw in n.keywords
                           if kw.arg in ("dim", "axis") and isinstance(_number(kw.value), int))
            if isinstance(n.func, ast.Attribute) and n.func.attr in _DIM_CALLS:
                handled.update(id(a) for a in n.args if isinstance(_number(a), int))
        if isinstance(n, ast.Subscript):
            parts = n.slice.elts if isinstance(n.slice, ast.Tuple) else [n.slice]
            for p in parts:
                handled.add(id(p))
                if isinstance(p, ast.Slice):
                    handled.update(id(b) for b in (p.lower, p.upper) if b is not None)
        for site in _sites_at(i, v, handled):
            (last if site[1] == "return-arg" else now).append(site)
        yield from now
        now.clear()
    yield from last  # a returned argument that equals a more specific mutant keeps the specific name


def _sites_at(i: int, v: _Visit, handled: set[int]) -> Iterator[tuple[int, str, str, _Edit]]:
    n = v.node
    # operator swaps
    if isinstance(n, (ast.BinOp, ast.AugAssign)) and type(n.op) in _ARITH:
        new = _ARITH[type(n.op)]
        eq = "=" if isinstance(n, ast.AugAssign) else ""
        yield i, "arith", f"`{_SYMBOL[type(n.op)]}{eq}` -> `{_SYMBOL[new]}{eq}`", \
            lambda w, new=new: setattr(w.node, "op", new())
    if isinstance(n, ast.Compare):
        for k, op in enumerate(n.ops):
            if type(op) in _COMPARE:
                new = _COMPARE[type(op)]
                yield i, "compare", f"`{_SYMBOL[type(op)]}` -> `{_SYMBOL[new]}`", \
                    lambda w, k=k, new=new: w.node.ops.__setitem__(k, new())
    if isinstance(n, ast.BoolOp):
        new = _BOOL[type(n.op)]
        yield i, "bool", f"`{_SYMBOL[type(n.op)]}` -> `{_SYMBOL[new]}`", lambda w, new=new: setattr(w.node, "op", new())
    # constants: 0 <-> 1, n -> n + 1, x -> 1.1 x and -x
    value = _number(n)
    if value is not None and id(n) not in handled and not (isinstance(v.parent, ast.UnaryOp)
                                                           and isinstance(v.parent.op, ast.USub)):
        if isinstance(value, int):
            new_values = [1 if value == 0 else 0 if value == 1 else value + 1]
        else:
            new_values = [1.0] if value == 0 else [float(f"{value * 1.1:.12g}"), -value]
        for new in new_values:
            yield i, "constant", f"`{_src(n)}` -> `{new!r}`", lambda w, new=new: _replace(w, _literal(new))
    # off by one: int indices and slice bounds
    if isinstance(n, ast.Subscript):
        parts = n.slice.elts if isinstance(n.slice, ast.Tuple) else [n.slice]
        for k, p in enumerate(parts):
            if isinstance(p, ast.Slice):
                for bound in ("lower", "upper"):
                    b = getattr(p, bound)
                    if b is None:
                        continue
                    for delta in (1, -1):
                        yield i, "off-by-one", f"slice {bound} bound `{_src(b)}` {delta:+d}", \
                            lambda w, k=k, bound=bound, delta=delta: _shift_slice(w.node, k, bound, delta)
            elif isinstance(_number(p), int):
                for delta in (1, -1):
                    yield i, "off-by-one", f"index `{_src(p)}` -> `{_number(p) + delta}`", \
                        lambda w, k=k, delta=delta: _shift_index(w.node, k, delta)
    # dropped statements, calls and scalings
    if isinstance(n, ast.Expr) and isinstance(n.value, ast.Call) and isinstance(n.value.func, ast.Attribute) \
            and n.value.func.attr in _DROP_STATEMENT:
        yield i, "drop", f"drop the statement `{_src(n)}`", _remove_statement
    if isinstance(n, ast.AugAssign) and isinstance(n.op, ast.Div) and _is_sqrt(n.value):
        yield i, "drop", f"drop the scaling `{_src(n)}`", _remove_statement
    if isinstance(n, ast.Call) and _callee(n) in _DROP_CALL and not isinstance(v.parent, ast.Expr):
        if isinstance(n.func, ast.Attribute):
            yield i, "drop", f"drop `.{n.func.attr}(...)`", lambda w: _replace(w, w.node.func.value)
        elif n.args:
            yield i, "drop", f"drop `{_src(n.func)}(...)`", lambda w: _replace(w, w.node.args[0])
    if isinstance(n, ast.BinOp) and ((isinstance(n.op, ast.Div) and _is_sqrt(n.right))
                                     or (isinstance(n.op, ast.Mult) and _is_rsqrt(n.right))):
        yield i, "drop", f"drop the scaling `{_SYMBOL[type(n.op)]} {_src(n.right)}`", lambda w: _replace(w, w.node.left)
    # swapped dimensions and keepdim
    if isinstance(n, ast.Call):
        for k, kw in enumerate(n.keywords):
            d = _number(kw.value)
            if kw.arg in ("dim", "axis") and isinstance(d, int):
                yield i, "dim", f"`{kw.arg}={d}` -> `{kw.arg}={_other_dim(d)}`", \
                    lambda w, k=k, d=d: setattr(w.node.keywords[k], "value", _literal(_other_dim(d)))
            elif kw.arg in ("keepdim", "keepdims") and isinstance(getattr(kw.value, "value", None), bool):
                yield i, "dim", f"`{kw.arg}={kw.value.value}` -> `{kw.arg}={not kw.value.value}`", \
                    lambda w, k=k: setattr(w.node.keywords[k].value, "value", not w.node.keywords[k].value.value)
        if isinstance(n.func, ast.Attribute) and n.func.attr in _DIM_CALLS:
            for k, a in enumerate(n.args):
                d = _number(a)
                if isinstance(d, int):
                    yield i, "dim", f"`{n.func.attr}(... {d} ...)` -> dimension {_other_dim(d)}", \
                        lambda w, k=k, d=d: w.node.args.__setitem__(k, _literal(_other_dim(d)))
    # the wrong reduction
    if isinstance(n, ast.Call):
        if isinstance(n.func, ast.Attribute) and n.func.attr in _REDUCTION:
            new = _REDUCTION[n.func.attr]
            yield i, "reduction", f"`.{n.func.attr}(` -> `.{new}(`", \
                lambda w, new=new: setattr(w.node.func, "attr", new)
        for k, kw in enumerate(n.keywords):
            if kw.arg == "reduction" and isinstance(kw.value, ast.Constant) and kw.value.value in ("mean", "sum"):
                new = "sum" if kw.value.value == "mean" else "mean"
                yield i, "reduction", f"`reduction={kw.value.value!r}` -> `{new!r}`", \
                    lambda w, k=k, new=new: setattr(w.node.keywords[k].value, "value", new)
    # an argument returned instead of the result
    if isinstance(n, ast.Return) and n.value is not None and v.func is not None \
            and not (isinstance(n.value, ast.Constant) and n.value.value is None):
        args = [a.arg for a in (*v.func.args.posonlyargs, *v.func.args.args)]
        if args and args[0] in ("self", "cls"):
            args = args[1:]
        if args:
            yield i, "return-arg", f"return the argument `{args[0]}` instead of `{_src(n.value)}`", \
                lambda w, name=args[0]: setattr(w.node, "value", ast.Name(name, ast.Load()))


def _other_dim(d: int) -> int:
    return {0: 1, 1: 0, -1: 0}.get(d, d - 1 if d > 0 else d + 1)


def _shift(node: ast.expr, delta: int) -> ast.expr:
    value = _number(node)
    if isinstance(value, int):
        return _literal(value + delta)
    return ast.BinOp(node, ast.Add() if delta > 0 else ast.Sub(), ast.Constant(abs(delta)))


def _shift_slice(sub: ast.Subscript, k: int, bound: str, delta: int) -> None:
    part = sub.slice.elts[k] if isinstance(sub.slice, ast.Tuple) else sub.slice
    setattr(part, bound, _shift(getattr(part, bound), delta))


def _shift_index(sub: ast.Subscript, k: int, delta: int) -> None:
    if isinstance(sub.slice, ast.Tuple):
        sub.slice.elts[k] = _shift(sub.slice.elts[k], delta)
    else:
        sub.slice = _shift(sub.slice, delta)


# ---------------------------------------------------------------------------------------------- mutants
@dataclass
class Mutant:
    id: str  # module stem and a number, e.g. gates-017: stable for a given source
    module: str  # file name, e.g. gates.py
    kind: str
    line: int  # in the original file
    description: str
    source: str = field(repr=False)  # the whole mutated module, as ast.unparse writes it
    diff: str = field(repr=False)  # against the reference, both normalised by ast.unparse
    status: str = "not graded"  # killed, survived, equivalent, not graded
    reason: str = ""  # why equivalent, or which specs lost points
    score: float | None = None
    max_score: float | None = None
    duration: float | None = None

    def title(self) -> str:
        return f"{self.module}:{self.line} {self.kind}: {self.description}  [{self.id}]"

    def to_dict(self) -> dict:
        keys = ("id", "module", "kind", "line", "description", "status", "reason", "score", "max_score",
                "duration", "diff")
        return {k: getattr(self, k) for k in keys}


def generate(source: str, module: str) -> list[Mutant]:
    """Every mutant of one module, in a fixed order, each one change away from the reference. Mutants that
    are the same after ``ast.unparse`` as an earlier one are left out; the equivalent ones are marked."""
    original = ast.unparse(ast.parse(source))
    visits = _walk(ast.parse(source))
    stem = module[:-3] if module.endswith(".py") else module
    out: list[Mutant] = []
    seen: set[str] = set()
    for index, kind, description, edit in _sites(visits):
        tree = ast.parse(source)
        target = _walk(tree)[index]
        edit(target)
        ast.fix_missing_locations(tree)
        text = ast.unparse(tree)
        if text in seen and text != original:  # each unparse-equal site is reported, other repeats are not
            continue
        seen.add(text)
        diff = "\n".join(difflib.unified_diff(original.splitlines(), text.splitlines(),
                                              f"a/{module} (ast.unparse)", f"b/{module} (mutant)", n=1, lineterm=""))
        m = Mutant(id=f"{stem}-{len(out) + 1:03d}", module=module, kind=kind,
                   line=getattr(visits[index].node, "lineno", 0), description=description, source=text, diff=diff)
        if text == original:
            m.status, m.reason = "equivalent", "the same source as the reference after ast.unparse"
        elif visits[index].dead:
            m.status, m.reason = "equivalent", visits[index].dead
        out.append(m)
    return out


def week_mutants(folder: Path, modules: list[str] | None = None) -> list[Mutant]:
    """The mutants of every module of a week's folder (or only of ``modules``: ``gates`` or ``gates.py``)."""
    files = sorted(p for p in folder.glob("*.py") if p.is_file())
    if modules:
        wanted = {m if m.endswith(".py") else f"{m}.py" for m in modules}
        missing = sorted(wanted - {p.name for p in files})
        if missing:
            raise ValueError(f"no module {', '.join(missing)} in {folder}")
        files = [p for p in files if p.name in wanted]
    out: list[Mutant] = []
    for path in files:
        out.extend(generate(path.read_text(encoding="utf-8"), path.name))
    return out


def sample(mutants: list[Mutant], n: int | None, seed: int) -> list[Mutant]:
    """At most ``n`` of the mutants that need grading: modules take turns, and within a module the kinds of
    mutation take turns, each list shuffled by ``seed``. The same inputs always give the same sample."""
    rng = random.Random(seed)
    by_module: dict[str, dict[str, list[Mutant]]] = {}
    for m in mutants:
        if m.status != "equivalent":
            by_module.setdefault(m.module, {}).setdefault(m.kind, []).append(m)
    queues = []
    for module in sorted(by_module):
        kinds = [list(by_module[module][k]) for k in sorted(by_module[module])]
        for group in kinds:
            rng.shuffle(group)
        rng.shuffle(kinds)
        queues.append(_interleave(kinds))
    picked = _interleave(queues)
    return picked if n is None else picked[:n]


def _interleave(lists: list[list]) -> list:
    out = []
    for k in range(max((len(x) for x in lists), default=0)):
        out.extend(x[k] for x in lists if k < len(x))
    return out


# ------------------------------------------------------------------------------------ judged equivalent
EQUIVALENTS_FILE = "MUTANTS.md"


def _changed_lines(diff: str) -> tuple[list[str], list[str]]:
    lines = [ln for ln in diff.splitlines() if ln[:3] not in ("+++", "---")]
    return ([ln[1:].strip() for ln in lines if ln.startswith("-")],
            [ln[1:].strip() for ln in lines if ln.startswith("+")])


def load_equivalents(folder: Path) -> list[dict]:
    """The entries of the ``yaml`` blocks of ``folder/MUTANTS.md`` (none when it is absent), each checked."""
    path = folder / EQUIVALENTS_FILE
    if not path.exists():
        return []
    import yaml
    entries: list = []
    for block in re.findall(r"^```ya?ml\n(.*?)^```", path.read_text(encoding="utf-8"), re.S | re.M):
        entries += (yaml.safe_load(block) or {}).get("equivalent") or []
    for e in entries:
        if not isinstance(e, dict) or not {"module", "before", "after", "why"} <= set(e):
            raise ValueError(f"{path}: each entry under equivalent: needs module, before, after and why: {e!r}")
    return entries


def mark_judged(mutants: list[Mutant], entries: list[dict]) -> None:
    """Mark the mutants a person judged equivalent (matched by module and the changed line, not by number)."""
    for m in mutants:
        if m.status == "equivalent":
            continue
        before, after = _changed_lines(m.diff)
        context = [ln[1:].strip() for ln in m.diff.splitlines() if ln.startswith(" ")]
        for e in entries:
            if (e["module"] == m.module and before == [str(e["before"]).strip()]
                    and after == ([str(e["after"]).strip()] if str(e["after"]).strip() else [])
                    and ("near" not in e or str(e["near"]).strip() in context)):
                m.status, m.reason = "equivalent", f"judged equivalent: {e['why']}"
                break


def _code_lines(source: str) -> set[str]:
    """The lines of ``source`` as ``ast.unparse`` writes them, docstrings left out."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and _is_docstring(body[0]):
            node.body = body[1:] or [ast.Pass()]
    return {line.strip() for line in ast.unparse(tree).splitlines()}


def mark_given(mutants: list[Mutant], stubs: Path) -> None:
    """Mark the mutants of code the stub hands out as it is (tables, constants, given helpers): students do not
    write it, so no spec is asked to catch a change there. Signatures are the contract and stay in."""
    lines: dict[str, set[str]] = {}
    for m in mutants:
        if m.status == "equivalent":
            continue
        stub = stubs / m.module
        if m.module not in lines:
            try:
                lines[m.module] = _code_lines(stub.read_text(encoding="utf-8")) if stub.is_file() else set()
            except (OSError, SyntaxError, ValueError):
                lines[m.module] = set()
        before, _ = _changed_lines(m.diff)
        if before and all(b in lines[m.module] and not b.startswith(("def ", "async def ", "class ", "@"))
                          for b in before):
            m.status, m.reason = "equivalent", "in code the stub gives as it is (students do not write it)"


# ------------------------------------------------------------------------------------ which specs see it
def _strings(path: Path) -> set[str]:
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return set()
    return {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def _imports(path: Path) -> set[str]:
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return set()
    out: set[str] = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Import):
            out.update(a.name.split(".")[0] for a in n.names)
        elif isinstance(n, ast.ImportFrom) and n.module and not n.level:
            out.add(n.module.split(".")[0])
        elif isinstance(n, ast.ImportFrom) and n.level:
            out.update(a.name for a in n.names)
            if n.module:
                out.add(n.module.split(".")[0])
    return out


def spec_selection(week_folder: Path, spec_dir: Path, module: str) -> str | None:
    """A pytest ``-k`` expression for the spec files that can see ``module`` (None: run them all)."""
    stems = {p.stem for p in week_folder.glob("*.py")}
    seeing = {module[:-3] if module.endswith(".py") else module}
    changed = True
    while changed:  # the modules of the week that import a module that sees the mutant see it too
        changed = False
        for p in week_folder.glob("*.py"):
            if p.stem not in seeing and _imports(p) & seeing:
                seeing.add(p.stem)
                changed = True
    helpers = {p.stem: _strings(p) for p in spec_dir.glob("*.py") if not p.name.startswith("test_")}
    chosen = []
    tests = sorted(spec_dir.glob("test_*.py"))
    for p in tests:
        names = set(_strings(p))
        for helper in _imports(p) & set(helpers):
            names |= helpers[helper]
        if names & seeing or not names & stems:
            chosen.append(p.stem)
    if len(chosen) == len(tests):
        return None
    return " or ".join(chosen) if chosen else None


# ---------------------------------------------------------------------------------------------- grading
def _grade_copy(week: str, src: Path, specs_root: Path, replace: tuple[str, str] | None = None,
                select: str | None = None):
    """Grade a full copy of ``src`` (one week's folder), laid out like weeks/, with one module replaced."""
    from .runner import Limits, run_week
    with tempfile.TemporaryDirectory(prefix=f"ag-mutant-{week}-") as tmp:
        root = Path(tmp) / "weeks"
        shutil.copytree(src, root / week, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.md"))
        if replace is not None:
            (root / week / replace[0]).write_text(replace[1], encoding="utf-8")
        return run_week(week, root, device="cpu", limits=Limits(), specs_root=specs_root, select=select)


def grade(week: str, src: Path, mutants: list[Mutant], specs_root: Path,
          progress: Callable[[str], None] | None = None):
    """Grade the unchanged reference, then every mutant; sets each mutant's status. Returns the reference's
    WeekResult. A mutant is killed when any spec scores less than it does on the reference."""
    say = progress or (lambda text: None)
    base = _grade_copy(week, src, specs_root)
    say(f"reference: {base.score:g} / {base.max_score:g} in {base.duration:.1f} s")
    if not base.specs:
        raise ValueError(f"the reference of {week} could not be graded: {'; '.join(base.errors) or 'no specs ran'}")
    expected = {s.nodeid: s.score for s in base.specs}
    selections = {module: spec_selection(src, specs_root / week, module) for module in {m.module for m in mutants}}
    for k, m in enumerate(mutants, 1):
        result = _grade_copy(week, src, specs_root, (m.module, m.source), selections[m.module])
        lost = [s for s in result.specs if s.score < expected.get(s.nodeid, s.points) - 1e-9]
        m.score, m.max_score, m.duration = result.score, result.max_score, result.duration
        if lost or not result.specs:
            m.status = "killed"
            m.reason = "; ".join(f"{s.title or s.name} ({s.status}, {s.score:g}/{s.points:g})" for s in lost) \
                or "; ".join(result.errors) or "no spec ran"
        else:
            m.status, m.reason = "survived", ""
        say(f"[{k}/{len(mutants)}] {m.title()}: {m.status} ({result.score:g}/{result.max_score:g}, "
            f"{result.duration:.1f} s)")
    return base


# ----------------------------------------------------------------------------------------------- report
def report(week: str, mutants: list[Mutant], base, seed: int, n: int | None) -> dict:
    graded = [m for m in mutants if m.status in ("killed", "survived")]
    killed = sum(m.status == "killed" for m in graded)
    modules: dict[str, dict[str, int]] = {}
    for m in mutants:
        row = modules.setdefault(m.module, {"candidates": 0, "equivalent": 0, "graded": 0, "killed": 0, "survived": 0})
        row["candidates"] += 1
        if m.status == "equivalent":
            row["equivalent"] += 1
        elif m.status in ("killed", "survived"):
            row["graded"] += 1
            row[m.status] += 1
    return {
        "week": week, "seed": seed, "n": n,
        "reference": None if base is None else {"score": base.score, "max_score": base.max_score,
                                                "duration": base.duration},
        "candidates": len(mutants), "equivalent": sum(m.status == "equivalent" for m in mutants),
        "judged_equivalent": sum(m.reason.startswith("judged equivalent") for m in mutants),
        "graded": len(graded), "killed": killed, "survived": len(graded) - killed,
        "kill_rate": round(killed / len(graded), 4) if graded else None,
        "modules": modules,
        "mutants": [m.to_dict() for m in sorted(mutants, key=lambda m: (m.module, m.line, m.id))],
    }


def print_report(rep: dict, mutants: list[Mutant], out=sys.stdout) -> None:
    ref = rep["reference"]
    scored = f"; the reference scores {ref['score']:g} / {ref['max_score']:g}" if ref else ""
    print(f"mutation testing of {rep['week']} (seed {rep['seed']}): {rep['graded']} mutants graded of "
          f"{rep['candidates']} made, {rep['equivalent']} equivalent ({rep.get('judged_equivalent', 0)} of them "
          f"judged so in MUTANTS.md){scored}", file=out)
    print(f"\n{'module':<24}{'killed':>8}{'survived':>10}{'equivalent':>12}{'not graded':>12}", file=out)
    for module, row in rep["modules"].items():
        rest = row["candidates"] - row["equivalent"] - row["graded"]
        print(f"{module:<24}{row['killed']:>8}{row['survived']:>10}{row['equivalent']:>12}{rest:>12}", file=out)
    survivors = sorted((m for m in mutants if m.status == "survived"), key=lambda m: (m.module, m.line, m.id))
    if survivors:
        print("\nsurvivors (a bug no spec caught, or a mutant equivalent in meaning):", file=out)
        for m in survivors:
            print(f"  {m.title()}", file=out)
            print("    " + m.diff.replace("\n", "\n    "), file=out)
    rate = rep["kill_rate"]
    if rate is None:
        print(f"\nkill rate {rep['week']}: no mutant graded", file=out)
    else:
        print(f"\nkill rate {rep['week']}: {rep['killed']} / {rep['graded']} = {100 * rate:.1f} % of the "
              "non-equivalent mutants graded", file=out)


# ---------------------------------------------------------------------------------------------- command
def cmd_mutate(args: argparse.Namespace) -> int:
    from .options import parse_weeks, sandbox_allowed
    specs_root = Path(args.specs).resolve() if args.specs else paths.SPECS
    weeks = parse_weeks([args.week], specs_root)
    if len(weeks) != 1:
        raise ValueError("mutate takes one week")
    week = weeks[0]
    src = (Path(args.solutions).resolve() if args.solutions else paths.SOLUTIONS) / week
    if not src.is_dir():
        raise ValueError(f"no reference solutions at {src}")
    if args.n is not None and args.n < 0:
        raise ValueError("--n must be 0 or more")
    mutants = week_mutants(src, args.modules)
    mark_judged(mutants, load_equivalents(src))
    mark_given(mutants, (Path(args.stubs).resolve() if args.stubs else paths.WEEKS) / week)
    if args.ids:
        wanted = {i.strip() for part in args.ids for i in part.split(",") if i.strip()}
        unknown = sorted(wanted - {m.id for m in mutants})
        if unknown:
            raise ValueError(f"no mutant {', '.join(unknown)} of {week} (ids are like gates-017; see --json)")
        chosen = [m for m in mutants if m.id in wanted and m.status != "equivalent"]
    else:
        chosen = sample(mutants, args.n, args.seed)
    if chosen and not sandbox_allowed(False, False):
        return 2
    print(f"{week}: {len(mutants)} mutants made, {sum(m.status == 'equivalent' for m in mutants)} equivalent, "
          f"grading {len(chosen)} ...", file=sys.stderr, flush=True)
    start = time.time()
    base = grade(week, src, chosen, specs_root, progress=lambda t: print(t, file=sys.stderr, flush=True)) \
        if chosen else None
    rep = report(week, mutants, base, args.seed, args.n)
    rep["duration"] = round(time.time() - start, 1)
    print_report(rep, mutants)
    if args.json:
        Path(args.json).write_text(json.dumps(rep, indent=2), encoding="utf-8")
    return 0


def register(sub) -> None:
    p = sub.add_parser(
        "mutate", help="mutation testing: plant bugs in a week's reference solutions and see which the specs catch",
        description="Make mutants of the reference solutions of WEEK (one planted bug each: operator, constant, "
                    "off-by-one, dropped zero_grad/backward/detach/mask/scaling, swapped dimension, wrong reduction, "
                    "an argument returned), grade each through the normal path (sandboxed worker, default limits), "
                    "and print per module the mutants killed (a spec lost a point), survived (with their diff) and "
                    "equivalent (decided from the syntax only, not graded), and the kill rate.")
    p.add_argument("week", metavar="WEEK", help="week02, 02 or 2")
    p.add_argument("--n", type=int, default=None, metavar="N",
                   help="grade at most N mutants, sampled evenly across modules (default: all of them)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="seed of the sample (default 0)")
    p.add_argument("--json", metavar="FILE", help="write the full report (every mutant, its status and diff)")
    p.add_argument("--modules", nargs="+", metavar="M", help="mutate only these modules (gates or gates.py)")
    p.add_argument("--ids", nargs="+", metavar="ID",
                   help="grade only these mutants (e.g. the survivors of an earlier run, after a spec was fixed); "
                        "ids are stable while the reference is unchanged")
    p.add_argument("--specs", help=argparse.SUPPRESS)  # another spec root, for the grader's own tests
    p.add_argument("--solutions", help=argparse.SUPPRESS)  # a folder laid out like solutions/
    p.add_argument("--stubs", help=argparse.SUPPRESS)  # a folder laid out like weeks/ (the given code)
    p.set_defaults(func=cmd_mutate)
