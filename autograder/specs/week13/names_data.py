"""Shared by the week 13 specs: the sheet's five names, the character ids, and context windows."""
from pathlib import Path

import torch

FIVE = ["emma", "olivia", "ava", "isabella", "sophia"]
STOI = {".": 0, **{c: i + 1 for i, c in enumerate("abcdefghijklmnopqrstuvwxyz")}}


def words_of(data_dir: Path) -> list[str]:
    return [w for w in (data_dir / "names.txt").read_text(encoding="utf-8").split("\n") if w]


def windows(words, block_size=3):
    flat, Y = [], []  # one flat list is much faster to turn into a tensor than a list of rows
    for w in words:
        ids = [0] * block_size + [STOI[ch] for ch in w] + [0]
        for t in range(block_size, len(ids)):
            flat += ids[t - block_size:t]
            Y.append(ids[t])
    return torch.tensor(flat, dtype=torch.int64).view(-1, block_size), torch.tensor(Y, dtype=torch.int64)
