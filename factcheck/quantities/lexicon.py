"""Helpers that turn word tables into regexes: brace expansion, longest-first alternation, lookup."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

# A letter of a script whose words are separated by spaces (Latin incl. Vietnamese, Cyrillic).
LETTER = r"A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u0400-\u04FF"
NOT_LETTER_AFTER = rf"(?![{LETTER}])"
NOT_LETTER_BEFORE = rf"(?<![{LETTER}])"
_BRACES = re.compile(r"\{([^{}]*)\}")


def expand(form: str) -> list[str]:
    """Expand "рубл{ь,я,ей}" into ["рубль", "рубля", "рублей"] (one or more brace groups)."""
    m = _BRACES.search(form)
    if not m:
        return [form]
    out: list[str] = []
    for alt in m.group(1).split(","):
        out.extend(expand(form[: m.start()] + alt + form[m.end():]))
    return out


def key(text: str) -> str:
    """The lookup key of a matched term: lower case, single spaces."""
    return " ".join(text.lower().split()).replace("ё", "е")


def build_table(spec: Mapping[object, Iterable[str]]) -> dict[str, object]:
    """Map every expanded form (by `key`) to its value; `spec` maps value -> forms."""
    table: dict[str, object] = {}
    for value, forms in spec.items():
        for form in forms:
            for f in expand(form):
                table[key(f)] = value
    return table


def alternation(terms: Iterable[str]) -> str:
    """A regex matching any term, longest first; word-like terms may not run into a following letter.

    Terms ending in a symbol ("тыс.", "us$", "元") are tried first, then the word-like ones under one
    shared look-ahead: one look-ahead per term would make the regex many times slower to compile.
    """
    def esc(t: str) -> str:
        return re.escape(t).replace(r"\ ", r"\s+").replace("е", "[её]")

    ordered = sorted(set(terms), key=len, reverse=True)
    words = [esc(t) for t in ordered if re.search(f"[{LETTER}]$", t)]
    others = [esc(t) for t in ordered if not re.search(f"[{LETTER}]$", t)]
    parts = others + ([f"(?:{'|'.join(words)}){NOT_LETTER_AFTER}"] if words else [])
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def lookup(table: Mapping[str, object], text: str) -> object | None:
    """The value of a matched term, tolerant of case, spacing and a final dot."""
    k = key(text)
    if k in table:
        return table[k]
    return table.get(k.rstrip("."))


_CYR = re.compile(r"[\u0400-\u04FF]")
_CJK = re.compile(r"[\u3400-\u9fff]")
WORD_RE = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u0400-\u04FF]+|[\u3400-\u9fff]+")


class TextInfo:
    """What a text contains, found once, so that patterns for absent words or scripts are skipped."""

    def __init__(self, text: str) -> None:
        self.words = list(WORD_RE.finditer(text))
        self.keys = [w.group(0).lower().replace("ё", "е") for w in self.words]
        self.vocab = set(self.keys)
        self.cyrillic = bool(_CYR.search(text))
        self.cjk = bool(_CJK.search(text))

    def has_any(self, words: Iterable[str]) -> bool:
        """Whether any of these lower-case words occurs in the text."""
        return not self.vocab.isdisjoint(words)
