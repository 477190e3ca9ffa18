"""Week 10: hidden checks of the embeddings."""
import pytest
import torch

pytestmark = pytest.mark.hidden


@pytest.mark.points(1)
def test_positional_values_of_position_one(load):
    """Position 1 of a d_model=8 table has the paper's values."""
    m = load("embeddings")
    out = m.PositionalEncoding(8, 4)(torch.zeros(1, 4, 8))
    want = torch.tensor([0.8415, 0.5403, 0.0998, 0.9950])
    assert torch.allclose(out[0, 1, :4], want, atol=1e-4), (
        "position 1 is off: compute the divisor 10000^(2i/d_model) with i the pair index")


@pytest.mark.points(1)
def test_odd_positions_and_long_tables(load):
    """A long table (512 positions, d_model=64) stays accurate far from the start."""
    m = load("embeddings")
    got = m.PositionalEncoding(64, 512)(torch.zeros(1, 512, 64))[0].double()
    pos = torch.arange(512, dtype=torch.float64).unsqueeze(1)
    i = torch.arange(0, 64, 2, dtype=torch.float64)
    angle = pos / 10000 ** (i / 64)
    assert torch.allclose(got[:, 0::2], torch.sin(angle), atol=1e-4) and \
        torch.allclose(got[:, 1::2], torch.cos(angle), atol=1e-4), "the table drifts at large positions"
