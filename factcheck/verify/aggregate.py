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
