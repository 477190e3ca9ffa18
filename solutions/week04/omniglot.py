"""Week 04, part 4: Omniglot-style data, a two-input model, a two-output model and loss weighting."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import torch
from PIL import Image
from torch import nn
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms
from tqdm import tqdm


class OmniglotDataset(Dataset):
    """Images under root/<alphabet>/<character>/<drawing>.png.

    Alphabets are numbered in sorted order; characters are numbered 0..C-1 in sorted
    (alphabet, character) order. An item is (image, alphabet one-hot float32 [A], character label int).
    """

    def __init__(self, root: str | Path, transform: Callable | None = None) -> None:
        super().__init__()
        root = Path(root)
        self.transform = transform or transforms.ToTensor()
        self.alphabets = sorted(p.name for p in root.iterdir() if p.is_dir())
        self.samples: list[tuple[Path, int, int]] = []  # (file, alphabet index, character label)
        label = 0
        for a, alphabet in enumerate(self.alphabets):
            for char_dir in sorted(p for p in (root / alphabet).iterdir() if p.is_dir()):
                for file in sorted(char_dir.glob("*.png")):
                    self.samples.append((file, a, label))
                label += 1
        self.num_characters = label

    def __len__(self) -> int:
        return len(self.samples)

    def __getitem__(self, idx: int) -> tuple[torch.Tensor, torch.Tensor, int]:
        file, a, label = self.samples[idx]
        image = self.transform(Image.open(file).convert("L"))
        alphabet = torch.zeros(len(self.alphabets))
        alphabet[a] = 1.0
        return image, alphabet, label


def _image_branch(image_size: int, out_features: int) -> nn.Sequential:
    """conv -> max pool -> ELU, flattened, then a linear layer (and ELU) to `out_features`."""
    return nn.Sequential(
        nn.Conv2d(1, 16, kernel_size=3, padding=1),
        nn.MaxPool2d(kernel_size=2),
        nn.ELU(),
        nn.Flatten(),
        nn.Linear(16 * (image_size // 2) ** 2, out_features),
        nn.ELU(),
    )


class TwoInputNet(nn.Module):
    """Image branch -> 128, alphabet branch -> 8, concatenated (136) and classified into characters."""

    def __init__(self, num_alphabets: int = 30, num_characters: int = 964, image_size: int = 64) -> None:
        super().__init__()
        self.image_layer = _image_branch(image_size, 128)
        self.alphabet_layer = nn.Sequential(
            nn.Linear(num_alphabets, 8),
            nn.ELU(),
            nn.Linear(8, 8),
            nn.ELU(),
        )
        self.classifier = nn.Linear(128 + 8, num_characters)

    def forward(self, x_image: torch.Tensor, x_alphabet: torch.Tensor) -> torch.Tensor:
        fused = torch.cat((self.image_layer(x_image), self.alphabet_layer(x_alphabet)), dim=1)
        return self.classifier(fused)


class TwoOutputNet(nn.Module):
    """One image trunk (-> 128), two heads: alphabet logits [B, A] and character logits [B, C]."""

    def __init__(self, num_alphabets: int = 30, num_characters: int = 964, image_size: int = 64) -> None:
        super().__init__()
        self.image_layer = _image_branch(image_size, 128)
        self.classifier_alpha = nn.Linear(128, num_alphabets)
        self.classifier_char = nn.Linear(128, num_characters)

    def forward(self, x_image: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        features = self.image_layer(x_image)
        return self.classifier_alpha(features), self.classifier_char(features)


def combined_loss(loss_alpha: torch.Tensor, loss_char: torch.Tensor, char_weight: float) -> torch.Tensor:
    """(1 - w) * loss_alpha + w * loss_char, with the weight w in [0, 1]."""
    if not 0.0 <= char_weight <= 1.0:
        raise ValueError(f"char_weight must lie in [0, 1], got {char_weight}")
    return (1 - char_weight) * loss_alpha + char_weight * loss_char


def train_two_input(model: nn.Module, dataloader: DataLoader, optimizer: torch.optim.Optimizer,
                    num_epochs: int) -> list[float]:
    """Train on (image, alphabet, label) batches with cross-entropy; mean batch loss per epoch."""
    criterion = nn.CrossEntropyLoss()
    model.train()
    history = []
    for epoch in range(num_epochs):
        running = 0.0
        for images, alphabets, labels in tqdm(dataloader, desc=f"Epoch {epoch + 1}"):
            optimizer.zero_grad()
            loss = criterion(model(images, alphabets), labels)
            loss.backward()
            optimizer.step()
            running += loss.item()
        history.append(running / len(dataloader))
    return history


def train_two_output(model: nn.Module, dataloader: DataLoader, optimizer: torch.optim.Optimizer,
                     num_epochs: int, char_weight: float = 0.5) -> list[float]:
    """Train both heads on combined_loss of the two cross-entropies; mean batch loss per epoch."""
    criterion_alpha, criterion_char = nn.CrossEntropyLoss(), nn.CrossEntropyLoss()
    model.train()
    history = []
    for epoch in range(num_epochs):
        running = 0.0
        for images, alphabets, labels in tqdm(dataloader, desc=f"Epoch {epoch + 1}"):
            optimizer.zero_grad()
            out_alpha, out_char = model(images)
            loss_alpha = criterion_alpha(out_alpha, alphabets.argmax(dim=1))  # one-hot -> index
            loss_char = criterion_char(out_char, labels)
            loss = combined_loss(loss_alpha, loss_char, char_weight)
            loss.backward()
            optimizer.step()
            running += loss.item()
        history.append(running / len(dataloader))
    return history
