"""Times of day in vi/en/ru/zh: "5 a.m.", "lúc 5 giờ sáng", "17h30", "в 5 часов утра", "下午3点".

A time of day is its own kind of figure ("clock"): read as a duration ("5 giờ" is also "5 hours") or as a bare number
it would be compared with durations and counts. Its value is the hour of the day, minutes as a fraction
(17h30 -> 17.5). The unit says how much is known: "24h" when the text fixes the half of the day (a period word such
as "p.m.", "chiều", "вечера", "下午", or an hour past 12), "12h" when it does not ("at 5 o'clock", "lúc 5 giờ"); two
times compare on the 12-hour dial when either is "12h". Rules only, in a word table per language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from factcheck.quantities.hit import Hit
from factcheck.quantities.lexicon import LETTER

# Period words by language, and how each moves an hour of the 12-hour dial ("am": as written, 12 -> 0; "pm": +12
# below 12; "noon": +12 for 1-5 ("1 giờ trưa", "2 часа дня"); "night": +12 for 9-11 ("11 giờ đêm"), as written for
# 1-5, 12 -> 0).
_PERIODS = {
    "en": {"a.m.": "am", "am": "am", "p.m.": "pm", "pm": "pm"},
    "vi": {"sáng": "am", "chiều": "pm", "tối": "pm", "trưa": "noon", "đêm": "night", "khuya": "night"},
    "ru": {"утра": "am", "вечера": "pm", "дня": "noon", "ночи": "night"},
    "zh": {"早上": "am", "上午": "am", "凌晨": "am", "清晨": "am", "早晨": "am", "下午": "pm", "晚上": "pm", "傍晚": "pm",
           "中午": "noon", "夜里": "night", "半夜": "night"},
}
_PERIOD_OF = {w: p for words in _PERIODS.values() for w, p in words.items()}


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_LATIN_PERIOD, _VI_PERIOD, _RU_PERIOD, _ZH_PERIOD = (_alt(_PERIODS[lang]) for lang in ("en", "vi", "ru", "zh"))
_END = rf"(?![{LETTER}\d])"
_HOUR = r"(?P<h>[01]?\d|2[0-4])"
_MIN = r"(?P<m>[0-5]\d)"

_PATTERNS = {
    "en": [
        rf"(?<![\d.,:]){_HOUR}(?:(?:[:.]|:\s){_MIN})?\s*(?P<p>{_LATIN_PERIOD}){_END}",  # 5 a.m., 10:30 pm, 10: 30 pm
        rf"(?<![\d.,:]){_HOUR}(?:[:.]{_MIN})?\s*o['’]clock{_END}",  # 5 o'clock
        rf"(?<=\bat ){_HOUR}:{_MIN}{_END}",  # at 17:30
    ],
    "vi": [
        rf"(?<![\d.,:]){_HOUR}\s*(?:giờ|h)(?:\s*{_MIN}(?:\s*phút)?)?\s+(?P<p>{_VI_PERIOD}){_END}"
        r"(?!\s+(?:đa|thiểu|kiến|tạo|suốt)\b)",  # 5 giờ sáng (not "5 giờ tối đa": five hours at most)
        rf"(?<=\blúc )(?:khoảng |chừng )?{_HOUR}\s*(?:giờ|h)(?:\s*{_MIN}(?:\s*phút)?)?{_END}",  # lúc 5 giờ, lúc 17h30
        rf"(?<![\d.,:]){_HOUR}h{_MIN}{_END}",  # 17h30
        # 10:30 tối; transcripts also write "10: 30 tối"
        rf"(?<![\d.,:]){_HOUR}:\s?{_MIN}\s*(?P<p>{_VI_PERIOD}){_END}",
        rf"(?<=\b(?:lúc|vào) ){_HOUR}:{_MIN}{_END}",  # lúc 17:30
    ],
    "ru": [
        rf"(?<![\d.,:]){_HOUR}(?::{_MIN})?\s*час(?:а|ов)?\s+(?P<p>{_RU_PERIOD}){_END}",  # 5 часов утра
        # "в 5 утра"; without "в", "3 ночи" is three nights and "2 дня" two days
        rf"(?<=\b[вВ] ){_HOUR}(?::{_MIN})?\s+(?P<p>{_alt(set(_PERIODS['ru']) - {'дня'})}){_END}",
        rf"(?<=\b[вВ] ){_HOUR}:{_MIN}{_END}",  # в 17:30
    ],
    "zh": [
        rf"(?P<p>{_ZH_PERIOD})\s*{_HOUR}\s*[点點](?:\s*{_MIN}\s*分|(?P<half>半))?(?:钟)?",  # 下午3点, 早上5点半
        rf"(?<!\d){_HOUR}\s*[点點](?:\s*(?P<m>[0-5]?\d)\s*分|(?P<half>半)|钟)",  # 3点15分, 5点钟
    ],
}
_COMPILED = {lang: [re.compile(p, re.IGNORECASE) for p in pats] for lang, pats in _PATTERNS.items()}
# Languages whose plain "17:30" / "5:00" is on the 24-hour clock ("в 5:00" is five in the morning).
_TWENTY_FOUR = {"vi", "ru", "zh"}


def find_clock_times(text: str, lang: str) -> list[Hit]:
    """Every time of day in `text`, as "clock" hits; the patterns of every language run (a quote in English may
    stand in a Vietnamese document), and of two overlapping readings the longer stays."""
    out: list[Hit] = []
    for pat_lang, patterns in _COMPILED.items():
        for rx in patterns:
            for m in rx.finditer(text):
                h = _hit(m, pat_lang)
                if h is not None and not any(o.start < h.end and h.start < o.end for o in out):
                    out.append(h)
    return sorted(out, key=lambda h: h.start)


def _hit(m: re.Match[str], lang: str) -> Hit | None:
    groups = m.groupdict()
    hour = int(groups["h"])
    minute = 30 if groups.get("half") else int(groups.get("m") or 0)
    period = _PERIOD_OF.get((groups.get("p") or "").lower())
    if hour > 24 or (period and hour > 12):
        return None
    if period:
        hour = _on_the_day(hour, period)
    elif hour == 24:
        hour = 0
    known = period is not None or hour > 12 or hour == 0 or (":" in m.group(0) and lang in _TWENTY_FOUR)
    value = hour + minute / 60
    unit = "24h" if known else "12h"
    h = Hit(m.start(), m.end(), "clock", value, value, value, unit=unit, notes={"lang": lang})
    h.normalized = f"{hour:02d}:{minute:02d}" if known else f"{hour}:{minute:02d} (a.m. or p.m.)"
    return h


def _on_the_day(hour: int, period: str) -> int:
    if period == "am":
        return 0 if hour == 12 else hour
    if period == "pm":
        return hour if hour == 12 else hour + 12
    if period == "noon":
        return hour + 12 if 1 <= hour <= 5 else hour
    return 0 if hour == 12 else hour + 12 if 9 <= hour <= 11 else hour  # night
