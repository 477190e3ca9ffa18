"""Week 06: hidden checks of the detection builds."""
import pytest
import torch
from torchvision.models.detection import fasterrcnn_resnet50_fpn

pytestmark = pytest.mark.hidden


@pytest.mark.points(1)
@pytest.mark.timeout(120)
def test_replace_predictor(load):
    """replace_predictor swaps in a head for 5 classes on fasterrcnn_resnet50_fpn (1024 features)."""
    m = load("models")
    model = fasterrcnn_resnet50_fpn(weights=None, weights_backbone=None)
    model = m.replace_predictor(model, 5)
    pred = model.roi_heads.box_predictor
    assert pred.cls_score.in_features == 1024 and pred.cls_score.out_features == 5, "the new head should read 1024 features and score 5 classes"
    assert pred.bbox_pred.out_features == 20, "the new head predicts 4 numbers per class"


@pytest.mark.points(1)
def test_extend_net_other_sizes(load):
    """extend_net works for any conv1 width and any name."""
    m = load("models")
    net = torch.nn.Sequential()
    net.add_module("conv1", torch.nn.Conv2d(1, 6, 3, padding=1))
    out = m.extend_net(net, "extra", 10)
    assert out.extra.in_channels == 6 and out.extra.out_channels == 10, "read the channels from net.conv1"
