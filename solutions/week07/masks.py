"""Loading the pets set, turning trimaps into masks and labels, and cutting the animals out."""
from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib.figure import Figure

FOREGROUND, BACKGROUND, BOUNDARY = 1, 2, 3  # the Oxford-IIIT Pets trimap codes


def load_pets(data_dir: str | Path, split: str = "train") -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Read data_dir/pets_segmentation.npz: images float32 (N, 3, 64, 64) in [0, 1], trimaps uint8 (N, 64, 64),
    labels int64 (N,) (0 = cat, 1 = dog)."""
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test', not {split!r}")
    data = np.load(Path(data_dir) / "pets_segmentation.npz")
    images = torch.from_numpy(data[f"{split}_images"]).permute(0, 3, 1, 2).float() / 255.0  # NHWC -> NCHW
    return images, torch.from_numpy(data[f"{split}_trimaps"]), torch.from_numpy(data[f"{split}_labels"]).long()


def to_binary_mask(mask_tensor: torch.Tensor, fg_value: float = 1 / 255) -> torch.Tensor:
    """1.0 where the mask equals fg_value (a trimap after ToTensor: 1/255 is the animal), 0.0 elsewhere."""
    return torch.where(mask_tensor == fg_value, 1.0, 0.0).to(torch.float32)


def segment_out(image: torch.Tensor, binary_mask: torch.Tensor) -> torch.Tensor:
    """The image with everything outside the mask set to 0: (3, H, W) times a (1, H, W) or (H, W) mask."""
    return image * binary_mask.reshape(1, *image.shape[-2:]).to(image.dtype)


def trimap_to_labels(trimap: torch.Tensor, ignore_index: int = -100) -> torch.Tensor:
    """Class indices for training: animal 1 -> 1, background 2 -> 0, boundary 3 -> ignore_index (int64)."""
    if not torch.isin(trimap, torch.tensor([FOREGROUND, BACKGROUND, BOUNDARY], dtype=trimap.dtype)).all():
        raise ValueError("a trimap holds only the values 1, 2 and 3")
    out = torch.full(trimap.shape, ignore_index, dtype=torch.int64)
    out[trimap == FOREGROUND] = 1
    out[trimap == BACKGROUND] = 0
    return out


def show_segmented(images: torch.Tensor, trimaps: torch.Tensor, labels: torch.Tensor, class_names: list[str],
                   n: int = 5, seed: int | None = None) -> Figure:
    """n different random images, each with only its animal kept, titled with its class name."""
    rng = np.random.default_rng(seed)  # seed=None: a different choice on every call
    chosen = rng.choice(len(images), size=n, replace=False)
    fig, axes = plt.subplots(1, n, figsize=(2.5 * n, 2.8))
    for ax, i in zip(np.atleast_1d(axes), chosen):
        cut = segment_out(images[i], (trimaps[i] == FOREGROUND).float())
        ax.imshow(cut.permute(1, 2, 0).numpy())
        ax.set_title(f"{class_names[int(labels[i])]} (#{i})")
        ax.axis("off")
    fig.tight_layout()
    return fig
