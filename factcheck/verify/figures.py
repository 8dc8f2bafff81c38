"""Use the figure comparison (factcheck.quantities) to move a quote's probabilities."""

from __future__ import annotations

import numpy as np

from ..schema import Figure, FigureComparison

_REFUTE = np.array([0.03, 0.07, 0.90], dtype=np.float32)
_SUPPORT = np.array([0.85, 0.12, 0.03], dtype=np.float32)


def read_figures(text: str, lang: str | None) -> list[Figure]:
    """Figures in a text; none if the quantities reader fails (it should not)."""
    try:
        from ..quantities import extract_figures

        return extract_figures(text, lang)
    except Exception:  # a reader bug must not stop a verdict; the model still decides
        return []


def compare(claim_text: str, claim_figs: list[Figure], quote: str, quote_figs: list[Figure]):
    """(signal, explanation, comparisons) with signal "conflict", "agree" or "none"."""
    if not claim_figs or not quote_figs:
        return "none", "", []
    from ..quantities import compare_figures, summarize_comparisons

    comps: list[FigureComparison] = compare_figures(claim_figs, quote_figs, claim_text=claim_text, evidence_text=quote)
    signal, why = summarize_comparisons(comps)
    return signal, why, comps


def adjust(probs: np.ndarray, signal: str) -> np.ndarray:
    """A conflicting aligned figure pulls strongly towards contradiction, agreeing ones mildly towards support.

    The pull grows with how related the model finds the quote (1 - p(neutral)).
    """
    related = 1.0 - float(probs[1])
    if signal == "conflict":
        w = 0.6 + 0.35 * related
        return (1 - w) * probs + w * _REFUTE
    if signal == "agree":
        w = 0.3 * related
        return (1 - w) * probs + w * _SUPPORT
    return probs
