"""Week 06 models in the torchvision tutorials' style: functional activations in forward, VGG16's
`features` used as it comes, and the Faster R-CNN and predictor builds as the detection tutorial writes them."""
from __future__ import annotations

from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn
from torchvision.models import mobilenet_v2, vgg16
from torchvision.models.detection import FasterRCNN
from torchvision.models.detection.faster_rcnn import FastRCNNPredictor
from torchvision.models.detection.rpn import AnchorGenerator
from torchvision.ops import MultiScaleRoIAlign


class BinaryCNN(nn.Module):
    """conv1 (3 -> 16, 3x3, pad 1), ReLU, 2x2 max-pool, flatten, one linear layer."""

    def __init__(self, num_outputs: int = 1) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, padding=1)
        self.fc1 = nn.Linear(16 * 32 * 32, num_outputs)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        return self.fc1(torch.flatten(x, 1))


def count_classes(dataset) -> set[int]:
    """Labels that occur in a dataset of (input, label) pairs."""
    labels = set()
    for i in range(len(dataset)):
        labels.add(int(dataset[i][1]))
    return labels


def extend_net(net: nn.Module, name: str = "conv2", out_channels: int = 32) -> nn.Module:
    """net with a 3x3, padding-1 convolution from conv1's channels added under `name`."""
    in_channels = net.conv1.weight.shape[0]
    net.add_module(name, nn.Conv2d(in_channels, out_channels, kernel_size=(3, 3), padding=(1, 1)))
    return net


def save_weights(model: nn.Module, path: str | Path) -> None:
    """Write the state_dict to path."""
    torch.save(model.state_dict(), str(path))


def load_weights(model: nn.Module, path: str | Path) -> nn.Module:
    """Read a state_dict from path into model."""
    state = torch.load(str(path), map_location="cpu", weights_only=True)
    model.load_state_dict(state)
    return model


def build_rcnn_backbone() -> nn.Sequential:
    """The untrained VGG16 feature extractor."""
    return vgg16(weights=None).features


class RCNN(nn.Module):
    """Backbone, global max-pool to one vector, then a classifier head and a box head."""

    def __init__(self, backbone: nn.Module, in_features: int, num_classes: int) -> None:
        super().__init__()
        self.backbone = backbone
        self.classifier = nn.Sequential(nn.Linear(in_features, 512), nn.ReLU(inplace=True),
                                        nn.Linear(512, num_classes))
        self.box_regressor = nn.Sequential(nn.Linear(in_features, 32), nn.ReLU(inplace=True), nn.Linear(32, 4))

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        features = torch.flatten(F.adaptive_max_pool2d(self.backbone(x), 1), 1)
        return self.classifier(features), self.box_regressor(features)


def build_faster_rcnn(num_classes: int, min_size: int = 128, max_size: int = 128) -> FasterRCNN:
    """Faster R-CNN on MobileNetV2 features, one feature map, 3 sizes x 3 ratios of anchors."""
    backbone = mobilenet_v2(weights=None).features
    backbone.out_channels = 1280
    anchor_generator = AnchorGenerator(sizes=((32, 64, 128),), aspect_ratios=((0.5, 1.0, 2.0),))
    roi_pooler = MultiScaleRoIAlign(featmap_names=["0"], output_size=7, sampling_ratio=2)
    model = FasterRCNN(backbone, num_classes=num_classes, rpn_anchor_generator=anchor_generator,
                       box_roi_pool=roi_pooler, min_size=min_size, max_size=max_size)
    return model


def replace_predictor(model: FasterRCNN, num_classes: int) -> FasterRCNN:
    """A new FastRCNNPredictor for num_classes on the old head's input size."""
    in_features = model.roi_heads.box_predictor.cls_score.in_features
    model.roi_heads.box_predictor = FastRCNNPredictor(in_features, num_classes)
    return model
