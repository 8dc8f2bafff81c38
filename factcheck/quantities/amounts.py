"""Numbers with their scale, unit and hedge (rules): "hơn 2.500 tỉ đồng", "$40bn", "более 3 млрд долларов",
"超过5万亿美元", "12,5%", "hai tuần", "40 quốc gia", "10–15 billion", and plain years ("in 2035")."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from factcheck.quantities import format as fmt
from factcheck.quantities.context import STOP_WORDS
from factcheck.quantities.cores import Core, find_cores
from factcheck.quantities.hedges import apply, post_hedge, pre_hedge
from factcheck.quantities.hit import Hit
from factcheck.quantities.lexicon import LETTER, NOT_LETTER_BEFORE, TextInfo, lookup
from factcheck.quantities.units import (CURRENCY_AFTER_RE, CURRENCY_BEFORE_RE, CURRENCY_BEFORE_TABLE,
                                        CURRENCY_TABLE, DURATION_RE, DURATION_TABLE, LETTER_SCALES, PERCENT_RE,
                                        PERCENT_TABLE, SCALE_RE, SCALE_TABLE)
from factcheck.quantities.words import EN_CARD, ZH_NUM_CLASS, parse_zh

_WS = r"[ \t\u00a0\u202f]*"
_SOURCES = {  # compiled on first use: large alternations are slow to compile at import
    # "£40 ; million": tokenised text splits "£40&nbsp;million" at the entity
    "scale": f"(?:{_WS};)?{_WS}({SCALE_RE})",
    "percent": f"{_WS}({PERCENT_RE})", "cur_after": f"{_WS}({CURRENCY_AFTER_RE})",
    "duration": f"{_WS}({DURATION_RE})", "cur_before": rf"{NOT_LETTER_BEFORE}({CURRENCY_BEFORE_RE})[ \u00a0]?$",
}
_LETTER_SCALE = re.compile(rf"([kKmMbBtT])(?![{LETTER}])")
_ZH_INFIX = re.compile(r"(多|余|来)")
_COUNTER = re.compile(rf"{_WS}(?:个|名|位|家|座|架|艘|辆|枚|项|条|份|所|"
                      rf"(?:chiếc|con|cái|quả|ngôi|tòa|toà|vụ|lượt|cuộc|bản|căn)(?![{LETTER}]))", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0]*")
# An English counted noun: a plural, after at most two modifiers ("31 confirmed cases", "14 Bulgarian cities").
# "-us", "-ss", "-is" words are no plurals ("coronavirus", "class", "analysis").
_EN_PLURAL = re.compile(r"(?P<mods>(?:[ \t]+[A-Za-z][A-Za-z]*(?:-[A-Za-z0-9]+)*){0,2}?)[ \t]+"
                        r"(?P<noun>[a-z]+[a-hj-rtv-z]s)\b")
_NOT_NOUNS = {"times", "less", "unless", "across", "plus", "thus", "this", "those", "these", "versus", "whereas",
              "minus", "bonus", "was", "has", "does", "goes", "is", "its", "yes", "always", "perhaps", "as", "his",
              "hers", "ours", "yours", "theirs", "afterwards", "towards", "besides", "sometimes", "whereas"}
_NOT_MODIFIERS = {"of", "and", "or", "the", "a", "an", "in", "on", "at", "to", "for", "by", "with", "from", "have",
                  "has", "had", "were", "was", "is", "are", "be", "been", "that", "which", "who", "than", "more",
                  "less", "per", "as", "but", "its", "their", "his", "her", "out", "up", "into", "during", "after",
                  "before", "since", "until", "will", "would", "could", "can", "may", "might", "not", "no", "each",
                  "all", "some", "both", "other", "over", "under", "about", "there", "this", "these", "those", "it",
                  "they", "we", "he", "she", "also", "only", "just", "when", "while", "where", "if", "so", "such"}
_VI_COUNTER_NOUN = re.compile(rf"[ \t]+([{LETTER}]+)")
# A number glued to letters and more digits ("2K15", "A4B2") or to one letter that is no scale ("1080p",
# "5G", "3D") is a code or a name, not a figure.
_CODE_AFTER = re.compile(r"[A-Za-z]+\d|[ac-jln-su-zAC-JLN-SU-Z](?![A-Za-z\d])")
# A number right after a capitalised word is part of a name ("PlayStation 3", "Windows 10", "Chapter 3").
_NAME_BEFORE = re.compile(r"(?<![A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u0400-\u04FF'])"
                          r"([A-ZÀ-ÝĐА-ЯЁ][A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u0400-\u04FF]*)[ \t]$")
_NOT_NAMES = {"in", "on", "at", "by", "since", "before", "after", "until", "till", "from", "to", "of", "for", "about",
              "around", "over", "under", "nearly", "almost", "only", "just", "some", "all", "the", "and", "or",
              "between", "than", "with", "about", "approximately", "roughly", "circa", "total", "top", "no",
              "number", "page", "were", "was", "are", "is", "had", "has", "have", "reached", "with", "another",
              "only", "exactly", "vào", "năm", "khoảng", "hơn", "gần", "có", "trong", "в", "на", "до", "около",
              "более", "менее", "почти", "с", "по", "и", "а", "но", "за", "из"}
# Time words before a bare number make it a year ("before 535", "after 1635", "trước 535").
_YEAR_CUE = re.compile(r"(?:^|[^\w])(?:before|after|prior to|since|until|till|earlier than|later than|trước|sau|"
                       r"kể từ)[ \t]+$", re.IGNORECASE)
_PERCENT_ZH = re.compile(rf"百分之([{ZH_NUM_CLASS}]+|\d+(?:\.\d+)?)")
# "\ufffd" is a dash lost to a bad encoding ("$400\ufffd475 million").
_RANGE_JOIN = re.compile(r"^\s*(?:-|--|–|—|~|～|\ufffd|to|đến|tới|до|至|到|and|và|и)\s*$", re.IGNORECASE)
_DASH_ONLY = re.compile(r"^\s*(?:-|--|–|—|\ufffd)\s*$")
_RANGE_FROM = re.compile(r"(?:from|between|từ|giữa|от|между|从|在)\s*$", re.IGNORECASE)
COUNTABLE = {"country", "people", "company", "member", "city", "military", "missile", "drone", "refugees",
             "casualties", "agreement", "bank", "election", "tank", "minister", "official", "student", "worker",
             "child", "patient", "case", "doctor", "hospital", "school", "province", "vaccine", "dose", "ship",
             "aircraft", "journalist", "project", "factory", "scientist", "expert", "user", "tourist"}


@lru_cache(maxsize=None)
def _re(name: str) -> re.Pattern[str]:
    return re.compile(_SOURCES[name], re.IGNORECASE)


def find_amounts(text: str, lang: str, doc_decimal: str | None, concepts: dict[int, tuple[int, str]],
                 info: TextInfo | None = None) -> list[Hit]:
    """Every number-based figure; `concepts` maps a start offset to (end, concept) for counted nouns."""
    cores = find_cores(text, lang, doc_decimal, info)
    hits = [h for c in cores if (h := _decorate(text, c, lang, concepts))]
    hits += _zh_percent(text)
    return _ranges(text, hits)


def _decorate(text: str, core: Core, lang: str, concepts: dict[int, tuple[int, str]]) -> Hit | None:
    start, pos, value, bound = core.start, core.end, core.value, None
    cur_before = _re("cur_before").search(text, max(0, start - 5), start)
    if not core.words and _CODE_AFTER.match(text, pos):
        return None  # "2K15", "1080p": a code
    if m := _ZH_INFIX.match(text, pos):
        bound, pos = "gt" if m.group(1) != "来" else "approx", m.end()
    scale, pos = _scales(text, pos, attached_letters=bool(cur_before))
    if text.startswith("+", pos):  # "5,000+ people"
        bound, pos = "gt", pos + 1
    noun_start = pos
    kind, unit, end, noun, modified = _unit(text, pos, lang, concepts)
    if cur_before and kind in ("number", "count"):  # "$5m deal": the currency wins, the noun stays out
        kind, unit, end, noun = "amount", str(lookup(CURRENCY_BEFORE_TABLE, cur_before.group(1)) or ""), pos, ""
        start = cur_before.start()
    if modified and core.plain_int and 1800 <= value <= 2100 and scale == 1:
        kind, unit, end, noun = "number", "", pos, ""  # "in 2020 Germany reported cases": a year
    pos = end
    if core.words and scale == 1 and kind == "number":
        return None  # "one", "ba", "три" alone are words, not figures
    value *= scale
    if not math.isfinite(value):
        return None
    kind = _maybe_year(core, kind, scale, value, text)
    if kind in ("number", "count") and scale == 1 and not bound and core.plain_int and _in_name(text, start):
        return None  # "PlayStation 3", "Xbox 360 versions": part of a name
    if (post := post_hedge(text, pos)) and kind not in ("year",):
        bound, pos = post[0], post[1]
    if (pre := pre_hedge(text, start)) and kind != "year":
        bound, start = pre[0], pre[1]
    low, high, approx = apply(bound, value)
    h = Hit(start, pos, kind, value, low, high, unit=unit or None, approximate=approx, guessed=core.guessed,
            notes={"bound": bound, "core": (core.start, core.end), "noun": noun, "scale": scale, "lang": lang,
                   "noun_start": noun_start if noun else None})
    h.normalized = normalize(h)
    return h


def _scales(text: str, pos: int, attached_letters: bool) -> tuple[float, int]:
    scale = 1.0
    while m := _re("scale").match(text, pos):
        factor = lookup(SCALE_TABLE, m.group(1))
        if not isinstance(factor, float):
            break
        scale, pos = scale * factor, m.end()
    if scale == 1.0 and attached_letters and (m := _LETTER_SCALE.match(text, pos)):
        scale, pos = LETTER_SCALES[m.group(1).lower()], m.end()
    return scale, pos


def _unit(text: str, pos: int, lang: str,
          concepts: dict[int, tuple[int, str]]) -> tuple[str, str, int, str, bool]:
    """(kind, unit, end, counted noun, whether a capitalised word stands between) of what follows a number.

    The counted noun is a concept id ("casualties") or, in English, a plural ("recoveries"), and in
    Vietnamese the word after a classifier ("ngôi nhà" -> "nhà")."""
    if m := _re("percent").match(text, pos):
        return "percent", str(lookup(PERCENT_TABLE, m.group(1))), m.end(), "", False
    if m := _re("cur_after").match(text, pos):
        return "amount", str(lookup(CURRENCY_TABLE, m.group(1))), m.end(), "", False
    if m := _re("duration").match(text, pos):
        return "duration", str(lookup(DURATION_TABLE, m.group(1))), m.end(), "", False
    counter = _COUNTER.match(text, pos)
    after = counter.end() if counter else pos
    nxt = _SPACES.match(text, after).end()  # type: ignore[union-attr]
    if nxt in concepts and concepts[nxt][1] in COUNTABLE:
        return "count", "count", concepts[nxt][0], "@" + concepts[nxt][1], False
    if counter:
        if _is_cjk(counter.group(0).strip()) or not (w := _VI_COUNTER_NOUN.match(text, counter.end())):
            return "count", "count", counter.end(), "", False
        return "count", "count", w.end(), w.group(1).lower(), False
    if lang == "en" and (m := _EN_PLURAL.match(text, pos)) and m.group("noun") not in _NOT_NOUNS:
        mods = m.group("mods").split()
        # A number word between ("19 assuming four months") counts its own noun.
        if not any(w.lower() in _NOT_MODIFIERS or w.lower() in _NOT_NOUNS or w.lower() in EN_CARD for w in mods):
            start = m.start("noun")
            named = any(w[0].isupper() for w in mods)  # "2020 Germany reported cases" may be a year
            if start in concepts and concepts[start][1] in COUNTABLE:
                return "count", "count", concepts[start][0], "@" + concepts[start][1], named
            return "count", "count", m.end(), m.group("noun"), named
    return "number", "", pos, "", False


def _maybe_year(core: Core, kind: str, scale: float, value: float, text: str = "") -> str:
    if kind != "number" or not core.plain_int or scale != 1 or core.words:
        return kind
    if 1800 <= value <= 2100:
        return "year"
    if 100 <= value <= 2999 and _YEAR_CUE.search(text, max(0, core.start - 20), core.start):
        return "year"  # "before 535"
    return kind


def _is_cjk(s: str) -> bool:
    return bool(s) and "\u3400" <= s[0] <= "\u9fff"


def _in_name(text: str, start: int) -> bool:
    """Whether a bare number at `start` follows a capitalised word, as in "PlayStation 3" or "Chapter 3"."""
    m = _NAME_BEFORE.search(text, max(0, start - 40), start)
    return bool(m) and m.group(1).lower() not in _NOT_NAMES and m.group(1).lower() not in STOP_WORDS


def _zh_percent(text: str) -> list[Hit]:
    out = []
    for m in _PERCENT_ZH.finditer(text):
        s = m.group(1)
        v = float(s) if s[0].isdigit() else parse_zh(s)
        if v is not None:
            h = Hit(m.start(), m.end(), "percent", v, v, v, unit="%",
                    notes={"bound": None, "core": (m.start(1), m.end()), "scale": 1.0})
            h.normalized = normalize(h)
            out.append(h)
    return out


def _ranges(text: str, hits: list[Hit]) -> list[Hit]:
    """Join "10–15%", "from 10 to 15 billion", "từ 10 đến 15", "от 10 до 15", "2020-2024" into intervals."""
    out: list[Hit] = []
    for h in sorted(hits, key=lambda h: h.start):
        prev = out[-1] if out else None
        if prev and (merged := _join(text, prev, h)):
            out[-1] = merged
        elif prev and _score(text, prev, h):
            out.pop()  # "Italy won 4-1": a score, neither number a figure
        else:
            out.append(h)
    return out


def _score(text: str, a: Hit, b: Hit) -> bool:
    """Two bare numbers joined by a dash with no space, the second not above the first: "4-1", "3–3"."""
    return (a.kind == b.kind == "number" and not a.unit and not b.unit and text[a.end: b.start] in ("-", "–")
            and a.value is not None and b.value is not None and b.value <= a.value)


def _join(text: str, a: Hit, b: Hit) -> Hit | None:
    gap = text[a.end: b.start]
    if b.notes.get("bound") == "le" and not gap.strip():  # "от 10 до 15": "до" was read as b's hedge
        gap = text[a.end: b.notes["core"][0]]  # type: ignore[index]
    hedged = a.notes.get("bound") == "approx"  # "about 40-50 questions": the hedge covers the range
    if not _RANGE_JOIN.match(gap) or (a.notes.get("bound") and not hedged) or a.value is None or b.value is None:
        return None
    frm = _RANGE_FROM.search(text, max(0, a.start - 12), a.start)
    if gap.strip().lower() in ("and", "và", "и") and not frm:
        return None
    kind, unit, high = b.kind, b.unit, b.value
    b_digits = text[b.notes["core"][0]: b.notes["core"][1]]  # type: ignore[index]
    if a.kind == "amount" and b.kind == "number" and a.unit:  # "$400–475 million": the currency carries over
        kind, unit = "amount", a.unit
    elif a.kind == "year" and b.kind == "number" and len(b_digits) == 2 and b_digits.isdigit() and _DASH_ONLY.match(gap):
        high = a.value // 100 * 100 + b.value  # "1983–84", "2019-20": the century carries over
        if not a.value < high <= a.value + 10:
            return None
        kind = "year"
    elif a.kind not in (b.kind, "number") or (a.unit and a.unit != b.unit):
        return None
    low = a.value * b.notes["scale"] if a.notes["scale"] == 1 else a.value  # type: ignore[operator]
    if not low < high:
        return None
    notes = {"bound": None, "core": a.notes["core"], "noun": b.notes.get("noun"), "scale": b.notes["scale"],
             "lang": b.notes.get("lang"), "noun_start": b.notes.get("noun_start")}
    h = Hit(frm.start() if frm else a.start, b.end, kind, None, low, high, unit=unit, approximate=hedged,
            guessed=a.guessed or b.guessed, notes=notes)
    h.normalized = normalize(h)
    return h


def normalize(h: Hit) -> str:
    """The human reading of an amount, percentage, duration, count, number or year."""
    if h.kind == "year":
        return f"{h.low:.0f}–{h.high:.0f}" if h.value is None else f"{h.value:.0f}"
    unit = h.unit or ""
    if h.kind == "count":
        unit = f"({str(h.notes.get('noun') or 'count').lstrip('@')})"
    return fmt.quantity(h.value, h.low, h.high, h.notes.get("bound"), unit)  # type: ignore[arg-type]
