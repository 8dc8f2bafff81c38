"""Bounds and hedges (rules): "more than", "hơn", "более", "超过", "about", "khoảng", "около", "约"...

A hedge turns a stated number into an interval: more than X -> [X, open), about X -> [0.9X, 1.1X].
"""

from __future__ import annotations

import re
from functools import lru_cache

from factcheck.quantities.lexicon import NOT_LETTER_BEFORE, alternation, build_table, lookup

APPROX_SPREAD = 0.10  # "about X" is read as X +- 10%

_PRE = {
    "gt": ["more than", "over", "above", "exceeding", "in excess of", "upwards of", "upward of", "greater than",
           "exceed{,s,ed}", "surpass{,es,ed,ing}", "just over", "well over", "well above", ">",
           "higher than", "larger than", "bigger than",
           "hơn", "trên", "vượt", "vượt quá", "vượt mức", "vượt ngưỡng", "nhiều hơn", "cao hơn", "lớn hơn",
           "более", "более чем", "больше", "больше чем", "свыше", "выше", "сверх", "превыс{ит,ил,ила,ило,или,ить,ят}",
           "превыша{ет,ют,ть,ющий,ющая,ющее}",
           "超过", "超出", "逾", "多于", "高于", "大于"],
    "ge": ["at least", "no less than", "not less than", "no fewer than", "a minimum of", "minimum of", "≥", ">=",
           "ít nhất", "tối thiểu", "không dưới", "không ít hơn", "ít ra",
           "не менее", "не меньше", "по меньшей мере", "как минимум", "минимум",
           "至少", "不少于", "不低于"],
    "lt": ["less than", "fewer than", "under", "below", "just under", "lower than", "smaller than", "<",
           "dưới", "chưa đến", "chưa tới", "chưa đầy", "ít hơn", "thấp hơn", "nhỏ hơn", "không đầy",
           "менее", "меньше", "меньше чем", "менее чем", "ниже",
           "不到", "不足", "少于", "低于", "小于"],
    "le": ["at most", "no more than", "not more than", "up to", "as much as", "as many as", "a maximum of",
           "maximum of", "≤", "<=",
           "không quá", "không vượt quá", "tối đa", "lên tới", "lên đến", "nhiều nhất",
           "не более", "не больше", "максимум", "до",
           "不超过", "最多", "至多", "多达", "高达"],
    "approx": ["about", "around", "approximately", "approx.", "roughly", "some", "an estimated", "estimated",
               "circa", "c.", "~", "≈", "∼",
               "khoảng", "chừng", "khoảng chừng", "xấp xỉ", "ước tính", "ước", "cỡ", "tầm",
               "около", "примерно", "приблизительно", "порядка", "ориентировочно",
               "约", "大约", "约为", "大概", "接近", "差不多"],
    "near": ["nearly", "almost", "close to", "gần", "gần như", "почти", "近", "将近", "近乎"],
}
_PRE_TABLE = build_table(_PRE)
_PRE_SOURCE = rf"{NOT_LETTER_BEFORE}({alternation(_PRE_TABLE)})\s*$"

_POST = {
    "ge": ["or more", "and more", "and above", "or above", "trở lên", "以上"],
    "le": ["or less", "or fewer", "and below", "trở xuống", "以下"],
    "gt": ["+", "-plus", "có lẻ", "с лишним", "с небольшим", "多", "余", "有余"],
    "approx": ["or so", "左右", "上下", "来"],
}
_POST_TABLE = build_table(_POST)
_POST_SOURCE = rf"\s*({alternation(_POST_TABLE)})"


@lru_cache(maxsize=2)
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source, re.IGNORECASE)

SYMBOL = {"gt": "> ", "ge": "≥ ", "lt": "< ", "le": "≤ ", "approx": "≈ ", "near": "≈ "}


def pre_hedge(text: str, start: int) -> tuple[str, int] | None:
    """The hedge that ends right before `start` (spaces allowed): (bound, hedge start) or None."""
    window = text[max(0, start - 40): start]
    m = _compiled(_PRE_SOURCE).search(window)
    if not m:
        return None
    bound = lookup(_PRE_TABLE, m.group(1))
    return (str(bound), start - len(window) + m.start(1)) if bound else None


def post_hedge(text: str, end: int) -> tuple[str, int] | None:
    """The hedge that starts right at `end` (spaces allowed): (bound, hedge end) or None."""
    m = _compiled(_POST_SOURCE).match(text, end)
    if not m:
        return None
    word = m.group(1)
    if word in ("+", "-plus") and m.start(1) != end:  # "5 + 3" is arithmetic, "5,000+" a bound
        return None
    bound = lookup(_POST_TABLE, word)
    return (str(bound), m.end(1)) if bound else None


def apply(bound: str | None, value: float) -> tuple[float | None, float | None, bool]:
    """(low, high, approximate) of a value under a bound."""
    if bound in ("gt", "ge"):
        return value, None, False
    if bound in ("lt", "le"):
        return None, value, False
    if bound == "approx":
        return _round(value * (1 - APPROX_SPREAD)), _round(value * (1 + APPROX_SPREAD)), True
    if bound == "near":
        return _round(value * (1 - APPROX_SPREAD)), value, True
    return value, value, False


def _round(v: float) -> float:
    return float(f"{v:.12g}")  # 200 * 1.1 -> 220.0, not 220.00000000000003
