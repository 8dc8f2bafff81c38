"""Align the figures of a claim with those of its evidence, then compare and summarise them.

Claim and evidence may be in different languages, so alignment leans on what survives translation:
the family and unit of a figure, its digits (12 vs 12,000; 14 vs 41), concept ids from the
cross-lingual vocabulary, shared names and acronyms (GDP, NATO), and being next to an already aligned figure.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from factcheck.quantities.compare import FAR_INSIDE, comparable_families, compare_pair, family
from factcheck.schema import Figure, FigureComparison

logger = logging.getLogger(__name__)

# Support a pair needs before it is aligned, by the families involved (see `_threshold`).
THRESHOLDS = {"money": 0.5, "money_fx": 0.8, "money_number": 1.0, "percent": 0.8, "rank": 0.5,
              "position": 0.8, "time": 1.0, "duration": 0.8, "count": 0.8, "quantity": 1.0,
              "clock": 0.5}  # a time of day agreeing to the minute is as telling as a rank
NEAR_CHARS = 150  # figures this close in one text are taken to be about the same event
_SENTENCE_END = re.compile(r"[.!?;](?=\s)|[。！？；\n]")


@dataclass
class _Pair:
    i: int
    j: int
    support: float
    status: str
    reason: str


def compare_figures(claim_figures: Iterable[Figure], evidence_figures: Iterable[Figure], *,
                    claim_text: str = "", evidence_text: str = "") -> list[FigureComparison]:
    """Compare every claim figure that aligns with an evidence figure; one comparison per claim figure.

    The texts, when given, let figures in one sentence count as near each other; offsets are then
    taken to be into those texts. Never raises: bad input gives [] and a logged warning.
    """
    try:
        cs, es = _figures(claim_figures), _figures(evidence_figures)
        return _align(cs, es, claim_text or "", evidence_text or "")
    except Exception:  # never let a comparison take the verdict down
        logger.warning("could not compare figures", exc_info=True)
        return []


def _figures(items: Iterable[object] | None) -> list[Figure]:
    out = []
    for f in items or []:
        if isinstance(f, Figure):
            out.append(f)
        elif isinstance(f, dict):
            try:
                out.append(Figure.model_validate(f))
            except ValueError:
                continue
    return out


def _align(cs: list[Figure], es: list[Figure], ctext: str, etext: str) -> list[FigureComparison]:
    # Pass 1 aligns what a claim is about (amounts, ranks, counts...); its confident pairs become
    # anchors. Pass 2 aligns dates and years, and what is left, preferring figures next to an anchor:
    # the year in "4 trillion ... in 2035" belongs with the amount it sits beside. Pass 3 aligns times of
    # day, next to an anchor of either pass: the "7 p.m." of "at 7 p.m. on 5 March" belongs with that day.
    chosen: list[_Pair] = []
    for later in (("time", "clock"), ("clock",), ()):
        anchors = [(cs[p.i], es[p.j]) for p in chosen if p.support >= 1.0 and p.status != "not_comparable"]
        used_i, used_j = {p.i for p in chosen}, {p.j for p in chosen}
        rows = [i for i, c in enumerate(cs) if i not in used_i and family(c) not in later]
        cols = [j for j in range(len(es)) if j not in used_j]
        near = (anchors, ctext, etext) if anchors else None
        chosen += _match(_candidates(cs, es, anchors=near, rows=rows, cols=cols))
    chosen.sort(key=lambda p: cs[p.i].start)
    return [FigureComparison(claim=cs[p.i], evidence=es[p.j], status=p.status, reason=p.reason)  # type: ignore[arg-type]
            for p in chosen]


def _candidates(cs: list[Figure], es: list[Figure], anchors,  # type: ignore[no-untyped-def]
                rows: list[int] | None = None, cols: list[int] | None = None) -> list[_Pair]:
    """The pairs that may be aligned, among claim figures `rows` and evidence figures `cols` (default: all)."""
    out = []
    for i in range(len(cs)) if rows is None else rows:
        c = cs[i]
        for j in range(len(es)) if cols is None else cols:
            e = es[j]
            try:
                if not comparable_families(c, e):
                    continue
                status, reason = compare_pair(c, e)
                if (_bare(c) or _bare(e)) and not _neighbours(c) & _neighbours(e) and \
                        not (status == "agree" and _same_reading(c, e)):
                    continue  # a bare number does not say what it counts: the words beside it must
                s = support(c, e, "weak" if FAR_INSIDE in reason else status)
            except (ArithmeticError, ValueError, TypeError):  # a malformed figure: skip this pair only
                logger.warning("could not compare %r with %r", c.text, e.text, exc_info=True)
                continue
            if anchors and _near_anchor(c, e, *anchors):
                s += 0.8
            if s >= _threshold(c, e):
                out.append(_Pair(i, j, s, status, reason))
    return out


def _match(pairs: list[_Pair]) -> list[_Pair]:
    """One-to-one, best first; an agreeing reading is preferred to a conflicting one, that to none. An
    agreement that rests on a value far inside a claimed bound ranks with a conflict: support decides."""
    used_i: set[int] = set()
    used_j: set[int] = set()
    out = []
    for p in sorted(pairs, key=lambda p: (-_order(p), -p.support, p.i, p.j)):
        if p.i not in used_i and p.j not in used_j:
            out.append(p)
            used_i.add(p.i)
            used_j.add(p.j)
    return out


_RANK = {"agree": 2, "conflict": 1, "not_comparable": 0}


def _order(p: _Pair) -> int:
    return 1 if p.status == "agree" and FAR_INSIDE in p.reason else _RANK[p.status]


def support(c: Figure, e: Figure, status: str) -> float:
    """How strongly two figures look like the same fact, from context and digits."""
    cc, ct = _context(c)
    ec, et = _context(e)
    s = 0.8 * min(len(cc & ec), 3) + 0.5 * min(len(ct & et), 4)
    s += 0.3 * len(_neighbours(c) & _neighbours(e))  # the same word right beside both: "grossed ... at home"
    if status == "agree":
        s += 0.6
    dc, de = _figure_digits(c), _figure_digits(e)
    if dc and de and family(c) in ("money", "quantity", "percent"):  # 4 billion vs 4,000 billion
        s += 0.5 if dc == de else 0.3 if sorted(dc) == sorted(de) and len(dc) > 1 else 0.0
    elif dc and de and family(c) == "position" and dc != de and sorted(dc) == sorted(de):
        s += 0.3  # 12th vs 21st: a transposition
    if c.of is not None and e.of is not None:
        s += 0.5
    if status == "agree" and c.kind == e.kind == "date" and c.value is not None and c.value == e.value:
        s += 0.5  # the same named day is rarely a coincidence
    return s


def _threshold(c: Figure, e: Figure) -> float:
    fc, fe = family(c), family(e)
    if fc == fe == "money":
        return THRESHOLDS["money" if c.unit == e.unit else "money_fx"]
    if fc != fe:
        return THRESHOLDS["money_number"]
    if fc == "position":
        return THRESHOLDS["rank" if c.kind == e.kind == "rank" else "position"]
    if fc == "quantity":
        return THRESHOLDS["count" if c.kind == e.kind == "count" else "quantity"]
    return THRESHOLDS.get(fc, 1.0)


def _context(f: Figure) -> tuple[set[str], set[str]]:
    parts = f.context.split()
    return {p for p in parts if p.startswith("@")}, {p for p in parts if p[0] not in "@<>=^"}


def _neighbours(f: Figure) -> set[str]:
    """The content words right before ("<word") and after (">word") a figure."""
    return {p for p in f.context.split() if p[0] in "<>"}


def _same_reading(c: Figure, e: Figure) -> bool:
    """The same point ("62" / "62"), or the same stated interval ("over 500" / "trên 500", "16 to 24" / "từ 16 đến
    24"): as specific a match as a point, so a bare number so read needs no shared word beside it."""
    if c.low is None and c.high is None:
        return False
    return c.value == e.value and c.low == e.low and c.high == e.high and (c.value is not None or c.low != c.high)


def _bare(f: Figure) -> bool:
    """A number with no unit and no counted noun: "3", "62", "65–80"."""
    return f.kind == "number" and not f.unit


def _figure_digits(f: Figure) -> str:
    """The significant digits of a figure's value; of both ends for a range ("16 to 24" -> "16-24")."""
    if f.value is None and f.low is not None and f.high is not None:
        lo, hi = _digits(f.low), _digits(f.high)
        return f"{lo}-{hi}" if lo and hi else ""
    return _digits(f.value)


def _digits(v: float | None) -> str:
    """The significant digits of a value: 4.5e9 -> "45", 1.07e11 -> "107", 21 -> "21"."""
    if v is None or v <= 0:
        return ""
    return f"{v:.10e}".split("e")[0].replace(".", "").rstrip("0") or "0"


def _near_anchor(c: Figure, e: Figure, anchors: list[tuple[Figure, Figure]], ctext: str, etext: str) -> bool:
    return any(_near(c, ac, ctext) and _near(e, ae, etext) for ac, ae in anchors)


def _near(a: Figure, b: Figure, text: str) -> bool:
    first, second = sorted((a, b), key=lambda f: f.start)
    lo, hi = first.end, second.start  # between the two: a figure's own dot ("7 p.m.", "5.3.2023") ends no sentence
    if text and 0 <= first.start <= hi <= len(text):
        return lo >= hi or not _SENTENCE_END.search(text, lo, hi)
    return second.start - first.start <= NEAR_CHARS


def summarize_comparisons(comparisons: Iterable[FigureComparison]) -> tuple[str, str]:
    """("conflict" | "agree" | "none", explanation naming the deciding figures).

    "conflict" when any aligned figure conflicts; "agree" when every aligned figure agrees; "none"
    when nothing aligned or some aligned figure could not be compared. An agreement far inside a claimed
    bound counts as not compared: on VitaminC's pairs such a claim is entailed about as often as it is
    contradicted (a value within the reach of the bound: 93% entailed). Comparisons gathered from
    several passages may hold one claim figure more than once: a passage that agrees with it wins
    over one that conflicts (that one more likely speaks of something else), which wins over none.
    """
    try:
        comps = [c for c in comparisons or [] if isinstance(c, FigureComparison)]
    except TypeError:
        comps = []
    comps = _best_per_claim_figure(comps)
    conflicts = [c for c in comps if c.status == "conflict"]
    agrees = [c for c in comps if c.status == "agree" and not far_inside(c)]
    others = [c for c in comps if c.status == "not_comparable" or far_inside(c)]
    if conflicts:
        return "conflict", "Figures conflict: " + "; ".join(_describe(c) for c in conflicts)
    if agrees and not others:
        return "agree", "Figures agree: " + "; ".join(_describe(c) for c in agrees)
    if comps:  # some figure could not be checked: agreement on the rest does not carry the claim
        parts = ["Figures not comparable: " + "; ".join(_describe(c) for c in others)]
        parts += ["agreeing: " + "; ".join(_describe(c) for c in agrees)] if agrees else []
        return "none", "; ".join(parts)
    return "none", "No figure in the claim lines up with one in the evidence."


def far_inside(c: FigureComparison) -> bool:
    """An agreement only because the source's value lies far inside the claim's bound: says too little."""
    return c.status == "agree" and FAR_INSIDE in c.reason


def _best_per_claim_figure(comps: list[FigureComparison]) -> list[FigureComparison]:
    rank = {"agree": 2, "conflict": 1, "not_comparable": 0}
    best: dict[tuple[int, int, str], FigureComparison] = {}
    for c in comps:
        k = (c.claim.start, c.claim.end, c.claim.text)
        if k not in best or rank[c.status] > rank[best[k].status]:
            best[k] = c
    return list(best.values())


def _describe(c: FigureComparison) -> str:
    return f"claim: {c.claim.normalized} (\u201c{c.claim.text}\u201d); source: {c.evidence.normalized} " \
           f"(\u201c{c.evidence.text}\u201d){_extra(c.reason)}"


def _extra(reason: str) -> str:
    m = re.search(r" \(([^()]*)\)$", reason)
    return f" \u2014 {m.group(1)}" if m else ""
