"""Week 07, task 7: panoptic merge."""
import pytest
import torch


def case():
    # 3 semantic classes on a 3x4 image: class = column // 2 (0, 0, 1, 1) except the last row, class 2
    logits = torch.zeros(1, 3, 3, 4)
    logits[0, 0, :, :2] = 5
    logits[0, 1, :, 2:] = 5
    logits[0, 2, 2, :] = 9
    masks = torch.zeros(3, 1, 3, 4)
    masks[0, 0, 0, 0:3] = 0.9   # label 7, score 0.6
    masks[1, 0, 0:2, 2] = 0.8   # label 8, score 0.95: wins the overlap at (0, 2)
    masks[2, 0, 1, 0] = 0.99    # score 0.3: below the score threshold
    return logits, masks, torch.tensor([0.6, 0.95, 0.3]), torch.tensor([7, 8, 9])


@pytest.mark.points(2)
def test_merge_hand_case(load):
    """A hand-made case: instances override the semantic class; the higher score wins overlaps."""
    m = load("panoptic")
    classes, instances = m.panoptic_merge(*case())
    assert classes.dtype == torch.int64 and instances.dtype == torch.int64, "both maps should be int64"
    assert classes.shape == (3, 4) and instances.shape == (3, 4), f"expected (H, W) maps, got {tuple(classes.shape)}"
    assert classes.tolist() == [[7, 7, 8, 1], [0, 0, 8, 1], [2, 2, 2, 2]], \
        f"classes {classes.tolist()}: argmax of the semantic scores, overridden by confident instance labels"
    assert instances.tolist() == [[2, 2, 1, 0], [0, 0, 1, 0], [0, 0, 0, 0]], \
        f"instances {instances.tolist()}: ids 1, 2, ... by decreasing score, 0 where there is no instance"


@pytest.mark.points(1)
def test_merge_thresholds(load):
    """Lowering the score threshold lets the third instance in; the mask threshold is strict."""
    m = load("panoptic")
    logits, masks, scores, labels = case()
    classes, instances = m.panoptic_merge(logits, masks, scores, labels, score_threshold=0.2)
    assert classes[1, 0] == 9 and instances[1, 0] == 3, "with score_threshold=0.2 the third instance (id 3) should appear"
    classes, instances = m.panoptic_merge(logits, masks, scores, labels, mask_threshold=0.9)
    assert classes[0, 0] == 0 and instances[0, 0] == 0, "a mask value equal to mask_threshold is not inside the mask"
    assert instances[0, 2] == 0 and instances[0, 1] == 0, "with mask_threshold=0.9 the first two masks cover nothing"
