"""Week 07, task 6: Mask R-CNN built offline, and reading its output."""
import pytest
import torch
from torchvision.models.detection import MaskRCNN

KEYS = {"boxes", "labels", "scores", "masks"}


def fake_prediction():
    """Four detections, deliberately not sorted by score, with soft masks on a 4x5 image."""
    g = torch.Generator().manual_seed(0)
    return {
        "boxes": torch.tensor([[0.0, 0, 2, 2], [1, 1, 4, 3], [0, 0, 5, 4], [2, 0, 3, 1]]),
        "labels": torch.tensor([18, 17, 73, 17]),
        "scores": torch.tensor([0.42, 0.99794, 0.3, 0.99512]),
        "masks": torch.rand(4, 1, 4, 5, generator=g),
    }


@pytest.mark.points(2)
@pytest.mark.timeout(90)
def test_build_maskrcnn(load):
    """build_maskrcnn gives a random-weight Mask R-CNN with the asked classes, eval outputs and train losses."""
    m = load("instances")
    torch.manual_seed(0)
    model = m.build_maskrcnn(3, detections_per_img=5)
    assert isinstance(model, MaskRCNN), f"expected a torchvision MaskRCNN, got {model.__class__.__name__}"  # type() of a proxy is the proxy class
    assert model.roi_heads.box_predictor.cls_score.out_features == 3, "the box classifier should have num_classes outputs"
    assert model.roi_heads.box_predictor.bbox_pred.out_features == 12, "the box regressor should have 4 * num_classes outputs"
    assert model.roi_heads.mask_predictor.mask_fcn_logits.out_channels == 3, "the mask predictor should have num_classes channels"
    assert model.transform.min_size == (128,) and model.transform.max_size == 128, "resize images with min_size=max_size=128"
    model.eval()
    with torch.no_grad():
        out = model([torch.rand(3, 60, 80)])
    assert isinstance(out, list) and len(out) == 1, "one output dict per input image"
    assert set(out[0]) == KEYS, f"eval output keys should be {sorted(KEYS)}, got {sorted(out[0])}"
    masks = out[0]["masks"]
    assert masks.dim() == 4 and masks.shape[1:] == (1, 60, 80), f"masks should be (N, 1, H, W) at the input size, got {tuple(masks.shape)}"
    assert len(out[0]["scores"]) <= 5, "at most detections_per_img detections"
    if masks.numel():
        assert masks.min() >= 0 and masks.max() <= 1, "soft masks hold probabilities in [0, 1]"
    model.train()
    mask = torch.zeros(1, 60, 80, dtype=torch.uint8)
    mask[0, 10:40, 20:50] = 1
    target = [{"boxes": torch.tensor([[20.0, 10, 50, 40]]), "labels": torch.tensor([1]), "masks": mask}]
    losses = model([torch.rand(3, 60, 80)], target)
    for key in ("loss_classifier", "loss_box_reg", "loss_mask", "loss_objectness", "loss_rpn_box_reg"):
        assert key in losses, f"in train mode the model should return the loss {key}"


@pytest.mark.points(1)
def test_binarize_masks(load):
    """binarize_masks turns (N, 1, H, W) soft masks into boolean (N, H, W), strictly above the threshold."""
    m = load("instances")
    soft = torch.tensor([[[[0.2, 0.5], [0.51, 0.9]]]])
    got = m.binarize_masks(soft)
    assert got.dtype == torch.bool and got.shape == (1, 2, 2), f"expected bool (1, 2, 2), got {got.dtype} {tuple(got.shape)}"
    assert got.tolist() == [[[False, False], [True, True]]], "True only where the value is above 0.5 (0.5 itself stays False)"
    assert m.binarize_masks(soft, 0.1).all(), "the threshold argument should be used"


@pytest.mark.points(1)
def test_postprocess(load):
    """postprocess keeps the confident detections, best first, at most top_k, with binary masks."""
    m = load("instances")
    pred = fake_prediction()
    got = m.postprocess(pred, score_threshold=0.4)
    assert set(got) == KEYS, f"keys should be {sorted(KEYS)}"
    assert got["labels"].tolist() == [17, 17, 18], f"labels {got['labels'].tolist()}: keep scores >= 0.4, sorted by score"
    assert torch.allclose(got["scores"], torch.tensor([0.99794, 0.99512, 0.42])), "scores should be sorted, highest first"
    assert torch.equal(got["boxes"][0], pred["boxes"][1]), "boxes should follow their detections"
    assert got["masks"].dtype == torch.bool and got["masks"].shape == (3, 4, 5), "masks should be bool (M, H, W)"
    assert torch.equal(got["masks"][2], pred["masks"][0, 0] > 0.5), "masks should follow their detections, thresholded at 0.5"
    top = m.postprocess(pred, score_threshold=0.0, top_k=2)
    assert top["labels"].tolist() == [17, 17] and len(top["masks"]) == 2, "top_k=2 keeps the two best detections"


@pytest.mark.points(1)
def test_describe_top(load):
    """describe_top prints the course sheet's sentences for the two best detections."""
    m = load("instances")
    lines = m.describe_top(fake_prediction(), m.COCO_CATEGORIES)
    assert lines == ['Object with highest confidence (0.9979) is "cat".',
                     'Second object with highest confidence (0.9951) is "cat".'], f"got {lines}"
