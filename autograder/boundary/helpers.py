"""``@in_worker``: a spec's own small function that must act on a submission's objects where they live.

Use it when a spec has to drive a model's internals: build an optimizer over its parameters, run a
training step, call ``backward`` and read the gradients, register a hook on a submodule. The
function's source is sent into the worker and run there with the worker's own objects; it must
import what it needs and return data (tensors, arrays, numbers, lists, dicts). Judge what it
returns in the spec, never inside the helper: the helper runs next to the submission, which may
have changed anything in that interpreter.
"""
from __future__ import annotations

import functools
import inspect
import textwrap
from contextlib import contextmanager
from typing import Any, Callable, Iterator

_ACTIVE: list[Any] = []  # the Submission of the spec being run (set by the plugin)


def active():
    if not _ACTIVE:
        raise RuntimeError("no submission is being graded: in_worker helpers run only inside a graded spec")
    return _ACTIVE[0]


def in_worker(fn: Callable) -> Callable:
    """Run ``fn`` in the worker. ``fn`` is self-contained: no globals of the spec file, imports inside."""
    lines = textwrap.dedent(inspect.getsource(fn)).splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith(("def ", "async def ")))
    source = "\n".join(lines[start:]) + "\n"
    name = fn.__name__

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        return active().helper(source, name, args, kwargs)

    run.in_worker_source = source  # type: ignore[attr-defined]
    return run


@contextmanager
def by_hand(*names: str) -> Iterator[None]:
    """While the block lasts, the named library callables raise in the worker (``"torchvision.ops.nms"``):
    in their modules and wherever the submission bound them (``from torchvision.ops import nms``). Use it
    around the calls of a task whose README says "by hand"; the spec's own oracles are not affected."""
    session = active()
    session.forbidden = tuple(names)
    try:
        yield
    finally:
        session.forbidden = ()
