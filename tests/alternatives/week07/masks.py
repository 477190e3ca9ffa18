"""Week 07 masks with lookup tables and torch generators: the trimap codes index a small table, the random
choice of pictures is a torch.randperm, and the figure is built with add_subplot."""
from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib.figure import Figure

FOREGROUND, BACKGROUND, BOUNDARY = 1, 2, 3  # the Oxford-IIIT Pets trimap codes


def load_pets(data_dir: str | Path, split: str = "train") -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """One split of pets_segmentation.npz as (images float32 NCHW in [0, 1], trimaps uint8, labels int64)."""
    if split not in {"train", "test"}:
        raise ValueError(f"unknown split {split!r}: use 'train' or 'test'")
    with np.load(Path(data_dir, "pets_segmentation.npz")) as npz:
        images = torch.tensor(npz[split + "_images"]).permute(0, 3, 1, 2).to(torch.float32).div(255).contiguous()
        trimaps = torch.tensor(npz[split + "_trimaps"], dtype=torch.uint8)
        labels = torch.tensor(npz[split + "_labels"], dtype=torch.int64)
    return images, trimaps, labels


def to_binary_mask(mask_tensor: torch.Tensor, fg_value: float = 1 / 255) -> torch.Tensor:
    """1.0 where the value is fg_value, 0.0 elsewhere (float32, same shape)."""
    target = torch.tensor(fg_value, dtype=mask_tensor.dtype)
    return torch.isclose(mask_tensor, target, rtol=0.0, atol=1e-7).to(torch.float32)


def segment_out(image: torch.Tensor, binary_mask: torch.Tensor) -> torch.Tensor:
    """image (3, H, W) with the pixels outside the mask set to 0."""
    mask = binary_mask if binary_mask.dim() == 3 else binary_mask.unsqueeze(0)
    return image * mask.to(image.dtype).expand_as(image)


def trimap_to_labels(trimap: torch.Tensor, ignore_index: int = -100) -> torch.Tensor:
    """Class indices: 1 -> 1, 2 -> 0, 3 -> ignore_index (int64)."""
    codes = trimap.long()
    if ((codes < FOREGROUND) | (codes > BOUNDARY)).any():
        raise ValueError("trimap values must be 1 (animal), 2 (background) or 3 (boundary)")
    table = torch.tensor([ignore_index, 1, 0, ignore_index], dtype=torch.int64)  # index 0 never occurs
    return table[codes]


def show_segmented(images: torch.Tensor, trimaps: torch.Tensor, labels: torch.Tensor, class_names: list[str],
                   n: int = 5, seed: int | None = None) -> Figure:
    """n distinct random cut-outs, each titled with its class name."""
    gen = torch.Generator()
    if seed is None:
        gen.seed()  # a fresh, non-deterministic seed
    else:
        gen.manual_seed(seed)
    picks = torch.randperm(len(images), generator=gen)[:n].tolist()
    fig = plt.figure(figsize=(3 * n, 3))
    for pos, i in enumerate(picks, start=1):
        ax = fig.add_subplot(1, n, pos)
        cut = segment_out(images[i], trimaps[i] == FOREGROUND)
        ax.imshow(cut.permute(1, 2, 0).numpy())
        ax.set_title(class_names[int(labels[i])])
        ax.set_axis_off()
    return fig
