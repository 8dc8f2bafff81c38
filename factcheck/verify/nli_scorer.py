"""Adapter from the trained NLI model (factcheck.verify.nli) to the PairScorer interface."""

from __future__ import annotations

import numpy as np

from .base import PairScorer


class NLIScorer(PairScorer):
    def __init__(self, model, calibration=None):
        self.model = model
        self.calibration = calibration  # temperature scaling fitted on validation pairs, if any
        self.name = getattr(model, "name", "nli")

    def score(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        if not pairs:
            return np.zeros((0, 3), dtype=np.float32)
        probs = np.asarray(self.model.predict(pairs), dtype=np.float32)
        return self.calibration.apply(probs) if self.calibration else probs
