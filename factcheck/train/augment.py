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
