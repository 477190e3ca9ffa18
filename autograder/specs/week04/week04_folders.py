"""What the week's data folders hold, counted by the specs, so they hold for the shipped substitutes and for the
course's original files alike (`python -m autograder data fetch`)."""
from __future__ import annotations

import os
from pathlib import Path

from torchvision.datasets.folder import IMG_EXTENSIONS


def image_count(root: Path) -> int:
    """How many images ImageFolder finds under root/<class>/ (any depth, its extensions, case-insensitive)."""
    total = 0
    for cls in sorted(p for p in Path(root).iterdir() if p.is_dir()):
        for _, _, files in os.walk(cls, followlinks=True):
            total += sum(f.lower().endswith(IMG_EXTENSIONS) for f in files)
    return total


def drawings(root: Path) -> list[tuple[int, int, Path]]:
    """(alphabet number, character number, file) of every drawing of root/<alphabet>/<character>/*.png, in the
    order OmniglotDataset promises: sorted alphabets, characters numbered across them, sorted file names."""
    out, label = [], 0
    for a, alphabet in enumerate(sorted(p for p in Path(root).iterdir() if p.is_dir())):
        for character in sorted(p for p in alphabet.iterdir() if p.is_dir()):
            out += [(a, label, f) for f in sorted(character.glob("*.png"))]
            label += 1
    return out


def alphabets_and_characters(root: Path) -> tuple[int, int]:
    """How many alphabets and characters root holds."""
    items = drawings(root)
    return items[-1][0] + 1, items[-1][1] + 1
