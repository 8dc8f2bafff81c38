"""Figures across vi/en/ru/zh: read numbers, amounts, ranks, dates, times of day; align and compare claim vs evidence.

Readings are intervals: `Figure.low`/`high` (None = open), `value` the stated number (None for a
range or "top N"). Dates use day ordinals (datetime.date.toordinal()), years the year number.
Libraries: Babel (CLDR decimal/group symbols, month names), imported lazily; everything else is
rules, in word tables per language (units, hedges, concepts, words) and regexes (dates, ranks).
"""

from factcheck.quantities.align import compare_figures, summarize_comparisons
from factcheck.quantities.extract import extract_figures, warm_up

__all__ = ["extract_figures", "compare_figures", "summarize_comparisons", "warm_up"]
