"""Week 04, clouds: transforms, ImageFolder loaders, the CloudNet CNN, its training loop and predictions."""
import time

import numpy as np
import pytest
import torch
from PIL import Image
from torch import nn
from torch.nn import functional as F
from torch.utils.data import DataLoader, RandomSampler, SequentialSampler, TensorDataset
from torchvision import transforms
from torchvision.datasets import ImageFolder

from week04_folders import image_count  # counted from the folders

from autograder.boundary import in_worker

CLASS_TO_IDX = {
    "cirriform clouds": 0, "clear sky": 1, "cumulonimbus clouds": 2, "cumulus clouds": 3,
    "high cumuliform clouds": 4, "stratiform clouds": 5, "stratocumulus clouds": 6,
}


def steps(pipeline):
    """The transforms inside a Compose (torchvision v1 or v2)."""
    return list(getattr(pipeline, "transforms", [pipeline]))


def names(pipeline):
    return [t.__class__.__name__ for t in steps(pipeline)]  # type() of a proxy is the proxy class


@in_worker
def train_in_worker(train_fn, model, loader, opt_name, opt_kwargs, epochs):
    """Runs in the worker: an optimizer over the model's own parameters, then train_fn(model, loader, optimizer,
    epochs). Returns what train_fn returned and the parameters after training."""
    import torch

    optimizer = getattr(torch.optim, opt_name)(model.parameters(), **opt_kwargs)
    history = train_fn(model, loader, optimizer, epochs)
    return history, [p.detach().clone() for p in model.parameters()]


def photo(w=100, h=80, seed=0):
    rng = np.random.default_rng(seed)
    return Image.fromarray(rng.integers(0, 256, (h, w, 3), dtype=np.uint8))


@pytest.mark.points(1)
def test_train_transforms(load):
    """get_transforms(True) augments (flip, rotation up to 45°, autocontrast) and gives [3, size, size] in [0, 1]."""
    m = load("clouds")
    pipe = m.get_transforms(True)
    found = names(pipe)
    for needed in ("RandomHorizontalFlip", "RandomRotation", "RandomAutocontrast"):
        assert needed in found, f"the training pipeline should contain {needed}; it has {found}"
    rot = next(t for t in steps(pipe) if t.__class__.__name__ == "RandomRotation")
    assert [float(d) for d in rot.degrees] == [-45.0, 45.0], \
        f"RandomRotation should turn by up to 45 degrees either way, its degrees are {rot.degrees}"
    out = pipe(photo())
    assert isinstance(out, torch.Tensor) and out.dtype == torch.float32 and tuple(out.shape) == (3, 128, 128), \
        f"a training image should become a float32 tensor [3, 128, 128], got {getattr(out, 'dtype', type(out))} {tuple(getattr(out, 'shape', ()))}"
    assert 0 <= out.min() and out.max() <= 1, "pixel values should lie in [0, 1]: use ToTensor"
    assert tuple(m.get_transforms(True, size=64)(photo()).shape) == (3, 64, 64), "size=64 should give [3, 64, 64]"


@pytest.mark.points(1)
def test_test_transforms_are_deterministic(load):
    """get_transforms(False) has no random step: ToTensor and Resize only."""
    m = load("clouds")
    pipe = m.get_transforms(False)
    randoms = [n for n in names(pipe) if n.startswith("Random")]
    assert not randoms, f"the test pipeline must not augment, but it has {randoms}"
    img = photo(90, 60, seed=3)
    a, b = pipe(img), pipe(img)
    assert tuple(a.shape) == (3, 128, 128), f"a test image should become [3, 128, 128], got {tuple(a.shape)}"
    assert torch.equal(a, b), "the test pipeline gave two different tensors for the same image"
    ref = transforms.Resize((128, 128))(transforms.ToTensor()(img))
    assert (a - ref).abs().mean() < 0.02, "the test image differs from ToTensor followed by Resize((128, 128))"


@pytest.mark.points(1)
def test_make_loader_on_clouds_train(load, data_dir):
    """make_loader reads clouds_train with ImageFolder, shuffles it and batches [B, 3, size, size]."""
    m = load("clouds")
    loader = m.make_loader(data_dir / "clouds" / "clouds_train", train=True, batch_size=8, size=64)
    ds = loader.dataset
    want = image_count(data_dir / "clouds" / "clouds_train")
    assert len(ds) == want, f"clouds_train holds {want} images, the loader's dataset has {len(ds)}"
    assert getattr(ds, "class_to_idx", None) == CLASS_TO_IDX, \
        "class_to_idx should map the 7 folder names alphabetically to 0..6: use torchvision's ImageFolder"
    assert isinstance(loader.sampler, RandomSampler), "the training loader should shuffle (shuffle=True)"
    x, y = next(iter(loader))
    assert tuple(x.shape) == (8, 3, 64, 64), f"a batch should be [8, 3, 64, 64], got {tuple(x.shape)}"
    assert y.dtype == torch.int64 and tuple(y.shape) == (8,), "labels should be int64 class indices [8]"
    test_loader = m.make_loader(data_dir / "clouds" / "clouds_test", train=False, batch_size=8, size=64)
    assert isinstance(test_loader.sampler, SequentialSampler), "the test loader should not shuffle"


@pytest.mark.points(2)
def test_cloudnet_architecture(load):
    """CloudNet: Conv(3,32,3,p1)-ELU-Pool-Conv(32,64,3,p1)-ELU-Pool-Flatten-Linear; 478,151 parameters at 128²."""
    m = load("clouds")
    net = m.CloudNet()
    n = sum(p.numel() for p in net.parameters())
    convs = [c for c in net.modules() if isinstance(c, nn.Conv2d)]
    assert convs, "CloudNet has no nn.Conv2d layer"
    c = convs[0]
    assert (c.in_channels, c.out_channels, tuple(c.kernel_size), tuple(c.padding)) == (3, 32, (3, 3), (1, 1)), \
        "the first layer should be Conv2d(3, 32, kernel_size=3, padding=1)"
    assert n == 478_151, \
        f"CloudNet() should have 478,151 parameters (two conv blocks of 32 and 64 maps, Linear(64*32*32, 7)), got {n:,}"
    x = torch.rand(2, 3, 128, 128)
    out = net(x)
    assert tuple(out.shape) == (2, 7), f"a batch of 2 images should give logits [2, 7], got {tuple(out.shape)}"
    # the forward pass recomputed here from the net's own layers: ELU and MaxPool2d may be modules or functional calls
    c2 = next((c for c in convs if c.in_channels == 32), None)
    fcs = [l for l in net.modules() if isinstance(l, nn.Linear)]
    assert c2 is not None and len(fcs) == 1, "CloudNet should have a Conv2d(32, 64, 3, padding=1) and one nn.Linear layer"
    h = F.max_pool2d(F.elu(F.conv2d(x, c.weight, c.bias, padding=1)), 2)
    h = F.max_pool2d(F.elu(F.conv2d(h, c2.weight, c2.bias, padding=1)), 2)
    expected = F.linear(h.flatten(1), fcs[0].weight, fcs[0].bias)
    assert torch.allclose(out, expected, rtol=1e-4, atol=1e-5), \
        "CloudNet's forward pass should be Conv2d, ELU, MaxPool2d(2), Conv2d, ELU, MaxPool2d(2), Flatten, Linear"
    small = m.CloudNet(num_classes=7, image_size=32)
    assert tuple(small(torch.rand(3, 3, 32, 32)).shape) == (3, 7), \
        "CloudNet(image_size=32) should take 32x32 images: size the Linear layer from image_size"


@pytest.mark.points(1)
def test_predict_uses_eval_mode(load):
    """predict returns (predicted, true) int64 [N] over the loader, with the model in eval mode."""
    m = load("clouds")
    torch.manual_seed(0)
    model = nn.Sequential(nn.Flatten(), nn.Linear(12, 16), nn.Dropout(0.9), nn.Linear(16, 4))
    x, y = torch.randn(10, 3, 2, 2), torch.randint(0, 4, (10,))
    preds, targets = m.predict(model, DataLoader(TensorDataset(x, y), batch_size=4))
    model.eval()
    with torch.no_grad():
        expected = model(x).argmax(dim=1)
    assert tuple(preds.shape) == (10,) and preds.dtype == torch.int64, \
        f"predictions should be int64 [10] (argmax over classes), got {preds.dtype} {tuple(preds.shape)}"
    assert torch.equal(targets.long(), y), "the true labels should come back in loader order"
    assert torch.equal(preds, expected), "predictions differ from argmax of the model in eval mode: call model.eval()"


@pytest.mark.points(3)
@pytest.mark.timeout(45)
def test_cloudnet_learns_clouds(load, data_dir, credit):
    """CloudNet trained with train_model (24x24, 6 epochs, AdamW) classifies clouds_test."""
    m = load("clouds")
    tf = transforms.Compose([transforms.ToTensor(), transforms.Resize((24, 24))])

    def tensors(split):
        ds = ImageFolder(str(data_dir / "clouds" / split), transform=tf)
        return torch.stack([ds[i][0] for i in range(len(ds))]), torch.tensor(ds.targets)

    x_train, y_train = tensors("clouds_train")
    x_test, y_test = tensors("clouds_test")
    torch.manual_seed(0)
    model = m.CloudNet(num_classes=7, image_size=24)
    loader = DataLoader(TensorDataset(x_train, y_train), batch_size=16, shuffle=True,
                        generator=torch.Generator().manual_seed(0))
    history, _ = train_in_worker(m.train_model, model, loader, "AdamW", {"lr": 2e-3}, 6)
    assert len(history) == 6, f"train_model should return 6 epoch losses, got {len(history)}"
    assert history[-1] < history[0], "the training loss did not go down over 6 epochs"
    model.eval()
    with torch.no_grad():
        acc = (model(x_test).argmax(dim=1) == y_test).float().mean().item()
    if acc >= 0.3:
        credit(0.5, f"test accuracy {acc:.2f} reaches the first band (0.3)")
    assert acc >= 0.45, f"test accuracy {acc:.2f} is below 0.45 (chance is 0.14): check the loss and the optimizer steps"
    credit(1.0)


@pytest.mark.points(1)
def test_plot_samples(load, data_dir):
    """plot_samples shows n images of the dataset, each titled with its class name; a seed repeats the choice."""
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    m = load("clouds")
    tf = transforms.Compose([transforms.ToTensor(), transforms.Resize((32, 32))])
    ds = ImageFolder(str(data_dir / "clouds" / "clouds_test"), transform=tf)
    fig = m.plot_samples(ds, n=6, seed=1)
    try:
        assert isinstance(fig, Figure), f"plot_samples should return a matplotlib Figure, got {type(fig).__name__}"
        shown = [ax for ax in fig.axes if ax.images]
        assert len(shown) == 6, f"there should be 6 Axes with one image each, found {len(shown)}"
        for ax in shown:
            arr = np.asarray(ax.images[0].get_array())
            assert arr.shape == (32, 32, 3), \
                f"each image should be shown as [H, W, 3] (permute the channels last), got shape {arr.shape}"
            assert ax.get_title() in ds.classes, \
                f"each Axes should be titled with the image's class name, got {ax.get_title()!r}"
        titles = [ax.get_title() for ax in shown]
        arrays = [np.asarray(ax.images[0].get_array()) for ax in shown]
        for title, arr in zip(titles, arrays):
            matches = [i for i, (_, y) in enumerate(ds.samples) if ds.classes[y] == title]
            assert any(np.allclose(arr, ds[i][0].permute(1, 2, 0).numpy(), atol=1e-5) for i in matches), \
                f"an image titled {title!r} is not an image of that class in the dataset"
        again = m.plot_samples(ds, n=6, seed=1)
        repeat = [ax for ax in again.axes if ax.images]
        assert [ax.get_title() for ax in repeat] == titles and all(
            np.array_equal(np.asarray(ax.images[0].get_array()), arr) for ax, arr in zip(repeat, arrays)), \
            "plot_samples with the same seed should show the same images: seed a generator with it"
        free = m.plot_samples(ds, n=3)
        assert isinstance(free, Figure) and len([ax for ax in free.axes if ax.images]) == 3, \
            "plot_samples without a seed should still show n random images"
    finally:
        plt.close("all")


@pytest.mark.points(1)
def test_plot_history(load):
    """plot_history draws one labelled line per series against epochs 1..n."""
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    m = load("clouds")
    history = {"train loss": [1.5, 1.1, 0.9, 0.8], "test loss": [1.6, 1.3, 1.2, 1.2]}
    fig = m.plot_history(history, title="Clouds")
    try:
        assert isinstance(fig, Figure), f"plot_history should return a matplotlib Figure, got {type(fig).__name__}"
        lines = [l for ax in fig.axes for l in ax.get_lines()]
        assert len(lines) == 2, f"there should be one line per series (2), found {len(lines)}"
        by_label = {l.get_label(): l for l in lines}
        assert set(by_label) == set(history), f"lines should be labelled with the series names, got {sorted(by_label)}"
        for name, values in history.items():
            line = by_label[name]
            assert list(np.asarray(line.get_xdata(), dtype=float)) == [1, 2, 3, 4], \
                "the x values should be the epochs 1, 2, ..., n"
            assert np.allclose(np.asarray(line.get_ydata(), dtype=float), values), f"the line {name!r} shows other values"
        ax = lines[0].axes
        assert ax.get_legend() is not None, "add a legend so the series can be told apart"
        assert ax.get_xlabel() == "Epoch", f"label the x axis 'Epoch', got {ax.get_xlabel()!r}"
        assert ax.get_title() == "Clouds", "the Axes should carry the given title"
    finally:
        plt.close("all")
