"""Split a compound sentence into atomic parts, each a list of source spans that reads as one claim."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from factcheck.extract.entities import capitalised_run
from factcheck.schema import Span
from factcheck.sentences import protected_ranges

NOT_ONLY = {
    "vi": ("không chỉ|không những|chẳng những", "mà còn|mà cả|nhưng còn"),
    "en": ("not only|not just|not merely", "but also|but even|but"),
    "ru": ("не только", "но и|но также|а также"),
    "zh": ("不仅|不只|不但|不光", "而且|并且|还|也"),
}
MEMBERS = {
    "vi": "bao gồm|gồm có|gồm|thành viên là|thành viên gồm",
    "en": "includes|include|including|consists of|consist of|comprises|comprise|is made up of|are made up of"
    "|members are",
    "ru": "включает в себя|включает|входят|состоит из|в том числе|в составе",
    "zh": "包括|成员有|成员包括",
}
LAST_ITEM = {"vi": " và ", "en": " and ", "ru": " и ", "zh": "和"}
CLAUSE_JOINS = {
    "vi": ", còn |, trong khi |, và |; ",
    "en": ", while |, whereas |, and |; ",
    "ru": ", а |, тогда как |, и |; ",
    "zh": "，而|；|，同时",
}
BETWEEN = {"vi": "giữa|từ", "en": "between|from", "ru": "между|от|с", "zh": "在|从|介于"}
_FIGURE = re.compile(r"\d")
_ZH_ITEM = re.compile(r"[\u4e00-\u9fff\w]{1,8}?(?=、|和|及|以及|与|[，。；]|$)")
_REST = re.compile(r"[,，]\s*(?:(?:và|and|и|а)\s+)?(?=[^\W\d_])", re.IGNORECASE)
_LEADING_FIGURE = re.compile(r"(?:(?:hơn|khoảng|gần|more than|about|nearly|over|около|более|почти|超过|约)\s*)?\d")


@dataclass(frozen=True)
class Part:
    """One atomic claim as source pieces, and the rule that produced it ("" for a whole sentence)."""

    pieces: tuple[Span, ...]
    rule: str = ""


def _pat(words: str, lang: str) -> re.Pattern[str]:
    return _compile(words, lang == "zh")


@lru_cache(maxsize=None)
def _compile(words: str, zh: bool) -> re.Pattern[str]:
    return re.compile(f"(?:{words})" if zh else rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)


def _piece(text: str, start: int, end: int) -> Span | None:
    """A span trimmed of spaces and of dangling commas/colons at either end."""
    junk = " \t,;:，；：、"
    while start < end and text[start] in junk:
        start += 1
    while end > start and text[end - 1] in junk:
        end -= 1
    return Span(start=start, end=end) if end > start else None


def _part(text: str, bounds: list[tuple[int, int]], rule: str) -> Part | None:
    pieces = [p for p in (_piece(text, a, b) for a, b in bounds) if p is not None]
    return Part(tuple(pieces), rule) if pieces else None


def _free(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return not any(o <= pos <= c for o, c in ranges)


def split_not_only(text: str, s: Span, lang: str, ranges: list[tuple[int, int]]) -> list[Part]:
    """"P not only X but also Y" -> "P X", "P Y"."""
    first, second = NOT_ONLY.get(lang, NOT_ONLY["en"])
    m1 = next((m for m in _pat(first, lang).finditer(text, s.start, s.end) if _free(m.start(), ranges)), None)
    if m1 is None:
        return []
    m2 = next((m for m in _pat(second, lang).finditer(text, m1.end(), s.end) if _free(m.start(), ranges)), None)
    if m2 is None:
        return []
    parts = [_part(text, [(s.start, m1.start()), (m1.end(), m2.start())], "not only ... but also"),
             _part(text, [(s.start, m1.start()), (m2.end(), s.end)], "not only ... but also")]
    return [p for p in parts if p is not None] if all(parts) else []


def _list_items(text: str, pos: int, end: int, lang: str) -> tuple[list[tuple[int, int]], int]:
    """Items of a list of names starting at `pos`, and the offset where the list stops."""
    items: list[tuple[int, int]] = []
    last_sep = LAST_ITEM.get(lang, LAST_ITEM["en"])
    while pos < end:
        if lang == "zh":
            m = _ZH_ITEM.match(text, pos, end)
            stop = m.end() if m else pos
        else:
            stop = capitalised_run(text, pos, end)
        if stop == pos:
            break
        items.append((pos, stop))
        if text.startswith(last_sep, stop) or text.startswith("," + last_sep, stop):
            pos = stop + len(last_sep) + (text[stop] == ",")
            if lang != "zh":
                final = capitalised_run(text, pos, end)
                if final > pos:
                    items.append((pos, final))
                    stop = final
            else:
                continue
            return items, stop
        sep = "、" if lang == "zh" else ", "
        if not text.startswith(sep, stop):
            return items, stop
        pos = stop + len(sep)
    return items, items[-1][1] if items else pos


def split_members(text: str, s: Span, lang: str, ranges: list[tuple[int, int]]) -> list[Part]:
    """"S includes A, B and C, REST" -> "S includes A", "... B", "... C", and "S REST"."""
    for cue in _pat(MEMBERS.get(lang, MEMBERS["en"]), lang).finditer(text, s.start, s.end):
        if not _free(cue.start(), ranges):
            continue
        pos = cue.end()
        while pos < s.end and text[pos] in " :：":
            pos += 1
        items, stop = _list_items(text, pos, s.end, lang)
        if len(items) < 2:
            continue
        parts = [_part(text, [(s.start, cue.end()), item], "list of members") for item in items]
        rest = _REST.match(text, stop, s.end)
        if rest and not text[rest.end()].isupper() and len(text[rest.end() : s.end].split()) >= 3:
            parts.append(_part(text, [(s.start, cue.start()), (rest.end(), s.end)], "list of members"))
        return [p for p in parts if p is not None]
    return []


def _words(text: str, a: int, b: int, lang: str) -> int:
    return (b - a) // 2 if lang == "zh" else len(text[a:b].split())


def split_figures(text: str, s: Span, lang: str, ranges: list[tuple[int, int]]) -> list[Part]:
    """Two figures for two things: split clauses joined by a coordinator when both sides carry a figure."""
    joins = _compile(CLAUSE_JOINS.get(lang, CLAUSE_JOINS["en"]), True)
    for m in joins.finditer(text, s.start, s.end):
        left, right = (s.start, m.start()), (m.end(), s.end)
        if (_free(m.start(), ranges) and _FIGURE.search(text, *left) and _FIGURE.search(text, *right)
                and min(_words(text, *left, lang), _words(text, *right, lang)) >= 3):
            return [p for p in (_part(text, [left], "two figures"), _part(text, [right], "two figures")) if p]
    return _split_elliptic(text, s, lang, ranges)


def _split_elliptic(text: str, s: Span, lang: str, ranges: list[tuple[int, int]]) -> list[Part]:
    """"X rose 5% in 2023 and 7% in 2024" -> "X rose 5% in 2023", "X rose 7% in 2024"."""
    if lang == "zh":
        return []
    conj = LAST_ITEM.get(lang, LAST_ITEM["en"])
    pos = text.find(conj, s.start, s.end)
    while pos >= 0:
        right = pos + len(conj)
        first = _LEADING_FIGURE.search(text, s.start, pos)
        if (first and _free(pos, ranges) and _LEADING_FIGURE.match(text, right, s.end)
                and len(text[right : s.end].split()) >= 2 and not _after_between(text, s.start, pos, lang)):
            parts = [_part(text, [(s.start, pos)], "two figures"),
                     _part(text, [(s.start, first.start()), (right, s.end)], "two figures")]
            return [p for p in parts if p] if all(parts) else []
        pos = text.find(conj, right, s.end)
    return []


def _after_between(text: str, start: int, pos: int, lang: str) -> bool:
    window = text[max(start, pos - 40) : pos]
    return bool(_pat(BETWEEN.get(lang, BETWEEN["en"]), lang).search(window))


def decompose(text: str, s: Span, lang: str) -> list[Part]:
    """Atomic parts of the sentence `s`; the whole sentence as one part when no rule applies."""
    ranges = protected_ranges(text, s.start, s.end)
    for rule in (split_not_only, split_members, split_figures):
        parts = rule(text, s, lang, ranges)
        if len(parts) >= 2:
            return parts
    return [Part((s,))]
