"""Hard negatives: an entailed claim with one figure or one name changed becomes a contradiction."""

from __future__ import annotations

import random
import re

from factcheck.train.data import LABEL_ID, Pair

_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
_NAME = re.compile(r"\b[A-Z][a-z]{2,}(?:\s[A-Z][a-z]{2,})*\b")


def change_number(text: str, rng: random.Random) -> str | None:
    """The text with one number replaced by a clearly different one; None if it holds no number."""
    matches = list(_NUMBER.finditer(text))
    if not matches:
        return None
    m = rng.choice(matches)
    raw = m.group(0)
    digits = re.sub(r"[.,]", "", raw)
    value = int(digits)
    if 1800 <= value <= 2100 and len(raw) == 4:  # a year: move it by a few years
        new = str(value + rng.choice([-3, -2, -1, 1, 2, 3]))
    else:
        factor = rng.choice([0.5, 0.7, 1.3, 1.5, 2.0, 3.0])
        new_val = max(1, round(value * factor))
        if new_val == value:
            new_val = value + rng.randint(1, 9)
        new = _format_like(raw, new_val)
    return text[:m.start()] + new + text[m.end():]


def _format_like(raw: str, value: int) -> str:
    """Write value with the same thousands separator as raw (1,000 or 1.000), when raw had one."""
    for sep in (",", "."):
        if sep in raw and all(len(g) == 3 for g in raw.split(sep)[1:]):
            return f"{value:,}".replace(",", sep)
    if "." in raw or "," in raw:  # a decimal: keep one decimal place
        sep = "." if "." in raw else ","
        return f"{value / 10:.1f}".replace(".", sep)
    return str(value)


def change_name(text: str, premise: str, names: list[str], rng: random.Random) -> str | None:
    """The text with one capitalised name (also found in the premise) swapped for a name from elsewhere."""
    found = [m for m in _NAME.finditer(text) if m.start() > 0 and m.group(0) in premise]
    if not found or not names:
        return None
    m = rng.choice(found)
    other = rng.choice(names)
    if other in premise or other == m.group(0):
        return None
    return text[:m.start()] + other + text[m.end():]


def hard_negatives(pairs: list[Pair], n: int, rng: random.Random) -> list[Pair]:
    """Up to n contradictions made from entailed pairs by changing one number or one name in the claim."""
    entailed = [p for p in pairs if p.label == LABEL_ID["entailment"]]
    rng.shuffle(entailed)
    names = [m.group(0) for p in entailed[:3000] for m in _NAME.finditer(p.hypothesis)]
    out = []
    for p in entailed:
        if len(out) >= n:
            break
        new = change_number(p.hypothesis, rng)
        kind = "num"
        if new is None and p.lang == "en":
            new, kind = change_name(p.hypothesis, p.premise, names, rng), "name"
        if new and new != p.hypothesis:
            out.append(Pair(f"{p.id}#{kind}", p.premise, new, LABEL_ID["contradiction"],
                            f"hardneg-{kind}", p.lang))
    return out


_WORD = re.compile(r"\w{4,}")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def topic_tokens(text: str) -> frozenset[str]:
    """Content words (4+ letters, lowercased) plus CJK character bigrams: enough to tell what a text is about."""
    words = {w.lower() for w in _WORD.findall(text) if not _CJK.search(w)}
    cjk = "".join(_CJK.findall(text))
    return frozenset(words | {cjk[i:i + 2] for i in range(len(cjk) - 1)})


def topic_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard overlap of two `topic_tokens` sets."""
    return len(a & b) / max(1, len(a | b))


def distractors(pairs: list[Pair], n: int, rng: random.Random, pool: int = 1500,
                max_overlap: float = 0.5) -> list[Pair]:
    """Up to n NEUTRAL pairs: a claim with the premise of another pair on a similar topic.

    A retriever hands the verdict model passages that share the claim's topic but say nothing about it; NLI
    training pairs never look like that, and a model trained on them alone reads such a passage as a
    contradiction. For a pair, the distractor is the premise most like its own (shared topic words) among `pool`
    random pairs of the same source and language, from another claim group; near-copies (overlap above
    `max_overlap`, e.g. another revision of the same sentence) are skipped since they may well decide the claim.
    """
    by_key: dict[tuple[str, str], list[Pair]] = {}
    for p in pairs:
        by_key.setdefault((p.source, p.lang), []).append(p)
    order = list(pairs)
    rng.shuffle(order)
    out: list[Pair] = []
    for p in order:
        if len(out) >= n:
            break
        group = by_key[(p.source, p.lang)]
        if len(group) < 2:
            continue
        own = topic_tokens(p.premise)
        if not own:
            continue
        best, best_score = None, 0.0
        for q in rng.sample(group, min(pool, len(group))):
            if q.premise == p.premise or _claim_group(q.id) == _claim_group(p.id):
                continue
            other = topic_tokens(q.premise)
            score = topic_overlap(own, other)
            if best_score < score <= max_overlap:
                best, best_score = q, score
        if best is not None:
            out.append(Pair(f"{p.id}#distractor", best.premise, p.hypothesis, LABEL_ID["neutral"],
                            f"distractor-{p.source}", p.lang))
    return out


def _claim_group(pid: str) -> str:
    """Pairs made from one claim or revision share the id up to the last '_' or ':' part."""
    group = re.split(r"[_:#]", pid.split(":", 1)[-1])[0]
    return group.split("-")[0] if re.fullmatch(r"\d+-\d+", group) else group  # FEVER: <claim>-<evidence>
