"""Check-worthiness: a score in [0, 1] and a short reason from language cues (figures, names, attribution...)."""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from dataclasses import dataclass, field

from factcheck.extract.cues import cue_pattern, find_cues
from factcheck.extract.entities import WORD, country_pattern

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_DATE = re.compile(
    r"(?<![\d.,])\d{1,2}[./]\d{1,2}[./]\d{2,4}|(?<![\d.,])(?:1[89]|20)\d{2}(?![\d.,]\d)|tháng\s+\d|\d+\s*[年月日]"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"
    r"|\d+\s+(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)",
    re.IGNORECASE,
)
_AMOUNT = re.compile(
    r"[$€£¥₫₽]\s*\d|\d[\d.,]*\s*(?:%|％|percent|per cent|phần trăm|процент\w*|tỉ|tỷ|triệu|nghìn|billion|million"
    r"|trillion|thousand|bn|млрд|млн|тыс|трлн|亿|万|千|USD|EUR|VND|rúp|đồng|рубл\w*|долл\w*|美元|元)",
    re.IGNORECASE,
)
_QUESTION_END = re.compile(r"[?？]\W*$")

# Weights of the cues (log-odds). Set by hand from what makes a sentence checkable, not fitted to any eval set.
WEIGHTS = {
    "bias": -1.2,
    "figure": 0.8,  # per figure, at most 2
    "amount": 0.5,  # a figure with a unit: percent, currency, millions
    "date": 1.0,
    "name": 0.5,  # per distinct proper name, at most 4
    "organisation": 0.5,
    "attribution": 1.2,  # "X said that ..." is checkable as an attribution
    "rank": 0.8,
    "relation": 0.8,  # membership, part of, capital of
    "event": 0.4,
    "question": -3.0,
    "opinion": -1.0,  # per cue, at most 2
    "wish": -1.2,  # a wish or greeting made in the text; a reported one (with names) counts a third
    "normative": -0.5,
    "first_person": -0.8,
    "short": -1.5,
}


@dataclass
class Worthiness:
    """A check-worthiness score with the cues that made it."""

    score: float
    cues: dict[str, float] = field(default_factory=dict)

    @property
    def reason(self) -> str:
        """A short reason: the strongest cues for and against."""
        pos = [k for k, v in sorted(self.cues.items(), key=lambda kv: -kv[1]) if v > 0 and k != "bias"]
        neg = [k for k, v in sorted(self.cues.items(), key=lambda kv: kv[1]) if v < 0 and k != "bias"]
        text = ", ".join(pos[:4]) or "no figures, dates or names"
        return text + (f"; against: {', '.join(neg[:3])}" if neg else "")


def count_names(text: str, lang: str, nouns: Collection[str] = (), known: Collection[str] = ()) -> int:
    """Distinct proper names: runs of capitalised words (not a plain sentence-initial word), countries, and
    the `known` names (people found in the document) - the only cue to names in Chinese, which has no capitals."""
    names: set[str] = {k for k in known if k in text} if lang == "zh" else set()
    if lang != "zh":
        run: list[str] = []
        for m in WORD.finditer(text):
            w = m.group()
            initial = m.start() == 0 or text[m.start() - 1] in "\"“«("
            if w[0].isupper() and (not initial or w in nouns or (w.isupper() and len(w) > 1)):
                run.append(w)
                continue
            if run:
                names.add(" ".join(run))
            run = []
        if run:
            names.add(" ".join(run))
    pat = country_pattern(lang)
    if pat is not None:
        names.update(m.group() for m in pat.finditer(text))
    return len(names)


def _outside_quotes(text: str) -> str:
    return re.sub(r"[\"“«„「『][^\"”»“」』]*[\"”»“」』]", " ", text)


def score_claim(text: str, lang: str, nouns: Collection[str] = (), known: Collection[str] = ()) -> Worthiness:
    """Score how worth checking `text` is; the cues that fired are kept for the reason."""
    w = WEIGHTS
    cues: dict[str, float] = {"bias": w["bias"]}
    plain = _outside_quotes(text)
    figures = _NUMBER.findall(text)
    names = count_names(text, lang, nouns, known)
    cues["figure"] = w["figure"] * min(len(figures), 2)
    cues["amount"] = w["amount"] * bool(_AMOUNT.search(text))
    cues["date"] = w["date"] * bool(_DATE.search(text))
    cues["name"] = w["name"] * min(names, 4)
    cues["organisation"] = w["organisation"] * bool(find_cues("organisation", text, lang))
    cues["attribution"] = w["attribution"] * _attributed(text, lang, names)
    cues["rank"] = w["rank"] * bool(find_cues("rank", text, lang))
    cues["relation"] = w["relation"] * bool(find_cues("relation", plain, lang))
    cues["event"] = w["event"] * bool(find_cues("event", plain, lang))
    cues["question"] = w["question"] * bool(_QUESTION_END.search(text))
    cues["opinion"] = w["opinion"] * min(len(find_cues("opinion", plain, lang)), 2)
    first_person = bool(find_cues("first_person", plain, lang))
    reported = names > 0 and not first_person
    cues["wish"] = w["wish"] * bool(find_cues("wish", plain, lang)) / (3 if reported else 1)
    cues["normative"] = w["normative"] * bool(find_cues("normative", plain, lang))
    cues["first_person"] = w["first_person"] * first_person
    n_words = len(text) // 2 if lang == "zh" else len(text.split())
    cues["short"] = w["short"] * (n_words < 5 and names < 2)
    cues = {k: round(v, 3) for k, v in cues.items() if v}
    return Worthiness(score=round(1 / (1 + math.exp(-sum(cues.values()))), 3), cues=cues)


def _attributed(text: str, lang: str, names: int) -> bool:
    """A reporting verb with a named source, or right after the sentence's subject ("The ministry said")."""
    m = cue_pattern("reporting", lang).search(text)
    if m is None:
        return False
    return names > 0 or (m.start() <= 12 if lang == "zh" else len(text[: m.start()].split()) <= 3)
