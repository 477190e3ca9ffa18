"""Week 14, char_data: reading the corpus, the character tokenizer, the split and the batches."""
import pytest
import torch


def _text(data_dir):
    return (data_dir / "shakespeare.txt").read_text(encoding="utf-8")


@pytest.mark.points(1)
def test_load_text_reads_whole_file(load, data_dir):
    """load_text(path) returns the whole corpus as one string."""
    m = load("char_data")
    text = m.load_text(data_dir / "shakespeare.txt")
    expected = _text(data_dir)
    assert isinstance(text, str), f"load_text should return a str, got {text.__class__.__name__}"
    assert len(text) == len(expected), (
        f"load_text returned {len(text):,} characters but the file holds {len(expected):,}; "
        "read the whole file as UTF-8 and do not strip or split it")
    assert text == expected, "load_text changed the text; return the file's contents unchanged"
    assert m.load_text(str(data_dir / "shakespeare.txt")) == expected, "load_text should accept a str path too"


@pytest.mark.points(2)
def test_tokenizer_vocabulary_is_sorted_distinct_characters(load, data_dir):
    """CharTokenizer: vocab_size distinct characters, each id = index in the sorted vocabulary."""
    m = load("char_data")
    text = _text(data_dir)
    chars = sorted(set(text))
    tok = m.CharTokenizer(text)
    assert tok.vocab_size == len(chars), (
        f"vocab_size is {tok.vocab_size}, but the corpus has {len(chars)} distinct characters")
    got = tok.encode("".join(chars))
    assert list(got) == list(range(len(chars))), (
        "the id of a character should be its index in sorted(set(text)); "
        "build the vocabulary with sorted(set(text))")


@pytest.mark.points(1)
def test_encode_decode_hi_therre(load, data_dir):
    """encode('hi therre') gives the sorted-vocabulary ids and decode inverts it."""
    m = load("char_data")
    text = _text(data_dir)
    chars = sorted(set(text))
    tok = m.CharTokenizer(text)
    ids = tok.encode("hi therre")
    expected = [chars.index(c) for c in "hi therre"]
    assert list(ids) == expected, f"encode('hi therre') gave {list(ids)}, expected {expected}"
    assert all(isinstance(i, int) for i in ids), "encode should return a list of Python ints"
    assert tok.decode(ids) == "hi therre", f"decode(encode('hi therre')) gave {tok.decode(ids)!r}"


@pytest.mark.points(1)
def test_encode_text_gives_int64_tensor(load, data_dir):
    """encode_text: the whole corpus as a 1-D int64 tensor."""
    m = load("char_data")
    text = _text(data_dir)
    chars = sorted(set(text))
    tok = m.CharTokenizer(text)
    data = m.encode_text(text, tok)
    assert isinstance(data, torch.Tensor), f"encode_text should return a torch.Tensor, got {data.__class__.__name__}"
    assert data.dtype == torch.int64, f"token ids should be int64 (torch.long), got {data.dtype}"
    assert data.shape == (len(text),), f"expected shape ({len(text)},), got {tuple(data.shape)}"
    first = [chars.index(c) for c in text[:1000]]
    assert data[:1000].tolist() == first, "the first 1000 ids do not match the characters of the text"


@pytest.mark.points(1)
def test_train_val_split_90_10(load, data_dir):
    """train_val_split: the first 90% of the tokens train, the last 10% validate, nothing shuffled."""
    m = load("char_data")
    text = _text(data_dir)
    tok = m.CharTokenizer(text)
    data = m.encode_text(text, tok)
    train, val = m.train_val_split(data, 0.9)
    n = int(0.9 * len(data))
    assert len(train) == n and len(val) == len(data) - n, (
        f"expected {n:,} training and {len(data) - n:,} validation tokens, got {len(train):,} and {len(val):,}; "
        "use n = int(0.9 * len(data))")
    assert torch.equal(torch.cat([train, val]), data), (
        "train followed by val should give back the data: split at one index, do not shuffle")


@pytest.mark.points(1)
def test_context_target_pairs(load):
    """context_target_pairs: block_size examples from one chunk of block_size + 1 tokens."""
    m = load("char_data")
    chunk = torch.tensor([18, 47, 56, 57, 58, 1, 15, 47, 58])
    pairs = m.context_target_pairs(chunk)
    assert len(pairs) == 8, f"a chunk of 9 tokens holds 8 examples, got {len(pairs)}"
    for t, (context, target) in enumerate(pairs):
        assert torch.equal(torch.as_tensor(context), chunk[: t + 1]), (
            f"example {t + 1}: the context should be the first {t + 1} tokens, got {context}")
        assert int(target) == int(chunk[t + 1]), (
            f"example {t + 1}: the target should be the token right after the context, {int(chunk[t + 1])}, "
            f"got {target}")


@pytest.mark.points(2)
def test_get_batch_shapes_and_shift(load):
    """get_batch: (batch_size, block_size) inputs; targets are the inputs shifted by one."""
    m = load("char_data")
    data = torch.randint(0, 50, (500,))
    g = torch.Generator().manual_seed(3)
    x, y = m.get_batch(data, 8, 4, generator=g)
    assert x.shape == (4, 8) and y.shape == (4, 8), (
        f"expected x and y of shape (4, 8), got {tuple(x.shape)} and {tuple(y.shape)}")
    assert x.dtype == torch.int64 and y.dtype == torch.int64, "x and y should keep the int64 dtype of the data"
    assert torch.equal(x[:, 1:], y[:, :-1]), "y should be x shifted left by one position: y[:, :-1] == x[:, 1:]"
    # each row of x must be a window of the data, and y the window one step later
    windows = data.unfold(0, 9, 1)
    for row in range(4):
        full = torch.cat([x[row], y[row, -1:]])
        assert (windows == full).all(dim=1).any(), (
            f"row {row} of x (plus the last target) is not a contiguous slice of the data")


@pytest.mark.points(1)
def test_get_batch_uses_the_generator(load):
    """get_batch draws its start offsets with torch.randint(len(data) - block_size, ...) and the generator."""
    m = load("char_data")
    data = torch.arange(1000)
    x1, _ = m.get_batch(data, 8, 4, generator=torch.Generator().manual_seed(42))
    x2, _ = m.get_batch(data, 8, 4, generator=torch.Generator().manual_seed(42))
    assert torch.equal(x1, x2), "two calls with generators seeded alike should give the same batch"
    starts = torch.randint(len(data) - 8, (4,), generator=torch.Generator().manual_seed(42))
    assert torch.equal(x1[:, 0], data[starts]), (
        "the batch does not start where torch.randint(len(data) - block_size, (batch_size,), generator=generator) "
        "says; draw the offsets with exactly that call")
