"""From scored evidence to one verdict per claim: support, refute, conflict across sources, or not enough info."""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, ConfigDict

from ..schema import Label


class Thresholds(BaseModel):
    """Decision thresholds on calibrated probabilities (fitted on validation data, see factcheck.train)."""

    model_config = ConfigDict(extra="forbid")

    support: float = 0.5  # p(entailment) above which a quote supports
    refute: float = 0.5  # p(contradiction) above which a quote refutes


def stance(probs: np.ndarray, t: Thresholds) -> Label:
    """A single quote's stance."""
    entail, _, contra = (float(x) for x in probs)
    if contra >= t.refute and contra >= entail:
        return Label.REFUTED
    if entail >= t.support:
        return Label.SUPPORTED
    return Label.NOT_ENOUGH_INFO


def aggregate(probs: np.ndarray, doc_ids: list[str], t: Thresholds) -> tuple[Label, float, int]:
    """Return (verdict, confidence, index of the deciding quote) for a claim's scored quotes.

    CONFLICTING needs a quote that supports and a quote that refutes from different documents.
    """
    if len(probs) == 0:
        return Label.NOT_ENOUGH_INFO, 1.0, -1
    i_sup = int(np.argmax(probs[:, 0]))
    i_ref = int(np.argmax(probs[:, 2]))
    sup, ref = float(probs[i_sup, 0]), float(probs[i_ref, 2])
    has_sup = stance(probs[i_sup], t) is Label.SUPPORTED
    has_ref = stance(probs[i_ref], t) is Label.REFUTED
    if has_sup and has_ref and doc_ids[i_sup] != doc_ids[i_ref]:
        return Label.CONFLICTING, min(sup, ref), i_sup
    if has_ref and (ref >= sup or not has_sup):
        return Label.REFUTED, ref, i_ref
    if has_sup:
        return Label.SUPPORTED, sup, i_sup
    best = i_sup if sup >= ref else i_ref
    return Label.NOT_ENOUGH_INFO, 1.0 - max(sup, ref), best


def decide(probs: np.ndarray, doc_ids: list[str], signals: list[str], claim_t: Thresholds,
           pair_t: Thresholds | None = None) -> tuple[Label, float, int]:
    """The claim's verdict: `aggregate` at the claim-level thresholds, then figure-backed quotes.

    The claim-level thresholds sit above the single-quote ones because the best of several quotes' scores runs
    high by chance. A quote whose aligned figures back its own stance (conflicting figures and a refuting score,
    agreeing figures and a supporting score) was not picked as a maximum of noise, so when the claim-level
    reading finds not enough information, such a quote is read at the single-quote thresholds `pair_t`.
    """
    verdict, confidence, best = aggregate(probs, doc_ids, claim_t)
    if verdict is not Label.NOT_ENOUGH_INFO or pair_t is None or len(probs) == 0:
        return verdict, confidence, best
    refuting = [i for i, s in enumerate(signals) if s == "conflict" and stance(probs[i], pair_t) is Label.REFUTED]
    supporting = [i for i, s in enumerate(signals) if s == "agree" and stance(probs[i], pair_t) is Label.SUPPORTED]
    if refuting and not supporting:
        i = max(refuting, key=lambda j: float(probs[j, 2]))
        return Label.REFUTED, float(probs[i, 2]), i
    if supporting and not refuting:
        i = max(supporting, key=lambda j: float(probs[j, 0]))
        return Label.SUPPORTED, float(probs[i, 0]), i
    return verdict, confidence, best
