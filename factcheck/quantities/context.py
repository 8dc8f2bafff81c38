"""The words around a figure that say what it is about: concept ids plus nearby content words."""

from __future__ import annotations

import bisect
import re

from factcheck.quantities.hit import Hit
from factcheck.quantities.lexicon import LETTER, TextInfo

_SENTENCE_END = re.compile(r"[.!?;](?=\s)|[。！？；\n]")
_WINDOW = {"vi": 14, "en": 8, "ru": 8}  # words either side of a figure
_CJK_WINDOW = 14  # characters either side, for Chinese
_WORD_BEFORE = re.compile(rf"([{LETTER}]+|[\u3400-\u9fff]{{1,2}})[ \t\u00a0-]*$")
_WORD_AFTER = re.compile(rf"[ \t\u00a0-]*([{LETTER}]+|[\u3400-\u9fff]{{1,2}})")
_NEIGHBOUR_REACH = 3  # words looked at on each side for the nearest content word, within the clause
_STOP = set("""
the a an of to in on at for by with from and or is are was were be been being has have had it its this that these
those as than could would may might will shall can should which who whom not no but also said says about over more
less after before into out up than their there they them he she his her we our you your i all any some such per
của và các những là có được trong với cho này đã sẽ để từ tại theo về một như khi thì mà ở ra vào lên cũng nhiều hơn
trên dưới không nhưng đó nay hôm ngày năm tháng rằng cùng bị do nên nếu vì ông bà đang vẫn rất lại chỉ sự việc kia
thể gồm đến tới hiện nên còn thêm nhau mình cả
и в во на с со по к ко о об от до из за для что это как не но а же ли бы был была было были быть его ее их он она
они мы вы я также котор при под над более менее около года году год этом этого
""".split())
STOP_WORDS = frozenset(_STOP)


def build_contexts(text: str, hits: list[Hit], info: TextInfo,
                   concepts: list[tuple[int, int, str]], lang: str) -> list[str]:
    """One context string per hit: "@concept ... word ..." from a window of the hit's sentence.

    Words that name a concept are kept only as the concept id, so that "GDP" counts once. Four kinds
    of marked tokens follow: "^CC" for the country a rank is of (its ISO code), "=lang:noun" for the counted
    noun of a count, "<word" and ">word" for the content words right before and after the figure (what a bare
    number is a number of).
    """
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    # The counted noun of a count ("31 confirmed cases") stays a context word of the figures around it.
    skip = sorted([(h.start, int(h.notes.get("noun_start") or h.end)) for h in hits]  # type: ignore[call-overload]
                  + [(s, e) for s, e, _ in concepts])
    tokens = _tokens(info, skip)
    token_starts = [t[0] for t in tokens]
    word_starts = [w.start() for w in info.words]
    concepts = sorted(concepts)
    concept_starts = [c[0] for c in concepts]
    out = []
    for h in hits:
        i = bisect.bisect_left(ends, h.start + 1)
        s0 = ends[i - 1] if i > 0 else 0
        s1 = next((e for e in ends[i:] if e >= h.end), len(text))
        a, b = _window(h, info, word_starts, lang)
        a, b = max(a, s0), min(b, s1)
        lo, hi = bisect.bisect_left(concept_starts, a), bisect.bisect_left(concept_starts, b)
        found = sorted({c for _, _, c in concepts[lo:hi]})
        near = tokens[bisect.bisect_left(token_starts, a): bisect.bisect_left(token_starts, b)]
        prev_end = max((o.end for o in hits if o.end <= h.start), default=0) if h.kind in _POSITION_KINDS else 0
        marked = _marked(text, h, lang, prev_end)
        out.append(" ".join([f"@{c}" for c in found] + list(dict.fromkeys(t[1] for t in near)) + marked))
    return out


_SUBJECT_REACH = {"zh": 12}  # characters before a rank in which its subject is looked for (others: _SUBJECT_CHARS)
_SUBJECT_CHARS = 40
_CLAUSE_BREAK = re.compile(r"[.!?;:,，、。！？；：\n]")
_POSITION_KINDS = ("rank", "ordinal")


def _subject(text: str, h: Hit, lang: str, prev_end: int) -> str:
    """The ISO code of the country a rank is of: the nearest country named just before it in its clause
    ("Russia ranks 31st", "Nga xếp thứ 31", "俄罗斯排名第31"), with no other figure between; "" if none."""
    from factcheck.extract.entities import country_code, country_pattern

    pat = country_pattern(lang)
    if pat is None:
        return ""
    lo = max(prev_end, h.start - _SUBJECT_REACH.get(lang, _SUBJECT_CHARS))
    found = list(pat.finditer(text, lo, h.start))
    if not found:
        return ""
    m = found[-1]
    if _CLAUSE_BREAK.search(text, m.end(), h.start):
        return ""
    return country_code(m.group(), lang) or ""


def _marked(text: str, h: Hit, lang: str, prev_end: int = 0) -> list[str]:
    out = []
    if h.kind in _POSITION_KINDS and (code := _subject(text, h, lang, prev_end)):
        out.append("^" + code)
    if noun := h.notes.get("noun"):
        out.append(f"={h.notes.get('lang') or lang}:{str(noun).lower()}")
    if w := _neighbour(text, h.start, before=True):
        out.append("<" + w)
    if w := _neighbour(text, h.end, before=False):
        out.append(">" + w)
    return out


def _neighbour(text: str, pos: int, before: bool) -> str:
    """The nearest content word beside `pos`, past at most two function words, not past punctuation."""
    for _ in range(_NEIGHBOUR_REACH):
        m = (_WORD_BEFORE.search(text, max(0, pos - 40), pos) if before else _WORD_AFTER.match(text, pos))
        if not m:
            return ""
        if w := _content(m.group(1)):
            return w
        pos = m.start() if before else m.end()
    return ""


def _content(word: str) -> str:
    k = word.lower().replace("ё", "е")
    if "\u3400" <= k[0] <= "\u9fff":
        return k
    return k[:6] if len(k) >= 2 and k not in _STOP else ""


def _window(h: Hit, info: TextInfo, word_starts: list[int], lang: str) -> tuple[int, int]:
    """Character bounds of the words around a hit: `_WINDOW` words, or characters for Chinese."""
    if lang == "zh" or (info.cjk and not word_starts):
        return h.start - _CJK_WINDOW, h.end + _CJK_WINDOW
    width = _WINDOW.get(lang, 8)
    lo = bisect.bisect_left(word_starts, h.start)
    hi = bisect.bisect_left(word_starts, h.end)
    a = word_starts[max(0, lo - width)] if lo > 0 else h.start
    b_idx = min(len(word_starts), hi + width) - 1
    b = info.words[b_idx].end() if b_idx >= hi else h.end
    return min(a, h.start), max(b, h.end)


def _tokens(info: TextInfo, skip: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """(offset, token) for content words outside figures and concept names; Chinese runs -> bigrams."""
    starts = [s for s, _ in skip]

    def inside(pos: int) -> bool:
        j = bisect.bisect_right(starts, pos) - 1
        return any(s <= pos < e for s, e in skip[max(0, j - 3): j + 1])

    out = []
    for m, k in zip(info.words, info.keys):
        if "\u3400" <= k[0] <= "\u9fff":
            out.extend((m.start() + i, k[i: i + 2]) for i in range(max(1, len(k) - 1))
                       if not inside(m.start() + i) and not inside(m.start() + i + len(k[i: i + 2]) - 1))
        elif len(k) >= 2 and k not in _STOP and not inside(m.start()):
            out.append((m.start(), k[:6]))
    return out
