"""Lexical tokens for BM25 that suit each language: words, Vietnamese syllable pairs, Chinese characters, numbers."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+(?:[.,'’][^\W_]+)*", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]")
_CYR = re.compile(r"[\u0400-\u04FF]")


def lexical_tokens(text: str) -> list[str]:
    """Tokens of `text` for BM25: lower-cased words, numbers without separators, syllable bigrams, CJK n-grams."""
    text = unicodedata.normalize("NFC", text).lower()
    out: list[str] = []
    prev: str | None = None
    for m in _WORD.finditer(text):
        tok = m.group()
        if _CJK.search(tok):
            out.extend(_cjk_grams(tok))
            prev = None
            continue
        if any(ch.isdigit() for ch in tok):
            digits = re.sub(r"[.,'’]", "", tok)
            out.append(digits)
            out.extend(p for p in re.split(r"[.,'’]", tok) if p and p != digits)
        else:
            out.extend(re.split(r"[.,'’]", tok))
            if _CYR.search(tok) and len(tok) > 5:
                out.append(tok[:5] + "~")  # crude stem: Russian inflects word endings
        if prev is not None and not _CYR.search(tok):
            out.append(f"{prev}_{tok}")  # Vietnamese words are often two syllables; English bigrams help too
        prev = tok
    return out


_CJK_RUN = re.compile(r"([\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+)")


def _cjk_grams(token: str) -> list[str]:
    grams: list[str] = []
    for part in _CJK_RUN.split(token):
        if not part:
            continue
        if _CJK.match(part):
            grams.extend(part)
            grams.extend(a + b for a, b in zip(part, part[1:]))
        else:
            grams.append(part)  # digits or Latin inside Chinese text: "83", "AI"
    return grams
