"""Week 07 training in the PyTorch tutorials' style: a TensorDataset and a DataLoader whose shuffling
generator is seeded with `seed`, a tqdm bar over the batches, and inference_mode for prediction."""
from __future__ import annotations

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
from tqdm import tqdm

from metrics import pixel_cross_entropy, soft_dice_loss


def train_segmenter(model: nn.Module, images: torch.Tensor, targets: torch.Tensor, epochs: int = 2,
                    lr: float = 3e-3, batch_size: int = 8, ignore_index: int = -100, seed: int = 0) -> list[float]:
    """Adam on cross-entropy + soft Dice; the batch order comes from a generator seeded with `seed`."""
    loader = DataLoader(TensorDataset(images, targets), batch_size=batch_size, shuffle=True,
                        generator=torch.Generator().manual_seed(seed))
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    for epoch in range(epochs):
        model.train()
        losses, counts = [], []
        for x, y in tqdm(loader, desc=f"epoch {epoch + 1}", leave=False):
            optimizer.zero_grad()
            logits = model(x)
            loss = pixel_cross_entropy(logits, y, ignore_index=ignore_index) + \
                soft_dice_loss(logits, y, ignore_index=ignore_index)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
            counts.append(len(x))
        history.append(sum(l * n for l, n in zip(losses, counts)) / sum(counts))
    return history


def predict_masks(model: nn.Module, images: torch.Tensor, batch_size: int = 64) -> torch.Tensor:
    """Argmax class per pixel, int64 (N, H, W), in eval mode without autograd."""
    model.eval()
    with torch.inference_mode():
        parts = [model(chunk).argmax(dim=1) for chunk in images.split(batch_size)]
    return torch.cat(parts).clone()


def foreground_iou(model: nn.Module, images: torch.Tensor, targets: torch.Tensor, ignore_index: int = -100) -> float:
    """IoU of the animal class over the pixels that are not ignored."""
    pred = predict_masks(model, images) == 1
    truth = targets == 1
    valid = targets != ignore_index
    inter = (pred & truth & valid).sum().item()
    union = ((pred | truth) & valid).sum().item()
    return inter / union if union else float("nan")
