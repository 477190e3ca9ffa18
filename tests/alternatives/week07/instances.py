"""Week 07 Mask R-CNN in the torchvision fine-tuning tutorial's style (new FastRCNNPredictor and
MaskRCNNPredictor with 256 hidden channels), with the output read through one sort by score."""
from __future__ import annotations

import matplotlib.pyplot as plt
import torch
from matplotlib.figure import Figure
from torchvision.models.detection import MaskRCNN, MaskRCNN_ResNet50_FPN_Weights, maskrcnn_resnet50_fpn
from torchvision.models.detection.faster_rcnn import FastRCNNPredictor
from torchvision.models.detection.mask_rcnn import MaskRCNNPredictor

# label id -> name for the COCO-trained models (index 0 is the background; 17 is "cat", 18 is "dog")
COCO_CATEGORIES: list[str] = MaskRCNN_ResNet50_FPN_Weights.COCO_V1.meta["categories"]
PREFIXES = {1: "Object", 2: "Second object", 3: "Third object", 4: "Fourth object", 5: "Fifth object"}


def build_maskrcnn(num_classes: int, min_size: int = 128, max_size: int = 128,
                   detections_per_img: int = 10) -> MaskRCNN:
    """Untrained ResNet-50 FPN Mask R-CNN for num_classes classes (background included)."""
    model = maskrcnn_resnet50_fpn(weights=None, weights_backbone=None, num_classes=num_classes,
                                  min_size=min_size, max_size=max_size,
                                  box_detections_per_img=detections_per_img)
    return model


def replace_heads(model: MaskRCNN, num_classes: int) -> MaskRCNN:
    """New box and mask predictors for num_classes classes."""
    in_features = model.roi_heads.box_predictor.cls_score.in_features
    model.roi_heads.box_predictor = FastRCNNPredictor(in_features, num_classes)
    in_features_mask = model.roi_heads.mask_predictor.conv5_mask.in_channels
    hidden_layer = 256
    model.roi_heads.mask_predictor = MaskRCNNPredictor(in_features_mask, hidden_layer, num_classes)
    return model


def binarize_masks(masks: torch.Tensor, threshold: float = 0.5) -> torch.Tensor:
    """(N, 1, H, W) soft masks -> bool (N, H, W), strictly above threshold."""
    return masks.squeeze(1).gt(threshold)


def postprocess(prediction: dict[str, torch.Tensor], score_threshold: float = 0.5, mask_threshold: float = 0.5,
                top_k: int | None = None) -> dict[str, torch.Tensor]:
    """Detections with score >= score_threshold, best first, at most top_k, masks binarised."""
    scores, order = torch.sort(prediction["scores"], descending=True)
    order = order[scores >= score_threshold][:top_k]
    kept = {key: prediction[key][order] for key in ("boxes", "labels", "scores", "masks")}
    kept["masks"] = binarize_masks(kept["masks"], mask_threshold)
    return kept


def describe_top(prediction: dict[str, torch.Tensor], class_names: list[str], k: int = 2) -> list[str]:
    """The course sheet's sentence for each of the k best detections."""
    if k not in PREFIXES:
        raise ValueError(f"k must be between 1 and 5, got {k}")
    scores, order = torch.sort(prediction["scores"], descending=True)
    lines = []
    for rank, (score, i) in enumerate(zip(scores[:k].tolist(), order[:k].tolist()), start=1):
        name = class_names[int(prediction["labels"][i])]
        lines.append(f'{PREFIXES[rank]} with highest confidence ({score:.4f}) is "{name}".')
    return lines


def plot_soft_masks(image: torch.Tensor, prediction: dict[str, torch.Tensor], class_names: list[str],
                    k: int = 2) -> Figure:
    """k panels: the image with the soft mask of one of the k best detections over it."""
    _, order = torch.sort(prediction["scores"], descending=True)
    fig = plt.figure(figsize=(5 * k, 5))
    for pos, i in enumerate(order[:k].tolist(), start=1):
        ax = fig.add_subplot(1, k, pos)
        ax.imshow(image.permute(1, 2, 0).numpy())
        ax.imshow(prediction["masks"][i, 0].numpy(), cmap="jet", alpha=0.5)
        ax.set_title(f"Object: {class_names[int(prediction['labels'][i])]}")
    return fig
