"""Candidate quotes: the sentences of the retrieved passages, with offsets in their documents."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ..retrieve.tokenize import lexical_tokens
from ..schema import Figure, Passage


class Evidence(BaseModel):
    """One candidate quote inside a retrieved passage; `start`/`end` are offsets in the document."""

    model_config = ConfigDict(extra="forbid")

    passage: Passage
    quote: str
    start: int
    end: int
    rank: int  # the passage's retrieval rank
    overlap: float = 0.0  # share of the claim's tokens found in the quote
    figures: list[Figure] = Field(default_factory=list)


def candidate_quotes(claim: str, passages: list[Passage], *, limit: int = 8) -> list[Evidence]:
    """Up to `limit` sentences from the passages, preferring high-ranked passages and shared wording."""
    from ..sentences import split_sentences

    claim_tokens = set(lexical_tokens(claim))
    out: list[Evidence] = []
    for rank, p in enumerate(passages):
        for s in split_sentences(p.text, p.lang):
            quote = p.text[s.start:s.end]
            overlap = len(claim_tokens & set(lexical_tokens(quote))) / max(1, len(claim_tokens))
            out.append(Evidence(passage=p, quote=quote, start=p.start + s.start, end=p.start + s.end, rank=rank,
                                overlap=overlap))
    out.sort(key=lambda e: -(e.overlap + 1.0 / (2 + e.rank)))
    return out[:limit]


def candidate_quotes_spread(claim: str, passages: list[Passage], *, limit: int = 8) -> list[Evidence]:
    """Like `candidate_quotes`, but every retrieved passage first gives its best sentence, then the rest by score."""
    ranked = candidate_quotes(claim, passages, limit=10_000)
    firsts, seen = [], set()
    for e in ranked:
        if e.rank not in seen:
            seen.add(e.rank)
            firsts.append(e)
    rest = [e for e in ranked if e not in firsts]
    return (firsts + rest)[:limit]
