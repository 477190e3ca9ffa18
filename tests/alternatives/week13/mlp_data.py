"""makemore part 2, the data: vocabulary, context windows and the 80/10/10 split, as in the lecture."""
from __future__ import annotations

import random

import torch


def build_vocab(words):
    chars = sorted(list(set(''.join(words))))
    stoi = {s: i+1 for i, s in enumerate(chars)}
    stoi['.'] = 0
    itos = {i: s for s, i in stoi.items()}
    return stoi, itos


def build_dataset(words, block_size, stoi):
    X, Y = [], []
    for w in words:
        context = [0] * block_size
        for ch in w + '.':
            ix = stoi[ch]
            X.append(context)
            Y.append(ix)
            context = context[1:] + [ix]  # crop and append
    X = torch.tensor(X, dtype=torch.int64).view(-1, block_size)
    Y = torch.tensor(Y, dtype=torch.int64)
    return X, Y


def split_words(words, seed=42):
    words = list(words)  # shuffle a copy: the caller's list stays as it is
    random.seed(seed)
    random.shuffle(words)
    n1 = int(0.8*len(words))
    n2 = int(0.9*len(words))
    return words[:n1], words[n1:n2], words[n2:]
