"""Week 08: the DCGAN generator and discriminator."""
import pytest
import torch
from torch import nn

from autograder.boundary import in_worker

# activations by the last part of the torch function that computes them (module or functional style alike:
# nn.ReLU calls F.relu, nn.Tanh calls torch.tanh)
ACTIVATIONS = {"relu": "ReLU", "relu_": "ReLU", "leaky_relu": "LeakyReLU", "leaky_relu_": "LeakyReLU", "tanh": "Tanh",
               "tanh_": "Tanh", "sigmoid": "Sigmoid", "sigmoid_": "Sigmoid", "expit": "Sigmoid", "elu": "ELU",
               "elu_": "ELU", "selu": "SELU", "celu": "CELU", "gelu": "GELU", "silu": "SiLU", "mish": "Mish",
               "softplus": "Softplus", "hardtanh": "Hardtanh", "relu6": "ReLU6", "prelu": "PReLU", "rrelu": "RReLU"}
FORBIDDEN_CALLS = {"linear": "a Linear layer", "max_pool2d": "pooling", "avg_pool2d": "pooling",
                   "adaptive_avg_pool2d": "pooling", "adaptive_max_pool2d": "pooling"}


def n_params(model):
    return sum(p.numel() for p in model.parameters())


def leaves(model):
    return [mod for mod in model.modules() if not list(mod.children())]


@in_worker
def forward_calls(model, x):
    """Runs in the worker: model(x) without gradients under a TorchFunctionMode; the names of the torch functions the
    forward pass called, in order (the outermost ones: what torch does inside F.relu is not listed)."""
    import torch
    from torch.overrides import TorchFunctionMode, resolve_name

    calls = []

    class Record(TorchFunctionMode):
        def __torch_function__(self, func, types, args=(), kwargs=None):
            calls.append(resolve_name(func) or f"{getattr(func, '__module__', None)}.{getattr(func, '__name__', func)}")
            return func(*args, **(kwargs or {}))

    with torch.no_grad(), Record():
        model(x)
    return calls


@pytest.mark.points(2)
def test_generator_64(load):
    """DCGANGenerator(100, 64, 64), the defaults, maps (N, 100, 1, 1) noise to (N, 3, 64, 64) in [-1, 1] with 3,576,704 parameters."""
    m = load("dcgan")
    gen = m.DCGANGenerator(z_dim=100, ngf=64, img_size=64).eval()
    with torch.no_grad():
        x = gen(torch.randn(2, 100, 1, 1))
        flat = gen(torch.randn(2, 100))
    assert x.shape == (2, 3, 64, 64), f"expected (2, 3, 64, 64), got {tuple(x.shape)}"
    assert flat.shape == (2, 3, 64, 64), "the generator should also accept noise shaped (N, z_dim)"
    assert x.min() >= -1 and x.max() <= 1, "images must lie in [-1, 1]: the last layer is Tanh"
    assert n_params(gen) == 3_576_704, (
        f"{n_params(gen):,} parameters; the README's plan (4x4 start with ngf*8 channels, bias-free transposed "
        "convolutions, BatchNorm2d) has 3,576,704")
    assert n_params(m.DCGANGenerator()) == 3_576_704 and n_params(m.DCGANDiscriminator()) == n_params(
        m.DCGANDiscriminator(64, 64)), "the defaults are DCGANGenerator(z_dim=100, ngf=64, img_size=64) and DCGANDiscriminator(ndf=64, img_size=64)"


@pytest.mark.points(1)
def test_discriminator_64(load):
    """DCGANDiscriminator(64, 64) maps (N, 3, 64, 64) to (N, 1) logits with 2,765,568 parameters."""
    m = load("dcgan")
    disc = m.DCGANDiscriminator(ndf=64, img_size=64).eval()
    with torch.no_grad():
        out = disc(torch.rand(3, 3, 64, 64) * 2 - 1)
    assert out.shape == (3, 1), f"expected one logit per image, (3, 1), got {tuple(out.shape)}"
    assert n_params(disc) == 2_765_568, f"{n_params(disc):,} parameters; the README's plan has 2,765,568"


@pytest.mark.points(2)
def test_dcgan_guidelines(load):
    """Only strided (transposed) convolutions without bias, BatchNorm2d, ReLU + final Tanh in G, LeakyReLU in D; no Linear, no pooling."""
    m = load("dcgan")
    acts = {}
    for name, model, x in (("generator", m.DCGANGenerator(100, 16, 64), torch.randn(2, 100, 1, 1)),
                           ("discriminator", m.DCGANDiscriminator(16, 64), torch.rand(2, 3, 64, 64) * 2 - 1)):
        kinds = leaves(model)
        calls = [c.rpartition(".")[2] for c in forward_calls(model, x)]
        assert not any(isinstance(k, (nn.Linear, nn.MaxPool2d, nn.AvgPool2d, nn.AdaptiveAvgPool2d)) for k in kinds), (
            f"the {name} uses Linear or pooling layers; DCGAN uses strided convolutions only")
        used = sorted({FORBIDDEN_CALLS[c] for c in calls if c in FORBIDDEN_CALLS})
        assert not used, f"the {name}'s forward pass calls {used[0]} (functional style); DCGAN uses strided convolutions only"
        assert any(isinstance(k, nn.BatchNorm2d) for k in kinds), f"the {name} needs BatchNorm2d"
        convs = [k for k in kinds if isinstance(k, (nn.Conv2d, nn.ConvTranspose2d))]
        assert convs and all(c.bias is None for c in convs), f"the {name}'s convolutions should have bias=False"
        # the activations the forward pass applies, as layers or as functions (F.relu, torch.tanh)
        acts[name] = [ACTIVATIONS[c] for c in calls if c in ACTIVATIONS]
    g, d = acts["generator"], acts["discriminator"]
    assert g, "the generator's forward pass applies no activation: ReLU after each batch norm, Tanh at the end"
    assert g[-1] == "Tanh" and all(a == "ReLU" for a in g[:-1]), (
        f"the generator uses ReLU everywhere except its last activation, which is Tanh; its forward pass applies {g}")
    assert "LeakyReLU" in d, f"the discriminator uses LeakyReLU; its forward pass applies {d or 'no activation'}"
    assert "Sigmoid" not in d, "the discriminator returns logits: no Sigmoid"


@pytest.mark.points(1)
def test_32_pixel_variant(load):
    """img_size=32 gives 32x32 images and a discriminator that accepts them."""
    m = load("dcgan")
    gen, disc = m.DCGANGenerator(100, 32, 32).eval(), m.DCGANDiscriminator(32, 32).eval()
    with torch.no_grad():
        x = gen(torch.randn(4, 100, 1, 1))
        assert x.shape == (4, 3, 32, 32), f"expected (4, 3, 32, 32), got {tuple(x.shape)}"
        assert disc(x).shape == (4, 1), "the 32-pixel discriminator should give (N, 1)"


@pytest.mark.points(1)
def test_weights_init(load):
    """weights_init draws conv weights (G's transposed and D's plain convolutions) from N(0, 0.02) and batch-norm
    weights from N(1, 0.02) with zero bias."""
    m = load("dcgan")
    for name, model, conv_kind in (("generator", m.DCGANGenerator(100, 64, 64), nn.ConvTranspose2d),
                                   ("discriminator", m.DCGANDiscriminator(64, 64), nn.Conv2d)):
        model.apply(m.weights_init)
        conv = torch.cat([k.weight.flatten() for k in model.modules() if isinstance(k, conv_kind)])
        bn_w = torch.cat([k.weight for k in model.modules() if isinstance(k, nn.BatchNorm2d)])
        bn_b = torch.cat([k.bias for k in model.modules() if isinstance(k, nn.BatchNorm2d)])
        assert abs(conv.mean().item()) < 1e-3 and abs(conv.std().item() - 0.02) < 1e-3, (
            f"the {name}'s {conv_kind.__name__} weights should be N(0, 0.02): mean {conv.mean().item():.4f}, "
            f"std {conv.std().item():.4f}")
        assert abs(bn_w.mean().item() - 1) < 5e-3 and abs(bn_w.std().item() - 0.02) < 5e-3, (
            f"the {name}'s batch-norm weights should be N(1, 0.02)")
        assert torch.all(bn_b == 0), f"the {name}'s batch-norm biases should be 0"
