"""Short human readings of figures: "> 4,000,000,000 USD", "12th of 40", "top 10", "12.5%"."""

from __future__ import annotations

import math

from factcheck.quantities.hedges import SYMBOL
from factcheck.quantities.units import UNIT_NAMES


def number(v: float | None) -> str:
    """2.5e12 -> "2,500,000,000,000"; 12.5 -> "12.5"; None -> "?"."""
    if v is None:
        return "?"
    if not math.isfinite(v):
        return str(v)
    if abs(v - round(v)) < 1e-9 * max(1.0, abs(v)):
        return f"{int(round(v)):,}"
    return f"{v:,.6f}".rstrip("0").rstrip(".")


def ordinal(n: float | None) -> str:
    """21 -> "21st", 12 -> "12th", 22 -> "22nd"."""
    if n is None:
        return "?"
    i = int(n)
    suffix = "th" if 10 <= i % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(i % 10, "th")
    return f"{i}{suffix}"


def rank(value: float | None, low: float | None, high: float | None, of: float | None,
         ordinal_form: bool = True) -> str:
    """"12th of 40", "12th", "top 10", "12 of 40" (a share)."""
    if value is None and low == 1 and high is not None:
        text = f"top {number(high)}"
    else:
        text = ordinal(value) if ordinal_form else number(value)
    return f"{text} of {number(of)}" if of is not None else text


def quantity(value: float | None, low: float | None, high: float | None, bound: str | None, unit: str) -> str:
    """An amount, percentage, count, duration or number with its bound, e.g. "≥ 5 weeks"."""
    if value is None and low is not None and high is not None:
        body = f"{number(low)}–{number(high)}"
        v = high
    else:
        body, v = number(value), value
    prefix = SYMBOL.get(bound or "", "")
    if unit in ("%",):
        return f"{prefix}{body}%"
    if unit in UNIT_NAMES:
        unit = unit if v == 1 else UNIT_NAMES[unit]
    return f"{prefix}{body} {unit}".rstrip()
