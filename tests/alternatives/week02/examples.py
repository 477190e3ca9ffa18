"""The lecture's worked examples, written out node by node as in the video."""
from __future__ import annotations

from engine import Value

NEURON_INPUTS = {"x1": 2.0, "x2": 0.0, "w1": -3.0, "w2": 1.0, "b": 6.8813735870195432}


def build_l_graph(a=2.0, b=-3.0, c=10.0, f=-2.0):
    a = Value(a, label='a')
    b = Value(b, label='b')
    c = Value(c, label='c')
    e = a*b; e.label = 'e'
    d = e + c; d.label = 'd'
    f = Value(f, label='f')
    L = d * f; L.label = 'L'
    return {'a': a, 'b': b, 'c': c, 'd': d, 'e': e, 'f': f, 'L': L}


def nudge_leaves(leaves, step=0.01):
    for leaf in leaves:
        leaf.data += step * leaf.grad


def tanh_via_exp(x):
    e = (2*x).exp()
    return (e - 1) / (e + 1)


def neuron_example(use_exp=False):
    # inputs x1,x2
    x1 = Value(NEURON_INPUTS["x1"], label='x1')
    x2 = Value(NEURON_INPUTS["x2"], label='x2')
    # weights w1,w2
    w1 = Value(NEURON_INPUTS["w1"], label='w1')
    w2 = Value(NEURON_INPUTS["w2"], label='w2')
    # bias of the neuron
    b = Value(NEURON_INPUTS["b"], label='b')
    # x1*w1 + x2*w2 + b
    x1w1 = x1*w1; x1w1.label = 'x1*w1'
    x2w2 = x2*w2; x2w2.label = 'x2*w2'
    x1w1x2w2 = x1w1 + x2w2; x1w1x2w2.label = 'x1*w1 + x2*w2'
    n = x1w1x2w2 + b; n.label = 'n'
    o = tanh_via_exp(n) if use_exp else n.tanh()
    o.label = 'o'
    o.backward()
    return {'x1': x1, 'x2': x2, 'w1': w1, 'w2': w2, 'b': b, 'n': n, 'o': o}
