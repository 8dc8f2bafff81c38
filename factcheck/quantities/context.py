"""The words around a figure that say what it is about: concept ids plus nearby content words."""

from __future__ import annotations

import bisect
import re

from factcheck.quantities.hit import Hit
from factcheck.quantities.lexicon import TextInfo

_SENTENCE_END = re.compile(r"[.!?;](?=\s)|[。！？；\n]")
_WINDOW = {"vi": 10, "en": 8, "ru": 8, "zh": 12}
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


def build_contexts(text: str, hits: list[Hit], info: TextInfo,
                   concepts: list[tuple[int, int, str]], lang: str) -> list[str]:
    """One context string per hit: "@concept ... word ..." from the hit's sentence, nearest first.

    Words that name a concept are kept only as the concept id, so that "GDP" counts once."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    tokens = _tokens(info, hits + [Hit(s, e, "concept") for s, e, _ in concepts])
    starts = [t[0] for t in tokens]
    width = _WINDOW.get(lang, 8)
    out = []
    for h in hits:
        i = bisect.bisect_left(ends, h.start + 1)
        s0 = ends[i - 1] if i > 0 else 0
        s1 = next((e for e in ends[i:] if e >= h.end), len(text))
        lo = bisect.bisect_left(starts, s0)
        mid = bisect.bisect_left(starts, h.start)
        hi = bisect.bisect_left(starts, s1)
        near = tokens[max(lo, mid - width): mid] + tokens[mid: min(hi, mid + width)]
        a = min([h.start] + [t[0] for t in near])
        b = max([h.end] + [t[0] + 1 for t in near])
        found = sorted({c for s, _, c in concepts if a <= s < b})
        out.append(" ".join([f"@{c}" for c in found] + list(dict.fromkeys(t[1] for t in near))))
    return out


def _tokens(info: TextInfo, skip: list[Hit]) -> list[tuple[int, str]]:
    """(offset, token) for content words outside figures and concept names; Chinese runs -> bigrams."""
    spans = sorted((h.start, h.end) for h in skip)
    span_starts = [s for s, _ in spans]
    out = []
    for m, k in zip(info.words, info.keys):
        j = bisect.bisect_right(span_starts, m.start()) - 1
        if j >= 0 and m.start() < max(e for _, e in spans[max(0, j - 3): j + 1]):
            continue
        if "\u3400" <= k[0] <= "\u9fff":
            out.extend((m.start() + i, k[i: i + 2]) for i in range(max(1, len(k) - 1)))
        elif len(k) >= 2 and k not in _STOP:
            out.append((m.start(), k[:6]))
    return out
