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
    """Up to `limit` sentences from the passages: each passage's best sentence first, then the rest by score.

    A sentence scores by the share of the claim's words it shares plus a bonus for its passage's retrieval rank.
    Taking every passage's best sentence first keeps a passage in another language than the claim (which shares
    few of its words) in play: on the validation dev set (factcheck.train.devset), with the shipped retrieval,
    the quotes held the evidence of 14% of the claims whose evidence is in another language (8% with the old
    order), and 50% of the English biomedical claims (as many as the old order).
    """
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
    firsts, rest, seen = [], [], set()
    for e in out:
        (rest if e.rank in seen else firsts).append(e)
        seen.add(e.rank)
    return (firsts + rest)[:limit]
