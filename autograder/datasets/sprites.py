"""Creature sprites for week 08's GANs: DATA/sprites.npz.

Source: the tile atlas ``player.png`` of Dungeon Crawl Stone Soup 0.28 as shipped by Debian's package
``crawl-tiles-data`` (/usr/share/crawl/dat/tiles/player.png). Debian's copyright file states that most of
the tiles are public domain / CC0 (the rltiles lineage). Building needs that package
(``apt-get install crawl-tiles-data``); students and specs only read the committed npz.

The atlas is packed in 32x32 cells. The builder takes the band of rows that holds monsters (rows whose
cells start at y = 32k + 5 between y = 773 and y = 1600), cuts every 32x32 cell, and keeps a cell when it
looks like one whole creature: 25-95 % of its pixels are opaque, at most half of its outer frame is
opaque (the sprite is not cut off), and something is left after three binary erosions (thin tentacle
segments, arrows and question marks are dropped). Exact duplicates are dropped.

Arrays: ``images`` uint8 (N, 32, 32, 4) RGBA, in atlas order.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

ATLAS = Path("/usr/share/crawl/dat/tiles/player.png")
TOP, BOTTOM, CELL, OFFSET = 773, 1600, 32, 5


def keep(cell: np.ndarray) -> bool:
    from scipy import ndimage
    alpha = cell[..., 3] > 0
    frame = np.concatenate([alpha[0], alpha[-1], alpha[:, 0], alpha[:, -1]])
    thick = ndimage.binary_erosion(alpha, iterations=3)
    return 0.25 <= alpha.mean() <= 0.95 and frame.mean() <= 0.5 and thick.mean() >= 0.06


def cut(atlas: np.ndarray) -> np.ndarray:
    cells, seen = [], set()
    for y in range(TOP, BOTTOM, CELL):
        for x in range(0, atlas.shape[1] - CELL + 1, CELL):
            cell = atlas[y:y + CELL, x:x + CELL]
            key = cell.tobytes()
            if keep(cell) and key not in seen:
                seen.add(key)
                cells.append(cell)
    return np.stack(cells)


def build(data_dir: Path) -> list[Path]:
    from PIL import Image
    if not ATLAS.exists():
        raise FileNotFoundError(f"{ATLAS} is missing: apt-get install crawl-tiles-data")
    atlas = np.array(Image.open(ATLAS).convert("RGBA"))
    out = Path(data_dir) / "sprites.npz"
    np.savez_compressed(out, images=cut(atlas))
    return [out]
