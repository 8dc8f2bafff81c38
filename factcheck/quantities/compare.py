"""How two figures about the same thing compare, as intervals: agree, conflict or not comparable."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from factcheck.quantities.units import DAYS
from factcheck.schema import Figure

FAMILY = {"amount": "money", "number": "quantity", "count": "quantity", "percent": "percent",
          "rank": "position", "ordinal": "position", "date": "time", "year": "time", "duration": "duration",
          "clock": "clock"}
ROUNDING_CAP = 0.05  # a stated "40 billion" stands for 39.5-40.5 billion, never more than +-5%
# ... half-open: [39.5, 40.5), so that two different stated numbers (75, 76) never overlap.
_HALF_OPEN = 1 - 1e-6
GENERIC_NOUN = "@people"  # persons of any sort: not told apart from a word that names some of them
# ... nor from a concept of persons of some sort ("14,000 employees" / "13,500 people")
PERSON_NOUNS = frozenset("@" + c for c in ("minister", "official", "student", "worker", "child", "patient",
                                           "doctor", "journalist", "scientist", "expert", "user", "tourist",
                                           "member", "refugees", "casualties", "military"))
OPEN_BOUND_REACH = 1.5  # "more than X" confirms a claimed value up to 1.5X; beyond, it says too little
FAR_INSIDE = "far inside the bound"  # the note on an agreement that is weak evidence of alignment
BEYOND_BOUND = "the claimed bound goes beyond the source's"
_MD = re.compile(r"(?:^--|^\d{4}-)(\d{2})-(\d{2})")
_BOUND = re.compile(r"^([<>≤≥]) ")  # the bound of a reading: "< --04-13" is "before 13 April"
_BOUND_TEST = {"<": lambda a, b: a < b, "≤": lambda a, b: a <= b, ">": lambda a, b: a > b, "≥": lambda a, b: a >= b}
Interval = tuple[float | None, float | None]


def family(f: Figure) -> str:
    """The family of a figure's kind: figures are only compared within one (money with numbers too)."""
    return FAMILY.get(f.kind, "other")


def comparable_families(c: Figure, e: Figure) -> bool:
    """Whether two figures may speak of the same thing at all."""
    fc, fe = family(c), family(e)
    return fc == fe or {fc, fe} == {"money", "quantity"} and "number" in (c.kind, e.kind)


def half_unit(v: float) -> float:
    """Half the unit of the last significant digit: 45e9 -> 0.5e9, 12.5 -> 0.05, capped at 5%."""
    try:
        exp = Decimal(repr(abs(v))).normalize().as_tuple().exponent
    except (InvalidOperation, ValueError):
        return 0.0
    if not isinstance(exp, int):
        return 0.0
    return min(0.5 * 10.0**exp, ROUNDING_CAP * abs(v)) if v else 0.0


def interval(f: Figure) -> Interval | None:
    """The figure's reading as a comparable interval (days for dates and durations); None if open-ended
    in an unknown way (a day and month without a year)."""
    lo, hi = f.low, f.high
    if f.kind == "year":  # "before 535" is open below, "since 2009" above
        if lo is None and hi is None:
            return None
        if any(y is not None and not 1 <= int(y) <= 9999 for y in (lo, hi)):
            return None
        return (None if lo is None else float(dt.date(int(lo), 1, 1).toordinal()),
                None if hi is None else float(dt.date(int(hi), 12, 31).toordinal()))
    if f.kind == "date":
        return (lo, hi) if lo is not None or hi is not None else None
    if lo is None and hi is None:
        return None
    factor = DAYS.get(f.unit or "", 1.0) if f.kind == "duration" else 1.0
    if f.kind in ("rank", "ordinal"):
        return lo, hi
    lo = None if lo is None else (lo - half_unit(lo) * _HALF_OPEN) * factor
    hi = None if hi is None else (hi + half_unit(hi) * _HALF_OPEN) * factor
    return lo, hi


def relation(c: Interval, e: Interval) -> str:
    """"disjoint", "equal", "entailed" (e inside c), "within" (c inside e) or "overlap"."""
    def le(a: float | None, b: float | None, lower: bool) -> bool:  # a <= b, None = -inf/+inf
        if a is None or b is None:
            return (a is None) if lower else (b is None)
        return a <= b

    (cl, ch), (el, eh) = c, e
    if (ch is not None and el is not None and ch < el) or (eh is not None and cl is not None and eh < cl):
        return "disjoint"
    e_in_c = le(cl, el, True) and le(eh, ch, False)
    c_in_e = le(el, cl, True) and le(ch, eh, False)
    if e_in_c and c_in_e:
        return "equal"
    return "entailed" if e_in_c else "within" if c_in_e else "overlap"


def compare_pair(c: Figure, e: Figure) -> tuple[str, str]:
    """(status, reason) for a claim figure against an evidence figure of a comparable family."""
    reason = f"claim: {c.normalized}; source: {e.normalized}"
    if c.kind == e.kind == "clock":
        return _clock(c, e, reason)
    if family(c) == "money" and family(e) == "money" and c.unit != e.unit:
        return "not_comparable", f"{reason} (different currencies; amounts are not converted)"
    if c.kind == "percent" and e.kind == "percent" and c.unit != e.unit:
        return "not_comparable", f"{reason} (percent vs percentage points)"
    if c.kind == e.kind == "count" and different_nouns(c, e):
        return "not_comparable", f"{reason} (counts of different things)"
    if family(c) == "time" and (md := _yearless(c, e)):
        return md[0], f"{reason}{md[1]}"
    guess = "a reading had to guess" if c.guessed or e.guessed else ""
    if family(c) == "position" and different_subjects(c, e):
        return "not_comparable", f"{reason} (positions of different countries)"
    if family(c) == "position" and c.of is not None and e.of is not None and c.of != e.of:
        return "conflict", _note(reason, f"field of {c.of:g} vs {e.of:g}", guess)
    if (bounded := _bound_on_point(c, e)) is not None:
        return bounded[0], _note(reason, bounded[1], guess if bounded[0] == "conflict" else "")
    if (both := _bound_on_bound(c, e)) is not None:
        return both[0], _note(reason, both[1], guess if both[0] == "conflict" else "")
    ci, ei = interval(c), interval(e)
    if ci is None or ei is None:
        return "not_comparable", f"{reason} (no comparable reading)"
    rel = relation(ci, ei)
    if rel == "disjoint":
        return "conflict", _note(reason, guess)
    if rel in ("equal", "entailed"):
        return "agree", reason
    return _partial(c, e, rel, ei, reason)


_MEASURES = ("money", "quantity", "percent", "duration")


def _days(f: Figure) -> float:
    return DAYS.get(f.unit or "", 1.0) if f.kind == "duration" else 1.0


def _bound_on_point(c: Figure, e: Figure) -> tuple[str, str] | None:
    """A claimed bound ("more than 28,000") against a stated point (27,546): the point must be inside,
    strictly, without the rounding margin a point gets. A point far inside ("more than $40 million" vs
    $78 million) agrees, noted as such: it is weak evidence that the two speak of the same thing.
    None when this is not such a pair."""
    b = _BOUND.match(c.normalized)
    if not b or family(c) not in _MEASURES or family(e) not in _MEASURES or c.value is None:
        return None
    if e.value is None or not e.low == e.high == e.value:
        return None
    cv, ev = c.value * _days(c), e.value * _days(e)
    if not _BOUND_TEST[b.group(1)](ev, cv):
        return "conflict", "outside the bound"
    near = ev <= cv * OPEN_BOUND_REACH if b.group(1) in ">≥" else ev * OPEN_BOUND_REACH >= cv
    return ("agree", "") if near else ("agree", FAR_INSIDE)


def _bound_on_bound(c: Figure, e: Figure) -> tuple[str, str] | None:
    """Two one-sided bounds. Opposite ones ("under 508 million" vs "more than 508 million") conflict when no
    value meets both and agree when they overlap ("under $519 million" against "over $518 million": the source's
    value is just past its bound; VitaminC's pairs of this kind: 61 entailment, 4 contradiction, 2 neutral), noted
    as far inside when the bounds are more than OPEN_BOUND_REACH apart. Same-direction ones agree when the claim's
    is the weaker, noted as far inside when it is weaker by more than OPEN_BOUND_REACH ("more than 500 million"
    against "more than 6 billion"), and conflict when the claim's is the stronger: "more than X" is written for a
    value near X, so "more than 25 million" overstates "over 20 million" (VitaminC's pairs of this kind: 78
    contradiction, 21 neutral, 13 entailment)."""
    bc, be = _BOUND.match(c.normalized), _BOUND.match(e.normalized)
    if not (bc and be) or family(c) not in _MEASURES or family(e) not in _MEASURES:
        return None
    if c.value is None or e.value is None:
        return None
    cv, ev = c.value * _days(c), e.value * _days(e)
    sc, se = bc.group(1), be.group(1)
    c_up, e_up = sc in "<≤", se in "<≤"
    if c_up != e_up:
        upper, lower = (cv, ev) if c_up else (ev, cv)
        strict = "<" in (sc, se) or ">" in (sc, se)
        if upper < lower or (upper == lower and strict):
            return "conflict", "the bounds exclude each other"
        near = upper <= lower * OPEN_BOUND_REACH  # "under $519 million" against "over $518 million"
        return ("agree", "") if near else ("agree", FAR_INSIDE)
    weaker = cv <= ev if not c_up else cv >= ev
    if not weaker:  # "more than 25 million" against "over 20 million": the claim overstates its source
        return "conflict", BEYOND_BOUND
    near = ev <= cv * OPEN_BOUND_REACH if not c_up else ev * OPEN_BOUND_REACH >= cv
    return ("agree", "") if near else ("agree", FAR_INSIDE)


def _clock(c: Figure, e: Figure, reason: str) -> tuple[str, str]:
    """Two times of day: the same hour and minute agree, on the 12-hour dial when either leaves the half of the day
    open ("at 5 o'clock" against "17:00")."""
    if c.value is None or e.value is None:
        return "not_comparable", f"{reason} (no comparable reading)"
    dial = 12 if "12h" in (c.unit, e.unit) else 24
    same = abs(c.value % dial - e.value % dial) < 1e-6
    return ("agree", reason) if same else ("conflict", reason)


def _note(reason: str, *notes: str) -> str:
    notes = tuple(n for n in notes if n)
    return f"{reason} ({'; '.join(notes)})" if notes else reason


def _partial(c: Figure, e: Figure, rel: str, ei: Interval, reason: str) -> tuple[str, str]:
    """The claim is more precise than the evidence, or the two overlap in part."""
    nominal = c.value
    if nominal is not None and c.kind == "duration":
        nominal *= DAYS.get(c.unit or "", 1.0)
    if family(e) in ("time", "position"):  # a month, a year, "top 10", a run of days
        return "not_comparable", f"{reason} (the source is less precise)"
    if _BOUND.match(c.normalized):  # a claimed bound overlapping an approximate or ranged source
        return "not_comparable", f"{reason} (only partly overlapping)"
    lo, hi = ei
    if e.value is None and not (rel == "within" and lo is not None and hi is not None):
        return "not_comparable", f"{reason} (the source is less precise)"
    if lo is not None and hi is not None:  # a claim inside a stated range agrees: "$420m" in "$400–450m"
        if rel == "within" or (nominal is not None and lo <= nominal <= hi):
            return "agree", reason
        return "not_comparable", f"{reason} (only partly overlapping)"
    if nominal is None:
        return "not_comparable", f"{reason} (the source gives only a bound)"
    bound = e.value * (DAYS.get(e.unit or "", 1.0) if e.kind == "duration" else 1.0)
    plausible = bound <= nominal <= bound * OPEN_BOUND_REACH if hi is None else \
        bound / OPEN_BOUND_REACH <= nominal <= bound
    if plausible:
        return "agree", reason
    return "not_comparable", f"{reason} (the source gives only a bound)"


def noun_key(f: Figure) -> tuple[str, str] | None:
    """(language, counted noun) of a count, from its context: the noun is a concept id ("@casualties")
    or a word of that language ("recoveries")."""
    tok = next((t for t in f.context.split() if t.startswith("=")), None)
    if not tok or ":" not in tok:
        return None
    lang, noun = tok[1:].split(":", 1)
    return lang, noun


def different_nouns(c: Figure, e: Figure) -> bool:
    """Whether two counts count different things: two concepts that differ, or, in one language, two
    different nouns ("cases" vs "recoveries", "cases" vs the concept of deaths). Words of different
    languages cannot be told apart without a dictionary, so they are not taken to differ."""
    kc, ke = noun_key(c), noun_key(e)
    if not kc or not ke or kc[1] == ke[1]:
        return False
    if kc[1].startswith("@") and ke[1].startswith("@"):
        return not (GENERIC_NOUN in (kc[1], ke[1]) and {kc[1], ke[1]} & PERSON_NOUNS)
    if GENERIC_NOUN in (kc[1], ke[1]):  # "2,000 people" may be "2,000 participants"
        return False
    return kc[0] == ke[0]


def subject(f: Figure) -> str | None:
    """The ISO code of the country a rank is of, when its text names one just before it ("^RU" in its context)."""
    return next((t[1:] for t in f.context.split() if t.startswith("^")), None)


def different_subjects(c: Figure, e: Figure) -> bool:
    """Two ranks of different countries ("the United States ranks first" vs "Nga xếp thứ 31") do not compare."""
    sc, se = subject(c), subject(e)
    return sc is not None and se is not None and sc != se


def _yearless(c: Figure, e: Figure) -> tuple[str, str] | None:
    """Compare day and month when either date has no year, or only one inferred from its document."""
    if not (c.kind == e.kind == "date"):
        return None
    c_open, e_open = _year_open(c), _year_open(e)
    bc, be = _BOUND.match(c.normalized), _BOUND.match(e.normalized)
    mc = _MD.match(c.normalized[bc.end():] if bc else c.normalized)
    me = _MD.match(e.normalized[be.end():] if be else e.normalized)
    if not (c_open or e_open) or not (mc and me):
        return None
    if bc or be:
        return _md_bounds(bc.group(1) if bc else "", _md(mc), be.group(1) if be else "", _md(me))
    if mc.groups() != me.groups():
        return "conflict", " (different day or month)"
    if c.value is not None and e.value is not None and c.value != e.value:
        return "not_comparable", " (same day and month; the year differs but one of them is inferred)"
    return "agree", " (same day and month; year not stated)" if c.value is None or e.value is None else ""


def _md(m: re.Match[str]) -> tuple[int, int]:
    return int(m.group(1)), int(m.group(2))


def _md_bounds(bc: str, mc: tuple[int, int], be: str, me: tuple[int, int]) -> tuple[str, str]:
    """Day and month under a bound ("before April 13" vs "April 12"), the year taken to be the same."""
    if bc and be:
        return ("agree", " (the same bound)") if (bc, mc) == (be, me) else ("not_comparable", " (both are bounds)")
    if bc:
        ok = _BOUND_TEST[bc](me, mc)
        return ("agree", " (same year assumed)") if ok else ("conflict", " (outside the bound; year not stated)")
    if not _BOUND_TEST[be](mc, me):
        return "conflict", " (outside the bound; year not stated)"
    return "not_comparable", " (the source gives only a bound)"


def _year_open(f: Figure) -> bool:
    return (f.value is None and f.low is None) or f.normalized.endswith("(year from document)")
