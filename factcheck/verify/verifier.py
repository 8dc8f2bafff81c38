"""The verifier: score candidate quotes, apply the figure check, aggregate, cite."""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel, ConfigDict

from ..lang import detect_lang
from ..schema import Citation, Claim, ClaimResult, Figure, FigureComparison, Label, Passage, TextRef
from ..sentences import split_sentences
from ..store.base import DocumentRecord
from .aggregate import Thresholds, decide, stance
from .base import LABELS, PairScorer
from .evidence import Evidence, candidate_quotes, sentence_similarities
from .figures import (CONFIRMED_ELSEWHERE, FigureWeights, adjust, compare, confirmed_elsewhere, corroborated,
                      figures_as_quoted, read_figures, unmatched_figures)
from .han_names import localise_han_names
from .names import (country_swaps, localise_countries, localise_names, missing_names, name_substitution,
                    shares_subject, swap_country)
from .standings import reversed_standing, standings as read_standings


class ScoredQuotes(BaseModel):
    """A claim's candidate quotes, their probabilities after the figure check, and the figure comparisons."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    cands: list[Evidence]
    probs: np.ndarray
    signals: list[str]
    whys: list[str]
    comps: list[list[FigureComparison]]
    cross: list[bool] = []  # quote i is in another language than the claim
    dense: list[float | None] = []  # the dense similarity of quote i's passage to the claim (None: lexical only)
    subject: list[bool | None] = []  # quote i names something the claim names (None: cannot tell; names.shares_subject)
    missing: list[float | None] = []  # the share of the claim's names quote i does not name (names.missing_names;
    # empty unless Verifier.coverage)
    claim_figures: list[Figure] = []  # the claim's figures, as compared with the quotes'


# The NLI verifier's cross-language quote window (chosen on the validation dev set with the shipped model and
# its calibration: factcheck.verify.evidence.candidate_quotes); other backends read single sentences.
CROSS_WINDOW = 1
# Off: reading the sentence a window was taken around alone as well (`fit_claims --window-sentence on`) raised the
# refitted claim rule's dev-claims CV 0.5716 -> 0.5817, but that refit (l2 0.3, no cross-language terms) took the
# seed dev set from 0.632 to 0.462 accuracy (session 16, evals/README.md), so neither ships.
WINDOW_SENTENCE = False
# A Vietnamese claim that restates a quote in its language with one name changed gets a conflict signal
# (names.name_substitution; the verdict model learnt name swaps in English only). Only where it was measured: on
# XNLI's other languages it misfires (German capitalises every noun, Russian names inflect; session 19).
NAME_SWAPS = True
NAME_SWAP_LANGS = frozenset({"vi"})
# A claim naming one country where a quote names another (names.country_swaps) is read again by the verdict model
# with the quote's country in its place, against the quote's sentence that names it; if that reading is entailed
# (p >= SWAP_ENTAILMENT) and gains at least SWAP_GAIN over the claim's own against the same sentence, the quote gets
# the conflict signal: "Tom is from Morocco" against "Tom tới từ Úc". "any": every pair of languages; "cross": only
# a quote in another language than the claim; None: off. On the dev claims (session 24, evals/README.md): 7 verdicts
# fixed and none broken under the shipped claim rule, and the claim rule's CV up by 0.009 (paired over five fold
# seeds); read against the whole quote (a window of three sentences across languages) it gained nothing.
COUNTRY_SWAPS: str | None = "any"
SWAP_ENTAILMENT = 0.5
SWAP_GAIN = 0.25
# A quote that states one of the claim's standings of two countries the other way round ("France is ahead of Canada"
# against "Pháp ... thua cả Canada"; standings.reversed_standing) refutes it as a conflicting figure does.
STANDINGS = True


def _sentence_naming(quote: str, lang: str | None, mention: str) -> str:
    """The sentence of `quote` holding `mention` (the whole quote when it has one sentence or none holds it)."""
    at = quote.find(mention)
    spans = split_sentences(quote, lang)
    if at < 0 or len(spans) < 2:
        return quote
    return next((quote[s.start:s.end] for s in spans if s.start <= at < s.end), quote)


def _swap_entailed(swapped: np.ndarray, own: np.ndarray) -> bool:
    """Whether the claim with the quote's country in its place reads as the quote and its own does not."""
    return float(swapped[0]) >= SWAP_ENTAILMENT and float(swapped[0]) - float(own[0]) >= SWAP_GAIN


class Verifier:
    """Claim + retrieved passages -> ClaimResult with a verdict, a confidence and citations."""

    def __init__(self, scorer: PairScorer, *, thresholds: Thresholds | None = None, max_quotes: int = 8,
                 max_citations: int = 3, use_figures: bool = True, figure_weights: FigureWeights | None = None,
                 claim_thresholds: Thresholds | None = None, claim_model=None, localise_names: bool = True,
                 cross_window: int = 0, conflict_thresholds: Thresholds | None = None,
                 figures_need_subject: bool = True, localise_figures: bool = True, window_sentence: bool = False,
                 localise_han: bool = True, confirmed_figures: bool = True, confirmed_unread: bool = True,
                 sentence_cross_only: bool = False, coverage: bool | None = None, name_swaps: bool = NAME_SWAPS,
                 country_swaps: str | None = COUNTRY_SWAPS, standings: bool = STANDINGS):
        self.scorer = scorer
        self.thresholds = thresholds or Thresholds()  # a single quote's stance (fitted on validation pairs)
        # The claim's verdict from its best quotes: the maximum over several quotes runs higher than one quote's
        # score, so these may be fitted apart, on validation claims checked end to end (factcheck.train.fit_claims).
        self.claim_thresholds = claim_thresholds or self.thresholds
        self.max_quotes = max_quotes
        self.max_citations = max_citations
        self.use_figures = use_figures
        self.figure_weights = figure_weights or FigureWeights()
        # A fitted claim-level model (factcheck.verify.claim_model.ClaimModel) decides SUPPORTED / REFUTED /
        # NOT_ENOUGH_INFO when given; CONFLICTING stays the rule of `aggregate`: a supporting and a refuting quote
        # from two documents at `conflict_thresholds` (fitted with the model by fit_claims; else the claim ones).
        self.claim_model = claim_model
        self.conflict_thresholds = conflict_thresholds
        # Across languages the model reads the claim with its countries written as the quote writes them
        # (factcheck.verify.names); the claim shown and the quote cited are unchanged.
        self.localise_names = localise_names
        # A passage in another language than the claim offers its best sentence with this many neighbours either
        # side as its first quote (factcheck.verify.evidence.candidate_quotes).
        self.cross_window = cross_window
        # ... and the sentence it was widened from is read alone as well (one more quote per such passage).
        self.window_sentence = window_sentence
        # ... and Chinese names as the quote writes them ("Hu Jintao" / "Hồ Cẩm Đào"; factcheck.verify.han_names).
        self.localise_han = localise_han
        # A quote's figures count only when it names something the claim names (factcheck.verify.names.
        # shares_subject): "Film B earned $3 million" says nothing about "Film A earned $53 million".
        self.figures_need_subject = figures_need_subject
        # The verdict model reads a claim figure that agrees with a quote's in the quote's own words ("1.1.2025"
        # for "1 January 2025"; factcheck.verify.figures.figures_as_quoted).
        self.localise_figures = localise_figures
        # A figure conflict is set aside when another quote of the same document states the claim's figure
        # (factcheck.verify.figures.confirmed_elsewhere): the conflicting sentence speaks of something else.
        self.confirmed_figures = confirmed_figures
        # ... and the verdict model reads the claim without that figure against that quote.
        self.confirmed_unread = confirmed_unread
        # Where retrieval measured each sentence's similarity to the claim, only passages in another language take
        # their first quote from it (evidence.candidate_quotes; study, session 17).
        self.sentence_cross_only = sentence_cross_only
        # Whether to measure the share of the claim's names each quote does not name (names.missing_names): None,
        # only when the claim model reads it (its "coverage" features); fit_claims measures it to offer them.
        self.coverage = coverage
        # A quote that a claim in NAME_SWAP_LANGS restates with one name changed refutes it as a conflicting figure
        # does (names.name_substitution): "... tại thành phố Huế" against "... tại thành phố Đà Lạt".
        self.name_swaps = name_swaps
        # ... and a claim naming one country where the quote names another, when the verdict model reads the claim
        # with the quote's country as entailed ("any" language pair, "cross" language only, or None).
        if country_swaps not in (None, "any", "cross"):
            raise ValueError(f'country_swaps must be "any", "cross" or None, not {country_swaps!r}')
        self.country_swaps = country_swaps
        # ... and a quote about the claim's subject that states one of its standings the other way round.
        self.standings = standings

    def score(self, claim: Claim, passages: list[Passage]) -> ScoredQuotes:
        """The candidate quotes of the passages with their (figure-adjusted) probabilities."""
        # A passage retrieval added as its language's nearest (HybridRetriever.language_bests) brings its own
        # quote: it does not take the place of a second sentence of a better-ranked passage.
        extra = sum(1 for p in passages if p.meta.get("language_best"))
        claim_lang = claim.lang or detect_lang(claim.text)
        cands = candidate_quotes(claim.text, passages, limit=self.max_quotes + extra,
                                 claim_lang=claim_lang, cross_window=self.cross_window,
                                 window_sentence=self.window_sentence,
                                 sentence_cross_only=self.sentence_cross_only)
        quote_langs = [e.passage.lang or detect_lang(e.quote) for e in cands]
        whys: list[str] = [""] * len(cands)
        signals: list[str] = ["none"] * len(cands)
        comps: list[list[FigureComparison]] = [[] for _ in cands]
        claim_figs = (claim.figures or read_figures(claim.text, claim.lang)) if cands else []
        skip = [(f.start, f.end) for f in claim_figs]
        subject = [shares_subject(claim.text, claim_lang, e.quote, lang, skip) for e, lang in zip(cands, quote_langs)]
        missing = [missing_names(claim.text, claim_lang, e.quote, lang, skip)
                   for e, lang in zip(cands, quote_langs)] if self._reads_coverage() else []
        if self.use_figures and cands:
            for i, e in enumerate(cands):
                e.figures = read_figures(e.quote, e.passage.lang)
                if self.figures_need_subject and claim_figs and e.figures and subject[i] is False:
                    continue  # figures about something else: no signal, no comparison shown
                signals[i], whys[i], comps[i] = compare(claim.text, claim_figs, e.quote, e.figures)
            if self.confirmed_figures:
                self._drop_confirmed_conflicts(cands, signals, whys, comps)
        if self.name_swaps and claim_lang in NAME_SWAP_LANGS:
            self._mark_name_swaps(claim.text, claim_lang, skip, cands, quote_langs, signals, whys)
        if self.standings:
            self._mark_reversed_standings(claim.text, claim_lang, cands, quote_langs, subject, signals, whys)
        pairs = [(e.quote, self._model_claim(claim.text, claim_lang, e.quote, lang, comps[i]))
                 for i, (e, lang) in enumerate(zip(cands, quote_langs))]
        swaps = self._country_swap_pairs(claim.text, claim_lang, skip, cands, quote_langs, signals, pairs)
        extra = [swap for *_, swap, _ in swaps] + [own for *_, own in swaps if own is not None]
        probs = self.scorer.score(pairs + extra) if cands else np.zeros((0, 3), np.float32)
        probs, swapped, owns = probs[:len(cands)], probs[len(cands):len(cands) + len(swaps)], \
            iter(probs[len(cands) + len(swaps):])
        for (i, mine, theirs, _, own), p in zip(swaps, swapped):
            own_p = next(owns) if own is not None else probs[i]  # the claim as written, against the same premise
            if signals[i] != "conflict" and _swap_entailed(p, own_p):
                names = f'Countries differ: the source names "{theirs}" where the claim names "{mine}".'
                whys[i] = f"{names} {whys[i]}" if signals[i] == "agree" else names
                signals[i] = "conflict"
        for i in range(len(cands)):
            if signals[i] != "none":
                multi = corroborated(signals[i], claim_figs, comps[i])
                probs[i] = adjust(probs[i], signals[i], self.figure_weights, multi)
        return ScoredQuotes(cands=cands, probs=probs, signals=signals, whys=whys, comps=comps,
                            cross=[lang != claim_lang for lang in quote_langs],
                            dense=[_dense(e) for e in cands], subject=subject, missing=missing,
                            claim_figures=claim_figs if self.use_figures else [])

    def _reads_coverage(self) -> bool:
        if self.coverage is not None:
            return self.coverage
        from .claim_model import COVERAGE_FEATURES

        return self.claim_model is not None and bool(set(self.claim_model.features) & set(COVERAGE_FEATURES))

    def _country_swap_pairs(self, claim: str, claim_lang: str | None, skip: list[tuple[int, int]],
                            cands: list[Evidence], quote_langs: list[str | None], signals: list[str],
                            pairs: list[tuple[str, str]]
                            ) -> list[tuple[int, str, str, tuple[str, str], tuple[str, str] | None]]:
        """(quote index, the claim's country, the quote's country, (premise, the model's claim with the quote's
        country in place of the claim's), (premise, the model's claim) or None when the premise is the whole quote,
        already scored) for each country swap worth reading (`country_swaps`). The premise is the quote's sentence
        that names its country: a quote across languages is a window of sentences, and the others dilute the test."""
        if not self.country_swaps:
            return []
        out = []
        for i, (e, lang) in enumerate(zip(cands, quote_langs)):
            if signals[i] == "conflict" or (self.country_swaps == "cross" and lang == claim_lang):
                continue
            for forms, theirs in country_swaps(claim, claim_lang, e.quote, lang, skip):
                text = swap_country(pairs[i][1], forms, theirs)
                if text is not None:
                    premise = _sentence_naming(e.quote, lang, theirs)
                    own = (premise, pairs[i][1]) if premise != e.quote else None
                    out.append((i, forms[0], theirs, (premise, text), own))
        return out

    @staticmethod
    def _mark_name_swaps(claim: str, claim_lang: str | None, skip: list[tuple[int, int]], cands: list[Evidence],
                         quote_langs: list[str | None], signals: list[str], whys: list[str]) -> None:
        """A quote without a figure conflict that the claim restates with one name changed gets the conflict signal
        and says which names differ."""
        for i, (e, lang) in enumerate(zip(cands, quote_langs)):
            if signals[i] == "conflict":
                continue
            swap = name_substitution(claim, claim_lang, e.quote, lang, skip, [(f.start, f.end) for f in e.figures])
            if swap:
                names = f'Names differ: the source names "{swap[1]}" where the claim names "{swap[0]}".'
                whys[i] = f"{names} {whys[i]}" if signals[i] == "agree" else names
                signals[i] = "conflict"

    @staticmethod
    def _mark_reversed_standings(claim: str, claim_lang: str | None, cands: list[Evidence],
                                 quote_langs: list[str | None], subject: list[bool | None], signals: list[str],
                                 whys: list[str]) -> None:
        """A quote without a conflict, not about something else, that states one of the claim's standings the other
        way round gets the conflict signal and says which."""
        mine = read_standings(claim, claim_lang)  # most claims state none: their quotes are not read for any
        for i, (e, lang) in enumerate(zip(cands, quote_langs)):
            if not mine or signals[i] == "conflict" or subject[i] is False:
                continue
            found = reversed_standing(mine, e.quote, lang)
            if found:
                order = f'Standings differ: the source has "{found[1]}" where the claim has "{found[0]}".'
                whys[i] = f"{order} {whys[i]}" if signals[i] == "agree" else order
                signals[i] = "conflict"

    @staticmethod
    def _drop_confirmed_conflicts(cands: list[Evidence], signals: list[str], whys: list[str],
                                  comps: list[list[FigureComparison]]) -> None:
        """A conflict with a claim figure that another quote of the same document, sharing at least as many of the
        claim's words, states as the claim does is not comparable (`figures.confirmed_elsewhere`); the quote's
        signal and explanation are read again."""
        from ..quantities import summarize_comparisons

        for i, drop in enumerate(confirmed_elsewhere(comps, [e.passage.doc_id for e in cands],
                                                     [e.overlap for e in cands])):
            if not drop:
                continue
            comps[i] = [c.model_copy(update={"status": "not_comparable", "reason": CONFIRMED_ELSEWHERE})
                        if k in drop else c for k, c in enumerate(comps[i])]
            signals[i], whys[i] = summarize_comparisons(comps[i])

    def verify(self, claim: Claim, passages: list[Passage], docs: dict[str, DocumentRecord]) -> ClaimResult:
        scored = self.score(claim, passages)
        cands, probs = scored.cands, scored.probs
        retrieved = [TextRef(doc_id=p.doc_id, start=p.start, end=p.end) for p in passages]
        if not cands:
            return ClaimResult(claim=claim, verdict=Label.NOT_ENOUGH_INFO, confidence=1.0, retrieved=retrieved,
                               explanation="No passage in the corpus was found for this claim.")
        verdict, confidence, best = self.decide(scored)
        best = self._explaining_quote(verdict, best, probs, scored.signals)
        unmatched = unmatched_figures(scored.claim_figures, scored.comps, [e.figures for e in cands])
        order = [best] + [i for i in np.argsort(-np.max(probs[:, [0, 2]], axis=1)) if i != best]
        citations = [self._cite(cands[i], probs[i], docs) for i in order[: self.max_citations]]
        return ClaimResult(
            claim=claim, verdict=verdict, confidence=round(float(confidence), 4), citations=citations,
            probs={k: round(float(v), 4) for k, v in zip(LABELS, probs[best])},
            explanation=_explain(verdict, cands[best], probs[best], scored.whys[best], docs, unmatched),
            figures=scored.comps[best], unmatched_figures=unmatched, retrieved=retrieved,
            quotes_read=[TextRef(doc_id=e.passage.doc_id, start=e.start, end=e.end) for e in cands],
        )

    def _model_claim(self, claim: str, claim_lang: str | None, quote: str, quote_lang: str | None,
                     comps: list[FigureComparison] = ()) -> str:
        return model_claim(claim, claim_lang, quote, quote_lang, comps, figures=self.localise_figures,
                           names=self.localise_names, han=self.localise_han, unread=self.confirmed_unread)

    def decide(self, scored: ScoredQuotes) -> tuple[Label, float, int]:
        """(verdict, confidence, index of the deciding quote) for a claim's scored quotes."""
        probs, doc_ids = scored.probs, [e.passage.doc_id for e in scored.cands]
        if self.claim_model is None:
            return decide(probs, doc_ids, scored.signals, self.claim_thresholds, self.thresholds)
        from .claim_model import decide_with_model

        return decide_with_model(self.claim_model, probs, [e.rank for e in scored.cands],
                                 [e.overlap for e in scored.cands], doc_ids, scored.signals,
                                 self.conflict_thresholds or self.claim_thresholds, scored.cross, scored.dense,
                                 scored.subject, scored.missing)

    def _explaining_quote(self, verdict: Label, best: int, probs: np.ndarray, signals: list[str]) -> int:
        """Among the quotes that take the verdict's side, prefer one whose figures back it (named in the explanation).

        The verdict and its confidence do not change; only which quote is cited first.
        """
        want = {Label.REFUTED: "conflict", Label.SUPPORTED: "agree"}.get(verdict)
        if want is None or signals[best] == want:
            return best
        col = 2 if verdict is Label.REFUTED else 0
        backing = [i for i, s in enumerate(signals) if s == want and stance(probs[i], self.claim_thresholds) is verdict]
        return max(backing, key=lambda i: float(probs[i, col])) if backing else best

    def _cite(self, e: Evidence, probs: np.ndarray, docs: dict[str, DocumentRecord]) -> Citation:
        rec = docs.get(e.passage.doc_id)
        return Citation(
            doc_id=e.passage.doc_id, title=(rec.title if rec else e.passage.title),
            publisher=rec.publisher if rec else None, url=rec.url if rec else None,
            published=rec.published if rec else None, source=rec.source if rec else "",
            passage=e.passage.text, passage_start=e.passage.start, passage_end=e.passage.end,
            quote=e.quote, start=e.start, end=e.end, stance=stance(probs, self.thresholds),
            score=round(float(max(probs[0], probs[2])), 4),
        )


def model_claim(claim: str, claim_lang: str | None, quote: str, quote_lang: str | None,
                comps: list[FigureComparison] = (), *, figures: bool = True, names: bool = True,
                han: bool = True, unread: bool = False) -> str:
    """The claim as the verdict model reads it against `quote`: with `figures`, each figure that agrees with one of
    the quote's written as the quote writes it; with `unread`, a figure whose conflict with the quote was set aside
    (the same source states it elsewhere: Verifier.confirmed_figures) left out; across languages, with `names`,
    countries and names as the quote writes them (with `han`, Chinese names too)."""
    if figures or unread:
        claim = figures_as_quoted(claim, quote, list(comps), rewrite=figures, leave_out_confirmed=unread)
    if not names or not claim_lang or not quote_lang or claim_lang == quote_lang:
        return claim
    claim = localise_han_names(claim, claim_lang, quote, quote_lang) if han else claim
    return localise_names(localise_countries(claim, claim_lang, quote, quote_lang), quote)


def _dense(e: Evidence) -> float | None:
    """How near the retriever found the quote to the claim: its sentences' best similarity where retrieval measured
    sentences (`HybridRetriever.sentence_rerank`), else its passage's dense similarity (None if it did not say)."""
    p = e.passage
    lo, hi = e.start - p.start, e.end - p.start
    inside = [sim for (a, b), sim in sentence_similarities(p).items() if a < hi and b > lo]
    if inside:
        return max(inside)
    value = p.meta.get("dense")
    return float(value) if value is not None else None


def _explain(verdict: Label, e: Evidence, probs: np.ndarray, figures_why: str, docs: dict,
             unmatched: list[Figure] = ()) -> str:
    rec = docs.get(e.passage.doc_id)
    title = rec.title if rec else e.passage.doc_id
    p = {k: float(v) for k, v in zip(LABELS, probs)}
    head = {
        Label.SUPPORTED: f"The source supports the claim (p(entailment)={p['entailment']:.2f})",
        Label.REFUTED: f"The source contradicts the claim (p(contradiction)={p['contradiction']:.2f})",
        Label.CONFLICTING: "Sources disagree: one supports the claim and another contradicts it",
        Label.NOT_ENOUGH_INFO: "No retrieved passage clearly supports or contradicts the claim",
    }[verdict]
    text = f'{head}. Closest quote, from "{title}": "{e.quote}"'
    text = f"{text}. {figures_why}" if figures_why else text
    if unmatched and verdict in (Label.SUPPORTED, Label.NOT_ENOUGH_INFO):
        said = ", ".join(f'"{f.text}"' for f in unmatched)
        text = text if text.endswith((".", "!", "?", '"')) else text + "."
        text += (f" The claim's {'figure' if len(unmatched) == 1 else 'figures'} {said} "
                 f"{'lines' if len(unmatched) == 1 else 'line'} up with no figure of the sources read: check by hand.")
    return text
