"""An Omniglot-like set of handwritten-looking glyphs for week 04: DATA/omniglot_train, DATA/omniglot_test.

Omniglot itself (964 characters of 30 alphabets, 20 drawers each) cannot be downloaded here, so this
builder renders a small stand-in from a font: alphabets are real scripts, characters are real letters
of them, and each "drawer" is a random pen: a stroke width, an affine warp (rotation, scale, shear,
shift) and a smooth elastic distortion, after which the image is binarised to black strokes on a
white background, 105 x 105 pixels, like Omniglot's.

Font: DejaVu Sans (DejaVuSans.ttf as shipped inside matplotlib's mpl-data), licensed under the
Bitstream Vera / DejaVu font licence (free to use, modify and redistribute; the rendered bitmaps are
not fonts and carry no restriction). No extra package is needed to rebuild.

Layout: DATA/omniglot_{train,test}/<alphabet>/character<NN>/<drawer>.png. 8 alphabets x 12
characters = 96 characters; drawers 01-08 are in omniglot_train and 09-11 in omniglot_test, so both
splits hold the same characters (the test split is a validation set for the same 96 classes).
"""
from __future__ import annotations

import os
from pathlib import Path

import matplotlib
import numpy as np
from PIL import Image, ImageDraw, ImageFont
from scipy import ndimage

FONT = os.path.join(os.path.dirname(matplotlib.__file__), "mpl-data", "fonts", "ttf", "DejaVuSans.ttf")
SIZE = 105
N_CHARS = 12
DRAWERS = {"omniglot_train": range(1, 9), "omniglot_test": range(9, 12)}
# alphabet folder name (Omniglot's spelling) -> first code point of the letters used
ALPHABETS = {
    "Armenian": 0x0531,
    "Cyrillic": 0x0410,
    "Greek": 0x0391,
    "Hebrew": 0x05D0,
    "Latin": 0x0041,
    "Mkhedruli_(Georgian)": 0x10D0,
    "N_Ko": 0x07CA,
    "Tifinagh": 0x2D30,
}


def _letters(start: int, font: ImageFont.FreeTypeFont) -> list[str]:
    """The first N_CHARS code points from `start` that the font draws (non-empty ink)."""
    out, cp = [], start
    while len(out) < N_CHARS:
        ch = chr(cp)
        if font.getbbox(ch)[2] - font.getbbox(ch)[0] > 2 and ch not in out:
            out.append(ch)
        cp += 1
    return out


def _draw(ch: str, rng: np.random.Generator) -> np.ndarray:
    """One drawing of `ch`: bool array (SIZE, SIZE), True where there is ink."""
    big = 2 * SIZE
    font = ImageFont.truetype(FONT, int(rng.uniform(100, 130)))
    canvas = Image.new("L", (big, big), 0)
    draw = ImageDraw.Draw(canvas)
    x0, y0, x1, y1 = draw.textbbox((0, 0), ch, font=font, stroke_width=0)
    pos = ((big - (x1 - x0)) / 2 - x0, (big - (y1 - y0)) / 2 - y0)
    draw.text(pos, ch, fill=255, font=font, stroke_width=int(rng.integers(0, 4)), stroke_fill=255)
    ink = np.asarray(canvas, dtype=np.float64) / 255
    # affine pen: rotation, anisotropic scale, shear, shift (about the centre)
    a = np.deg2rad(rng.uniform(-12, 12))
    sx, sy, sh = rng.uniform(0.85, 1.15), rng.uniform(0.85, 1.15), rng.uniform(-0.2, 0.2)
    m = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]]) @ np.array([[sy, sh], [0, sx]])
    c = np.array([big / 2, big / 2])
    shift = rng.uniform(-8, 8, 2)
    inv = np.linalg.inv(m)
    ink = ndimage.affine_transform(ink, inv, offset=c - inv @ (c + shift), order=1)
    # elastic wobble of the hand
    dy, dx = (ndimage.gaussian_filter(rng.standard_normal((big, big)), 12) * 120 for _ in range(2))
    yy, xx = np.mgrid[0:big, 0:big].astype(np.float64)
    ink = ndimage.map_coordinates(ink, [yy + dy, xx + dx], order=1)
    # down to Omniglot's size, then threshold to a binary drawing
    small = np.asarray(Image.fromarray((ink * 255).astype(np.uint8)).resize((SIZE, SIZE), Image.BILINEAR))
    return small > 110


def build(data_dir: Path) -> list[Path]:
    font = ImageFont.truetype(FONT, 110)
    written = []
    for ai, (alphabet, start) in enumerate(ALPHABETS.items()):
        for ci, ch in enumerate(_letters(start, font)):
            for split, drawers in DRAWERS.items():
                folder = data_dir / split / alphabet / f"character{ci + 1:02d}"
                folder.mkdir(parents=True, exist_ok=True)
                for old in folder.glob("*.png"):
                    old.unlink()
                for d in drawers:
                    rng = np.random.default_rng([ai, ci, d])
                    ink = _draw(ch, rng)
                    path = folder / f"{d:02d}.png"
                    Image.fromarray(~ink).convert("1").save(path, optimize=True)  # black strokes on white
                    written.append(path)
    return written
