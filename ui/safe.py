"""Untrusted text in, safe output out: escaped HTML highlighting, checked links, sanitised upload names."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from factcheck.errors import InputError

ACCEPTED_TYPES = ("txt", "md", "html", "pdf", "jsonl")
MAX_UPLOAD_MB = 20
MAX_NAME_CHARS = 100
_UNSAFE_NAME = re.compile(r"[^\w.\-]+")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'()\[\]`\\]+$", re.I)

# Background colours of the verdicts in highlighted text.
MARK_COLOURS = {
    "SUPPORTED": "rgba(33, 195, 84, 0.25)",
    "REFUTED": "rgba(255, 75, 75, 0.25)",
    "CONFLICTING": "rgba(255, 164, 33, 0.30)",
    "NOT_ENOUGH_INFO": "rgba(128, 132, 149, 0.25)",
}
QUOTE_COLOUR = "rgba(255, 214, 10, 0.45)"
_BOX = ("white-space: pre-wrap; line-height: 1.6; padding: 0.6rem 0.8rem; border-radius: 0.5rem; "
        "border: 1px solid rgba(128, 132, 149, 0.35); font-size: 0.95rem;")


def sanitize_filename(name: str) -> str:
    """A file name safe to create in the upload folder: no folders, no leading dots, a known suffix.

    Raises InputError when the suffix is not one of the accepted types.
    """
    base = unicodedata.normalize("NFKC", str(name)).replace("\\", "/").split("/")[-1]
    stem, dot, suffix = base.rpartition(".")
    suffix = suffix.lower() if dot else ""
    if suffix not in ACCEPTED_TYPES:
        raise InputError(f"{name!r} has an unsupported type {('.' + suffix) if suffix else '(none)'}; "
                         f"upload one of {', '.join('.' + t for t in ACCEPTED_TYPES)}.")
    stem = _UNSAFE_NAME.sub("_", stem).strip("._-")[:MAX_NAME_CHARS] or "upload"
    return f"{stem}.{suffix}"


def save_upload(name: str, data: bytes, folder: Path, *, max_mb: int = MAX_UPLOAD_MB) -> Path:
    """Write an uploaded file into `folder` under its sanitised name; returns the path written."""
    if len(data) > max_mb * 2**20:
        raise InputError(f"{name!r} is {len(data) / 2**20:.1f} MB; the limit is {max_mb} MB a file. Split it and upload the parts.")
    if not data:
        raise InputError(f"{name!r} is empty; upload a file with some text in it.")
    folder = Path(folder).resolve()
    path = (folder / sanitize_filename(name)).resolve()
    if path.parent != folder:  # cannot happen after sanitising; kept as the last line of defence
        raise InputError(f"Refusing to write {name!r} outside the upload folder.")
    folder.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def safe_url(url: str | None) -> str | None:
    """The URL when it is a plain http(s) address safe to link to; None otherwise (show it as text)."""
    return url if url and _SAFE_URL.match(url.strip()) else None


def highlight_html(text: str, marks: Sequence[tuple[int, int, str, str]], *, superscripts: bool = True) -> str:
    """`text` as escaped HTML with each (start, end, colour, label) span wrapped in a <mark>.

    Overlapping spans are split at every boundary; a piece covered by several spans takes the colour of
    the first and lists every label in its tooltip. With `superscripts`, the label is appended after a
    span ends. Every character from `text` and `label` is HTML-escaped.
    """
    marks = [(max(0, s), min(len(text), e), c, lab) for s, e, c, lab in marks if e > s]
    cuts = sorted({0, len(text), *[s for s, *_ in marks], *[e for _, e, *_ in marks]})
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        piece = html.escape(text[a:b])
        covering = [m for m in marks if m[0] <= a and b <= m[1]]
        if covering:
            tip = html.escape(", ".join(f"claim {m[3]}" if superscripts else m[3] for m in covering), quote=True)
            piece = f'<mark style="background: {covering[0][2]}; color: inherit; padding: 0 1px;" title="{tip}">{piece}</mark>'
        out.append(piece)
        out += [f"<sup><b>{html.escape(m[3])}</b></sup>" for m in marks if m[1] == b and superscripts]
    return f'<div style="{_BOX}">{"".join(out)}</div>'


def passage_html(passage: str, quote_start: int, quote_end: int) -> str:
    """A cited passage as escaped HTML with the quote (offsets within the passage) highlighted."""
    return highlight_html(passage, [(quote_start, quote_end, QUOTE_COLOUR, "quote")], superscripts=False)
