"""Rule-based sentence splitting for vi/en/ru/zh with exact character offsets."""

from __future__ import annotations

import re

from factcheck.schema import Span

# A period after one of these (lower-cased, without the period) does not end a sentence,
# even before a capital letter: titles, initials-like words, units and date abbreviations.
_ABBREV: dict[str, frozenset[str]] = {
    "en": frozenset(
        "mr mrs ms dr prof sr jr st gen col lt sgt capt cmdr adm gov sen rep pres rev hon fr mt "
        "no nos vs fig approx dept est jan feb mar apr jun jul aug sep sept oct nov dec".split()
    ),
    "vi": frozenset("tp gs pgs ts ths bs ks ths.bs th.s ttnd ttưt nsnd nsưt".split()),
    "ru": frozenset(
        "г гг им ул пер пр д стр млн млрд тыс руб долл см напр проф акад ген тов св ст чел".split()
    ),
    "zh": frozenset(),
}
_ALL_ABBREV = frozenset().union(*_ABBREV.values())
# Dotted single letters ("U.S", "e.g", "т.е") are abbreviations, except these, which often end a sentence.
_DOTTED = re.compile(r"^(?:\w\.)+\w$")
_DOTTED_ENDERS = frozenset({"т.д", "т.п", "v.v"})

_CLOSERS = "\"'”’»)]）」』》"
_TERM = re.compile(
    r"[。！？]+[" + re.escape(_CLOSERS) + r"]*"  # CJK terminators need no space after them
    r"|[!?]+(?=[\u3400-\u9fff])"  # ASCII !/? directly before a CJK character
    r"|[.!?…]+[" + re.escape(_CLOSERS) + r"]*(?=\s)"  # Latin/Cyrillic terminators need a space
)
_PAIRS = {"(": ")", "[": "]", "{": "}", "（": "）", "“": "”", "«": "»", "„": "“”", "「": "」", "『": "』", "《": "》"}
_QUOTE_CLOSERS = "\"”»“"
_BRACKETS = re.compile(r"[()\[\]{}（）“”«»„「」『』《》\"]")


def protected_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(open, close) offsets of balanced brackets and quotes in text[start:end]; unclosed ones are ignored."""
    stack: list[tuple[str, int]] = []
    ranges: list[tuple[int, int]] = []
    for m in _BRACKETS.finditer(text, start, end):
        ch, pos = m.group(), m.start()
        if ch == '"':
            prev = text[pos - 1] if pos > start else " "
            if prev.isspace() or prev in _PAIRS:
                stack.append((ch, pos))
                continue
        if ch in _PAIRS:
            stack.append((ch, pos))
            continue
        for i in range(len(stack) - 1, -1, -1):
            opener = stack[i][0]
            closes = '"”' if opener == '"' else _PAIRS[opener]
            if ch in closes or (opener in "\"“«„" and ch in _QUOTE_CLOSERS):
                ranges.append((stack[i][1], pos))
                del stack[i:]
                break
    return ranges


def _is_abbreviation(text: str, dot: int, abbrevs: frozenset[str]) -> bool:
    """True when the period at `dot` closes an abbreviation or an initial rather than a sentence."""
    left = text.rfind(" ", 0, dot) + 1
    left = max(left, text.rfind("\n", 0, dot) + 1)
    token = text[left:dot].lstrip(_CLOSERS + "([{（“«„「『《-–—").lower()
    if not token:
        return False
    if token in abbrevs:
        return True
    if len(token) == 1 and token.isalpha():
        return True  # an initial: "A. Merkel", "J. Smith"
    return bool(_DOTTED.match(token)) and token not in _DOTTED_ENDERS


def _is_boundary(text: str, m: re.Match[str], end: int, abbrevs: frozenset[str]) -> bool:
    """Whether a terminator match really ends a sentence, judged by what follows and precedes it."""
    mark = m.group()
    if mark[0] in "。！？" or (mark[0] in "!?" and m.end() < end and not text[m.end()].isspace()):
        return True
    nxt = m.end()
    while nxt < end and text[nxt].isspace():
        nxt += 1
    if nxt >= end:
        return True
    c = text[nxt]
    if c.islower() or c in ",;:)]）":
        return False  # "e.g. something", "U.S., China"
    if mark.rstrip(_CLOSERS) == ".":
        return not _is_abbreviation(text, m.start(), abbrevs)
    return True


def _split_paragraph(text: str, start: int, end: int, abbrevs: frozenset[str]) -> list[int]:
    """Offsets after which a sentence ends inside text[start:end]."""
    ranges = protected_ranges(text, start, end)
    cuts: list[int] = []
    for m in _TERM.finditer(text, start, end):
        cut = m.end()
        if any(o < cut <= c for o, c in ranges):
            continue  # inside a quote or parentheses: kept whole
        if _is_boundary(text, m, end, abbrevs):
            cuts.append(cut)
    return cuts


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start=start, end=end) if end > start else None


def split_sentences(text: str, lang: str | None = None) -> list[Span]:
    """Split `text` into sentence spans with exact offsets (whitespace trimmed); newlines always split.

    `lang` ("vi", "en", "ru", "zh") narrows the abbreviation list to that language plus English;
    None uses every language's list.
    """
    abbrevs = _ALL_ABBREV if lang not in _ABBREV else _ABBREV[lang] | _ABBREV["en"]
    spans: list[Span] = []
    for para in re.finditer(r"[^\n\r\u2028\u2029]+", text):
        begin = para.start()
        for cut in _split_paragraph(text, para.start(), para.end(), abbrevs) + [para.end()]:
            span = _trimmed(text, begin, cut)
            if span is not None:
                spans.append(span)
            begin = cut
    return spans


def sentence_texts(text: str, lang: str | None = None) -> list[str]:
    """The sentences of `text` as strings (a convenience over `split_sentences`)."""
    return [text[s.start : s.end] for s in split_sentences(text, lang)]
