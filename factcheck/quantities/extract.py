"""extract_figures: every number, amount, rank, ordinal, percentage, date and duration in a text."""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
import unicodedata

from factcheck.lang import SUPPORTED_LANGS, detect_lang
from factcheck.quantities import format as fmt
from factcheck.quantities.amounts import find_amounts
from factcheck.quantities.bounds import apply_bounds, position_symbol
from factcheck.quantities.clock import find_clock_times
from factcheck.quantities.concepts import find_concepts
from factcheck.quantities.lexicon import TextInfo
from factcheck.quantities.context import build_contexts
from factcheck.quantities.dates import find_dates, resolve_years
from factcheck.quantities.hit import Hit, select
from factcheck.quantities.numbers import document_decimal
from factcheck.quantities.ranks import find_ranks
from factcheck.schema import Figure

logger = logging.getLogger(__name__)
MAX_CHARS = 2_000_000  # longer input is read up to here: figures past it are not reported


def extract_figures(text: str, lang: str | None = None, *,
                    doc_dates: list[dt.date] | None = None) -> list[Figure]:
    """Every figure in `text`, in order, with exact offsets (text[f.start:f.end] == f.text).

    `lang` is "vi", "en", "ru" or "zh" (detected when None or unknown); it decides only how an
    ambiguous "1.000" is read. `doc_dates` are dates known for the document (e.g. its publication
    date); with the full dates in the text they give a year to a day and month written without one.
    Never raises: on input it cannot read it logs a warning and returns what it has (or []).
    """
    if not isinstance(text, str) or not text.strip():
        return []
    try:
        return _extract(text[:MAX_CHARS], lang, doc_dates)
    except Exception:  # a figure reader must not take the checker down; the log says what failed
        logger.warning("could not read figures in %r", text[:80], exc_info=True)
        return []


_WARM_UP_TEXT = ("Ngày 5.3.2023, hơn 2.500 tỉ đồng, xếp thứ 12 trong số 40. On March 5, 2023 the country ranked "
                 "12th of 40, the fifth; более 3 млрд долларов, 15 марта 2023 года, пятый; "
                 "2023年3月15日，在40个国家中排名第12位，超过5万亿美元。")


def warm_up() -> None:
    """Compile every pattern and load Babel's tables now, so the first real call is as fast as the rest."""
    extract_figures(_WARM_UP_TEXT)


def _extract(text: str, lang: str | None, doc_dates: list[dt.date] | None) -> list[Figure]:
    norm, back = nfc_with_offsets(text)
    lang = lang if lang in SUPPORTED_LANGS else detect_lang(norm[:4000])
    info = TextInfo(norm)
    concepts = find_concepts(norm, info)
    counted = {s: (e, c) for s, e, c in concepts}
    hits = (_stage(find_dates, norm, lang, info) + _stage(find_clock_times, norm, lang) + _stage(find_ranks, norm, info)
            + _stage(find_amounts, norm, lang, document_decimal(norm), counted, info))
    hits = select([h for h in hits if _finite(h) and not _quoted_title(norm, h)])
    resolve_years(hits, doc_dates if isinstance(doc_dates, list) else None)
    apply_bounds(norm, hits)
    contexts = build_contexts(norm, hits, info, concepts, lang)
    return [_figure(h, text, back, c) for h, c in zip(hits, contexts)]


def _stage(find, *args) -> list[Hit]:  # type: ignore[no-untyped-def]
    """Run one reader; if it fails on this text, log it and keep what the other readers found."""
    try:
        return find(*args)
    except Exception:  # one reader's bug must not lose every figure of the text
        logger.warning("%s failed on %r", find.__name__, args[0][:80], exc_info=True)
        return []


_OPEN_QUOTE = re.compile(r"(?:``|[\"“„«「『'])\s*$")
_CLOSE_QUOTE = re.compile(r"\s*(?:''|[\"”»」』'])")


def _quoted_title(text: str, h: Hit) -> bool:
    """A bare number or year that is all a quotation holds ("`` 1999 ''", "“1984”") is a title."""
    return (h.kind in ("number", "year") and not h.unit and bool(_OPEN_QUOTE.search(text, max(0, h.start - 4), h.start))
            and bool(_CLOSE_QUOTE.match(text, h.end)))


def _finite(h: Hit) -> bool:
    return all(v is None or math.isfinite(v) for v in (h.value, h.low, h.high, h.of))


def _figure(h: Hit, text: str, back: list[int], context: str) -> Figure:
    start, end = back[h.start], back[h.end]
    normalized = h.normalized
    if h.kind == "rank":
        normalized = fmt.rank(h.value, h.low, h.high, h.of, bool(h.notes.get("ordinal_form", True)))
    elif h.kind == "ordinal":
        normalized = fmt.ordinal(h.value)
    if h.kind in ("rank", "ordinal"):
        normalized = position_symbol(h) + normalized
    return Figure(text=text[start:end], start=start, end=end, kind=h.kind, value=h.value, low=h.low,
                  high=h.high, unit=h.unit, of=h.of, approximate=h.approximate, guessed=h.guessed,
                  context=context, normalized=normalized)


def nfc_with_offsets(text: str) -> tuple[str, list[int]]:
    """The NFC form of `text` and, for each of its offsets (and its end), the offset in `text`.

    Vietnamese pasted from some editors is decomposed (a letter plus combining tone marks); the
    rules are written for composed letters, yet offsets must point into the text as given.
    """
    if unicodedata.is_normalized("NFC", text):
        return text, list(range(len(text) + 1))
    out: list[str] = []
    back: list[int] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        piece = unicodedata.normalize("NFC", text[i:j])
        out.append(piece)
        back.extend([i] * len(piece))
        i = j
    back.append(len(text))
    return "".join(out), back
