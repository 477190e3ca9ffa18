"""Hidden specs for week 04, clouds."""
import copy

import numpy as np
import pytest
import torch
from PIL import Image
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from week04_folders import image_count  # counted from the folders

from autograder.boundary import in_worker

pytestmark = pytest.mark.hidden


@in_worker
def train_in_worker(train_fn, model, loader, opt_name, opt_kwargs, epochs):
    """Runs in the worker: an optimizer over the model's own parameters, then train_fn(model, loader, optimizer,
    epochs). Returns what train_fn returned and the parameters after training."""
    import torch

    optimizer = getattr(torch.optim, opt_name)(model.parameters(), **opt_kwargs)
    history = train_fn(model, loader, optimizer, epochs)
    return history, [p.detach().clone() for p in model.parameters()]


@pytest.mark.points(1)
def test_test_loader_is_repeatable(load, data_dir):
    """The clouds_test loader gives the same batches on every pass; the defaults are batches of 16 at 128x128."""
    m = load("clouds")
    loader = m.make_loader(data_dir / "clouds" / "clouds_test", train=False, batch_size=16, size=32)
    assert len(loader.dataset) == image_count(data_dir / "clouds" / "clouds_test"), \
        "the test loader should hold every clouds_test image"
    x1, y1 = next(iter(loader))
    x2, y2 = next(iter(loader))
    assert torch.equal(x1, x2) and torch.equal(y1, y2), \
        "two passes over the test loader differ: no shuffling and no augmentation for the test set"
    assert tuple(x1.shape) == (16, 3, 32, 32), "size=32 should give 32x32 images"
    x, y = next(iter(m.make_loader(data_dir / "clouds" / "clouds_test", train=False)))
    assert tuple(x.shape) == (16, 3, 128, 128), (
        f"with the defaults (batch_size=16, size=128) a batch should be [16, 3, 128, 128], got {tuple(x.shape)}")


@pytest.mark.points(1)
def test_train_transforms_are_random(load):
    """The training pipeline gives different tensors for the same image."""
    m = load("clouds")
    rng = np.random.default_rng(4)
    img = Image.fromarray(rng.integers(0, 256, (64, 64, 3), dtype=np.uint8))
    pipe = m.get_transforms(True, size=32)
    outs = [pipe(img) for _ in range(6)]
    assert any(not torch.equal(outs[0], o) for o in outs[1:]), "the training pipeline never changed the image"


@pytest.mark.points(1)
def test_cloudnet_other_sizes(load):
    """CloudNet(num_classes, image_size) adapts its classifier."""
    m = load("clouds")
    net = m.CloudNet(num_classes=5, image_size=64)
    n = sum(p.numel() for p in net.parameters())
    expected = (3 * 32 * 9 + 32) + (32 * 64 * 9 + 64) + (64 * 16 * 16 * 5 + 5)
    assert n == expected, "CloudNet(num_classes=5, image_size=64) has the wrong number of parameters"
    assert tuple(net(torch.rand(2, 3, 64, 64)).shape) == (2, 5), "the output should have one logit per class"


@pytest.mark.points(1)
@pytest.mark.timeout(20)
def test_train_model_matches_reference_loop(load):
    """train_model does cross-entropy steps batch by batch and returns each epoch's mean batch loss."""
    m = load("clouds")
    torch.manual_seed(3)
    x, y = torch.rand(40, 3, 8, 8), torch.randint(0, 7, (40,))
    loader = DataLoader(TensorDataset(x, y), batch_size=10)
    model = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ELU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(64, 7))
    ref = copy.deepcopy(model)
    # the model crosses as a copy: the optimizer is built over that copy in the worker, and its trained
    # parameters come back to be compared
    history, trained = train_in_worker(m.train_model, model, loader, "SGD", {"lr": 0.05, "momentum": 0.9}, 3)
    opt = torch.optim.SGD(ref.parameters(), lr=0.05, momentum=0.9)
    expected = []
    for _ in range(3):
        total = 0.0
        for xb, yb in loader:
            opt.zero_grad()
            loss = nn.functional.cross_entropy(ref(xb), yb)
            loss.backward()
            opt.step()
            total += loss.item()
        expected.append(total / len(loader))
    assert np.allclose(history, expected, atol=1e-5), \
        "the epoch losses differ from a plain loop: nn.CrossEntropyLoss on logits, one step per batch, mean of batch losses"
    for p, q in zip(trained, ref.parameters()):
        assert torch.allclose(p, q, atol=1e-5), "after training the weights differ from a plain cross-entropy loop"
