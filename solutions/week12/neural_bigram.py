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
    xs, ys = [], []
    for w in words:
        chars = [".", *w, "."]
        for a, b in zip(chars, chars[1:]):
            xs.append(stoi[a])
            ys.append(stoi[b])
    return torch.tensor(xs, dtype=torch.int64), torch.tensor(ys, dtype=torch.int64)


def one_hot(xs: torch.Tensor, num_classes: int = NUM_CLASSES) -> torch.Tensor:
    """A float32 (len(xs), num_classes) tensor with a single 1.0 per row, in column xs[i]."""
    out = torch.zeros((len(xs), num_classes), dtype=torch.float32)
    out[torch.arange(len(xs)), xs] = 1.0
    return out


def init_weights(generator: torch.Generator | None, num_classes: int = NUM_CLASSES) -> torch.Tensor:
    """W = torch.randn((num_classes, num_classes), generator=generator), with requires_grad=True
    (generator None draws from torch's global random state)."""
    return torch.randn((num_classes, num_classes), generator=generator, requires_grad=True)


def forward_probs(xenc: torch.Tensor, W: torch.Tensor) -> torch.Tensor:
    """Softmax of the logits xenc @ W, row by row: an (n, C) tensor whose rows sum to 1.

    The logits are read as log-counts: exponentiate them and normalise every row.
    """
    counts = (xenc @ W).exp()
    return counts / counts.sum(dim=1, keepdim=True)


def loss_fn(probs: torch.Tensor, ys: torch.Tensor, W: torch.Tensor | None = None, reg: float = 0.0) -> torch.Tensor:
    """Mean negative log-likelihood of the labels plus an L2 term: a 0-dim tensor.

    loss = -mean(log probs[i, ys[i]]) + reg * mean(W ** 2)   (the second term only when reg != 0).
    """
    loss = -probs[torch.arange(len(ys)), ys].log().mean()
    if reg:
        loss = loss + reg * (W ** 2).mean()
    return loss


def train_bigram_nn(xs: torch.Tensor, ys: torch.Tensor, epochs: int = 100, lr: float = 70.0,
                    reg: float = 0.0, generator: torch.Generator | None = None) -> tuple[torch.Tensor, list[float]]:
    """Full-batch gradient descent on W, starting from init_weights(generator).

    Every epoch: forward all examples, compute loss_fn(probs, ys, W, reg), backward, then
    W -= lr * W.grad (and zero the gradient). Returns (W, losses): the trained (27, 27) weights
    and a list of `epochs` floats, losses[k] being the loss computed in epoch k+1, before its
    update (losses[0] is the loss at the initial W).
    """
    W = init_weights(generator)
    xenc = one_hot(xs)  # the inputs never change: encode them once
    return _descend(W, xenc, ys, epochs, lr, reg, "bigram net")


def sample_names(W: torch.Tensor, itos: dict[int, str], n: int, generator: torch.Generator,
                 max_len: int = 50) -> list[str]:
    """Sample n names from the net: start at ix = 0 ('.'), then repeatedly compute
    p = forward_probs(one_hot(torch.tensor([ix])), W)[0] and draw the next index with
    `torch.multinomial(p, num_samples=1, replacement=True, generator=generator)`; stop at 0 or after
    max_len characters. Returns the names without '.'.
    """
    names = []
    with torch.no_grad():
        for _ in range(n):
            out, ix = [], 0
            while len(out) < max_len:
                p = forward_probs(one_hot(torch.tensor([ix])), W)[0]
                ix = torch.multinomial(p, num_samples=1, replacement=True, generator=generator).item()
                if ix == 0:
                    break
                out.append(itos[ix])
            names.append("".join(out))
    return names


def plot_losses(losses: list[float]) -> Figure:
    """A line plot of the loss per epoch (x: epoch 1..len(losses), y: loss) on one Axes; returns the Figure."""
    fig, ax = plt.subplots()
    ax.plot(range(1, len(losses) + 1), losses)
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    ax.set_title("Training the bigram net")
    return fig


def make_trigram_dataset(words: list[str], stoi: dict[str, int]) -> tuple[torch.Tensor, torch.Tensor]:
    """Trigram examples: xs is an (n, 2) int64 tensor of the two previous characters, ys the next one.

    Every word is wrapped as '..' + word + '.', so 'ab' gives xs = [[0, 0], [0, 1], [1, 2]] and
    ys = [1, 2, 0]: one example per character of the word plus the closing '.'.
    """
    xs, ys = [], []
    for w in words:
        chars = [".", ".", *w, "."]
        for a, b, c in zip(chars, chars[1:], chars[2:]):
            xs.append([stoi[a], stoi[b]])
            ys.append(stoi[c])
    return torch.tensor(xs, dtype=torch.int64), torch.tensor(ys, dtype=torch.int64)


def train_trigram_nn(xs: torch.Tensor, ys: torch.Tensor, epochs: int = 100, lr: float = 50.0,
                     reg: float = 0.0, generator: torch.Generator | None = None) -> tuple[torch.Tensor, list[float]]:
    """The trigram net: the two one-hot vectors are concatenated into 54 inputs, W is (54, 27).

    W starts as torch.randn((54, 27), generator=generator); full-batch gradient descent as in
    train_bigram_nn. Returns (W, losses), losses[k] being the loss of epoch k+1 before its update.
    """
    W = torch.randn((2 * NUM_CLASSES, NUM_CLASSES), generator=generator, requires_grad=True)
    xenc = torch.cat([one_hot(xs[:, 0]), one_hot(xs[:, 1])], dim=1)
    return _descend(W, xenc, ys, epochs, lr, reg, "trigram net")


def _descend(W: torch.Tensor, xenc: torch.Tensor, ys: torch.Tensor, epochs: int, lr: float, reg: float,
             desc: str) -> tuple[torch.Tensor, list[float]]:
    """Full-batch gradient descent on W; each epoch's loss is recorded before its update."""
    losses = []
    for _ in tqdm(range(epochs), desc=desc):
        loss = loss_fn(forward_probs(xenc, W), ys, W, reg)
        W.grad = None
        loss.backward()
        with torch.no_grad():
            W -= lr * W.grad
        losses.append(loss.item())
    return W.detach(), losses
