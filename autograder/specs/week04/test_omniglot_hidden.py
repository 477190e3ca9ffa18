"""Hidden specs for week 04, Omniglot-style glyphs."""
import numpy as np
import pytest
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from week04_folders import drawings  # counted from the folders

from autograder.boundary import in_worker

pytestmark = pytest.mark.hidden


def batches(n=32, k_alpha=3, k_char=9, size=16, seed=0):
    g = torch.Generator().manual_seed(seed)
    y = torch.randint(0, k_char, (n,), generator=g)
    a = nn.functional.one_hot(y % k_alpha, k_alpha).float()
    return DataLoader(TensorDataset(torch.rand(n, 1, size, size, generator=g), a, y), batch_size=8)


def tiny_two_output(k_alpha, k_char):
    """A small two-head model. Self-contained: built here for the reference loop, and in the worker (a class of a
    spec file cannot cross) through in_worker, by twins() below."""
    from torch import nn

    class Tiny(nn.Module):
        def __init__(self):
            super().__init__()
            self.trunk = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.MaxPool2d(2), nn.ELU(), nn.Flatten(), nn.Linear(256, 16))
            self.head_a, self.head_c = nn.Linear(16, k_alpha), nn.Linear(16, k_char)

        def forward(self, x):
            h = self.trunk(x)
            return self.head_a(h), self.head_c(h)
    return Tiny()


def tiny_two_input(k_alpha, k_char):
    """A small (image, alphabet) model. Self-contained, like tiny_two_output."""
    import torch
    from torch import nn

    class TinyTwoInput(nn.Module):
        def __init__(self):
            super().__init__()
            self.image = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.MaxPool2d(2), nn.ELU(), nn.Flatten(), nn.Linear(256, 16))
            self.alphabet = nn.Linear(k_alpha, 4)
            self.head = nn.Linear(20, k_char)

        def forward(self, x_image, x_alphabet):
            return self.head(torch.cat([self.image(x_image), self.alphabet(x_alphabet)], dim=1))
    return TinyTwoInput()


def twins(build, k_alpha, k_char):
    """build(k_alpha, k_char) in the worker (a proxy the submission trains) and here (the reference), same weights."""
    model = in_worker(build)(k_alpha, k_char)
    ref = build(k_alpha, k_char)
    ref.load_state_dict(model.state_dict())
    return model, ref


@in_worker
def train_in_worker(train_fn, model, loader, opt_name, opt_kwargs, epochs, **kwargs):
    """Runs in the worker: an optimizer over the model's own parameters, then train_fn(model, loader, optimizer,
    epochs, **kwargs). Returns what train_fn returned and the parameters after training."""
    import torch

    optimizer = getattr(torch.optim, opt_name)(model.parameters(), **opt_kwargs)
    history = train_fn(model, loader, optimizer, epochs, **kwargs)
    return history, [p.detach().clone() for p in model.parameters()]


@pytest.mark.points(1)
def test_test_split_labels_match_train(load, data_dir):
    """omniglot_test numbers alphabets and characters like omniglot_train."""
    m = load("omniglot")
    ds = m.OmniglotDataset(data_dir / "omniglot_test")
    items = drawings(data_dir / "omniglot_test")
    assert len(ds) == len(items), "the dataset over omniglot_test should hold every drawing in its folders"
    train = {(f.parent.parent.name, f.parent.name): (a, c) for a, c, f in drawings(data_dir / "omniglot_train")}
    for k in (0, len(items) // 3, len(items) - 1):
        a, c, f = items[k]
        _, alpha, label = ds[k]
        assert (int(alpha.argmax()), int(label)) == (a, c) == train[(f.parent.parent.name, f.parent.name)], \
            "labels of the test split should follow the same sorted alphabet/character order as the training split"


@pytest.mark.points(1)
def test_two_input_net_other_sizes(load):
    """TwoInputNet(num_alphabets, num_characters, image_size) adapts to its arguments."""
    m = load("omniglot")
    net = m.TwoInputNet(num_alphabets=5, num_characters=20, image_size=32)
    out = net(torch.rand(2, 1, 32, 32), nn.functional.one_hot(torch.tensor([0, 4]), 5).float())
    assert tuple(out.shape) == (2, 20), "TwoInputNet(5, 20, 32) should give logits [2, 20] for 32x32 images"
    net2 = m.TwoOutputNet(num_alphabets=5, num_characters=20, image_size=32)
    oa, oc = net2(torch.rand(2, 1, 32, 32))
    assert tuple(oa.shape) == (2, 5) and tuple(oc.shape) == (2, 20), "TwoOutputNet(5, 20, 32) gives the wrong shapes"


@pytest.mark.points(1)
@pytest.mark.timeout(20)
def test_train_two_output_weights_the_losses(load):
    """train_two_output minimises (1 - w) * CE(alphabet) + w * CE(character), one step per batch."""
    m = load("omniglot")
    loader = batches()
    torch.manual_seed(0)
    model, ref = twins(tiny_two_output, 3, 9)
    history, trained = train_in_worker(m.train_two_output, model, loader, "SGD", {"lr": 0.1}, 2, char_weight=0.3)
    opt = torch.optim.SGD(ref.parameters(), lr=0.1)
    expected = []
    for _ in range(2):
        total = 0.0
        for x, a, y in loader:
            opt.zero_grad()
            oa, oc = ref(x)
            loss = 0.7 * nn.functional.cross_entropy(oa, a.argmax(dim=1)) + 0.3 * nn.functional.cross_entropy(oc, y)
            loss.backward()
            opt.step()
            total += loss.item()
        expected.append(total / len(loader))
    assert np.allclose(history, expected, atol=1e-5), \
        "the epoch losses differ from a loop on the weighted sum of the two cross-entropies (alphabet index from the one-hot)"
    for p, q in zip(trained, ref.parameters()):
        assert torch.allclose(p, q, atol=1e-5), "after training the weights differ from the weighted-loss loop"


@pytest.mark.points(1)
@pytest.mark.timeout(20)
def test_train_two_input_matches_reference(load):
    """train_two_input feeds (image, alphabet) to the model and steps on cross-entropy per batch."""
    m = load("omniglot")
    loader = batches(seed=1)
    torch.manual_seed(0)
    # the spec's own two-input model (its reference twin must live here; a submission's class cannot)
    model, ref = twins(tiny_two_input, 3, 9)
    history, _ = train_in_worker(m.train_two_input, model, loader, "SGD", {"lr": 0.05}, 2)
    opt = torch.optim.SGD(ref.parameters(), lr=0.05)
    expected = []
    for _ in range(2):
        total = 0.0
        for x, a, y in loader:
            opt.zero_grad()
            loss = nn.functional.cross_entropy(ref(x, a), y)
            loss.backward()
            opt.step()
            total += loss.item()
        expected.append(total / len(loader))
    assert np.allclose(history, expected, atol=1e-5), "the epoch losses differ from a plain two-input cross-entropy loop"
