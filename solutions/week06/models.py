"""Growing, saving and loading models, and the R-CNN and Faster R-CNN builds (no pretrained weights)."""
from __future__ import annotations

from pathlib import Path

import torch
from torch import nn
from torchvision.models import mobilenet_v2, vgg16
from torchvision.models.detection import FasterRCNN
from torchvision.models.detection.faster_rcnn import FastRCNNPredictor
from torchvision.models.detection.rpn import AnchorGenerator
from torchvision.ops import MultiScaleRoIAlign


class BinaryCNN(nn.Module):
    """Conv(3 -> 16, 3x3, pad 1), ReLU, MaxPool(2), flatten, Linear -> num_outputs, for 64x64 RGB images."""

    def __init__(self, num_outputs: int = 1) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, kernel_size=3, padding=1)
        self.relu1 = nn.ReLU()
        self.pool = nn.MaxPool2d(2)
        self.flatten = nn.Flatten()
        self.fc = nn.Linear(16 * 32 * 32, num_outputs)  # 16 channels of 32x32 after pooling

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.flatten(self.pool(self.relu1(self.conv1(x)))))


def count_classes(dataset) -> set[int]:
    """The set of labels that occur in a dataset of (input, label) pairs."""
    return {int(label) for _, label in dataset}


def extend_net(net: nn.Module, name: str = "conv2", out_channels: int = 32) -> nn.Module:
    """Append a 3x3, padding-1 convolution that continues from net.conv1 under the given name."""
    net.add_module(name, nn.Conv2d(net.conv1.out_channels, out_channels, kernel_size=3, padding=1))
    return net


def save_weights(model: nn.Module, path: str | Path) -> None:
    """Save only the state_dict (the learned tensors), never the pickled module."""
    torch.save(model.state_dict(), path)


def load_weights(model: nn.Module, path: str | Path) -> nn.Module:
    """Load a state_dict saved by save_weights into a freshly built model of the same class."""
    model.load_state_dict(torch.load(path, weights_only=True))
    return model


def build_rcnn_backbone() -> nn.Sequential:
    """VGG16's convolutional part (untrained: pretrained weights are not available offline)."""
    return nn.Sequential(*list(vgg16(weights=None).features.children()))


class RCNN(nn.Module):
    """Backbone, global pooling, then a classifier head and a box-regression head."""

    def __init__(self, backbone: nn.Module, in_features: int, num_classes: int) -> None:
        super().__init__()
        self.backbone = backbone
        # the backbone's last conv has in_features channels; pooling makes the heads size-independent
        self.pool = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.classifier = nn.Sequential(nn.Linear(in_features, 512), nn.ReLU(), nn.Linear(512, num_classes))
        self.box_regressor = nn.Sequential(nn.Linear(in_features, 32), nn.ReLU(), nn.Linear(32, 4))

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        features = self.pool(self.backbone(x))
        return self.classifier(features), self.box_regressor(features)


def build_faster_rcnn(num_classes: int, min_size: int = 128, max_size: int = 128) -> FasterRCNN:
    """Faster R-CNN on a MobileNetV2 feature extractor, 9 anchors per location, 7x7 RoIAlign."""
    backbone = mobilenet_v2(weights=None).features
    backbone.out_channels = 1280  # FasterRCNN reads this to size the RPN and box heads
    anchors = AnchorGenerator(sizes=((32, 64, 128),), aspect_ratios=((0.5, 1.0, 2.0),))
    roi_pool = MultiScaleRoIAlign(featmap_names=["0"], output_size=7, sampling_ratio=2)
    return FasterRCNN(backbone, num_classes=num_classes, rpn_anchor_generator=anchors, box_roi_pool=roi_pool,
                      min_size=min_size, max_size=max_size)


def replace_predictor(model: FasterRCNN, num_classes: int) -> FasterRCNN:
    """Swap the box predictor for a new one with num_classes outputs (transfer learning)."""
    in_features = model.roi_heads.box_predictor.cls_score.in_features
    model.roi_heads.box_predictor = FastRCNNPredictor(in_features, num_classes)
    return model
