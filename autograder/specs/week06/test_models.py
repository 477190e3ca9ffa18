"""Week 06: growing, saving and loading models; the R-CNN and Faster R-CNN builds."""
import io

import pytest
import torch
from PIL import Image
from torch import nn
from torchvision.datasets import ImageFolder

from autograder.boundary import in_worker


@in_worker
def worker_temp_dir():
    """Runs in the worker: a fresh folder in the worker's own /tmp (the spec's tmp_path is read-only there)."""
    import tempfile

    return tempfile.mkdtemp()


@in_worker
def file_bytes(path):
    """Runs in the worker: the raw bytes of a file the submission wrote, so the judge can read it itself."""
    with open(path, "rb") as fh:
        return fh.read()


def n_params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


@pytest.mark.points(1)
def test_binary_and_multiclass_cnn_sizes(load):
    """BinaryCNN() has 16,833 parameters and BinaryCNN(4) has 65,988, as on the course sheet."""
    m = load("models")
    assert n_params(m.BinaryCNN()) == 16_833, f"BinaryCNN() has {n_params(m.BinaryCNN())} parameters, expected 16,833"
    assert n_params(m.BinaryCNN(4)) == 65_988, f"BinaryCNN(4) has {n_params(m.BinaryCNN(4))} parameters, expected 65,988"
    out = m.BinaryCNN(4)(torch.rand(2, 3, 64, 64))
    assert out.shape == (2, 4), f"a batch of two 64x64 images should give (2, 4) scores, got {tuple(out.shape)}"


@pytest.mark.points(1)
def test_count_classes(load, tmp_path):
    """count_classes finds {0, 1} and {0, 1, 2} in ImageFolders of two and three classes."""
    m = load("models")
    for n in (2, 3):
        root = tmp_path / f"f{n}"
        for c in range(n):
            (root / f"class{c}").mkdir(parents=True)
            for i in range(2):
                Image.new("RGB", (8, 8), (40 * c, 0, 0)).save(root / f"class{c}" / f"{i}.png")
        got = m.count_classes(ImageFolder(root))
        assert got == set(range(n)), f"expected {set(range(n))}, got {got}"


@pytest.mark.points(1)
def test_extend_net(load):
    """extend_net appends a 3x3 padding-1 conv that continues from conv1, under the given name."""
    m = load("models")
    net = nn.Sequential()
    net.add_module("conv1", nn.Conv2d(3, 16, 3, padding=1))
    out = m.extend_net(net, "conv2", 32)
    conv2 = getattr(out, "conv2", None)
    assert isinstance(conv2, nn.Conv2d), "the new layer should be reachable as net.conv2 (use add_module)"
    assert (conv2.in_channels, conv2.out_channels) == (16, 32), "conv2 must take conv1's 16 channels to 32"
    assert conv2.kernel_size == (3, 3) and conv2.padding == (1, 1), "use kernel_size=3, padding=1"
    assert list(dict(out.named_children()))[-1] == "conv2", "conv2 should be the last child"
    assert out(torch.rand(1, 3, 8, 8)).shape == (1, 32, 8, 8)


@pytest.mark.points(1)
def test_save_and_load_weights(load):
    """save_weights writes a state_dict; load_weights restores it into a fresh model."""
    m = load("models")
    a, b = m.BinaryCNN(), m.BinaryCNN()
    path = f"{worker_temp_dir()}/binary.pt"  # the submission writes only to the worker's own /tmp
    m.save_weights(a, path)
    try:
        saved = torch.load(io.BytesIO(file_bytes(path)), weights_only=True)
    except Exception:  # a pickled module does not load with weights_only=True
        saved = None
    assert isinstance(saved, dict), "save the state_dict (a dict of tensors), not the whole module"
    restored = m.load_weights(b, path)
    for (k, v), (_, w) in zip(a.state_dict().items(), restored.state_dict().items()):
        assert torch.equal(v, w), f"{k} differs after loading"


@pytest.mark.points(2)
def test_rcnn_heads(load):
    """RCNN gives (N, num_classes) scores and (N, 4) boxes; its regressor is in->32->4."""
    m = load("models")
    backbone = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.Conv2d(8, 24, 3, stride=2))
    model = m.RCNN(backbone, 24, 5)
    scores, boxes = model(torch.rand(3, 3, 40, 40))
    assert scores.shape == (3, 5) and boxes.shape == (3, 4), (
        f"expected (3, 5) and (3, 4), got {tuple(scores.shape)} and {tuple(boxes.shape)}: pool and flatten the features first")
    scores2, _ = model(torch.rand(2, 3, 64, 64))
    assert scores2.shape == (2, 5), "the heads should not depend on the image size: pool the feature map to 1x1"
    assert n_params(model.box_regressor) == 24 * 32 + 32 + 32 * 4 + 4, "box_regressor: Linear(in, 32), ReLU, Linear(32, 4)"
    assert n_params(model.classifier) == 24 * 512 + 512 + 512 * 5 + 5, "classifier: Linear(in, 512), ReLU, Linear(512, C)"


@pytest.mark.points(1)
def test_rcnn_backbone_is_vgg16_features(load):
    """build_rcnn_backbone returns VGG16's 31 feature layers ending in 512 channels."""
    m = load("models")
    backbone = m.build_rcnn_backbone()
    assert len(list(backbone.children())) == 31, "VGG16's `features` part has 31 layers"
    convs = [c for c in backbone.modules() if isinstance(c, nn.Conv2d)]
    assert convs[-1].out_channels == 512, "the last convolution has 512 channels: use that as in_features"


@pytest.mark.points(2)
@pytest.mark.timeout(120)
def test_faster_rcnn_build(load):
    """build_faster_rcnn: 9 anchors per location, 7x7 RoIAlign, boxes/labels/scores in eval, 4 losses in training."""
    m = load("models")
    model = m.build_faster_rcnn(3, min_size=128, max_size=128)
    assert model.rpn.anchor_generator.num_anchors_per_location() == [9], "use 3 sizes x 3 aspect ratios: 9 anchors"
    assert tuple(model.roi_heads.box_roi_pool.output_size) == (7, 7), "RoIAlign output should be 7x7"
    assert model.roi_heads.box_predictor.cls_score.out_features == 3, "num_classes includes the background"
    model.eval()
    with torch.no_grad():
        out = model([torch.rand(3, 128, 128)])
    assert isinstance(out, list) and set(out[0]) >= {"boxes", "labels", "scores"}, "eval mode returns dicts of boxes, labels, scores"
    model.train()
    target = [{"boxes": torch.tensor([[10.0, 20, 60, 90]]), "labels": torch.tensor([1])}]
    losses = model([torch.rand(3, 128, 128)], target)
    assert set(losses) == {"loss_classifier", "loss_box_reg", "loss_objectness", "loss_rpn_box_reg"}, (
        f"training mode should return the four losses, got {sorted(losses)}")
    default = m.build_faster_rcnn(3).eval()  # min_size = max_size = 128 by default
    with torch.no_grad():
        sizes = [tuple(default.transform([torch.rand(3, h, w)])[0].image_sizes[0]) for h, w in ((100, 100), (100, 200))]
    assert sizes == [(128, 128), (64, 128)], (
        f"with the default min_size = max_size = 128 a 100x100 image should be resized to 128x128 and a 100x200 one "
        f"to 64x128, got {sizes}: pass min_size and max_size on to FasterRCNN")
