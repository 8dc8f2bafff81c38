"""A claim-level verdict from a claim's scored quotes: a small logistic regression fitted on validation claims.

The threshold rule (`factcheck.verify.aggregate.decide`) reads only the highest p(entailment) and p(contradiction)
over a claim's quotes, wherever they come from. A retriever hands the verdict model passages on the claim's
topic that do not decide it, and the model sometimes reads such a passage as a strong contradiction; the rule
cannot tell that quote from the one that matches the claim. This model also sees where the deciding quotes come
from (their passage's retrieval rank, how many of the claim's words they share, whether their figures agree or
conflict, whether they come from one document) and gives the verdict a probability: the confidence shown.

Fitted by `python -m factcheck.train.fit_claims` on the development claims of `factcheck.train.devset` (never an
eval set) and kept only when it beats the fitted thresholds in cross-validation there.
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, ConfigDict

from ..schema import Label
from .aggregate import aggregate

CLASSES = ("SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO")
# Every feature `claim_features` computes; a fitted model names the ones it reads (BASE_FEATURES until session 7).
BASE_FEATURES = (
    "e_max", "c_max", "logit_e_max", "logit_c_max", "n_at_e", "n_at_c",
    "overlap_at_e", "overlap_at_c", "rank_at_e", "rank_at_c", "agree_at_e", "conflict_at_c",
    "e_top_quote", "c_top_quote", "e_mean3", "c_mean3", "same_doc", "any_agree", "any_conflict",
)
# Whether the deciding quotes are in another language than the claim: read across languages, the verdict model
# takes partial overlap for contradiction more often, and the rule cannot tell.
CROSS_FEATURES = ("cross_at_e", "cross_at_c")
# How close the retriever found the deciding quotes' passages (dense cosine to the claim): the verdict model
# sometimes reads an unrelated passage, e.g. another language's nearest one, as support.
RETRIEVAL_FEATURES = ("dense_at_e", "dense_at_c")
# Whether the deciding quotes name something the claim names (factcheck.verify.names.shares_subject: 1, 0, or 0.5
# when it cannot tell): a quote about another film or country can read as a strong contradiction.
SUBJECT_FEATURES = ("subject_at_e", "subject_at_c")
# The share of the claim's names that the deciding quotes do not name, and the smallest share over all its quotes
# (factcheck.verify.names.missing_names; 0 when the claim names nothing): the verdict model reads a claim that adds
# a company, a city or a country its source never names as support all the same (session 18).
COVERAGE_FEATURES = ("missing_at_e", "missing_at_c", "missing_min")
FEATURES = BASE_FEATURES + CROSS_FEATURES + RETRIEVAL_FEATURES + SUBJECT_FEATURES + COVERAGE_FEATURES
# Optional feature groups a fit may add to BASE_FEATURES (factcheck.train.fit_claims decides by cross-validation).
OPTIONAL_FEATURES = {"cross-language": CROSS_FEATURES, "retrieval": RETRIEVAL_FEATURES, "subject": SUBJECT_FEATURES,
                     "coverage": COVERAGE_FEATURES}


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return float(np.log(p / (1 - p)))


def claim_features(probs: np.ndarray, ranks: list[int], overlaps: list[float], doc_ids: list[str],
                   signals: list[str], cross: list[bool] | None = None,
                   dense: list[float | None] | None = None,
                   subject: list[bool | None] | None = None,
                   missing: list[float | None] | None = None) -> np.ndarray:
    """The feature vector (in FEATURES order) of one claim's scored quotes (rows: entailment, neutral, contradiction).

    `cross[i]`: quote i is in another language than the claim (None: all in the claim's language).
    `dense[i]`: the dense similarity of quote i's passage to the claim (None where only the lexical ranking found
    it: it reads as the lowest of the claim's known ones; all None or not given: 0).
    `subject[i]`: quote i names something the claim names (None or not given: cannot tell, 0.5).
    `missing[i]`: the share of the claim's names that quote i does not name (None or not given: 0, nothing to miss).
    """
    if len(probs) == 0:
        raise ValueError("a claim with no quote has no features; its verdict is NOT_ENOUGH_INFO")
    cross = cross if cross is not None else [False] * len(probs)
    known = [float(d) for d in (dense or []) if d is not None]
    dense = [float(d) if d is not None else min(known) for d in dense] if known else [0.0] * len(probs)
    subject = [0.5 if s is None else float(s) for s in subject] if subject else [0.5] * len(probs)
    missing = [0.0 if m is None else float(m) for m in missing] if missing else [0.0] * len(probs)
    e, n, c = probs[:, 0], probs[:, 1], probs[:, 2]
    i_e, i_c = int(np.argmax(e)), int(np.argmax(c))
    top3 = lambda col: float(np.mean(np.sort(col)[::-1][:3]))  # noqa: E731
    return np.array([
        e[i_e], c[i_c], _logit(float(e[i_e])), _logit(float(c[i_c])), n[i_e], n[i_c],
        overlaps[i_e], overlaps[i_c], 1.0 / (1 + ranks[i_e]), 1.0 / (1 + ranks[i_c]),
        float(signals[i_e] == "agree"), float(signals[i_c] == "conflict"),
        e[0], c[0], top3(e), top3(c), float(doc_ids[i_e] == doc_ids[i_c]),
        float("agree" in signals), float("conflict" in signals),
        float(cross[i_e]), float(cross[i_c]),
        dense[i_e], dense[i_c],
        subject[i_e], subject[i_c],
        missing[i_e], missing[i_c], min(missing),
    ], dtype=np.float64)


class ClaimModel(BaseModel):
    """Multinomial logistic regression over standardised FEATURES; classes in CLASSES order."""

    model_config = ConfigDict(extra="forbid")

    features: list[str]
    mean: list[float]
    scale: list[float]
    coef: list[list[float]]  # [class][feature]
    intercept: list[float]
    l2: float = 1.0

    def proba(self, x: np.ndarray) -> np.ndarray:
        """Class probabilities for one feature vector (1-D) or a matrix of them (2-D), in FEATURES order."""
        unknown = [f for f in self.features if f not in FEATURES]
        if unknown or len(set(self.features)) != len(self.features):
            raise ValueError(f"claim model reads features this version does not compute ({unknown[:3]}); refit "
                             "with `python -m factcheck.train.fit_claims`")
        cols = [FEATURES.index(f) for f in self.features]
        z = (np.atleast_2d(x)[:, cols] - np.array(self.mean)) / np.array(self.scale)
        logits = z @ np.array(self.coef).T + np.array(self.intercept)
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        return p[0] if np.ndim(x) == 1 else p


def fit_claim_model(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 3000,
                    features: tuple[str, ...] = FEATURES) -> ClaimModel:
    """Fit by full-batch gradient descent on the mean log-loss plus l2/n * |W|^2 (the intercept is not penalised).

    `x` holds rows of `claim_features` (FEATURES order); the model reads the `features` columns. `y` holds class
    indices into CLASSES. Classes are weighted to count equally (the objective is macro-F1).
    """
    x = np.asarray(x, np.float64)[:, [FEATURES.index(f) for f in features]]
    y = np.asarray(y)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale
    k, (n, d) = len(CLASSES), z.shape
    counts = np.bincount(y, minlength=k).astype(np.float64)
    sample_w = (n / (k * np.maximum(counts, 1)))[y]
    onehot = np.eye(k)[y]
    w, b = np.zeros((k, d)), np.log(np.maximum(counts, 1) / n)
    lr = 0.5
    for _ in range(steps):
        logits = z @ w.T + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) * sample_w[:, None] / n
        w -= lr * (g.T @ z + 2 * l2 / n * w)
        b -= lr * g.sum(axis=0)
    return ClaimModel(features=list(features), mean=mean.tolist(), scale=scale.tolist(), coef=w.tolist(),
                      intercept=b.tolist(), l2=l2)


def decide_with_model(model: ClaimModel, probs: np.ndarray, ranks: list[int], overlaps: list[float],
                      doc_ids: list[str], signals: list[str], claim_t,
                      cross: list[bool] | None = None,
                      dense: list[float | None] | None = None,
                      subject: list[bool | None] | None = None,
                      missing: list[float | None] | None = None) -> tuple[Label, float, int]:
    """(verdict, confidence, index of the quote to cite first) of a claim with at least one scored quote.

    CONFLICTING stays the rule of `aggregate` at the thresholds `claim_t` (the claim thresholds, or the conflict
    thresholds fitted with the model: factcheck.train.fit_claims) (a supporting and a refuting
    quote from two documents); otherwise the model decides, its probability is the confidence, and the quote
    cited first is the one that carries the verdict's side.
    """
    verdict, confidence, best = aggregate(probs, doc_ids, claim_t)
    if verdict is Label.CONFLICTING:
        return verdict, confidence, best
    p = model.proba(claim_features(probs, ranks, overlaps, doc_ids, signals, cross, dense, subject, missing))
    k = int(np.argmax(p))
    best = {0: int(np.argmax(probs[:, 0])), 1: int(np.argmax(probs[:, 2]))}.get(
        k, int(np.argmax(np.max(probs[:, [0, 2]], axis=1))))
    return Label(CLASSES[k]), float(p[k]), best
