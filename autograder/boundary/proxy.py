"""Stand-ins on the judge's side for objects that live in the worker.

A :class:`Proxy` forwards attribute access, calls, operators, indexing and iteration to the
worker and gives back what the worker answers: data, or another proxy. ``isinstance`` against
torch, NumPy, Matplotlib or standard classes works through ``__class__``; equality and hashing
are by identity, so a submission's own ``__eq__`` never decides a comparison in a spec.
"""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .process import WorkerProcess


class Proxy:
    __slots__ = ("_ag_worker", "_ag_id", "_ag_info", "__weakref__")

    def __init__(self, worker: "WorkerProcess", hid: int, info: dict) -> None:
        object.__setattr__(self, "_ag_worker", worker)
        object.__setattr__(self, "_ag_id", hid)
        object.__setattr__(self, "_ag_info", info)

    # attributes ---------------------------------------------------------------
    def __getattr__(self, name: str) -> Any:
        if name.startswith("_ag_") or name in _NOT_FORWARDED:
            raise AttributeError(name)
        return self._ag_worker.request("getattr", obj=self, name=name)

    def __setattr__(self, name: str, value: Any) -> None:
        self._ag_worker.request("setattr", obj=self, name=name, value=value)

    def __delattr__(self, name: str) -> None:
        self._ag_worker.request("delattr", obj=self, name=name)

    def __dir__(self) -> list[str]:
        return list(self._ag_op("dir"))

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # noqa: D105 - isinstance(proxy, nn.Module) looks here
        return stand_in(self._ag_info)

    # calls, containers, iteration --------------------------------------------
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._ag_worker.request("call", obj=self, args=list(args), kwargs=kwargs)

    def _ag_op(self, fn: str, *args: Any) -> Any:
        return self._ag_worker.request("op", fn=fn, args=[self, *args])

    def __len__(self) -> int:
        n = self._ag_op("len")
        if type(n) is not int or n < 0:
            raise TypeError("len() of a submission object must be a non-negative int")
        return n

    def __iter__(self):
        it = self._ag_op("iter")
        return it if isinstance(it, Proxy) else iter(it)

    def __next__(self) -> Any:
        return self._ag_op("next")

    def __getitem__(self, key: Any) -> Any:
        return self._ag_op("getitem", key)

    def __setitem__(self, key: Any, value: Any) -> None:
        self._ag_op("setitem", key, value)

    def __delitem__(self, key: Any) -> None:
        self._ag_op("delitem", key)

    def __contains__(self, item: Any) -> bool:
        return bool(self._ag_op("contains", item) is True)

    def __enter__(self) -> Any:
        return self.__getattr__("__enter__")()

    def __exit__(self, *exc: Any) -> Any:
        return self.__getattr__("__exit__")(None, None, None)

    # conversions --------------------------------------------------------------
    def __bool__(self) -> bool:
        return self._ag_op("bool") is True

    def __float__(self) -> float:
        return _exact(self._ag_op("float"), float)

    def __int__(self) -> int:
        return _exact(self._ag_op("int"), int)

    def __index__(self) -> int:
        return _exact(self._ag_op("index"), int)

    def __complex__(self) -> complex:
        return _exact(self._ag_op("complex"), complex)

    def __round__(self, ndigits: int | None = None) -> Any:
        return self._ag_op("round", ndigits)

    def __format__(self, spec: str) -> str:
        return str(self._ag_op("format", spec))

    def __array__(self, dtype: Any = None, copy: Any = None) -> Any:
        import numpy as np
        out = np.asarray(self._ag_op("asarray"))
        return out.astype(dtype) if dtype is not None else out

    def __repr__(self) -> str:
        try:
            text = self._ag_op("repr")
        except Exception:  # a dead worker or a repr that raises: still printable in a failure message
            text = None
        name = self._ag_info.get("mro", [["?", "object"]])[0][1]
        return str(text)[:500] if isinstance(text, str) else f"<submission {name} object>"

    def __str__(self) -> str:
        text = self._ag_op("str")
        return text if isinstance(text, str) else repr(self)

    # comparisons: identity for ==, the worker for ordering -------------------
    def __eq__(self, other: Any) -> bool:
        return self is other

    def __ne__(self, other: Any) -> bool:
        return self is not other

    def __hash__(self) -> int:
        return object.__hash__(self)

    def __lt__(self, other: Any) -> Any:
        return self._ag_op("lt", other)

    def __le__(self, other: Any) -> Any:
        return self._ag_op("le", other)

    def __gt__(self, other: Any) -> Any:
        return self._ag_op("gt", other)

    def __ge__(self, other: Any) -> Any:
        return self._ag_op("ge", other)

    # a class handle answers isinstance/issubclass in the worker ----------------
    def __instancecheck__(self, obj: Any) -> bool:
        return self._ag_worker.request("op", fn="isinstance", args=[obj, self]) is True

    def __subclasscheck__(self, cls: Any) -> bool:
        return self._ag_worker.request("op", fn="issubclass", args=[cls, self]) is True

    def __reduce_ex__(self, protocol: Any) -> Any:
        raise TypeError("a submission object cannot be pickled on the judge's side")


def _binary(name: str):
    def forward(self: Proxy, other: Any) -> Any:
        return self._ag_worker.request("op", fn=name, args=[self, other])

    def reflected(self: Proxy, other: Any) -> Any:
        return self._ag_worker.request("op", fn=name, args=[other, self])

    return forward, reflected


for _name in ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul", "and", "or", "xor",
              "lshift", "rshift"):
    _op = _name + "_" if _name in ("and", "or") else _name
    _fwd, _ref = _binary(_op)
    setattr(Proxy, f"__{_name}__", _fwd)
    setattr(Proxy, f"__r{_name}__", _ref)
for _name in ("add", "sub", "mul", "truediv", "pow", "matmul"):
    setattr(Proxy, f"__i{_name}__", _binary("i" + _name)[0])
for _name in ("neg", "pos", "abs", "invert"):
    setattr(Proxy, f"__{_name}__", lambda self, _fn=_name: self._ag_op(_fn))

_NOT_FORWARDED = frozenset({
    "__array_interface__", "__array_struct__", "__array_priority__", "__torch_function__",
    "__length_hint__", "__getstate__", "__setstate__", "__reduce__", "__copy__", "__deepcopy__",
    "_pytestfixturefunction", "__wrapped__", "__signature__", "__code__", "__func__", "__self__",
    "__fspath__", "__await__", "__aiter__", "__bases__", "__mro__", "__origin__", "__args__",
})


def _exact(value: Any, kind: type) -> Any:
    if type(value) is not kind and not (kind is float and type(value) is int):
        raise TypeError(f"the submission object did not convert to {kind.__name__}")
    return kind(value)


# ----------------------------------------------------------------------------- classes
_STAND_INS: dict[tuple, type] = {}


def _resolve(module: Any, qualname: Any) -> type | None:
    """A class the judge already has, by name; modules are never imported for this."""
    if not isinstance(module, str) or not isinstance(qualname, str):
        return None
    obj = sys.modules.get(module)
    for part in qualname.split("."):
        if obj is None or part.startswith("<"):
            return None
        obj = getattr(obj, part, None)
    return obj if isinstance(obj, type) else None


def stand_in(info: dict) -> type:
    """The class a proxy claims to be: the real class when the judge has it, else a subclass of the
    nearest class the judge has (``Net`` becomes a class named Net deriving from ``nn.Module``)."""
    known = info.get("_cls")
    if known is not None:
        return known
    mro = tuple(tuple(x) for x in info.get("mro", ()) if isinstance(x, list) and len(x) == 2)
    cached = _STAND_INS.get(mro)
    if cached is not None:
        info["_cls"] = cached
        return cached
    cls: type = object
    for i, (module, qualname) in enumerate(mro):
        found = _resolve(module, qualname)
        if found is None:
            continue
        if i == 0:
            cls = found
        else:
            name = str(mro[0][1]).rsplit(".", 1)[-1][:100]
            try:
                cls = type(name, (found,), {"__module__": str(mro[0][0])[:100], "__qualname__": name})
            except TypeError:  # a final class, or one that refuses subclasses
                cls = found
        break
    _STAND_INS[mro] = cls
    if all(module in sys.modules for module, _ in mro):  # nothing left to resolve later: remember it
        info["_cls"] = cls
    return cls
