"""DATA/product_reviews_train.csv and DATA/product_reviews_test.csv (week 09, fine-tuning).

Source: the sentence-level Amazon review snippets that C.J. Hutto and Eric Gilbert rated for the
VADER paper ("VADER: A Parsimonious Rule-based Model for Sentiment Analysis of Social Media Text",
ICWSM 2014), as shipped in the PyPI source distribution of `vaderSentiment` 3.3.2 (MIT licence,
Copyright (c) 2016 C.J. Hutto), file additional_resources/hutto_ICWSM_2014.tar.gz ->
hutto_ICWSM_2014/amazonReviewSnippets_GroundTruth.txt: 3,708 sentences from 309 customer reviews of
5 products (the reviews first collected by Hu & Liu, KDD 2004), each with the mean sentiment of at
least 20 human raters on a -4..+4 scale.

Rule: keep the snippets whose mean rating is at least +1.0 (label 1, positive) or at most -1.0
(label 0, negative), i.e. the clearly rated ones; take all 941 negatives and 941 positives drawn
with a seeded NumPy generator; shuffle them (same generator) and write the first 1,500 rows to the
train file and the other 382 to the test file. Columns: `text` (the snippet as given, already
lower-case), `label` (0 or 1).

The sdist is fetched with `pip download --no-deps --no-binary :all: vaderSentiment==3.3.2` into a
temporary folder (or read from the path in the environment variable VADER_SDIST) and checked
against its SHA-256; only the build needs it.
"""
from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

SDIST_SHA256 = "5d7c06e027fc8b99238edb0d53d970cf97066ef97654009890b83703849632f9"
MEMBER = "hutto_ICWSM_2014/amazonReviewSnippets_GroundTruth.txt"
THRESHOLD = 1.0
N_TRAIN = 1500
SEED = 9


def _sdist_bytes() -> bytes:
    path = os.environ.get("VADER_SDIST")
    if path:
        data = Path(path).read_bytes()
    else:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                            "--no-binary", ":all:", "vaderSentiment==3.3.2", "-d", tmp], check=True)
            data = next(Path(tmp).glob("vaderSentiment-3.3.2.tar.gz")).read_bytes()
    if hashlib.sha256(data).hexdigest() != SDIST_SHA256:
        raise RuntimeError("vaderSentiment-3.3.2.tar.gz has an unexpected checksum")
    return data


def _snippets() -> list[tuple[str, float]]:
    with tarfile.open(fileobj=io.BytesIO(_sdist_bytes())) as outer:
        inner_bytes = outer.extractfile("vaderSentiment-3.3.2/additional_resources/hutto_ICWSM_2014.tar.gz").read()
    with tarfile.open(fileobj=io.BytesIO(inner_bytes)) as inner:
        text = inner.extractfile(MEMBER).read().decode("utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip():
            _, score, snippet = line.split("\t")
            rows.append((snippet.strip(), float(score)))
    return rows


def build(data_dir: Path) -> list[Path]:
    import numpy as np
    import pandas as pd

    rows = _snippets()
    neg = [(t, 0) for t, s in rows if s <= -THRESHOLD]
    pos = [(t, 1) for t, s in rows if s >= THRESHOLD]
    rng = np.random.default_rng(SEED)
    pos = [pos[i] for i in sorted(rng.choice(len(pos), size=len(neg), replace=False))]
    both = neg + pos
    order = rng.permutation(len(both))
    frame = pd.DataFrame([both[i] for i in order], columns=["text", "label"])
    data_dir.mkdir(parents=True, exist_ok=True)
    train, test = data_dir / "product_reviews_train.csv", data_dir / "product_reviews_test.csv"
    frame.iloc[:N_TRAIN].to_csv(train, index=False, lineterminator="\n")
    frame.iloc[N_TRAIN:].to_csv(test, index=False, lineterminator="\n")
    return [train, test]
