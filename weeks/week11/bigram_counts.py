"""Week 11, tasks 1-7: the names data set, bigrams, the vocabulary and the count matrix."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import matplotlib.pyplot as plt
import torch
from matplotlib.figure import Figure

START, END = "<S>", "<E>"  # the special tokens of tasks 3-5
DOT = "."  # the single token that replaces both from task 6 on


def load_words(path: str | Path) -> list[str]:
    """Read the names file at `path` (a str or a Path): one name per line.

    Returns the names in file order as a list of str, without newline characters; blank lines are
    skipped. The file is only read, never changed.
    """
    raise NotImplementedError


def word_stats(words: list[str]) -> tuple[int, int, int]:
    """Return (number of words, length of the shortest word, length of the longest word) as ints."""
    raise NotImplementedError


def bigrams(word: str, special: bool = True) -> list[tuple[str, str]]:
    """The consecutive character pairs of `word`, in order, as a list of 2-tuples of str.

    With `special=True` the word is wrapped in the tokens START ('<S>') and END ('<E>') first, so
    'ab' gives [('<S>', 'a'), ('a', 'b'), ('b', '<E>')]; with `special=False` only the letter pairs
    are returned ('ab' gives [('a', 'b')]).
    """
    raise NotImplementedError


def count_bigrams(words: list[str]) -> Counter:
    """Count every bigram of every word (with '<S>'/'<E>', as `bigrams(w, special=True)`).

    Returns a collections.Counter (a dict works too) mapping (first, second) to its count.
    """
    raise NotImplementedError


def top_bigrams(counts: Counter, k: int) -> list[tuple[tuple[str, str], int]]:
    """The k most frequent bigrams as a list of ((first, second), count), highest count first.

    `counts` is what `count_bigrams` returns. Ties may come in any order.
    """
    raise NotImplementedError


def build_vocab(words: list[str]) -> tuple[dict[str, int], dict[int, str]]:
    """Build the character vocabulary of `words`: (stoi, itos).

    stoi maps '.' to 0 and every character that occurs in `words` to 1, 2, ... in alphabetical
    order (for names with all 26 letters: 'a' -> 1, ..., 'z' -> 26). itos is the inverse dict
    (int -> str).
    """
    raise NotImplementedError


def count_matrix(words: list[str], stoi: dict[str, int]) -> torch.Tensor:
    """The (V, V) int64 count matrix, V = len(stoi).

    Every word is wrapped in '.' on both sides ('.emma.'), and N[stoi[a], stoi[b]] counts how often
    character b follows character a. N.sum() is therefore sum(len(w) + 1 for w in words).
    """
    raise NotImplementedError


def plot_bigram_matrix(M: torch.Tensor, itos: dict[int, str], title: str = "") -> Figure:
    """Draw a (V, V) count or probability matrix as a heat map and return the Figure.

    The figure has one Axes with one image (imshow) of M, and every cell carries a text with its
    bigram (itos[i] + itos[j], e.g. 'em') and a text with its value.
    """
    raise NotImplementedError
