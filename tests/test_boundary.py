"""The trust boundary's parts: the codec, proxies, callbacks, seeds, @in_worker and by_hand."""
from __future__ import annotations

import collections
import math
import textwrap
import time
from pathlib import Path

import msgpack
import numpy as np
import pytest
import torch

from autograder.boundary import helpers, wire
from autograder.boundary.process import RemoteError, WorkerGone
from autograder.boundary.session import Submission, SubmissionImportError, heavy_imports

MODULE = '''
import numpy as np
import torch
from torchvision.ops import nms as _nms
import torchvision

class Counter:
    def __init__(self):
        self.n = 0
    def bump(self, k=1):
        self.n += k
        return self
    def __eq__(self, other):
        return True          # a submission's own __eq__ must never decide a comparison
    __hash__ = object.__hash__

def twice(x):
    return 2 * x

def call_back(fn, x):
    return fn(x) + 1

def draw(g):
    return torch.rand(3, generator=g)

def draw_global():
    return torch.rand(2), float(np.random.rand())

def grad_of(w):
    w = w.clone().requires_grad_(True)
    (w ** 2).sum().backward()
    return w.grad

def keep_nms(b, s):
    return _nms(b, s, 0.5)

def module_nms(b, s):
    return torchvision.ops.nms(b, s, 0.5)

def model():
    return torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU())

def boom():
    raise ValueError("bad value")

def todo():
    raise NotImplementedError
'''


@pytest.fixture
def sub(tmp_path):
    week = tmp_path / "sub" / "week99"
    week.mkdir(parents=True)
    (week / "mod.py").write_text(textwrap.dedent(MODULE))
    (week / "broken.py").write_text("def f(:\n")
    s = Submission(week, "week99", tmp_path / "work")
    s.deadline_at = time.time() + 120
    helpers._ACTIVE[:] = [s]
    yield s
    helpers._ACTIVE[:] = []
    s.close()


def roundtrip(value):
    enc = wire.Encoder(lambda o: wire.Handle(7, {"t": 1}))
    return wire.Decoder(lambda hid, info: ("handle", hid), trusted=True).loads(enc.dumps(value))


@pytest.mark.parametrize("value", [
    None, True, 3, -2**70, 2.5, math.inf, 1 + 2j, "é", b"\x00\xff", [1, [2]], (1, (2,)), {"a": 1, 2: "b"}, {1, 2},
    frozenset({3}), slice(1, None, 2), range(2, 9, 3), collections.Counter("abca"), collections.OrderedDict(a=1)])
def test_plain_values_cross_as_themselves(value):
    out = roundtrip(value)
    assert out == value and type(out) is type(value)


def test_tensors_and_arrays_cross_as_copies_with_their_flags():
    w = torch.nn.Parameter(torch.randn(2, 3))
    w.grad = torch.ones(2, 3)
    out = roundtrip(w)
    assert isinstance(out, torch.nn.Parameter) and out.requires_grad and torch.equal(out, w)
    assert torch.equal(out.grad, w.grad)
    for t in (torch.randn(3, 4).t(), torch.zeros(0, 2), torch.tensor(True), torch.arange(6, dtype=torch.int16),
              torch.randn(2, dtype=torch.bfloat16), torch.tensor([1 + 1j]).conj()):
        got = roundtrip(t)
        assert got.dtype == t.dtype and torch.equal(got, t.resolve_conj())
    a = np.arange(12, dtype=np.float32).reshape(3, 4)[:, ::2]
    assert np.array_equal(roundtrip(a), a) and roundtrip(np.float32(2.5)) == np.float32(2.5)
    assert roundtrip(np.array([None, "x"], dtype=object)).tolist() == [None, "x"]
    assert roundtrip(torch.Size([2, 3])) == torch.Size([2, 3]) and roundtrip(torch.float16) is torch.float16


def test_anything_else_becomes_a_handle():
    assert roundtrip(object()) == ("handle", 7)
    assert roundtrip(collections.namedtuple("P", "x y")(1, 2)) == ("handle", 7)


@pytest.mark.parametrize("data", [
    b"\xc1",                                                   # an unused byte
    b"\x93\x01\x02",                                           # an array cut short
    msgpack.packb(msgpack.ExtType(wire.PICKLE, msgpack.packb(b"cos\nsystem\n(S'true'\ntR."))),  # a pickle
    msgpack.packb(msgpack.ExtType(wire.TENSOR, msgpack.packb(["float32", [2, 2], "cpu", 0, b"\x00" * 3, None]))),
    msgpack.packb(msgpack.ExtType(wire.TENSOR, msgpack.packb(["object", [1], "cpu", 0, b"", None]))),
    msgpack.packb(msgpack.ExtType(wire.ARRAY, msgpack.packb(["|O8", [1], b"\x00" * 8]))),
    msgpack.packb(msgpack.ExtType(wire.DEVICE, msgpack.packb("cuda; rm -rf /"))),
    msgpack.packb(msgpack.ExtType(99, b"")),
])
def test_the_judge_refuses_malformed_or_unsafe_messages(data):
    with pytest.raises(wire.ProtocolError):
        wire.Decoder(lambda hid, info: None, trusted=True).loads(data)


def test_proxies_forward_and_compare_by_identity(sub):
    m = sub.module("mod")
    c = m.Counter()
    assert c.bump(2) is c and c.n == 2, "one worker object comes back as one proxy"
    assert c != m.Counter(), "a submission's __eq__ never decides a comparison in the judge"
    assert isinstance(m.model(), torch.nn.Module) and isinstance(m.model()[0], torch.nn.Linear)
    assert m.model()[0].__class__ is torch.nn.Linear and len(m.model()) == 2
    assert isinstance(c, m.Counter) and not isinstance(3, m.Counter)
    assert m.twice(torch.ones(2)).tolist() == [2.0, 2.0]
    g = m.grad_of(torch.tensor([1.0, 2.0]))
    assert g.tolist() == [2.0, 4.0] and not g.requires_grad


def test_callbacks_run_in_the_judge(sub):
    seen = []
    assert sub.module("mod").call_back(lambda x: seen.append(x) or x * 10, 4) == 41
    assert seen == [4]


def test_generators_and_seeds_are_shared(sub):
    m = sub.module("mod")
    g, ref = torch.Generator().manual_seed(5), torch.Generator().manual_seed(5)
    assert torch.equal(m.draw(g), torch.rand(3, generator=ref))
    assert torch.equal(g.get_state(), ref.get_state()), "the judge's generator advances with the worker's"
    sub.seed("torch", 3)
    sub.seed("numpy", 3)
    t, x = m.draw_global()
    torch.manual_seed(3)
    np.random.seed(3)
    assert torch.equal(t, torch.rand(2)) and x == float(np.random.rand())


def test_errors_keep_their_kind_and_line(sub):
    m = sub.module("mod")
    with pytest.raises(ValueError) as info:
        m.boom()
    assert isinstance(info.value, RemoteError) and "week99/mod.py" in info.value.where
    with pytest.raises(NotImplementedError):
        m.todo()
    with pytest.raises(SubmissionImportError, match="could not be imported: SyntaxError"):
        sub.module("broken")
    with pytest.raises(SubmissionImportError, match="missing"):
        sub.module("absent")


def test_in_worker_helpers_act_where_the_objects_live(sub):
    @helpers.in_worker
    def train_one_step(model):
        import torch
        opt = torch.optim.SGD(model.parameters(), lr=0.5)
        model[0](torch.ones(4, 2)).sum().backward()  # through the Linear itself: a ReLU may be dead at init
        opt.step()
        return [p.detach().clone() for p in model.parameters()]

    model = sub.module("mod").model()
    before = [p.clone() for p in model.parameters()]
    after = train_one_step(model)
    assert any(not torch.equal(a, b) for a, b in zip(after, before))
    assert all(torch.equal(a, p) for a, p in zip(after, model.parameters())), "the worker's model moved"


def test_by_hand_refuses_library_calls_and_restores_them(sub):
    m = sub.module("mod")
    b, s = torch.tensor([[0.0, 0, 1, 1], [0, 0, 1.1, 1]]), torch.tensor([0.9, 0.8])
    with helpers.by_hand("torchvision.ops.nms", "torch.ops.torchvision.nms"):
        for name in ("keep_nms", "module_nms"):
            with pytest.raises(RemoteError, match="write it by hand"):
                getattr(m, name)(b, s)
        assert m.twice(1) == 2
    assert m.keep_nms(b, s).tolist() == [0] and m.module_nms(b, s).tolist() == [0]


def test_a_late_worker_is_stopped_and_replaced(sub):
    m = sub.module("mod")
    sub.deadline_at = time.time() + 1
    with pytest.raises(WorkerGone) as info:
        m.call_back(lambda x: time.sleep(0) or x, 1) and m.twice(torch.ones(10**7)).sum() and \
            sub.helper("def spin():\n    while True:\n        pass\n", "spin", (), {})
    assert info.value.status == "timeout"
    sub.deadline_at = time.time() + 60
    assert sub.module("mod").twice(3) == 6, "the next request gets a fresh worker"


def test_heavy_imports_are_read_not_run(tmp_path):
    (tmp_path / "a.py").write_text("import torch.nn as nn\nfrom sklearn import metrics\nimport mine\nraise SystemExit\n")
    assert heavy_imports(tmp_path) == ["sklearn", "torch.nn"]
