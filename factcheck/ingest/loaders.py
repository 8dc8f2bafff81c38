"""Read source files (.txt .md .html .pdf, optional YAML front matter, .jsonl corpora) into Documents."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..lang import detect_lang, normalize_text
from ..schema import Document, content_hash

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".pdf", ".jsonl"}
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DOCUMENT_CHARS = 5_000_000  # about 15,000 passages: hours of embedding on a laptop CPU for one document
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.S)
_DOC_KEYS = {"title", "publisher", "url", "published", "lang", "doc_id"}


def iter_source_files(paths: list[str | Path]) -> Iterator[Path]:
    """Yield every supported file under the given files and folders, in a stable order."""
    for raw in paths:
        path = Path(raw).expanduser()
        if not path.exists():
            raise InputError(f"Path does not exist: {str(raw)!r}. Check the spelling, or pass a file or folder that exists.")
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in SUPPORTED_SUFFIXES and not child.name.startswith("."):
                    yield child
        elif path.suffix.lower() in SUPPORTED_SUFFIXES:
            yield path
        else:
            raise InputError(
                f"Unsupported file type {path.suffix or '(none)'!r} for {str(path)!r}; "
                f"use one of {', '.join(sorted(SUPPORTED_SUFFIXES))}."
            )


def load_path(path: Path) -> list[Document]:
    """Load one supported file into one Document (or many, for a .jsonl corpus)."""
    suffix = path.suffix.lower()
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(f"{str(path)!r} is {size / 2**20:.0f} MB; the limit is {MAX_FILE_BYTES // 2**20} MB a file. Split it into smaller files.")
    if suffix == ".jsonl":
        return list(load_jsonl_corpus(path))
    if suffix in TEXT_SUFFIXES and size > 4 * MAX_DOCUMENT_CHARS:  # more characters than the limit, in any encoding
        _too_long(str(path), f"{size / 2**20:.0f} MB")
    if suffix == ".pdf":
        text, meta = _read_pdf(path), {}
    else:
        raw = decode_bytes(path.read_bytes(), name=str(path))
        meta, raw = split_front_matter(raw, name=str(path))
        text = html_to_text(raw) if suffix in HTML_SUFFIXES else raw
    return [make_document(text, meta, path)]


def make_document(text: str, meta: dict, path: Path | None = None) -> Document:
    """Build a Document from text and front-matter metadata; the text is NFC-normalised."""
    if len(text) > MAX_DOCUMENT_CHARS:
        _too_long(str(path) if path else "The document", f"{len(text):,} characters")
    text = normalize_text(text)
    if not text:
        where = f" in {str(path)!r}" if path else ""
        raise InputError(f"No text found{where}: the document is empty, blank or holds only markup. "
                         "Add text to it, or leave it out.")
    fields = {k: meta[k] for k in _DOC_KEYS if meta.get(k) is not None}
    extra = {k: v for k, v in meta.items() if k not in _DOC_KEYS}
    doc_id = str(fields.pop("doc_id", "") or (path.stem if path else content_hash(text)))
    published = fields.pop("published", None)
    return Document(
        doc_id=doc_id,
        title=str(fields.pop("title", "") or (path.stem if path else doc_id)),
        text=text,
        source=str(path) if path else "",
        published=str(published) if published is not None else None,
        lang=str(fields.pop("lang", "")) or detect_lang(text[:2000]),
        content_hash=content_hash(text, json.dumps(meta, sort_keys=True, default=str)),
        meta={k: (v if isinstance(v, (str, int, float, bool)) else str(v)) for k, v in extra.items()},
        **{k: str(v) for k, v in fields.items()},
    )


def _too_long(name: str, size: str) -> None:
    raise InputError(f"{name!r} holds {size} of text; one document may hold at most {MAX_DOCUMENT_CHARS:,} characters. "
                     "Split it into one file per article, or a .jsonl corpus with one document per line.")


def decode_bytes(data: bytes, *, name: str = "input") -> str:
    """Decode text: UTF-8 (BOM or not), UTF-16 (BOM or not), else Windows-1258 (Vietnamese); refuse binary
    and UTF-8 with broken bytes (decoding that as another encoding would index mojibake)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_utf16(data, "utf-16", name)
    sample = data[:8192]
    if b"\x00" in sample:
        utf16 = _utf16_without_bom(sample)
        if utf16:
            return _decode_utf16(data, utf16, name)
    if b"\x00" in sample or _control_ratio(sample) > 0.1:
        raise InputError(f"{name!r} looks like a binary file, not text. Pass a text, HTML, PDF or JSONL file.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if _mostly_utf8(data):
            raise InputError(f"{name!r} is UTF-8 with invalid bytes (first at byte {exc.start}: "
                             f"{data[exc.start:exc.start + 4]!r}). Repair or re-save it as UTF-8 and ingest it again.") from None
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name!r} is neither UTF-8, UTF-16 nor Windows-1258 text ({exc.reason}); re-save it as UTF-8.") from None


def _decode_utf16(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name!r} looks like UTF-16 but has invalid bytes at byte {exc.start}; "
                         "re-save it as UTF-8 and ingest it again.") from None


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when NUL bytes sit almost only at odd (or even) offsets, as in UTF-16 text."""
    sample = sample[: len(sample) // 2 * 2]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = max(len(sample) // 2, 1)
    if odd / half > 0.3 and even / half < 0.02:
        return "utf-16-le"
    if even / half > 0.3 and odd / half < 0.02:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> bool:
    """True when the bytes hold real UTF-8 multi-byte characters besides the broken ones."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    valid = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    return valid >= 2 * broken


def _control_ratio(sample: bytes) -> float:
    if not sample:
        return 0.0
    bad = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bad / len(sample)


def split_front_matter(raw: str, *, name: str = "input") -> tuple[dict, str]:
    """Return (metadata, body) for text that may start with a YAML front-matter block."""
    m = _FRONT_MATTER.match(raw)
    if not m:
        return {}, raw
    import yaml

    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as exc:
        raise InputError(f"Bad YAML front matter in {name!r}: {exc.__class__.__name__}; fix or remove the block between the '---' lines.") from None
    if not isinstance(meta, dict):
        raise InputError(f"Front matter in {name!r} must be a mapping of keys to values.")
    return meta, raw[m.end():]


def html_to_text(html: str) -> str:
    """Visible text of an HTML page: scripts, styles and other non-content elements are dropped."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "iframe", "svg", "head"]):
        tag.decompose()
    text = soup.get_text("\n")
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _read_pdf(path: Path) -> str:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    pypdf_log = logging.getLogger("pypdf")
    level, pypdf_log.level = pypdf_log.level, logging.ERROR  # its warnings about broken files would add lines
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not _open_without_password(reader):
            raise InputError(f"{str(path)!r} is an encrypted PDF; decrypt it (or export its text) and ingest that.")
        return "\n".join((page.extract_text() or "").strip() for page in reader.pages)
    except InputError:
        raise
    except DependencyError as exc:
        raise InputError(f"{str(path)!r} needs a decryption library ({exc}); pip install cryptography, "
                         "or export the PDF's text and ingest that.") from None
    except Exception as exc:  # pypdf raises many kinds on broken files
        raise InputError(f"{str(path)!r} is not a readable PDF ({exc.__class__.__name__}); "
                         "re-export it or convert it to text.") from None
    finally:
        pypdf_log.level = level


def _open_without_password(reader) -> bool:
    """PDFs encrypted only against editing open with an empty password; their text can be read."""
    try:
        return bool(reader.decrypt(""))
    except Exception:
        return False


def load_jsonl_corpus(path: Path) -> Iterator[Document]:
    """Documents from a .jsonl corpus; a broken line raises InputError naming its line number.

    All lines are parsed before any is returned, so a bad file yields nothing (nothing half-written).
    """
    docs: list[Document] = []
    text = decode_bytes(path.read_bytes(), name=str(path))
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict) or not str(obj.get("text", "")).strip():
                raise ValueError("needs an object with a non-empty 'text'")
            meta = {k: v for k, v in obj.items() if k != "text"}
            meta.setdefault("doc_id", f"{path.stem}-{lineno}")
            docs.append(make_document(str(obj["text"]), meta, None))
        except (ValueError, InputError) as exc:
            raise InputError(
                f"{str(path)!r} line {lineno} is not a valid document ({exc}); nothing from this file was ingested. "
                "Fix the line and ingest again."
            ) from None
    for doc in docs:
        doc.source = str(path)
        yield doc
