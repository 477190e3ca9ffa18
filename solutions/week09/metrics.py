"""Week 09, task group 4: evaluation metrics for classifiers, language models and generated text."""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import torch


# ---------- classification ----------
def classification_metrics(references: Sequence[int], predictions: Sequence[int]) -> dict[str, float]:
    """Accuracy, precision, recall and F1 for binary labels, class 1 being the positive class."""
    if len(references) != len(predictions) or not references:
        raise ValueError("references and predictions must be non-empty and of equal length")
    pairs = list(zip(references, predictions))
    tp = sum(r == 1 and p == 1 for r, p in pairs)
    fp = sum(r == 0 and p == 1 for r, p in pairs)
    fn = sum(r == 1 and p == 0 for r, p in pairs)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(r == p for r, p in pairs) / len(pairs)
    return {"accuracy": accuracy, "precision": precision, "recall": recall, "f1": f1}


# ---------- language models ----------
def entropy_bits(p: Sequence[float]) -> float:
    """Shannon entropy in bits, H = -sum p log2 p (terms with p = 0 count as 0)."""
    return float(-sum(q * math.log2(q) for q in p if q > 0))


def perplexity_from_probs(p: Sequence[float]) -> float:
    """Perplexity of a distribution: 2 ** entropy_bits(p)."""
    return 2.0 ** entropy_bits(p)


def perplexity(logits: torch.Tensor, targets: torch.Tensor) -> float:
    """exp of the mean negative log-likelihood of targets (N,) under logits (N, V)."""
    log_probs = logits.float().log_softmax(dim=-1)
    nll = -log_probs[torch.arange(len(targets)), targets]
    return math.exp(nll.mean().item())


# ---------- text overlap ----------
_SPLIT_OFF = re.compile(r'([.,!?;:"()\[\]])')


def tokenize(text: str) -> list[str]:
    """Whitespace tokens, with each of . , ! ? ; : " ( ) [ ] split off as a token of its own."""
    return _SPLIT_OFF.sub(r" \1 ", text).split()


def ngrams(tokens: Sequence[str], n: int) -> Counter:
    """Counts of the n-grams (tuples of n consecutive tokens)."""
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def clipped_precision(candidate: Sequence[str], references: Sequence[Sequence[str]], n: int) -> tuple[int, int]:
    """(clipped n-gram matches, number of candidate n-grams): each n-gram counts at most as often
    as it occurs in the one reference that has it most often."""
    cand = ngrams(candidate, n)
    max_ref: Counter = Counter()
    for ref in references:
        max_ref |= ngrams(ref, n)  # | keeps the maximum count per n-gram
    matches = sum(min(c, max_ref[g]) for g, c in cand.items())
    return matches, sum(cand.values())


def bleu(predictions: Sequence[str], references: Sequence[Sequence[str]], max_order: int = 4) -> dict:
    """Corpus BLEU (no smoothing) over tokenize()d texts; reference length = the shortest reference."""
    matches, totals = [0] * max_order, [0] * max_order
    trans_len = ref_len = 0
    for pred, refs in zip(predictions, references):
        cand = tokenize(pred)
        ref_toks = [tokenize(r) for r in refs]
        trans_len += len(cand)
        ref_len += min(len(r) for r in ref_toks)
        for n in range(1, max_order + 1):
            m, t = clipped_precision(cand, ref_toks, n)
            matches[n - 1] += m
            totals[n - 1] += t
    precisions = [m / t if t else 0.0 for m, t in zip(matches, totals)]
    # geometric mean of the n-gram precisions; any zero makes the whole score zero
    geo = math.exp(sum(math.log(p) for p in precisions) / max_order) if min(precisions) > 0 else 0.0
    ratio = trans_len / ref_len
    bp = 1.0 if ratio > 1.0 else math.exp(1 - 1 / ratio)
    return {"bleu": geo * bp, "precisions": precisions, "brevity_penalty": bp, "length_ratio": ratio,
            "translation_length": trans_len, "reference_length": ref_len}


def rouge_tokenize(text: str) -> list[str]:
    """Lower-case and keep the runs of letters a-z and digits; everything else separates tokens."""
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).split()


def _f1(overlap: int, n_pred: int, n_ref: int) -> float:
    if overlap == 0:
        return 0.0
    p, r = overlap / n_pred, overlap / n_ref
    return 2 * p * r / (p + r)


def rouge_n(prediction: str, reference: str, n: int) -> float:
    """ROUGE-N F-measure: overlap of n-gram counts between one prediction and one reference."""
    pred, ref = ngrams(rouge_tokenize(prediction), n), ngrams(rouge_tokenize(reference), n)
    return _f1(sum((pred & ref).values()), sum(pred.values()), sum(ref.values()))


def _lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    prev = [0] * (len(b) + 1)  # dynamic programming, one row at a time
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def rouge_l(prediction: str, reference: str) -> float:
    """ROUGE-L F-measure from the longest common subsequence of the two token lists."""
    pred, ref = rouge_tokenize(prediction), rouge_tokenize(reference)
    return _f1(_lcs_length(pred, ref), len(pred), len(ref))


def exact_match(predictions: Sequence[str], references: Sequence[str]) -> float:
    """Fraction of predictions that equal their reference exactly (as strings)."""
    if len(predictions) != len(references) or not predictions:
        raise ValueError("predictions and references must be non-empty and of equal length")
    return sum(p == r for p, r in zip(predictions, references)) / len(predictions)
