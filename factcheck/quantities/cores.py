"""Bare numbers in text, before units and hedges: digits, and number words in the four languages."""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.quantities.lexicon import TextInfo
from factcheck.quantities.numbers import digits_regex, parse_digits
from factcheck.quantities.words import (EN_CARD, ZH_NUM_RE, en_words_re, parse_en, parse_ru, parse_vi, parse_zh,
                                        ru_card_re, vi_words_re)


@dataclass
class Core:
    """A number: its span, value, and how it was written."""

    start: int
    end: int
    value: float
    guessed: bool = False
    words: bool = False  # written in words: only a figure when a unit or scale follows
    plain_int: bool = False  # digits only, no separators (a candidate year)


_EN_WORDS = frozenset(EN_CARD)
_VI_WORDS = frozenset({"một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "bẩy", "tám", "chín", "mười"})


def find_cores(text: str, lang: str, doc_decimal: str | None, info: TextInfo | None = None) -> list[Core]:
    """Every number in the text, left to right, without overlaps."""
    info = info or TextInfo(text)
    cores: list[Core] = []
    for m in digits_regex(lang).finditer(text):
        p = parse_digits(m.group(0), lang, doc_decimal)
        if p:
            cores.append(Core(m.start(), m.end(), p.value, p.guessed, plain_int=m.group(0).isdigit()))
    if info.has_any(_EN_WORDS | {"a"}):
        cores += _en_words(text)
    if info.has_any(_VI_WORDS):
        cores += _simple(text, vi_words_re(), parse_vi)
    if info.cyrillic:
        cores += _simple(text, ru_card_re(), lambda s: _cardinal(parse_ru(s)))
    if info.cjk:
        cores += _simple(text, ZH_NUM_RE, _zh_value)
    cores.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[Core] = []
    for c in cores:
        if not out or c.start >= out[-1].end:
            out.append(c)
    return out


def _cardinal(r: tuple[float, bool] | None) -> float | None:
    return r[0] if r and not r[1] else None


def _zh_value(s: str) -> float | None:
    # A lone 一/十/万 is part of ordinary words far more often than a number.
    if len(s) == 1 and s in "一万亿千百十":
        return None if s != "十" else 10.0
    v = parse_zh(s)
    return None if v == 0 and not set(s) & set("零〇") else v


def _en_words(text: str) -> list[Core]:
    out = []
    for m in en_words_re().finditer(text):
        words = list(re.finditer(r"[A-Za-z]+", m.group(0)))
        for n in range(len(words), 0, -1):  # the longest well-formed prefix: "one and two" -> "one"
            end = m.start() + words[n - 1].end()
            r = parse_en(text[m.start(): end])
            if r and not r[1]:
                a = _A_BEFORE.search(text, max(0, m.start() - 3), m.start())
                start = a.start() if a and words[0].group(0).lower() in ("hundred", "dozen") else m.start()
                out.append(Core(start, end, r[0], words=True))
                break
    for m in _A_SCALE.finditer(text):  # "a thousand", "a million": one of a scale
        out.append(Core(m.start(), m.start() + 1, 1.0, words=True))
    return out


_A_BEFORE = re.compile(r"(?<![A-Za-z])an?\s+$", re.IGNORECASE)
_A_SCALE = re.compile(r"(?<![A-Za-z])a(?=\s+(?:thousand|million|billion|trillion)\b)", re.IGNORECASE)


def _simple(text: str, rx: re.Pattern[str], parse) -> list[Core]:  # type: ignore[no-untyped-def]
    out = []
    for m in rx.finditer(text):
        v = parse(m.group(0))
        if v is not None:
            out.append(Core(m.start(), m.end(), float(v), words=True))
    return out
