"""Week 11, tasks 1-7: reading the names, bigrams, the vocabulary, the count matrix and its plot.

The oracles are computed here from the shipped DATA/names.txt, so they hold for whatever names
file is installed.
"""
from collections import Counter
from pathlib import Path

import pytest
import torch
from matplotlib.figure import Figure

from autograder.boundary import in_worker


@in_worker
def counts_and_top(count_bigrams, top_bigrams, words, k):
    """Runs in the worker: count_bigrams(words), then top_bigrams on exactly what it returned (a Counter stays a
    Counter there; crossing to the spec turns it into a plain dict). Returns both."""
    counts = count_bigrams(words)
    return counts, top_bigrams(counts, k)


def _words(data_dir: Path) -> list[str]:
    return [w for w in (data_dir / "names.txt").read_text(encoding="utf-8").split("\n") if w]


def _stoi(words):
    return {".": 0, **{c: i + 1 for i, c in enumerate(sorted(set("".join(words))))}}


def _pair_counts(words, start=".", end=".") -> Counter:
    c: Counter = Counter()
    for w in words:
        chars = [start, *w, end]
        c.update(zip(chars, chars[1:]))
    return c


@pytest.mark.points(1)
def test_load_words(load, data_dir):
    """load_words(path) reads every name of DATA/names.txt, in order, without newlines."""
    m = load("bigram_counts")
    expected = _words(data_dir)
    words = m.load_words(data_dir / "names.txt")
    assert isinstance(words, list), f"load_words should return a list, got {type(words).__name__}"
    assert len(words) == len(expected), (
        f"load_words read {len(words)} names, the file has {len(expected)}: one name per line, skip blank lines")
    assert words[:10] == expected[:10], (
        f"the first names should be {expected[:3]}..., got {words[:3]}...: strip the newline of each line")
    assert words == expected, "some names differ from the file's lines: keep the file order and strip whitespace"
    assert m.load_words(str(data_dir / "names.txt")) == expected, "load_words should accept a str path too"


@pytest.mark.points(1)
def test_word_stats(load, data_dir):
    """word_stats gives the number of words and the shortest and longest lengths."""
    m = load("bigram_counts")
    assert tuple(m.word_stats(["emma", "ab", "isabella"])) == (3, 2, 8), (
        "word_stats(['emma', 'ab', 'isabella']) should be (3, 2, 8): (count, shortest, longest)")
    words = _words(data_dir)
    expected = (len(words), min(map(len, words)), max(map(len, words)))
    assert tuple(m.word_stats(words)) == expected, (
        f"word_stats on the names file should be {expected}, got {tuple(m.word_stats(words))}")


@pytest.mark.points(2)
def test_bigrams(load):
    """bigrams wraps a word in <S>/<E> (or not) and pairs neighbouring characters."""
    m = load("bigram_counts")
    got = m.bigrams("emma", special=False)
    assert list(got) == [("e", "m"), ("m", "m"), ("m", "a")], (
        f"bigrams('emma', special=False) should be [('e','m'), ('m','m'), ('m','a')], got {got}")
    got = m.bigrams("emma")
    assert list(got) == [("<S>", "e"), ("e", "m"), ("m", "m"), ("m", "a"), ("a", "<E>")], (
        f"bigrams('emma') should start with ('<S>', 'e') and end with ('a', '<E>'), got {got}")
    three = [bg for w in ["emma", "olivia", "ava"] for bg in m.bigrams(w)]
    assert len(three) == 16, f"'emma', 'olivia' and 'ava' have 16 bigrams with <S>/<E>, got {len(three)}"


@pytest.mark.points(2)
def test_top_bigrams(load, data_dir):
    """count_bigrams counts every <S>/<E> bigram of the file; top_bigrams lists the most frequent."""
    m = load("bigram_counts")
    words = _words(data_dir)
    oracle = _pair_counts(words, "<S>", "<E>")
    counts, top = counts_and_top(m.count_bigrams, m.top_bigrams, words, 15)
    for key in [("a", "<E>"), ("<S>", "a"), ("e", "m"), ("q", "u")]:
        assert counts.get(key, 0) == oracle[key], (
            f"count_bigrams gives {counts.get(key, 0)} for {key}, the file has {oracle[key]}: "
            "count every bigram of every word, <S>/<E> included")
    assert sum(counts.values()) == sum(oracle.values()), "count_bigrams should count every bigram once"
    assert len(top) == 15, f"top_bigrams(counts, 15) should return 15 entries, got {len(top)}"
    best = sorted(oracle.values(), reverse=True)[:15]
    assert [c for _, c in top] == best, (
        f"the 15 counts should be {best[:3]}..., highest first, got {[c for _, c in top][:3]}...")
    for pair, c in top:
        assert oracle[tuple(pair)] == c, f"top_bigrams lists {pair} with count {c}, but it occurs {oracle[tuple(pair)]} times"


@pytest.mark.points(1)
def test_build_vocab(load, data_dir):
    """build_vocab puts '.' at 0 and the letters at 1..26; itos is its inverse."""
    m = load("bigram_counts")
    stoi, itos = m.build_vocab(_words(data_dir))
    assert len(stoi) == 27, f"the vocabulary should have 27 entries ('.' and a-z), got {len(stoi)}"
    assert stoi["."] == 0 and stoi["a"] == 1 and stoi["z"] == 26, (
        "stoi should map '.' to 0, 'a' to 1 and 'z' to 26 (letters in alphabetical order)")
    assert all(itos[i] == s for s, i in stoi.items()), "itos should be the inverse of stoi (itos[stoi[c]] == c)"


@pytest.mark.points(2)
def test_count_matrix(load, data_dir):
    """count_matrix builds the 27x27 counts with '.' around every word."""
    m = load("bigram_counts")
    words = _words(data_dir)
    stoi = _stoi(words)
    N = m.count_matrix(words, stoi)
    assert isinstance(N, torch.Tensor) and N.shape == (27, 27), (
        f"count_matrix should return a (27, 27) tensor, got {getattr(N, 'shape', type(N))}")
    assert not N.is_floating_point(), f"counts should be an integer tensor, got {N.dtype}"
    total = sum(len(w) + 1 for w in words)
    assert N.sum().item() == total, (
        f"the counts add up to {N.sum().item()}, expected {total} (len(w) + 1 bigrams per word, '.' on both ends)")
    assert N[0, 0].item() == 0, "N[0, 0] ('.' followed by '.') should be 0: no word is empty"
    oracle = _pair_counts(words)
    expected = torch.zeros(27, 27, dtype=torch.int64)
    for (a, b), c in oracle.items():
        expected[stoi[a], stoi[b]] = c
    assert N[stoi["n"], 0].item() == expected[stoi["n"], 0].item(), (
        "N[stoi['n'], 0] (words ending in 'n') is wrong: rows are the first character, columns the second")
    assert torch.equal(N.long(), expected), "some cells of the count matrix are wrong"


@pytest.mark.points(1)
def test_plot_bigram_matrix(load):
    """plot_bigram_matrix shows the matrix as an image with the bigram and value in each cell."""
    import matplotlib.pyplot as plt
    m = load("bigram_counts")
    words = ["emma", "ava", "amy"]
    stoi = {".": 0, "a": 1, "e": 2, "m": 3, "v": 4, "y": 5}
    itos = {i: s for s, i in stoi.items()}
    N = torch.zeros(6, 6, dtype=torch.int64)
    for (a, b), c in _pair_counts(words).items():
        N[stoi[a], stoi[b]] = c
    fig = m.plot_bigram_matrix(N, itos)
    assert isinstance(fig, Figure), f"plot_bigram_matrix should return a matplotlib Figure, got {type(fig).__name__}"
    images = [im for ax in fig.axes for im in ax.get_images()]
    assert len(images) == 1, f"the figure should hold one image (imshow of the matrix), found {len(images)}"
    shown = torch.as_tensor(images[0].get_array().astype(float))
    assert shown.shape == (6, 6) and torch.allclose(shown, N.double()), "the image should show the matrix itself"
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert "em" in texts and "ma" in texts, "each cell should be labelled with its bigram, e.g. 'em'"
    assert "2" in texts, "each cell should also show its value (the count of 'a.' here is 2)"
    plt.close(fig)
