"""Cheap entity finding: country names (from Babel's CLDR data), people after titles, proper nouns."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from factcheck.schema import Span

_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}
_RU_ENDINGS = "аяйьео"  # endings that inflect: "Россия" -> "России", "Россию"

# Titles before a name. After a ROLE title a single capitalised word is more often an organisation
# ("CEO of Acme", "Giám đốc điều hành Acme"), so a name there needs two words or more.
HONORIFIC = {
    "vi": "Tổng thống|Phó Tổng thống|Thủ tướng|Phó Thủ tướng|Bộ trưởng|Ngoại trưởng|Tổng Bí thư|Đại sứ"
    "|Thượng nghị sĩ|Nghị sĩ|Giáo sư|Tiến sĩ|Thống đốc|Quốc vương|Nữ hoàng|Đại tướng|Tướng|Thị trưởng|ông|bà",
    "en": "President|Vice President|Prime Minister|Chancellor|Minister|Secretary|Governor|Senator|Mr\\.|Mrs\\."
    "|Ms\\.|Dr\\.|Prof\\.|King|Queen|General|Ambassador|Mayor",
    "ru": "президент\\w*|премьер-министр\\w*|министр\\w*|посол|посла|господин\\w*|г-н|канцлер\\w*"
    "|губернатор\\w*|мэр\\w*",
    "zh": "国家主席|主席|总统|总理|首相|部长|外长|发言人|总裁|首席执行官|大使|总书记|国王|女王",
}
ROLE = {
    "vi": "Chủ tịch nước|Chủ tịch|Tổng giám đốc|Giám đốc điều hành|Giám đốc|Người phát ngôn|Lãnh đạo",
    "en": "Chairman|Chairwoman|CEO|Director|Spokesman|Spokeswoman|Leader|Chief Executive|Founder",
    "ru": "председател\\w*|глав\\w|генеральн\\w+ директор\\w*|директор\\w*|лидер\\w*|основател\\w*",
    "zh": "",
}
_ZH_NAME_END = "\\d|表示|说|指出|强调|称|在|会见|与|和|同|对|的|于|也|还|就|，|。|、|：|是|已|将"


@dataclass(frozen=True)
class Mention:
    """A named thing found in the text: where it is and its normalised name."""

    start: int
    end: int
    name: str


# CLDR's short and variant names ("US", "UK", "Mỹ", "США"), which Babel does not expose: read from a file cut
# from CLDR's JSON data (its "source" says which release), with a few common names CLDR lacks ("extra").
_ALT_NAMES_FILE = Path(__file__).with_name("cldr_alt_territories.json")
# Vietnamese writes regions with a country's short name: "châu Mỹ" (the Americas), "Bắc Mỹ" (North America),
# "Mỹ Latinh" (Latin America), and "Bắc Triều Tiên" (North Korea) around CLDR's "Triều Tiên": a country name
# there is part of another name, not the country.
_REGION_BEFORE = {"vi": r"(?<!châu )(?<!Châu )(?<!Bắc )(?<!Nam )(?<!Trung )(?<!Đông )(?<!Tây )"}
_REGION_AFTER = {"vi": r"(?! Latinh)(?! La-tinh)"}


@lru_cache(maxsize=None)
def _alt_names(lang: str) -> tuple[tuple[str, str], ...]:
    """(name, ISO 3166 code) of CLDR's short and variant territory names in `lang`, and a few it lacks."""
    data = json.loads(_ALT_NAMES_FILE.read_text(encoding="utf-8"))
    out = []
    for part in ("names", "extra"):  # CLDR's own, then the few common names it lacks ("extra_source")
        out += [(n, code) for code, ns in sorted(data[part].get(lang, {}).items()) for n in ns]
    return tuple(out)


@lru_cache(maxsize=None)
def _territories(lang: str, variants: bool = True) -> tuple[tuple[str, str], ...]:
    """(name, ISO 3166 code) of the countries and territories CLDR names in `lang` (via Babel); () without Babel.

    `variants` adds CLDR's short and variant names (`_alt_names`) to the main ones.
    """
    try:
        from babel import Locale
    except ImportError:  # pragma: no cover - babel is a pinned dependency
        return ()
    lang = lang if lang in ("vi", "en", "ru", "zh") else "en"
    try:
        territories = Locale.parse(lang).territories
    except Exception:  # noqa: BLE001 - an unknown locale just means no gazetteer
        return ()
    pairs = [(v.split(" (")[0], k) for k, v in territories.items()]
    if variants:
        pairs += [(re.split(r" ?[(（]", n)[0], k) for n, k in _alt_names(lang)]
    pairs = [(n, k) for n, k in dict.fromkeys(pairs) if len(k) == 2 and k.isalpha() and k not in _NOT_COUNTRIES]
    return tuple((n, k) for n, k in pairs if "," not in n and len(n) >= 2)


@lru_cache(maxsize=None)
def country_names(lang: str, variants: bool = True) -> tuple[str, ...]:
    """Country and territory names in `lang` from CLDR (via Babel), longest first; empty if Babel is absent."""
    return tuple(sorted({n for n, _ in _territories(lang, variants)}, key=len, reverse=True))


@lru_cache(maxsize=None)
def country_codes(lang: str, variants: bool = True) -> dict[str, str]:
    """Country name in `lang` -> ISO 3166 code; a name CLDR gives two territories names neither and is left out."""
    codes: dict[str, set[str]] = {}
    for name, code in _territories(lang, variants):
        codes.setdefault(name, set()).add(code)
    return {n: next(iter(c)) for n, c in codes.items() if len(c) == 1}


_RU_ADJECTIVE = ("ая", "яя", "ое", "ее", "ий", "ый", "ой", "ие", "ые")


def _ru_word(word: str) -> str:
    """A pattern for one word of a Russian name in any case: "Северная" -> "Северной", "Штаты" -> "Штатов"."""
    if len(word) <= 2 or word.isupper():  # "и", abbreviations ("США", "ОАЭ")
        return re.escape(word) + (r"\w{0,2}" if word.isupper() else "")
    if word.endswith(_RU_ADJECTIVE) and len(word) > 4 and word.isalpha():
        return re.escape(word[:-2]) + r"\w{2,3}"
    if word[-1] == "ы" and len(word) > 4:  # plural names: "Нидерланды" -> "Нидерландов", "Филиппин"
        return re.escape(word[:-1]) + r"\w{0,3}"
    if word[-1] in _RU_ENDINGS:
        return re.escape(word[:-1]) + r"\w{1,2}"
    return re.escape(word) + r"\w{0,2}"


def _ru_name(name: str) -> str:
    """A pattern for a Russian name with every word in any case ("Северной Кореи"); е and ё alike."""
    words = re.split(r"(\s+)", name.replace("ё", "е"))
    return "".join(r"\s+" if w.isspace() else _ru_word(w) for w in words).replace("е", "[её]")


@lru_cache(maxsize=None)
def _ru_name_patterns(variants: bool = True) -> tuple[tuple[re.Pattern[str], str], ...]:
    """(whole-name pattern, code), longest name first, for telling which country an inflected mention is."""
    codes = country_codes("ru", variants)
    return tuple((re.compile(_ru_name(n)), c) for n, c in sorted(codes.items(), key=lambda x: -len(x[0])))


def country_code(mention: str, lang: str, variants: bool = True) -> str | None:
    """The ISO 3166 code of a country name found by `country_pattern(lang)` (inflected or not); None if unsure."""
    codes = country_codes(lang, variants)
    if mention in codes:
        return codes[mention]
    if lang != "ru":
        return None
    return next((code for pat, code in _ru_name_patterns(variants) if pat.fullmatch(mention)), None)


@lru_cache(maxsize=None)
def country_pattern(lang: str, variants: bool = True) -> re.Pattern[str] | None:
    """A pattern matching any country name of `lang` (Russian names with every word in any case ending).

    `variants=False` reads CLDR's main names only (as the development set was built, `factcheck.train.devset`).
    """
    names = country_names(lang, variants)
    if not names:
        return None
    if lang == "zh":
        return re.compile("|".join(map(re.escape, names)))
    if lang == "ru":
        return re.compile(r"(?<!\w)(?:" + "|".join(_ru_name(n) for n in names) + r")(?!\w)")
    before, after = (_REGION_BEFORE.get(lang, ""), _REGION_AFTER.get(lang, "")) if variants else ("", "")
    return re.compile(r"(?<!\w)" + before + r"(?:" + "|".join(map(re.escape, names)) + r")" + after + r"(?!\w)")


@lru_cache(maxsize=None)
def _title_pattern(lang: str) -> re.Pattern[str]:
    """Group 1 matches a ROLE title, group 2 an HONORIFIC one; zh: group 1 is the name itself."""
    if lang == "zh":
        return re.compile(rf"(?:{HONORIFIC['zh']})([\u4e00-\u9fff]{{2,4}}?)(?={_ZH_NAME_END})")
    role, hon = ROLE.get(lang, ROLE["en"]), HONORIFIC.get(lang, HONORIFIC["en"])
    flags = re.IGNORECASE if lang in ("vi", "ru") else 0
    return re.compile(rf"(?<!\w)(?:({role})|({hon}))\s+(?=[^\W\d_])", flags)


@lru_cache(maxsize=None)
def _any_title(lang: str) -> re.Pattern[str]:
    titles = "|".join(t for t in (ROLE.get(lang, ROLE["en"]), HONORIFIC.get(lang, HONORIFIC["en"])) if t)
    return re.compile(rf"(?:{titles})(?!\w)", re.IGNORECASE)


WORD = re.compile(r"[^\W\d_][\w'’-]*")


def capitalised_run(text: str, pos: int, end: int) -> int:
    """End offset of the run of capitalised words that starts at `pos` (== pos when there is none)."""
    stop = pos
    while True:
        m = WORD.match(text, pos, end)
        if not m or not m.group()[0].isupper():
            return stop
        stop = m.end()
        nxt = stop
        if nxt < end and text[nxt] == " ":
            nxt += 1
        if nxt == stop:
            return stop
        pos = nxt


def _strip_countries(name: str, lang: str) -> str:
    """Drop leading country names from a title's name run ("Thủ tướng Đức Olaf Scholz")."""
    pat = country_pattern(lang)
    while pat is not None:
        m = pat.match(name)
        if not m or m.end() == len(name) or name[m.end()] != " ":
            break
        name = name[m.end() + 1 :]
    return name


def is_country(name: str, lang: str) -> bool:
    pat = country_pattern(lang)
    return bool(pat and pat.fullmatch(name))


def find_people(text: str, span: Span, lang: str) -> list[Mention]:
    """People named after a title ("President X") or before an appositive title ("X, CEO of Y")."""
    out: list[Mention] = []
    for m in _title_pattern(lang).finditer(text, span.start, span.end):
        if lang == "zh":
            out.append(Mention(m.start(1), m.end(1), m.group(1)))
            continue
        end = capitalised_run(text, m.end(), span.end)
        name = _strip_countries(text[m.end() : end], lang)
        if m.group(1) and len(name.split()) < 2:
            continue  # "CEO of <Organisation>", not a person
        if name and not is_country(name, lang) and not _is_title_word(name):
            out.append(Mention(end - len(name), end, name))
    if lang != "zh":
        out.extend(_appositive_people(text, span, lang))
    return sorted(set(out), key=lambda x: x.start)


def _appositive_people(text: str, span: Span, lang: str) -> list[Mention]:
    """"Name Surname, <title> ..." -> the name (two capitalised words at least)."""
    out = []
    for m in re.finditer(r", ", text[span.start : span.end]):
        comma = span.start + m.start()
        if not _any_title(lang).match(text, comma + 2):
            continue
        words = text[span.start : comma].split(" ")
        taken: list[str] = []
        while words and words[-1][:1].isupper() and WORD.fullmatch(words[-1]):
            taken.insert(0, words.pop())
        name = _strip_countries(" ".join(taken), lang)
        if len(name.split()) >= 2 and not is_country(name, lang) and not _any_title(lang).match(name):
            out.append(Mention(comma - len(name), comma, name))
    return out


def _is_title_word(name: str) -> bool:
    """Whether a capitalised run is really a title word left at the sentence start (e.g. "Ông")."""
    return name.lower() in {"ông", "bà", "mr", "mrs", "ms"}


def find_countries(text: str, span: Span, lang: str) -> list[Mention]:
    pat = country_pattern(lang)
    if pat is None:
        return []
    return [Mention(m.start(), m.end(), m.group()) for m in pat.finditer(text, span.start, span.end)]


def proper_nouns(text: str, sentences: list[Span]) -> set[str]:
    """Words written with a capital letter somewhere other than the start of a sentence."""
    found: set[str] = set()
    for s in sentences:
        for m in WORD.finditer(text, s.start, s.end):
            w = m.group()
            if w[0].isupper() and m.start() > s.start and text[m.start() - 1] not in "\"“«(\n":
                found.add(w)
    return found


def same_entity(a: str, b: str) -> bool:
    """Whether two names denote the same entity: one is a word-wise suffix of the other."""
    wa, wb = a.split(), b.split()
    n = min(len(wa), len(wb))
    return wa[-n:] == wb[-n:]
