"""Task 1: the pets set, trimaps, binary masks and cut-outs."""
from __future__ import annotations

from pathlib import Path

import torch
from matplotlib.figure import Figure

FOREGROUND, BACKGROUND, BOUNDARY = 1, 2, 3  # the Oxford-IIIT Pets trimap codes


def load_pets(data_dir: str | Path, split: str = "train") -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Read `data_dir / "pets_segmentation.npz"` and return the `split` ("train" or "test") as
    (images float32 (N, 3, 64, 64) in [0, 1], trimaps uint8 (N, 64, 64) with values 1/2/3, labels int64 (N,)).

    The file stores `{split}_images` uint8 (N, 64, 64, 3), `{split}_trimaps` and `{split}_labels`.
    Any other split raises ValueError.
    """
    raise NotImplementedError


def to_binary_mask(mask_tensor: torch.Tensor, fg_value: float = 1 / 255) -> torch.Tensor:
    """float32 tensor of the same shape: 1.0 where mask_tensor equals fg_value, 0.0 elsewhere.

    After `transforms.ToTensor()` a trimap holds 1/255 (animal), 2/255 (background) and 3/255 (boundary).
    """
    raise NotImplementedError


def segment_out(image: torch.Tensor, binary_mask: torch.Tensor) -> torch.Tensor:
    """The image (3, H, W) times the mask ((1, H, W) or (H, W)): pixels outside the mask become 0.
    Returns (3, H, W) with the image's dtype; the inputs are not changed."""
    raise NotImplementedError


def trimap_to_labels(trimap: torch.Tensor, ignore_index: int = -100) -> torch.Tensor:
    """int64 class indices of the same shape: animal (1) -> 1, background (2) -> 0, boundary (3) -> ignore_index.
    A value other than 1, 2, 3 raises ValueError."""
    raise NotImplementedError


def show_segmented(images: torch.Tensor, trimaps: torch.Tensor, labels: torch.Tensor, class_names: list[str],
                   n: int = 5, seed: int | None = None) -> Figure:
    """A figure with n axes, one per randomly chosen image (n different images): each axis shows that image
    with only its animal kept (segment_out with the trimap's foreground) as an (H, W, 3) picture, and a title
    that contains the class name class_names[labels[i]]. The same seed gives the same choice; seed=None gives
    a different choice on each call."""
    raise NotImplementedError
