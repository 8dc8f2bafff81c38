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


def candidate_quotes(claim: str, passages: list[Passage], *, limit: int = 8, claim_lang: str | None = None,
                     cross_window: int = 0, by_sentence: bool = True, window_sentence: bool = False,
                     sentence_cross_only: bool = False) -> list[Evidence]:
    """Up to `limit` sentences from the passages: each passage's best sentence first, then the rest by score.

    A sentence scores by the share of the claim's words it shares plus a bonus for its passage's retrieval rank.
    Taking every passage's best sentence first keeps a passage in another language than the claim (which shares
    few of its words) in play: on the validation dev set (factcheck.train.devset), with the shipped retrieval,
    the quotes held the evidence of 14% of the claims whose evidence is in another language (8% with the old
    order), and 50% of the English biomedical claims (as many as the old order).

    Across languages shared words are mostly names and numbers, so the best sentence is often a neighbour of the
    evidence. With `cross_window` > 0 and the claim's language known, a passage in another language offers as
    its first quote its best sentence with up to `cross_window` sentences either side (one contiguous span).
    Chosen on the validation dev set (session 6, `fit_claims --cross-window 1 --dry-run`): the best claim rule's
    5-fold cross-validated macro-F1 0.456 → 0.471 (parallel part in-sample 0.460 → 0.525). With `window_sentence`,
    the sentence a window was widened from is read alone too, right after the passages' first quotes and beyond
    `limit` (one more quote per widened window). With `sentence_cross_only`, sentence similarities choose the first
    quote only of passages in another language than the claim.
    """
    from ..sentences import split_sentences

    claim_tokens = set(lexical_tokens(claim))
    out: list[tuple[Evidence, int]] = []
    spans: dict[int, list] = {}
    sims: dict[tuple[int, int], float] = {}
    for rank, p in enumerate(passages):
        spans[rank] = split_sentences(p.text, p.lang)
        known = sentence_similarities(p)
        for i, s in enumerate(spans[rank]):
            quote = p.text[s.start:s.end]
            overlap = len(claim_tokens & set(lexical_tokens(quote))) / max(1, len(claim_tokens))
            if (s.start, s.end) in known:
                sims[(rank, i)] = known[(s.start, s.end)]
            out.append((Evidence(passage=p, quote=quote, start=p.start + s.start, end=p.start + s.end, rank=rank,
                                 overlap=overlap), i))
    out.sort(key=lambda x: -(x[0].overlap + 1.0 / (2 + x[0].rank)))
    if by_sentence and sims:
        # Each passage's first quote is the sentence nearest the claim in meaning (retrieval's sentence vectors),
        # which also finds evidence in another language; the rest keep the order above.
        first_of: dict[int, int] = {}  # passage rank -> index of its nearest sentence
        for (rank, i), sim in sims.items():
            if sentence_cross_only and (not claim_lang or passages[rank].lang in (None, claim_lang)):
                continue  # `sentence_cross_only`: within the claim's language its words find the sentence
            if rank not in first_of or sim > sims[(rank, first_of[rank])]:
                first_of[rank] = i
        out.sort(key=lambda x: first_of.get(x[0].rank) != x[1])
    firsts, alone, rest, seen = [], [], [], set()
    for e, i in out:
        if e.rank in seen:
            rest.append(e)
            continue
        seen.add(e.rank)
        p = e.passage
        if cross_window > 0 and claim_lang and p.lang and p.lang != claim_lang:
            sents = spans[e.rank]
            lo, hi = sents[max(0, i - cross_window)], sents[min(len(sents) - 1, i + cross_window)]
            wide = e.model_copy(update={"quote": p.text[lo.start:hi.end], "start": p.start + lo.start,
                                        "end": p.start + hi.end})
            if window_sentence and (wide.start, wide.end) != (e.start, e.end):
                alone.append(e)
            e = wide
        firsts.append(e)
    return (firsts + alone + rest)[:limit + len(alone)]


def sentence_similarities(p: Passage) -> dict[tuple[int, int], float]:
    """{(start, end) of a sentence in the passage text: its similarity to the claim}, as retrieval measured it."""
    scores, spans = p.meta.get("sentence_scores"), p.meta.get("sentence_spans")
    if not scores or not spans or len(scores) != len(spans):
        return {}
    return {(int(a), int(b)): float(x) for (a, b), x in zip(spans, scores)}
