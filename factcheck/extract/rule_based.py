"""The default extractor: sentences -> atomic parts -> stand-alone claims -> check-worthiness, by rules."""

from __future__ import annotations

import datetime as dt

from factcheck.extract.base import ExtractionResult, make_claim, render
from factcheck.extract.dates import date_edits
from factcheck.extract.decompose import Part, decompose
from factcheck.extract.resolve import DocContext, reference_edits
from factcheck.extract.worthiness import score_claim
from factcheck.schema import Claim
from factcheck.sentences import split_sentences


class RuleBasedExtractor:
    """Language-cue rules for vi/en/ru/zh; no model, no network, a few milliseconds per article."""

    name = "rules"

    def extract(self, text: str, *, lang: str, reference_date: dt.date | None, threshold: float) -> ExtractionResult:
        """Every sentence's atomic claims, scored; those at or above `threshold` are kept."""
        sentences = split_sentences(text, lang)
        ctx = DocContext.build(text, sentences, lang)
        kept: list[Claim] = []
        rejected: list[Claim] = []
        for i, sentence in enumerate(sentences):
            for part in decompose(text, sentence, lang):
                claim = self._claim(ctx, i, part, reference_date)
                (kept if claim.checkworthiness >= threshold else rejected).append(claim)
        return ExtractionResult(
            claims=kept,
            rejected=rejected,
            sentences=sentences,
            lang=lang,
            reference_date=reference_date.isoformat() if reference_date else None,
            extractor=self.name,
            threshold=threshold,
        )

    @staticmethod
    def _claim(ctx: DocContext, i: int, part: Part, reference_date: dt.date | None) -> Claim:
        edits = []
        for piece in part.pieces:
            edits += date_edits(ctx.text, piece, ctx.lang, reference_date)
            edits += reference_edits(ctx, i, piece)
        claim_text = render(ctx.text, list(part.pieces), _non_overlapping(edits), ctx.lang)
        worth = score_claim(claim_text, ctx.lang, ctx.nouns, ctx.known)
        reason = worth.reason
        if part.rule:
            reason += f"; split: {part.rule}"
        if edits:
            reason += "; resolved: " + ", ".join(e.new for e in edits[:3])
        return make_claim(claim_text, ctx.lang, list(part.pieces), worth.score, reason, reference_date)


def _non_overlapping(edits: list) -> list:
    out = []
    for e in sorted(edits, key=lambda e: (e.start, -e.end)):
        if not out or e.start >= out[-1].end:
            out.append(e)
    return out
