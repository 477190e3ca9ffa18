"""Week 13, tasks 1-2, 12 and 18: the vocabulary, context windows and the train/dev/test split."""
from __future__ import annotations

import random

import torch


def build_vocab(words: list[str]) -> tuple[dict[str, int], dict[int, str]]:
    """(stoi, itos): '.' is 0 and the characters of `words` follow in alphabetical order (a-z -> 1-26)."""
    raise NotImplementedError


def build_dataset(words: list[str], block_size: int, stoi: dict[str, int]) -> tuple[torch.Tensor, torch.Tensor]:
    """Context windows and next characters: (X, Y).

    For every word the context starts as `block_size` zeros ('...'); for each character of the
    word and then the closing '.', the current context is a row of X and the character's index is
    the matching entry of Y; then the context slides by one (drop the oldest, append the new
    index). X is an (n, block_size) int64 tensor, Y an (n,) int64 tensor, with
    n = sum(len(w) + 1 for w in words). 'emma' gives the rows [0,0,0], [0,0,5], [0,5,13],
    [5,13,13], [13,13,1] and Y = [5, 13, 13, 1, 0].
    """
    raise NotImplementedError


def split_words(words: list[str], seed: int = 42) -> tuple[list[str], list[str], list[str]]:
    """Shuffle a copy of `words` with `random.Random(seed).shuffle` (the same order as
    `random.seed(seed); random.shuffle(...)`) and cut it at int(0.8 * n) and int(0.9 * n).

    Returns (train, dev, test) lists of words; `words` itself is not changed.
    """
    raise NotImplementedError
