"""Week 14, part A: characters to integers, a train/val split, and random batches of contexts."""
from __future__ import annotations

from pathlib import Path

import torch


def load_text(path: str | Path) -> str:
    """The whole file at `path` as one string (UTF-8)."""
    return Path(path).read_text(encoding="utf-8")


class CharTokenizer:
    """A character-level tokenizer: a character's id is its index in the sorted list of distinct characters."""

    def __init__(self, text: str) -> None:
        self.chars: list[str] = sorted(set(text))  # the vocabulary, in sorted order
        self.stoi = {ch: i for i, ch in enumerate(self.chars)}
        self.itos = {i: ch for i, ch in enumerate(self.chars)}

    @property
    def vocab_size(self) -> int:
        return len(self.chars)

    def encode(self, s: str) -> list[int]:
        return [self.stoi[ch] for ch in s]  # an unknown character raises KeyError

    def decode(self, ids) -> str:
        if isinstance(ids, torch.Tensor):
            ids = ids.tolist()
        return "".join(self.itos[int(i)] for i in ids)


def encode_text(text: str, tokenizer: CharTokenizer) -> torch.Tensor:
    """The whole text as a 1-D int64 tensor of token ids."""
    return torch.tensor(tokenizer.encode(text), dtype=torch.long)


def train_val_split(data: torch.Tensor, train_fraction: float = 0.9) -> tuple[torch.Tensor, torch.Tensor]:
    """Contiguous split: the first int(train_fraction * len) tokens train, the rest validate."""
    n = int(train_fraction * len(data))
    return data[:n], data[n:]


def context_target_pairs(chunk: torch.Tensor) -> list[tuple[torch.Tensor, int]]:
    """A chunk of block_size + 1 tokens holds block_size examples: (chunk[:t+1], chunk[t+1])."""
    x, y = chunk[:-1], chunk[1:]
    return [(x[: t + 1], int(y[t])) for t in range(len(x))]


def get_batch(data: torch.Tensor, block_size: int, batch_size: int,
              generator: torch.Generator | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """batch_size random windows of the data: inputs x and the targets y, which are x shifted by one."""
    ix = torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    x = torch.stack([data[i : i + block_size] for i in ix])
    y = torch.stack([data[i + 1 : i + block_size + 1] for i in ix])
    return x, y
