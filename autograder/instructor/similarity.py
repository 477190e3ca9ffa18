"""Code similarity between submissions, task by task, on normalised syntax trees. No submission code runs.

A *task* is a top-level function or class of a week's stub module (``weeks/weekNN/*.py``); the rest of
a module's code (helpers, constants, a ``__main__`` block; imports aside) is one more task per module,
``<module>.(other)``. Each task's code is cut into statements (a compound statement counts its header
only, its body brings its own statements). A statement becomes a stream of syntax-tree node types in
which every name the student chose (variables, parameters, their own functions and attributes) is one
placeholder, every constant its kind (number, string, bool), and docstrings, bare strings and
comments are gone. Names the student did not choose stay: builtins, imported modules (``np`` reads as
``numpy``), the stub's own top-level names, library attributes and keyword arguments. The
fingerprints of a statement are the hashes of the k-grams of its stream, with the kinds of its two
enclosing blocks; a statement shorter than k is one fingerprint. Statements are independent, so
renaming, reformatting, new comments, changed constants or reordered statements leave them alike.

A fingerprint does not count for a task when the stub's own version of the task has it (the
signature, the given code) or when more than a fraction of the class has it (the natural way to
write it): see :class:`Settings`. Pairs are found through an inverted index (fingerprint -> the
submissions that have it), so the cost grows with the rare fingerprints two submissions share, not
with the square of the class.
"""
from __future__ import annotations

import ast
import builtins
import math
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

REFERENCE = "reference solutions"  # the name of the solutions when they join the comparison
MAX_SOURCE_BYTES = 512 * 1024  # a .py file larger than this is skipped (every real task file is far smaller)
OTHER = "(other)"  # the task of a module's code outside the stub's tasks

_BLOCKS = ("body", "orelse", "finalbody", "handlers", "cases")
_BUILTINS = frozenset(dir(builtins))


@dataclass(frozen=True)
class Settings:
    """What counts as similar.

    A task *matches* in a pair when the Jaccard index of the two fingerprint sets (after removing the
    stub's and the common ones) is at least ``threshold``. A pair is listed when its matched tasks
    share at least ``min_shared`` fingerprints together (a fingerprint is about one token of code,
    so 16 are about two lines): one short line written alike does not list a pair, a copied week
    or a copied long task does. A fingerprint is common, and ignored, when more than ``common`` of the
    class (and more than ``common_floor`` submissions) have it: how most students write a line is no
    evidence, which also means that in a comparison of a handful of submissions even the most natural
    line counts.
    """
    threshold: float = 0.6
    min_shared: int = 16
    common: float = 0.02
    common_floor: int = 5
    k: int = 5

    def __post_init__(self) -> None:
        if not 0 < self.threshold <= 1 or not 0 < self.common <= 1:
            raise ValueError("the threshold and the common fraction are fractions in (0, 1]")
        if self.min_shared < 1 or self.common_floor < 1 or self.k < 1:
            raise ValueError("min_shared, common_floor and k are at least 1")

    def common_cap(self, class_size: int) -> int:
        """The most submissions a fingerprint may occur in and still count."""
        return max(self.common_floor, math.ceil(self.common * class_size))


# --------------------------------------------------------------------------- tasks of a week

@dataclass(frozen=True)
class Module:
    """One stub module: its tasks and the names it defines at top level."""
    name: str
    tasks: tuple[str, ...]
    names: frozenset[str]  # top-level names of the stub (functions, classes, constants)
    members: frozenset[str]  # every function name and stored attribute in the stub: the contract's


def stub_modules(stub_week: Path) -> dict[str, Module]:
    """The modules of a week's stub folder and their tasks (top-level functions and classes)."""
    out: dict[str, Module] = {}
    for path in sorted(Path(stub_week).glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        tasks = tuple(n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)))
        members = {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
        members |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and not isinstance(n.ctx, ast.Load)}
        out[path.stem] = Module(path.stem, tasks, frozenset(_top_names(tree)), frozenset(members))
    return out


def _top_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    return names


def task_id(week: str, module: str, task: str) -> str:
    return f"{week}/{module}.{task}"


# --------------------------------------------------------------------------- normalised statements

@dataclass
class Part:
    """One task of one source: the lines it spans in its file and its fingerprints, each with the
    lines (first, last) of every place it occurs."""
    task: str
    file: str  # week/module.py
    spans: list[tuple[int, int]] = field(default_factory=list)
    prints: dict[int, list[tuple[int, int]]] = field(default_factory=dict)


_SCALAR_FIELDS = frozenset({"ctx", "type_comment", "id", "attr", "arg", "name", "asname", "module", "level", "kind",
                            "conversion", "is_async", "simple"})
_FIELDS: dict[type, tuple[tuple[str, ...], tuple[str, ...]]] = {}  # node type -> (all child fields, header fields)
_TYPE_IDS: dict[type, int] = {}
_TOKEN_IDS: dict[str, int] = {}
_NUMBERS = (int, float, complex)


def _token_id(token: str) -> int:
    got = _TOKEN_IDS.get(token)
    if got is None:
        got = _TOKEN_IDS[token] = zlib.crc32(token.encode())
    return got


def _fields(cls: type) -> tuple[tuple[str, ...], tuple[str, ...]]:
    got = _FIELDS.get(cls)
    if got is None:
        every = tuple(f for f in reversed(cls._fields) if f not in _SCALAR_FIELDS)  # reversed: for the stack
        got = _FIELDS[cls] = (every, tuple(f for f in every if f not in _BLOCKS))
    return got


def _constant(value: object) -> int:
    if value is None or value is Ellipsis:
        return _token_id(f"C:{value!r}")
    return _token_id("C:num" if isinstance(value, _NUMBERS) and not isinstance(value, bool)
                     else f"C:{type(value).__name__}")


def _is_bare_constant(node: ast.AST) -> bool:
    """A docstring, a bare string used as a comment, or ``...``: no code."""
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)


class _Scan:
    """One module read in a single pass: each statement's raw tokens (node kinds, with names left to
    resolve once the whole module is known) and what decides how names read: imports, attributes the
    module assigns, methods its classes define."""

    def __init__(self) -> None:
        self.imports: dict[str, str] = {}
        self.own: set[str] = set()
        self.statements: list[tuple[int, list, list[int], str]] = []  # (block kinds, raw tokens, lines, task)

    def imported(self, node: ast.Import | ast.ImportFrom) -> None:
        for a in node.names:
            if isinstance(node, ast.Import):
                top = a.name.split(".")[0]
                self.imports[a.asname or top] = a.name if a.asname else top
            else:
                self.imports[a.asname or a.name] = f"{node.module or ''}.{a.name}"

    def block(self, roots: list[ast.AST], task: str) -> None:
        """Every statement under ``roots`` with the kinds of its two enclosing blocks (iteratively: any depth)."""
        stack: list[tuple[tuple[str, ...], ast.AST]] = [((), r) for r in reversed(roots)]
        while stack:
            ctx, node = stack.pop()
            if _is_bare_constant(node):
                continue
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                self.imported(node)
            elif isinstance(node, ast.ClassDef):
                self.own.update(n.name for n in node.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)))
            raw, lines = self.stream(node)
            self.statements.append((_token_id(">".join(ctx)), raw, lines, task))
            inner = ctx[-1:] + (type(node).__name__,)
            for name in _BLOCKS:
                children = getattr(node, name, None)
                if isinstance(children, list):
                    stack.extend((inner, c) for c in reversed(children))

    def stream(self, stmt: ast.AST) -> tuple[list, list[int]]:
        """The statement's own tokens (not those of the blocks it holds) in pre-order, with their lines."""
        raw: list = []
        lines: list[int] = []
        stack: list[tuple[ast.AST, int]] = [(stmt, getattr(stmt, "lineno", 0))]
        pop, push = stack.pop, stack.append
        while stack:
            node, line = pop()
            cls = node.__class__
            if cls is ast.Load or cls is ast.Store or cls is ast.Del:
                continue
            line = getattr(node, "lineno", line)
            lines.append(line)
            if cls is ast.Name:
                raw.append(("N", node.id))
                continue
            if cls is ast.Constant:
                raw.append(_constant(node.value))
                continue
            if cls is ast.Attribute:
                raw.append(("A", node.attr))
                if node.ctx.__class__ is not ast.Load:
                    self.own.add(node.attr)
            elif cls is ast.keyword:
                raw.append(_token_id(f"kw:{node.arg or '**'}"))
            elif cls is ast.alias:
                raw.append(_token_id(f"alias:{node.name}"))
            elif cls is ast.ImportFrom:
                raw.append(_token_id(f"ImportFrom:{node.module or ''}"))
            else:
                tid = _TYPE_IDS.get(cls)
                if tid is None:
                    tid = _TYPE_IDS[cls] = _token_id(cls.__name__)
                raw.append(tid)
            every, header = _fields(cls)
            for name in header if node is stmt else every:
                value = getattr(node, name, None)
                if isinstance(value, list):
                    for v in reversed(value):
                        if isinstance(v, ast.AST):
                            push((v, line))
                elif isinstance(value, ast.AST):
                    push((value, line))
        return raw, lines

    def resolver(self, stub: Module):
        """Raw token -> id: a name the student chose is a placeholder; builtins, imported modules, the
        stub's names, library attributes keep their name."""
        keep = {**{n: n for n in _BUILTINS | stub.names}, **self.imports}
        own = self.own - stub.members
        cache: dict[tuple[str, str], int] = {}
        name_id, attr_id = _token_id("N"), _token_id("A")

        def resolve(token: tuple[str, str]) -> int:
            got = cache.get(token)
            if got is None:
                kind, text = token
                if kind == "N":
                    kept = keep.get(text)
                    got = name_id if kept is None else _token_id(f"N:{kept}")
                else:
                    got = attr_id if text in own else _token_id(f"A:{text}")
                cache[token] = got
            return got
        return resolve


def _first_line(node: ast.AST) -> int:
    decorators = getattr(node, "decorator_list", [])
    return min([node.lineno, *(d.lineno for d in decorators)])


def module_parts(tree: ast.Module, week: str, module: Module, k: int) -> dict[str, Part]:
    """The parts of one parsed module: one per stub task it defines, and its other code (imports aside)."""
    file = f"{week}/{module.name}.py"
    scan = _Scan()
    groups: dict[str, list[ast.AST]] = defaultdict(list)
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            scan.imported(node)
        elif not _is_bare_constant(node):
            defines = isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            groups[node.name if defines and node.name in module.tasks else OTHER].append(node)
    parts: dict[str, Part] = {}
    for task, nodes in groups.items():
        parts[task] = Part(task_id(week, module.name, task), file,
                           spans=[(_first_line(n), n.end_lineno or n.lineno) for n in nodes])
        scan.block(nodes, task)
    resolve = scan.resolver(module)
    for head, raw, lines, task in scan.statements:
        ids = [t if t.__class__ is int else resolve(t) for t in raw]
        prints = parts[task].prints
        if len(ids) <= k:
            prints.setdefault(hash((head, *ids)), []).append((min(lines), max(lines)))
            continue
        for i in range(len(ids) - k + 1):
            window = lines[i:i + k]
            prints.setdefault(hash((head, *ids[i:i + k])), []).append((min(window), max(window)))
    return {p.task: p for p in parts.values() if p.prints}


# --------------------------------------------------------------------------- sources

@dataclass
class Source:
    """One submission (or the reference solutions) as compared: its task parts and its files' lines."""
    name: str
    parts: dict[str, Part] = field(default_factory=dict)
    files: dict[str, list[str]] = field(default_factory=dict)  # week/module.py -> its lines
    skipped: list[str] = field(default_factory=list)  # files left out, and why
    reference: bool = False


def read_text(path: Path) -> str:
    """A source file's text; ``ValueError`` says why it cannot be compared (too large, binary, not UTF-8)."""
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise ValueError(f"larger than {MAX_SOURCE_BYTES // 1024} KB ({size // 1024} KB)")
    data = path.read_bytes()
    if b"\0" in data:
        raise ValueError("a binary file, not Python source")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (byte {exc.start})") from None


def parse(text: str) -> ast.Module:
    """The syntax tree of ``text``; ``ValueError`` when it does not parse."""
    try:
        return ast.parse(text)
    except SyntaxError as exc:
        raise ValueError(f"does not parse (line {exc.lineno}: {exc.msg})") from None
    except (RecursionError, MemoryError):
        raise ValueError("does not parse (too deeply nested or too large)") from None
    except ValueError as exc:  # e.g. a null byte
        raise ValueError(f"does not parse ({exc})") from None


def read_source(name: str, week_dirs: dict[str, Path], stubs: dict[str, dict[str, Module]], k: int,
                reference: bool = False) -> Source:
    """Fingerprint the stub modules a source has in each of its week folders; a file that is too
    large, binary or does not parse is skipped with a note. Nothing is imported or run."""
    src = Source(name, reference=reference)
    for week, folder in sorted(week_dirs.items()):
        for module in stubs.get(week, {}).values():
            path = folder / f"{module.name}.py"
            rel = f"{week}/{module.name}.py"
            if not path.is_file() or path.is_symlink():
                continue
            try:
                text = read_text(path)
                tree = parse(text)
                parts = module_parts(tree, week, module, k)
            except ValueError as exc:
                src.skipped.append(f"{rel}: skipped: {exc}")
                continue
            except (RecursionError, MemoryError):
                src.skipped.append(f"{rel}: skipped: too deeply nested or too large")
                continue
            src.files[rel] = text.splitlines()
            src.parts.update(parts)
    return src


def stub_prints(stub_weeks: dict[str, Path], stubs: dict[str, dict[str, Module]], k: int) -> dict[str, set[int]]:
    """Per task, the fingerprints of the stub's own version (its signature and given code)."""
    stub = read_source("stub", stub_weeks, stubs, k)
    if stub.skipped:
        raise ValueError(f"the stubs cannot be read: {'; '.join(stub.skipped)}")
    return {task: set(part.prints) for task, part in stub.parts.items()}


# --------------------------------------------------------------------------- pairs

@dataclass(frozen=True)
class TaskScore:
    task: str
    score: float  # Jaccard index of the counted fingerprints
    shared: int
    sizes: tuple[int, int]  # counted fingerprints of a and of b
    matched: bool


@dataclass
class Pair:
    a: str
    b: str
    score: float  # over all tasks: shared / union of counted fingerprints
    shared: int  # counted fingerprints shared by the matched tasks
    tasks: list[TaskScore]  # every task with a shared fingerprint: matched first, then by score
    lines: dict[str, tuple[set[int], set[int]]] = field(default_factory=dict)  # per task: shared lines in a, b


@dataclass
class Comparison:
    pairs: list[Pair]  # listed pairs, most similar first
    sources: int
    class_size: int
    common_cap: int
    candidates: int  # pairs that share at least one counted fingerprint


def compare(sources: list[Source], excluded: dict[str, set[int]], settings: Settings) -> Comparison:
    """Every pair of sources that shares enough rare, non-stub code, through an inverted index."""
    class_size = sum(not s.reference for s in sources)
    cap = settings.common_cap(class_size)
    index: dict[str, dict[int, list[int]]] = defaultdict(dict)
    for i, src in enumerate(sources):
        for task, part in src.parts.items():
            postings = index[task]
            skip = excluded.get(task, ())
            for fp in part.prints:
                if fp not in skip:
                    postings.setdefault(fp, []).append(i)
    ignored = {task: {fp for fp, who in postings.items() if len(who) > cap} for task, postings in index.items()}
    sizes = [{task: len(part.prints.keys() - excluded.get(task, set()) - ignored[task])
              for task, part in src.parts.items()} for src in sources]
    shared: dict[tuple[int, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for task, postings in index.items():
        for who in postings.values():
            if 2 <= len(who) <= cap:
                for i, j in combinations(who, 2):
                    shared[i, j][task] += 1
    pairs = []
    for (i, j), by_task in shared.items():
        scores = []
        for task, n in by_task.items():
            size = (sizes[i][task], sizes[j][task])
            jac = n / (size[0] + size[1] - n)
            scores.append(TaskScore(task, jac, n, size, jac >= settings.threshold))
        union = sum(sizes[i].values()) + sum(sizes[j].values()) - sum(by_task.values())
        overall = sum(by_task.values()) / union
        evidence = sum(t.shared for t in scores if t.matched)
        if evidence < settings.min_shared:
            continue
        scores.sort(key=lambda t: (not t.matched, -t.score, t.task))
        pair = Pair(sources[i].name, sources[j].name, overall, evidence, scores)
        for t in scores:
            common = excluded.get(t.task, set()) | ignored[t.task]
            pa, pb = sources[i].parts[t.task], sources[j].parts[t.task]
            both = (pa.prints.keys() & pb.prints.keys()) - common
            pair.lines[t.task] = (_lines(pa, both), _lines(pb, both))
        pairs.append(pair)
    pairs.sort(key=lambda p: (-p.score, -p.shared, p.a, p.b))
    return Comparison(pairs, len(sources), class_size, cap, len(shared))


def _lines(part: Part, prints: set[int]) -> set[int]:
    return {n for fp in prints for first, last in part.prints[fp] for n in range(first, last + 1)}
