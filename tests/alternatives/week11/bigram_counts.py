"""makemore part 1, the counting half, written as in the lecture notebook (alternative implementation)."""
from __future__ import annotations

from collections import Counter  # noqa: F401  (a plain dict b = {} is what the lecture uses)

import matplotlib.pyplot as plt
import torch

START, END = "<S>", "<E>"
DOT = "."


def load_words(path):
    words = open(path, 'r').read().splitlines()
    return [w for w in words if w.strip()]


def word_stats(words):
    return len(words), min(len(w) for w in words), max(len(w) for w in words)


def bigrams(word, special=True):
    chs = [START] + list(word) + [END] if special else list(word)
    out = []
    for ch1, ch2 in zip(chs, chs[1:]):
        out.append((ch1, ch2))
    return out


def count_bigrams(words):
    b = {}
    for w in words:
        chs = ['<S>'] + list(w) + ['<E>']
        for ch1, ch2 in zip(chs, chs[1:]):
            bigram = (ch1, ch2)
            b[bigram] = b.get(bigram, 0) + 1
    return b


def top_bigrams(counts, k):
    return sorted(counts.items(), key=lambda kv: -kv[1])[:k]


def build_vocab(words):
    chars = sorted(list(set(''.join(words))))
    stoi = {s: i+1 for i, s in enumerate(chars)}
    stoi['.'] = 0
    itos = {i: s for s, i in stoi.items()}
    return stoi, itos


def count_matrix(words, stoi):
    V = len(stoi)  # 27 for the names
    N = torch.zeros((V, V), dtype=torch.int32)
    for w in words:
        chs = ['.'] + list(w) + ['.']
        for ch1, ch2 in zip(chs, chs[1:]):
            ix1 = stoi[ch1]
            ix2 = stoi[ch2]
            N[ix1, ix2] += 1
    return N.long()  # the contract asks for int64


def plot_bigram_matrix(M, itos, title=""):
    V = M.shape[0]
    fig = plt.figure(figsize=(16, 16))
    plt.imshow(M, cmap='Blues')
    for i in range(V):
        for j in range(V):
            chstr = itos[i] + itos[j]
            plt.text(j, i, chstr, ha="center", va="bottom", color='gray')
            plt.text(j, i, M[i, j].item(), ha="center", va="top", color='gray')
    plt.axis('off')
    if title:
        plt.title(title)
    return fig
