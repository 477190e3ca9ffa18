"""makemore part 1, the neural-net half, as in the lecture (alternative implementation).

Plain tensors and autograd: the one-hot, the softmax and the loss are written out by hand.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import torch
from tqdm import tqdm

NUM_CLASSES = 27


def make_bigram_dataset(words, stoi):
    # create the training set of bigrams (x,y)
    xs, ys = [], []
    for w in words:
        chs = ['.'] + list(w) + ['.']
        for ch1, ch2 in zip(chs, chs[1:]):
            ix1 = stoi[ch1]
            ix2 = stoi[ch2]
            xs.append(ix1)
            ys.append(ix2)
    xs = torch.tensor(xs, dtype=torch.int64)
    ys = torch.tensor(ys, dtype=torch.int64)
    return xs, ys


def one_hot(xs, num_classes=NUM_CLASSES):
    num = xs.nelement()
    xenc = torch.zeros((num, num_classes), dtype=torch.float32)
    xenc[torch.arange(num), xs.view(-1)] = 1.0
    return xenc


def init_weights(generator, num_classes=NUM_CLASSES):
    W = torch.randn((num_classes, num_classes), generator=generator, requires_grad=True)
    return W


def forward_probs(xenc, W):
    logits = xenc @ W  # predict log-counts
    counts = logits.exp()  # counts, equivalent to N
    probs = counts / counts.sum(1, keepdims=True)  # probabilities for next character
    return probs


def loss_fn(probs, ys, W=None, reg=0.0):
    num = ys.nelement()
    loss = -probs[torch.arange(num), ys].log().mean()
    if reg != 0 and W is not None:
        loss = loss + reg * (W**2).mean()
    return loss


def _gradient_descent(xenc, ys, W, epochs, lr, reg):
    losses = []
    for k in tqdm(range(epochs)):

        # forward pass
        probs = forward_probs(xenc, W)
        loss = loss_fn(probs, ys, W, reg)
        losses.append(loss.item())

        # backward pass
        W.grad = None  # set to zero the gradient
        loss.backward()

        # update
        W.data += -lr * W.grad
    W.grad = None
    return W, losses


def train_bigram_nn(xs, ys, epochs=100, lr=70.0, reg=0.0, generator=None):
    W = init_weights(generator)
    xenc = one_hot(xs, num_classes=NUM_CLASSES)
    return _gradient_descent(xenc, ys, W, epochs, lr, reg)


def sample_names(W, itos, n, generator, max_len=50):
    g = generator
    names = []
    for i in range(n):
        out = []
        ix = 0
        while True:
            xenc = one_hot(torch.tensor([ix]), num_classes=NUM_CLASSES)
            p = forward_probs(xenc, W)[0]
            ix = torch.multinomial(p, num_samples=1, replacement=True, generator=g).item()
            if ix == 0:
                break
            out.append(itos[ix])
            if len(out) >= max_len:
                break
        names.append(''.join(out))
    return names


def plot_losses(losses):
    fig = plt.figure()
    plt.plot(range(1, len(losses) + 1), losses)
    plt.xlabel('epoch')
    plt.ylabel('loss')
    return fig


def make_trigram_dataset(words, stoi):
    xs, ys = [], []
    for w in words:
        chs = ['.', '.'] + list(w) + ['.']
        for ch1, ch2, ch3 in zip(chs, chs[1:], chs[2:]):
            xs.append([stoi[ch1], stoi[ch2]])
            ys.append(stoi[ch3])
    xs = torch.tensor(xs, dtype=torch.int64).view(-1, 2)
    ys = torch.tensor(ys, dtype=torch.int64)
    return xs, ys


def train_trigram_nn(xs, ys, epochs=100, lr=50.0, reg=0.0, generator=None):
    W = torch.randn((2 * NUM_CLASSES, NUM_CLASSES), generator=generator, requires_grad=True)
    xenc = one_hot(xs.reshape(-1), num_classes=NUM_CLASSES).view(-1, 2 * NUM_CLASSES)
    return _gradient_descent(xenc, ys, W, epochs, lr, reg)
