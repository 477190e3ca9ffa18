"""Hidden specs of week 12."""
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F

from week12_rules import written_by_hand  # a helper module beside the specs: the README's by-hand rule

pytestmark = pytest.mark.hidden

SEED = 2147483647
STOI = {".": 0, **{c: i + 1 for i, c in enumerate("abcdefghijklmnopqrstuvwxyz")}}


def _pairs(words):
    xs, ys = [], []
    for w in words:
        chars = [".", *w, "."]
        xs += [STOI[c] for c in chars[:-1]]
        ys += [STOI[c] for c in chars[1:]]
    return torch.tensor(xs), torch.tensor(ys)


def _words(data_dir: Path) -> list[str]:
    return [w for w in (data_dir / "names.txt").read_text(encoding="utf-8").split("\n") if w]


@pytest.mark.points(1)
def test_dataset_small_vocab(load):
    """make_bigram_dataset with another vocabulary and several words."""
    m = load("neural_bigram")
    xs, ys = m.make_bigram_dataset(["ab", "b"], {".": 0, "a": 1, "b": 2})
    assert xs.tolist() == [0, 1, 2, 0, 2] and ys.tolist() == [1, 2, 0, 2, 0], (
        "make_bigram_dataset is wrong for a small vocabulary with two words")


@pytest.mark.points(1)
def test_loss_reg_hand(load):
    """loss_fn on a hand-made case."""
    m = load("neural_bigram")
    probs = torch.tensor([[0.5, 0.25, 0.25], [0.1, 0.1, 0.8]])
    ys = torch.tensor([1, 2])
    W = torch.tensor([[1.0, -1.0], [2.0, 0.0]])
    expected = -(torch.tensor(0.25).log() + torch.tensor(0.8).log()).item() / 2
    with written_by_hand():
        plain, reg = m.loss_fn(probs, ys, W, 0.0).item(), m.loss_fn(probs, ys, W, 0.5).item()
    assert abs(plain - expected) < 1e-6, "loss_fn without reg is wrong on a small case"
    assert abs(reg - (expected + 0.5 * 1.5)) < 1e-6, (
        "the L2 term should be reg times the mean of the squared weights")


@pytest.mark.points(1)
@pytest.mark.timeout(30)
def test_regularisation_shrinks_weights(load, data_dir):
    """A strong L2 term gives smaller weights and a higher data loss."""
    m = load("neural_bigram")
    xs, ys = _pairs(_words(data_dir)[:500])
    with written_by_hand():
        W0, _ = m.train_bigram_nn(xs, ys, epochs=50, lr=50.0, reg=0.0, generator=torch.Generator().manual_seed(SEED))
        W1, l1 = m.train_bigram_nn(xs, ys, epochs=50, lr=50.0, reg=1.0, generator=torch.Generator().manual_seed(SEED))
    assert (W1 ** 2).mean() < 0.5 * (W0 ** 2).mean(), "with reg=1 the weights should shrink towards 0"
    assert F.cross_entropy(W1.detach()[xs], ys) > F.cross_entropy(W0.detach()[xs], ys), (
        "with reg=1 the data loss should be higher than without")
    assert abs(l1[0] - (F.cross_entropy(torch.randn((27, 27), generator=torch.Generator().manual_seed(SEED))[xs], ys)
                        + (torch.randn((27, 27), generator=torch.Generator().manual_seed(SEED)) ** 2).mean()).item()) < 1e-4, (
        "the first recorded loss with reg should include the L2 term")


@pytest.mark.points(1)
def test_sample_peaked(load):
    """Sampling from a net with one huge weight per row follows that chain."""
    m = load("neural_bigram")
    W = torch.full((27, 27), -50.0)
    W[0, 2] = W[2, 1] = W[1, 0] = 50.0  # . -> b -> a -> .
    with written_by_hand():
        names = m.sample_names(W, {i: c for c, i in STOI.items()}, 3, torch.Generator().manual_seed(0))
    assert names == ["ba"] * 3, "sampling should follow softmax(W[ix]) and stop at '.'"


@pytest.mark.points(2)
@pytest.mark.timeout(60)
def test_trigram_beats_bigram(load, data_dir):
    """The trigram net's training loss beats the best bigram model on the same words."""
    m = load("neural_bigram")
    words = _words(data_dir)[:2000]
    xs, ys = _pairs(words)
    N = torch.zeros(27, 27, dtype=torch.float64)
    N.index_put_((xs, ys), torch.ones(len(xs), dtype=torch.float64), accumulate=True)
    bigram_best = -(N / N.sum(1, keepdim=True).clamp(min=1))[xs, ys].log().mean().item()
    X3, Y3 = m.make_trigram_dataset(words, STOI)
    with written_by_hand():
        W, losses = m.train_trigram_nn(X3, Y3, epochs=150, lr=50.0, reg=0.0,
                                       generator=torch.Generator().manual_seed(SEED))
    assert tuple(W.shape) == (54, 27), "the trigram W should be (54, 27): two one-hot vectors side by side"
    # the returned weights, judged on trigrams the spec builds itself: one-hot(first) | one-hot(second) @ W
    x1, x2, y3 = [], [], []
    for w in words:
        chars = [".", ".", *w, "."]
        for a, b, c in zip(chars, chars[1:], chars[2:]):
            x1.append(STOI[a]), x2.append(STOI[b]), y3.append(STOI[c])
    W = W.detach().float()
    logits = W[:27][torch.tensor(x1)] + W[27:][torch.tensor(x2)]
    final = F.cross_entropy(logits, torch.tensor(y3)).item()
    assert final < bigram_best - 0.02, (
        "after 150 epochs the trigram net should beat the best bigram model on the same words; "
        "check the concatenated one-hot inputs (the first character's 27 columns, then the second's) and the update")
    assert len(losses) == 150, "train_trigram_nn should return one loss per epoch"


@pytest.mark.points(1)
def test_defaults_of_the_signatures(load):
    """The defaults the stubs declare: no regularisation, lr 70 (bigram) and 50 (trigram), 100 epochs, max_len 50."""
    m = load("neural_bigram")
    xs, ys = _pairs(["emma", "ava", "olivia", "mia"])
    g = lambda: torch.Generator().manual_seed(SEED)  # noqa: E731
    probs = torch.softmax(torch.randn((len(xs), 27), generator=g()), dim=1)
    W = torch.randn((27, 27), generator=g())
    with written_by_hand():
        plain = m.loss_fn(probs, ys, W).item()
    assert abs(plain - (-probs[torch.arange(len(ys)), ys].log().mean().item())) < 1e-5, \
        "loss_fn's reg should default to 0.0 (no L2 term)"

    def one_step(W0: torch.Tensor, xenc: torch.Tensor, lr: float) -> torch.Tensor:
        W0 = W0.clone().requires_grad_()
        F.cross_entropy(xenc @ W0, ys).backward()
        return (W0 - lr * W0.grad).detach()

    xenc = F.one_hot(xs, 27).float()
    with written_by_hand():
        W1, losses = m.train_bigram_nn(xs, ys, epochs=1, generator=g())
    expected = one_step(torch.randn((27, 27), generator=g()), xenc, 70.0)
    assert torch.allclose(torch.as_tensor(W1).float(), expected, rtol=1e-3, atol=1e-3), \
        "train_bigram_nn's lr should default to 70.0 (one epoch from init_weights moves W by 70 * grad)"
    x3 = torch.stack([xs[:-1], xs[1:]], dim=1)
    y3 = ys[1:]
    xenc3 = torch.cat([F.one_hot(x3[:, 0], 27), F.one_hot(x3[:, 1], 27)], dim=1).float()
    with written_by_hand():
        W3, _ = m.train_trigram_nn(x3, y3, epochs=1, generator=g())
    W0 = torch.randn((54, 27), generator=g()).requires_grad_()
    F.cross_entropy(xenc3 @ W0, y3).backward()
    assert torch.allclose(torch.as_tensor(W3).float(), (W0 - 50.0 * W0.grad).detach(), rtol=1e-3, atol=1e-3), \
        "train_trigram_nn's lr should default to 50.0 (one epoch moves W by 50 * grad)"
    with written_by_hand():
        _, losses = m.train_bigram_nn(xs, ys, lr=1.0, generator=g())
        _, losses3 = m.train_trigram_nn(x3, y3, lr=1.0, generator=g())
    assert len(losses) == 100 and len(losses3) == 100, "epochs should default to 100 in both training functions"
    never_ends = torch.full((27, 27), -50.0)
    never_ends[:, 1] = 50.0  # every row goes to 'a', never to '.'
    itos = {i: c for c, i in STOI.items()}
    with written_by_hand():
        short = m.sample_names(never_ends, itos, 1, g(), max_len=7)
        default = m.sample_names(never_ends, itos, 1, g())
    assert short == ["a" * 7], "a name should stop after max_len characters"
    assert default == ["a" * 50], "sample_names's max_len should default to 50"
