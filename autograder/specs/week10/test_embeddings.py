"""Week 10: token embeddings and positional encodings."""
import math

import pytest
import torch


def sinusoid(max_len: int, d: int) -> torch.Tensor:
    """The paper's table, written as a plain double loop (the oracle)."""
    pe = torch.zeros(max_len, d, dtype=torch.float64)
    for pos in range(max_len):
        for i in range(0, d, 2):
            angle = pos / (10000 ** (i / d))
            pe[pos, i] = math.sin(angle)
            if i + 1 < d:
                pe[pos, i + 1] = math.cos(angle)
    return pe


@pytest.mark.points(2)
def test_input_embeddings_are_scaled_lookups(load):
    """InputEmbeddings looks rows up and scales them by sqrt(d_model)."""
    m = load("embeddings")
    emb = m.InputEmbeddings(50, 16).eval()
    params = [p for p in emb.parameters()]
    assert len(params) == 1 and params[0].shape == (50, 16), (
        "InputEmbeddings should own exactly one (vocab_size, d_model) table, e.g. an nn.Embedding")
    ids = torch.tensor([[1, 2, 3], [4, 0, 49]])
    out = emb(ids)
    assert out.shape == (2, 3, 16), f"output shape should be (batch, length, d_model) = (2, 3, 16), got {tuple(out.shape)}"
    expected = params[0][ids] * math.sqrt(16)
    assert torch.allclose(out, expected, atol=1e-5), "output should be table[ids] * sqrt(d_model): check the scale"


@pytest.mark.points(1)
def test_input_embeddings_match_the_task_sheet(load):
    """With torch.manual_seed(123), the sheet's first values come out."""
    m = load("embeddings")
    torch.manual_seed(123)
    emb = m.InputEmbeddings(10000, 512)
    out = emb(torch.tensor([[1, 2, 3, 4], [5, 6, 7, 8]]))
    assert out.shape == (2, 4, 512)
    expected = torch.tensor([-29.7585, -1.5320, -3.0543, -11.7277, 5.2621, 36.9068])
    assert torch.allclose(out[0, 0, :6].detach(), expected, atol=1e-3), (
        "with torch.manual_seed(123) right before construction, an nn.Embedding(10000, 512) scaled by sqrt(512) "
        f"starts {expected.tolist()}; got {out[0, 0, :6].tolist()}. Create the nn.Embedding first in __init__, "
        "with its default initialisation.")


@pytest.mark.points(2)
def test_positional_encoding_matches_the_formula(load):
    """PositionalEncoding adds sin to even and cos to odd dimensions, base 10000."""
    m = load("embeddings")
    pe = m.PositionalEncoding(8, 20)
    x = torch.zeros(2, 20, 8)
    got = pe(x).double()
    want = sinusoid(20, 8)
    assert got.shape == (2, 20, 8), f"shape should stay (2, 20, 8), got {tuple(got.shape)}"
    assert torch.allclose(got[0], want, atol=1e-5), (
        "on zero input the output should be the table itself: pe[pos, 2i] = sin(pos / 10000^(2i/d)), "
        "pe[pos, 2i+1] = cos(pos / 10000^(2i/d))")
    assert torch.allclose(got[1], want, atol=1e-5), "every sequence in the batch gets the same table"


@pytest.mark.points(1)
def test_positional_encoding_is_a_buffer_added_to_x(load):
    """The table is not trained, and shorter inputs get its first rows."""
    m = load("embeddings")
    pe = m.PositionalEncoding(6, 10)
    assert sum(p.numel() for p in pe.parameters()) == 0, (
        "the positional table must not be a parameter: use register_buffer")
    x = torch.randn(3, 4, 6)
    assert torch.allclose(pe(x) - x, sinusoid(10, 6)[:4].float().expand(3, -1, -1), atol=1e-5), (
        "for a sequence of length 4 add the first 4 rows of the table to x")
