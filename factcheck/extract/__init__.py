"""Claim extraction: from a pasted text to scored, stand-alone, atomic claims with their source spans."""

from __future__ import annotations

import datetime as dt
from typing import Any

from factcheck.errors import InputError
from factcheck.extract.base import DEFAULT_THRESHOLD, ClaimExtractor, ExtractionResult
from factcheck.extract.dates import latest_full_date, parse_published
from factcheck.lang import detect_lang

__all__ = ["ClaimExtractor", "DEFAULT_THRESHOLD", "ExtractionResult", "extract_claims", "get_extractor"]

EXTRACTORS = ("rules", "llm")


def get_extractor(name: str = "rules", *, llm: Any = None) -> ClaimExtractor:
    """The extractor called `name`: "rules" (default, offline) or "llm" (needs a LangChain chat model)."""
    if name == "rules":
        from factcheck.extract.rule_based import RuleBasedExtractor

        return RuleBasedExtractor()
    if name == "llm":
        from factcheck.extract.llm import LLMExtractor

        return LLMExtractor(llm)
    raise InputError(f"extractor must be one of {EXTRACTORS}; got {name!r}.")


def extract_claims(
    text: str,
    *,
    lang: str | None = None,
    published: dt.date | str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    extractor: str = "rules",
    llm: Any = None,
) -> ExtractionResult:
    """Find the checkable claims in `text` (an article, a paragraph, a transcript).

    `published` (a date or ISO string) completes days written without a year; when it is None the
    latest full date written in the text stands in. Claims scoring at least `threshold` are kept in
    `claims`; the rest are in `rejected` with their score and reason. Each claim's spans slice `text`.
    """
    if not isinstance(text, str):
        raise InputError(f"text must be a string; got {type(text).__name__}.")
    if not 0.0 <= threshold <= 1.0:
        raise InputError(f"threshold must be between 0 and 1; got {threshold}.")
    if not text.strip():
        return ExtractionResult(lang=lang, extractor=extractor, threshold=threshold)
    lang = lang or detect_lang(text)
    reference = parse_published(published) or latest_full_date(text)
    return get_extractor(extractor, llm=llm).extract(text, lang=lang, reference_date=reference, threshold=threshold)
