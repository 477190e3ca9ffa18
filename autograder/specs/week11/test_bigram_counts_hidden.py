"""Hidden specs of week 11, tasks 1-7: the same functions on other inputs."""
import pytest
import torch

pytestmark = pytest.mark.hidden


@pytest.mark.points(1)
def test_load_words_small_file(load, tmp_path):
    """load_words reads a small file with a trailing newline and a blank line."""
    m = load("bigram_counts")
    f = tmp_path / "few.txt"
    f.write_text("zoe\nbo\n\nann\n", encoding="utf-8")
    assert m.load_words(f) == ["zoe", "bo", "ann"], (
        "load_words should return the names in order without newlines, and skip blank lines")


@pytest.mark.points(1)
def test_bigrams_short_word(load):
    """bigrams of a one-letter word."""
    m = load("bigram_counts")
    assert list(m.bigrams("a")) == [("<S>", "a"), ("a", "<E>")], "a one-letter word has two bigrams with <S>/<E>"
    assert list(m.bigrams("a", special=False)) == [], "a one-letter word has no bigram without <S>/<E>"


@pytest.mark.points(1)
def test_build_vocab_small(load):
    """build_vocab uses only the characters present, in sorted order after '.'."""
    m = load("bigram_counts")
    stoi, itos = m.build_vocab(["cab", "bad"])
    assert stoi == {".": 0, "a": 1, "b": 2, "c": 3, "d": 4}, "build_vocab is wrong on a small word list"
    assert itos == {0: ".", 1: "a", 2: "b", 3: "c", 4: "d"}, "itos is wrong on a small word list"


@pytest.mark.points(1)
def test_count_matrix_small(load):
    """count_matrix on a small vocabulary."""
    m = load("bigram_counts")
    stoi = {".": 0, "a": 1, "b": 2}
    N = m.count_matrix(["ab", "ba", "aab"], stoi)
    expected = torch.tensor([[0, 2, 1], [1, 1, 2], [2, 1, 0]])
    assert N.shape == (3, 3), "count_matrix should be (V, V) with V = len(stoi)"
    assert torch.equal(N.long(), expected), "count_matrix is wrong on a small word list"
