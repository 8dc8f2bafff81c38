"""Use the figure comparison (factcheck.quantities) to move a quote's probabilities."""

from __future__ import annotations

import re

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from ..schema import Figure, FigureComparison

_REFUTE = np.array([0.03, 0.07, 0.90], dtype=np.float32)
_SUPPORT = np.array([0.85, 0.12, 0.03], dtype=np.float32)


def read_figures(text: str, lang: str | None) -> list[Figure]:
    """Figures in a text; none if the quantities reader fails (it should not)."""
    try:
        from ..quantities import extract_figures

        return extract_figures(text, lang)
    except Exception:  # a reader bug must not stop a verdict; the model still decides
        return []


def compare(claim_text: str, claim_figs: list[Figure], quote: str, quote_figs: list[Figure]):
    """(signal, explanation, comparisons) with signal "conflict", "agree" or "none"."""
    if not claim_figs or not quote_figs:
        return "none", "", []
    from ..quantities import compare_figures, summarize_comparisons

    comps: list[FigureComparison] = compare_figures(claim_figs, quote_figs, claim_text=claim_text, evidence_text=quote)
    signal, why = summarize_comparisons(comps)
    return signal, why, comps


def figures_as_quoted(claim: str, quote: str, comps: list[FigureComparison], *, rewrite: bool = True,
                      leave_out_confirmed: bool = False) -> str:
    """`claim` with each figure that agrees with a figure of `quote` written as the quote writes it (the claim's
    figures are read from `claim` itself, so their offsets are into it); the other figures are left alone, and so
    is one that agrees only by lying far inside the quote's value ("more than 500" against "more than 6,000").

    With `leave_out_confirmed`, a figure whose conflict with the quote was set aside because the same source
    states it elsewhere (`confirmed_elsewhere`) is taken out with the preposition that ties it to its clause ("on
    4 March 2021", "vào ngày 4/3/2021"): the quote speaks of something else, and a model shown both figures reads
    the difference as a contradiction. `rewrite=False` leaves agreeing figures as the claim writes them."""
    from ..quantities.align import far_inside

    edits = [(c.claim.start, c.claim.end, quote[c.evidence.start:c.evidence.end], c.claim.text)
             for c in comps if rewrite and c.status == "agree" and not far_inside(c)]
    dropped = [c.claim for c in comps if leave_out_confirmed and c.reason == CONFIRMED_ELSEWHERE]
    edits += [(*_span_with_preposition(claim, f), "", f.text) for f in dropped]
    out, pos = [], 0
    for start, end, new, text in sorted(edits):
        if start < pos or claim[start:end].find(text) < 0:
            continue  # overlapping or not this claim's figure
        out += [claim[pos:start], new]
        pos = end
    if not out:
        return claim
    text = "".join(out) + claim[pos:]
    if not dropped:
        return text
    text = re.sub(r"\s+([,.;:!?。，])", r"\1", re.sub(r"[ \t]{2,}", " ", text)).strip()
    return text[:1].upper() + text[1:] if claim[:1].isupper() else text


# Why a figure conflict was set aside (Verifier.confirmed_figures).
# The explanation shows the part in brackets (quantities.align._describe).
CONFIRMED_ELSEWHERE = ("set aside (a sentence of the same source nearer the claim states the claim's figure: "
                       "this one is about something else)")

# Words that tie a figure to its clause, read back from it ("ended by 2001", "vào ngày 4/3/2021", "в 2019 году",
# "于2019年"): left out with it, so that the rest still reads as a sentence.
_PREPOSITION = re.compile(
    r"(?:\b(?:on|in|at|by|since|during|from|until|of|the|early|late|mid|vào|ngày|hôm|năm|tháng|trong|từ|đến|tới|lúc"
    r"|cuối|đầu|giữa|в|во|на|с|к|до|от|по)\s+){1,3}$|[于在自从至到截]$", re.IGNORECASE)


def _span_with_preposition(claim: str, f: Figure) -> tuple[int, int]:
    """The span of figure `f` in `claim` with the prepositions before it, and with the comma after it when the
    figure opened the sentence ("In May 2019, the council announced ...")."""
    start, end = f.start, f.end
    if m := _PREPOSITION.search(claim, max(0, start - 30), start):
        start = m.start()
    if not claim[:start].strip() and (m := re.match(r"\s*[,，、]\s*", claim[end:])):
        end += m.end()
    return start, end


def confirmed_elsewhere(comps: list[list[FigureComparison]], doc_ids: list[str],
                        nearness: list[float] | None = None) -> list[set[int]]:
    """For each quote, the indices of its comparisons that conflict with a claim figure another quote of the same
    document states as the claim does (an "agree" comparison, not far inside a bound) and that is at least as near
    the claim (`nearness`, e.g. the share of the claim's words each quote holds; None: all equal).

    A source does not give one figure for a thing in one sentence and another for the same thing in the next: of
    the two sentences, the one nearer the claim speaks of the claim's thing and the other of something else (another
    event's date). When the conflicting sentence is the nearer one, the agreement is the misreading and the conflict
    stands. Quotes of other documents keep their conflicts: two sources that disagree are what CONFLICTING is for.
    """
    from ..quantities.align import far_inside

    near = list(nearness) if nearness is not None else [0.0] * len(comps)
    stated: dict[tuple[str, tuple[int, int, str]], float] = {}  # (doc, claim figure) -> nearest agreeing quote
    for cs, doc, n in zip(comps, doc_ids, near):
        for c in cs:
            if c.status == "agree" and not far_inside(c):
                key = (doc, (c.claim.start, c.claim.end, c.claim.text))
                stated[key] = max(n, stated.get(key, n))
    return [{k for k, c in enumerate(cs) if c.status == "conflict"
             and stated.get((doc, (c.claim.start, c.claim.end, c.claim.text)), -1.0) >= n}
            for cs, doc, n in zip(comps, doc_ids, near)]


def unmatched_figures(claim_figs: list[Figure], comps: list[list[FigureComparison]],
                      quote_figs: list[list[Figure]] | None = None) -> list[Figure]:
    """The claim's figures that no figure of the quotes read agrees with. A figure counts as matched when the
    aligner paired it with an agreeing figure (`comps`, per quote), or when a figure of a quote read (`quote_figs`,
    per quote) states the very same reading, whether or not the aligner paired them: across languages the words
    around two figures rarely match ("14 years" / "14 năm"), and a quote whose figures were not compared (its names
    differ from the claim's) may still state the figure. An agreement only far inside a bound ("more than 500"
    against "more than 6,000") says little about 500 and does not count."""
    from ..quantities.align import far_inside

    matched = {(c.claim.start, c.claim.end) for cs in comps for c in cs if c.status == "agree" and not far_inside(c)}
    stated = [f for fs in quote_figs or [] for f in fs or []]
    return [f for f in claim_figs if (f.start, f.end) not in matched and not any(_states(f, e) for e in stated)]


def _states(claim_fig: Figure, quote_fig: Figure) -> bool:
    """Whether a quote's figure states a claim's figure on its own, without the words around them: an agreeing
    figure with the same value and bounds. A merely compatible one does not count: any year before 2000 agrees with
    "before 2000", and "100,000 to 300,000" lies inside "100,000 to 390,000"."""
    from ..quantities.compare import comparable_families, compare_pair

    if (claim_fig.value, claim_fig.low, claim_fig.high) != (quote_fig.value, quote_fig.low, quote_fig.high):
        return False
    try:
        return comparable_families(claim_fig, quote_fig) and compare_pair(claim_fig, quote_fig)[0] == "agree"
    except (ArithmeticError, ValueError, TypeError):  # a malformed figure matches nothing
        return False


def corroborated(signal: str, claim_figs: list[Figure], comps: list[FigureComparison]) -> bool:
    """True when the quote agrees on every figure of the claim and there are at least two of them.

    Two independent figures agreeing (an amount and its year, a rank and the field size) is stronger evidence
    than one; on the validation split 84% of such pairs are entailments against 73% with one agreeing figure.
    """
    if signal != "agree" or len(claim_figs) < 2:
        return False
    agreeing = {(c.claim.start, c.claim.end) for c in comps if c.status == "agree"}
    return all((f.start, f.end) in agreeing for f in claim_figs)


class FigureWeights(BaseModel):
    """How far a figure signal moves a quote's probabilities: w = base + related * (1 - p(neutral)), clipped to [0, 1].

    The defaults are hand-set; `python -m factcheck.train.calibrate` fits them on validation pairs whose figures
    align (stored in calibration.json with the model's temperature and thresholds).
    """

    model_config = ConfigDict(extra="forbid")

    conflict_base: float = Field(0.6, ge=0.0, le=1.0)
    conflict_related: float = Field(0.35, ge=0.0, le=1.0)
    agree_base: float = Field(0.0, ge=0.0, le=1.0)
    agree_related: float = Field(0.3, ge=0.0, le=1.0)
    # When the quote agrees on every figure of the claim and there are two or more (see `corroborated`);
    # None: the same as one agreeing figure (calibration files written before these were fitted).
    multi_base: float | None = Field(None, ge=0.0, le=1.0)
    multi_related: float | None = Field(None, ge=0.0, le=1.0)

    def weight(self, signal: str, related: float, multi: bool = False) -> float:
        if signal == "conflict":
            return float(min(1.0, self.conflict_base + self.conflict_related * related))
        if signal == "agree":
            if multi and self.multi_base is not None and self.multi_related is not None:
                return float(min(1.0, self.multi_base + self.multi_related * related))
            return float(min(1.0, self.agree_base + self.agree_related * related))
        return 0.0


def adjust(probs: np.ndarray, signal: str, weights: FigureWeights | None = None, multi: bool = False) -> np.ndarray:
    """Mix a quote's probabilities with a refuting (conflict) or supporting (agree) profile.

    The pull grows with how related the model finds the quote (1 - p(neutral)); `multi` marks an agreement on
    two or more figures covering the whole claim (`corroborated`), which has weights of its own; see FigureWeights.
    """
    if signal not in ("conflict", "agree"):
        return probs
    w = (weights or FigureWeights()).weight(signal, 1.0 - float(probs[1]), multi)
    target = _REFUTE if signal == "conflict" else _SUPPORT
    return ((1 - w) * probs + w * target).astype(probs.dtype)


def fit_figure_weights(probs: np.ndarray, labels: np.ndarray, signals: list[str],
                       thresholds, multi: list[bool] | None = None) -> tuple[FigureWeights, dict]:
    """Weights maximising the 3-way macro-F1 of the stance rule over ALL the validation pairs given.

    `probs` are the (calibrated) model probabilities, `labels` the gold classes in (entailment, neutral,
    contradiction) order, `signals` each pair's figure signal ("none" for most). The objective is the one the
    thresholds are fitted on, over the whole sample: macro-F1 over a subset (only the pairs with conflicting
    figures, nearly all gold contradictions) would weigh its few neutral pairs as a whole class and push the
    weights to zero. Grid search, conflict weights first (agree pull off), then agree weights (pairs with one
    agreeing figure, or all agree pairs when `multi` is not given), then the weights of corroborated pairs
    (`multi[i]`, at least 20 of them; else they keep the one-figure weights); ties go to the lower negative
    log-likelihood, then to the smaller weight.
    """
    from .aggregate import stance
    from .calibration import macro_f1

    order = {"SUPPORTED": 0, "NOT_ENOUGH_INFO": 1, "REFUTED": 2}
    grid = np.round(np.arange(0.0, 1.0001, 0.05), 2)
    base_pred = np.array([order[stance(row, thresholds).value] for row in probs])
    multi = list(multi) if multi is not None else [False] * len(signals)
    off = {"conflict_base": 0.0, "conflict_related": 0.0, "agree_base": 0.0, "agree_related": 0.0}
    fitted, stats = dict(off), {}

    def evaluate(weights: FigureWeights, idx: list[int]) -> tuple[float, float, np.ndarray]:
        pred = base_pred.copy()
        adj = np.stack([adjust(probs[i], signals[i], weights, multi[i]) for i in idx])
        pred[idx] = [order[stance(row, thresholds).value] for row in adj]
        nll = float(-np.mean(np.log(np.clip(adj[np.arange(len(idx)), labels[idx]], 1e-7, 1.0))))
        return macro_f1(labels, pred), nll, pred

    groups = {"conflict": [i for i, s in enumerate(signals) if s == "conflict"],
              "agree": [i for i, s in enumerate(signals) if s == "agree" and not multi[i]],
              "multi": [i for i, s in enumerate(signals) if s == "agree" and multi[i]]}
    for signal, idx in groups.items():
        if len(idx) < 20:  # too few pairs to fit: keep the hand-set defaults (multi: the one-figure weights)
            default = FigureWeights()
            fitted[f"{signal}_base"] = getattr(default, f"{signal}_base")
            fitted[f"{signal}_related"] = getattr(default, f"{signal}_related")
            stats[signal] = {"n": len(idx), "fitted": False}
            continue
        best_key, best = None, (0.0, 0.0)
        for b in grid:
            for r in grid:
                trial = FigureWeights(**{**fitted, f"{signal}_base": float(b), f"{signal}_related": float(r)})
                f1, nll, _ = evaluate(trial, idx)
                key = (round(f1, 6), -nll, -(b + r))
                if best_key is None or key > best_key:
                    best_key, best = key, (float(b), float(r))
        _, nll_model, pred_model = evaluate(FigureWeights(**{**fitted, f"{signal}_base": 0.0,
                                                             f"{signal}_related": 0.0}), idx)
        fitted[f"{signal}_base"], fitted[f"{signal}_related"] = best
        f1_fit, nll_fit, pred_fit = evaluate(FigureWeights(**fitted), idx)
        y = labels[idx]
        stats[signal] = {"n": len(idx), "fitted": True,
                         "gold": {k: int(np.sum(y == c)) for c, k in enumerate(("entailment", "neutral", "contradiction"))},
                         "accuracy_model": round(float(np.mean(pred_model[idx] == y)), 4),
                         "accuracy_adjusted": round(float(np.mean(pred_fit[idx] == y)), 4),
                         "nll_model": round(nll_model, 4), "nll_adjusted": round(nll_fit, 4)}
    stats["n_pairs"] = len(labels)
    stats["macro_f1_model"] = round(macro_f1(labels, base_pred), 4)
    stats["macro_f1_adjusted"] = round(evaluate(FigureWeights(**fitted), list(range(len(labels))))[0], 4)
    return FigureWeights(**fitted), stats
