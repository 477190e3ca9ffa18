"""What crosses between the judge and the sandboxed worker: plain data, as MessagePack.

Both sides import this file; the worker runs it inside the sandbox. Values are data: ``None``,
``bool``, ``int``, ``float``, ``complex``, ``str``, ``bytes``, lists, tuples, dicts, sets, torch
tensors (any dtype, device and layout; moved to the CPU for the crossing and put back on arrival),
NumPy arrays and scalars, ``Counter`` and ``OrderedDict``, ``torch.Size``, ``torch.dtype``, ``torch.device``, ``slice`` and
``torch.Generator`` states. Anything else stays where it lives and crosses as a numbered handle.

The judge decodes with :class:`Decoder` and ``trusted=True``: every extension type is rebuilt from
checked fields by this code, nothing is ever unpickled, and a malformed message raises
:class:`ProtocolError`. Only the judge may send pickles (things a spec passes into the worker,
such as a module it built itself); the worker may unpickle them, since the judge is trusted.
"""
from __future__ import annotations

import math
import pickle
import re
import sys
from typing import Any, Callable

import msgpack

TENSOR, ARRAY, TUPLE, HANDLE, CALLBACK, PICKLE, SCALAR, DTYPE, DEVICE, SIZE = range(1, 11)
SET, FROZENSET, COMPLEX, BIGINT, NPDTYPE, OBJARRAY, SLICE, GENERATOR, RANGE, COUNTER, ORDERED = range(11, 22)

MAX_MESSAGE = 2 << 30  # bytes in one message
TORCH_DTYPES = ("float16", "bfloat16", "float32", "float64", "complex64", "complex128",
                "uint8", "int8", "int16", "int32", "int64", "bool", "uint16", "uint32", "uint64")
_NP_DTYPE = re.compile(r"[<>|=]?[biufcUS]\d{1,3}\Z")
_DEVICE = re.compile(r"(cpu|cuda|meta|mps)(:\d{1,3})?\Z")


class ProtocolError(Exception):
    """The other side sent something that is not a well-formed message."""


class Handle:
    """A reference to an object that lives on the other side (its number, and what it is)."""

    __slots__ = ("id", "info")

    def __init__(self, id: int, info: dict | None = None) -> None:
        self.id, self.info = id, info


def _torch():
    return sys.modules.get("torch")


def _numpy():
    return sys.modules.get("numpy")


def _packb(obj: Any, default: Callable[[Any], Any]) -> bytes:
    return msgpack.packb(obj, default=default, strict_types=True, use_bin_type=True, datetime=False)


class Encoder:
    """Turns values into bytes. ``to_handle(obj)`` decides what an unknown object becomes."""

    def __init__(self, to_handle: Callable[[Any], Any], opaque: tuple[type, ...] = ()) -> None:
        self.to_handle = to_handle
        self.opaque = opaque  # classes handed to to_handle at once, before any isinstance check touches them
        self.generators: list[Any] = []  # torch.Generator objects met while encoding one message

    def dumps(self, obj: Any) -> bytes:
        return _packb(obj, self._default)

    def _ext(self, code: int, payload: Any) -> msgpack.ExtType:
        return msgpack.ExtType(code, _packb(payload, self._default))

    def _default(self, obj: Any) -> Any:  # noqa: C901 - one branch per type, in one place
        if type(obj) in self.opaque:
            obj = self.to_handle(obj)
            if not isinstance(obj, Handle):
                return obj
        if type(obj) is Handle:
            return self._ext(HANDLE, [obj.id, obj.info])
        if isinstance(obj, bool):
            return bool(obj)
        if isinstance(obj, int):
            v = int(obj)
            return v if -(2**63) <= v < 2**64 else self._ext(BIGINT, str(v))
        if isinstance(obj, float):
            return float(obj)
        if isinstance(obj, str):
            return str(obj)
        if isinstance(obj, (bytes, bytearray, memoryview)):
            return bytes(obj)
        if type(obj) is tuple:  # named tuples and torch's return types keep their class: handles
            return self._ext(TUPLE, list(obj))
        if type(obj) is list or (isinstance(obj, list) and type(obj).__module__ in ("builtins", "collections")):
            return list(obj)
        if isinstance(obj, dict) and type(obj).__module__ in ("builtins", "collections"):
            name = type(obj).__name__  # Counter and OrderedDict keep their class; defaultdict becomes a dict
            if name in ("Counter", "OrderedDict"):
                return self._ext(COUNTER if name == "Counter" else ORDERED, [[k, v] for k, v in obj.items()])
            return dict(obj)
        if isinstance(obj, complex):
            return self._ext(COMPLEX, [obj.real, obj.imag])
        if isinstance(obj, (set, frozenset)) and type(obj).__module__ == "builtins":
            return self._ext(FROZENSET if isinstance(obj, frozenset) else SET, list(obj))
        if isinstance(obj, slice):
            return self._ext(SLICE, [obj.start, obj.stop, obj.step])
        if type(obj) is range:
            return self._ext(RANGE, [obj.start, obj.stop, obj.step])
        t = _torch()
        if t is not None:
            if isinstance(obj, t.Size):
                return self._ext(SIZE, [int(d) for d in obj])
            if isinstance(obj, t.Tensor) and obj.layout == t.strided and str(obj.dtype)[6:] in TORCH_DTYPES:
                return self._ext(TENSOR, self._tensor(t, obj))
            if isinstance(obj, t.dtype):
                return self._ext(DTYPE, str(obj)[6:])
            if isinstance(obj, t.device):
                return self._ext(DEVICE, str(obj))
            if isinstance(obj, t.Generator):
                self.generators.append(obj)
                return self._ext(GENERATOR, [str(obj.device), bytes(obj.get_state().numpy().tobytes())])
        np = _numpy()
        if np is not None:
            if isinstance(obj, np.ndarray):
                if obj.dtype.kind == "O":
                    return self._ext(OBJARRAY, [list(obj.shape), obj.ravel().tolist()])
                if _NP_DTYPE.match(obj.dtype.str):
                    return self._ext(ARRAY, [obj.dtype.str, list(obj.shape), np.ascontiguousarray(obj).tobytes()])
            if isinstance(obj, np.generic) and _NP_DTYPE.match(obj.dtype.str):
                return self._ext(SCALAR, [obj.dtype.str, obj.tobytes()])
            if isinstance(obj, np.dtype) and _NP_DTYPE.match(obj.str):
                return self._ext(NPDTYPE, obj.str)
        out = self.to_handle(obj)
        return self._ext(HANDLE, [out.id, out.info]) if type(out) is Handle else out

    def _tensor(self, t: Any, obj: Any) -> list:
        flags = int(bool(obj.requires_grad)) | (2 if isinstance(obj, t.nn.Parameter) else 0)
        with t.no_grad():
            data = t.Tensor.detach(obj).cpu().resolve_conj().resolve_neg().contiguous()
            raw = data.reshape(-1).view(t.uint8).numpy().tobytes() if data.numel() else b""
        grad = obj.grad if flags & 1 and obj.is_leaf and obj.grad is not None else None
        return [str(obj.dtype)[6:], list(obj.shape), str(obj.device), flags, raw, grad]


class Decoder:
    """Turns bytes back into values. ``from_handle(id, info)`` makes the local stand-in for a handle.

    ``trusted=True`` is the judge's side: no pickles, every field checked."""

    def __init__(self, from_handle: Callable[[int, Any], Any], *, trusted: bool,
                 from_callback: Callable[[int], Any] | None = None) -> None:
        self.from_handle, self.from_callback, self.trusted = from_handle, from_callback, trusted
        self.generators: list[Any] = []

    def loads(self, data: bytes) -> Any:
        try:
            return self._unpack(data)
        except ProtocolError:
            raise
        except Exception as exc:  # any malformed input, whatever the library raised
            raise ProtocolError(f"malformed message: {type(exc).__name__}: {exc}") from None

    def _unpack(self, data: bytes) -> Any:
        return msgpack.unpackb(data, ext_hook=self._hook, raw=False, strict_map_key=False,
                               max_bin_len=MAX_MESSAGE, max_str_len=MAX_MESSAGE)

    def _hook(self, code: int, payload: bytes) -> Any:  # noqa: C901 - one branch per type
        v = self._unpack(payload)
        if code == TUPLE:
            return tuple(_list(v))
        if code == HANDLE:
            hid, info = _list(v, 2)
            return self.from_handle(_int(hid), info)
        if code == TENSOR:
            return self._tensor(v)
        if code == ARRAY:
            return _array(v)
        if code == OBJARRAY:
            import numpy as np
            shape, items = _list(v, 2)
            shape = _shape(shape)
            out = np.empty(len(_list(items)), dtype=object)
            for i, item in enumerate(items):
                out[i] = item
            return out.reshape(shape)
        if code == SCALAR:
            import numpy as np
            dtype, raw = _list(v, 2)
            return np.frombuffer(_bytes(raw), dtype=_np_dtype(dtype))[0].copy()
        if code == NPDTYPE:
            return _np_dtype(v)
        if code == SIZE:
            import torch
            return torch.Size(_shape(v))
        if code == DTYPE:
            import torch
            if v not in TORCH_DTYPES:
                raise ProtocolError(f"unknown dtype {v!r}")
            return getattr(torch, v)
        if code == DEVICE:
            import torch
            if not isinstance(v, str) or not _DEVICE.match(v):
                raise ProtocolError(f"bad device {v!r}")
            return torch.device(v)
        if code in (COUNTER, ORDERED):
            import collections
            pairs = [_list(kv, 2) for kv in _list(v)]
            return (collections.Counter if code == COUNTER else collections.OrderedDict)(
                collections.OrderedDict((k, x) for k, x in pairs))
        if code in (SET, FROZENSET):
            return (set if code == SET else frozenset)(_list(v))
        if code == COMPLEX:
            re_, im = _list(v, 2)
            return complex(_float(re_), _float(im))
        if code == BIGINT:
            if not isinstance(v, str) or not re.fullmatch(r"-?\d{1,4000}", v):
                raise ProtocolError("bad integer")
            return int(v)
        if code == SLICE:
            return slice(*_list(v, 3))
        if code == RANGE:
            return range(*(_int(x) for x in _list(v, 3)))
        if code == GENERATOR:
            return self._generator(v)
        if code == CALLBACK and self.from_callback is not None:
            return self.from_callback(_int(v))
        if code == PICKLE and not self.trusted:
            return pickle.loads(_bytes(v))
        raise ProtocolError(f"extension type {code} is not accepted here")

    def _tensor(self, v: Any) -> Any:
        import torch
        dtype, shape, device, flags, raw, grad = _list(v, 6)
        if dtype not in TORCH_DTYPES:
            raise ProtocolError(f"unknown tensor dtype {dtype!r}")
        dt, shape, raw = getattr(torch, dtype), _shape(shape), _bytes(raw)
        numel = math.prod(shape)
        if numel * torch.empty((), dtype=dt).element_size() != len(raw):
            raise ProtocolError("tensor bytes do not match its shape")
        out = torch.frombuffer(bytearray(raw), dtype=dt).reshape(shape) if numel else torch.empty(shape, dtype=dt)
        if isinstance(device, str) and device.startswith("cuda") and _DEVICE.match(device) \
                and torch.cuda.is_available():
            out = out.to(device)
        flags = _int(flags)
        if flags & 2:
            out = torch.nn.Parameter(out, requires_grad=bool(flags & 1))
        elif flags & 1 and out.is_floating_point() | out.is_complex():
            out.requires_grad_(True)
        if grad is not None:
            if not isinstance(grad, torch.Tensor) or grad.shape != out.shape:
                raise ProtocolError("a gradient must be a tensor of its tensor's shape")
            out.grad = grad.to(out.dtype)
        return out

    def _generator(self, v: Any) -> Any:
        import torch
        device, state = _list(v, 2)
        if not isinstance(device, str) or not _DEVICE.match(device):
            raise ProtocolError("bad generator device")
        g = torch.Generator(device=device if torch.cuda.is_available() or device == "cpu" else "cpu")
        g.set_state(torch.frombuffer(bytearray(_bytes(state)), dtype=torch.uint8))
        self.generators.append(g)
        return g


def _list(v: Any, n: int | None = None) -> list:
    if not isinstance(v, list) or (n is not None and len(v) != n):
        raise ProtocolError("expected a list" + (f" of {n}" if n else ""))
    return v


def _int(v: Any) -> int:
    if type(v) is not int:
        raise ProtocolError("expected an integer")
    return v


def _float(v: Any) -> float:
    if type(v) not in (int, float):
        raise ProtocolError("expected a number")
    return float(v)


def _bytes(v: Any) -> bytes:
    if not isinstance(v, bytes):
        raise ProtocolError("expected bytes")
    return v


def _shape(v: Any) -> tuple[int, ...]:
    shape = tuple(_int(d) for d in _list(v))
    if len(shape) > 64 or any(d < 0 for d in shape):
        raise ProtocolError("bad shape")
    return shape


def _np_dtype(s: Any) -> Any:
    import numpy as np
    if not isinstance(s, str) or not _NP_DTYPE.match(s):
        raise ProtocolError(f"unknown array dtype {s!r}")
    return np.dtype(s)


def _array(v: Any) -> Any:
    import numpy as np
    dtype, shape, raw = _list(v, 3)
    dt, shape, raw = _np_dtype(dtype), _shape(shape), _bytes(raw)
    if math.prod(shape) * dt.itemsize != len(raw):
        raise ProtocolError("array bytes do not match its shape")
    return np.frombuffer(raw, dtype=dt).reshape(shape).copy()


def pickled(obj: Any) -> msgpack.ExtType:
    """The judge's way to send an object the worker should rebuild as it is (a spec's own module)."""
    return msgpack.ExtType(PICKLE, _packb(pickle.dumps(obj), lambda o: o))


def callback(number: int) -> msgpack.ExtType:
    return msgpack.ExtType(CALLBACK, _packb(number, lambda o: o))
