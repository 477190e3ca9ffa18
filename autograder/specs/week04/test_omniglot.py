"""Week 04, Omniglot-style glyphs: the Dataset, a two-input model, a two-output model, loss weighting."""
from pathlib import Path

import pytest
import torch
from PIL import Image
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
from torchvision import transforms

from week04_folders import alphabets_and_characters, drawings  # counted from the folders

from autograder.boundary import in_worker



def linear_calls(model, *inputs):
    """Run the model and record (input width, output width) of every nn.Linear call."""
    seen = []
    hooks = [l.register_forward_hook(lambda mod, inp, out: seen.append((inp[0].shape[-1], out.shape[-1])))
             for l in model.modules() if isinstance(l, nn.Linear)]
    try:
        out = model(*inputs)
    finally:
        for h in hooks:
            h.remove()
    return out, seen


@in_worker
def first_conv_grad(net, conv, x, k):
    """Runs in the worker: zero the gradients, backward from the sum of output k, return conv.weight.grad."""
    net.zero_grad()
    net(x)[k].sum().backward()
    return conv.weight.grad


@in_worker
def loss_and_grads(combined_loss, loss_alpha, loss_char, char_weight):
    """Runs in the worker: combined_loss on two leaf tensors, then backward when the result allows it.
    Returns (the result, the gradient of loss_alpha, the gradient of loss_char)."""
    import torch

    loss = combined_loss(loss_alpha, loss_char, char_weight)
    if torch.is_tensor(loss) and loss.requires_grad:
        loss.backward()
    return loss, loss_alpha.grad, loss_char.grad


@in_worker
def train_in_worker(train_fn, model, loader, opt_name, opt_kwargs, epochs):
    """Runs in the worker: an optimizer over the model's own parameters, then train_fn(model, loader, optimizer,
    epochs). Returns what train_fn returned."""
    import torch

    optimizer = getattr(torch.optim, opt_name)(model.parameters(), **opt_kwargs)
    return train_fn(model, loader, optimizer, epochs)


def load_split(root: Path, size: int):
    """(images [N,1,size,size], alphabet one-hot [N,A], labels [N]) read straight from the folders."""
    tf = transforms.Compose([transforms.ToTensor(), transforms.Resize((size, size))])
    xs, alphas, ys, label = [], [], [], 0
    alphabets = sorted(p.name for p in root.iterdir() if p.is_dir())
    for a, name in enumerate(alphabets):
        for char_dir in sorted(p for p in (root / name).iterdir() if p.is_dir()):
            for f in sorted(char_dir.glob("*.png")):
                xs.append(tf(Image.open(f).convert("L")))
                alphas.append(a)
                ys.append(label)
            label += 1
    onehot = nn.functional.one_hot(torch.tensor(alphas), len(alphabets)).float()
    return torch.stack(xs), onehot, torch.tensor(ys)


@pytest.mark.points(2)
def test_dataset_items(load, data_dir):
    """OmniglotDataset yields (image, alphabet one-hot, character label) in sorted folder order."""
    m = load("omniglot")
    root = data_dir / "omniglot_train"
    ds = m.OmniglotDataset(root)
    items = drawings(root)
    n_alphabets, n_characters = alphabets_and_characters(root)
    assert len(ds) == len(items), f"omniglot_train holds {len(items)} drawings, the dataset has {len(ds)}"
    img, alpha, label = ds[0]
    assert isinstance(img, torch.Tensor) and tuple(img.shape) == (1, 105, 105) and img.dtype == torch.float32, \
        "without a transform an image should be ToTensor's float32 [1, 105, 105] (one grey channel)"
    assert tuple(alpha.shape) == (n_alphabets,) and alpha.dtype == torch.float32, \
        f"the alphabet should be a float32 one-hot vector of length {n_alphabets} (one slot per alphabet folder)"
    assert alpha[0] == 1 and alpha.sum() == 1 and int(label) == 0, "the first item is character 0 of alphabet 0"
    img, alpha, label = ds[len(ds) - 1]
    assert int(label) == n_characters - 1 and alpha[-1] == 1, \
        f"the last item should be the last character (label {n_characters - 1}) with the last alphabet slot set"
    k = next(i for i, (a, _, _) in enumerate(items) if a == min(2, n_alphabets - 1)) + 1
    a, c, f = items[k]  # the second drawing of the third alphabet
    img, alpha, label = ds[k]
    assert int(label) == c and int(alpha.argmax()) == a, \
        "items should be ordered by sorted alphabet, character and file, characters numbered across alphabets"
    expected = transforms.ToTensor()(Image.open(f).convert("L"))
    where = f"{f.parent.parent.name}/{f.parent.name}/{f.name}"
    assert torch.equal(img, expected), f"item {k} should be the image {where}"
    small = m.OmniglotDataset(root, transforms.Compose([transforms.ToTensor(), transforms.Resize((64, 64))]))
    assert tuple(small[0][0].shape) == (1, 64, 64), "the transform given to the dataset should be applied"


@pytest.mark.points(2)
def test_two_input_net_fuses_both_branches(load):
    """TwoInputNet: image branch to 128, alphabet branch to 8, a Linear over the 136 concatenated features."""
    m = load("omniglot")
    torch.manual_seed(0)
    net = m.TwoInputNet(num_alphabets=30, num_characters=964, image_size=64)
    net.eval()   # deterministic outputs even with dropout layers, so the comparisons below mean something
    img = torch.rand(4, 1, 64, 64)
    alpha = nn.functional.one_hot(torch.tensor([0, 3, 29, 7]), 30).float()
    out, calls = linear_calls(net, img, alpha)
    assert tuple(out.shape) == (4, 964), f"the output should be logits [4, 964], got {tuple(out.shape)}"
    outs = [o for _, o in calls]
    assert 128 in outs, "the image branch should end in a Linear layer with 128 outputs"
    assert 8 in outs, "the alphabet branch should end in a Linear layer with 8 outputs"
    assert any(i == 136 for i, _ in calls), \
        "the classifier should be a Linear layer over the concatenation (128 + 8 = 136 features)"
    other_alpha = nn.functional.one_hot(torch.tensor([1, 1, 1, 1]), 30).float()
    assert not torch.allclose(net(img, other_alpha), out), "changing the alphabet input did not change the output"
    assert not torch.allclose(net(torch.rand(4, 1, 64, 64), alpha), out), "changing the image did not change the output"


@pytest.mark.points(1)
def test_two_output_net_shares_its_trunk(load):
    """TwoOutputNet returns (alphabet logits, character logits) from one shared image sub-network."""
    m = load("omniglot")
    torch.manual_seed(0)
    net = m.TwoOutputNet(num_alphabets=30, num_characters=964, image_size=64)
    result = net(torch.rand(3, 1, 64, 64))
    assert isinstance(result, (tuple, list)) and len(result) == 2, "forward should return two outputs"
    out_alpha, out_char = result
    assert tuple(out_alpha.shape) == (3, 30) and tuple(out_char.shape) == (3, 964), \
        f"outputs should be alphabet logits [3, 30] then character logits [3, 964], got {tuple(out_alpha.shape)} and {tuple(out_char.shape)}"
    first_conv = next((c for c in net.modules() if isinstance(c, nn.Conv2d)), None)
    assert first_conv is not None, "the image sub-network should start with a Conv2d"
    for k, head in enumerate(("alphabet", "character")):
        g = first_conv_grad(net, first_conv, torch.rand(3, 1, 64, 64), k)  # backward where the net lives
        assert g is not None and g.abs().sum() > 0, \
            f"the {head} head does not reach the first convolution: both heads should share one image sub-network"


@pytest.mark.points(1)
def test_combined_loss(load):
    """combined_loss is (1 - w) * loss_alpha + w * loss_char and rejects w outside [0, 1]."""
    m = load("omniglot")
    la = torch.tensor(2.0, requires_grad=True)
    lc = torch.tensor(5.0, requires_grad=True)
    loss, ga, gc = loss_and_grads(m.combined_loss, la, lc, 0.33)  # the graph exists only in the worker
    assert torch.is_tensor(loss) and abs(loss.item() - (0.67 * 2 + 0.33 * 5)) < 1e-5, \
        "combined_loss(2, 5, 0.33) should be 0.67 * 2 + 0.33 * 5 = 2.99"
    assert ga is not None and gc is not None and abs(ga.item() - 0.67) < 1e-6 and abs(gc.item() - 0.33) < 1e-6, \
        "the result should stay a tensor in the graph so both losses get gradients"
    with pytest.raises(ValueError):
        m.combined_loss(la, lc, 1.5)
    for edge, want in ((0.0, 2.0), (1.0, 5.0)):  # the ends of [0, 1] are allowed
        assert abs(loss_and_grads(m.combined_loss, la, lc, edge)[0].item() - want) < 1e-6, \
            f"combined_loss with w = {edge} should give {want}: [0, 1] includes its ends"


@pytest.mark.points(2)
@pytest.mark.timeout(45)
def test_two_input_net_learns(load, data_dir, credit):
    """TwoInputNet trained with train_two_input (32x32, 5 epochs, Adam) recognises omniglot_test characters."""
    m = load("omniglot")
    x, a, y = load_split(data_dir / "omniglot_train", 32)
    xt, at, yt = load_split(data_dir / "omniglot_test", 32)
    torch.manual_seed(0)
    n_alphabets, n_characters = alphabets_and_characters(data_dir / "omniglot_train")
    net = m.TwoInputNet(num_alphabets=n_alphabets, num_characters=n_characters, image_size=32)
    loader = DataLoader(TensorDataset(x, a, y), batch_size=16, shuffle=True, generator=torch.Generator().manual_seed(0))
    history = train_in_worker(m.train_two_input, net, loader, "Adam", {"lr": 3e-3}, 5)
    assert len(history) == 5 and history[-1] < history[0], "train_two_input should return 5 decreasing-ish epoch losses"
    net.eval()
    with torch.no_grad():
        acc = (net(xt, at).argmax(dim=1) == yt).float().mean().item()
    if acc >= 0.1:
        credit(0.5, f"test accuracy {acc:.2f} beats guessing within the alphabet (0.08)")
    assert acc >= 0.2, (f"test accuracy {acc:.2f} is below 0.2: check the loss, the optimizer steps and both inputs. "
                        "About 0.08 means only the alphabet is used: the image branch stopped learning (ReLU units "
                        "can die at this learning rate; ELU keeps them alive)")
    credit(1.0)
