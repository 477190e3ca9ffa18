"""Week 11, tasks 7-11: probabilities, sampling and the negative log-likelihood."""
from __future__ import annotations

import torch


def probabilities(N: torch.Tensor, smoothing: float = 0.0) -> torch.Tensor:
    """Turn a (V, V) count matrix into next-character probabilities.

    Returns a new float32 tensor P of the same shape with P[i] = (N[i] + smoothing) / sum(N[i] + smoothing),
    so every row sums to 1. `smoothing` is the number of fake counts added to every cell (0: none;
    1: "add-one" smoothing). N itself is not changed.
    """
    raise NotImplementedError


def sample_name(P: torch.Tensor, itos: dict[int, str], generator: torch.Generator,
                max_len: int = 50) -> str:
    """Sample one name from the bigram model P (a (V, V) row-stochastic tensor).

    Start at ix = 0 ('.'); repeatedly draw the next index with exactly
    `torch.multinomial(P[ix], num_samples=1, replacement=True, generator=generator)` and stop when it
    is 0 ('.') or when the name has `max_len` characters. Returns the name without any '.'.
    """
    raise NotImplementedError


def sample_names(P: torch.Tensor, itos: dict[int, str], n: int, generator: torch.Generator,
                 max_len: int = 50) -> list[str]:
    """Return a list of `n` names, drawn one after another with `sample_name` and the same generator."""
    raise NotImplementedError


def nll(words: list[str], P: torch.Tensor, stoi: dict[str, int]) -> float:
    """The average negative log-likelihood of the bigrams of `words` under P, as a Python float.

    Every word is wrapped in '.' on both sides, so 'ab' has the bigrams .a, ab, b. (3 in all) and the
    average runs over all bigrams of all words: -(1/n) * sum(log P[a, b]). A bigram with
    probability 0 makes the result math.inf (do not raise).
    """
    raise NotImplementedError
