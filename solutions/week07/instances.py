"""Instance segmentation with torchvision's Mask R-CNN: building it offline and reading its output."""
from __future__ import annotations

import matplotlib.pyplot as plt
import torch
from matplotlib.figure import Figure
from torchvision.models.detection import MaskRCNN, MaskRCNN_ResNet50_FPN_Weights, maskrcnn_resnet50_fpn
from torchvision.models.detection.faster_rcnn import FastRCNNPredictor
from torchvision.models.detection.mask_rcnn import MaskRCNNPredictor

# label id -> name for the COCO-trained models (index 0 is the background; 17 is "cat", 18 is "dog")
COCO_CATEGORIES: list[str] = MaskRCNN_ResNet50_FPN_Weights.COCO_V1.meta["categories"]
ORDINALS = ("", "Second", "Third", "Fourth", "Fifth")


def build_maskrcnn(num_classes: int, min_size: int = 128, max_size: int = 128,
                   detections_per_img: int = 10) -> MaskRCNN:
    """A ResNet-50 FPN Mask R-CNN with random weights (nothing is downloaded) for num_classes classes,
    background included, resizing images to min_size/max_size and keeping at most detections_per_img."""
    return maskrcnn_resnet50_fpn(weights=None, weights_backbone=None, num_classes=num_classes,
                                 min_size=min_size, max_size=max_size, box_detections_per_img=detections_per_img)


def replace_heads(model: MaskRCNN, num_classes: int) -> MaskRCNN:
    """Swap the box predictor and the mask predictor for new ones with num_classes outputs (fine-tuning)."""
    box_in = model.roi_heads.box_predictor.cls_score.in_features
    model.roi_heads.box_predictor = FastRCNNPredictor(box_in, num_classes)
    mask_in = model.roi_heads.mask_predictor.conv5_mask.in_channels
    model.roi_heads.mask_predictor = MaskRCNNPredictor(mask_in, 256, num_classes)
    return model


def binarize_masks(masks: torch.Tensor, threshold: float = 0.5) -> torch.Tensor:
    """Soft masks (N, 1, H, W) in [0, 1] -> boolean (N, H, W), True where the value is above threshold."""
    return masks[:, 0] > threshold


def postprocess(prediction: dict[str, torch.Tensor], score_threshold: float = 0.5, mask_threshold: float = 0.5,
                top_k: int | None = None) -> dict[str, torch.Tensor]:
    """Keep detections scoring at least score_threshold, best first, at most top_k; binarize their masks."""
    order = prediction["scores"].argsort(descending=True)
    order = order[prediction["scores"][order] >= score_threshold]
    if top_k is not None:
        order = order[:top_k]
    return {
        "boxes": prediction["boxes"][order],
        "labels": prediction["labels"][order],
        "scores": prediction["scores"][order],
        "masks": binarize_masks(prediction["masks"][order], mask_threshold),
    }


def describe_top(prediction: dict[str, torch.Tensor], class_names: list[str], k: int = 2) -> list[str]:
    """One sentence per best detection, e.g. 'Object with highest confidence (0.9979) is "cat".' and then
    'Second object with highest confidence (0.9951) is "cat".'; class_names[label] is a label's name."""
    if not 1 <= k <= len(ORDINALS):
        raise ValueError(f"k must be between 1 and {len(ORDINALS)}")
    best = postprocess(prediction, score_threshold=float("-inf"), top_k=k)
    lines = []
    for rank, (score, label) in enumerate(zip(best["scores"].tolist(), best["labels"].tolist())):
        subject = "Object" if rank == 0 else f"{ORDINALS[rank]} object"
        lines.append(f'{subject} with highest confidence ({score:.4f}) is "{class_names[label]}".')
    return lines


def plot_soft_masks(image: torch.Tensor, prediction: dict[str, torch.Tensor], class_names: list[str],
                    k: int = 2) -> Figure:
    """k panels for the k best detections: the image (3, H, W) with the soft mask over it (cmap 'jet',
    alpha 0.5), titled 'Object: <name>'."""
    order = prediction["scores"].argsort(descending=True)[:k]
    fig, axes = plt.subplots(1, k, figsize=(4 * k, 4), squeeze=False)
    for ax, i in zip(axes[0], order.tolist()):
        ax.imshow(image.permute(1, 2, 0).numpy())
        ax.imshow(prediction["masks"][i, 0].numpy(), cmap="jet", alpha=0.5)
        ax.set_title(f"Object: {class_names[int(prediction['labels'][i])]}")
        ax.axis("off")
    return fig
