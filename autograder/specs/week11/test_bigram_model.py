"""Week 11, tasks 7-11: probabilities, sampling, the negative log-likelihood and smoothing.

Oracles are computed here from the shipped DATA/names.txt (the course sheet's printed losses and
samples belong to a different names file; see weeks/week11/README.md).
"""
import math
from collections import Counter
from pathlib import Path

import pytest
import torch

from autograder.boundary import in_worker


@in_worker
def call_keeping_inputs(fn, *args, **kwargs):
    """Runs in the worker: calls fn(*args, **kwargs) there; returns its result and the arguments as the call left them."""
    out = fn(*args, **kwargs)
    return out, args


def _words(data_dir: Path) -> list[str]:
    return [w for w in (data_dir / "names.txt").read_text(encoding="utf-8").split("\n") if w]


def _counts(words):
    stoi = {".": 0, **{c: i + 1 for i, c in enumerate(sorted(set("".join(words))))}}
    pairs: Counter = Counter()
    for w in words:
        chars = [".", *w, "."]
        pairs.update(zip(chars, chars[1:]))
    N = torch.zeros(len(stoi), len(stoi), dtype=torch.int64)
    for (a, b), c in pairs.items():
        N[stoi[a], stoi[b]] = c
    return N, stoi, pairs


def _nll(pairs: Counter, N: torch.Tensor, stoi, k: float) -> float:
    P = (N + k).double()
    P = P / P.sum(1, keepdim=True)
    total = sum(c * math.log(P[stoi[a], stoi[b]].item()) for (a, b), c in pairs.items())
    return -total / sum(pairs.values())


@pytest.mark.points(2)
def test_probabilities(load):
    """probabilities normalises each row (optionally after adding fake counts) without changing N."""
    m = load("bigram_model")
    N = torch.tensor([[0, 3, 1], [2, 2, 0], [5, 0, 5]])
    before = N.clone()
    P, (N,) = call_keeping_inputs(m.probabilities, N)  # N as the submission's probabilities left it
    assert P.shape == (3, 3) and P.is_floating_point(), "probabilities should return a float tensor shaped like N"
    assert torch.allclose(P.sum(1).double(), torch.ones(3, dtype=torch.float64), atol=1e-5), (
        "every row of P should sum to 1: divide each row by its own sum (sum over dim=1, keepdim=True)")
    expected = torch.tensor([[0, .75, .25], [.5, .5, 0], [.5, 0, .5]])
    assert torch.allclose(P.float(), expected, atol=1e-6), (
        "P[i, j] should be N[i, j] / N[i].sum(): check that you normalise rows, not columns")
    P1, (N,) = call_keeping_inputs(m.probabilities, N, smoothing=1)
    expected1 = torch.tensor([[1 / 7, 4 / 7, 2 / 7], [3 / 7, 3 / 7, 1 / 7], [6 / 13, 1 / 13, 6 / 13]])
    assert torch.allclose(P1.float(), expected1, atol=1e-6), "with smoothing=1, add 1 to every count before normalising"
    assert (P1 > 0).all(), "with smoothing > 0 no probability may be 0"
    assert torch.equal(N, before), "probabilities must not change N in place"


@pytest.mark.points(2)
def test_sample_names_seeded(load, data_dir):
    """sample_names with a seeded generator reproduces the reference draws."""
    m = load("bigram_model")
    words = _words(data_dir)
    N, stoi, _ = _counts(words)
    itos = {i: s for s, i in stoi.items()}
    P = N.float() / N.float().sum(1, keepdim=True)
    g = torch.Generator().manual_seed(2147483647)
    expected = []
    for _ in range(5):
        out, ix = [], 0
        while len(out) < 50:
            ix = torch.multinomial(P[ix], 1, replacement=True, generator=g).item()
            if ix == 0:
                break
            out.append(itos[ix])
        expected.append("".join(out))
    got = m.sample_names(P, itos, 5, torch.Generator().manual_seed(2147483647))
    assert isinstance(got, list) and len(got) == 5, "sample_names(..., n=5, ...) should return a list of 5 names"
    assert all("." not in name for name in got), "the names should not contain '.'"
    assert got == expected, (
        f"with Generator().manual_seed(2147483647) the names should be {expected}, got {got}: start at row 0, "
        "draw with torch.multinomial(P[ix], num_samples=1, replacement=True, generator=generator), stop at 0")


@pytest.mark.points(3)
def test_nll_on_names(load, data_dir):
    """nll gives the average negative log-likelihood of the whole file, without and with smoothing."""
    m = load("bigram_model")
    words = _words(data_dir)
    N, stoi, pairs = _counts(words)
    P = N.float() / N.float().sum(1, keepdim=True)
    got = m.nll(words, P, stoi)
    expected = _nll(pairs, N, stoi, 0)
    assert isinstance(got, float), f"nll should return a Python float, got {type(got).__name__} (use .item())"
    assert abs(got - math.log(27)) > 0.1, "nll equals ln 27: that is the uniform model, use P[a, b] of each bigram"
    # 231,447 bigrams: a float32 running sum (the lecture's loop, log_likelihood += torch.log(prob)) drifts by
    # about 2e-4 from the float64 value; every wrong reading of the task (no start or end '.', another
    # denominator, other counts) is off by more than 0.05, and the small cases below check to 1e-6
    tol = 1e-3
    assert abs(got - expected) < tol, (
        f"the average NLL of the file should be {expected:.6f}, got {got:.6f}: "
        "average -log P[a, b] over every '.'-wrapped bigram of every word")
    P1 = (N + 1).float() / (N + 1).float().sum(1, keepdim=True)
    expected1 = _nll(pairs, N, stoi, 1)
    got1 = m.nll(words, P1, stoi)
    assert abs(got1 - expected1) < tol, f"with +1 smoothing the NLL should be {expected1:.6f}, got {got1:.6f}"


@pytest.mark.points(2)
def test_nll_unseen_bigram(load, data_dir):
    """An unseen bigram gives an infinite loss; smoothing makes it finite."""
    m = load("bigram_model")
    words = _words(data_dir)
    N, stoi, _ = _counts(words)
    word = "simqeon"
    chars = [".", *word, "."]
    assert any(N[stoi[a], stoi[b]] == 0 for a, b in zip(chars, chars[1:])), "spec setup: 'simqeon' needs an unseen bigram"
    P = N.float() / N.float().sum(1, keepdim=True)
    got = m.nll([word], P, stoi)
    assert got == math.inf, f"nll(['{word}']) should be inf (one of its bigrams was never seen), got {got}"
    P1 = (N + 1).float() / (N + 1).float().sum(1, keepdim=True)
    expected = -sum(math.log(P1[stoi[a], stoi[b]].item()) for a, b in zip(chars, chars[1:])) / len(chars[1:])
    got1 = m.nll([word], P1, stoi)
    assert math.isfinite(got1) and abs(got1 - expected) < 1e-5, (
        f"with +1 smoothing nll(['{word}']) should be {expected:.4f}, got {got1}")
