"""Week 09 (hidden): metrics against library oracles on other inputs."""
import math

import numpy as np
import pytest
import torch

pytestmark = pytest.mark.hidden


@pytest.mark.points(1)
def test_classification_metrics_match_sklearn(load):
    """classification_metrics agrees with scikit-learn on random labels, and gives 0 when nothing is predicted positive."""
    from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score
    m = load("metrics")
    rng = np.random.default_rng(5)
    refs, preds = rng.integers(0, 2, 40).tolist(), rng.integers(0, 2, 40).tolist()
    got = m.classification_metrics(refs, preds)
    for key, fn in [("accuracy", accuracy_score), ("precision", precision_score), ("recall", recall_score), ("f1", f1_score)]:
        assert abs(got[key] - fn(refs, preds)) < 1e-9, f"{key} differs from the usual definition on random labels"
    none = m.classification_metrics([1, 0, 1], [0, 0, 0])
    assert none["precision"] == 0.0 and none["f1"] == 0.0, "with no positive predictions precision and F1 should be 0, not an error"


@pytest.mark.points(1)
def test_bleu_matches_sacrebleu(load):
    """bleu agrees with torchmetrics' SacreBLEUScore (13a) on a small corpus of other sentences."""
    from torchmetrics.text import SacreBLEUScore
    m = load("metrics")
    preds = ["the quick brown fox jumps over the lazy dog .", "a small cat sat quietly on the warm mat, purring.",
             "rain is expected in the north later today (mostly light)."]
    refs = [["the fast brown fox jumped over the lazy dog ."], ["a little cat sat quietly on the warm mat, purring softly."],
            ["light rain is expected in the north later today."]]
    want = SacreBLEUScore(tokenize="13a")(preds, refs).item()
    got = m.bleu(preds, refs)["bleu"]
    assert abs(got - want) < 1e-5, "corpus BLEU should add up clipped matches and lengths over all sentences before combining"


@pytest.mark.points(1)
def test_rouge_matches_torchmetrics(load):
    """rouge_n and rouge_l agree with torchmetrics' ROUGEScore on other pairs."""
    from torchmetrics.functional.text import rouge_score
    m = load("metrics")
    pairs = [("The police killed the gunman.", "The gunman was shot down by police!"),
             ("Cats, dogs and birds: 3 pets at home.", "At home there are 3 pets; cats and dogs.")]
    for pred, ref in pairs:
        want = rouge_score(pred, ref, rouge_keys=("rouge1", "rouge2", "rougeL"))
        assert abs(m.rouge_n(pred, ref, 1) - want["rouge1_fmeasure"].item()) < 1e-6, "ROUGE-1 differs on another pair"
        assert abs(m.rouge_n(pred, ref, 2) - want["rouge2_fmeasure"].item()) < 1e-6, "ROUGE-2 differs on another pair"
        assert abs(m.rouge_l(pred, ref) - want["rougeL_fmeasure"].item()) < 1e-6, "ROUGE-L differs on another pair"


@pytest.mark.points(1)
def test_entropy_and_perplexity_other_values(load):
    """Entropy/perplexity of the notes' skewed distributions, and perplexity of confident logits."""
    m = load("metrics")
    for p in ([0.97, 0.01, 0.01, 0.01], [0.49, 0.49, 0.01, 0.01]):
        h = -sum(q * math.log2(q) for q in p)
        assert abs(m.entropy_bits(p) - h) < 1e-9 and abs(m.perplexity_from_probs(p) - 2 ** h) < 1e-9, (
            "entropy or perplexity differs for a skewed distribution")
    logits = torch.full((4, 50), -30.0)
    targets = torch.tensor([3, 7, 1, 0])
    logits[torch.arange(4), targets] = 30.0
    assert abs(m.perplexity(logits, targets) - 1.0) < 1e-6, "a model certain of the right tokens has perplexity 1 (use log_softmax for stability)"
