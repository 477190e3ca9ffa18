"""The worker: runs inside the sandbox, imports the submission and does what the judge asks.

It is started as ``python -I worker.py SUBMISSION_DIR`` with ``wire.py`` beside it and nothing
else of the grader. It reads framed requests on its standard input, answers on its standard
output, and sends the submission's own prints to standard error (a file the judge reads). It
holds every object the judge has a handle to in a table; it never judges anything.

This process runs untrusted code. Nothing here is relied upon by the judge: a submission may
rewrite all of it, and can then only send the judge malformed or wrong data, which the judge
treats as a broken protocol or a wrong answer.
"""
from __future__ import annotations

import builtins
import importlib
import importlib.util
import operator
import os
import random
import struct
import sys
import traceback
from pathlib import Path
from typing import Any, Iterator

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # wire.py; -I leaves the script's folder out
import msgpack  # noqa: E402
import wire  # noqa: E402

OPS = {name: getattr(operator, name) for name in (
    "add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul", "neg", "pos", "abs", "invert",
    "lt", "le", "gt", "ge", "eq", "ne", "getitem", "setitem", "delitem", "contains", "and_", "or_", "xor",
    "lshift", "rshift", "index", "iadd", "isub", "imul", "itruediv", "ipow", "imatmul")}
OPS.update({name: getattr(builtins, name) for name in (
    "len", "iter", "next", "repr", "str", "bool", "float", "int", "complex", "hash", "dir", "round",
    "isinstance", "issubclass", "hasattr", "format", "reversed", "divmod", "callable")})


class Worker:
    def __init__(self, sub_dir: Path, fd_in: int, fd_out: int) -> None:
        self.sub_dir, self.fd_in, self.fd_out = sub_dir, fd_in, fd_out
        self.objects: dict[int, Any] = {}
        self.ids: dict[int, int] = {}  # id(obj) -> handle number, so one object keeps one handle
        self.next_id = 1
        self.type_ids: dict[type, int] = {}  # each class is described to the judge once
        self.types_kept: list[type] = []
        self.seeds: dict[str, int] = {}
        self.seeded: set[str] = set()
        self.callback_seq = 0
        self.forbidden: list[tuple[Any, Any, Any]] = []
        self.encoder = wire.Encoder(self.to_handle)

    # ------------------------------------------------------------------ framing
    def send(self, message: dict) -> None:
        self.encoder.generators = []
        try:
            data = self.encoder.dumps(message)
        except Exception as exc:  # a value that cannot be encoded becomes an error the judge can show
            data = self.encoder.dumps({"re": message.get("re"), "err": describe(exc, self.sub_dir)})
        sys.stdout.flush()
        sys.stderr.flush()
        os.write(self.fd_out, struct.pack("<Q", len(data)))
        view = memoryview(data)
        while view:
            view = view[os.write(self.fd_out, view):]

    def recv(self) -> dict:
        while True:
            size = struct.unpack("<Q", self._read(8))[0]
            decoder = wire.Decoder(self.from_handle, trusted=False, from_callback=self.make_callback)
            data = self._read(size)
            try:
                message = decoder.loads(data)
            except wire.ProtocolError as exc:  # the spec sent something this interpreter cannot rebuild
                self.send({"re": _request_id(data), "unusable": str(exc)[:1000]})
                continue
            message["_generators"] = decoder.generators
            return message

    def _read(self, n: int) -> bytes:
        chunks, left = [], n
        while left:
            chunk = os.read(self.fd_in, min(left, 1 << 24))
            if not chunk:
                os._exit(0)  # the judge is gone
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    # ------------------------------------------------------------------ handles
    def to_handle(self, obj: Any) -> wire.Handle:
        hid = self.ids.get(id(obj))
        if hid is None:
            hid, self.next_id = self.next_id, self.next_id + 1
            self.objects[hid], self.ids[id(obj)] = obj, hid
        kind = type(obj)
        tid = self.type_ids.get(kind)
        if tid is not None:
            return wire.Handle(hid, tid)
        tid = self.type_ids[kind] = len(self.type_ids) + 1
        self.types_kept.append(kind)
        return wire.Handle(hid, {"t": tid, "mro": [[str(c.__module__), str(c.__qualname__)] for c in kind.__mro__],
                                 "callable": callable(obj), "class": isinstance(obj, type)})

    def from_handle(self, hid: int, info: Any) -> Any:
        if hid not in self.objects:
            raise KeyError(f"no object {hid}")
        return self.objects[hid]

    def release(self, hids: list[int]) -> None:
        for hid in hids:
            obj = self.objects.pop(hid, None)
            if obj is not None:
                self.ids.pop(id(obj), None)

    def make_callback(self, number: int) -> Any:
        worker = self

        def call_judge(*args: Any, **kwargs: Any) -> Any:
            worker.callback_seq += 1
            seq = worker.callback_seq
            worker.send({"cb": number, "seq": seq, "args": list(args), "kwargs": kwargs})
            return worker.serve(until=seq)

        call_judge.__name__ = call_judge.__qualname__ = f"spec_callback_{number}"
        return call_judge

    # ------------------------------------------------------------------ requests
    def serve(self, until: int | None = None) -> Any:
        """Answer requests; inside a callback, return once the judge answers callback ``until``."""
        while True:
            msg = self.recv()
            if "cbret" in msg:
                if msg["cbret"] != until:
                    continue
                if "err" in msg:
                    raise CallbackFailed(msg["err"])
                return msg["ok"]
            self.answer(msg)

    def answer(self, msg: dict) -> None:
        self.release(msg.get("release") or [])
        if "forbid" in msg:
            self.forbid(msg["forbid"])
        if msg.get("seed"):
            self.seed(msg["seed"])
        rid = msg.get("re")
        try:
            value = self.perform(msg)
        except StopIteration:
            self.send({"re": rid, "stop": True})
            return
        except BaseException as exc:  # everything, SystemExit and KeyboardInterrupt included
            self.send({"re": rid, "err": describe(exc, self.sub_dir)})
            return
        gens = [bytes(g.get_state().numpy().tobytes()) for g in msg["_generators"]]
        self.send({"re": rid, "ok": value, "gens": gens})

    def perform(self, msg: dict) -> Any:
        op = msg["op"]
        if op == "import":
            return self.import_module(msg["name"])
        if op == "getattr":
            return getattr(msg["obj"], msg["name"])
        if op == "setattr":
            setattr(msg["obj"], msg["name"], msg["value"])
            return None
        if op == "delattr":
            delattr(msg["obj"], msg["name"])
            return None
        if op == "call":
            return msg["obj"](*msg.get("args", ()), **msg.get("kwargs", {}))
        if op == "op":
            return OPS[msg["fn"]](*msg.get("args", ()))
        if op == "helper":
            namespace: dict[str, Any] = {"__name__": "spec_helper", "__builtins__": builtins}
            exec(compile(msg["source"], f"<spec helper {msg['name']}>", "exec"), namespace)
            return namespace[msg["name"]](*msg.get("args", ()), **msg.get("kwargs", {}))
        if op == "ping":
            for name in msg.get("preload", []):  # the libraries the submission imports, before its own clock starts
                try:
                    __import__(name)
                except BaseException:
                    pass
            self.seed_imported()
            return "pong"
        raise ValueError(f"unknown request {op!r}")

    def import_module(self, name: str) -> Any:
        path = self.sub_dir / f"{name}.py"
        if not path.is_file():
            raise ModuleNotFoundError(f"{self.sub_dir.name}/{name}.py is missing")
        if str(self.sub_dir) not in sys.path:
            sys.path.append(str(self.sub_dir))  # siblings import each other; last, so no library is shadowed
        module = sys.modules.get(name)
        if module is None or getattr(module, "__file__", None) != str(path):
            spec = importlib.util.spec_from_file_location(name, path)
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            try:
                spec.loader.exec_module(module)
            except BaseException:
                sys.modules.pop(name, None)
                raise
        self.seed_imported()
        return module

    # ------------------------------------------------------------------ by hand
    def forbid(self, names: list[str]) -> None:
        """Make the named callables raise while a spec's `by_hand` block lasts: in their modules, and wherever
        a module or a class of this interpreter holds the same object (``from x import f as g``)."""
        for holder, key, original in reversed(self.forbidden):
            _put(holder, key, original)
        self.forbidden = []
        targets: dict[int, Any] = {}
        for dotted in names:
            found = _resolve(dotted)
            if found is None:
                continue
            parent, attr, original = found
            guard = targets.setdefault(id(original), _guard(dotted))
            if _put(parent, attr, guard):  # the name itself (torch.ops namespaces keep their ops outside dicts)
                self.forbidden.append((parent, attr, original))
        for holder, key, original in self._holders(targets) if targets else ():  # then every alias, in one pass
            if _put(holder, key, targets[id(original)]):
                self.forbidden.append((holder, key, original))

    def _holders(self, targets: dict[int, Any]) -> Iterator[tuple[Any, Any, Any]]:
        """Where this interpreter holds a target: the attributes of every module, and the classes, lists and dicts
        a submission module keeps at its top level."""
        for module in list(sys.modules.values()):
            namespace = getattr(module, "__dict__", None)
            if not isinstance(namespace, dict):
                continue
            for key, value in list(namespace.items()):
                if id(value) in targets:
                    yield namespace, key, value
            if not str(getattr(module, "__file__", "")).startswith(str(self.sub_dir)):
                continue
            for value in list(namespace.values()):
                if isinstance(value, type):
                    yield from ((value, k, v) for k, v in list(vars(value).items()) if id(v) in targets)
                elif isinstance(value, dict):
                    yield from ((value, k, v) for k, v in list(value.items()) if id(v) in targets)
                elif isinstance(value, list):
                    yield from ((value, i, v) for i, v in enumerate(value) if id(v) in targets)

    # ------------------------------------------------------------------ seeds
    def seed(self, seeds: dict[str, int]) -> None:
        self.seeds.update(seeds)
        self.seeded.clear()
        if "random" in seeds:
            random.seed(seeds["random"])
        self.seed_imported(only=set(seeds))

    def seed_imported(self, only: set[str] | None = None) -> None:
        """Seed NumPy and torch once they are imported (a submission may bring them in itself)."""
        numpy, torch = sys.modules.get("numpy"), sys.modules.get("torch")
        for name, lib in (("numpy", numpy), ("torch", torch)):
            if lib is None or name not in self.seeds or (only is None and name in self.seeded):
                continue
            if only is not None and name not in only:
                continue
            if name == "numpy":
                lib.random.seed(self.seeds[name])
            else:
                lib.manual_seed(self.seeds[name])
                if os.environ.get("AG_DEVICE", "cpu") == "cpu":
                    lib.set_num_threads(1)
            self.seeded.add(name)


def _request_id(data: bytes) -> Any:
    """The request number of a message whose values could not be rebuilt (read without its values)."""
    try:
        return msgpack.unpackb(data, ext_hook=lambda code, payload: None, strict_map_key=False).get("re")
    except Exception:
        return None


class WrittenByHand(RuntimeError):
    """A library function the task asks to write by hand was called."""


def _resolve(dotted: str) -> tuple[Any, str, Any] | None:
    """(parent, attribute, object) for a dotted name: the longest importable module, then attributes."""
    parts = dotted.split(".")
    for i in range(len(parts) - 1, 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
            for part in parts[i:-1]:
                obj = getattr(obj, part)
            return obj, parts[-1], getattr(obj, parts[-1])
        except Exception:
            continue
    return None


def _put(holder: Any, key: Any, value: Any) -> bool:
    try:
        if isinstance(holder, (dict, list)):
            holder[key] = value
        else:
            setattr(holder, key, value)
        return True
    except Exception:  # a builtin class, a read-only namespace: nothing to replace there
        return False


def _guard(dotted: str) -> Any:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise WrittenByHand(f"{dotted} is not allowed in this task: write it by hand")
    refuse.__name__ = refuse.__qualname__ = dotted.rpartition(".")[2]
    return refuse


class CallbackFailed(Exception):
    """A function the spec passed in raised on the judge's side."""


def describe(exc: BaseException, sub_dir: Path) -> dict:
    """An exception as data: its type, builtin bases, message, and the deepest submission line."""
    try:
        text = str(exc)
    except BaseException:
        text = "(the exception's message could not be read)"
    where = ""
    if isinstance(exc, SyntaxError) and exc.filename and Path(exc.filename).parent == sub_dir:
        where = f" ({sub_dir.name}/{Path(exc.filename).name}, line {exc.lineno})"
    else:
        for frame, line in traceback.walk_tb(exc.__traceback__):
            path = Path(frame.f_code.co_filename)
            if path.parent == sub_dir:
                name = getattr(frame.f_code, "co_qualname", frame.f_code.co_name)
                where = f" ({sub_dir.name}/{path.name}, line {line}, in {name})"
    kind = type(exc)
    code = getattr(exc, "errno", None)
    return {"type": kind.__name__, "bases": [c.__name__ for c in kind.__mro__ if c.__module__ == "builtins"],
            "msg": text[:2000], "where": where, "errno": code if type(code) is int else None}


def main() -> None:
    sub_dir = Path(sys.argv[1])
    fd_in, fd_out = os.dup(0), os.dup(1)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(2, 1)  # the submission's prints go where its errors go: the judge's output file
    os.set_inheritable(fd_in, False)
    os.set_inheritable(fd_out, False)
    sys.stdout = open(1, "w", encoding="utf-8", errors="replace", closefd=False)
    os.chdir(os.environ.get("AG_WORKDIR", "/tmp"))
    Worker(sub_dir, fd_in, fd_out).serve()


if __name__ == "__main__":
    main()
