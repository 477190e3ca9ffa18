"""The pytest plugin of the judge: the process that runs the specs and never runs submission code.

It is loaded with ``-p autograder.plugin`` (never through a conftest), and it:

* declares the markers ``points(n)``, ``hidden`` and ``timeout(seconds)``;
* gives specs the fixtures ``load`` (a proxy to a module of the submission, which lives in a sandboxed
  worker), ``device``, ``data_dir`` and ``credit`` (partial credit);
* seeds ``random``, NumPy and torch before each test on both sides of the boundary, repeats a spec's own
  seeding in the worker, and pins torch to one thread on the CPU;
* gives each spec its deadline (the worker is stopped when it passes) and turns each outcome into a
  plain-words message, streamed as one JSON line per event to the file named by ``--ag-events``.
"""
from __future__ import annotations

import json
import math
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

import pytest

from .boundary import helpers, sandbox
from .boundary.process import RemoteError, SpecError, WorkerGone
from .boundary.proxy import Proxy
from .boundary.session import Submission, SubmissionImportError, WorkerStartError

DEFAULT_TIMEOUT = 60.0
MESSAGE_LIMIT = 1500
OUTPUT_LIMIT = 2000


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
    group.addoption("--ag-workdir", default=None, help="folder for the private copy, scratch and worker output")
    group.addoption("--ag-memory", type=int, default=6144, help="MB of resident memory a worker may use")
    group.addoption("--ag-output", type=int, default=64, help="MB a worker may print or write to one file")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "points(n): points this spec is worth")
    config.addinivalue_line("markers", "hidden: a hidden spec (never reveals expected values)")
    config.addinivalue_line("markers", "timeout(seconds): this spec's own time limit")
    config.stash[EVENTS_KEY] = _Events(config.getoption("--ag-events"))


def pytest_unconfigure(config: pytest.Config) -> None:
    for submission in _state(config)["submissions"].values():
        submission.close()
    events = config.stash.get(EVENTS_KEY, None)
    if events is not None:
        events.close()


EVENTS_KEY = pytest.StashKey["_Events"]()


class _Events:
    """The judge's event stream to the parent (one JSON line per event)."""

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
    config.stash[EVENTS_KEY].write(
        event="collected", specs=[spec_info(i, default_timeout) for i in session.items])


def pytest_collectreport(report: pytest.CollectReport) -> None:
    if report.failed and _CONFIG:
        _CONFIG[0].stash[EVENTS_KEY].write(
            event="collect_error", nodeid=report.nodeid, message=str(report.longrepr)[-MESSAGE_LIMIT:])


# --------------------------------------------------------------------------- the submission

SESSION_KEY = pytest.StashKey[dict]()  # the week's Submission and the spec being run


def _state(config: pytest.Config) -> dict:
    return config.stash.setdefault(SESSION_KEY, {"submissions": {}, "current": None})


def _submission(config: pytest.Config, week: str) -> Submission:
    """The week's submission: a private copy of its .py files and, once a spec loads a module, its worker."""
    subs = _state(config)["submissions"]
    if week not in subs:
        target = config.getoption("--ag-target")
        if not target:
            raise pytest.UsageError("the autograder plugin needs --ag-target")
        workdir = Path(config.getoption("--ag-workdir") or tempfile.mkdtemp(prefix="ag-judge-")) / week
        binds = [_data_dir(config), config._tmp_path_factory.getbasetemp()]  # type: ignore[attr-defined]
        subs[week] = Submission(Path(target).resolve() / week, week, workdir,
                                device=config.getoption("--ag-device"), binds=binds,
                                memory_mb=config.getoption("--ag-memory"), output_mb=config.getoption("--ag-output"))
        for note in subs[week].notes:
            config.stash[EVENTS_KEY].write(event="note", message=note)
        if not subs[week].mode.sandboxed:
            config.stash[EVENTS_KEY].write(event="note", message=sandbox.describe(subs[week].mode))
    return subs[week]


def _week_of(item: pytest.Item) -> str:
    return Path(str(item.fspath)).parent.name


@pytest.fixture
def load(request: pytest.FixtureRequest) -> Callable[[str], Proxy]:
    """``load("neuron")`` gives the submission's ``<weekNN>/neuron.py`` as a proxy to the module in the worker."""
    submission = _submission(request.config, _week_of(request.node))
    return submission.module


def _data_dir(config: pytest.Config) -> Path:
    given = config.getoption("--ag-data")
    return Path(given).resolve() if given else Path(__file__).resolve().parent.parent / "DATA"


@pytest.fixture
def device(request: pytest.FixtureRequest):
    """The torch device under test: cpu, or cuda when the run asked for it."""
    import torch
    return torch.device(request.config.getoption("--ag-device"))


@pytest.fixture
def data_dir(request: pytest.FixtureRequest) -> Path:
    """The course's DATA folder (read it; never write to it)."""
    return _data_dir(request.config)


@pytest.fixture
def credit(request: pytest.FixtureRequest) -> Credit:
    """``credit(0.5, "why")`` awards half of the spec's points, even if a later assert fails."""
    c = Credit()
    request.node._ag_credit = c
    return c


SEED = 0


def _mirror_seeds(config: pytest.Config) -> None:
    """A spec that calls ``torch.manual_seed(n)`` (or NumPy's or random's) seeds the worker too, before its next
    request: the two interpreters draw the same numbers that one interpreter drew before the split."""
    if "numpy" in sys.modules:
        import numpy.random  # noqa: F401 - NumPy loads it lazily; a spec may reach it only later
    for library, module_name, attr in (("torch", "torch", "manual_seed"), ("numpy", "numpy.random", "seed"),
                                       ("random", "random", "seed")):
        module = sys.modules.get(module_name)
        original = getattr(module, attr, None) if module is not None else None
        if original is None or getattr(original, "_ag_mirrored", False):
            continue

        def mirrored(seed=None, *args, _original=original, _library=library, **kwargs):
            current = _state(config)["current"]
            if current is not None and isinstance(seed, int) and not isinstance(seed, bool):
                current.seed(_library, int(seed))
            return _original(seed, *args, **kwargs)

        mirrored._ag_mirrored = True  # type: ignore[attr-defined]
        setattr(module, attr, mirrored)
        if library == "torch":
            sys.modules["torch.random"].manual_seed = mirrored  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _ag_seed(request: pytest.FixtureRequest) -> None:
    """Every spec starts from the same random state, on both sides of the boundary."""
    config = request.config
    _state(config)["current"] = current = _submission(config, _week_of(request.node))
    helpers._ACTIVE[:] = [current]
    _mirror_seeds(config)
    for library in ("random", "numpy", "torch"):
        current.seed(library, SEED)
    random.seed(SEED)
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed(SEED)
    if "torch" in sys.modules:
        torch = sys.modules["torch"]
        torch.manual_seed(SEED)
        if config.getoption("--ag-device") == "cpu":
            torch.set_num_threads(1)


# --------------------------------------------------------------------------- outcomes

def explain(excinfo: pytest.ExceptionInfo[BaseException], hidden: bool) -> str:
    """A failure in plain words. Hidden specs show only the spec's own message, or the submission's own error."""
    exc = excinfo.value
    if isinstance(exc, SubmissionImportError):
        return str(exc)
    if isinstance(exc, (SpecError, WorkerStartError)):
        return f"The grader could not run this spec (not your fault; please tell the course staff): {exc}"
    if isinstance(exc, WorkerGone):
        if exc.status == "timeout":
            return (f"Timed out after {_limit(exc):.0f} s and was stopped. Look for a loop that never ends, "
                    "or make the code faster (vectorise, fewer epochs).")
        return f"This spec's run of your code {exc}"
    if isinstance(exc, RemoteError):
        where = exc.where
        if isinstance(exc, NotImplementedError):
            return f"Not implemented yet{where}: replace the `raise NotImplementedError` with your code."
        if isinstance(exc, RecursionError):
            return f"Recursion without end{where}: the maximum recursion depth was exceeded. Check the base case."
        if isinstance(exc, MemoryError):
            return f"Ran out of memory{where}. Look for an allocation that grows without bound."
        if exc.kind == "WrittenByHand":
            return f"This task asks for your own code: {exc}{where}. Replace the library call with the maths."
        if getattr(exc, "is_exit", False):
            return f"Your code called sys.exit({exc}){where}; a graded function must return instead."
        return f"Your code raised {exc.kind}: {exc}{where}"
    if isinstance(exc, AssertionError):
        text = str(exc)
        own = "" if text.startswith("assert ") else text.partition("\nassert ")[0].strip()
        if hidden:
            return own or "A hidden check failed (its expected values stay hidden)."
        if own:
            return own
        detail = [ln for ln in text.splitlines() if ln.strip() and "where" not in ln][:4]
        return "Check failed: " + " ".join(ln.strip() for ln in detail)
    if isinstance(exc, pytest.skip.Exception):
        return str(exc)
    if hidden:
        return (f"A hidden check could not use what your code returned ({type(exc).__name__}); "
                "check the return types and shapes the docstring asks for.")
    return f"The check could not use what your code returned: {type(exc).__name__}: {exc}"


def _limit(exc: WorkerGone) -> float:
    return getattr(exc, "limit", 0.0) or 0.0


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    outcome = yield
    report = outcome.get_result()
    if report.failed and call.excinfo is not None and not hasattr(item, "_ag_message"):
        hidden = item.get_closest_marker("hidden") is not None
        phase = "" if call.when == "call" else f" (during {call.when})"
        if isinstance(call.excinfo.value, WorkerGone):
            call.excinfo.value.limit = spec_info(item, item.config.getoption("--ag-timeout"))["timeout"]
            item._ag_gone = call.excinfo.value.status  # type: ignore[attr-defined]
        item._ag_message = explain(call.excinfo, hidden) + phase  # type: ignore[attr-defined]
    if report.skipped and call.excinfo is not None:
        item._ag_skip = str(call.excinfo.value)  # type: ignore[attr-defined]
    if report.when == "call" or report.failed:
        item._ag_failed = getattr(item, "_ag_failed", False) or report.failed  # type: ignore[attr-defined]


def pytest_runtest_logstart(nodeid: str, location: Any) -> None:
    _CONFIG[0].stash[EVENTS_KEY].write(event="start", nodeid=nodeid, time=time.time())


_CONFIG: list[pytest.Config] = []  # the one config, for the hooks pytest calls without it; state is in its stash


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    _CONFIG[:] = [session.config]
    weeks = {Path(a.split("::")[0]).name for a in session.config.args}
    if len(weeks) == 1 and next(iter(weeks)).startswith("week"):  # boot the worker while the specs are collected
        _submission(session.config, weeks.pop()).warm_up()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    start = time.time()
    info = spec_info(item, item.config.getoption("--ag-timeout"))
    submission = _submission(item.config, _week_of(item))
    submission.deadline_at = start + info["timeout"]
    submission.take_output()
    try:
        yield
    finally:
        submission.deadline_at = math.inf
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
    if getattr(item, "_ag_gone", None):
        status, fraction = item._ag_gone, 0.0  # type: ignore[attr-defined]
    output = submission.take_output()
    if len(output) > OUTPUT_LIMIT:
        output = output[:OUTPUT_LIMIT] + f"\n... (output cut at {OUTPUT_LIMIT} characters)"
    item.config.stash[EVENTS_KEY].write(
        event="result", nodeid=item.nodeid, status=status, fraction=fraction,
        score=round(info["points"] * fraction, 4), message=message[:MESSAGE_LIMIT],
        output=output, duration=round(time.time() - start, 3))
