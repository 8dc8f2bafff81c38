"""Numbers with their scale, unit and hedge (rules): "hơn 2.500 tỉ đồng", "$40bn", "более 3 млрд долларов",
"超过5万亿美元", "12,5%", "hai tuần", "40 quốc gia", "10–15 billion", and plain years ("in 2035")."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from factcheck.quantities import format as fmt
from factcheck.quantities.cores import Core, find_cores
from factcheck.quantities.hedges import apply, post_hedge, pre_hedge
from factcheck.quantities.hit import Hit
from factcheck.quantities.lexicon import LETTER, NOT_LETTER_BEFORE, TextInfo, lookup
from factcheck.quantities.units import (CURRENCY_AFTER_RE, CURRENCY_BEFORE_RE, CURRENCY_BEFORE_TABLE,
                                        CURRENCY_TABLE, DURATION_RE, DURATION_TABLE, LETTER_SCALES, PERCENT_RE,
                                        PERCENT_TABLE, SCALE_RE, SCALE_TABLE)
from factcheck.quantities.words import ZH_NUM_CLASS, parse_zh

_WS = r"[ \t\u00a0\u202f]*"
_SOURCES = {  # compiled on first use: large alternations are slow to compile at import
    "scale": f"{_WS}({SCALE_RE})", "percent": f"{_WS}({PERCENT_RE})", "cur_after": f"{_WS}({CURRENCY_AFTER_RE})",
    "duration": f"{_WS}({DURATION_RE})", "cur_before": rf"{NOT_LETTER_BEFORE}({CURRENCY_BEFORE_RE})[ \u00a0]?$",
}
_LETTER_SCALE = re.compile(rf"([kKmMbBtT])(?![{LETTER}])")
_ZH_INFIX = re.compile(r"(多|余|来)")
_COUNTER = re.compile(rf"{_WS}(?:个|名|位|家|座|架|艘|辆|枚|项|条|份|所|"
                      rf"(?:chiếc|con|cái|quả|ngôi|tòa|toà|vụ|lượt|cuộc|bản|căn)(?![{LETTER}]))", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0]*")
_EN_PLURAL = re.compile(r"[ \t]+([a-z]{3,}s)\b")
_NOT_NOUNS = {"times", "less", "unless", "across", "plus", "thus", "this", "those", "these", "versus", "whereas",
              "minus", "bonus", "was", "has", "does", "goes", "is"}
_PERCENT_ZH = re.compile(rf"百分之([{ZH_NUM_CLASS}]+|\d+(?:\.\d+)?)")
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|~|～|to|đến|tới|до|至|到|and|và|и)\s*$", re.IGNORECASE)
_RANGE_FROM = re.compile(r"(?:from|between|từ|giữa|от|между|从|在)\s*$", re.IGNORECASE)
COUNTABLE = {"country", "people", "company", "member", "city", "military", "missile", "drone", "refugees",
             "casualties", "agreement", "bank", "election", "tank"}


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
    if m := _ZH_INFIX.match(text, pos):
        bound, pos = "gt" if m.group(1) != "来" else "approx", m.end()
    scale, pos = _scales(text, pos, attached_letters=bool(cur_before))
    if text.startswith("+", pos):  # "5,000+ people"
        bound, pos = "gt", pos + 1
    kind, unit, end, noun = _unit(text, pos, lang, concepts)
    if cur_before and kind in ("number", "count"):  # "$5m deal": the currency wins, the noun stays out
        kind, unit, end, noun = "amount", str(lookup(CURRENCY_BEFORE_TABLE, cur_before.group(1)) or ""), pos, ""
        start = cur_before.start()
    pos = end
    if core.words and scale == 1 and kind == "number":
        return None  # "one", "ba", "три" alone are words, not figures
    value *= scale
    if not math.isfinite(value):
        return None
    kind = _maybe_year(core, kind, scale, value)
    if (post := post_hedge(text, pos)) and kind not in ("year",):
        bound, pos = post[0], post[1]
    if (pre := pre_hedge(text, start)) and kind != "year":
        bound, start = pre[0], pre[1]
    low, high, approx = apply(bound, value)
    h = Hit(start, pos, kind, value, low, high, unit=unit or None, approximate=approx, guessed=core.guessed,
            notes={"bound": bound, "core": (core.start, core.end), "noun": noun, "scale": scale})
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


def _unit(text: str, pos: int, lang: str, concepts: dict[int, tuple[int, str]]) -> tuple[str, str, int, str]:
    """(kind, unit, end, counted noun concept) of what follows a number."""
    if m := _re("percent").match(text, pos):
        return "percent", str(lookup(PERCENT_TABLE, m.group(1))), m.end(), ""
    if m := _re("cur_after").match(text, pos):
        return "amount", str(lookup(CURRENCY_TABLE, m.group(1))), m.end(), ""
    if m := _re("duration").match(text, pos):
        return "duration", str(lookup(DURATION_TABLE, m.group(1))), m.end(), ""
    counter = _COUNTER.match(text, pos)
    after = counter.end() if counter else pos
    nxt = _SPACES.match(text, after).end()  # type: ignore[union-attr]
    if nxt in concepts and concepts[nxt][1] in COUNTABLE:
        return "count", "count", concepts[nxt][0], concepts[nxt][1]
    if counter:
        return "count", "count", counter.end(), ""
    if lang == "en" and (m := _EN_PLURAL.match(text, pos)) and m.group(1) not in _NOT_NOUNS:
        return "count", "count", m.end(), m.group(1)
    return "number", "", pos, ""


def _maybe_year(core: Core, kind: str, scale: float, value: float) -> str:
    if kind == "number" and core.plain_int and scale == 1 and 1800 <= value <= 2100 and not core.words:
        return "year"
    return kind


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
        else:
            out.append(h)
    return out


def _join(text: str, a: Hit, b: Hit) -> Hit | None:
    gap = text[a.end: b.start]
    if b.notes.get("bound") == "le" and not gap.strip():  # "от 10 до 15": "до" was read as b's hedge
        gap = text[a.end: b.notes["core"][0]]  # type: ignore[index]
    if not _RANGE_JOIN.match(gap) or a.notes.get("bound") or a.value is None or b.value is None:
        return None
    frm = _RANGE_FROM.search(text, max(0, a.start - 12), a.start)
    if gap.strip().lower() in ("and", "và", "и") and not frm:
        return None
    if a.kind not in (b.kind, "number") or (a.unit and a.unit != b.unit):
        return None
    low = a.value * b.notes["scale"] if a.notes["scale"] == 1 else a.value  # type: ignore[operator]
    if not low < b.value:
        return None
    notes = {"bound": None, "core": a.notes["core"], "noun": b.notes.get("noun"), "scale": b.notes["scale"]}
    h = Hit(frm.start() if frm else a.start, b.end, b.kind, None, low, b.value, unit=b.unit,
            guessed=a.guessed or b.guessed, notes=notes)
    h.normalized = normalize(h)
    return h


def normalize(h: Hit) -> str:
    """The human reading of an amount, percentage, duration, count, number or year."""
    if h.kind == "year":
        return f"{h.low:.0f}–{h.high:.0f}" if h.value is None else f"{h.value:.0f}"
    unit = h.unit or ""
    if h.kind == "count":
        unit = f"({h.notes.get('noun') or 'count'})"
    return fmt.quantity(h.value, h.low, h.high, h.notes.get("bound"), unit)  # type: ignore[arg-type]
