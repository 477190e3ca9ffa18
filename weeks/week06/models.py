"""Week 06, models: growing and saving them, and the R-CNN and Faster R-CNN builds.

No pretrained weights can be downloaded here: build every torchvision model with weights=None
(and weights_backbone=None).
"""
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
    """A CNN for 64x64 RGB images: Conv2d(3, 16, 3, padding=1), ReLU, MaxPool2d(2), Flatten, Linear -> num_outputs.

    BinaryCNN() has 16,833 parameters; BinaryCNN(4) has 65,988. forward: (N, 3, 64, 64) -> (N, num_outputs).
    """

    def __init__(self, num_outputs: int = 1) -> None:
        """Create the layers; the first convolution must be called conv1."""
        super().__init__()
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Scores (logits), one row per image."""
        raise NotImplementedError


def count_classes(dataset) -> set[int]:
    """The set of labels in a dataset of (input, label) pairs, e.g. {0, 1} for a two-folder ImageFolder."""
    raise NotImplementedError


def extend_net(net: nn.Module, name: str = "conv2", out_channels: int = 32) -> nn.Module:
    """Append, with add_module, a Conv2d(kernel_size=3, padding=1) under `name` that takes net.conv1's
    output channels to out_channels. Returns the same net, now one layer longer."""
    raise NotImplementedError


def save_weights(model: nn.Module, path: str | Path) -> None:
    """Save the model's state_dict (not the module object) to path."""
    raise NotImplementedError


def load_weights(model: nn.Module, path: str | Path) -> nn.Module:
    """Load a state_dict written by save_weights into `model` (a fresh instance of the same class); return it."""
    raise NotImplementedError


def build_rcnn_backbone() -> nn.Sequential:
    """VGG16's `features` (31 layers, last convolution with 512 channels), as an nn.Sequential, untrained."""
    raise NotImplementedError


class RCNN(nn.Module):
    """An R-CNN-style network: a backbone, then two heads on the pooled features.

    - features: backbone output, pooled to 1x1 (adaptive pooling) and flattened to in_features values,
      so the heads work for any image size (the notes' version forgot this step);
    - classifier: Linear(in_features, 512), ReLU, Linear(512, num_classes);
    - box_regressor: Linear(in_features, 32), ReLU, Linear(32, 4).
    forward: (N, 3, H, W) -> (scores (N, num_classes), boxes (N, 4)).
    """

    def __init__(self, backbone: nn.Module, in_features: int, num_classes: int) -> None:
        """Keep the backbone; create the pooling and the two heads (named classifier and box_regressor)."""
        super().__init__()
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Class scores and box coordinates for each image."""
        raise NotImplementedError


def build_faster_rcnn(num_classes: int, min_size: int = 128, max_size: int = 128) -> FasterRCNN:
    """Faster R-CNN on mobilenet_v2(weights=None).features (set its out_channels to 1280), with
    AnchorGenerator(sizes=((32, 64, 128),), aspect_ratios=((0.5, 1.0, 2.0),)) and
    MultiScaleRoIAlign(featmap_names=["0"], output_size=7, sampling_ratio=2). num_classes counts the
    background; min_size/max_size set the internal resize (small is fast on the CPU)."""
    raise NotImplementedError


def replace_predictor(model: FasterRCNN, num_classes: int) -> FasterRCNN:
    """Replace model.roi_heads.box_predictor by a FastRCNNPredictor for num_classes, reading its input size
    from the old predictor (cls_score.in_features). Returns the model."""
    raise NotImplementedError
