"""Make a claim stand alone: replace pronouns and "the country" by the entity the text makes clear."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from factcheck.extract.dates import Edit
from factcheck.extract.entities import (
    Mention,
    capitalised_run,
    find_countries,
    find_people,
    is_country,
    proper_nouns,
    same_entity,
)
from factcheck.schema import Span
from factcheck.sentences import protected_ranges

# Pronouns for one person: (pattern, how to render the name). "{p}" is the pronoun as written.
PERSON = {
    "vi": (r"(?<!\w)(?<!đàn )(?<!các )(?<!những )(?<!quý )(?<!ông )(ông ấy|bà ấy|ông|bà)"
           r"(?! (?:chủ|trùm|bà|con|ngoại|nội|cụ|già|lão|mẹ|đồ)(?!\w))(?!\w)", "{p} {name}"),
    "en": (r"(?<!\w)(he|she|him)(?!\w)", "{name}"),
    "ru": (r"(?<!\w)(он|она)(?!\w)", "{name}"),
    "zh": (r"(?<!其)(他|她)(?!们|人)", "{name}"),
}
POSSESSIVE_EN = re.compile(r"(?<!\w)(his)(?!\w)", re.IGNORECASE)
COUNTRY = {
    "vi": r"(?<!\w)(nước này|quốc gia này|đất nước này|(?<=của )đất nước)(?!\w)",
    "en": r"(?<!\w)((?:the|this) country)(?!\w)",
    "ru": r"(?<!\w)(эта страна|этой страны|этой стране|эту страну|этой страной)(?!\w)",
    "zh": r"(该国|这个国家|此国)",
}
PLURAL = {"vi": "Họ", "en": "They", "ru": "Они", "zh": "他们"}


@dataclass
class DocContext:
    """What one document says about who and what its sentences mention."""

    text: str
    lang: str
    sentences: list[Span]
    people: list[list[Mention]] = field(default_factory=list)
    countries: list[list[Mention]] = field(default_factory=list)
    quotes: list[list[tuple[int, int]]] = field(default_factory=list)
    nouns: set[str] = field(default_factory=set)  # words capitalised mid-sentence somewhere
    known: set[str] = field(default_factory=set)  # names of the people found

    @classmethod
    def build(cls, text: str, sentences: list[Span], lang: str) -> DocContext:
        ctx = cls(text, lang, sentences)
        for s in sentences:
            ctx.people.append(find_people(text, s, lang))
            ctx.countries.append(find_countries(text, s, lang))
            ctx.quotes.append(protected_ranges(text, s.start, s.end))
        ctx.nouns = proper_nouns(text, sentences)
        ctx.known = {m.name for ms in ctx.people for m in ms}
        return ctx

    def quoted(self, i: int, pos: int) -> bool:
        return any(o < pos < c for o, c in self.quotes[i])


def _distinct(mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in mentions:
        if not any(same_entity(m.name, o.name) for o in out):
            out.append(m)
    return out


def _fullest(name: str, mentions: list[Mention]) -> str:
    """The longest known form of a name ("Merkel" -> "Angela Merkel" when the text has both)."""
    forms = [m.name for m in mentions if same_entity(m.name, name)]
    return max(forms, key=len, default=name)


def person_for(ctx: DocContext, i: int, pos: int) -> str | None:
    """The person a pronoun at `pos` in sentence `i` refers to: this sentence's subject, else the last one's."""
    before = _distinct([m for m in ctx.people[i] if m.end <= pos])
    if before:
        return before[0].name
    for j in range(i - 1, max(-1, i - 3), -1):
        found = _distinct(ctx.people[j])
        if found:
            return found[0].name
    return None


def country_for(ctx: DocContext, i: int, pos: int) -> str | None:
    """The country "the country" refers to: the only one (or the leading one) in this or the last sentence."""
    for j, limit in ((i, pos), (i - 1, None)):
        if j < 0:
            return None
        found = _distinct([m for m in ctx.countries[j] if limit is None or m.end <= limit])
        if len(found) == 1 or (found and found[0].start - ctx.sentences[j].start <= 2):
            return found[0].name
        if found:
            return None
    return None


def subject_for(ctx: DocContext, i: int) -> str | None:
    """A proper-noun subject opening sentence i-1, for "They ..." opening sentence i."""
    if i == 0:
        return None
    prev = ctx.sentences[i - 1]
    end = capitalised_run(ctx.text, prev.start, prev.end)
    run = ctx.text[prev.start : end]
    if not run or any(m.start == prev.start for m in ctx.people[i - 1]):
        return None
    words = run.split()
    proper = run.isupper() and len(run) > 1 or all(w in ctx.nouns for w in words) or is_country(run, ctx.lang)
    return run if proper else None


@lru_cache(maxsize=None)
def _compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def _person_edits(ctx: DocContext, i: int, piece: Span) -> list[Edit]:
    pattern, fmt = PERSON.get(ctx.lang, PERSON["en"])
    edits = []
    for m in _compiled(pattern, re.IGNORECASE).finditer(ctx.text, piece.start, piece.end):
        after = ctx.text[m.end() : m.end() + 2]
        if ctx.quoted(i, m.start()) or (ctx.lang == "vi" and after[:1] == " " and after[1:].isupper()):
            continue  # a quote stays verbatim; "ông Minh" already names the person
        name = person_for(ctx, i, m.start())
        if name:
            name = _fullest(name, [x for ms in ctx.people[: i + 1] for x in ms])
            pronoun = m.group(1).split()[0]  # "ông ấy" -> "ông <name>"
            edits.append(Edit(m.start(), m.end(), fmt.format(p=pronoun, name=name)))
    if ctx.lang == "en":
        for m in POSSESSIVE_EN.finditer(ctx.text, piece.start, piece.end):
            name = None if ctx.quoted(i, m.start()) else person_for(ctx, i, m.start())
            if name:
                edits.append(Edit(m.start(), m.end(), f"{name}'s"))
    return edits


def _country_edits(ctx: DocContext, i: int, piece: Span) -> list[Edit]:
    edits = []
    pattern = COUNTRY.get(ctx.lang, COUNTRY["en"])
    for m in _compiled(pattern, re.IGNORECASE).finditer(ctx.text, piece.start, piece.end):
        name = None if ctx.quoted(i, m.start()) else country_for(ctx, i, m.start())
        if name:
            edits.append(Edit(m.start(1), m.end(1), name))
    return edits


def reference_edits(ctx: DocContext, i: int, piece: Span) -> list[Edit]:
    """Edits replacing references in `piece` (of sentence i) by the entities they refer to."""
    edits = _person_edits(ctx, i, piece) + _country_edits(ctx, i, piece)
    plural = PLURAL.get(ctx.lang, PLURAL["en"])
    if piece.start == ctx.sentences[i].start and ctx.text.startswith(plural, piece.start):
        after = piece.start + len(plural)
        if ctx.lang == "zh" or (after < piece.end and not ctx.text[after].isalnum()):
            subject = subject_for(ctx, i)
            if subject:
                edits.append(Edit(piece.start, after, subject))
    return edits
