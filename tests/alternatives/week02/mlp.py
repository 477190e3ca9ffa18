"""micrograd's nn.py as built in the lecture: Neuron, Layer, MLP, and the training loop."""
from __future__ import annotations

import random

from tqdm import tqdm

from engine import Value


class Module:

    def zero_grad(self):
        for p in self.parameters():
            p.grad = 0.0

    def parameters(self):
        return []


class Neuron(Module):

    def __init__(self, nin, nonlin=True):
        self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]
        self.b = Value(random.uniform(-1, 1))
        self.nonlin = nonlin

    def __call__(self, x):
        # w * x + b
        act = sum((wi*xi for wi, xi in zip(self.w, x)), self.b)
        return act.tanh() if self.nonlin else act

    def parameters(self):
        return self.w + [self.b]

    def __repr__(self):
        return f"{'Tanh' if self.nonlin else 'Linear'}Neuron({len(self.w)})"


class Layer(Module):

    def __init__(self, nin, nout, **kwargs):
        self.neurons = [Neuron(nin, **kwargs) for _ in range(nout)]

    def __call__(self, x):
        outs = [n(x) for n in self.neurons]
        return outs

    def parameters(self):
        return [p for n in self.neurons for p in n.parameters()]

    def __repr__(self):
        return f"Layer of [{', '.join(str(n) for n in self.neurons)}]"


class MLP(Module):

    def __init__(self, nin, nouts):
        sz = [nin] + list(nouts)
        self.layers = [Layer(sz[i], sz[i+1], nonlin=i != len(nouts)-1) for i in range(len(nouts))]

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x[0] if len(x) == 1 else x

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]

    def __repr__(self):
        return f"MLP of [{', '.join(str(layer) for layer in self.layers)}]"


def mse_loss(preds, targets):
    preds, targets = list(preds), list(targets)
    return sum((yout - ygt)**2 for ygt, yout in zip(targets, preds)) * (1.0 / len(preds))


def fit(model, xs, ys, steps=100, lr=0.05):
    losses = []
    for k in tqdm(range(steps)):

        # forward pass
        ypred = [model(x) for x in xs]
        loss = mse_loss(ypred, ys)

        # backward pass
        model.zero_grad()
        loss.backward()

        # update
        for p in model.parameters():
            p.data += -lr * p.grad

        losses.append(loss.data)
    return losses
