"""Week 14, char_data: hidden specs."""
import pytest
import torch

pytestmark = pytest.mark.hidden


@pytest.mark.points(1)
def test_tokenizer_on_small_text(load):
    """CharTokenizer works on any text, and decode accepts a tensor."""
    m = load("char_data")
    tok = m.CharTokenizer("hello world")
    assert tok.vocab_size == len(set("hello world")), "vocab_size is wrong for a small text"
    ids = tok.encode("low")
    chars = sorted(set("hello world"))
    assert list(ids) == [chars.index(c) for c in "low"], "ids are not indices into the sorted vocabulary"
    assert tok.decode(torch.tensor(ids)) == "low", "decode should also accept a 1-D tensor of ids"


@pytest.mark.points(1)
def test_encode_unknown_character_raises(load):
    """encode raises on a character outside the vocabulary."""
    m = load("char_data")
    tok = m.CharTokenizer("abc")
    with pytest.raises((KeyError, ValueError)):
        tok.encode("abz")


@pytest.mark.points(1)
def test_split_other_fraction(load):
    """train_val_split honours its fraction; the default is 0.9."""
    m = load("char_data")
    train, val = m.train_val_split(torch.arange(10), 0.8)
    assert train.tolist() == list(range(8)) and val.tolist() == [8, 9], (
        "with fraction 0.8 on 10 tokens the split is wrong")
    train, val = m.train_val_split(torch.arange(20))
    assert train.tolist() == list(range(18)) and val.tolist() == [18, 19], "train_fraction should default to 0.9"


@pytest.mark.points(1)
def test_get_batch_stays_inside_data(load):
    """get_batch never reads past the end of the data."""
    m = load("char_data")
    data = torch.arange(9)
    g = torch.Generator().manual_seed(0)
    for _ in range(5):
        x, y = m.get_batch(data, 8, 3, generator=g)
        assert torch.equal(x, data[:8].expand(3, 8)) and torch.equal(y, data[1:].expand(3, 8)), (
            "with exactly block_size + 1 tokens the only possible window starts at 0")
