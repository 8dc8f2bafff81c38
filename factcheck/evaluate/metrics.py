"""Hand-written metrics: accuracy, per-class and macro F1, confusion matrix, citations, latency, calibration.

Conventions (stated once, tested in tests/test_metrics.py):
- A ratio whose denominator is zero is 0.0 (precision of a class never predicted, recall of a class
  never in the gold labels), except where a whole metric has no claims to speak of: then it is None.
- Per-class precision/recall/F1 are None for a class absent from both the gold labels and the
  predictions; such a class is left out of macro-F1 (it says nothing about the checker). A class
  predicted but absent from the gold labels (or the reverse) scores F1 0.0 and counts in macro-F1.
- Percentiles interpolate linearly between the two nearest ranks (numpy's default method).
- Intervals are 95% percentile-bootstrap intervals over claims (BOOTSTRAP_SAMPLES resamples, seeded, so a run's
  report is reproducible); a difference between two runs is bootstrapped over their shared claims, paired.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from factcheck.schema import Label

LABELS: tuple[str, ...] = tuple(label.value for label in Label)
BOOTSTRAP_SAMPLES = 2000
BOOTSTRAP_SEED = 0


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def accuracy(gold: Sequence[str], pred: Sequence[str]) -> float | None:
    """Share of claims whose verdict equals the gold label; None for no claims."""
    _check_lengths(gold, pred)
    if not gold:
        return None
    return sum(g == p for g, p in zip(gold, pred)) / len(gold)


def confusion_matrix(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] = LABELS) -> list[list[int]]:
    """Counts with rows = gold label and columns = predicted label, both in `labels` order."""
    _check_lengths(gold, pred)
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, pred):
        if g not in index or p not in index:
            raise ValueError(f"label {g if g not in index else p!r} is not one of {list(labels)}")
        matrix[index[g]][index[p]] += 1
    return matrix


def per_class(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] = LABELS) -> dict[str, dict]:
    """Precision, recall, F1, support (gold count) and predicted count for each label."""
    matrix = confusion_matrix(gold, pred, labels)
    out: dict[str, dict] = {}
    for i, label in enumerate(labels):
        tp = matrix[i][i]
        support = sum(matrix[i])
        predicted = sum(row[i] for row in matrix)
        if support == 0 and predicted == 0:
            out[label] = {"precision": None, "recall": None, "f1": None, "support": 0, "predicted": 0}
            continue
        precision, recall = _ratio(tp, predicted), _ratio(tp, support)
        f1 = _ratio(2 * precision * recall, precision + recall)
        out[label] = {"precision": precision, "recall": recall, "f1": f1, "support": support, "predicted": predicted}
    return out


def macro_f1(classes: dict[str, dict]) -> float | None:
    """Mean F1 over the classes present in the gold labels or the predictions; None if there are none."""
    scores = [c["f1"] for c in classes.values() if c["f1"] is not None]
    return sum(scores) / len(scores) if scores else None


def spans_overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """True when the half-open spans [a_start, a_end) and [b_start, b_end) share a character."""
    return a_start < b_end and b_start < a_end


def citation_hit(citations: Sequence[dict], gold_spans: Sequence[dict]) -> bool:
    """True when some citation span overlaps some gold span in the same document."""
    return any(
        c["doc_id"] == g["doc_id"] and spans_overlap(c["start"], c["end"], g["start"], g["end"])
        for c in citations
        for g in gold_spans
    )


def citation_scores(rows: Sequence[dict]) -> dict:
    """Citation accuracy and evidence hit rate over the claims that have gold spans.

    Each row needs "label", "verdict", "citations" and "gold_spans". Citation accuracy counts a
    right verdict with a citation overlapping a gold span; the hit rate counts the overlap alone. Where rows
    also list what the checker "retrieved" and the "quotes_read" (ClaimResult), the retrieved and quoted rates
    count a gold span overlapped by any retrieved passage / any quote the verifier scored: evidence never found
    against evidence found and then misread or not cited (None when no row lists them).
    """
    scored = [r for r in rows if r["gold_spans"]]
    hits = [citation_hit(r["citations"], r["gold_spans"]) for r in scored]
    right = [h and r["label"] == r["verdict"] for r, h in zip(scored, hits)]
    n = len(scored)

    def rate(key: str) -> float | None:
        listed = [r for r in scored if key in r]
        return sum(citation_hit(r[key], r["gold_spans"]) for r in listed) / len(listed) if listed else None

    return {
        "citation_accuracy": sum(right) / n if n else None,
        "evidence_hit_rate": sum(hits) / n if n else None,
        "evidence_retrieved_rate": rate("retrieved"),
        "evidence_quoted_rate": rate("quotes_read"),
        "claims_with_gold_spans": n,
    }


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100) with linear interpolation; None for no values."""
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must be within 0..100, got {q}")
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def reliability_bins(confidences: Sequence[float], correct: Sequence[bool], n_bins: int = 10) -> list[dict]:
    """Claims bucketed by confidence into equal-width bins ((0, 0.1], ... ; 0 goes to the first bin)."""
    _check_lengths(confidences, correct)
    bins = [{"low": i / n_bins, "high": (i + 1) / n_bins, "count": 0, "correct": 0, "conf_sum": 0.0} for i in range(n_bins)]
    for conf, ok in zip(confidences, correct):
        i = min(n_bins - 1, max(0, math.ceil(round(conf * n_bins, 9)) - 1))  # round: 0.3 * 10 is 3.0000000000000004
        bins[i]["count"] += 1
        bins[i]["correct"] += bool(ok)
        bins[i]["conf_sum"] += conf
    for b in bins:
        b["accuracy"] = b["correct"] / b["count"] if b["count"] else None
        b["mean_confidence"] = b.pop("conf_sum") / b["count"] if b["count"] else None
    return bins


def expected_calibration_error(bins: Sequence[dict]) -> float | None:
    """Count-weighted mean gap between confidence and accuracy over the bins; None for no claims."""
    total = sum(b["count"] for b in bins)
    if not total:
        return None
    return sum(b["count"] * abs(b["accuracy"] - b["mean_confidence"]) for b in bins if b["count"]) / total


def _resampled_scores(gold: Sequence[str], pred: Sequence[str], idx) -> tuple:
    """(accuracy, macro-F1) of each resample (rows of `idx`, claim indices), with macro_f1's conventions: a class
    absent from both the gold labels and the predictions of a resample is left out of its macro-F1."""
    code = {label: i for i, label in enumerate(dict.fromkeys([*LABELS, *gold, *pred]))}
    g = np.array([code[x] for x in gold])[idx]
    p = np.array([code[x] for x in pred])[idx]
    acc = (g == p).mean(axis=1)
    f1s, present = [], []
    for c in range(len(LABELS)):  # per_class's classes
        tp = ((g == c) & (p == c)).sum(axis=1)
        n_gold, n_pred = (g == c).sum(axis=1), (p == c).sum(axis=1)
        denom = n_gold + n_pred  # 2TP + FP + FN
        f1s.append(np.where(denom > 0, 2 * tp / np.maximum(denom, 1), 0.0))
        present.append(denom > 0)
    f1s, present = np.array(f1s), np.array(present)
    return acc, (f1s * present).sum(axis=0) / np.maximum(present.sum(axis=0), 1)


def _bootstrap_idx(n: int, samples: int, seed: int):
    return np.random.default_rng(seed).integers(0, n, size=(samples, n))


def _interval(values) -> list[float]:
    lo, hi = np.percentile(values, [2.5, 97.5])
    return [round(float(lo), 4), round(float(hi), 4)]


def bootstrap_intervals(gold: Sequence[str], pred: Sequence[str], samples: int = BOOTSTRAP_SAMPLES,
                        seed: int = BOOTSTRAP_SEED) -> dict | None:
    """{"accuracy": [low, high], "macro_f1": [low, high]}: 95% bootstrap intervals over claims; None for none."""
    _check_lengths(gold, pred)
    if not gold:
        return None
    acc, f1 = _resampled_scores(gold, pred, _bootstrap_idx(len(gold), samples, seed))
    return {"accuracy": _interval(acc), "macro_f1": _interval(f1)}


def paired_difference(gold: Sequence[str], pred_a: Sequence[str], pred_b: Sequence[str],
                      samples: int = BOOTSTRAP_SAMPLES, seed: int = BOOTSTRAP_SEED) -> dict | None:
    """B - A on the same claims: {"accuracy": {"delta", "interval"}, "macro_f1": {...}}, the interval a 95%
    paired bootstrap (both runs scored on each resample of the claims); None for no claims. An interval that
    holds 0 is a difference these claims cannot tell from chance."""
    _check_lengths(gold, pred_a)
    _check_lengths(gold, pred_b)
    if not gold:
        return None
    idx = _bootstrap_idx(len(gold), samples, seed)
    acc_a, f1_a = _resampled_scores(gold, pred_a, idx)
    acc_b, f1_b = _resampled_scores(gold, pred_b, idx)
    point = {"accuracy": accuracy(gold, pred_b) - accuracy(gold, pred_a),
             "macro_f1": macro_f1(per_class(gold, pred_b)) - macro_f1(per_class(gold, pred_a))}
    return {"accuracy": {"delta": point["accuracy"], "interval": _interval(acc_b - acc_a)},
            "macro_f1": {"delta": point["macro_f1"], "interval": _interval(f1_b - f1_a)}}


def label_ceiling(texts: Sequence[str], gold: Sequence[str], max_assignments: int = 200_000) -> dict | None:
    """The best a checker can score when it gives one answer per claim text, where a dataset labels the same text
    differently for different evidence (Check-COVID pairs a claim with one abstract that decides it and another that
    does not). Over a pooled corpus such a checker sees the same input twice and answers alike; checked against
    each claim's own documents (`--closed`) it need not. None when no text carries two labels.

    Returns the texts with two or more labels ("groups", and the claims in them), the accuracy ceiling (each text
    answered with its most frequent label) and the macro-F1 ceiling, found by trying every split of each kind of
    group between its labels (None when there are more than `max_assignments` splits to try)."""
    _check_lengths(gold, texts)
    groups: dict[str, Counter] = {}
    for text, label in zip(texts, gold):
        groups.setdefault(" ".join(text.split()), Counter())[label] += 1
    mixed = [c for c in groups.values() if len(c) > 1]
    if not mixed:
        return None
    best_acc = sum(max(c.values()) for c in groups.values()) / len(gold)
    classes = sorted(set(gold))
    fixed_tp = sum((c for c in groups.values() if len(c) == 1), Counter())  # texts with one label: answered right
    support = Counter(gold)
    kinds = Counter(tuple(sorted(c.items())) for c in mixed)  # ((label, count), ...) -> groups of that kind
    options = [list(_splits(n, len(kind))) for kind, n in kinds.items()]
    if math.prod(len(o) for o in options) > max_assignments:
        return {"groups": len(mixed), "claims": sum(sum(c.values()) for c in mixed), "accuracy": best_acc,
                "macro_f1": None}
    best_f1 = 0.0
    for choice in itertools.product(*options):
        tp, predicted = Counter(fixed_tp), Counter(fixed_tp)
        for kind, split in zip(kinds, choice):
            size = sum(n for _, n in kind)
            for (label, n), answered in zip(kind, split):  # `answered` groups of this kind answer `label`
                tp[label] += answered * n
                predicted[label] += answered * size
        f1 = [_ratio(2 * tp[c], support[c] + predicted[c]) for c in classes]
        best_f1 = max(best_f1, sum(f1) / len(f1))
    return {"groups": len(mixed), "claims": sum(sum(c.values()) for c in mixed), "accuracy": best_acc,
            "macro_f1": best_f1}


def _splits(n: int, k: int):
    """Every way to put n groups into k labels (tuples of k counts summing to n)."""
    if k == 1:
        yield (n,)
        return
    for first in range(n + 1):
        for rest in _splits(n - first, k - 1):
            yield (first, *rest)


def _check_lengths(a: Sequence, b: Sequence) -> None:
    if len(a) != len(b):
        raise ValueError(f"need as many predictions as gold labels, got {len(b)} and {len(a)}")


def compute_metrics(rows: Sequence[dict], elapsed_s: float | None = None) -> dict:
    """Every metric over prediction rows, overall and by "lang".

    Rows carry "label", "verdict", "confidence", "citations", "gold_spans", "latency_ms", "lang"
    and optionally "error". Claims per second is len(rows) / elapsed_s (the wall time of checking);
    without elapsed_s (and within a language) it is len(rows) / the summed latencies.
    """
    out = _block(rows, elapsed_s)
    out["intervals"] = bootstrap_intervals([r["label"] for r in rows], [r["verdict"] for r in rows])
    langs = sorted({r.get("lang") or "unknown" for r in rows})
    out["by_lang"] = {lang: _block([r for r in rows if (r.get("lang") or "unknown") == lang]) for lang in langs}
    return out


def _block(rows: Sequence[dict], elapsed_s: float | None = None) -> dict:
    gold = [r["label"] for r in rows]
    pred = [r["verdict"] for r in rows]
    classes = per_class(gold, pred)
    latencies = [r["latency_ms"] for r in rows if r.get("latency_ms") is not None]
    seconds = elapsed_s if elapsed_s is not None else sum(latencies) / 1000
    bins = reliability_bins([r["confidence"] for r in rows], [g == p for g, p in zip(gold, pred)])
    return {
        "n_claims": len(rows),
        "accuracy": accuracy(gold, pred),
        "macro_f1": macro_f1(classes),
        "per_class": classes,
        "labels": list(LABELS),
        "confusion_matrix": confusion_matrix(gold, pred),
        **citation_scores(rows),
        "latency_ms": {"p50": percentile(latencies, 50), "p95": percentile(latencies, 95)},
        "claims_per_second": len(rows) / seconds if seconds else None,
        "calibration": {"ece": expected_calibration_error(bins), "bins": bins},
        "errors": sum(1 for r in rows if r.get("error")),
    }
