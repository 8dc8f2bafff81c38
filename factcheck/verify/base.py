"""The verifier's parts: a pair scorer (evidence, claim) -> [entailment, neutral, contradiction] probabilities."""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np

LABELS = ("entailment", "neutral", "contradiction")


class PairScorer(ABC):
    """Scores (premise=evidence, hypothesis=claim) pairs; rows are probabilities in LABELS order."""

    name: str

    @abstractmethod
    def score(self, pairs: list[tuple[str, str]]) -> np.ndarray: ...

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"
