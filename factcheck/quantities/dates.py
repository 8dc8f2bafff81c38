"""Dates and years in vi/en/ru/zh: "5.3.2023", "tháng 7.2022", "15 марта 2023 года", "2023年3月15日".

Readings: a date's value/low/high are day ordinals (datetime.date.toordinal()) covering the day or
month; a year's are the year number (2035). A day and month without a year ("ngày 5.3") is a
"date" with value None and normalized "--03-05" until `resolve_years` finds its year.

Library: Babel's CLDR month names (English, Russian) feed the month-name tables, lazily.
Rules: the span grammar, day-first order, Russian case endings and the year resolution. dateparser
is not used: its search gives no offsets, and its parse fills a missing day with today's
(a month alone comes back on today's day of the month), so partial dates could not be told
from full ones.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

from factcheck.quantities.hit import Hit
from factcheck.quantities.lexicon import NOT_LETTER_AFTER, NOT_LETTER_BEFORE, TextInfo, key
from factcheck.quantities.words import ZH_NUM_CLASS, parse_zh

_EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"]
# Russian month forms in every case ("в декабре", "к маю"): soft-sign months, "март"/"август", "май".
_RU_SOFT = {1: "январ", 2: "феврал", 4: "апрел", 6: "июн", 7: "июл", 9: "сентябр", 10: "октябр",
            11: "ноябр", 12: "декабр"}
_RU_FORMS = {m: [stem + e for e in ("ь", "я", "е", "ю", "ем")] for m, stem in _RU_SOFT.items()}
_RU_FORMS |= {3: ["март" + e for e in ("", "а", "е", "у", "ом")], 8: ["август" + e for e in ("", "а", "е", "у", "ом")],
              5: ["май", "мая", "мае", "маю", "маем"]}


@lru_cache(maxsize=1)
def month_names() -> dict[str, int]:
    """Month words (lower case) -> month number, for English and Russian."""
    table: dict[str, int] = {}
    try:
        from babel.dates import get_month_names  # lazy: only the month vocabulary comes from Babel

        for loc in ("en", "ru"):
            for width in ("wide", "abbreviated"):
                for ctx in ("format", "stand-alone"):
                    for num, name in get_month_names(width, ctx, locale=loc).items():
                        table[key(name).rstrip(".")] = num
    except Exception:  # Babel missing: the rule tables below still cover both languages
        pass
    for i, name in enumerate(_EN_MONTHS, 1):
        table.setdefault(name.lower(), i)
        table.setdefault(name[:3].lower(), i)
    table["sept"] = 9
    for i, forms in _RU_FORMS.items():
        for f in forms:
            table.setdefault(f, i)
    return {k: v for k, v in table.items() if len(k) >= 3 and not k.isdigit()}


def _month_re() -> str:
    words = sorted(month_names(), key=len, reverse=True)
    alts = "|".join(re.escape(w).replace("е", "[её]") for w in words)
    return rf"{NOT_LETTER_BEFORE}(?P<mon>{alts})\.?{NOT_LETTER_AFTER}"


_D = r"(?P<d>\d{1,2})"
_Y = r"(?P<y>\d{4})"
_ZN = rf"(?:\d{{1,4}}|[{ZH_NUM_CLASS}]{{1,6}})"
_NO_DIGIT_BEFORE = r"(?<![\d.,/])"
_NO_DIGIT_AFTER = r"(?![.,/]?\d)"
_DASH = r"\s*[-–—]\s*"
_COMMA = r"(?:\s*,\s*|\s+)"  # "March 11, 2020", and tokenised text's "March 11 , 2020"
_DECADE_PART = {"early": (0, 4), "mid": (3, 7), "late": (5, 9)}  # "the early 1950s" -> 1950-1954
_VI_DAY_CUE = r"(?:ngày|hôm|sáng|chiều|tối|đêm|trưa|rạng sáng|từ|đến)"


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern[str], str, object]]:
    """(regex, form, trigger): a trigger ("cyr", "cjk", "months" or words) skips patterns that cannot match."""
    mon = _month_re()
    ci = re.IGNORECASE
    vi_day = frozenset({"ngày", "hôm", "sáng", "chiều", "tối", "đêm", "trưa", "từ", "đến"})
    specs = [
        (rf"{_NO_DIGIT_BEFORE}{_Y}-(?P<m>\d{{1,2}})-{_D}{_NO_DIGIT_AFTER}", "ymd", 0, None),
        (rf"{_NO_DIGIT_BEFORE}{_D}(?P<s>[./-])(?P<m>\d{{1,2}})(?P=s){_Y}{_NO_DIGIT_AFTER}", "dmy", 0, None),
        (rf"(?:ngày\s+)?{_D}\s+tháng\s+(?P<m>\d{{1,2}})(?:\s*(?:năm|,)?\s*{_Y})", "dmy", ci, frozenset({"tháng"})),
        (rf"ngày\s+{_D}\s+tháng\s+(?P<m>\d{{1,2}})", "dm", ci, frozenset({"tháng"})),
        (rf"tháng\s+(?P<m>\d{{1,2}})(?:\s*[./-]\s*|\s+năm\s+|,\s*){_Y}{_NO_DIGIT_AFTER}", "my", ci,
         frozenset({"tháng"})),
        (rf"{_VI_DAY_CUE}\s+{_D}[./](?P<m>\d{{1,2}}){_NO_DIGIT_AFTER}", "dm", ci, vi_day),
        (rf"(?<!\S){_NO_DIGIT_BEFORE}(?P<m>\d{{1,2}})/{_Y}{_NO_DIGIT_AFTER}", "my", 0, None),
        (rf"{NOT_LETTER_BEFORE}năm\s+{_Y}{_NO_DIGIT_AFTER}", "y", ci, frozenset({"năm"})),
        (rf"{mon}\s+{_D}(?:st|nd|rd|th)?{NOT_LETTER_AFTER}(?:{_COMMA}{_Y})?{_NO_DIGIT_AFTER}", "md", ci, "months"),
        (rf"{_NO_DIGIT_BEFORE}{_D}(?:st|nd|rd|th|-?го|-?е)?\s+(?:of\s+)?{mon}(?:{_COMMA}{_Y}(?:\s*(?:года|году|г\.))?)?",
         "dm_named", ci, "months"),
        (rf"{mon}{_COMMA}{_Y}(?:\s*(?:года|году|г\.))?{_NO_DIGIT_AFTER}", "my_named", ci, "months"),
        (rf"{_NO_DIGIT_BEFORE}{_Y}\s*(?:год(?:а|у|ом)?|г\.){NOT_LETTER_AFTER}", "y", ci, "cyr"),
        (rf"(?<!\d)(?P<zy>{_ZN})年(?:(?P<zm>{_ZN})月(?:(?P<zd>{_ZN})[日号])?)?", "zh", 0, "cjk"),
        (rf"(?<!\d)(?P<zm>{_ZN})月(?P<zd>{_ZN})[日号]", "zh", 0, "cjk"),
        # Runs of days: "3-5 March 2023", "March 3-5, 2023", "3–5.3.2023", "từ 3 đến 5.3.2023"
        (rf"{_NO_DIGIT_BEFORE}(?P<d1>\d{{1,2}}){_DASH}{_D}\s+(?:of\s+)?{mon},?\s+{_Y}(?:\s*(?:года|году|г\.))?",
         "range", ci, "months"),
        (rf"{mon}\s+(?P<d1>\d{{1,2}}){_DASH}{_D}{_COMMA}{_Y}{_NO_DIGIT_AFTER}", "range", ci, "months"),
        (rf"{_NO_DIGIT_BEFORE}(?P<d1>\d{{1,2}}){_DASH}{_D}[./](?P<m>\d{{1,2}})[./]{_Y}{_NO_DIGIT_AFTER}", "range", 0,
         None),
        (rf"từ\s+(?:ngày\s+)?(?P<d1>\d{{1,2}})\s+(?:đến|tới)\s+(?:ngày\s+)?{_D}[./](?P<m>\d{{1,2}})[./]{_Y}"
         rf"{_NO_DIGIT_AFTER}", "range", ci, frozenset({"từ"})),
        (rf"(?<!\d)(?P<zy>{_ZN})年(?P<zm>{_ZN})月(?P<zd1>{_ZN})[日号]?(?:至|到|-|–)(?P<zd>{_ZN})[日号]", "zh", 0,
         "cjk"),
        # Decades: "the 1960s", "late 1960's", "những năm 1960", "в начале 1960-х годов", "20世纪60年代"
        (rf"{NOT_LETTER_BEFORE}(?:(?P<q>early|mid|late)[\s-]+)?{_NO_DIGIT_BEFORE}(?P<dec>\d{{3}}0)(?:s|\s?['’]\s?s)"
         rf"{NOT_LETTER_AFTER}", "decade", ci, None),
        (rf"{NOT_LETTER_BEFORE}(?:(?P<q>đầu|giữa|cuối)\s+)?(?:những\s+năm|thập\s+niên|thập\s+k[ỷỉ])\s+"
         rf"(?P<dec>\d{{3}}0){_NO_DIGIT_AFTER}", "decade", ci, frozenset({"những", "thập"})),
        (rf"{NOT_LETTER_BEFORE}(?:(?P<q>начал[еоа]|середин[еаыу]|кон(?:ец|ца|це))\s+)?{_NO_DIGIT_BEFORE}"
         rf"(?P<dec>\d{{3}}0)-(?:е|х|м|ые|ых|ми)(?:\s+год(?:ы|ах|ов|ам|ами))?{NOT_LETTER_AFTER}", "decade", ci, "cyr"),
        (rf"(?:(?P<cen>{_ZN})世纪)?(?<!\d)(?P<dec>{_ZN})年代(?P<q>初期|初|中期|中叶|末期|末|后期)?", "decade", 0,
         "cjk"),
    ]
    return [(re.compile(p, flags), form, trig) for p, form, flags, trig in specs]


def find_dates(text: str, lang: str, info: TextInfo | None = None) -> list[Hit]:
    """Every date or explicit year in the text."""
    info = info or TextInfo(text)
    months = info.has_any(month_names()) or "sept." in text.lower()
    hits = []
    for rx, form, trig in _patterns():
        if not _triggered(trig, info, months):
            continue
        for m in rx.finditer(text):
            h = _read(m, form, lang)
            if h:
                hits.append(h)
    return hits


def _triggered(trig: object, info: TextInfo, months: bool) -> bool:
    if trig is None:
        return True
    if trig == "months":
        return months
    if trig == "cyr":
        return info.cyrillic
    if trig == "cjk":
        return info.cjk
    return info.has_any(trig)  # type: ignore[arg-type]


def _read(m: re.Match[str], form: str, lang: str) -> Hit | None:
    g = m.groupdict()
    if form == "zh":
        return _read_zh(m)
    if form == "range":
        return _read_range(m)
    if form == "decade":
        return _read_decade(m)
    y = int(g["y"]) if g.get("y") else None
    if g.get("mon"):
        if g["mon"][0].islower() and g["mon"].isascii():
            return None  # English month names are capitalised: "may exceed" is no date
        mon: int | None = month_names().get(key(g["mon"]).rstrip("."))
    else:
        mon = int(g["m"]) if g.get("m") else None
    d = int(g["d"]) if g.get("d") else None
    guessed = False
    if form == "dmy" and g.get("s") == "/" and lang == "en" and d and mon and d <= 12 < mon:
        d, mon = mon, d  # en "12/31/2023" is month first
    elif form == "dmy" and g.get("s") == "/" and lang == "en" and d and mon and d <= 12 and mon <= 12:
        d, mon, guessed = mon, d, True  # en "1/12/2023": month first by US habit, a guess
    return make_date(m.start(), m.end(), y, mon, d, guessed=guessed)


def _read_zh(m: re.Match[str]) -> Hit | None:
    parts = [m.group("zy") if "zy" in m.re.groupindex else None, m.group("zm"), m.group("zd")]
    nums = [None if p is None else (int(p) if p.isdigit() else parse_zh(p)) for p in parts]
    y, mon, d = (int(n) if n is not None else None for n in nums)
    if y is not None and not 1000 <= y <= 2999:
        return None
    if "zd1" in m.re.groupindex:
        d1 = m.group("zd1")
        return make_range(m.start(), m.end(), y, mon, int(d1) if d1.isdigit() else parse_zh(d1), d)
    return make_date(m.start(), m.end(), y, mon, d)


_DECADE_WORDS = {"early": "early", "đầu": "early", "начал": "early", "初": "early",
                 "mid": "mid", "giữa": "mid", "середин": "mid", "中期": "mid", "中叶": "mid",
                 "late": "late", "cuối": "late", "кон": "late", "末": "late", "后期": "late"}


def _read_decade(m: re.Match[str]) -> Hit | None:
    """A decade as the interval of its years; "early"/"mid"/"late" narrow it to part of the decade."""
    dec = m.group("dec")
    n = int(dec) if dec.isdigit() else parse_zh(dec)
    cen = m.groupdict().get("cen")
    if cen:  # "20世纪60年代": the 60s of the 20th century
        c = int(cen) if cen.isdigit() else parse_zh(cen)
        if c is None or n is None or n >= 100 or n % 10:
            return None
        n = (int(c) - 1) * 100 + n
    if n is None or not 1000 <= n <= 2990 or n % 10:
        return None
    q = m.group("q")
    part = next((v for k, v in _DECADE_WORDS.items() if q and q.lower().startswith(k)), None)
    lo, hi = _DECADE_PART.get(part or "", (0, 9))
    label = f"{part} {int(n)}s" if part else f"{int(n)}s"
    return Hit(m.start(), m.end(), "year", None, n + lo, n + hi, normalized=label, notes={"decade": True})


def _read_range(m: re.Match[str]) -> Hit | None:
    g = m.groupdict()
    if g.get("mon"):
        if g["mon"][0].islower() and g["mon"].isascii():
            return None
        mon = month_names().get(key(g["mon"]).rstrip("."))
    else:
        mon = int(g["m"])
    return make_range(m.start(), m.end(), int(g["y"]), mon, int(g["d1"]), int(g["d"]))


def make_range(start: int, end: int, y: int | None, mon: int | None, d1: float | None, d2: int | None) -> Hit | None:
    """A run of days in one month ("3-5 March 2023"): an interval of day ordinals."""
    first = make_date(start, end, y, mon, int(d1) if d1 is not None else None)
    last = make_date(start, end, y, mon, d2)
    if not first or not last or first.value is None or last.value is None or not first.value < last.value:
        return None
    return Hit(start, end, "date", None, first.value, last.value,
               normalized=f"{first.normalized}/{last.normalized[-2:]}")


def make_date(start: int, end: int, y: int | None, mon: int | None, d: int | None, *,
              guessed: bool = False) -> Hit | None:
    """A year, month or day reading, or a day and month without a year; None if not a real date."""
    if y is not None and not 1000 <= y <= 2999:
        return None
    if mon is None:
        return Hit(start, end, "year", y, y, y, normalized=str(y)) if y and d is None else None
    if not 1 <= mon <= 12 or (d is not None and not 1 <= d <= calendar.monthrange(y or 2000, mon)[1]):
        return None
    if y is None:
        if d is None:
            return None
        return Hit(start, end, "date", normalized=f"--{mon:02d}-{d:02d}", notes={"md": (mon, d)})
    if d is None:
        first, last = dt.date(y, mon, 1), dt.date(y, mon, calendar.monthrange(y, mon)[1])
        return Hit(start, end, "date", None, first.toordinal(), last.toordinal(), normalized=f"{y}-{mon:02d}")
    o = dt.date(y, mon, d).toordinal()
    return Hit(start, end, "date", o, o, o, guessed=guessed, normalized=f"{y}-{mon:02d}-{d:02d}")


def resolve_years(hits: list[Hit], doc_dates: list[dt.date] | None) -> None:
    """Give a day and month without a year the year that puts it nearest the document's dates.

    News text names a day without its year when it is near the dates the article is about, so the
    candidate years are those of the known dates, one either side; the nearest wins and the reading
    is marked as guessed. With no known dates the year stays open.
    """
    known = [d.date() if isinstance(d, dt.datetime) else d for d in (doc_dates or []) if isinstance(d, dt.date)]
    known += [dt.date.fromordinal(int(h.value)) for h in hits if h.kind == "date" and h.value is not None]
    if not known:
        return
    for h in hits:
        md = h.notes.get("md")
        if h.kind != "date" or h.value is not None or not md:
            continue
        mon, day = md  # type: ignore[misc]
        best = _nearest(mon, day, known)
        if best:
            o = best.toordinal()
            h.value = h.low = h.high = o
            h.guessed = True
            h.normalized = f"{best.isoformat()} (year from document)"


def _nearest(mon: int, day: int, known: list[dt.date]) -> dt.date | None:
    years = {k.year + off for k in known for off in (-1, 0, 1)}
    cands = []
    for y in years:
        try:
            cands.append(dt.date(y, mon, day))
        except ValueError:
            continue
    return min(cands, key=lambda c: (min(abs((c - k).days) for k in known), -c.year), default=None)
