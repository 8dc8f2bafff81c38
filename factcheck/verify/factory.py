"""Build the verifier named in the settings: auto | nli | similarity | a Hugging Face NLI cross-encoder."""

from __future__ import annotations

import logging

from ..errors import ModelError
from .verifier import Verifier

log = logging.getLogger(__name__)


def make_verifier(name: str, embedder) -> Verifier:
    """`auto` uses the shipped verdict model when it loads, else the similarity fallback (with a warning)."""
    name = (name or "auto").strip()
    if name == "similarity":
        from .similarity import SimilarityScorer

        return Verifier(SimilarityScorer(embedder))
    try:
        return _nli_verifier(None if name in ("auto", "nli") else name)
    except (ModelError, ImportError) as exc:
        if name != "auto":
            raise
        log.warning("Verdict model unavailable (%s); using the similarity fallback, which cannot refute "
                    "except through figures.", exc)
        from .similarity import SimilarityScorer

        return Verifier(SimilarityScorer(embedder))


def _nli_verifier(path: str | None) -> Verifier:
    from .calibration import load_calibration
    from .nli import SHIPPED_DIR, load_nli_model, read_manifest
    from .nli_scorer import NLIScorer

    model = load_nli_model(path)
    calibration = load_calibration(read_manifest(SHIPPED_DIR)["sha256"]) if path is None else None
    return Verifier(NLIScorer(model, calibration), thresholds=calibration.thresholds if calibration else None)
