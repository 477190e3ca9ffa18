"""One worker process, seen from the judge: start it, talk to it under a deadline, end it.

Every request waits at most until the running spec's deadline; a worker that is late, uses more
memory than allowed, breaks the protocol or dies is killed (its whole sandbox with it), and the
request raises :class:`WorkerGone` with a plain-words reason. Answers are decoded strictly
(``wire.Decoder(trusted=True)``); objects stay in the worker as :class:`~.proxy.Proxy` handles.
"""
from __future__ import annotations

import builtins
import ctypes
import errno
import functools
import types
import os
import resource
import select
import signal
import struct
import subprocess
import threading
import time
import weakref
from pathlib import Path
from typing import Any, Callable

from ..procs import children, death_message, descendants, tree_rss_mb
from . import wire
from .proxy import Proxy

MEMORY_POLL = 0.25  # seconds between looks at the worker's memory


class WorkerGone(Exception):
    """The worker was stopped (or stopped by itself) while the judge waited for it."""

    def __init__(self, status: str, message: str) -> None:
        super().__init__(message)
        self.status = status  # timeout or crashed


class SpecError(Exception):
    """A spec asked the worker for something that cannot work (a fault of the spec, not the submission)."""


class RemoteError(Exception):
    """The submission raised. ``kind`` is its exception's name, ``where`` its deepest line."""

    kind = "Exception"
    where = ""
    is_exit = False
    errno_code: int | None = None


_ERROR_CLASSES: dict[tuple[str, str], type] = {}
_MAPPED = ("NotImplementedError", "ValueError", "TypeError", "IndexError", "KeyError", "LookupError",
           "AttributeError", "ZeroDivisionError", "ArithmeticError", "OverflowError", "RuntimeError",
           "RecursionError", "MemoryError", "ImportError", "ModuleNotFoundError", "FileNotFoundError",
           "OSError", "UnicodeError", "NameError", "UnboundLocalError", "Exception")


def remote_error(err: Any) -> RemoteError:
    """An exception class the judge owns, named like the submission's and deriving from its builtin base
    (so ``pytest.raises(ValueError)`` works), but never from AssertionError: a submission cannot fake a
    spec's own failure message."""
    if not isinstance(err, dict):
        err = {}
    kind = str(err.get("type", "Exception"))[:100]
    bases = [b for b in err.get("bases", []) if isinstance(b, str)]
    base_name = next((b for b in bases if b in _MAPPED), "Exception")
    key = (kind, base_name)
    cls = _ERROR_CLASSES.get(key)
    if cls is None:
        name = kind if kind.isidentifier() else "SubmissionError"
        cls = type(name, (RemoteError, getattr(builtins, base_name)), {})
        _ERROR_CLASSES[key] = cls
    exc = cls(str(err.get("msg", ""))[:2000])
    exc.kind = kind
    exc.where = str(err.get("where", ""))[:300]
    exc.is_exit = "SystemExit" in bases
    exc.errno_code = err.get("errno") if type(err.get("errno")) is int else None
    return exc


def _set_child_subreaper() -> None:
    """Orphans of an unsandboxed worker come back to this process instead of init, so they can be ended."""
    try:
        ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except Exception:
        pass


FILE_CAP_MB = 1024  # no single file a worker writes may grow past this (its output is watched at --output)


def _preexec(output_mb: int) -> Callable[[], None]:
    def apply() -> None:
        os.setsid()
        hard = resource.getrlimit(resource.RLIMIT_FSIZE)[1]
        cap = max(output_mb, FILE_CAP_MB) << 20
        cap = cap if hard == resource.RLIM_INFINITY else min(cap, hard)
        resource.setrlimit(resource.RLIMIT_FSIZE, (cap, cap))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        try:
            ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG: dies with the judge
        except Exception:
            pass
    return apply


class WorkerProcess:
    """One running worker (sandboxed or not), its object handles and its output file."""

    def __init__(self, command: list[str], env: dict[str, str], *, sandboxed: bool, output_path: Path, memory_mb: int,
                 output_mb: int, deadline: Callable[[], float], seeds: Callable[[], dict]) -> None:
        self.sandboxed, self.output_path = sandboxed, output_path
        self.memory_mb, self.output_mb = memory_mb, output_mb
        self.deadline, self.take_seeds = deadline, seeds
        self.proxies: "weakref.WeakValueDictionary[int, Proxy]" = weakref.WeakValueDictionary()
        self.released: list[int] = []
        self.callbacks: dict[int, Callable] = {}
        self.callback_ids: dict[int, int] = {}
        self.callback_error: BaseException | None = None
        self.seq = 0
        self.forbidden: tuple[str, ...] = ()  # callables a spec's by_hand block refuses, and what the worker has
        self.forbidden_applied: tuple[str, ...] = ()
        self.dead: WorkerGone | None = None
        self.kill_reason: tuple[str, str] | None = None
        self.lock = threading.Lock()
        if not sandboxed:
            _set_child_subreaper()
        with open(output_path, "ab") as out:
            self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=out,
                                         preexec_fn=_preexec(output_mb), close_fds=True,
                                         env=env)
        _LIVE_WORKERS.add(self.proc.pid)
        self.rfd, self.wfd = self.proc.stdout.fileno(), self.proc.stdin.fileno()
        os.set_blocking(self.wfd, False)
        self.encoder = wire.Encoder(self._to_wire, opaque=(Proxy,))
        self.types: dict[int, dict] = {}
        self.watch = threading.Thread(target=self._watch_memory, daemon=True)
        self.watch.start()

    # ----------------------------------------------------------------- life
    @property
    def alive(self) -> bool:
        return self.dead is None and self.proc.poll() is None

    def kill(self, status: str = "crashed", message: str = "was stopped.") -> None:
        with self.lock:
            if self.kill_reason is None:
                self.kill_reason = (status, message)
        pids = descendants(self.proc.pid)
        for pid in [self.proc.pid, *pids]:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        if not self.sandboxed:  # orphans of a plain worker were handed to this process (subreaper)
            for pid in children().get(os.getpid(), []):
                if pid not in _LIVE_WORKERS:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except OSError:
                        pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass

    def close(self) -> None:
        _LIVE_WORKERS.discard(self.proc.pid)
        if self.dead is None:
            self.dead = WorkerGone("crashed", "the worker was closed")
        self.kill("crashed", "was closed")
        for fh in (self.proc.stdin, self.proc.stdout):
            try:
                fh.close()
            except OSError:
                pass

    def _watch_memory(self) -> None:
        """Memory of the whole sandbox, and the size of what it printed, four times a second."""
        while self.proc.poll() is None and self.dead is None:
            if tree_rss_mb(self.proc.pid) > self.memory_mb:
                self.kill("crashed", f"used more than {self.memory_mb} MB of memory and was stopped. "
                                     "Look for a list or tensor that grows without bound.")
                return
            try:
                printed = self.output_path.stat().st_size
            except OSError:
                printed = 0
            if printed > self.output_mb << 20:
                self.kill("crashed", f"printed or wrote too much (more than {self.output_mb} MB), so the run was "
                                     "stopped. Remove the print in a loop, or write less.")
                return
            time.sleep(MEMORY_POLL)

    def _gone(self, default_status: str, default_message: str) -> WorkerGone:
        if self.proc.poll() is None:
            self.kill(default_status, default_message)
        status, message = self.kill_reason or (
            "crashed", death_message(self.proc.returncode, self.output_mb, via_bwrap=self.sandboxed))
        self.dead = WorkerGone(status, message)
        _LIVE_WORKERS.discard(self.proc.pid)
        return self.dead

    # ----------------------------------------------------------------- wire
    def _to_wire(self, obj: Any) -> Any:
        if isinstance(obj, Proxy):
            if obj._ag_worker is not self:
                raise TypeError("an object of an earlier worker cannot be passed to this one "
                                "(the worker was restarted after a crash or a timeout)")
            return wire.Handle(obj._ag_id)
        if callable(obj) and _is_spec_callable(obj):
            number = self.callback_ids.get(id(obj))
            if number is None:
                number = len(self.callbacks) + 1
                self.callbacks[number], self.callback_ids[id(obj)] = obj, number
            return wire.callback(number)
        return wire.pickled(obj)

    def _from_wire(self, hid: int, info: Any) -> Proxy:
        if isinstance(info, dict):  # a class met for the first time: keep its description under its number
            tid = info.get("t")
            if type(tid) is not int or tid in self.types or len(self.types) > 100_000:
                raise wire.ProtocolError("a class description without a new number")
            self.types[tid] = {
                "mro": [x for x in info.get("mro", [])[:64]
                        if isinstance(x, list) and len(x) == 2 and all(isinstance(s, str) for s in x)],
                "callable": info.get("callable") is True, "class": info.get("class") is True}
            info = tid
        if type(info) is not int or info not in self.types:
            raise wire.ProtocolError("a handle of an unknown class")
        proxy = self.proxies.get(hid)
        if proxy is None:
            proxy = Proxy(self, hid, self.types[info])
            self.proxies[hid] = proxy
            weakref.finalize(proxy, self.released.append, hid)
        return proxy

    def _send(self, message: dict) -> None:
        self.encoder.generators = []
        data = self.encoder.dumps(message)
        payload = memoryview(struct.pack("<Q", len(data)) + data)
        while payload:
            self._wait(select_write=True)
            try:
                payload = payload[os.write(self.wfd, payload):]
            except BlockingIOError:
                continue
            except (BrokenPipeError, OSError):
                raise self._gone("crashed", "stopped reading") from None

    def _wait(self, select_write: bool = False) -> None:
        while True:
            if self.kill_reason is not None or self.proc.poll() is not None:
                raise self._gone("crashed", "was stopped")
            left = self.deadline() - time.time()
            if left <= 0:
                raise self._gone("timeout", "timed out")
            fds = ([], [self.wfd], []) if select_write else ([self.rfd], [], [])
            ready = select.select(*fds, min(left, 0.2))
            if ready[0] or ready[1]:
                return

    def _read(self, n: int) -> bytes:
        chunks, left = [], n
        while left:
            self._wait()
            chunk = os.read(self.rfd, min(left, 1 << 24))
            if not chunk:
                try:
                    self.proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self.kill("crashed", "closed the grader's channel and was stopped.")
                raise self._gone("crashed", "closed its channel")
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def _receive(self) -> dict:
        size = struct.unpack("<Q", self._read(8))[0]
        if size > wire.MAX_MESSAGE:
            self.kill("crashed", "sent a message larger than the judge accepts and was stopped.")
            raise self._gone("crashed", "")
        decoder = wire.Decoder(self._from_wire, trusted=True)
        try:
            message = decoder.loads(self._read(size))
            if not isinstance(message, dict):
                raise wire.ProtocolError("a message must be a map")
        except wire.ProtocolError as exc:
            self.kill("crashed", f"broke the grader's protocol ({exc}) and was stopped. "
                                 "Do not write to the grader's channel.")
            raise self._gone("crashed", "") from None
        return message

    # ----------------------------------------------------------------- requests
    def request(self, op: str, **fields: Any) -> Any:
        """Ask the worker to do one thing; serve the spec's callbacks meanwhile; return its answer."""
        if self.dead is not None:
            raise WorkerGone(self.dead.status, "the object belongs to a worker that was stopped earlier in this "
                                               "spec: " + str(self.dead))
        self.seq += 1
        rid = self.seq
        message: dict[str, Any] = {"op": op, "re": rid, **fields}
        seeds = self.take_seeds()
        if seeds:
            message["seed"] = seeds
        if self.forbidden_applied != self.forbidden:
            message["forbid"], self.forbidden_applied = list(self.forbidden), self.forbidden
        if self.released:
            message["release"], self.released = self.released[:], []
        self._send(message)
        generators = self.encoder.generators
        while True:
            answer = self._receive()
            if "cb" in answer:
                self._serve_callback(answer)
                continue
            if answer.get("re") != rid:
                self.kill("crashed", "broke the grader's protocol (it answered a question it was not asked) and was stopped. "
                                     "Do not write to the grader's channel.")
                raise self._gone("crashed", "")
            break
        if self.callback_error is not None:
            err, self.callback_error = self.callback_error, None
            raise err
        if "unusable" in answer:
            raise SpecError(f"the spec passed the worker something it cannot rebuild ({answer['unusable']}). "
                            "Objects of classes defined in a spec file cannot cross: build them inside an "
                            "@in_worker helper instead.")
        if "err" in answer:
            exc = remote_error(answer["err"])
            if exc.errno_code == errno.EFBIG:  # a file reached the cap: every later write to it would fail too
                self.kill("crashed", f"printed or wrote too much (a file reached {FILE_CAP_MB} MB), so the run was "
                                     "stopped. Remove the print in a loop, or write less.")
                raise self._gone("crashed", "")
            raise exc
        if answer.get("stop") is True:
            raise StopIteration
        states = answer.get("gens") or []
        if generators and isinstance(states, list) and len(states) == len(generators):
            import torch
            for g, state in zip(generators, states):
                if isinstance(state, bytes) and len(state) == g.get_state().numel():
                    g.set_state(torch.frombuffer(bytearray(state), dtype=torch.uint8))
        return answer.get("ok")

    def _serve_callback(self, msg: dict) -> None:
        fn = self.callbacks.get(msg.get("cb")) if type(msg.get("cb")) is int else None
        seq = msg.get("seq")
        args, kwargs = msg.get("args", []), msg.get("kwargs", {})
        if fn is None or type(seq) is not int or not isinstance(args, list) or not isinstance(kwargs, dict) \
                or not all(isinstance(k, str) for k in kwargs):
            self.kill("crashed", "broke the grader's protocol (it called something the spec never gave it) "
                                     "and was stopped.")
            raise self._gone("crashed", "")
        try:
            value = fn(*args, **kwargs)
        except BaseException as exc:  # the spec's own function failed: the spec will see it
            if self.callback_error is None:
                self.callback_error = exc
            self._send({"cbret": seq, "err": f"{type(exc).__name__} in the spec's function"})
            return
        self._send({"cbret": seq, "ok": value})


_LIVE_WORKERS: set[int] = set()
_LIBRARIES = frozenset({
    "torch", "torchvision", "torchmetrics", "numpy", "scipy", "sklearn", "skimage", "matplotlib", "pandas",
    "PIL", "transformers", "math", "operator", "functools", "builtins", "random", "statistics", "itertools"})


def _is_spec_callable(obj: Any) -> bool:
    """Functions written in a spec (lambdas, closures, hooks, helpers) run on the judge's side when the
    submission calls them. Library callables (``torch.relu``, ``F.mse_loss``, an ``nn.Module`` the spec
    built) are rebuilt in the worker instead."""
    fn = obj.func if isinstance(obj, functools.partial) else obj
    if not isinstance(fn, (types.FunctionType, types.MethodType)):
        return False
    return (getattr(fn, "__module__", None) or "").split(".")[0] not in _LIBRARIES
