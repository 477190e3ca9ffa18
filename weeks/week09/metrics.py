"""Week 09, task group 4: evaluation metrics for classifiers, language models and generated text.

Write them with the standard library, NumPy or torch; do not call `evaluate.load` (it needs the Hub).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import torch


# ---------- classification ----------
def classification_metrics(references: Sequence[int], predictions: Sequence[int]) -> dict[str, float]:
    """Binary metrics with class 1 as the positive class.

    Returns {"accuracy", "precision", "recall", "f1"} as floats. A ratio whose denominator is 0
    (e.g. precision with no positive prediction) is 0.0. Raises ValueError when the lists are empty
    or of different lengths.
    """
    raise NotImplementedError


# ---------- language models ----------
def entropy_bits(p: Sequence[float]) -> float:
    """Shannon entropy in bits, H = -sum p_i log2 p_i, where a p_i of 0 contributes 0."""
    raise NotImplementedError


def perplexity_from_probs(p: Sequence[float]) -> float:
    """Perplexity of a distribution, 2 ** entropy_bits(p) (a fair coin: 2)."""
    raise NotImplementedError


def perplexity(logits: torch.Tensor, targets: torch.Tensor) -> float:
    """exp of the mean negative log-likelihood of the targets: logits (N, V) unnormalised scores,
    targets (N,) int64 class ids. Returns a Python float."""
    raise NotImplementedError


# ---------- text overlap ----------
def tokenize(text: str) -> list[str]:
    """BLEU tokens: split on whitespace, and split each of the characters . , ! ? ; : " ( ) [ ] off as a
    token of its own. Case is kept; hyphens and apostrophes stay inside words.
    "a knight-errant, roaming." -> ["a", "knight-errant", ",", "roaming", "."]"""
    raise NotImplementedError


def ngrams(tokens: Sequence[str], n: int) -> Counter:
    """A Counter of the n-grams of a token list; each n-gram is a tuple of n consecutive tokens."""
    raise NotImplementedError


def clipped_precision(candidate: Sequence[str], references: Sequence[Sequence[str]], n: int) -> tuple[int, int]:
    """BLEU's modified n-gram precision as (clipped matches, number of candidate n-grams).

    Each candidate n-gram is counted at most as many times as it occurs in the single reference that
    contains it most often. Tokens are compared exactly (case-sensitive).
    """
    raise NotImplementedError


def bleu(predictions: Sequence[str], references: Sequence[Sequence[str]], max_order: int = 4) -> dict:
    """Corpus BLEU of the predictions (one string each) against their references (a list of strings each).

    Texts are split with tokenize(). Clipped matches and candidate n-gram counts are summed over the whole
    corpus for n = 1..max_order; precisions[n-1] = matches / counts. translation_length is the total number
    of prediction tokens, reference_length the total of the *shortest* reference of each example,
    length_ratio = translation_length / reference_length, brevity_penalty = 1 if the ratio > 1 else
    exp(1 - 1 / ratio), and bleu = brevity_penalty * geometric mean of the precisions (0 when one is 0;
    no smoothing). Returns a dict with the keys "bleu", "precisions" (list of floats), "brevity_penalty",
    "length_ratio", "translation_length", "reference_length".
    """
    raise NotImplementedError


def rouge_tokenize(text: str) -> list[str]:
    """ROUGE tokens: lower-case the text; every run of characters other than a-z and 0-9 separates tokens."""
    raise NotImplementedError


def rouge_n(prediction: str, reference: str, n: int) -> float:
    """ROUGE-N F-measure of one prediction against one reference: with the overlap of the two n-gram
    Counters (rouge_tokenize, counts clipped), P = overlap / prediction n-grams, R = overlap / reference
    n-grams, F = 2PR / (P + R); 0.0 when there is no overlap."""
    raise NotImplementedError


def rouge_l(prediction: str, reference: str) -> float:
    """ROUGE-L F-measure: as rouge_n with the overlap replaced by the length of the longest common
    subsequence of the two token lists, and the n-gram totals by the token counts."""
    raise NotImplementedError


def exact_match(predictions: Sequence[str], references: Sequence[str]) -> float:
    """The fraction of predictions that are exactly equal to their reference. Raises ValueError when the
    lists are empty or of different lengths."""
    raise NotImplementedError
