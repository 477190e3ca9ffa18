"""makemore part 2: the MLP of Bengio et al. from raw tensors, written the way the lecture does it."""
from __future__ import annotations

import torch
import torch.nn.functional as F
from tqdm import tqdm

TANH_GAIN = 5 / 3


def init_mlp(generator, vocab_size=27, emb_dim=10, hidden=200, block_size=3, init="default"):
    if init not in ("default", "output", "both", "kaiming"):
        raise ValueError(f"unknown init {init!r}")
    g = generator
    n_embd, n_hidden = emb_dim, hidden
    C = torch.randn((vocab_size, n_embd), generator=g)
    W1 = torch.randn((n_embd * block_size, n_hidden), generator=g)
    b1 = torch.randn(n_hidden, generator=g)
    W2 = torch.randn((n_hidden, vocab_size), generator=g)
    b2 = torch.randn(vocab_size, generator=g)
    if init != "default":
        W2 = W2 * 0.01
        b2 = b2 * 0
    if init == "both":
        W1 = W1 * 0.2
        b1 = b1 * 0.01
    if init == "kaiming":
        W1 = W1 * (5/3)/((n_embd * block_size)**0.5)
        b1 = b1 * 0.01
    parameters = [C, W1, b1, W2, b2]
    for p in parameters:
        p.requires_grad = True
    return parameters


def num_params(params):
    return sum(p.nelement() for p in params)


def hidden_layer(params, X):
    C, W1, b1, W2, b2 = params
    emb = C[X]  # (n, block_size, n_embd)
    embcat = emb.view(emb.shape[0], -1)  # concatenate the vectors
    hpreact = embcat @ W1 + b1  # hidden layer pre-activation
    h = torch.tanh(hpreact)  # hidden layer
    return hpreact, h


def mlp_forward(params, X):
    C, W1, b1, W2, b2 = params
    _, h = hidden_layer(params, X)
    logits = h @ W2 + b2  # output layer
    return logits


def step_schedule(lr, decay_step, factor=0.1):
    return lambda i: lr if i < decay_step else lr * factor


def learning_rates(n, low=-3.0, high=0.0):
    lre = torch.linspace(low, high, n)
    lrs = 10**lre
    return lrs


def train_mlp(params, X, Y, steps, lr_schedule, batch_size=32, generator=None):
    lossi = []
    for i in tqdm(range(steps)):

        # minibatch construct
        if batch_size is None:
            Xb, Yb = X, Y
        else:
            ix = torch.randint(0, X.shape[0], (batch_size,), generator=generator)
            Xb, Yb = X[ix], Y[ix]  # batch X,Y

        # forward pass
        logits = mlp_forward(params, Xb)
        loss = F.cross_entropy(logits, Yb)  # loss function
        lossi.append(loss.item())

        # backward pass
        for p in params:
            p.grad = None
        loss.backward()

        # update
        lr = lr_schedule(i)
        for p in params:
            p.data += -lr * p.grad
    return lossi


@torch.no_grad()  # this decorator disables gradient tracking
def eval_loss(params, X, Y):
    logits = mlp_forward(params, X)
    loss = F.cross_entropy(logits, Y)
    return loss.item()


@torch.no_grad()
def sample_names(params, itos, n, block_size, generator, max_len=50):
    C, W1, b1, W2, b2 = params
    g = generator
    names = []
    for _ in range(n):
        out = []
        context = [0] * block_size  # initialize with all ...
        while True:
            emb = C[torch.tensor([context])]  # (1,block_size,d)
            h = torch.tanh(emb.view(1, -1) @ W1 + b1)
            logits = h @ W2 + b2
            probs = F.softmax(logits, dim=1)
            ix = torch.multinomial(probs, num_samples=1, generator=g).item()
            if ix == 0:
                break
            context = context[1:] + [ix]
            out.append(ix)
            if len(out) >= max_len:
                break
        names.append(''.join(itos[i] for i in out))
    return names
