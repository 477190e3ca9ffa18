"""Shared by the week 03 water specs: the test table, and rows the submission has never seen (not specs).

A model is scored on rows of water.py's generated pool that are in neither DATA file, so training on the
test file gains nothing."""
import numpy as np
import pandas as pd
import torch

from autograder.datasets import water as water_data


def table(path):
    df = pd.read_csv(path)
    x = torch.tensor(df.drop(columns=["Potability"]).to_numpy(), dtype=torch.float32)
    y = torch.tensor(df["Potability"].to_numpy(), dtype=torch.float32)
    return x, y


def unseen_rows(data_dir, counts, skip=(0, 0)):
    """(x, y, where): rows of the water distribution the submission has never seen, and what they are.

    DATA's two files are drawn from a pool of 20,000 rows (autograder/datasets/water.py); the rows of the
    pool in neither file, scaled like the files and kept where every feature lies in [0, 1], are fresh
    data of the same distribution. `counts` rows of class 0 and 1 are taken after skipping `skip` of each,
    so two calls with different `skip` give disjoint sets. Where the course's original files are in place
    of the synthetic ones, no such rows exist and the test file is used instead (not a spec)."""
    rng = np.random.default_rng(water_data.SEED)
    x, y = water_data._pool(rng, 20_000)
    zeros = rng.permutation(np.flatnonzero(y == 0))
    ones = rng.permutation(np.flatnonzero(y == 1))
    (a0, a1), (b0, b1) = water_data.TRAIN_COUNTS, water_data.TEST_COUNTS
    train_idx = rng.permutation(np.r_[zeros[:a0], ones[:a1]])
    test_idx = rng.permutation(np.r_[zeros[a0:a0 + b0], ones[a1:a1 + b1]])
    both = x[np.r_[train_idx, test_idx]]
    lo, hi = both.min(0), both.max(0)
    scaled = (x - lo) / (hi - lo)
    on_disk = pd.read_csv(data_dir / "water_train.csv")
    feats = on_disk[water_data.FEATURES].to_numpy(float)
    if feats.shape != (a0 + a1, 9) or not np.allclose(feats, scaled[train_idx], atol=1e-6):
        rebuilt = water_data.make_frames()[0]
        if rebuilt.shape == on_disk.shape and np.allclose(rebuilt[water_data.FEATURES].to_numpy(float), feats, atol=1e-6):
            raise RuntimeError("grader bug: the spec no longer rebuilds the pool of autograder/datasets/water.py")
        tx, ty = table(data_dir / "water_test.csv")
        return tx, ty, "the test file (the original data is in place)"
    inside = ((scaled >= 0) & (scaled <= 1)).all(1)
    picked = []
    for label, rest, n, k in ((0, zeros[a0 + b0:], counts[0], skip[0]), (1, ones[a1 + b1:], counts[1], skip[1])):
        rest = rest[inside[rest]]
        assert len(rest) >= k + n, "grader bug: not enough unseen rows"
        picked.append(rest[k:k + n])
    idx = np.sort(np.r_[picked[0], picked[1]])
    where = f"{len(idx):,} rows of the same distribution that are in neither CSV file"
    return torch.tensor(scaled[idx], dtype=torch.float32), torch.tensor(y[idx], dtype=torch.float32), where
