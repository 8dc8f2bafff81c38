"""Bounds on dates, years and positions (rules): "before 535", "after August 2018", "until March 19",
"since 2009", "trước năm 1960", "после 2018 года", "не позднее 2020 года", "2020年之前", "below the 7th".
Deadlines ("by 2035", "к 2030 году", and "до 2030 года", which may also mean "before") stay points.

A time word turns a date or year into a half-open interval: "before 535" is any year up to 534,
"after August 2018" any day from 1 September 2018, "until March 19" any day up to and including it.
A day and month without a year keeps its bound in its reading ("< --04-13") and is compared by day
and month. A position with a comparator ("below the 7th", "higher than third") is not compared at
all: whether "below" means a larger or a smaller number depends on the ranking. A share with one
("less than 59 out of 116") bounds its count.
"""

from __future__ import annotations

import re
from functools import lru_cache

from factcheck.quantities.hedges import _PRE as NUMBER_HEDGES
from factcheck.quantities.hedges import SYMBOL
from factcheck.quantities.hit import Hit
from factcheck.quantities.lexicon import NOT_LETTER_BEFORE, alternation, build_table, lookup

# Words before a date or year. "lt": strictly before the period; "le": up to its end;
# "gt": strictly after it; "ge": from its start on.
_TIME_PRE = {
    "lt": ["before", "prior to", "earlier than", "trước", "trước năm", "раньше", "ранее", "早于", "先于"],
    # "by 2035", "к 2030 году", "đến năm 2030" name a target year: read as that year, not as a bound.
    "le": ["until", "till", "up until", "no later than", "not later than", "cho đến", "cho tới", "chậm nhất",
           "muộn nhất", "не позднее", "не позже", "вплоть до", "不晚于", "最迟"],
    "gt": ["after", "later than", "sau", "sau năm", "после", "позже", "позднее", "晚于"],
    "ge": ["since", "no earlier than", "not earlier than", "kể từ", "từ", "bắt đầu từ", "с", "со", "начиная с",
           "не ранее", "не раньше", "自", "自从", "不早于"],
}
# Words after a date or year: "2020 or later", "năm 2020 trở đi", "2020年之前", "2009年以来".
_TIME_POST = {
    "lt": ["之前", "以前", "前"],
    "le": ["or earlier", "and earlier", "or before", "and before", "trở về trước", "и ранее", "и раньше", "为止"],
    "gt": ["之后", "以后", "后"],
    "ge": ["or later", "and later", "onwards", "onward", "and after", "trở đi", "trở về sau", "и позже",
           "и позднее", "以来", "起"],
}
# Before a position: the number hedges ("below", "higher than", "hơn", "выше") and these.
_POSITION_PRE = {"gt": ["after", "behind", "worse than", "sau"], "lt": ["before", "ahead of", "better than", "trước"]}
_ZH_NUMERAL_AFTER = r"(?![\d零〇一二两三四五六七八九十百千万亿个名位])"  # "2020年前三季度" is no bound


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, object], re.Pattern[str], dict[str, object], re.Pattern[str],
                       dict[str, object], re.Pattern[str]]:
    time_pre = build_table(_TIME_PRE)
    time_post = build_table(_TIME_POST)
    pos = {k: list(v) for k, v in NUMBER_HEDGES.items() if k in ("gt", "ge", "lt", "le")}
    for k, v in _POSITION_PRE.items():
        pos[k] = pos[k] + v
    pos_pre = build_table(pos)
    pre_rx = re.compile(rf"{NOT_LETTER_BEFORE}({alternation(time_pre)})\s*(?:the\s+)?$", re.IGNORECASE)
    post_rx = re.compile(rf"\s*({alternation(time_post)}){_ZH_NUMERAL_AFTER}", re.IGNORECASE)
    pos_rx = re.compile(rf"{NOT_LETTER_BEFORE}({alternation(pos_pre)})\s*(?:the\s+)?$", re.IGNORECASE)
    return time_pre, pre_rx, time_post, post_rx, pos_pre, pos_rx


def apply_bounds(text: str, hits: list[Hit]) -> None:
    """Read time words around dates and years, and comparators before positions (hits sorted by start)."""
    time_pre, pre_rx, time_post, post_rx, _, pos_rx = _tables()
    for i, h in enumerate(hits):
        prev_end = hits[i - 1].end if i else 0
        next_start = hits[i + 1].start if i + 1 < len(hits) else len(text)
        if h.kind in ("year", "date") and not h.notes.get("bound"):
            window = text[max(prev_end, h.start - 30): h.start]
            if m := pre_rx.search(window):
                bound = str(lookup(time_pre, m.group(1)))
                _bound_time(h, bound, start=h.start - len(window) + m.start(1))
            elif (m := post_rx.match(text, h.end)) and m.end(1) <= next_start:
                _bound_time(h, str(lookup(time_post, m.group(1))), end=m.end(1))
        elif h.kind in ("rank", "ordinal") and h.value is not None:
            window = text[max(prev_end, h.start - 30): h.start]
            if m := pos_rx.search(window):
                bound = str(lookup(_tables()[4], m.group(1)))
                h.notes["position_bound"] = bound
                h.start = h.start - len(window) + m.start(1)
                if h.kind == "rank" and h.notes.get("ordinal_form") is False:  # "less than 59 out of 116": a count
                    h.low, h.high = {"lt": (None, h.value), "le": (None, h.value), "gt": (h.value, None),
                                     "ge": (h.value, None)}[bound]
                else:
                    h.low = h.high = None


def _bound_time(h: Hit, bound: str, *, start: int | None = None, end: int | None = None) -> None:
    if h.low is not None and h.high is not None:  # a year, month, day, run of days or decade
        lo, hi = h.low, h.high
        h.low, h.high = {"lt": (None, lo - 1), "le": (None, hi), "gt": (hi + 1, None), "ge": (lo, None)}[bound]
    elif h.kind != "date" or not h.notes.get("md"):
        return  # no reading to bound
    h.notes["bound"] = bound
    h.normalized = f"{SYMBOL[bound]}{h.normalized}"
    h.start = start if start is not None else h.start
    h.end = end if end is not None else h.end


def position_symbol(h: Hit) -> str:
    """The comparator symbol of a bounded position ("< " for "below the 7th"), or ""."""
    b = h.notes.get("position_bound")
    return SYMBOL.get(str(b), "") if b else ""

