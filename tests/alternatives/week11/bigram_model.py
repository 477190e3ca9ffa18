"""makemore part 1, the model half: normalise, sample, and the log-likelihood loop of the lecture."""
from __future__ import annotations

import torch


def probabilities(N, smoothing=0.0):
    P = (N + smoothing).float()
    P /= P.sum(1, keepdims=True)
    return P


def sample_name(P, itos, generator, max_len=50):
    g = generator
    out = []
    ix = 0
    while True:
        p = P[ix]
        ix = torch.multinomial(p, num_samples=1, replacement=True, generator=g).item()
        if ix == 0:
            break
        out.append(itos[ix])
        if len(out) >= max_len:
            break
    return ''.join(out)


def sample_names(P, itos, n, generator, max_len=50):
    return [sample_name(P, itos, generator, max_len=max_len) for _ in range(n)]


def nll(words, P, stoi):
    log_likelihood = 0.0
    n = 0
    for w in words:
        chs = ['.'] + list(w) + ['.']
        for ch1, ch2 in zip(chs, chs[1:]):
            ix1 = stoi[ch1]
            ix2 = stoi[ch2]
            prob = P[ix1, ix2]
            logprob = torch.log(prob)
            log_likelihood += logprob
            n += 1
    nll = -log_likelihood
    return (nll / n).item()
