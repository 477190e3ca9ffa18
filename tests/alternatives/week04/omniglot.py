"""Week 04 Omniglot-style data and models: files found with glob and sorted by path parts, two conv blocks
with functional ELU, torch.lerp for the loss weighting."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import torch
import torch.nn.functional as F
from PIL import Image
from torch import nn
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms
from tqdm import tqdm


class OmniglotDataset(Dataset):
    """Every PNG two folders below root, ordered by (alphabet, character, file)."""

    def __init__(self, root: str | Path, transform: Callable | None = None) -> None:
        super().__init__()
        root = Path(root)
        self.transform = transforms.ToTensor() if transform is None else transform
        files = sorted((p.relative_to(root).parts, p) for p in root.glob("*/*/*.png"))
        alphabets = sorted({parts[0] for parts, _ in files})
        characters = sorted({parts[:2] for parts, _ in files})
        alpha_idx = {name: i for i, name in enumerate(alphabets)}
        char_idx = {key: i for i, key in enumerate(characters)}
        self.num_alphabets = len(alphabets)
        self.items = [(path, alpha_idx[parts[0]], char_idx[parts[:2]]) for parts, path in files]

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, idx: int) -> tuple[torch.Tensor, torch.Tensor, int]:
        path, alphabet, label = self.items[idx]
        with Image.open(path) as img:
            image = self.transform(img.convert("L"))
        onehot = F.one_hot(torch.tensor(alphabet), self.num_alphabets).float()
        return image, onehot, torch.tensor(label)


class _ImageEncoder(nn.Module):
    """Two conv -> max pool -> ELU blocks, flattened, then a bare Linear to 128."""

    def __init__(self, image_size: int) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.fc = nn.Linear(32 * (image_size // 4) ** 2, 128)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.elu(F.max_pool2d(self.conv1(x), 2))
        x = F.elu(F.max_pool2d(self.conv2(x), 2))
        return self.fc(x.flatten(1))


class TwoInputNet(nn.Module):
    """Image encoder (128) and a two-layer alphabet MLP (8), concatenated and classified."""

    def __init__(self, num_alphabets: int = 30, num_characters: int = 964, image_size: int = 64) -> None:
        super().__init__()
        self.image = _ImageEncoder(image_size)
        self.alpha1 = nn.Linear(num_alphabets, 32)
        self.alpha2 = nn.Linear(32, 8)
        self.out = nn.Linear(128 + 8, num_characters)

    def forward(self, x_image: torch.Tensor, x_alphabet: torch.Tensor) -> torch.Tensor:
        a = self.alpha2(F.relu(self.alpha1(x_alphabet)))
        return self.out(torch.cat([self.image(x_image), a], dim=1))


class TwoOutputNet(nn.Module):
    """One image encoder shared by an alphabet head and a character head."""

    def __init__(self, num_alphabets: int = 30, num_characters: int = 964, image_size: int = 64) -> None:
        super().__init__()
        self.image = _ImageEncoder(image_size)
        self.alphabet_head = nn.Linear(128, num_alphabets)
        self.character_head = nn.Linear(128, num_characters)

    def forward(self, x_image: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        h = self.image(x_image)
        return self.alphabet_head(h), self.character_head(h)


def combined_loss(loss_alpha: torch.Tensor, loss_char: torch.Tensor, char_weight: float) -> torch.Tensor:
    """lerp from the alphabet loss towards the character loss by char_weight."""
    if not 0 <= char_weight <= 1:
        raise ValueError("char_weight must be between 0 and 1")
    return torch.lerp(loss_alpha, loss_char, char_weight)


def train_two_input(model: nn.Module, dataloader: DataLoader, optimizer: torch.optim.Optimizer,
                    num_epochs: int) -> list[float]:
    """F.cross_entropy on model(image, alphabet); per-epoch mean of the batch losses."""
    model.train()
    history = []
    for _ in tqdm(range(num_epochs), leave=False):
        losses = []
        for image, alphabet, label in dataloader:
            optimizer.zero_grad()
            loss = F.cross_entropy(model(image, alphabet), label)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        history.append(sum(losses) / len(losses))
    return history


def train_two_output(model: nn.Module, dataloader: DataLoader, optimizer: torch.optim.Optimizer,
                     num_epochs: int, char_weight: float = 0.5) -> list[float]:
    """Both heads, combined with combined_loss; per-epoch mean of the batch losses."""
    model.train()
    history = []
    for _ in tqdm(range(num_epochs), leave=False):
        losses = []
        for image, alphabet, label in dataloader:
            optimizer.zero_grad()
            alpha_logits, char_logits = model(image)
            loss = combined_loss(F.cross_entropy(alpha_logits, alphabet.argmax(dim=1)),
                                 F.cross_entropy(char_logits, label), char_weight)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        history.append(sum(losses) / len(losses))
    return history
