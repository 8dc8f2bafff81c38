"""Dates for stand-alone claims: the document's reference date, and years for days written without one."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from factcheck.errors import InputError
from factcheck.schema import Span

EN_MONTHS = "january february march april may june july august september october november december".split()
RU_MONTHS = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()
_EN_MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?"

# Full dates, used to infer the reference date when none is given: (pattern, group order day/month/year).
_FULL = [
    (re.compile(r"(?<![\d.])(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d{2})(?!\d)"), "dmy"),
    (re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)"), "ymd"),
    (re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]"), "ymd"),
]


@dataclass(frozen=True)
class Edit:
    """Replace source text [start, end) by `new` when a claim's text is rendered."""

    start: int
    end: int
    new: str


def parse_published(published: dt.date | str | None) -> dt.date | None:
    """A date from a date, an ISO string ("2025-01-01") or None."""
    if published is None or isinstance(published, dt.date):
        return published.date() if isinstance(published, dt.datetime) else published
    try:
        return dt.date.fromisoformat(str(published).strip()[:10])
    except ValueError as exc:
        raise InputError(f"published must be an ISO date like 2025-01-01; got {published!r}.") from exc


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def latest_full_date(text: str) -> dt.date | None:
    """The latest complete date written in `text` (a stand-in for a missing publication date)."""
    found = []
    for pat, order in _FULL:
        for m in pat.finditer(text):
            a, b, c = (int(g) for g in m.groups())
            found.append(_safe_date(c, b, a) if order == "dmy" else _safe_date(a, b, c))
    found = [d for d in found if d is not None]
    return max(found) if found else None


def year_for(month: int, day: int, ref: dt.date) -> int | None:
    """The year of the latest such day not after `ref` (news reports what has happened)."""
    if _safe_date(2000, month, day) is None:  # 2000 is a leap year, so 29 Feb is allowed
        return None
    candidate = _safe_date(ref.year, month, day)
    return ref.year if candidate is not None and candidate <= ref else ref.year - 1


@lru_cache(maxsize=None)
def _day_patterns(lang: str) -> list[tuple[re.Pattern[str], str]]:
    """Patterns of a day without a year; the kind says how to read the groups and add the year."""
    if lang == "vi":
        cue = r"(?:ngày|hôm|sáng|trưa|chiều|tối|đêm|rạng sáng|từ|đến|tới)\s+"
        return [
            (re.compile(rf"{cue}(\d{{1,2}})([./])(\d{{1,2}})(?![\d]|[./]\d)", re.IGNORECASE), "dm_sep"),
            (re.compile(r"(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})(?!\s*(?:năm|[./,]\s*\d)|\d)"), "dm_vi"),
        ]
    if lang == "ru":
        months = "|".join(RU_MONTHS)
        return [(re.compile(rf"(?<!\d)(\d{{1,2}})\s+({months})(?!\s+\d{{4}})"), "d_month_ru")]
    if lang == "zh":
        return [(re.compile(r"(?<![年\d])(\d{1,2})月(\d{1,2})[日号]"), "md_zh")]
    return [
        (re.compile(rf"\b{_EN_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+\d{{4}})"), "month_d_en"),
        (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_EN_MONTH}(?!\s*,?\s*\d{{4}})"), "d_month_en"),
    ]


def _month_en(name: str) -> int:
    return next(i + 1 for i, m in enumerate(EN_MONTHS) if m.startswith(name.lower().rstrip(".")[:3]))


def _edit(m: re.Match[str], kind: str, ref: dt.date) -> Edit | None:
    g = m.groups()
    if kind == "dm_sep":
        day, month = int(g[0]), int(g[2])
    elif kind in ("dm_vi",):
        day, month = int(g[0]), int(g[1])
    elif kind == "d_month_ru":
        day, month = int(g[0]), RU_MONTHS.index(g[1]) + 1
    elif kind == "md_zh":
        month, day = int(g[0]), int(g[1])
    elif kind == "month_d_en":
        month, day = _month_en(g[0]), int(g[1])
    else:
        day, month = int(g[0]), _month_en(g[1])
    year = year_for(month, day, ref)
    if year is None:
        return None
    suffix = {"dm_sep": f"{g[1]}{year}", "dm_vi": f" năm {year}", "d_month_ru": f" {year} года",
              "month_d_en": f", {year}", "d_month_en": f" {year}"}
    written = m.string[m.start(1) : m.end()]
    if kind == "md_zh":
        return Edit(m.start(1), m.end(), f"{year}年{written}")
    return Edit(m.start(1), m.end(), written + suffix[kind])


def date_edits(text: str, piece: Span, lang: str, ref: dt.date | None) -> list[Edit]:
    """Edits that add the year to each day written without one inside `piece`."""
    if ref is None:
        return []
    edits = []
    for pat, kind in _day_patterns(lang):
        for m in pat.finditer(text, piece.start, piece.end):
            e = _edit(m, kind, ref)
            if e is not None:
                edits.append(e)
    return edits
