"""The extraction result, the extractor interface, and helpers every extractor shares."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field

from factcheck.extract.dates import Edit
from factcheck.schema import Claim, Figure, Span

log = logging.getLogger(__name__)

DEFAULT_THRESHOLD = 0.5


class ExtractionResult(BaseModel):
    """Claims found in a text: those kept (in text order), those below the threshold, and the sentences."""

    model_config = ConfigDict(extra="forbid")

    claims: list[Claim] = Field(default_factory=list)
    rejected: list[Claim] = Field(default_factory=list)
    sentences: list[Span] = Field(default_factory=list)
    lang: str | None = None
    reference_date: str | None = None  # ISO date used to complete days written without a year
    extractor: str = "rules"
    threshold: float = DEFAULT_THRESHOLD

    def __repr__(self) -> str:
        return f"ExtractionResult({len(self.claims)} claims, {len(self.rejected)} rejected)"


class ClaimExtractor(Protocol):
    """Anything that turns a text into scored claims with spans."""

    name: str

    def extract(self, text: str, *, lang: str, reference_date: dt.date | None, threshold: float) -> ExtractionResult:
        """Claims of `text`, each with spans into `text`, a score, a reason and figures."""
        ...


def render(text: str, pieces: list[Span], edits: list[Edit], lang: str) -> str:
    """Join source pieces into a claim's text, applying edits that fall inside them."""
    out: list[str] = []
    for p in pieces:
        pos, buf = p.start, []
        for e in sorted(edits, key=lambda e: e.start):
            if e.start >= pos and e.end <= p.end:
                buf += [text[pos : e.start], e.new]
                pos = e.end
        buf.append(text[pos : p.end])
        out.append("".join(buf))
    if lang == "zh":
        return "".join(out).strip()
    joined = out[0]
    for prev, piece, nxt in zip(pieces, out[1:], pieces[1:]):
        # keep the comma that stood after a piece in the source ("..., not only X" -> "..., X")
        between = text[prev.end : nxt.start].lstrip()
        joined += (", " if between.startswith(",") else " ") + piece
    return " ".join(joined.split())


def figures_for(text: str, lang: str, reference_date: dt.date | None) -> list[Figure]:
    """Figures read by factcheck.quantities, or [] if that module is unavailable or fails on this text."""
    try:
        from factcheck.quantities import extract_figures
    except ImportError:
        return []
    doc_dates = [reference_date] if reference_date else None
    try:
        return list(extract_figures(text, lang, doc_dates=doc_dates))
    except Exception as exc:  # noqa: BLE001 - figures are an extra; a failure must not lose the claim
        log.warning("figure extraction failed on %r: %s", text[:60], exc)
        return []


def make_claim(text: str, lang: str, pieces: list[Span], score: float, reason: str,
               reference_date: dt.date | None) -> Claim:
    """A Claim with its figures; the figures' offsets are into the claim's own text, not the source."""
    return Claim(text=text, lang=lang, spans=list(pieces), checkworthiness=max(0.0, min(1.0, score)),
                 reason=reason, figures=figures_for(text, lang, reference_date))
