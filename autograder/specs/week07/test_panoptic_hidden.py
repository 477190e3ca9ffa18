"""Week 07, task 7: hidden checks."""
import pytest
import torch

from autograder.boundary import in_worker

pytestmark = pytest.mark.hidden


@in_worker
def merge_with_both_logit_shapes(merge, logits, masks, scores, labels):
    """Runs in the worker: merge with (1, C, H, W) logits, then with logits[0]; returns both results and the
    inputs as they are after the calls (the worker's own tensors, which the submission could change)."""
    a = merge(logits, masks, scores, labels)
    b = merge(logits[0], masks, scores, labels)
    return a, b, [logits, masks, scores, labels]


@pytest.mark.points(1)
def test_three_dim_logits_and_inputs_kept(load):
    """(C, H, W) logits work like (1, C, H, W), and no input is changed."""
    m = load("panoptic")
    g = torch.Generator().manual_seed(2)
    logits = torch.randn(1, 4, 5, 6, generator=g)
    masks = torch.rand(3, 1, 5, 6, generator=g)
    scores, labels = torch.tensor([0.7, 0.8, 0.9]), torch.tensor([10, 11, 12])
    copies = [t.clone() for t in (logits, masks, scores, labels)]
    a, b, after = merge_with_both_logit_shapes(m.panoptic_merge, logits, masks, scores, labels)
    assert torch.equal(a[0], b[0]) and torch.equal(a[1], b[1]), "(C, H, W) logits should give the same result"
    assert all(torch.equal(x, y) for x, y in zip(copies, after)), "an input was modified"


@pytest.mark.points(1)
def test_random_overlaps_follow_scores(load):
    """On random overlapping masks every pixel goes to the best-scoring instance that covers it."""
    m = load("panoptic")
    g = torch.Generator().manual_seed(4)
    logits = torch.randn(3, 8, 8, generator=g)
    masks = torch.rand(5, 1, 8, 8, generator=g)
    scores = torch.tensor([0.55, 0.9, 0.1, 0.75, 0.6])
    labels = torch.tensor([20, 21, 22, 23, 24])
    classes, instances = m.panoptic_merge(logits, masks, scores, labels)
    kept = [i for i in scores.argsort(descending=True).tolist() if scores[i] >= 0.5]
    for y in range(8):
        for x in range(8):
            owner = next((rank for rank, i in enumerate(kept) if masks[i, 0, y, x] > 0.5), None)
            want_c = logits[:, y, x].argmax().item() if owner is None else labels[kept[owner]].item()
            want_i = 0 if owner is None else owner + 1
            assert classes[y, x].item() == want_c and instances[y, x].item() == want_i, \
                "a pixel covered by several instances does not belong to the best-scoring one"
