"""Week 07, task 6: hidden checks."""
import numpy as np
import pytest
import torch
from matplotlib.figure import Figure
from torchvision.models.detection.faster_rcnn import FastRCNNPredictor
from torchvision.models.detection.mask_rcnn import MaskRCNNPredictor

pytestmark = pytest.mark.hidden


def fake_prediction():
    g = torch.Generator().manual_seed(1)
    return {
        "boxes": torch.rand(3, 4, generator=g),
        "labels": torch.tensor([1, 2, 3]),
        "scores": torch.tensor([0.5, 0.9, 0.7]),
        "masks": torch.rand(3, 1, 6, 7, generator=g),
    }


@pytest.mark.points(1)
@pytest.mark.timeout(60)
def test_replace_heads(load):
    """replace_heads swaps both predictors for num_classes outputs and keeps the backbone (on build_maskrcnn's defaults)."""
    m = load("instances")
    model = m.build_maskrcnn(91)
    assert model.roi_heads.detections_per_img == 10 and model.transform.min_size == (128,) \
        and model.transform.max_size == 128, "build_maskrcnn's defaults: at most 10 detections, images resized to 128"
    backbone = model.backbone
    out = m.replace_heads(model, 4)
    assert out is model, "replace_heads should return the same model"
    assert model.backbone is backbone, "the backbone should be kept"
    box, mask = model.roi_heads.box_predictor, model.roi_heads.mask_predictor
    assert isinstance(box, FastRCNNPredictor) and box.cls_score.out_features == 4 and box.bbox_pred.out_features == 16, \
        "the box predictor is not a fresh FastRCNNPredictor for the new classes"
    assert isinstance(mask, MaskRCNNPredictor) and mask.mask_fcn_logits.out_channels == 4, \
        "the mask predictor is not a fresh MaskRCNNPredictor for the new classes"
    assert box.cls_score.in_features == 1024 and mask.conv5_mask.in_channels == 256, "the new heads read the wrong feature sizes"
    assert mask.conv5_mask.out_channels == 256, "the new MaskRCNNPredictor should have 256 hidden channels"


@pytest.mark.points(1)
def test_plot_soft_masks(load):
    """plot_soft_masks shows the image and the best soft masks with cmap jet, alpha 0.5 and the class name."""
    m = load("instances")
    pred = fake_prediction()
    image = torch.rand(3, 6, 7)
    fig = m.plot_soft_masks(image, pred, ["bg", "cat", "dog", "bird"], k=2)
    assert isinstance(fig, Figure), "plot_soft_masks should return the Figure"
    axes = [ax for ax in fig.axes if ax.images]
    assert len(axes) == 2, "one axis per detection shown"
    for ax, idx, name in zip(axes, (1, 2), ("dog", "bird")):
        base, over = ax.images[0], ax.images[-1]
        assert np.allclose(np.asarray(base.get_array(), dtype=float), image.permute(1, 2, 0).numpy(), atol=1e-6), \
            "each axis should first show the image as (H, W, 3)"
        assert np.allclose(np.asarray(over.get_array(), dtype=float), pred["masks"][idx, 0].numpy(), atol=1e-6), \
            "the soft masks should be shown best score first"
        assert over.get_cmap().name == "jet" and over.get_alpha() == 0.5, "show the mask with cmap='jet' and alpha=0.5"
        assert name in ax.get_title(), "the title should name the detection's class"


@pytest.mark.points(1)
def test_describe_top_more(load):
    """describe_top handles k from 1 to 5, fewer detections than k, and rejects other k."""
    m = load("instances")
    lines = m.describe_top(fake_prediction(), ["bg", "cat", "dog", "bird"], k=4)
    assert len(lines) == 3, "with three detections there are three lines"
    assert lines[2] == 'Third object with highest confidence (0.5000) is "cat".', "the third line is wrong"
    assert len(m.describe_top(fake_prediction(), ["bg", "cat", "dog", "bird"], k=1)) == 1, "k=1 gives one line"
    assert len(m.describe_top(fake_prediction(), ["bg", "cat", "dog", "bird"], k=5)) == 3, \
        "k=5 is allowed (Fifth is the last ordinal) and gives the three detections there are"
    with pytest.raises(ValueError):
        m.describe_top(fake_prediction(), ["bg", "cat", "dog", "bird"], k=6)
    with pytest.raises(ValueError):
        m.describe_top(fake_prediction(), ["bg", "cat", "dog", "bird"], k=0)
