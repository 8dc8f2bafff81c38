"""Open a chromadb client: a server through HTTP when a URL is given, else a folder on disk (checked first)."""

from __future__ import annotations

import errno
import os
import uuid
from pathlib import Path
from urllib.parse import urlparse

from ..errors import StoreError

CHROMA_FILE = "chroma.sqlite3"


def make_client(store_dir: str | Path | None, chroma_url: str | None):
    """A chromadb client for the server at `chroma_url`, else for the folder `store_dir`."""
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False)
    if chroma_url:
        u = urlparse(chroma_url if "://" in chroma_url else f"http://{chroma_url}")
        try:
            return chromadb.HttpClient(host=u.hostname or "localhost", port=u.port or 8000, ssl=u.scheme == "https",
                                       settings=settings)
        except Exception as exc:
            raise StoreError(f"Cannot reach the Chroma server at {chroma_url!r}: {_short(exc)}. Start it with "
                             "`chroma run --path DIR --port PORT`, or unset FACTCHECK_CHROMA_URL.") from None
    if store_dir is None:
        raise StoreError("No store given: pass a store folder (--store, FACTCHECK_STORE) or a Chroma server URL.")
    path = Path(store_dir).expanduser()
    check_store_dir(path)
    try:
        return chromadb.PersistentClient(path=str(path), settings=settings)
    except Exception as exc:
        raise StoreError(f"Cannot open the Chroma store folder {str(path)!r}: {_short(exc)}. "
                         "Use a writable folder that is empty or holds a Chroma store.") from None


def check_store_dir(path: Path) -> None:
    """Refuse a path that is a file, a folder holding something else, or a folder we cannot write to.

    Writability is tested by writing a probe file, not by permission bits: root passes every permission
    check yet cannot write to a read-only mount, and Chroma must write even to answer queries.
    """
    if path.exists() and not path.is_dir():
        raise StoreError(f"Store path {str(path)!r} is a file, not a folder. Point --store / FACTCHECK_STORE at a folder.")
    if path.is_dir() and any(path.iterdir()) and not (path / CHROMA_FILE).exists():
        raise StoreError(f"{str(path)!r} is not empty and is not a Chroma store (no {CHROMA_FILE}). "
                         "Use an empty or new folder.")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"Cannot create the store folder {str(path)!r}: {exc.strerror}. Choose a writable folder.") from None
    _probe_write(path)
    db = path / CHROMA_FILE
    if db.exists() and not _is_sqlite(db):
        raise StoreError(f"{str(db)!r} is not a SQLite database, so {str(path)!r} is not a usable Chroma store. "
                         "Restore it from a backup, or use a new folder and ingest again.")


def _probe_write(path: Path) -> None:
    probe = path / f".factcheck-write-probe-{uuid.uuid4().hex[:8]}"
    try:
        fd = os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        why = "read-only" if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM) else "not writable"
        raise StoreError(f"Store folder {str(path)!r} is {why} ({exc.strerror}); Chroma writes to its folder even "
                         "to answer queries. Make it writable, or copy the store to a writable folder and point "
                         "--store there.") from None


def _is_sqlite(db: Path) -> bool:
    try:
        with open(db, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return False
    return head == b"SQLite format 3\x00" or head == b""


def _short(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or exc.__class__.__name__
    return text if len(text) <= 200 else text[:197] + "..."
