"""Hidden specs of week 13's data functions."""
import pytest

pytestmark = pytest.mark.hidden


@pytest.mark.points(2)
def test_build_dataset_other_block_sizes(load):
    """build_dataset with block sizes 1 and 4 and another vocabulary."""
    m = load("mlp_data")
    stoi = {".": 0, "a": 1, "b": 2}
    X, Y = m.build_dataset(["ab", "b"], 1, stoi)
    assert X.tolist() == [[0], [1], [2], [0], [2]] and Y.tolist() == [1, 2, 0, 2, 0], "block_size 1 is wrong"
    X, Y = m.build_dataset(["aba"], 4, stoi)
    assert X.tolist() == [[0, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 2], [0, 1, 2, 1]], "block_size 4 is wrong"
    assert Y.tolist() == [1, 2, 1, 0], "the targets for block_size 4 are wrong"


@pytest.mark.points(1)
def test_split_partition(load):
    """split_words with another seed is a partition of the words."""
    m = load("mlp_data")
    words = [f"w{i}" for i in range(101)]
    a = m.split_words(words, 7)
    b = m.split_words(words, 8)
    assert sorted(a[0] + a[1] + a[2]) == sorted(words), "train + dev + test should hold every word exactly once"
    assert [len(p) for p in a] == [80, 10, 11], "101 words should split 80/10/11"
    assert a[0] != b[0], "another seed should give another shuffle"
