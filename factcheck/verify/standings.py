"""Which country stands ahead of which: "A is ahead of B", "A kém B", "A отстаёт от B", "A落后于B".

A claim that reverses a standing its source states ("France is ahead of Canada" against "Pháp ... thua cả Canada")
shares nearly every word with it, and the verdict model often reads such pairs as support. Standings are read by
rules: a cue of rank or performance between countries (not "more"/"higher", which compare quantities of any kind),
the country before it as the subject (`_can_lead`) and the first country after it with those joined to it as the
objects (`_objects`). Countries are read by ISO code (`names.mentions`), so a standing compares across languages. A
clause whose cue is negated ("not ahead of", "không vượt") gives none.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..sentences import split_sentences
from .names import mentions

AHEAD, BEHIND = 1, -1

# (pattern, direction) per language; a direction says where the cue puts its subject.
_CUES = {
    "en": [(r"ahead of", AHEAD), (r"(?:lags?|lagged|lagging|falls?|fell|falling)?\s*behind", BEHIND),
           (r"trail(?:s|ed|ing)?", BEHIND), (r"outrank(?:s|ed|ing)?", AHEAD),
           (r"outperform(?:s|ed|ing)?", AHEAD), (r"surpass(?:es|ed|ing)?", AHEAD),
           (r"overt(?:ook|akes?|aken|aking)", AHEAD),
           (r"(?:ranks?|ranked|ranking|placed|places|sits|stands)\s+(?:just\s+|well\s+|far\s+)?above", AHEAD),
           (r"(?:ranks?|ranked|ranking|placed|places|sits|stands)\s+(?:just\s+|well\s+|far\s+)?below", BEHIND),
           (r"second only to", BEHIND)],
    "vi": [(r"vượt (?:qua|xa|lên trên)", AHEAD), (r"(?:xếp|đứng) (?:trên|trước)", AHEAD),
           (r"(?:xếp|đứng) (?:sau|dưới)", BEHIND), (r"kém(?: xa| hơn)?", BEHIND), (r"thua(?: xa| kém)?", BEHIND),
           (r"dẫn trước", AHEAD), (r"bỏ xa", AHEAD), (r"tụt lại (?:phía )?sau", BEHIND), (r"chỉ sau", BEHIND)],
    "ru": [(r"опере(?:жа|ди)\w*", AHEAD), (r"обо?гна\w*|обгоня\w*", AHEAD), (r"отста(?:[её]т|ют|л|ва)\w*", BEHIND),
           (r"уступа\w*|уступил\w*", BEHIND), (r"впереди", AHEAD), (r"позади", BEHIND)],
    "zh": [(r"领先(?:于)?", AHEAD), (r"落后(?:于)?", BEHIND), (r"超过|超越", AHEAD), (r"不如", BEHIND),
           (r"排名高于|排在.{0,6}之前", AHEAD), (r"排名低于|排在.{0,6}之后", BEHIND), (r"仅次于", BEHIND)],
}
# Where one clause ends and another, with a subject of its own, begins.
_CLAUSE = {
    "en": r";|,\s*(?:and|while|whereas|but)\s|\s(?:while|whereas|but)\s",
    "vi": r";|,\s*(?:và|còn|nhưng|trong khi)\s|\s(?:trong khi|nhưng)\s",
    "ru": r";|,\s*(?:а|но|тогда как|в то время как)\s",
    "zh": r"；|，\s*(?:而|但|但是)|而",
}
# A negator before a cue in its clause ("not ahead of"); "không chỉ" (not only) is no negator.
_NEGATOR = {
    "en": r"\b(?:not|n't|never|no longer)\b|n't",
    "vi": r"(?<!\w)(?:không|chưa|chẳng)(?!\w)(?! chỉ| những)",
    "ru": r"(?<!\w)(?:не|ни)(?!\w)(?! только)",
    "zh": r"不|没|未",
}
# Words after which a country is not the one that stands somewhere (prepositions).
_BEFORE_OTHER = {
    "en": frozenset("of for to in from at with by into than".split()),
    "vi": frozenset("của cho ở tại từ với đến sang vào hơn".split()),
    "ru": frozenset("в во из для от у к с со на чем".split()),
    "zh": ("在", "对", "从", "向", "给", "到", "比"),
}
# What joins a cue's objects ("Đức và Nhật Bản", "Peru, Chile and Bolivia", "Германию и Италию", "韩国和德国").
_JOIN = {
    "en": r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s)?\s*(?:the\s+)?",
    "vi": r"\s*(?:,\s*(?:và\s+|hoặc\s+)?|\s(?:và|hoặc|cùng)\s)?\s*(?:cả\s+)?",
    "ru": r"\s*(?:,\s*(?:и\s+|или\s+)?|\s(?:и|или)\s)?\s*",
    "zh": r"\s*[,，、和及与或]?\s*",
}
OBJECT_REACH = (8, 12)  # the most words (characters in Chinese) between a cue and its first object


class Standing(NamedTuple):
    subject: str  # ISO code
    direction: int  # AHEAD or BEHIND
    other: str  # ISO code
    text: str  # the words that state it, as written and shortened: "Pháp … thua … Canada"


def standings(text: str, lang: str | None) -> list[Standing]:
    """The standings `text` states, in text order (none for a language without rules)."""
    if lang not in _CUES:
        return []
    cue_rx = _cue_pattern(lang)
    out: list[Standing] = []
    for sent in split_sentences(text, lang):
        sentence = text[sent.start:sent.end]
        countries = mentions(sentence, lang)
        subject = None  # (start, end, code) of the sentence's last subject: a cue with none of its own takes it
        bounds = [0] + [m.end() for m in re.finditer(_CLAUSE[lang], sentence, re.IGNORECASE)] + [len(sentence)]
        for lo, hi in zip(bounds, bounds[1:]):
            cues = [(m.start(), m.end(), _CUES[lang][int(m.lastgroup[1:])][1])
                    for m in cue_rx.finditer(sentence, lo, hi) if m.group().strip()]
            objects: set[int] = set()
            for k, (start, end, direction) in enumerate(cues):
                following = cues[k + 1][0] if k + 1 < len(cues) else hi
                before = [c for c in countries if lo <= c[0] and c[1] <= start and c[0] not in objects
                          and _can_lead(sentence, c[0], lang)]
                if before:
                    subject = before[-1]
                after = _objects(sentence, [c for c in countries if end <= c[0] and c[1] <= following], end, lang)
                objects |= {c[0] for c in after}
                head = subject[0] if subject and subject[0] >= lo else lo
                if subject is None or re.search(_NEGATOR[lang], sentence[head:start], re.IGNORECASE):
                    continue
                for s, e, code in after:
                    if code != subject[2]:
                        words = _shortened(sentence, [subject[:2], (start, end), (s, e)], lang)
                        out.append(Standing(subject[2], direction, code, words))
    return out


@lru_cache(maxsize=None)
def _cue_pattern(lang: str) -> re.Pattern[str]:
    """One pattern of every cue of `lang`, each a group `c<k>` for `_CUES[lang][k]`; whole words outside Chinese."""
    cues = "|".join(f"(?P<c{k}>{p})" for k, (p, _) in enumerate(_CUES[lang]))
    return re.compile(cues if lang == "zh" else rf"(?<!\w)(?:{cues})(?!\w)", re.IGNORECASE)


def _shortened(sentence: str, spans: list[tuple[int, int]], lang: str) -> str:
    """The text of `spans` in order, " … " where words stand between two of them: "Pháp … thua … Canada"."""
    out = sentence[spans[0][0]:spans[0][1]].strip()
    for (_, prev_end), (start, end) in zip(spans, spans[1:]):
        gap = "" if lang == "zh" else " "
        out += (" … " if sentence[prev_end:start].strip() else gap) + sentence[start:end].strip()
    return out


def _can_lead(sentence: str, start: int, lang: str) -> bool:
    """Whether the country at `start` can be a standing's subject: not in brackets ("báo Guardian (Anh)") and not
    after a preposition ("the second market of Japan, second only to Thailand")."""
    head = sentence[:start].rstrip()
    if head.endswith(("(", "[")):
        return False
    if lang == "zh":
        return not head.endswith(_BEFORE_OTHER["zh"])
    words = head.split()
    return not words or words[-1].lower() not in _BEFORE_OTHER[lang]


def _objects(sentence: str, after: list[tuple[int, int, str]], end: int, lang: str) -> list[tuple[int, int, str]]:
    """The countries a cue ending at `end` compares with: the first after it, if within OBJECT_REACH words, and those
    joined to it by "and", a comma or the like ("kém xa Đức và Nhật Bản"), not a country later in the clause
    ("xếp dưới Thái Lan một cấp, ngang với Singapore")."""
    if not after:
        return []
    gap = sentence[end:after[0][0]]
    if (len(gap) if lang == "zh" else len(gap.split())) > OBJECT_REACH[lang == "zh"]:
        return []
    out = [after[0]]
    for prev, cur in zip(after, after[1:]):
        if not re.fullmatch(_JOIN[lang], sentence[prev[1]:cur[0]], re.IGNORECASE):
            break
        out.append(cur)
    return out


def _holds(a: Standing, b: Standing) -> int:
    """+1 if `b` states what `a` does, -1 if the reverse, 0 if it is about another pair of countries."""
    if (a.subject, a.other) == (b.subject, b.other):
        return 1 if a.direction == b.direction else -1
    if (a.subject, a.other) == (b.other, b.subject):
        return 1 if a.direction != b.direction else -1
    return 0


def reversed_standing(mine: list[Standing], quote: str, quote_lang: str | None) -> tuple[str, str] | None:
    """(the claim's words, the quote's words) for the first of the claim's standings (`mine`, read by `standings`)
    that the quote states the other way round, unless the quote also states it as the claim does; None otherwise."""
    theirs = standings(quote, quote_lang) if mine else []
    for own in mine:
        reads = [(_holds(own, other), other) for other in theirs]
        if any(r == 1 for r, _ in reads):
            continue
        against = next((other for r, other in reads if r == -1), None)
        if against:
            return own.text, against.text
    return None
