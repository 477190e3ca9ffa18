"""The pytest plugin that runs inside the grading child process.

It is loaded with ``-p autograder.plugin`` (never through a conftest), and it:

* declares the markers ``points(n)``, ``hidden`` and ``timeout(seconds)``;
* gives specs the fixtures ``load`` (import a module of the submission by path),
  ``device``, ``data_dir`` and ``credit`` (partial credit);
* seeds ``random``, NumPy and torch before each test and pins torch to one thread on the CPU;
* turns each test's outcome into a plain-words message and streams one JSON line per event
  to the file named by ``--ag-events``, so that the parent keeps every finished result
  even if this process is killed later.
"""
from __future__ import annotations

import errno
import importlib.util
import json
import os
import random
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

import pytest

DEFAULT_TIMEOUT = 60.0
MESSAGE_LIMIT = 1500
OUTPUT_LIMIT = 2000


class SubmissionImportError(Exception):
    """The submitted module could not be imported."""


class Credit:
    """Partial credit for the running test: a fraction of its points, kept even if it fails later."""

    def __init__(self) -> None:
        self.fraction: float | None = None
        self.notes: list[str] = []

    def __call__(self, fraction: float, note: str = "") -> None:
        if not 0.0 <= fraction <= 1.0:
            raise ValueError(f"credit fraction must lie in [0, 1], got {fraction}")
        self.fraction = fraction
        if note:
            self.notes.append(note)


# --------------------------------------------------------------------------- options and markers

def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("autograder")
    group.addoption("--ag-target", default=None, help="root folder laid out like weeks/")
    group.addoption("--ag-device", default="cpu", help="cpu or cuda")
    group.addoption("--ag-events", default=None, help="file to append JSON-lines events to")
    group.addoption("--ag-timeout", type=float, default=DEFAULT_TIMEOUT,
                    help="per-test limit for specs without a timeout marker")
    group.addoption("--ag-skip", default=None, help="file listing node ids not to run again")
    group.addoption("--ag-data", default=None, help="the DATA folder")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "points(n): points this spec is worth")
    config.addinivalue_line("markers", "hidden: a hidden spec (never reveals expected values)")
    config.addinivalue_line("markers", "timeout(seconds): this spec's own time limit")
    os.environ.setdefault("MPLBACKEND", "Agg")
    config._ag_events = _Events(config.getoption("--ag-events"))  # type: ignore[attr-defined]
    _STATE["cpu"] = config.getoption("--ag-device") == "cpu"


def pytest_unconfigure(config: pytest.Config) -> None:
    events = getattr(config, "_ag_events", None)
    if events is not None:
        events.close()


class _Events:
    def __init__(self, path: str | None) -> None:
        self.fh = open(path, "a", encoding="utf-8") if path else None

    def write(self, **event: Any) -> None:
        if self.fh is not None:
            self.fh.write(json.dumps(event) + "\n")
            self.fh.flush()

    def close(self) -> None:
        if self.fh is not None:
            self.fh.close()
            self.fh = None


# --------------------------------------------------------------------------- collection

def spec_info(item: pytest.Item, default_timeout: float) -> dict[str, Any]:
    """What the parent needs to know of a spec before it runs."""
    points = item.get_closest_marker("points")
    timeout = item.get_closest_marker("timeout")
    doc = (getattr(item, "obj", None).__doc__ or "").strip().splitlines() if hasattr(item, "obj") else []
    return {
        "nodeid": item.nodeid,
        "name": item.name,
        "title": doc[0].strip() if doc else item.name.replace("_", " "),
        "task": task_of(item),
        "points": float(points.args[0]) if points and points.args else 1.0,
        "hidden": item.get_closest_marker("hidden") is not None,
        "timeout": float(timeout.args[0]) if timeout and timeout.args else default_timeout,
    }


def task_of(item: pytest.Item) -> str:
    """Specs are grouped into tasks by file: test_neuron.py and test_neuron_hidden.py are task 'neuron'."""
    stem = Path(str(item.fspath)).stem
    stem = stem[len("test_"):] if stem.startswith("test_") else stem
    return stem[: -len("_hidden")] if stem.endswith("_hidden") else stem


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip_file = config.getoption("--ag-skip")
    if skip_file and os.path.exists(skip_file):
        skip = set(Path(skip_file).read_text(encoding="utf-8").split("\n"))
        deselected = [i for i in items if i.nodeid in skip]
        items[:] = [i for i in items if i.nodeid not in skip]
        config.hook.pytest_deselected(items=deselected)


def pytest_collection_finish(session: pytest.Session) -> None:
    config = session.config
    default_timeout = config.getoption("--ag-timeout")
    config._ag_events.write(  # type: ignore[attr-defined]
        event="collected", specs=[spec_info(i, default_timeout) for i in session.items])


def pytest_collectreport(report: pytest.CollectReport) -> None:
    if report.failed and _CONFIG:
        _CONFIG[0]._ag_events.write(  # type: ignore[attr-defined]
            event="collect_error", nodeid=report.nodeid, message=str(report.longrepr)[-MESSAGE_LIMIT:])


# --------------------------------------------------------------------------- fixtures

_MODULE_CACHE: dict[Path, ModuleType | SubmissionImportError] = {}


def _target_root(config: pytest.Config) -> Path:
    target = config.getoption("--ag-target")
    if not target:
        raise pytest.UsageError("the autograder plugin needs --ag-target")
    return Path(target).resolve()


def import_submission(path: Path) -> ModuleType:
    """Import one file of a submission by path, once per run; failures are cached too."""
    path = path.resolve()
    cached = _MODULE_CACHE.get(path)
    if isinstance(cached, ModuleType):
        return cached
    if isinstance(cached, SubmissionImportError):
        raise cached
    week_dir = str(path.parent)
    if week_dir not in sys.path:  # so that a module may import its siblings (last: it never shadows a library)
        sys.path.append(week_dir)
    rel = f"{path.parent.name}/{path.name}"
    already = sys.modules.get(path.stem)  # imported by a sibling module first: keep that one object
    if already is not None and getattr(already, "__file__", None) and Path(already.__file__).resolve() == path:
        _MODULE_CACHE[path] = already
        return already
    try:
        if not path.exists():
            raise SubmissionImportError(f"{rel} is missing: the file should be at {path}")
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[path.stem] = module
        spec.loader.exec_module(module)
    except SubmissionImportError as exc:
        _MODULE_CACHE[path] = exc
        raise
    except BaseException as exc:  # SyntaxError, ImportError, SystemExit at import time, ...
        sys.modules.pop(path.stem, None)
        where = "" if isinstance(exc, SyntaxError) else (_student_frame(exc, path.parent) or "")
        err = SubmissionImportError(
            f"{rel} could not be imported: {type(exc).__name__}: {exc}{where}. "
            "Every test of this file scores 0 until it imports; run `python " + rel + "` to see the error.")
        _MODULE_CACHE[path] = err
        raise err from None
    _MODULE_CACHE[path] = module
    return module


@pytest.fixture
def load(request: pytest.FixtureRequest) -> Callable[[str], ModuleType]:
    """``load("neuron")`` imports ``<target>/<weekNN>/neuron.py``, the week taken from the spec's folder."""
    week = Path(str(request.node.fspath)).parent.name
    root = _target_root(request.config)

    def _load(name: str) -> ModuleType:
        module = import_submission(root / week / f"{name}.py")
        _seed_imported()  # a submission that brought torch in gets the same seed a spec importing torch gets
        return module

    return _load


@pytest.fixture
def device(request: pytest.FixtureRequest):
    """The torch device under test: cpu, or cuda when the run asked for it."""
    import torch
    return torch.device(request.config.getoption("--ag-device"))


@pytest.fixture
def data_dir(request: pytest.FixtureRequest) -> Path:
    """The course's DATA folder (read it; never write to it)."""
    given = request.config.getoption("--ag-data")
    return Path(given) if given else Path(__file__).resolve().parent.parent / "DATA"


@pytest.fixture
def credit(request: pytest.FixtureRequest) -> Credit:
    """``credit(0.5, "why")`` awards half of the spec's points, even if a later assert fails."""
    c = Credit()
    request.node._ag_credit = c
    return c


_STATE: dict[str, bool] = {"cpu": True}
_SEEDED: set[str] = set()


def _seed_imported() -> None:
    """Seed NumPy and torch if they are imported and not yet seeded in this spec (never import them just for this).

    Called before each spec and again after ``load``, so a submission that brings torch in itself gets the
    same seed as a spec that imports torch at the top."""
    numpy = sys.modules.get("numpy")
    if numpy is not None and "numpy" not in _SEEDED:
        numpy.random.seed(0)
        _SEEDED.add("numpy")
    torch = sys.modules.get("torch")
    if torch is not None and "torch" not in _SEEDED:
        torch.manual_seed(0)
        if _STATE["cpu"]:
            torch.set_num_threads(1)
        _SEEDED.add("torch")


@pytest.fixture(autouse=True)
def _ag_seed() -> None:
    """Every spec starts from the same random state."""
    random.seed(0)
    _SEEDED.clear()
    _seed_imported()


# --------------------------------------------------------------------------- outcomes

def _student_frame(exc: BaseException, student_dir: Path | None = None) -> str | None:
    """' (week01/bmi.py, line 12, in bmi)' for the deepest frame in a submission file."""
    if isinstance(exc, SyntaxError) and exc.filename:
        return f" ({Path(exc.filename).parent.name}/{Path(exc.filename).name}, line {exc.lineno})"
    grader = Path(__file__).resolve().parent
    found = None
    tb = exc.__traceback__
    while tb is not None:
        p = Path(tb.tb_frame.f_code.co_filename)
        if student_dir is not None:
            if p.parent == student_dir.resolve():
                found = tb
        elif p.name.endswith(".py") and _is_submission_file(p, grader):
            found = tb
        tb = tb.tb_next
    if found is None:
        return None
    p = Path(found.tb_frame.f_code.co_filename)
    name = getattr(found.tb_frame.f_code, "co_qualname", found.tb_frame.f_code.co_name)
    return f" ({p.parent.name}/{p.name}, line {found.tb_lineno}, in {name})"


def _is_submission_file(p: Path, grader_dir: Path) -> bool:
    """A file of the submission: it sits in a folder a submission module was loaded from."""
    try:
        p.resolve().relative_to(grader_dir)
        return False
    except ValueError:
        pass
    return p.resolve().parent in {k.parent for k in _MODULE_CACHE}


def explain(excinfo: pytest.ExceptionInfo[BaseException], hidden: bool) -> str:
    """A failure in plain words. Hidden specs show only the spec's own message."""
    exc = excinfo.value
    if isinstance(exc, SubmissionImportError):
        return str(exc)
    where = _student_frame(exc) or ""
    if isinstance(exc, NotImplementedError):
        return f"Not implemented yet{where}: replace the `raise NotImplementedError` with your code."
    if isinstance(exc, AssertionError):
        text = str(exc)
        own = "" if text.startswith("assert ") else text.partition("\nassert ")[0].strip()
        if hidden:
            return own or "A hidden check failed (its expected values stay hidden)."
        if own:
            return own
        detail = [ln for ln in text.splitlines() if ln.strip() and "where" not in ln][:4]
        return "Check failed: " + " ".join(ln.strip() for ln in detail)
    if isinstance(exc, OSError) and exc.errno == errno.EFBIG:
        return ("Printed or wrote too much: the run's output limit was reached"
                f"{where}. Remove the print in a loop, or write less.")
    if isinstance(exc, MemoryError):
        return f"Ran out of memory{where}: the run's memory limit was reached. Look for an allocation that grows without bound."
    if isinstance(exc, RecursionError):
        return f"Recursion without end{where}: the maximum recursion depth was exceeded. Check the base case."
    if isinstance(exc, SystemExit):
        return f"Your code called sys.exit({exc.code}){where}; a graded function must return instead."
    if isinstance(exc, pytest.skip.Exception):
        return str(exc)
    return f"Your code raised {type(exc).__name__}: {exc}{where}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    outcome = yield
    report = outcome.get_result()
    if report.failed and call.excinfo is not None and not hasattr(item, "_ag_message"):
        hidden = item.get_closest_marker("hidden") is not None
        phase = "" if call.when == "call" else f" (during {call.when})"
        item._ag_message = explain(call.excinfo, hidden) + phase  # type: ignore[attr-defined]
    if report.skipped and call.excinfo is not None:
        item._ag_skip = str(call.excinfo.value)  # type: ignore[attr-defined]
    if report.when == "call" or report.failed:
        item._ag_failed = getattr(item, "_ag_failed", False) or report.failed  # type: ignore[attr-defined]
    for name, content in report.sections:
        if "stdout" in name or "stderr" in name:
            item._ag_output = (getattr(item, "_ag_output", "") + content)[:OUTPUT_LIMIT * 4]  # type: ignore[attr-defined]


def pytest_runtest_logstart(nodeid: str, location: Any) -> None:
    _CONFIG[0]._ag_events.write(event="start", nodeid=nodeid, time=time.time())


_CONFIG: list[pytest.Config] = []


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    _CONFIG[:] = [session.config]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    start = time.time()
    yield
    info = spec_info(item, item.config.getoption("--ag-timeout"))
    credit: Credit | None = getattr(item, "_ag_credit", None)
    failed = getattr(item, "_ag_failed", False)
    skipped = getattr(item, "_ag_skip", None)
    if skipped is not None and not failed:
        status, fraction, message = "skipped", 0.0, f"Not graded here: {skipped}"
    elif failed:
        status = "failed"
        fraction = credit.fraction if credit and credit.fraction is not None else 0.0
        message = getattr(item, "_ag_message", "failed")
    else:
        status = "passed"
        fraction = credit.fraction if credit and credit.fraction is not None else 1.0
        message = ""
    if credit and credit.notes and fraction < 1.0:
        message = (message + " " if message else "") + " ".join(credit.notes)
    if (status == "passed" and fraction < 1.0) or (status == "failed" and fraction > 0.0):
        status = "partial"
    output = getattr(item, "_ag_output", "")
    if len(output) > OUTPUT_LIMIT:
        output = output[:OUTPUT_LIMIT] + f"\n... (output cut at {OUTPUT_LIMIT} characters)"
    item.config._ag_events.write(  # type: ignore[attr-defined]
        event="result", nodeid=item.nodeid, status=status, fraction=fraction,
        score=round(info["points"] * fraction, 4), message=message[:MESSAGE_LIMIT],
        output=output, duration=round(time.time() - start, 3))
