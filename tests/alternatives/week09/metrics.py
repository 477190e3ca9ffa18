"""Metrics with NumPy counts, regex token finders, a log-sum-exp perplexity, BLEU from a product of
precisions, and ROUGE's F-measure as 2 * overlap / (n_pred + n_ref) with a full LCS table."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
import torch


def classification_metrics(references: Sequence[int], predictions: Sequence[int]) -> dict[str, float]:
    """Accuracy, precision, recall, F1 with class 1 positive; a ratio over 0 is 0.0."""
    r, p = np.asarray(references), np.asarray(predictions)
    if r.size == 0 or r.shape != p.shape:
        raise ValueError("references and predictions must be non-empty and of the same length")
    tp = int(np.sum((r == 1) & (p == 1)))
    predicted, actual = int(np.sum(p == 1)), int(np.sum(r == 1))
    precision = tp / predicted if predicted else 0.0
    recall = tp / actual if actual else 0.0
    f1 = 2 * tp / (predicted + actual) if predicted + actual else 0.0
    return {"accuracy": float(np.mean(r == p)), "precision": precision, "recall": recall, "f1": f1}


def entropy_bits(p: Sequence[float]) -> float:
    """-sum p log2 p over the non-zero probabilities."""
    q = np.asarray(p, dtype=np.float64)
    q = q[q > 0]
    return float(-(q * np.log2(q)).sum())


def perplexity_from_probs(p: Sequence[float]) -> float:
    """2 ** entropy in bits."""
    return float(np.exp2(entropy_bits(p)))


def perplexity(logits: torch.Tensor, targets: torch.Tensor) -> float:
    """exp(mean(logsumexp(logits) - logit of the target)), in float64."""
    z = logits.double()
    nll = torch.logsumexp(z, dim=-1) - z.gather(-1, targets.long().unsqueeze(-1)).squeeze(-1)
    return float(torch.exp(nll.mean()))


_PUNCT = r'.,!?;:"()\[\]'
_BLEU_TOKEN = re.compile(rf"[{_PUNCT}]|[^\s{_PUNCT}]+")


def tokenize(text: str) -> list[str]:
    """Each of . , ! ? ; : " ( ) [ ] alone, or a run of other non-space characters."""
    return _BLEU_TOKEN.findall(text)


def ngrams(tokens: Sequence[str], n: int) -> Counter:
    """Counter of the n-gram tuples."""
    tokens = list(tokens)
    return Counter(zip(*(tokens[i:] for i in range(n))))


def clipped_precision(candidate: Sequence[str], references: Sequence[Sequence[str]], n: int) -> tuple[int, int]:
    """(sum over candidate n-grams of min(count, max count in any one reference), candidate n-gram count)."""
    cand = ngrams(candidate, n)
    ref_counts = [ngrams(ref, n) for ref in references]
    matches = 0
    for gram, count in cand.items():
        best = max((rc[gram] for rc in ref_counts), default=0)
        matches += min(count, best)
    return matches, sum(cand.values())


def bleu(predictions: Sequence[str], references: Sequence[Sequence[str]], max_order: int = 4) -> dict:
    """Corpus BLEU without smoothing; the reference length is the shortest reference of each example."""
    matches = np.zeros(max_order, dtype=np.int64)
    totals = np.zeros(max_order, dtype=np.int64)
    translation_length = reference_length = 0
    for prediction, refs in zip(predictions, references):
        cand = tokenize(prediction)
        ref_tokens = [tokenize(r) for r in refs]
        translation_length += len(cand)
        reference_length += min(map(len, ref_tokens))
        for order in range(1, max_order + 1):
            m, t = clipped_precision(cand, ref_tokens, order)
            matches[order - 1] += m
            totals[order - 1] += t
    precisions = [float(m) / float(t) if t > 0 else 0.0 for m, t in zip(matches, totals)]
    geo_mean = float(np.prod(precisions)) ** (1.0 / max_order) if min(precisions) > 0 else 0.0
    ratio = translation_length / reference_length
    if ratio > 1.0:
        bp = 1.0
    elif translation_length == 0:
        bp = 0.0
    else:
        bp = float(np.exp(1.0 - reference_length / translation_length))
    return {"bleu": bp * geo_mean, "precisions": precisions, "brevity_penalty": bp, "length_ratio": ratio,
            "translation_length": translation_length, "reference_length": reference_length}


def rouge_tokenize(text: str) -> list[str]:
    """Runs of a-z and 0-9 of the lower-cased text."""
    return re.findall(r"[a-z0-9]+", text.lower())


def _f_measure(overlap: int, n_pred: int, n_ref: int) -> float:
    """2PR / (P + R), which equals 2 * overlap / (n_pred + n_ref)."""
    return 2.0 * overlap / (n_pred + n_ref) if overlap else 0.0


def rouge_n(prediction: str, reference: str, n: int) -> float:
    """ROUGE-N F-measure from clipped n-gram overlap."""
    pred, ref = ngrams(rouge_tokenize(prediction), n), ngrams(rouge_tokenize(reference), n)
    overlap = sum(min(c, ref[g]) for g, c in pred.items())
    return _f_measure(overlap, sum(pred.values()), sum(ref.values()))


def rouge_l(prediction: str, reference: str) -> float:
    """ROUGE-L F-measure from the longest common subsequence (full DP table)."""
    a, b = rouge_tokenize(prediction), rouge_tokenize(reference)
    table = np.zeros((len(a) + 1, len(b) + 1), dtype=np.int64)
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            table[i, j] = table[i - 1, j - 1] + 1 if a[i - 1] == b[j - 1] else max(table[i - 1, j], table[i, j - 1])
    return _f_measure(int(table[-1, -1]), len(a), len(b))


def exact_match(predictions: Sequence[str], references: Sequence[str]) -> float:
    """Fraction of identical strings."""
    if not predictions or len(predictions) != len(references):
        raise ValueError("predictions and references must be non-empty and of the same length")
    return float(np.mean([p == r for p, r in zip(predictions, references)]))
