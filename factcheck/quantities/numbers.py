"""Digits with local separators: "2.500", "2 500", "1,5", "1.234,5" -> value, and whether it guessed.

Library: Babel's CLDR data gives each language's decimal and group symbols (imported lazily, cached).
Rules: a single separator followed by exactly three digits is ambiguous ("1.000"); it is settled by
the separators the document itself uses unambiguously, then by "x.000" (trailing zeros are grouping),
and last by the language's CLDR convention, in which case the reading is marked as guessed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from factcheck.quantities.lexicon import LETTER

_GROUP_CHARS = ".,\u00a0\u202f\u2009'"
_SPACE_GROUPS = {"vi", "ru"}  # languages that also group thousands with a plain space ("2 500")
_FALLBACK_DECIMAL = {"vi": ",", "ru": ",", "en": ".", "zh": "."}  # when Babel is missing


def _digits_re(space_groups: bool) -> re.Pattern[str]:
    groups = _GROUP_CHARS + (" " if space_groups else "")
    return re.compile(
        rf"(?<![{LETTER}\d.,])(?<![{LETTER}]-)"
        rf"(?:\d{{1,3}}(?P<g>[{re.escape(groups)}])\d{{3}}(?:(?P=g)\d{{3}})*(?:[.,]\d+)?"
        r"|\d+(?:[.,]\d+)?)"
        r"(?![.,]?\d)"
    )


DIGITS_RE = {True: _digits_re(True), False: _digits_re(False)}


def digits_regex(lang: str) -> re.Pattern[str]:
    """The digit-number regex for a language (with plain-space grouping in vi/ru)."""
    return DIGITS_RE[lang in _SPACE_GROUPS]


@lru_cache(maxsize=16)
def decimal_symbol(lang: str) -> str:
    """The language's decimal symbol from Babel's CLDR data ("," for vi/ru, "." for en/zh)."""
    try:
        from babel.numbers import get_decimal_symbol  # lazy: Babel is only needed here

        return get_decimal_symbol(locale=lang)
    except Exception:  # no Babel, or a locale it does not know
        return _FALLBACK_DECIMAL.get(lang, ".")


def document_decimal(text: str) -> str | None:
    """The decimal symbol the text itself uses unambiguously (e.g. "1,5" or "1.234,5"), if any."""
    votes = {".": 0, ",": 0}
    for m in re.finditer(r"(?<![\d.,])\d+(?:([.,])\d+)+(?![\d.,]?\d)", text):
        s = m.group(0)
        seps = [c for c in s if c in ".,"]
        if len(set(seps)) == 2:
            votes[seps[-1]] += 1
        elif len(seps) == 1 and len(s) - s.index(seps[0]) - 1 != 3:
            votes[seps[0]] += 1
        elif len(seps) > 1:  # "1.000.000": the repeated symbol groups, the other one is decimal
            votes["," if seps[0] == "." else "."] += 1
    if votes["."] == votes[","]:
        return None
    return "." if votes["."] > votes[","] else ","


@dataclass(frozen=True)
class Parsed:
    """A number read from digits."""

    value: float
    guessed: bool = False


def parse_digits(s: str, lang: str, doc_decimal: str | None = None) -> Parsed | None:
    """Read digits with separators; `doc_decimal` is the document's own decimal symbol if known."""
    seps = [c for c in s if not c.isdigit()]
    if not seps:
        return Parsed(float(s))
    kinds = list(dict.fromkeys(seps))
    if len(kinds) >= 2:  # "1.234,5" / "1,234.5": the last symbol is the decimal one
        return _as(s, decimal=seps[-1])
    sep = kinds[0]
    if sep not in ".,":
        return _as(s, decimal=None)
    if len(seps) > 1:
        return _as(s, decimal=None)
    before, after = s.split(sep)
    if len(after) != 3 or before == "0":
        return _as(s, decimal=sep)
    if after == "000":  # nobody writes "2.000" for two: trailing zeros are grouping
        return _as(s, decimal=None)
    if doc_decimal:
        return _as(s, decimal=doc_decimal if doc_decimal == sep else None)
    p = _as(s, decimal=sep if decimal_symbol(lang) == sep else None)
    return Parsed(p.value, guessed=True) if p else None


def _as(s: str, decimal: str | None) -> Parsed | None:
    if decimal:
        head, _, tail = s.rpartition(decimal)
    else:
        head, tail = s, ""
    head = re.sub(r"\D", "", head)
    try:
        v = float(f"{head or '0'}.{tail or '0'}")
    except ValueError:
        return None
    return Parsed(v) if math.isfinite(v) else None
