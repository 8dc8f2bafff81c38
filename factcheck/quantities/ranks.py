"""Ranks, shares and ordinals (rules): "12th out of 40", "thứ 12 trong số 40", "12-е место из 40",
"在40个国家中排名第12位", "top 10", "lần thứ 5", "пятый", "第5届", "thế kỷ XX"."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from factcheck.quantities.hit import Hit
from factcheck.quantities.lexicon import NOT_LETTER_AFTER, NOT_LETTER_BEFORE, TextInfo, alternation
from factcheck.quantities.words import (EN_CARD, EN_ORD, VI_ORD_WORD_RE, ZH_NUM_CLASS, parse_en, ru_ord_pattern,
                                        parse_ru, parse_vi, parse_zh)

_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_ORD_RE = (rf"(?:(?:{alternation(_TENS)})[\s-])?(?:{alternation(EN_ORD)})")
_EN_CARD_RE = (rf"(?:(?:{alternation(_TENS)})[\s-])?(?:{alternation(EN_CARD)})")
_ORD_D = rf"(?:\d{{1,4}}(?:st|nd|rd|th){NOT_LETTER_AFTER})"
_ORD_W = rf"(?:\d{{1,4}}(?:st|nd|rd|th){NOT_LETTER_AFTER}|{NOT_LETTER_BEFORE}{_EN_ORD_RE})"
_NUM_D = r"(?:\d{1,3}(?:[,.\u00a0 ]\d{3})+|\d+)"
_NUM_W = rf"(?:\d{{1,3}}(?:[,.\u00a0 ]\d{{3}})+|\d+|{NOT_LETTER_BEFORE}{_EN_CARD_RE})"
ZN = rf"(?:\d+|[{ZH_NUM_CLASS}]{{1,6}})"
ROMAN = r"(?-i:[IVXLC]{1,7})"
_ZR = rf"(?:第(?P<r>{ZN})|(?P<rd>\d+))"  # Chinese numerals only after 第: "排名一般" is no rank
_VI_RANK_CUE = r"(?:xếp hạng|xếp|đứng|hạng|vị trí|nằm ở|giữ|chiếm|leo lên|tụt xuống|lọt|ở)"
_VI_ORD_NOUN = (r"(?:lần|kỳ|khóa|khoá|phiên|vòng|đợt|nước|quốc gia|người|vị trí|hạng|xếp|đứng|năm|đời|"
                r"thế hệ|giải|mùa|chương|điều)")
_RU_SUFFIX = r"(?:-?(?:е|й|м|го|ом|ое|ый|ий|ой|ая|ую|ем|му))?"
_RU_TOPS = {"тройк": 3, "пятерк": 5, "пятёрк": 5, "десятк": 10, "двадцатк": 20, "сотн": 100}


def _int(s: str | None) -> float | None:
    """Digits (with group separators), English/Vietnamese/Russian words, Chinese numerals or Roman."""
    if not s:
        return None
    s = s.strip()
    digits = re.sub(r"(?<=\d)[,.\u00a0 ](?=\d{3})", "", s)
    m = re.match(r"\d+", digits)
    if m:
        return float(m.group(0))
    for parse in (parse_zh, parse_vi, _roman):
        v = parse(s)
        if v is not None:
            return v
    for parse2 in (parse_en, parse_ru):
        r = parse2(s)
        if r is not None:
            return r[0]
    return None


def _roman(s: str) -> float | None:
    vals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    if not s or any(c not in vals for c in s):
        return None
    total = sum(-vals[a] if vals[a] < vals[b] else vals[a] for a, b in zip(s, s[1:]))
    return float(total + vals[s[-1]])


def _start(m: re.Match[str]) -> int:
    # An English verb ("ranks") stays outside the span; other cues ("xếp thứ", "第") are part of it.
    return m.start("r") if "verb" in m.re.groupindex else m.start()


def _rank(m: re.Match[str], r: float | None, of: float | None = None, *, ordinal_form: bool = True) -> Hit | None:
    if r is None or r <= 0 or (of is not None and (of < r or of <= 0)):
        return None
    return Hit(_start(m), m.end(), "rank", r, r, r, of=of, notes={"ordinal_form": ordinal_form})


def _top(m: re.Match[str], n: float | None) -> Hit | None:
    if n is None or n <= 0:
        return None
    return Hit(m.start(), m.end(), "rank", None, 1.0, n, notes={"top": n})


def _ordinal(m: re.Match[str], r: float | None) -> Hit | None:
    if r is None or r < 0:
        return None
    return Hit(_start(m), m.end(), "ordinal", r, r, r)


def _of(m: re.Match[str]) -> float | None:
    return _int(m.groupdict().get("of") or m.groupdict().get("of2"))


_Reader = Callable[[re.Match[str]], "Hit | None"]


_VI_BEFORE_THU = re.compile(  # what stands before "thứ N": a ranking verb makes it a rank
    rf"(?:(?P<cue>{_VI_RANK_CUE})\s+(?:ở\s+)?(?:vị\s+trí\s+)?|{NOT_LETTER_BEFORE}{_VI_ORD_NOUN}\s+)$",
    re.IGNORECASE)


def _vi_thu(m: re.Match[str]) -> Hit | None:
    # The regex starts at "thứ" (fast to scan); the words before it are read here, on a short window.
    r, of = _int(m.group("r")), _of(m)
    before = _VI_BEFORE_THU.search(m.string, max(0, m.start() - 30), m.start())
    start = before.start() if before else m.start()
    if (before and before.group("cue")) or of is not None:
        h = _rank(m, r, of)
    else:
        h = _ordinal(m, r)
    if h:
        h.start = start
    return h


def _ru_top(m: re.Match[str]) -> Hit | None:
    word = m.group("w").lower()
    return _top(m, next((float(v) for k, v in _RU_TOPS.items() if word.startswith(k)), None))


_EN_RANK_VERBS = frozenset({"ranks", "ranked", "placed", "came", "finished", "finishes", "stands", "stand", "sits",
                            "sit"})


@lru_cache(maxsize=2)
def _patterns(with_words: bool) -> list[tuple[re.Pattern[str], _Reader, object]]:
    """(regex, reader, trigger); the trigger ("cyr", "cjk", or words of which one must occur) lets a
    pattern be skipped on text that cannot match it; `with_words` adds English number words."""
    ORD = _ORD_W if with_words else _ORD_D  # noqa: N806
    NUM = _NUM_W if with_words else _NUM_D  # noqa: N806
    TOPN = rf"\d{{1,3}}|{_EN_CARD_RE}" if with_words else r"\d{1,3}"  # noqa: N806
    specs: list[tuple[str, _Reader, object]] = [
        # English
        (rf"{NOT_LETTER_BEFORE}(?P<verb>rank(?:s|ed)|placed|came|finish(?:es|ed)?|stands?\s+at|sits?\s+at)\s+"
         rf"(?:at\s+|in\s+)?(?:the\s+)?(?:No\.?\s*|number\s+)?(?P<r>{ORD}|(?<=ranks |anked )\d+)"
         rf"(?:\s+(?:place|position|spot))?(?:\s+(?:out\s+of|of|among)\s+(?P<of>{NUM}))?",
         lambda m: _rank(m, _int(m.group("r")), _of(m), ordinal_form=bool(re.search("[a-z]$", m.group("r")))),
         _EN_RANK_VERBS),
        (rf"(?P<r>{ORD})\s+(?:place|position|spot)(?:\s+(?:out\s+of|of|among)\s+(?P<of>{NUM}))?",
         lambda m: _rank(m, _int(m.group("r")), _of(m)), frozenset({"place", "position", "spot"})),
        (rf"(?P<r>{ORD})\s+(?:out\s+of|of|among)\s+(?P<of>{NUM}){NOT_LETTER_AFTER}",
         lambda m: _rank(m, _int(m.group("r")), _of(m)), frozenset({"of", "among"})),
        (rf"(?<![\d.,])(?P<r>{NUM})\s+out\s+of\s+(?P<of>{NUM}){NOT_LETTER_AFTER}",
         lambda m: _rank(m, _int(m.group("r")), _of(m), ordinal_form=False), frozenset({"out"})),
        (r"(?:\bNo\.\s?|#)(?P<r>\d{1,3})(?!\d)", lambda m: _rank(m, _int(m.group("r"))), None),
        (rf"{NOT_LETTER_BEFORE}(?:top|tốp|топ)[\s-]*(?P<n>{TOPN}){NOT_LETTER_AFTER}(?!\s*%)",
         lambda m: _top(m, _int(m.group("n"))), frozenset({"top", "tốp", "топ"})),
        (rf"(?P<r>{ORD})", lambda m: _ordinal(m, _int(m.group("r"))), None),
        # Vietnamese
        (rf"{NOT_LETTER_BEFORE}thứ\s+(?P<r>\d{{1,4}})(?:\s*/\s*(?P<of>\d+)|\s+(?:trong\s+(?:số|tổng\s+số)|"
         rf"trên(?:\s+tổng\s+số)?|/)\s+(?P<of2>\d+))?(?![\d.,]\d)", _vi_thu, frozenset({"thứ"})),
        (rf"{NOT_LETTER_BEFORE}hạng\s+(?P<r>\d{{1,4}})(?:\s*/\s*(?P<of>\d+)|\s+(?:trong\s+số|trên)\s+(?P<of2>\d+))?",
         lambda m: _rank(m, _int(m.group("r")), _of(m)), frozenset({"hạng"})),
        (rf"{NOT_LETTER_BEFORE}(?P<cue>{_VI_ORD_NOUN})\s+thứ\s+(?P<r>{VI_ORD_WORD_RE}){NOT_LETTER_AFTER}",
         _vi_thu_word, frozenset({"thứ"})),
        (rf"{NOT_LETTER_BEFORE}thế\s+k[ỷỉ]\s+(?P<r>\d{{1,2}}|{ROMAN}){NOT_LETTER_AFTER}",
         lambda m: _ordinal(m, _int(m.group("r"))), frozenset({"kỷ", "kỉ"})),
        # Russian
        (rf"(?<![\d.,])(?P<r>\d{{1,4}}|{ru_ord_pattern()}){_RU_SUFFIX}\s+мест(?:о|е|а|ом|у){NOT_LETTER_AFTER}"
         rf"(?:\s+(?:из|среди)\s+(?P<of>\d+))?", lambda m: _rank(m, _int(m.group("r")), _of(m)), "cyr"),
        (r"(?i:перв(?:ой|ую|ая|ые|ых))\s+(?P<w>тройк|пят[её]рк|десятк|двадцатк|сотн)\w*", _ru_top, "cyr"),
        (rf"(?<![\d.,])(?P<r>\d{{1,4}})-(?:й|го|е|я|м|му|ом|ой|ое|ый|ий|ая|ую|ых|ые|х){NOT_LETTER_AFTER}",
         lambda m: _ordinal(m, _int(m.group("r"))), "cyr"),
        (rf"(?P<r>{ROMAN})\s+(?:век|века|веке|столети\w*){NOT_LETTER_AFTER}",
         lambda m: _ordinal(m, _int(m.group("r"))), "cyr"),
        (ru_ord_pattern(), lambda m: _ordinal(m, _ru_ord(m.group(0))), "cyr"),
        # Chinese
        (rf"在?(?P<of>{ZN})(?:个|家|名)?[\u4e00-\u9fff]{{0,6}}?(?:之中|中|里)[，,]?\s*"
         rf"(?:排名|排在|排|位列|位居|名列|居){_ZR}(?:位|名)?",
         lambda m: _rank(m, _int(m.group("r") or m.group("rd")), _of(m)), "cjk"),
        (rf"(?:排名|位列|位居|名列|排在|排|居){_ZR}(?:位|名)?",
         lambda m: _rank(m, _int(m.group("r") or m.group("rd"))), "cjk"),
        (rf"第(?P<r>{ZN})(?:位|名)", lambda m: _rank(m, _int(m.group("r"))), "cjk"),
        (rf"(?:(?:排名|跻身|进入|位列|位居)前(?P<n>{ZN})(?:名|位|强)?|(?<![目之以提])前(?P<n2>{ZN})(?:名|位|强))",
         lambda m: _top(m, _int(m.group("n") or m.group("n2"))), "cjk"),
        (rf"第(?P<r>{ZN})(?:届|次|个|轮|号|季|期|批|代|任|天|年|章|条|部|场)?",
         lambda m: _ordinal(m, _int(m.group("r"))), "cjk"),
        # Shares written with a slash: "12/40" (a field above 12, so no day/month)
        (r"(?<![\d./])(?P<r>\d{1,3})/(?P<of>\d{2,4})(?![\d/])", _slash, None),
    ]
    return [(re.compile(p, re.IGNORECASE), f, t) for p, f, t in specs]


def _vi_thu_word(m: re.Match[str]) -> Hit | None:
    words = m.group("r").split()
    value = {"nhất": 1.0, "nhì": 2.0, "tư": 4.0}.get(words[0].lower()) if len(words) == 1 else None
    value = value if value is not None else parse_vi(m.group("r"))
    cue = m.group("cue").lower()
    if cue in ("xếp", "đứng", "hạng", "vị trí"):
        return _rank(m, value)
    return _ordinal(m, value)


def _ru_ord(text: str) -> float | None:
    r = parse_ru(text)
    return r[0] if r and r[1] else None


def _slash(m: re.Match[str]) -> Hit | None:
    r, of = _int(m.group("r")), _int(m.group("of"))
    if r is None or of is None or of <= 12 or 1900 <= of <= 2100:
        return None
    return _rank(m, r, of, ordinal_form=False)


def find_ranks(text: str, info: TextInfo | None = None) -> list[Hit]:
    """Every rank, share or ordinal in the text (overlaps are resolved by the caller)."""
    info = info or TextInfo(text)
    hits = []
    for rx, read, trigger in _patterns(info.has_any(_EN_NUMBER_WORDS)):
        if not _triggered(trigger, info):
            continue
        for m in rx.finditer(text):
            h = read(m)
            if h:
                hits.append(h)
    return hits


_EN_NUMBER_WORDS = frozenset(EN_CARD) | frozenset(EN_ORD)


def _triggered(trigger: object, info: TextInfo) -> bool:
    if trigger is None:
        return True
    if trigger == "cyr":
        return info.cyrillic
    if trigger == "cjk":
        return info.cjk
    return info.has_any(trigger)  # type: ignore[arg-type]
