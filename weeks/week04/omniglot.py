"""Week 04, part 4: Omniglot-style data, a two-input model, a two-output model and loss weighting.

Tasks: OmniglotDataset, TwoInputNet, TwoOutputNet, combined_loss, train_two_input, train_two_output.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset


class OmniglotDataset(Dataset):
    """Drawings stored as root/<alphabet>/<character>/<drawing>.png (grey or binary PNGs).

    - Alphabets are numbered 0..A-1 in sorted folder order. Characters are numbered 0..C-1 across
      all alphabets in sorted (alphabet, character) order; the same characters in omniglot_test get
      the same numbers as in omniglot_train.
    - Items are ordered by alphabet, then character, then sorted file name.
    - `ds[i]` is (image, alphabet, label): image is `transform(PIL image in mode "L")` (ToTensor() when
      `transform` is None, giving float32 [1, H, W]); alphabet a float32 one-hot tensor [A]; label the
      character number (int or int64 scalar tensor).
    """

    def __init__(self, root: str | Path, transform: Callable | None = None) -> None:
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    def __getitem__(self, idx: int) -> tuple[torch.Tensor, torch.Tensor, int]:
        raise NotImplementedError


class TwoInputNet(nn.Module):
    """Classify a character from its image and its alphabet.

    - Image branch: conv -> max pool -> activation (one or more times), flatten, then a Linear layer
      with 128 outputs (input [B, 1, image_size, image_size]).
    - Alphabet branch: Linear -> activation layers ending in a Linear layer with 8 outputs
      (input: one-hot [B, num_alphabets]).
    - Concatenate the two (128 + 8 = 136 features, `torch.cat(..., dim=1)`) and classify with a
      Linear layer into `num_characters` logits.
    forward(x_image, x_alphabet) -> logits [B, num_characters].
    """

    def __init__(self, num_alphabets: int = 30, num_characters: int = 964, image_size: int = 64) -> None:
        raise NotImplementedError

    def forward(self, x_image: torch.Tensor, x_alphabet: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError


class TwoOutputNet(nn.Module):
    """Predict both the alphabet and the character from the image alone.

    One shared image sub-network (conv -> max pool -> activation, flatten, Linear to 128), then two
    Linear heads. forward(x_image) -> (alphabet logits [B, num_alphabets], character logits
    [B, num_characters]), in that order.
    """

    def __init__(self, num_alphabets: int = 30, num_characters: int = 964, image_size: int = 64) -> None:
        raise NotImplementedError

    def forward(self, x_image: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        raise NotImplementedError


def combined_loss(loss_alpha: torch.Tensor, loss_char: torch.Tensor, char_weight: float) -> torch.Tensor:
    """(1 - char_weight) * loss_alpha + char_weight * loss_char, still in the autograd graph.

    Raises ValueError when char_weight is outside [0, 1].
    """
    raise NotImplementedError


def train_two_input(model: nn.Module, dataloader: DataLoader, optimizer: torch.optim.Optimizer,
                    num_epochs: int) -> list[float]:
    """Train on (image, alphabet, label) batches: `model(image, alphabet)` vs label with cross-entropy.

    One optimizer step per batch; returns the mean batch loss of each epoch (Python floats).
    """
    raise NotImplementedError


def train_two_output(model: nn.Module, dataloader: DataLoader, optimizer: torch.optim.Optimizer,
                     num_epochs: int, char_weight: float = 0.5) -> list[float]:
    """Train both heads on (image, alphabet one-hot, label) batches.

    loss_alpha is the cross-entropy of the alphabet logits against the alphabet index (argmax of the
    one-hot), loss_char the cross-entropy of the character logits against the label; each step
    minimises combined_loss(loss_alpha, loss_char, char_weight). Returns the mean combined batch loss
    of each epoch (Python floats).
    """
    raise NotImplementedError
