"""The data half of "Let's build GPT" (gpt-dev.ipynb), written as in the lecture (alternative implementation)."""
from __future__ import annotations

import torch


def load_text(path):
    # read it in to inspect it
    with open(path, 'r', encoding='utf-8') as f:
        text = f.read()
    return text


class CharTokenizer:

    def __init__(self, text):
        # here are all the unique characters that occur in this text
        chars = sorted(list(set(text)))
        self.vocab_size = len(chars)
        # create a mapping from characters to integers
        self.stoi = {ch: i for i, ch in enumerate(chars)}
        self.itos = {i: ch for i, ch in enumerate(chars)}

    def encode(self, s):
        return [self.stoi[c] for c in s]  # encoder: take a string, output a list of integers

    def decode(self, l):
        return ''.join([self.itos[int(i)] for i in l])  # decoder: take a list of integers, output a string


def encode_text(text, tokenizer):
    data = torch.tensor(tokenizer.encode(text), dtype=torch.long)
    return data


def train_val_split(data, train_fraction=0.9):
    n = int(train_fraction*len(data))  # first 90% will be train, rest val
    train_data = data[:n]
    val_data = data[n:]
    return train_data, val_data


def context_target_pairs(chunk):
    block_size = len(chunk) - 1
    x = chunk[:block_size]
    y = chunk[1:block_size+1]
    pairs = []
    for t in range(block_size):
        context = x[:t+1]
        target = y[t]
        pairs.append((context, int(target)))
    return pairs


def get_batch(data, block_size, batch_size, generator=None):
    # generate a small batch of data of inputs x and targets y
    ix = torch.randint(len(data) - block_size, (batch_size,), generator=generator)
    x = torch.stack([data[i:i+block_size] for i in ix])
    y = torch.stack([data[i+1:i+block_size+1] for i in ix])
    return x, y
