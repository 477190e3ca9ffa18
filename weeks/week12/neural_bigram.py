"""Week 12: the bigram language model as a one-layer neural net, trained by gradient descent.

Only tensors and autograd: no torch.nn layers, no torch.nn.functional helpers.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import torch
from matplotlib.figure import Figure
from tqdm import tqdm

NUM_CLASSES = 27  # '.' and a-z


def make_bigram_dataset(words: list[str], stoi: dict[str, int]) -> tuple[torch.Tensor, torch.Tensor]:
    """Turn words into (xs, ys): the index of every bigram's first and second character.

    Every word is wrapped in '.' on both sides, so 'emma' gives xs = [0, 5, 13, 13, 1] and
    ys = [5, 13, 13, 1, 0]. Both are 1-D int64 tensors of length sum(len(w) + 1 for w in words),
    in word order.
    """
    raise NotImplementedError


def one_hot(xs: torch.Tensor, num_classes: int = NUM_CLASSES) -> torch.Tensor:
    """A float32 (len(xs), num_classes) tensor with a single 1.0 per row, in column xs[i]."""
    raise NotImplementedError


def init_weights(generator: torch.Generator | None, num_classes: int = NUM_CLASSES) -> torch.Tensor:
    """W = torch.randn((num_classes, num_classes), generator=generator), with requires_grad=True
    (generator None draws from torch's global random state)."""
    raise NotImplementedError


def forward_probs(xenc: torch.Tensor, W: torch.Tensor) -> torch.Tensor:
    """Softmax of the logits xenc @ W, row by row: an (n, C) tensor whose rows sum to 1.

    The logits are read as log-counts: exponentiate them and normalise every row.
    """
    raise NotImplementedError


def loss_fn(probs: torch.Tensor, ys: torch.Tensor, W: torch.Tensor | None = None, reg: float = 0.0) -> torch.Tensor:
    """Mean negative log-likelihood of the labels plus an L2 term: a 0-dim tensor.

    loss = -mean(log probs[i, ys[i]]) + reg * mean(W ** 2)   (the second term only when reg != 0).
    """
    raise NotImplementedError


def train_bigram_nn(xs: torch.Tensor, ys: torch.Tensor, epochs: int = 100, lr: float = 70.0,
                    reg: float = 0.0, generator: torch.Generator | None = None) -> tuple[torch.Tensor, list[float]]:
    """Full-batch gradient descent on W, starting from init_weights(generator).

    Every epoch: forward all examples, compute loss_fn(probs, ys, W, reg), backward, then
    W -= lr * W.grad (and zero the gradient). Returns (W, losses): the trained (27, 27) weights
    and a list of `epochs` floats, losses[k] being the loss computed in epoch k+1, before its
    update (losses[0] is the loss at the initial W).
    """
    raise NotImplementedError


def sample_names(W: torch.Tensor, itos: dict[int, str], n: int, generator: torch.Generator,
                 max_len: int = 50) -> list[str]:
    """Sample n names from the net: start at ix = 0 ('.'), then repeatedly compute
    p = forward_probs(one_hot(torch.tensor([ix])), W)[0] and draw the next index with
    `torch.multinomial(p, num_samples=1, replacement=True, generator=generator)`; stop at 0 or after
    max_len characters. Returns the names without '.'.
    """
    raise NotImplementedError


def plot_losses(losses: list[float]) -> Figure:
    """A line plot of the loss per epoch (x: epoch 1..len(losses), y: loss) on one Axes; returns the Figure."""
    raise NotImplementedError


def make_trigram_dataset(words: list[str], stoi: dict[str, int]) -> tuple[torch.Tensor, torch.Tensor]:
    """Trigram examples: xs is an (n, 2) int64 tensor of the two previous characters, ys the next one.

    Every word is wrapped as '..' + word + '.', so 'ab' gives xs = [[0, 0], [0, 1], [1, 2]] and
    ys = [1, 2, 0]: one example per character of the word plus the closing '.'.
    """
    raise NotImplementedError


def train_trigram_nn(xs: torch.Tensor, ys: torch.Tensor, epochs: int = 100, lr: float = 50.0,
                     reg: float = 0.0, generator: torch.Generator | None = None) -> tuple[torch.Tensor, list[float]]:
    """The trigram net: the two one-hot vectors are concatenated into 54 inputs, W is (54, 27).

    W starts as torch.randn((54, 27), generator=generator); full-batch gradient descent as in
    train_bigram_nn. Returns (W, losses), losses[k] being the loss of epoch k+1 before its update.
    """
    raise NotImplementedError
