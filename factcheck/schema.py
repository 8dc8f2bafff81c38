"""Domain types: documents, passages, claims, figures, citations, verdicts and reports (pydantic)."""

from __future__ import annotations

import hashlib
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Label(str, Enum):
    """A claim's verdict."""

    SUPPORTED = "SUPPORTED"
    REFUTED = "REFUTED"
    NOT_ENOUGH_INFO = "NOT_ENOUGH_INFO"
    CONFLICTING = "CONFLICTING"


def content_hash(*parts: str, length: int = 16) -> str:
    """A short, stable hex id from text parts."""
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()[:length]


class Document(_Model):
    """A source document as ingested: its full text and metadata."""

    doc_id: str
    title: str = ""
    text: str
    source: str = ""  # the path or name it came from
    url: str | None = None
    publisher: str | None = None
    published: str | None = None  # ISO date or free text of what is known
    lang: str | None = None
    content_hash: str = ""
    meta: dict[str, Any] = Field(default_factory=dict)  # other front-matter keys, e.g. events_until

    def __repr__(self) -> str:
        return f"Document({self.doc_id!r}, {self.title[:40]!r}, {len(self.text)} chars)"


class Passage(_Model):
    """A chunk of a document; `start`/`end` are character offsets in the document's text."""

    id: str
    doc_id: str
    text: str
    start: int
    end: int
    title: str = ""
    lang: str | None = None
    score: float | None = None
    meta: dict[str, Any] = Field(default_factory=dict)

    def __repr__(self) -> str:
        return f"Passage({self.id!r}, {self.doc_id!r}, [{self.start}:{self.end}])"


class Span(_Model):
    """A character span [start, end) of some text."""

    start: int
    end: int


class Figure(_Model):
    """One figure read from text: a number, amount, rank, ordinal, percentage, date or duration.

    A reading is an interval [low, high]; a point has low == high. `unit` is a normalised unit code
    (e.g. "RUB", "USD", "%", "day", "count"), `kind` says what sort of figure it is.
    """

    text: str
    start: int
    end: int
    kind: str  # number | amount | percent | rank | ordinal | date | year | duration | count | clock
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    of: float | None = None  # for ranks and shares: the size of the field ("31 of 83" -> 83)
    approximate: bool = False
    guessed: bool = False  # the reading had to guess (e.g. "1.000" separator ambiguity)
    context: str = ""  # nearby words used to align figures
    normalized: str = ""  # a short human-readable reading, e.g. "31st of 83"


class FigureComparison(_Model):
    """How a figure in the claim compares with one in the evidence."""

    claim: Figure
    evidence: Figure
    status: Literal["agree", "conflict", "not_comparable"]
    reason: str = ""


class Claim(_Model):
    """A checkable statement, with where it came from in the input text."""

    text: str
    lang: str | None = None
    spans: list[Span] = Field(default_factory=list)
    checkworthiness: float = 1.0
    reason: str = ""
    figures: list[Figure] = Field(default_factory=list)

    def __repr__(self) -> str:
        return f"Claim({self.text[:60]!r})"


class Citation(_Model):
    """Evidence for a verdict: the source, the passage, and the exact quote with its offsets.

    `start`/`end` are the quote's offsets in the source document's text, and
    `passage_start`/`passage_end` the passage's.
    """

    doc_id: str
    title: str = ""
    publisher: str | None = None
    url: str | None = None
    published: str | None = None
    source: str = ""
    passage: str
    passage_start: int
    passage_end: int
    quote: str
    start: int
    end: int
    stance: Label = Label.NOT_ENOUGH_INFO
    score: float = 0.0


class TextRef(_Model):
    """A stretch of a stored document: its id and character offsets in its text."""

    doc_id: str
    start: int
    end: int


class ClaimResult(_Model):
    """The verdict on one claim.

    Beside the citations (the quotes that carry the verdict), `retrieved` lists the passages retrieval returned
    and `quotes_read` the quotes the verifier scored, so a reader (and the evaluation) can tell evidence never
    found from evidence found and misread.
    """

    claim: Claim
    verdict: Label
    confidence: float
    citations: list[Citation] = Field(default_factory=list)
    probs: dict[str, float] = Field(default_factory=dict)
    explanation: str = ""
    figures: list[FigureComparison] = Field(default_factory=list)
    # The claim's figures that no figure of a quote read agrees with (factcheck.verify.figures.unmatched_figures):
    # support does not extend to them, unless the aligner missed a figure written another way (a check by hand).
    unmatched_figures: list[Figure] = Field(default_factory=list)
    latency_ms: float | None = None
    retrieved: list[TextRef] = Field(default_factory=list)
    quotes_read: list[TextRef] = Field(default_factory=list)

    def __repr__(self) -> str:
        return f"ClaimResult({self.verdict.value}, {self.confidence:.2f}, {self.claim.text[:50]!r})"


class CheckReport(_Model):
    """The result of checking a whole text: every claim in text order, and those judged not checkable."""

    text: str
    lang: str | None = None
    results: list[ClaimResult] = Field(default_factory=list)
    not_checkable: list[Claim] = Field(default_factory=list)
    created: str = ""
