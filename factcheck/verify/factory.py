"""Build the verifier named in the settings: auto | nli | similarity | llm:<provider>:<model> | a Hugging Face NLI
cross-encoder."""

from __future__ import annotations

import logging

from ..errors import InputError, ModelError
from .verifier import CROSS_WINDOW, WINDOW_SENTENCE, Verifier

log = logging.getLogger(__name__)


def make_verifier(name: str, embedder=None, *, llm=None) -> Verifier:
    """`auto` uses the shipped verdict model when it loads, else the similarity fallback (with a warning).

    `llm:<provider>:<model>` (or `llm:<model>`) asks a LangChain chat model to judge each pair; a ready chat
    model passed as `llm=` is the judge whatever the name.
    """
    name = (name or "auto").strip()
    if llm is not None or name == "llm" or name.startswith("llm:"):
        from .llm_judge import LLMJudgeScorer, chat_model_from_name

        if llm is None:
            spec = name[len("llm:"):] if name.startswith("llm:") else ""
            if not spec.strip():
                raise InputError("verifier 'llm' needs a model: 'llm:<provider>:<model>', e.g. "
                                 "'llm:ollama:llama3.1', or a LangChain chat model passed as llm=.")
            return Verifier(LLMJudgeScorer(chat_model_from_name(spec), name=name), localise_names=False)
        return Verifier(LLMJudgeScorer(llm), localise_names=False)  # an LLM reads names in any language
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
    return Verifier(NLIScorer(model, calibration), thresholds=calibration.thresholds if calibration else None,
                    figure_weights=calibration.figures if calibration else None,
                    claim_thresholds=calibration.claim_thresholds if calibration else None,
                    claim_model=calibration.claim_model if calibration else None,
                    conflict_thresholds=calibration.conflict_thresholds if calibration else None,
                    cross_window=CROSS_WINDOW, window_sentence=WINDOW_SENTENCE)
