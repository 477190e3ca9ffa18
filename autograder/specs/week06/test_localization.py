"""Week 06: single-object localisation on the shipped shapes set."""
import numpy as np
import pytest
import torch
from torchvision import ops


@pytest.fixture
def shapes(data_dir):
    return data_dir / "shapes_detection.npz"


@pytest.mark.points(1)
def test_load_shapes(load, shapes):
    """load_shapes returns float images in [0, 1] as (N, 3, 64, 64), pixel boxes and int64 labels."""
    m = load("localization")
    images, boxes, labels = m.load_shapes(shapes, "train")
    raw = np.load(shapes)
    n = len(raw["train_labels"])
    assert images.shape == (n, 3, 64, 64) and images.dtype == torch.float32, (
        f"images should be float32 (N, 3, 64, 64), got {images.dtype} {tuple(images.shape)}: permute channels first")
    assert 0.0 <= images.min() and images.max() <= 1.0, "scale pixels to [0, 1] (divide by 255)"
    assert torch.allclose(images[5], torch.from_numpy(raw["train_images"][5]).permute(2, 0, 1).float() / 255), (
        "image 5 differs from the file's: keep the order and the channel layout")
    assert torch.equal(boxes, torch.from_numpy(raw["train_boxes"]).float()), "boxes should be the file's, as float32"
    assert labels.dtype == torch.int64 and torch.equal(labels, torch.from_numpy(raw["train_labels"])), "labels: int64, the file's"
    test_images, _, _ = m.load_shapes(shapes, "test")
    assert len(test_images) == len(raw["test_labels"]), "split='test' should load the test arrays"


@pytest.mark.points(1)
def test_localizer_outputs(load):
    """TinyLocalizer gives (N, num_classes) scores and (N, 4) pixel boxes."""
    m = load("localization")
    model = m.TinyLocalizer(3).eval()
    with torch.no_grad():
        scores, boxes = model(torch.rand(5, 3, 64, 64))
    assert scores.shape == (5, 3), f"scores should be (5, 3), got {tuple(scores.shape)}"
    assert boxes.shape == (5, 4), f"boxes should be (5, 4), got {tuple(boxes.shape)}"


@pytest.mark.points(6)
@pytest.mark.timeout(150)
def test_trained_localizer(load, shapes, credit):
    """Trained for 3 epochs, TinyLocalizer classifies and boxes the test shapes (full points: accuracy >= 0.9, mean IoU >= 0.35)."""
    m = load("localization")
    images, boxes, labels = m.load_shapes(shapes, "train")
    raw = np.load(shapes)
    test_images = torch.from_numpy(raw["test_images"]).permute(0, 3, 1, 2).float() / 255
    test_boxes = torch.from_numpy(raw["test_boxes"]).float()
    test_labels = torch.from_numpy(raw["test_labels"])
    torch.manual_seed(0)
    model = m.TinyLocalizer(3)
    history = m.train_localizer(model, images, boxes, labels, epochs=3, lr=1e-3, batch_size=32)
    assert len(history) == 3, "train_localizer should return one mean loss per epoch"
    model.eval()
    with torch.no_grad():
        scores, pred = model(test_images)
    acc = (scores.argmax(1) == test_labels).float().mean().item()
    miou = ops.box_iou(pred, test_boxes).diagonal().mean().item()
    earned = 0.25 * ((acc >= 0.7) + (acc >= 0.9) + (miou >= 0.25) + (miou >= 0.35))
    summary = f"test accuracy {acc:.3f}, mean IoU {miou:.3f}, so {earned:.0%} of the points."
    if earned:
        credit(earned, summary)
    assert acc >= 0.9 and miou >= 0.35, (
        summary + " Each of accuracy >= 0.7, accuracy >= 0.9, mean IoU >= 0.25 and mean IoU >= 0.35 earns a quarter.")
    credit(1.0)
