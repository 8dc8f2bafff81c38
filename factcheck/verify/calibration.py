"""Calibration of the verdict model: a temperature, decision thresholds and figure weights fitted on validation pairs."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from .aggregate import Thresholds
from .claim_model import ClaimModel
from .figures import FigureWeights

log = logging.getLogger(__name__)
CALIBRATION_FILE = Path(__file__).resolve().parents[1] / "models" / "calibration.json"


class Calibration(BaseModel):
    """Fitted by `python -m factcheck.train.calibrate` for one set of weights (named by their sha256)."""

    model_config = ConfigDict(extra="forbid")

    weights_sha256: str
    temperature: float = 1.0
    thresholds: Thresholds = Field(default_factory=Thresholds)
    figures: FigureWeights = Field(default_factory=FigureWeights)  # how far aligned figures move a quote
    claim_thresholds: Thresholds | None = None  # the claim-level verdict (fitted end to end), else `thresholds`
    claim_model: ClaimModel | None = None  # a fitted claim-level verdict model, used instead of claim_thresholds
    # With a claim model: the thresholds at which a supporting and a refuting quote (two documents) make a claim
    # CONFLICTING, fitted with the model (else the claim thresholds).
    conflict_thresholds: Thresholds | None = None
    stats: dict = Field(default_factory=dict)

    def apply(self, probs: np.ndarray) -> np.ndarray:
        """Temperature-scale probabilities (equivalent to dividing the logits by T)."""
        if len(probs) == 0 or self.temperature == 1.0:
            return probs
        logits = np.log(np.clip(probs, 1e-7, 1.0)) / self.temperature
        logits -= logits.max(axis=1, keepdims=True)
        e = np.exp(logits)
        return (e / e.sum(axis=1, keepdims=True)).astype(np.float32)


def load_calibration(weights_sha256: str | None, path: Path = CALIBRATION_FILE) -> Calibration | None:
    """The calibration for these weights, or None (with a warning) if it is missing or was fitted for others."""
    if not weights_sha256 or not path.is_file():
        return None
    cal = Calibration.model_validate(json.loads(path.read_text(encoding="utf-8")))
    if cal.weights_sha256 != weights_sha256:
        log.warning("Calibration in %s was fitted for other weights; using raw probabilities and default thresholds. "
                    "Refit with `python -m factcheck.train.calibrate`.", path)
        return None
    return cal


def fit_temperature(probs: np.ndarray, labels: np.ndarray) -> float:
    """The temperature minimising the negative log-likelihood (grid search; one parameter needs no more)."""
    grid = np.exp(np.linspace(np.log(0.3), np.log(5.0), 120))
    nll = [_nll(Calibration(weights_sha256="", temperature=float(t)).apply(probs), labels) for t in grid]
    return float(grid[int(np.argmin(nll))])


def fit_thresholds(probs: np.ndarray, labels: np.ndarray) -> tuple[Thresholds, float]:
    """Support/refute thresholds maximising 3-way macro-F1 of the stance rule on validation pairs."""
    from .aggregate import stance

    best, best_f1 = Thresholds(), -1.0
    order = {"SUPPORTED": 0, "NOT_ENOUGH_INFO": 1, "REFUTED": 2}
    for s in np.arange(0.30, 0.86, 0.025):
        for r in np.arange(0.30, 0.86, 0.025):
            t = Thresholds(support=round(float(s), 3), refute=round(float(r), 3))
            pred = np.array([order[stance(p, t).value] for p in probs])
            f1 = macro_f1(labels, pred)
            if f1 > best_f1:
                best, best_f1 = t, f1
    return best, best_f1


def macro_f1(gold: np.ndarray, pred: np.ndarray, n: int = 3) -> float:
    f1s = []
    for c in range(n):
        tp = int(np.sum((pred == c) & (gold == c)))
        fp, fn = int(np.sum((pred == c) & (gold != c))), int(np.sum((pred != c) & (gold == c)))
        if tp + fp + fn:
            f1s.append(2 * tp / (2 * tp + fp + fn))
    return float(np.mean(f1s)) if f1s else 0.0


def expected_calibration_error(probs: np.ndarray, labels: np.ndarray, bins: int = 10) -> float:
    conf, pred = probs.max(axis=1), probs.argmax(axis=1)
    edges = np.linspace(0, 1, bins + 1)
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (conf > lo) & (conf <= hi)
        if m.any():
            ece += m.mean() * abs(conf[m].mean() - (pred[m] == labels[m]).mean())
    return float(ece)


def _nll(probs: np.ndarray, labels: np.ndarray) -> float:
    return float(-np.mean(np.log(np.clip(probs[np.arange(len(labels)), labels], 1e-7, 1.0))))
