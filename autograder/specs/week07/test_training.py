"""Week 07, task 5: training a small U-Net on the pets trimaps."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from week07_in_worker import kept_in_worker  # a helper module beside the specs

from autograder.boundary import in_worker


def pets(data_dir, split: str):
    raw = np.load(data_dir / "pets_segmentation.npz")
    images = torch.from_numpy(raw[f"{split}_images"]).permute(0, 3, 1, 2).float() / 255
    t = torch.from_numpy(raw[f"{split}_trimaps"]).long()
    targets = torch.where(t == 1, 1, torch.where(t == 2, 0, -100))
    return images, targets


@in_worker
def recording_model():
    """Runs in the worker: a 1x1 conv that remembers whether it ran in training mode or with gradients."""
    import torch
    from torch import nn

    class Recorder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.conv = nn.Conv2d(3, 2, 1)
            self.seen = []

        def forward(self, x):
            self.seen.append((self.training, torch.is_grad_enabled()))
            return self.conv(x)

    return Recorder()


@pytest.mark.points(1)
def test_predict_masks(load):
    """predict_masks returns the argmax class per pixel, int64 (N, H, W), in eval mode without gradients."""
    m = load("training")
    model = recording_model()
    images = torch.rand(5, 3, 6, 7)
    got = m.predict_masks(model, images, batch_size=2)
    assert got.shape == (5, 6, 7) and got.dtype == torch.int64, f"expected int64 (5, 6, 7), got {got.dtype} {tuple(got.shape)}"
    with torch.no_grad():
        want = F.conv2d(images, model.conv.weight, model.conv.bias).argmax(1)
    assert torch.equal(got, want), "the prediction should be the argmax over the class dimension"
    seen = model.seen
    assert seen and all(not tr and not grad for tr, grad in seen), \
        "predict_masks should call model.eval() and run under torch.no_grad()"


def ce_plus_dice(logits: torch.Tensor, targets: torch.Tensor) -> float:
    """The README's training loss on a whole set: pixel cross-entropy plus soft Dice (eps 1), -100 ignored."""
    valid = targets != -100
    ce = F.cross_entropy(logits, targets, ignore_index=-100)
    p = logits.softmax(1) * valid.unsqueeze(1)
    t = F.one_hot(targets.clamp(min=0), logits.shape[1]).permute(0, 3, 1, 2).float() * valid.unsqueeze(1)
    dice = (2 * (p * t).sum((0, 2, 3)) + 1) / (p.sum((0, 2, 3)) + t.sum((0, 2, 3)) + 1)
    return (ce + 1 - dice.mean()).item()


@pytest.mark.points(1)
def test_train_segmenter_history(load):
    """train_segmenter trains the model it is given (judged on its weights), returns one mean loss per epoch, and
    takes Adam steps of lr 3e-3 for 2 epochs by default."""
    m = load("training")
    torch.manual_seed(0)
    reference = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.Conv2d(8, 2, 1))
    images = torch.rand(16, 3, 8, 8)
    targets = (images[:, 0] > 0.5).long()
    targets[:, 0, 0] = -100
    with torch.no_grad():
        before = ce_plus_dice(reference(images), targets)
    model = kept_in_worker(reference)
    history = m.train_segmenter(model, images, targets, epochs=5, lr=1e-2, batch_size=4)
    assert isinstance(history, list) and len(history) == 5, f"expected a list of 5 epoch losses, got {history!r}"
    assert all(isinstance(v, float) and np.isfinite(v) for v in history), "every epoch loss should be a finite Python float"
    reference.load_state_dict(model.state_dict())
    with torch.no_grad():
        after = ce_plus_dice(reference(images), targets)
    assert before - after > 0.03, (
        f"the model's own loss on the training images barely went down ({before:.3f} -> {after:.3f}): "
        "train the model you were given, with zero_grad, backward and step for every batch")
    assert history[0] - history[-1] > 0.03, f"the loss barely went down ({history[0]:.3f} -> {history[-1]:.3f}): is the optimizer stepping?"
    assert after - 0.1 < history[-1] < before + 0.05, (
        f"the last epoch's mean loss {history[-1]:.3f} does not describe the training (the model's loss went from "
        f"{before:.3f} to {after:.3f}): return each epoch's mean of the batch losses (cross-entropy plus Dice)")
    # one epoch of one batch is one Adam step, which moves each weight by about lr: the default lr is 3e-3
    torch.manual_seed(0)
    fresh = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.Conv2d(8, 2, 1))
    start = torch.cat([q.detach().flatten() for q in fresh.parameters()])
    model = kept_in_worker(fresh)
    m.train_segmenter(model, images, targets, epochs=1, batch_size=16)
    fresh.load_state_dict(model.state_dict())
    moves = (torch.cat([q.detach().flatten() for q in fresh.parameters()]) - start).abs()
    assert abs(moves.median().item() - 3e-3) < 2e-4, (
        f"one Adam step moved the weights by {moves.median().item():.2e} (median), not 3e-3: train_segmenter's lr "
        "should default to 3e-3 and each batch should be one optimizer step")
    history = m.train_segmenter(kept_in_worker(nn.Conv2d(3, 2, 1)), images, targets, batch_size=16)
    assert len(history) == 2, f"train_segmenter's default is 2 epochs, got {len(history)} epoch losses"


@pytest.mark.points(4)
@pytest.mark.timeout(120)
def test_unet_learns_pets(load, credit, data_dir):
    """A UNet(3, 2, base=8) trained 2 epochs (batch 4) on the 400 training images reaches a test foreground IoU of 0.9."""
    net = load("networks")
    m = load("training")
    images, targets = pets(data_dir, "train")
    test_images, test_targets = pets(data_dir, "test")
    torch.manual_seed(0)
    model = net.UNet(3, 2, base=8)
    m.train_segmenter(model, images, targets, epochs=2, lr=3e-3, batch_size=4, seed=0)
    model.eval()
    with torch.no_grad():
        pred = model(test_images).argmax(1)
    valid = test_targets != -100
    inter = ((pred == 1) & (test_targets == 1) & valid).sum().item()
    union = (((pred == 1) | (test_targets == 1)) & valid).sum().item()
    iou = inter / max(union, 1)
    if iou >= 0.6:
        credit(0.5, f"foreground IoU {iou:.3f} (0.9 for full marks)")
    assert iou >= 0.6, f"foreground IoU {iou:.3f} is below 0.6: check the loss (cross-entropy + Dice, ignoring -100) and the optimizer"
    assert iou >= 0.9, f"foreground IoU {iou:.3f} is below 0.9 (half marks): check the loss and the learning rate"
    credit(1.0)
