"""Fallback pair scorer from embedding similarity and lexical coverage; it can support, never refute.

Used only when no entailment model is available: closeness is evidence of support, and it cannot
tell a contradiction from a paraphrase (figure conflicts still refute, through the figure check).
"""

from __future__ import annotations

import numpy as np

from ..embed.base import Embedder
from ..retrieve.tokenize import lexical_tokens
from .base import PairScorer


class SimilarityScorer(PairScorer):
    """p(entailment) grows with cosine similarity and with how much of the claim's wording the evidence covers."""

    name = "similarity"

    def __init__(self, embedder: Embedder, *, midpoint: float = 0.86, slope: float = 40.0):
        self.embedder = embedder
        self.midpoint = midpoint  # e5 cosine where a sentence is as likely to support as not
        self.slope = slope

    def score(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        if not pairs:
            return np.zeros((0, 3), dtype=np.float32)
        claims = self.embedder.embed_queries([h for _, h in pairs])
        evidence = self.embedder.embed_queries([p for p, _ in pairs])  # symmetric: both as queries
        cos = np.sum(claims * evidence, axis=1)
        cover = np.array([_coverage(p, h) for p, h in pairs])
        z = self.slope * (cos - self.midpoint) + 3.0 * (cover - 0.5)
        entail = 1.0 / (1.0 + np.exp(-z))
        contra = np.full_like(entail, 0.02)
        return np.stack([entail * 0.98, (1.0 - entail) * 0.98, contra], axis=1).astype(np.float32)


def _coverage(premise: str, hypothesis: str) -> float:
    h = set(lexical_tokens(hypothesis))
    return len(h & set(lexical_tokens(premise))) / len(h) if h else 0.0
