"""Week 09: metrics for classifiers, language models and generated text (values from the lecture notes)."""
import math

import pytest
import torch

KNIGHT_PRED = ("He thought it right and necessary to become a knight-errant, roaming the world in armor, seeking "
               "adventures and practicing the deeds he had read about in chivalric tales.")
KNIGHT_REF = ("He believed it was proper and essential to transform into a knight-errant, traveling the world in armor, "
              "pursuing adventures, and enacting the heroic deeds he had encountered in tales of chivalry.")
EXO_PRED = ("as we learn more about the frequency and size distribution of exoplanets, we are discovering that "
            "terrestrial planets are exceedingly common.")
EXO_REF = ("The more we learn about the frequency and size distribution of exoplanets, the more confident we are that "
           "they are exceedingly common.")


@pytest.mark.points(1)
def test_classification_metrics(load):
    """refs [0,1,0,1,1], preds [0,0,0,1,1]: accuracy 0.8, precision 1.0, recall 2/3, F1 0.8."""
    m = load("metrics")
    got = m.classification_metrics([0, 1, 0, 1, 1], [0, 0, 0, 1, 1])
    want = {"accuracy": 0.8, "precision": 1.0, "recall": 2 / 3, "f1": 0.8}
    for key, value in want.items():
        assert key in got, f"the result should have the key '{key}'"
        assert abs(got[key] - value) < 1e-9, f"{key} is {got[key]}, expected {value} (class 1 is the positive class)"


@pytest.mark.points(1)
def test_entropy_and_perplexity_of_distributions(load):
    """Entropy in bits and perplexity 2**H: fair coin 1/2, certainty 0/1, four equal outcomes 2/4, [.7,.1,.1,.1] 1.35678/2.5611."""
    m = load("metrics")
    cases = [([0.5, 0.5], 1.0, 2.0), ([1.0], 0.0, 1.0), ([0.25] * 4, 2.0, 4.0), ([0.7, 0.1, 0.1, 0.1], 1.35678, 2.5611)]
    for p, h, pp in cases:
        assert abs(m.entropy_bits(p) - h) < 1e-4, f"entropy_bits({p}) should be {h}: use -sum p * log2(p)"
        assert abs(m.perplexity_from_probs(p) - pp) < 1e-4, f"perplexity_from_probs({p}) should be 2 ** H = {pp}"
    assert m.entropy_bits([0.5, 0.5, 0.0]) == pytest.approx(1.0), "a zero probability contributes nothing (0 log 0 = 0)"


@pytest.mark.points(1)
def test_perplexity_from_logits(load):
    """perplexity(logits, targets) is exp of the mean cross-entropy."""
    m = load("metrics")
    g = torch.Generator().manual_seed(0)
    logits, targets = torch.randn(12, 9, generator=g) * 2, torch.randint(0, 9, (12,), generator=g)
    want = math.exp(torch.nn.functional.cross_entropy(logits, targets).item())
    got = m.perplexity(logits, targets)
    assert abs(got - want) < 1e-4 * want, f"perplexity is {got}, expected {want}: exp(mean negative log-softmax of the targets)"


@pytest.mark.points(1)
def test_clipped_precision(load):
    """'the' x 7 against 'the cat is on the mat' and 'there is a cat on the mat': 2 of 7 after clipping."""
    m = load("metrics")
    refs = [m.tokenize("the cat is on the mat"), m.tokenize("there is a cat on the mat")]
    assert tuple(m.clipped_precision(["the"] * 7, refs, 1)) == (2, 7), (
        "each n-gram counts at most as often as it occurs in a single reference: 'the' occurs at most twice")
    cand, ref = "years six thirty have I".split(), ["I am thirty six years old".split()]
    assert tuple(m.clipped_precision(cand, ref, 1)) == (4, 5), "4 of the 5 words occur in the reference"
    assert tuple(m.clipped_precision(cand, ref, 4)) == (0, 2), "none of the 2 four-grams occurs in the reference"


@pytest.mark.points(1)
def test_tokenize(load):
    """tokenize splits punctuation off words and keeps hyphens and apostrophes inside them."""
    m = load("metrics")
    assert m.tokenize("a knight-errant, roaming.") == ["a", "knight-errant", ",", "roaming", "."], (
        "split . , ! ? ; : \" ( ) [ ] off as tokens of their own; a hyphen stays inside the word")
    assert m.tokenize("Is it (really) so?") == ["Is", "it", "(", "really", ")", "so", "?"], "brackets and ? are tokens too"


@pytest.mark.points(2)
def test_bleu_values_from_the_notes(load):
    """BLEU is 0.19088841781992524 for the knight-errant pair; 1.0 with length ratio 17/14 for the Antarctica example."""
    m = load("metrics")
    got = m.bleu([KNIGHT_PRED], [[KNIGHT_REF]])
    assert abs(got["bleu"] - 0.19088841781992524) < 1e-9, (
        f"bleu is {got['bleu']}, expected 0.19088841781992524: geometric mean of the clipped 1-4-gram precisions "
        "times the brevity penalty exp(1 - ref_len / trans_len)")
    gen = "Latest research findings in Antarctica show that the ice sheet is melting faster than previously thought."
    refs = ["Latest research findings in Antarctica show significant ice loss due to climate change.", gen]
    got = m.bleu([gen], [refs])
    assert got["translation_length"] == 17 and got["reference_length"] == 14, (
        f"expected translation_length 17 and reference_length 14 (the shortest reference), got "
        f"{got['translation_length']} and {got['reference_length']}")
    assert abs(got["length_ratio"] - 17 / 14) < 1e-12 and got["brevity_penalty"] == 1.0, "length_ratio is 17/14, so no penalty"
    assert abs(got["bleu"] - 1.0) < 1e-12 and list(got["precisions"]) == [1.0] * 4, "the text equals a reference: BLEU 1"


@pytest.mark.points(1)
def test_rouge_values_from_the_notes(load):
    """ROUGE-1/2/L F-measures of the exoplanet pair: 0.7907 / 0.5366 / 0.7442."""
    m = load("metrics")
    for name, got, want in [("rouge_n(.., 1)", m.rouge_n(EXO_PRED, EXO_REF, 1), 0.7906976744186046),
                            ("rouge_n(.., 2)", m.rouge_n(EXO_PRED, EXO_REF, 2), 0.5365853658536585),
                            ("rouge_l", m.rouge_l(EXO_PRED, EXO_REF), 0.7441860465116279)]:
        assert abs(got - want) < 1e-9, (
            f"{name} is {got}, expected {want}: lower-case, split on anything but a-z0-9, F1 of the overlap")


@pytest.mark.points(1)
def test_exact_match(load):
    """Only the second of the notes' three answers matches exactly: 1/3."""
    m = load("metrics")
    preds = ["The cat sat on the mat.", "Theaters are great.", "Like comparing oranges and apples."]
    refs = ["The cat sat on the mat?", "Theaters are great.", "Like comparing apples and oranges."]
    assert abs(m.exact_match(preds, refs) - 1 / 3) < 1e-12, "exact match is the fraction of identical strings"
