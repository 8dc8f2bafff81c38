"""Country names in the quote's language, for the verdict model's eyes only.

Read across languages, the verdict model takes a country the claim names in its own language ("China") for a
different one than the quote names in its language ("Trung Quốc") and answers "contradiction": its training pairs
include claims with one name swapped for another (factcheck.train.augment.change_name), all in one language, so a
name written differently reads as a swapped name. Before a claim meets a quote in another language, each country
the claim names that the quote also names (by CLDR's names for both languages, via Babel) is written the quote's
way; so is an adjective of a country ("the Russian government", "российского правительства", "俄方") where the
other side names the country ("chính phủ Nga"), from a hand-written list (demonyms.json). The claim shown to the
user and the quote cited are unchanged; only the model's input is.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from ..extract.entities import country_code, country_pattern

_DEMONYMS_FILE = Path(__file__).with_name("demonyms.json")


@lru_cache(maxsize=None)
def _demonyms(lang: str) -> tuple[re.Pattern[str] | None, tuple[tuple[str, str], ...]]:
    """(pattern, ((form, code), ...) longest first) of the country adjectives of `lang`; Russian forms are stems."""
    forms = json.loads(_DEMONYMS_FILE.read_text(encoding="utf-8")).get(lang) if lang in ("en", "ru", "zh") else None
    if not forms:
        return None, ()
    ordered = tuple(sorted(forms.items(), key=lambda x: -len(x[0])))
    alts = "|".join(re.escape(f) for f, _ in ordered)
    if lang == "ru":
        return re.compile(rf"(?<!\w)(?:{alts})\w{{2,3}}(?!\w)", re.IGNORECASE), ordered
    if lang == "zh":
        return re.compile(alts), ordered
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)"), ordered


def demonym_mentions(text: str, lang: str | None) -> list[tuple[int, int, str]]:
    """(start, end, ISO code) of the country adjectives `text` uses in `lang` ("Russian", "российского")."""
    pat, ordered = _demonyms(lang) if lang else (None, ())
    if pat is None:
        return []
    out = []
    for m in pat.finditer(text):
        word = m.group().lower()
        code = next((c for f, c in ordered if word.startswith(f.lower())), None)
        if code:
            out.append((m.start(), m.end(), code))
    return out


def _with_demonyms(text: str, lang: str | None) -> list[tuple[int, int, str]]:
    """Country names, then adjectives that overlap none of them, in text order."""
    names = mentions(text, lang)
    extra = [d for d in demonym_mentions(text, lang) if not any(d[0] < e and s < d[1] for s, e, _ in names)]
    return sorted(names + extra)


def mentions(text: str, lang: str | None, variants: bool = True) -> list[tuple[int, int, str]]:
    """(start, end, ISO code) of the countries `text` names in `lang` (`variants`: CLDR's short names too)."""
    pat = country_pattern(lang, variants) if lang else None
    if pat is None:
        return []
    out = []
    for m in pat.finditer(text):
        code = country_code(m.group(), lang, variants)
        if code:
            out.append((m.start(), m.end(), code))
    return out


def localise_countries(claim: str, claim_lang: str | None, quote: str, quote_lang: str | None) -> str:
    """`claim` with each country that the quote also names written as the quote writes it (another language only)."""
    if not claim_lang or not quote_lang or claim_lang == quote_lang:
        return claim
    found = _with_demonyms(claim, claim_lang)
    if not found:
        return claim
    in_quote: dict[str, str] = {}
    for start, end, code in mentions(quote, quote_lang) + demonym_mentions(quote, quote_lang):  # names first
        in_quote.setdefault(code, quote[start:end])
    out, pos = [], 0
    for start, end, code in found:
        if code in in_quote:
            out += [claim[pos:start], in_quote[code]]
            pos = end
    return "".join(out) + claim[pos:] if out else claim
