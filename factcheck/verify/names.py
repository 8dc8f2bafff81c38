"""Country names in the quote's language, for the verdict model's eyes only.

Read across languages, the verdict model takes a country the claim names in its own language ("China") for a
different one than the quote names in its language ("Trung Quốc") and answers "contradiction": its training pairs
include claims with one name swapped for another (factcheck.train.augment.change_name), all in one language, so a
name written differently reads as a swapped name. Before a claim meets a quote in another language, each country
the claim names that the quote also names (by CLDR's names for both languages, via Babel) is written the quote's
way; so is an adjective of a country ("the Russian government", "российского правительства", "俄方") where the
other side names the country ("chính phủ Nga"), from a hand-written list (demonyms.json); and so is a person's or
an organisation's name written in the other of the Cyrillic and Latin scripts ("Петрова" against "Petrova",
`localise_names`). The claim shown to the user and the quote cited are unchanged; only the model's input is.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from ..extract.entities import country_code, country_pattern
from .han_names import localise_han_names

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
    if lang == "vi" and variants:
        out = sorted(out + [x for x in _vi_anh(text) if not any(s < x[1] and x[0] < e for s, e, _ in out)])
    return out


# Vietnamese writes Britain "Anh" ("nước Anh", "Thủ tướng Anh", "hãng BBC (Anh)"), a word that is also a pronoun
# ("Anh ấy", "anh") and a given name ("Tuấn Anh", "chị Anh", "Anh Tuấn"); CLDR has only "Vương quốc Anh". A
# capitalised "Anh" (or "Anh Quốc") is Britain unless it opens a sentence or a quotation, follows a capitalised word
# or a word for a person, or is followed by a capitalised word, "ấy", "ta", "hùng" (hero) or a hyphen.
_ANH = re.compile(r"(?<!\w)Anh(?: Quốc)?(?![\w-])")
_ANH_PERSON = frozenset("anh chị em cô chú bác ông bà cháu con bạn cậu thầy mẹ bố ba má dì cụ mợ thím tên".split())
_ANH_NEXT = re.compile(r"\s+([^\W\d_]+)")
_ANH_NOT_BEFORE = frozenset(("ấy", "ta", "hùng"))  # "Anh ấy", "Anh ta" (he), "anh hùng" (hero)


def _vi_anh(text: str) -> list[tuple[int, int, str]]:
    """(start, end, "GB") of each "Anh" of `text` that names Britain (the guards above)."""
    out = []
    for m in _ANH.finditer(text):
        if opens_sentence(text, m.start()):
            continue  # the pronoun
        prev = re.search(r"([^\W\d_]+)\s+$", text[:m.start()])
        if prev and (prev.group(1).lower() in _ANH_PERSON or
                     prev.group(1)[0].isupper() and not opens_sentence(text, prev.start(1))):
            continue  # a given name: "chị Anh", "Tuấn Anh" (but "Người Anh ..." opening a sentence is Britain)
        nxt = _ANH_NEXT.match(text, m.end())
        if nxt and not m.group().endswith("Quốc") and (nxt.group(1)[0].isupper() or nxt.group(1) in _ANH_NOT_BEFORE):
            continue  # "Anh Tuấn", "Anh ấy"
        out.append((m.start(), m.end(), "GB"))
    return out


def opens_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence (`_sentence_start`) or a quotation ("“Anh ấy ...")."""
    return _sentence_start(text, start) or text[:start].rstrip(" \t")[-1:] in ("\"", "'", "“", "„", "«")


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


# People's and organisations' names across the Cyrillic and Latin scripts ("Иван Петров" / "Ivan Petrov"): the
# model reads them, like countries, as two different names. They are matched by a transliteration (BGN/PCGN-like,
# the spelling English and Vietnamese news use) and a close spelling, allowing a Russian case ending.
_CYRILLIC_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}
_NAME_WORD = re.compile(r"(?<!\w)[^\W\d_][\w'’-]*")
_MIN_NAME = 4  # letters, in Latin form: shorter words match too much


def _is_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def latin_form(word: str) -> str:
    """Lower-case Latin spelling of a word: Cyrillic transliterated, accents and đ dropped ("Đặng" -> "dang")."""
    import unicodedata

    low = word.lower().replace("đ", "d")
    low = "".join(_CYRILLIC_LATIN.get(ch, ch) for ch in low)
    return "".join(ch for ch in unicodedata.normalize("NFKD", low) if not unicodedata.combining(ch) and ch.isalnum())


def _same_name(a: str, b: str) -> float:
    """How surely two Latin forms spell one name (0 = not at all): close spelling, or one the other plus an ending."""
    from difflib import SequenceMatcher

    short, long_ = sorted((a, b), key=len)
    if len(short) < _MIN_NAME:
        return 0.0
    if long_.startswith(short) and len(long_) - len(short) <= 3:  # "petrova" / "petrov"
        return 0.95 - 0.01 * (len(long_) - len(short))
    ratio = SequenceMatcher(None, a, b).ratio()
    return ratio if ratio >= 0.8 else 0.0


def _capitalised(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _NAME_WORD.finditer(text) if m.group()[0].isupper()]


def localise_names(claim: str, quote: str) -> str:
    """`claim` with each capitalised word written in the other script than the quote's matching word (a name the
    quote also writes: "Петрова" against "Petrov") replaced by the quote's spelling. Cyrillic and Latin only."""
    words = _capitalised(claim)
    if not any(_is_cyrillic(w) for _, _, w in words) and not _is_cyrillic(quote):
        return claim
    targets = [(w, latin_form(w), _is_cyrillic(w)) for _, _, w in _capitalised(quote)]
    out, pos = [], 0
    for start, end, word in words:
        cyr, form = _is_cyrillic(word), latin_form(word)
        best = max(((_same_name(form, f), w) for w, f, c in targets if c != cyr), default=(0.0, None))
        if best[0] > 0.0:
            out += [claim[pos:start], best[1]]
            pos = end
    return "".join(out) + claim[pos:] if out else claim


# What a claim is about, for the figure check: a figure in a quote about another film, country or company is
# not evidence about the claim's ("Film A earned $53 million" against "Film B earned $3 million"). The verdict
# model's pair calibration never meets such quotes (a validation pair's premise is always about its hypothesis's
# subject), but retrieval hands them to the verifier.
def subject_words(claim: str, skip: list[tuple[int, int]] = ()) -> list[str]:
    """The claim's capitalised words outside the `skip` spans (its figures: "March 4"), the first word only when
    it is an acronym or has a capital inside ("BRICS", "McDonald's"): a sentence's first word is capitalised anyway."""
    first = _NAME_WORD.search(claim)
    return [word for start, end, word in _capitalised(claim) if not _inside(start, end, skip)
            and not (first and start == first.start() and not any(ch.isupper() for ch in word[1:]))]


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _claim_names(claim: str, lang: str | None, skip: list[tuple[int, int]]) -> tuple[list[str], set[str]]:
    """(subject words, country codes) of a claim outside the `skip` spans; a country's words count as the country."""
    found = [(start, end, code) for start, end, code in _with_demonyms(claim, lang) if not _inside(start, end, skip)]
    return subject_words(claim, [*skip, *((start, end) for start, end, _ in found)]), {code for *_, code in found}


def _names_word(quote: str):
    """A test of whether `quote` writes a word: the same word in any case, or the same name in the other of the
    Cyrillic and Latin scripts (a close spelling, allowing a Russian case ending)."""
    quote_words = {m.group().lower() for m in _NAME_WORD.finditer(quote)}
    forms = [latin_form(w) for _, _, w in _capitalised(quote)]
    return lambda word: word.lower() in quote_words or any(_same_name(latin_form(word), f) > 0.0 for f in forms)


def shares_subject(claim: str, claim_lang: str | None, quote: str, quote_lang: str | None,
                   skip: list[tuple[int, int]] = ()) -> bool | None:
    """Whether `quote` names something the claim names (a capitalised word of the claim outside `skip`): the same
    word in any case, the same name in the other of the Cyrillic and Latin scripts, a country both name in their
    languages, or a Chinese name the quote writes its own way. None when it cannot tell: the claim has no such
    word, or the quote's script has no case."""
    words, countries = _claim_names(claim, claim_lang, skip)
    if not (words or countries) or not _capitalised(quote):
        return None
    if any(map(_names_word(quote), words)):
        return True
    if countries & {code for *_, code in _with_demonyms(quote, quote_lang)}:
        return True
    return localise_han_names(claim, claim_lang, quote, quote_lang) != claim


def missing_names(claim: str, claim_lang: str | None, quote: str, quote_lang: str | None,
                  skip: list[tuple[int, int]] = ()) -> float | None:
    """The share of the claim's names (its capitalised words outside `skip` and the countries it names) that `quote`
    does not name: the same word, the same name in the other of the Cyrillic and Latin scripts, a Chinese name the
    quote writes its own way, or a country both name in their languages. A quote that decides a claim names what
    the claim names; a claim that adds a company, a city or a country the source never mentions ("... in Lyon"
    against "... in Marseille") is read by the verdict model as support all the same. None when the claim names
    nothing."""
    words, countries = _claim_names(claim, claim_lang, skip)
    if not (words or countries):
        return None
    quote_low, writes = quote.lower(), _names_word(quote)
    han = localise_han_names(claim, claim_lang, quote, quote_lang)
    rewritten = {m.group().lower() for m in _NAME_WORD.finditer(han)} if han != claim else None

    def named(word: str) -> bool:
        low = word.lower()
        if rewritten is not None and low not in rewritten:  # a Chinese name the quote writes its own way
            return True
        if word.isascii() and re.search(rf"(?<![a-z]){re.escape(low)}(?![a-z])", quote_low):  # in a Chinese text
            return True
        return writes(word)

    in_quote = {code for *_, code in _with_demonyms(quote, quote_lang)}
    missing = sum(not named(w) for w in words) + len(countries - in_quote)
    return missing / (len(words) + len(countries))


# A claim that restates a quote with one name changed ("... took place in Lyon" against "... took place in Nantes",
# "the chief executive of Acme Bank" against "the chief executive of Zenith Bank"): the verdict model reads the shared
# words as support outside English, the one language its name-swap training pairs are in. Found by aligning the two
# texts' words (one language), not by knowing what the names are. The verifier uses it for Vietnamese claims
# (verifier.NAME_SWAP_LANGS): German capitalises every noun and Russian names inflect.
SUBSTITUTION_SHARE = 0.6  # the least share of the claim's words, names aside, that the quote writes in order
SUBSTITUTION_SPAN = 4  # the most words on either side of the changed stretch
_WORD = re.compile(r"\w+")


def name_substitution(claim: str, claim_lang: str | None, quote: str, quote_lang: str | None,
                      skip: list[tuple[int, int]] = (), quote_skip: list[tuple[int, int]] = ()
                      ) -> tuple[str, str] | None:
    """(claim's name, quote's name) when `claim` restates `quote` (the same language; at least SUBSTITUTION_SHARE of
    its other words in the quote's order) with one short stretch changed where the claim names something the
    quote never names and the quote, in its place, names something the claim never names. The claim's name is a
    capitalised word outside `skip` (its figures) that does not open one of its sentences, or a country; the
    quote's is a capitalised word outside `quote_skip` (its figures: "December 9") that does not open a sentence
    ("He", "The") and is not a spelling of the claim's ("Boll" against "Bol"). At the claim's first or last word
    the quote's side of the stretch is its SUBSTITUTION_SPAN words next to the shared ones (the quote goes on past
    the claim). None otherwise, and for claims and quotes in different languages (or a language unknown)."""
    from difflib import SequenceMatcher

    if not claim_lang or claim_lang != quote_lang:
        return None
    words, _ = _claim_names(claim, claim_lang, skip)
    c_tok = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(claim)]
    q_tok = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(quote)]
    if len(c_tok) < 4 or not q_tok:
        return None
    writes = _names_word(quote)
    quote_codes = {code for *_, code in _with_demonyms(quote, quote_lang)}
    claim_country = {(s, e): code for s, e, code in _with_demonyms(claim, claim_lang) if not _inside(s, e, skip)}
    if not (words or claim_country):
        return None
    name_low = {w.lower() for w in words}

    def claim_name(s: int, e: int, token: str) -> str | None:  # a name of the claim the quote never writes
        for (cs, ce), code in claim_country.items():
            if cs <= s and e <= ce:
                return claim[cs:ce] if code not in quote_codes else None
        word = claim[s:e]
        if _sentence_start(claim, s) and not any(ch.isupper() for ch in word[1:]):  # "Sai. Sau khi ..."
            return None
        return word if token in name_low and not writes(word) else None

    names = [claim_name(s, e, t) for s, e, t in c_tok]
    plain = sum(n is None for n in names)
    matcher = SequenceMatcher(None, [t for *_, t in c_tok], [t for *_, t in q_tok], autojunk=False)
    if plain <= 0 or sum(size for *_, size in matcher.get_matching_blocks()) / plain < SUBSTITUTION_SHARE:
        return None
    claim_low = claim.lower()
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace" or i2 - i1 > SUBSTITUTION_SPAN:
            continue
        if i2 == len(c_tok):  # the claim ends here; the quote goes on
            j2 = min(j2, j1 + SUBSTITUTION_SPAN)
        elif i1 == 0:  # the claim starts here; the quote began before
            j1 = max(j1, j2 - SUBSTITUTION_SPAN)
        elif j2 - j1 > SUBSTITUTION_SPAN:
            continue
        mine = [(k, n) for k, n in enumerate(names[i1:i2], i1) if n]
        theirs = [k for k, (s, e, t) in enumerate(q_tok[j1:j2], j1) if quote[s].isupper() and t not in claim_low
                  and not _sentence_start(quote, s) and not _inside(s, e, quote_skip)]
        theirs = [k for k in theirs if not any(_spelling(quote[q_tok[k][0]:q_tok[k][1]], n) for _, n in mine)]
        if mine and theirs:
            k, name = mine[0]
            whole = name if name != claim[c_tok[k][0]:c_tok[k][1]] else _name_run(claim, c_tok, k)
            return whole, _name_run(quote, q_tok, theirs[0])
    return None


def _name_run(text: str, tokens: list[tuple[int, int, str]], k: int) -> str:
    """The capitalised words next to token `k`, only spaces between them, with it: "Đà Lạt", "Trần Minh" (not a
    sentence's first word: "Tại")."""
    a = b = k
    while a > 0 and text[tokens[a - 1][0]].isupper() and not text[tokens[a - 1][1]:tokens[a][0]].strip() \
            and not _sentence_start(text, tokens[a - 1][0]):
        a -= 1
    while b + 1 < len(tokens) and text[tokens[b + 1][0]].isupper() and not text[tokens[b][1]:tokens[b + 1][0]].strip():
        b += 1
    return text[tokens[a][0]:tokens[b][1]]


def _sentence_start(text: str, start: int) -> bool:
    """Whether the word at `start` opens a sentence (capitalised anyway: "He", "The", "After")."""
    before = text[:start].rstrip(" \t\"'“‘«(")
    return not before or before[-1] in ".!?:;\n"


def _spelling(a: str, b: str) -> bool:
    """Whether two words are one name spelled two ways, or one holds the other ("Boll"/"Bol", "JJackson"/"J")."""
    fa, fb = latin_form(a), latin_form(b)
    return bool(fa and fb) and (fa in fb or fb in fa or _same_name(fa, fb) > 0.0)


# A claim that names one country where its source names another ("Tom is from Morocco" against "Tom tới từ Úc"):
# across languages the verdict model cannot tell the two apart (it reads a country written in another language
# as unknown, not as different), and `localise_countries` rewrites only the countries both name. The verifier
# asks the model itself: the claim with its country written as the quote's, read against the quote's sentence that
# names it (Verifier.country_swaps). Only a claim missing exactly one of the quote's countries, and at most this many
# of the quote's countries tried in its place:
SWAP_COUNTRIES = 2


def country_swaps(claim: str, claim_lang: str | None, quote: str, quote_lang: str | None,
                  skip: list[tuple[int, int]] = ()) -> list[tuple[tuple[str, ...], str]]:
    """(the claim's mentions of its one country the quote does not name, the quote's mention of one it names and
    the claim does not) for each such country of the quote, in the quote's order (at most SWAP_COUNTRIES). A
    country is a name or an adjective ("Russian", "российского") outside `skip` (the claim's figures). Empty when
    the claim names none, or more than one, of the countries the quote does not name, or the quote names none that
    the claim does not."""
    if not claim_lang or not quote_lang:
        return []
    named = _with_demonyms(claim, claim_lang)
    found = [(s, e, code) for s, e, code in named if not _inside(s, e, skip)]
    in_quote: dict[str, str] = {}
    for start, end, code in _with_demonyms(quote, quote_lang):
        in_quote.setdefault(code, quote[start:end])
    gone = {code for *_, code in found} - set(in_quote)
    claim_codes = {code for *_, code in named}  # a country inside a figure still counts as named
    new = [code for code in in_quote if code not in claim_codes][:SWAP_COUNTRIES]
    if len(gone) != 1 or not new:
        return []
    (code,) = gone
    forms = tuple(sorted({claim[s:e] for s, e, c in found if c == code}, key=len, reverse=True))
    return [(forms, in_quote[other]) for other in new]


_LETTER = r"[^\W\u3000-\u9fff]"  # a word character of a script that writes spaces between words (not Chinese)


def swap_country(text: str, forms: tuple[str, ...], new: str) -> str | None:
    """`text` with every one of `forms` (a country's mentions, longest first) written as `new`; None if `text`
    writes none of them."""
    out = text
    for form in forms:
        out = re.sub(rf"(?<!{_LETTER}){re.escape(form)}(?!{_LETTER})", lambda _: new, out)
    return out if out != text else None
