"""Hidden specs of week 11, tasks 7-11."""
import math

import pytest
import torch

pytestmark = pytest.mark.hidden


@pytest.mark.points(1)
def test_sample_deterministic_chain(load):
    """Sampling from a deterministic chain spells the only possible name."""
    m = load("bigram_model")
    itos = {0: ".", 1: "a", 2: "b", 3: "c"}
    P = torch.tensor([[0., 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 1], [0, 1, 0, 0]])  # . -> b -> c -> a -> .
    names = m.sample_names(P, itos, 3, torch.Generator().manual_seed(1))
    assert names == ["bca"] * 3, "sampling must follow the rows of P and stop at '.'"


@pytest.mark.points(1)
def test_sample_max_len(load):
    """Sampling stops at max_len characters when '.' never comes."""
    m = load("bigram_model")
    itos = {0: ".", 1: "a"}
    P = torch.tensor([[0., 1], [0, 1]])
    names = m.sample_names(P, itos, 2, torch.Generator().manual_seed(1), max_len=7)
    assert names == ["aaaaaaa"] * 2, "a name should stop after max_len characters"
    assert m.sample_name(P, itos, torch.Generator().manual_seed(1)) == "a" * 50, \
        "sample_name's max_len should default to 50 characters"
    assert m.sample_names(P, itos, 1, torch.Generator().manual_seed(1)) == ["a" * 50], \
        "sample_names's max_len should default to 50 characters"


@pytest.mark.points(1)
def test_nll_uniform_and_hand(load):
    """nll of a uniform model is ln V; on one word it matches a hand computation."""
    m = load("bigram_model")
    stoi = {".": 0, "a": 1, "b": 2}
    U = torch.full((3, 3), 1 / 3)
    assert abs(m.nll(["ab", "ba", "a"], U, stoi) - math.log(3)) < 1e-6, "under a uniform model the NLL is ln V"
    P = torch.tensor([[0., .5, .5], [.25, .25, .5], [.5, .5, 0]])
    expected = -(math.log(.5) + math.log(.5) + math.log(.5)) / 3  # .a, ab, b.
    assert abs(m.nll(["ab"], P, stoi) - expected) < 1e-6, "nll of one word is wrong: average over its bigrams"
    expected2 = -(3 * math.log(.5) + math.log(.5) + math.log(.25)) / 5  # .a ab b. | .a a.
    assert abs(m.nll(["ab", "a"], P, stoi) - expected2) < 1e-6, (
        "nll over two words should average over all their bigrams together")
