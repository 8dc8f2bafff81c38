"""Number words (rules): small cardinals and ordinals in English, Vietnamese, Russian; Chinese numerals."""

from __future__ import annotations

import re
from functools import lru_cache

from factcheck.quantities.lexicon import NOT_LETTER_AFTER, NOT_LETTER_BEFORE, alternation, build_table, key

_EN_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
             "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
             "nineteen"]
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
            "eighty": 80, "ninety": 90}
_EN_ORD_UNITS = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                 "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
                 "sixteenth", "seventeenth", "eighteenth", "nineteenth"]
EN_CARD = {w: i for i, w in enumerate(_EN_UNITS)} | _EN_TENS | {"hundred": 100, "dozen": 12}
EN_ORD = {w: i for i, w in enumerate(_EN_ORD_UNITS)} | {
    w[:-1] + "ieth": v for w, v in _EN_TENS.items()} | {"hundredth": 100}
@lru_cache(maxsize=1)
def en_words_re() -> re.Pattern[str]:
    """English number phrases ("forty-two", "one hundred and five"), compiled on first use."""
    word = alternation(list(EN_CARD) + list(EN_ORD))
    return re.compile(
        rf"{NOT_LETTER_BEFORE}{word}(?:(?:\s+|-){word}|(?<=hundred)\s+and\s+{word})*{NOT_LETTER_AFTER}",
        re.IGNORECASE)


def parse_en(text: str) -> tuple[float, bool] | None:
    """"forty-two" -> (42, False); "twenty-first" -> (21, True); None if not a well-formed number."""
    words = [w for w in re.split(r"[\s-]+", key(text)) if w != "and"]
    total, prev, ordinal = 0, None, False
    for w in words:
        v = EN_ORD.get(w, EN_CARD.get(w))
        if v is None or ordinal or not _en_may_follow(prev, v):
            return None
        ordinal = w in EN_ORD
        total = max(total, 1) * v if v in (100, 12) and w in ("hundred", "dozen", "hundredth") else total + v
        prev = v
    return (float(total), ordinal) if words else None


def _en_may_follow(prev: int | None, v: int) -> bool:
    if prev is None:
        return True
    if v == 100:
        return 0 < prev < 20
    if prev >= 100:
        return v < 100
    return prev in _EN_TENS.values() and 0 < v < 10


_VI_DIGITS = {"không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
              "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9, "mười": 10, "mươi": 10, "trăm": 100,
              "linh": 0, "lẻ": 0, "nhất": 1, "nhì": 2}
_VI_STARTS = ["một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "bẩy", "tám", "chín", "mười"]


@lru_cache(maxsize=1)
def vi_words_re() -> re.Pattern[str]:
    """Vietnamese number phrases ("hai mươi mốt"); not after "thứ": "thứ hai" is Monday or "second"."""
    return re.compile(rf"{NOT_LETTER_BEFORE}(?<!thứ )(?:{alternation(_VI_STARTS)})"
                      rf"(?:\s+(?:{alternation(_VI_DIGITS)}))*{NOT_LETTER_AFTER}", re.IGNORECASE)


VI_ORD_WORD_RE = alternation(["nhất", "nhì", "hai", "ba", "tư", "bốn", "năm", "sáu", "bảy", "tám", "chín",
                              "mười"]) + rf"(?:\s+(?:{alternation(_VI_DIGITS)}))*"


def parse_vi(text: str) -> float | None:
    """"hai mươi mốt" -> 21, "ba" -> 3, "một trăm linh năm" -> 105, "mười lăm" -> 15."""
    words = key(text).split()
    if not words or any(w not in _VI_DIGITS for w in words):
        return None
    total, current = 0, 0
    for w in words:
        v = _VI_DIGITS[w]
        if w == "trăm":
            total += max(current, 1) * 100
            current = 0
        elif w == "mươi":
            current = max(current, 1) * 10
        elif w == "mười":
            current += 10
        else:
            current += v
    return float(total + current)


_RU_CARD = build_table({
    0: ["ноль", "нуля"], 1: ["один", "одна", "одно", "одного", "одной", "одному", "одним"],
    2: ["два", "две", "двух", "двум", "двумя"], 3: ["три", "трех", "трем", "тремя"],
    4: ["четыре", "четырех", "четырем", "четырьмя"], 5: ["пять", "пяти", "пятью"], 6: ["шесть", "шести"],
    7: ["семь", "семи"], 8: ["восемь", "восьми"], 9: ["девять", "девяти"], 10: ["десять", "десяти"],
    11: ["одиннадцат{ь,и}"], 12: ["двенадцат{ь,и}"], 13: ["тринадцат{ь,и}"], 14: ["четырнадцат{ь,и}"],
    15: ["пятнадцат{ь,и}"], 16: ["шестнадцат{ь,и}"], 17: ["семнадцат{ь,и}"], 18: ["восемнадцат{ь,и}"],
    19: ["девятнадцат{ь,и}"], 20: ["двадцат{ь,и}"], 30: ["тридцат{ь,и}"], 40: ["сорок", "сорока"],
    50: ["пятьдесят", "пятидесяти"], 60: ["шестьдесят", "шестидесяти"], 70: ["семьдесят", "семидесяти"],
    80: ["восемьдесят", "восьмидесяти"], 90: ["девяносто", "девяноста"], 100: ["сто", "ста"],
    200: ["двести", "двухсот"], 300: ["триста", "трехсот"], 500: ["пятьсот", "пятисот"]})
_ADJ = "ый,ой,ий,ая,ое,ые,ого,ому,ым,ом,ую,ых,ыми,ой"
_RU_ORD = build_table({
    1: [f"перв{{{_ADJ}}}"], 2: [f"втор{{{_ADJ}}}"],
    3: ["трет{ий,ья,ье,ьи,ьего,ьему,ьим,ьем,ью,ьих,ьей,ьими}"], 4: [f"четверт{{{_ADJ}}}"],
    5: [f"пят{{{_ADJ}}}"], 6: [f"шест{{{_ADJ}}}"], 7: [f"седьм{{{_ADJ}}}"], 8: [f"восьм{{{_ADJ}}}"],
    9: [f"девят{{{_ADJ}}}"], 10: [f"десят{{{_ADJ}}}"], 11: [f"одиннадцат{{{_ADJ}}}"],
    12: [f"двенадцат{{{_ADJ}}}"], 13: [f"тринадцат{{{_ADJ}}}"], 14: [f"четырнадцат{{{_ADJ}}}"],
    15: [f"пятнадцат{{{_ADJ}}}"], 16: [f"шестнадцат{{{_ADJ}}}"], 17: [f"семнадцат{{{_ADJ}}}"],
    18: [f"восемнадцат{{{_ADJ}}}"], 19: [f"девятнадцат{{{_ADJ}}}"], 20: [f"двадцат{{{_ADJ}}}"],
    30: [f"тридцат{{{_ADJ}}}"], 40: [f"сороков{{{_ADJ}}}"], 50: [f"пятидесят{{{_ADJ}}}"],
    60: [f"шестидесят{{{_ADJ}}}"], 70: [f"семидесят{{{_ADJ}}}"], 80: [f"восьмидесят{{{_ADJ}}}"],
    90: [f"девяност{{{_ADJ}}}"], 100: [f"сот{{{_ADJ}}}"]})
_RU_TENS_CARD = [f for f, v in _RU_CARD.items() if v in (20, 30, 40, 50, 60, 70, 80, 90)]
_RU_ORD_STEMS = ["перв", "втор", "четверт", "пят", "шест", "седьм", "восьм", "девят", "десят", "одиннадцат",
                 "двенадцат", "тринадцат", "четырнадцат", "пятнадцат", "шестнадцат", "семнадцат", "восемнадцат",
                 "девятнадцат", "двадцат", "тридцат", "сороков", "пятидесят", "шестидесят", "семидесят",
                 "восьмидесят", "девяност", "сот"]
_RU_THIRD = "трет(?:ий|ья|ье|ьи|ьего|ьему|ьим|ьем|ью|ьих|ьей|ьими)"


@lru_cache(maxsize=1)
def ru_ord_pattern() -> str:
    """The regex source of a Russian ordinal ("пятый", "двадцать первое"): stems + endings."""
    stems = "|".join(sorted((x.replace("е", "[её]") for x in _RU_ORD_STEMS), key=len, reverse=True))
    endings = "|".join(sorted(_ADJ.split(","), key=len, reverse=True))
    return (rf"{NOT_LETTER_BEFORE}(?:(?:{alternation(_RU_TENS_CARD)})\s+)?"
            rf"(?:(?:{stems})(?:{endings})|{_RU_THIRD}){NOT_LETTER_AFTER}")


@lru_cache(maxsize=1)
def ru_card_re() -> re.Pattern[str]:
    """Russian cardinal phrases ("двадцать пять", "трёх"), compiled on first use."""
    card = alternation(_RU_CARD)
    return re.compile(rf"{NOT_LETTER_BEFORE}{card}(?:\s+{card})*", re.IGNORECASE)


def parse_ru(text: str) -> tuple[float, bool] | None:
    """"двадцать первый" -> (21, True); "три" -> (3, False)."""
    total, ordinal = 0, False
    for w in key(text).split():
        if w in _RU_ORD:
            total, ordinal = total + int(_RU_ORD[w]), True  # type: ignore[call-overload]
        elif w in _RU_CARD and not ordinal:
            total += int(_RU_CARD[w])  # type: ignore[call-overload]
        else:
            return None
    return float(total), ordinal


_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_ZH_SMALL = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 10**4, "亿": 10**8}
ZH_NUM_CLASS = "零〇一二两三四五六七八九十百千万亿"
ZH_NUM_RE = re.compile(f"[{ZH_NUM_CLASS}]+")


def parse_zh(text: str) -> float | None:
    """"二十一" -> 21, "一百零五" -> 105, "两千" -> 2000, "一万亿" -> 10^12, "二〇二三" -> 2023."""
    if not text or any(c not in ZH_NUM_CLASS for c in text):
        return None
    if len(text) > 1 and all(c in _ZH_DIGITS for c in text):  # digit by digit, as in years
        return float("".join(str(_ZH_DIGITS[c]) for c in text))
    total, section, digit = 0, 0, None
    for c in text:
        if c in _ZH_DIGITS:
            digit = _ZH_DIGITS[c]
        elif c in _ZH_SMALL:
            section += (1 if digit is None else digit) * _ZH_SMALL[c]
            digit = None
        else:
            section += digit or 0
            total = (total + section) * _ZH_BIG[c] if c == "亿" or total == 0 else total + section * _ZH_BIG[c]
            section, digit = 0, None
    return float(total + section + (digit or 0))
