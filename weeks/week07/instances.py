"""Task 6: instance segmentation with torchvision's Mask R-CNN (random weights: nothing is downloaded)."""
from __future__ import annotations

import torch
from matplotlib.figure import Figure
from torchvision.models.detection import MaskRCNN, MaskRCNN_ResNet50_FPN_Weights

# label id -> name for the COCO-trained models (index 0 is the background; 17 is "cat", 18 is "dog")
COCO_CATEGORIES: list[str] = MaskRCNN_ResNet50_FPN_Weights.COCO_V1.meta["categories"]


def build_maskrcnn(num_classes: int, min_size: int = 128, max_size: int = 128,
                   detections_per_img: int = 10) -> MaskRCNN:
    """torchvision's maskrcnn_resnet50_fpn with weights=None and weights_backbone=None (never download),
    num_classes classes (background included), images resized with min_size/max_size, and at most
    detections_per_img detections per image."""
    raise NotImplementedError


def replace_heads(model: MaskRCNN, num_classes: int) -> MaskRCNN:
    """Give the model new prediction heads for num_classes classes, as when fine-tuning: a FastRCNNPredictor
    on the box head's features and a MaskRCNNPredictor (256 hidden channels) on the mask head's features.
    Everything else (backbone, RPN, heads' trunks) stays the same objects. Returns the model."""
    raise NotImplementedError


def binarize_masks(masks: torch.Tensor, threshold: float = 0.5) -> torch.Tensor:
    """Soft masks (N, 1, H, W) -> bool (N, H, W): True where the value is strictly above threshold."""
    raise NotImplementedError


def postprocess(prediction: dict[str, torch.Tensor], score_threshold: float = 0.5, mask_threshold: float = 0.5,
                top_k: int | None = None) -> dict[str, torch.Tensor]:
    """From one image's output dict (boxes (N, 4), labels (N,), scores (N,), masks (N, 1, H, W)) keep the
    detections with score >= score_threshold, sorted by decreasing score, at most top_k of them (all when
    None). Returns the same four keys; "masks" become bool (M, H, W) via binarize_masks(mask_threshold)."""
    raise NotImplementedError


def describe_top(prediction: dict[str, torch.Tensor], class_names: list[str], k: int = 2) -> list[str]:
    """One line per detection among the k best (by score; fewer if there are fewer detections):
    'Object with highest confidence (0.9979) is "cat".', 'Second object with highest confidence (0.9951)
    is "cat".', then "Third", "Fourth", "Fifth". Scores have 4 decimals; the name is class_names[label].
    k outside 1..5 raises ValueError."""
    raise NotImplementedError


def plot_soft_masks(image: torch.Tensor, prediction: dict[str, torch.Tensor], class_names: list[str],
                    k: int = 2) -> Figure:
    """A figure with k axes for the k best detections (by score, best first): each shows the image
    (3, H, W) as (H, W, 3), then that detection's soft mask (H, W) over it with cmap="jet" and alpha=0.5,
    titled "Object: <name>"."""
    raise NotImplementedError
