"""Time the similarity report on a synthetic class of a real week, and check it finds the planted copies.

    .venv/bin/python bench/similarity.py [--week week11] [--students 600] [--copies 20] [--partial 5]
                                         [--seed 0] [--keep DIR]

The class is made from the week's reference solutions (and ``tests/alternatives/weekNN`` when present):
each student takes, task by task, one of those implementations and makes it their own: local names
renamed, independent statements reordered, comments and docstrings of their own, and zero to five
idiosyncrasies per task (a guard, a debug print, a temporary before the return, a wrapped or extracted
sub-expression, at places drawn at random). About one student in twenty hands in the stub untouched,
and one in ten hands in a zip. Then copies are planted: ``--copies`` students copy another student's
whole week, and ``--partial`` copy only that student's two longest tasks, each disguised (names and
parameters renamed, constants changed, comments and docstrings rewritten, statements reordered, one
idiosyncrasy of their own per task).

Prints the wall time of the whole command (intake, fingerprints, pairs, pages) and of the comparison
alone, and the precision and recall of the planted pairs. Nothing is ever executed: the code only needs
to parse.

Measured on the 2-core development machine while other work shared it, 600 students, 20 whole-week
and 5 two-task copies, default settings (``--threshold 0.6 --min-shared 16 --common 0.02``):

    week    seed  files  wall (CPU) of the command  comparison  listed  precision  recall (whole / two-task)
    week11  0     1200   3.5 s (2.7 s)              0.32 s      22      1.00       0.88 (20/20, 2/5)
    week11  1     1200   2.8 s (2.6 s)              0.23 s      22      1.00       0.88 (20/20, 2/5)
    week11  2     1200   4.3 s (3.2 s)              0.26 s      23      1.00       0.92 (20/20, 3/5)
    week03  0     3000   7.1 s (6.1 s)              0.27 s      23      1.00       0.92 (20/20, 3/5)
    week13  0     1800   6.9 s (5.5 s)              0.45 s      22      1.00       0.88 (20/20, 2/5)

Most of the time is parsing and fingerprinting (about 2 ms a file) and intake's copies; the comparison
through the inverted index is a fraction of a second. A two-task copy is missed when the two tasks
hold fewer than ``--min-shared`` fingerprints that are not also the class's common code: copying
code most students write alike leaves no evidence, by design.
"""
from __future__ import annotations

import argparse
import ast
import builtins
import copy
import json
import random
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from autograder import paths  # noqa: E402
from autograder.instructor import similarity  # noqa: E402
from autograder.instructor.similarity_report import load_sources, similarity_report  # noqa: E402

WORDS = ("acc", "buf", "cnt", "data", "elem", "item", "val", "tmp", "res", "out", "xs", "ys", "row", "col", "idx",
         "total", "value", "thing", "entry", "part", "piece", "node", "pair", "key", "num", "seq", "arr", "mat")
WRAPPERS = ("float({})", "int({})", "list({})", "abs({})", "({}) * 1", "({}) + 0", "tuple({})", "str({})",
            "sorted({})", "round({})", "max({}, 0)", "min({}, 10 ** 9)")
BUILTIN = set(dir(builtins))


# --------------------------------------------------------------------------- reading the implementations

def functions(path: Path) -> tuple[ast.Module, dict[str, ast.AST]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return tree, {n.name: n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}


def pool(week: str) -> dict[str, tuple[list[ast.AST], list[dict[str, ast.AST]], list[str]]]:
    """Per module: its header (imports, constants, helpers of the solution), the implementations of
    each task (one dict per source) and the stub's task order."""
    out = {}
    for stub in sorted((paths.WEEKS / week).glob("*.py")):
        stub_tree, stub_defs = functions(stub)
        sol_tree, sol = functions(paths.SOLUTIONS / week / stub.name)
        impls = [sol]
        alt = ROOT / "tests" / "alternatives" / week / stub.name
        if alt.is_file():
            alt_defs = functions(alt)[1]
            impls.append({k: v for k, v in alt_defs.items() if k in stub_defs})
        header = [n for n in sol_tree.body
                  if not (isinstance(n, (ast.FunctionDef, ast.ClassDef)) and n.name in stub_defs)
                  and not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
        out[stub.stem] = (header, impls, list(stub_defs))
    return out


# --------------------------------------------------------------------------- making code one's own

def fixed_names(module: ast.Module) -> set[str]:
    names = set(BUILTIN) | {"self", "cls"}
    for n in ast.walk(module):
        if isinstance(n, ast.Import):
            names |= {a.asname or a.name.split(".")[0] for a in n.names}
        elif isinstance(n, ast.ImportFrom):
            names |= {a.asname or a.name for a in n.names}
        elif isinstance(n, (ast.FunctionDef, ast.ClassDef)) and n in module.body:
            names.add(n.name)
        elif isinstance(n, ast.Assign) and n in module.body:
            names |= {t.id for t in ast.walk(n) if isinstance(t, ast.Name)}
    return names


def rename(fn: ast.AST, fixed: set[str], rng: random.Random, params: bool) -> None:
    """Rename the local variables (and the parameters when ``params``) consistently."""
    local = {n.id for n in ast.walk(fn) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    args = {a.arg for a in ast.walk(fn) if isinstance(a, ast.arg)}
    local = (local | (args if params else set())) - fixed
    new = {old: f"{rng.choice(WORDS)}_{rng.randrange(1000)}" for old in local}
    for n in ast.walk(fn):
        if isinstance(n, ast.Name) and n.id in new:
            n.id = new[n.id]
        elif isinstance(n, ast.arg) and n.arg in new:
            n.arg = new[n.arg]


def _names(node: ast.AST, ctx: type) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ctx)}


def reorder(fn: ast.AST, rng: random.Random) -> None:
    """Swap adjacent simple statements that do not depend on each other."""
    for block in [n.body for n in ast.walk(fn) if isinstance(getattr(n, "body", None), list)]:
        for i in range(len(block) - 1):
            a, b = block[i], block[i + 1]
            if not all(isinstance(s, (ast.Assign, ast.AugAssign)) for s in (a, b)) or rng.random() < 0.5:
                continue
            wa, wb = _names(a, ast.Store), _names(b, ast.Store)
            if not (wa & (_names(b, ast.Load) | wb) or wb & _names(a, ast.Load)):
                block[i], block[i + 1] = b, a


def change_constants(fn: ast.AST, rng: random.Random) -> None:
    for n in ast.walk(fn):
        if isinstance(n, ast.Constant) and not isinstance(n.value, bool) and rng.random() < 0.5:
            if isinstance(n.value, int):
                n.value += rng.choice((1, 2, 10))
            elif isinstance(n.value, float):
                n.value = round(n.value * 1.1 + 0.01, 4)
            elif isinstance(n.value, str) and n.value not in (".", "<S>", "<E>"):
                n.value = n.value + rng.choice(("!", " ", "_x"))


def _body_of(fn: ast.AST, rng: random.Random) -> list:
    blocks = [n.body for n in ast.walk(fn) if isinstance(n, (ast.FunctionDef, ast.For, ast.While, ast.If, ast.With))]
    return rng.choice(blocks) if blocks else []


def _locals(fn: ast.AST) -> list[str]:
    return sorted(_names(fn, ast.Store) | {a.arg for a in ast.walk(fn) if isinstance(a, ast.arg)} - {"self"}) or ["x"]


def idiosyncrasy(fn: ast.AST, rng: random.Random) -> None:
    """One habit of the student's own, at a place drawn at random."""
    kind = rng.randrange(5)
    body = _body_of(fn, rng)
    if not body:
        return
    var = rng.choice(_locals(fn))
    if kind == 0:
        stmt = ast.parse(rng.choice([f"assert {var} is not None", f"assert len({var}) >= 0",
                                     f"if {var} is None:\n    raise ValueError('no {var}')"])).body[0]
        body.insert(0, stmt)
    elif kind == 1:
        body.insert(rng.randrange(len(body) + 1), ast.parse(f"print({rng.choice(WORDS)!r}, {var})").body[0])
    elif kind == 2:
        for i, s in enumerate(body):
            if isinstance(s, ast.Return) and s.value is not None:
                tmp = f"{rng.choice(WORDS)}_r"
                body[i:i + 1] = [ast.Assign([ast.Name(tmp, ast.Store())], s.value, lineno=0),
                                 ast.Return(ast.Name(tmp, ast.Load()))]
                break
    else:
        stmts = [s for s in ast.walk(fn) if isinstance(s, (ast.Assign, ast.Return, ast.Expr, ast.AugAssign))
                 and not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
        if not stmts:
            return
        stmt = rng.choice(stmts)
        inside_f = {id(e) for j in ast.walk(stmt) if isinstance(j, ast.JoinedStr) for e in ast.walk(j)}
        exprs = [e for e in ast.walk(stmt) if isinstance(e, ast.expr) and id(e) not in inside_f
                 and not isinstance(e, (ast.Starred, ast.Slice)) and not isinstance(getattr(e, "ctx", None), ast.Store)]
        if not exprs:
            return
        target = rng.choice(exprs)
        try:
            wrapped = ast.parse(rng.choice(WRAPPERS).format(ast.unparse(target)), mode="eval").body
        except SyntaxError:  # a piece that is not an expression on its own (a tuple of slices)
            return
        for parent in ast.walk(stmt):
            for name, value in ast.iter_fields(parent):
                if value is target:
                    setattr(parent, name, wrapped)
                elif isinstance(value, list) and target in value:
                    value[value.index(target)] = wrapped


def comment(source: str, rng: random.Random, rate: float) -> str:
    out = []
    for line in source.splitlines():
        if line.strip() and rng.random() < rate:
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f"{indent}# {rng.choice(WORDS)} {rng.choice(WORDS)} {rng.randrange(100)}")
        out.append(line)
    return "\n".join(out) + "\n"


def docstring(fn: ast.AST, rng: random.Random) -> None:
    if fn.body and isinstance(fn.body[0], ast.Expr) and isinstance(fn.body[0].value, ast.Constant):
        fn.body.pop(0)
    if rng.random() < 0.5:
        fn.body.insert(0, ast.Expr(ast.Constant(f"My {rng.choice(WORDS)} for this task ({rng.randrange(99)}).")))


# --------------------------------------------------------------------------- the class

def own_version(fn: ast.AST, fixed: set[str], rng: random.Random, habits: int, params: bool = False) -> ast.AST:
    fn = copy.deepcopy(fn)
    rename(fn, fixed, rng, params)
    for _ in range(habits):
        idiosyncrasy(fn, rng)
    reorder(fn, rng)
    docstring(fn, rng)
    return fn


def write_module(path: Path, header: list[ast.AST], defs: list[ast.AST], rng: random.Random) -> None:
    tree = ast.Module(body=[ast.Expr(ast.Constant(f"Week work by a student ({rng.randrange(10**6)}).")),
                            *header, *defs], type_ignores=[])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(comment(ast.unparse(ast.fix_missing_locations(tree)), rng, rng.choice((0.0, 0.05, 0.2))))


def make_class(week: str, root: Path, students: int, copies: int, partial: int, seed: int
               ) -> tuple[dict[frozenset[str], bool], int]:
    """Write the class into ``root``; return the planted pairs and the number of files written."""
    rng = random.Random(seed)
    modules = pool(week)
    fixed = {m: fixed_names(ast.parse((paths.SOLUTIONS / week / f"{m}.py").read_text())) for m in modules}
    names = [f"s{i:04d}" for i in range(students)]
    code: dict[str, dict[str, list[ast.AST]]] = {}
    stub_only = set(rng.sample(names, students // 20))
    own_way = set(rng.sample([n for n in names if n not in stub_only], int(students * 0.3)))
    for name in names:
        if name in stub_only:
            continue
        code[name] = {}
        for m, (header, impls, order) in modules.items():
            chosen = []
            for task in order:
                impl = rng.choice([i for i in impls if task in i])[task]
                habits = rng.randint(4, 8) if name in own_way else rng.randint(0, 2)
                chosen.append(own_version(impl, fixed[m], rng, habits))
            code[name][m] = chosen
    sources = rng.sample(sorted(own_way), copies + partial)
    copiers = rng.sample([n for n in code if n not in sources], copies + partial)
    planted: dict[frozenset[str], bool] = {}  # pair -> whole week copied
    for i, (copier, source) in enumerate(zip(copiers, sources)):
        whole = i < copies
        sizes = sorted(((len(ast.unparse(fn)), m, j) for m, fns in code[source].items() for j, fn in enumerate(fns)),
                       reverse=True)
        taken = None if whole else {(m, j) for _, m, j in sizes[:2]}
        for m, fns in code[source].items():
            for j, fn in enumerate(fns):
                if taken is not None and (m, j) not in taken:
                    continue
                disguised = own_version(fn, fixed[m], rng, int(rng.random() < 0.3), params=True)
                change_constants(disguised, rng)
                code[copier][m][j] = disguised
        planted[frozenset((copier, source))] = whole
    files = 0
    for name in names:
        folder = root / name / week
        if name in stub_only:
            folder.mkdir(parents=True)
            for stub in (paths.WEEKS / week).glob("*.py"):
                shutil.copy(stub, folder / stub.name)
                files += 1
        else:
            for m, (header, _, _) in modules.items():
                write_module(folder / f"{m}.py", header, code[name][m], rng)
                files += 1
        if rng.random() < 0.1:
            with zipfile.ZipFile(root / f"{name}.zip", "w") as zf:
                for p in sorted((root / name).rglob("*.py")):
                    zf.write(p, p.relative_to(root / name).as_posix())
            shutil.rmtree(root / name)
    return planted, files


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--week", default="week11")
    ap.add_argument("--students", type=int, default=600)
    ap.add_argument("--copies", type=int, default=20, help="students who copy another's whole week")
    ap.add_argument("--partial", type=int, default=5, help="students who copy another's two longest tasks")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", metavar="DIR", help="write the class and the report here (default: a temporary folder)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="similarity-bench-") as tmp:
        base = Path(args.keep) if args.keep else Path(tmp)
        subs, out = base / "submissions", base / "report"
        subs.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        planted, files = make_class(args.week, subs, args.students, args.copies, args.partial, args.seed)
        (base / "planted.json").write_text(json.dumps([sorted(p) + [w] for p, w in planted.items()]))
        print(f"class: {args.students} students, {files} files of {args.week}, {len(planted)} planted pairs "
              f"({args.copies} whole, {args.partial} partial); made in {time.perf_counter() - t0:.1f} s")
        settings = similarity.Settings()
        t1, c1 = time.perf_counter(), time.process_time()
        report = similarity_report(subs, [args.week], out, settings)
        total, cpu = time.perf_counter() - t1, time.process_time() - c1
        sources, excluded, _ = load_sources(subs, [args.week], settings)
        t2 = time.perf_counter()
        similarity.compare(sources, excluded, settings)
        alone = time.perf_counter() - t2
    found = {frozenset((p.a, p.b)) for p in report.comparison.pairs}
    hits = found & set(planted)
    print(f"similarity: {total:.2f} s wall, {cpu:.2f} s CPU in all (intake, fingerprints, pairs, {report.pages} "
          f"pages); the comparison alone {alone:.2f} s; {report.comparison.candidates} candidate pairs, "
          f"{len(found)} listed")
    for label, kind in (("whole-week copies", True), ("two-task copies", False)):
        want = {p for p, whole in planted.items() if whole is kind}
        if want:
            print(f"{label}: found {len(want & found)} / {len(want)} (recall {len(want & found) / len(want):.2f})")
    print(f"planted pairs: precision {len(hits) / len(found) if found else 1.0:.2f}, recall "
          f"{len(hits) / len(planted) if planted else 1.0:.2f}")
    for p in sorted(tuple(sorted(p)) for p in set(planted) - found):
        print(f"missed: {'-'.join(p)} ({'whole week' if planted[frozenset(p)] else 'two tasks'})")
    for p in [p for p in report.comparison.pairs if frozenset((p.a, p.b)) not in planted][:5]:
        print(f"listed, not planted: {p.a}-{p.b} score {p.score:.2f} shared {p.shared}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
