"""Week 13, tasks 1-2, 12 and 18: vocabulary, context windows and the split by words.

On the five names of the course sheet (emma, olivia, ava, isabella, sophia) the sheet's numbers
reproduce exactly; on DATA/names.txt the oracles are computed here.
"""
import random

import pytest
import torch
from names_data import FIVE, STOI, windows, words_of  # a helper module beside the specs

from autograder.boundary import in_worker


@in_worker
def split_in_worker(split_words, words, seed):
    """Runs in the worker: split_words(words, seed), then the caller's list (the worker's copy) as it is afterwards."""
    parts = split_words(words, seed)
    return parts, words


@pytest.mark.points(1)
def test_build_vocab(load, data_dir):
    """build_vocab maps '.' to 0 and a..z to 1..26; itos is the inverse."""
    m = load("mlp_data")
    stoi, itos = m.build_vocab(words_of(data_dir))
    assert stoi == STOI, "stoi should map '.' to 0 and 'a'..'z' to 1..26"
    assert itos == {i: c for c, i in STOI.items()}, "itos should be {0: '.', 1: 'a', ..., 26: 'z'}"


@pytest.mark.points(2)
def test_build_dataset_five_words(load):
    """build_dataset on five names gives 32 context windows of 3 characters."""
    m = load("mlp_data")
    X, Y = m.build_dataset(FIVE, 3, STOI)
    assert tuple(X.shape) == (32, 3) and tuple(Y.shape) == (32,), (
        f"five names with block_size 3 give X of (32, 3) and Y of (32,), got {tuple(X.shape)} and {tuple(Y.shape)}")
    assert X.dtype == torch.int64 and Y.dtype == torch.int64, "X and Y should be int64 (they index the embedding table)"
    assert X[:7].tolist() == [[0, 0, 0], [0, 0, 5], [0, 5, 13], [5, 13, 13], [13, 13, 1], [0, 0, 0], [0, 0, 15]], (
        "X should start [0,0,0], [0,0,5], [0,5,13], [5,13,13], [13,13,1], then a fresh [0,0,0] for 'olivia'")
    assert Y[:6].tolist() == [5, 13, 13, 1, 0, 15], "Y should be the character after each context, '.' (0) ending a word"


@pytest.mark.points(1)
def test_build_dataset_file(load, data_dir):
    """build_dataset on the whole names file matches the reference windows."""
    m = load("mlp_data")
    words = words_of(data_dir)
    X, Y = m.build_dataset(words, 3, STOI)
    EX, EY = windows(words, 3)
    assert X.shape == EX.shape, f"the file gives {len(EX)} windows (one per character plus the closing '.'), got {len(X)}"
    assert torch.equal(X, EX) and torch.equal(Y, EY), "some windows of the names file differ from the reference"


@pytest.mark.points(2)
def test_split_words(load, data_dir):
    """split_words shuffles with seed 42 (the default) and cuts 80/10/10 by words."""
    m = load("mlp_data")
    words = words_of(data_dir)
    before = list(words)
    (train, dev, test), after = split_in_worker(m.split_words, words, 42)  # the caller's list lives in the worker
    assert after == before, "split_words must not shuffle the caller's list: shuffle a copy"
    expected = list(words)
    random.Random(42).shuffle(expected)
    n1, n2 = int(0.8 * len(words)), int(0.9 * len(words))
    assert (len(train), len(dev), len(test)) == (n1, n2 - n1, len(words) - n2), (
        f"the split sizes should be {n1}/{n2 - n1}/{len(words) - n2} words (cut at int(0.8 n) and int(0.9 n))")
    assert list(train) == expected[:n1] and list(dev) == expected[n1:n2] and list(test) == expected[n2:], (
        "the split should follow random.seed(42); random.shuffle(copy) (or random.Random(42).shuffle)")
    default = m.split_words(words)
    assert [list(part) for part in default] == [list(train), list(dev), list(test)], \
        "split_words' default seed is 42: split_words(words) should equal split_words(words, 42)"
