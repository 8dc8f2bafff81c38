"""Country names in the quote's language, for the verdict model's eyes only.

Read across languages, the verdict model takes a country the claim names in its own language ("China") for a
different one than the quote names in its language ("Trung Quốc") and answers "contradiction": its training pairs
include claims with one name swapped for another (factcheck.train.augment.change_name), all in one language, so a
name written differently reads as a swapped name. Before a claim meets a quote in another language, each country
the claim names that the quote also names (by CLDR's names for both languages, via Babel) is written the quote's
way. The claim shown to the user and the quote cited are unchanged; only the model's input is.
"""

from __future__ import annotations

from ..extract.entities import country_code, country_pattern


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
    found = mentions(claim, claim_lang)
    if not found:
        return claim
    in_quote: dict[str, str] = {}
    for start, end, code in mentions(quote, quote_lang):
        in_quote.setdefault(code, quote[start:end])
    out, pos = [], 0
    for start, end, code in found:
        if code in in_quote:
            out += [claim[pos:start], in_quote[code]]
            pos = end
    return "".join(out) + claim[pos:] if out else claim
