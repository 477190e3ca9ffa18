"""Week 14, part A: characters to integers, a train/val split, and random batches of contexts.

Fill in every function and method below; each body now only raises NotImplementedError.
"""
from __future__ import annotations

from pathlib import Path

import torch


def load_text(path: str | Path) -> str:
    """Return the whole file at `path` (a str or a Path) as one string, read as UTF-8, unchanged."""
    raise NotImplementedError


class CharTokenizer:
    """A character-level tokenizer built from a text.

    The vocabulary is the sorted list of the distinct characters of `text`; a character's id is its index
    in that list (so for tiny shakespeare '\\n' is 0 and ' ' is 1).

    Attributes/methods to provide:
        vocab_size (int): the number of distinct characters: a plain attribute set in __init__
            (self.vocab_size = ...), or a property if you prefer.
        encode(s: str) -> list[int]: the ids of the characters of `s`; a character that is not in the
            vocabulary raises KeyError.
        decode(ids) -> str: the inverse of encode; `ids` is a list of ints or a 1-D tensor.
    """

    def __init__(self, text: str) -> None:
        raise NotImplementedError

    def encode(self, s: str) -> list[int]:
        raise NotImplementedError

    def decode(self, ids) -> str:
        raise NotImplementedError


def encode_text(text: str, tokenizer: CharTokenizer) -> torch.Tensor:
    """The whole text as a 1-D tensor of token ids, dtype torch.int64 (torch.long), shape (len(text),)."""
    raise NotImplementedError


def train_val_split(data: torch.Tensor, train_fraction: float = 0.9) -> tuple[torch.Tensor, torch.Tensor]:
    """Split contiguously, without shuffling: the first n = int(train_fraction * len(data)) tokens are the
    training split, the remaining ones the validation split. Returns (train, val)."""
    raise NotImplementedError


def context_target_pairs(chunk: torch.Tensor) -> list[tuple[torch.Tensor, int]]:
    """A chunk of block_size + 1 tokens holds block_size training examples.

    Returns a list of block_size pairs (context, target): example t (0-based) has the context chunk[:t+1]
    (a tensor) and the target int(chunk[t+1]).
    """
    raise NotImplementedError


def get_batch(data: torch.Tensor, block_size: int, batch_size: int,
              generator: torch.Generator | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """A random batch of windows of the 1-D tensor `data`.

    Draw the start offsets with exactly
        torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    (so a seeded generator gives a reproducible batch). Row b of x is data[s : s + block_size] for the
    b-th offset s, and row b of y is data[s + 1 : s + block_size + 1]: the targets are the inputs shifted by
    one. Returns (x, y), both of shape (batch_size, block_size) and the dtype of `data`.
    """
    raise NotImplementedError
