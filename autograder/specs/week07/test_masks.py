"""Week 07, task 1: the pets set, binary masks and cut-outs."""
import numpy as np
import pytest
import torch
from matplotlib.figure import Figure


@pytest.mark.points(1)
def test_load_pets(load, data_dir):
    """load_pets returns float images in [0, 1] (N, 3, 64, 64), uint8 trimaps and int64 labels."""
    m = load("masks")
    images, trimaps, labels = m.load_pets(data_dir, "test")
    raw = np.load(data_dir / "pets_segmentation.npz")
    n = len(raw["test_labels"])
    assert images.shape == (n, 3, 64, 64), f"images should be (N, 3, 64, 64), got {tuple(images.shape)}: permute NHWC to NCHW"
    assert images.dtype == torch.float32, f"images should be float32, got {images.dtype}"
    expected = torch.from_numpy(raw["test_images"]).permute(0, 3, 1, 2).float() / 255
    assert torch.allclose(images, expected, atol=1e-6), "image values should be the stored bytes divided by 255"
    assert trimaps.dtype == torch.uint8 and trimaps.shape == (n, 64, 64), "trimaps should be uint8 (N, 64, 64)"
    assert torch.equal(trimaps, torch.from_numpy(raw["test_trimaps"])), "trimaps should be the stored test_trimaps"
    assert labels.dtype == torch.int64 and torch.equal(labels, torch.from_numpy(raw["test_labels"])), \
        "labels should be the stored test_labels as int64"


@pytest.mark.points(1)
def test_binary_mask_and_cut_out(load):
    """to_binary_mask keeps exactly the 1/255 pixels; segment_out zeroes everything else."""
    m = load("masks")
    trimap = torch.tensor([[1, 2, 3], [3, 1, 2]], dtype=torch.uint8)
    as_tensor = (trimap.float() / 255).unsqueeze(0)  # what transforms.ToTensor() gives
    got = m.to_binary_mask(as_tensor)
    assert got.shape == (1, 2, 3), f"the mask keeps the input shape, got {tuple(got.shape)}"
    assert got.dtype == torch.float32, f"the mask should be float32 (1.0 / 0.0), got {got.dtype}"
    assert torch.equal(got, (trimap == 1).float().unsqueeze(0)), "1.0 exactly where the value is 1/255 (the animal)"
    image = torch.rand(3, 2, 3)
    cut = m.segment_out(image, got)
    assert cut.shape == (3, 2, 3), f"segment_out should return (3, H, W), got {tuple(cut.shape)}"
    assert torch.allclose(cut, image * got), "segment_out should be image * mask (broadcast over the channels)"


@pytest.mark.points(1)
def test_trimap_to_labels(load):
    """trimap_to_labels maps animal 1 -> 1, background 2 -> 0, boundary 3 -> ignore_index."""
    m = load("masks")
    trimap = torch.tensor([[1, 2], [3, 1]], dtype=torch.uint8)
    got = m.trimap_to_labels(trimap)
    assert got.dtype == torch.int64, f"labels should be int64 (what cross-entropy wants), got {got.dtype}"
    assert torch.equal(got, torch.tensor([[1, 0], [-100, 1]])), f"got {got.tolist()}: 1 -> 1, 2 -> 0, 3 -> -100"
    got = m.trimap_to_labels(trimap, ignore_index=255)
    assert got[1, 0] == 255, "the boundary should take the ignore_index argument"


def shown_arrays(fig):
    out = []
    for ax in fig.axes:
        if ax.images:
            arr = np.asarray(ax.images[0].get_array(), dtype=np.float64)
            out.append((ax, arr / 255.0 if arr.max() > 1.5 else arr))
    return out


@pytest.mark.points(1)
def test_show_segmented(load):
    """show_segmented draws n different cut-outs of the given images, titled with their class names."""
    m = load("masks")
    g = torch.Generator().manual_seed(1)
    images = torch.rand(12, 3, 8, 8, generator=g)
    trimaps = torch.randint(1, 4, (12, 8, 8), generator=g).to(torch.uint8)
    labels = torch.arange(12) % 2
    names = ["cat", "dog"]
    fig = m.show_segmented(images, trimaps, labels, names, n=4, seed=3)
    assert isinstance(fig, Figure), "show_segmented should return the matplotlib Figure"
    shown = shown_arrays(fig)
    assert len(shown) == 4, f"expected 4 axes with an image (n=4), found {len(shown)}"
    cutouts = [(images[i] * (trimaps[i] == 1)).permute(1, 2, 0).numpy() for i in range(12)]
    used = []
    for ax, arr in shown:
        assert arr.shape == (8, 8, 3), f"each axis should show an (H, W, 3) picture, got {arr.shape}"
        hits = [i for i, c in enumerate(cutouts) if np.allclose(arr, c, atol=1e-2)]
        assert hits, "a shown picture is not the cut-out (image with only the trimap-1 pixels kept) of any image"
        used.append(hits[0])
        assert names[int(labels[hits[0]])] in ax.get_title(), \
            f"the title {ax.get_title()!r} should contain the class name of the image shown"
    assert len(set(used)) == 4, "the n images should all be different (sample without replacement)"
