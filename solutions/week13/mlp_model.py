"""Week 13, tasks 3-19 and 21-22: the MLP language model of Bengio et al. (2003), from raw tensors.

params is the list [C, W1, b1, W2, b2]:
  C  (vocab_size, emb_dim)              the embedding table
  W1 (block_size * emb_dim, hidden), b1 (hidden,)      the tanh hidden layer
  W2 (hidden, vocab_size),           b2 (vocab_size,)  the output layer (logits)

Raw tensors only: no torch.nn layers (nn.Linear, nn.Embedding, nn.Tanh, nn.Flatten, nn.Sequential ...);
F.cross_entropy and softmax are fine.
"""
from __future__ import annotations

from typing import Callable

import torch
import torch.nn.functional as F
from tqdm import tqdm

TANH_GAIN = 5 / 3  # Kaiming gain for tanh


def init_mlp(generator: torch.Generator, vocab_size: int = 27, emb_dim: int = 10, hidden: int = 200,
             block_size: int = 3, init: str = "default") -> list[torch.Tensor]:
    """Create [C, W1, b1, W2, b2] with torch.randn(shape, generator=generator), in exactly that order.

    Then scale them by `init`:
      "default": leave them as drawn;
      "output":  W2 *= 0.01, b2 *= 0 (the initial loss drops to about -ln(1/27));
      "both":    as "output", and W1 *= 0.2, b1 *= 0.01 (the tanh no longer saturates);
      "kaiming": as "output", and W1 *= (5/3) / sqrt(block_size * emb_dim), b1 *= 0.01.
    Every returned tensor is a float32 leaf with requires_grad=True. Raises ValueError for another `init`.
    """
    if init not in ("default", "output", "both", "kaiming"):
        raise ValueError(f"unknown init {init!r}")
    fan_in = block_size * emb_dim
    C = torch.randn((vocab_size, emb_dim), generator=generator)
    W1 = torch.randn((fan_in, hidden), generator=generator)
    b1 = torch.randn(hidden, generator=generator)
    W2 = torch.randn((hidden, vocab_size), generator=generator)
    b2 = torch.randn(vocab_size, generator=generator)
    if init != "default":
        W2, b2 = W2 * 0.01, b2 * 0  # near-uniform softmax at the start
    if init == "both":
        W1, b1 = W1 * 0.2, b1 * 0.01
    if init == "kaiming":
        W1, b1 = W1 * TANH_GAIN / fan_in ** 0.5, b1 * 0.01
    params = [C, W1, b1, W2, b2]
    for p in params:
        p.requires_grad_(True)
    return params


def num_params(params: list[torch.Tensor]) -> int:
    """Total number of scalars in all parameter tensors."""
    return sum(p.nelement() for p in params)


def hidden_layer(params: list[torch.Tensor], X: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """(hpreact, h) for an (n, block_size) int64 batch X: the (n, hidden) pre-activations
    emb.view(n, -1) @ W1 + b1 (emb = C[X]) and h = tanh(hpreact)."""
    C, W1, b1, _, _ = params
    emb = C[X]  # (n, block_size, emb_dim)
    hpreact = emb.view(emb.shape[0], -1) @ W1 + b1
    return hpreact, torch.tanh(hpreact)


def mlp_forward(params: list[torch.Tensor], X: torch.Tensor) -> torch.Tensor:
    """The (n, vocab_size) logits h @ W2 + b2 for an (n, block_size) int64 batch X."""
    _, h = hidden_layer(params, X)
    return h @ params[3] + params[4]


def step_schedule(lr: float, decay_step: int, factor: float = 0.1) -> Callable[[int], float]:
    """A learning-rate schedule: a function of the step number i (from 0) that gives `lr` for
    i < decay_step and lr * factor from then on."""
    return lambda i: lr if i < decay_step else lr * factor


def learning_rates(n: int, low: float = -3.0, high: float = 0.0) -> torch.Tensor:
    """n learning rates spaced evenly in log10 from 10**low to 10**high (for an LR sweep): 10 ** linspace(low, high, n)."""
    return 10 ** torch.linspace(low, high, n)


def train_mlp(params: list[torch.Tensor], X: torch.Tensor, Y: torch.Tensor, steps: int,
              lr_schedule: Callable[[int], float], batch_size: int | None = 32,
              generator: torch.Generator | None = None) -> list[float]:
    """Minibatch gradient descent on `params`, in place. Returns the loss of every step (floats).

    At step i (0, 1, ..., steps-1): take the batch ix = torch.randint(0, len(X), (batch_size,),
    generator=generator) (or all of X when batch_size is None, drawing nothing), compute
    F.cross_entropy(mlp_forward(params, X[ix]), Y[ix]), record it, zero the gradients, backward,
    and update every p: p.data -= lr_schedule(i) * p.grad.
    """
    losses = []
    for i in tqdm(range(steps), desc="MLP"):
        if batch_size is None:
            Xb, Yb = X, Y
        else:
            ix = torch.randint(0, X.shape[0], (batch_size,), generator=generator)
            Xb, Yb = X[ix], Y[ix]
        loss = F.cross_entropy(mlp_forward(params, Xb), Yb)
        for p in params:
            p.grad = None
        loss.backward()
        lr = lr_schedule(i)
        for p in params:
            p.data -= lr * p.grad
        losses.append(loss.item())
    return losses


@torch.no_grad()
def eval_loss(params: list[torch.Tensor], X: torch.Tensor, Y: torch.Tensor) -> float:
    """Mean cross-entropy of the model on all of (X, Y), as a float (no gradients)."""
    return F.cross_entropy(mlp_forward(params, X), Y).item()


@torch.no_grad()
def sample_names(params: list[torch.Tensor], itos: dict[int, str], n: int, block_size: int,
                 generator: torch.Generator, max_len: int = 50) -> list[str]:
    """Sample n names. Each starts from the context [0] * block_size; at every step compute
    probs = softmax(mlp_forward(params, torch.tensor([context])), dim=1) and draw
    ix = torch.multinomial(probs, num_samples=1, generator=generator).item(); stop at ix == 0 or after
    max_len characters, otherwise append itos[ix] and slide the context. Returns names without '.'.
    """
    names = []
    for _ in range(n):
        context, out = [0] * block_size, []
        while len(out) < max_len:
            probs = F.softmax(mlp_forward(params, torch.tensor([context])), dim=1)
            ix = torch.multinomial(probs, num_samples=1, generator=generator).item()
            if ix == 0:
                break
            out.append(itos[ix])
            context = context[1:] + [ix]
        names.append("".join(out))
    return names
