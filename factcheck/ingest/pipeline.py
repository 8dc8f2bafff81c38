"""Incremental, crash-safe ingestion: unchanged documents are skipped, changed ones replaced, passages batched."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from ..errors import InputError
from ..schema import Document, content_hash
from ..store.base import PassageStore
from .loaders import iter_source_files, load_path
from .writer import BatchWriter, document_hash

ProgressFn = Callable[[int, int, str], None]  # (done, total, what)
LOOKUP_BATCH = 256  # documents whose stored records are fetched in one call ...
LOOKUP_CHARS = 4_000_000  # ... or fewer, once they hold this much text


class IngestStats(BaseModel):
    """What an ingest did."""

    model_config = ConfigDict(extra="forbid")

    documents: int = 0
    added: int = 0
    updated: int = 0
    skipped: int = 0
    removed: int = 0
    passages_written: int = 0
    passages_embedded: int = 0  # passages_written less those already stored (e.g. by a killed run)
    failed: list[str] = Field(default_factory=list)  # "path: why" for each file that could not be read
    seconds: float = 0.0
    _seen: set[str] = PrivateAttr(default_factory=set)  # doc ids met in this run (for pruning)


class IngestError(InputError):
    """Some files could not be read; the others were ingested (`stats` says what was done)."""

    def __init__(self, message: str, stats: IngestStats):
        super().__init__(message)
        self.stats = stats


def ingest_paths(store: PassageStore, paths: list[str | Path], *, prune: bool = False, batch_size: int = 64,
                 progress: bool = False, on_progress: ProgressFn | None = None) -> IngestStats:
    """Ingest files and folders; with `prune`, drop stored documents from these folders that are gone.

    A file that cannot be read is skipped and named in `stats.failed`; the others are ingested, then
    IngestError (an InputError) reports the skipped ones. Documents of skipped files are never pruned.
    """
    files = list(iter_source_files(paths))  # validates every path before anything is written
    failed: list[tuple[Path, str]] = []
    stats = ingest_documents(store, _load_all(files, failed), batch_size=batch_size, progress=progress,
                             on_progress=on_progress, total=None if any(f.suffix == ".jsonl" for f in files) else len(files))
    stats.failed = [f"{path}: {why}" for path, why in failed]
    if prune:
        stats.removed = _prune(store, paths, stats, {str(path.resolve()) for path, _ in failed})
    if failed:
        raise IngestError(_failure_message(failed, stats), stats)
    return stats


def ingest_documents(store: PassageStore, docs: Iterable[Document], *, batch_size: int = 64, progress: bool = False,
                     on_progress: ProgressFn | None = None, total: int | None = None) -> IngestStats:
    """Write documents' passages in batches; a document's final record is written only after all its passages."""
    t0 = time.perf_counter()
    stats = IngestStats()
    bar = _bar(total, progress)
    writer = BatchWriter(store, batch_size=batch_size,
                         on_passages=(lambda n: bar.set_postfix(passages=writer.embedded, refresh=False)) if bar is not None else None)
    for group in _groups(docs):
        known = store.get_documents(list({d.doc_id for d in group}))
        for doc in group:
            stats.documents += 1
            stats._seen.add(doc.doc_id)
            old = known.get(doc.doc_id)
            if old is not None and old.content_hash == document_hash(doc):
                stats.skipped += 1
            else:
                writer.add(doc, existed=old is not None)
            if bar is not None:
                bar.update(1)
            if on_progress:
                on_progress(stats.documents, max(total or 0, stats.documents), doc.title or doc.doc_id)
    writer.flush()
    if bar is not None:
        bar.close()
    stats.added, stats.updated = writer.added, writer.updated
    stats.passages_written, stats.passages_embedded = writer.written, writer.embedded
    stats.seconds = round(time.perf_counter() - t0, 3)
    return stats


def _groups(docs: Iterable[Document]) -> Iterator[list[Document]]:
    """Documents in groups whose stored records are looked up in one call: the first alone (quick progress),
    then up to LOOKUP_BATCH documents or LOOKUP_CHARS characters, so large files are not all held at once."""
    group: list[Document] = []
    chars = 0
    first = True
    for doc in docs:
        group.append(doc)
        chars += len(doc.text)
        if first or len(group) >= LOOKUP_BATCH or chars >= LOOKUP_CHARS:
            yield group
            group, chars, first = [], 0, False
    if group:
        yield group


def _load_all(files: list[Path], failed: list[tuple[Path, str]]) -> Iterator[Document]:
    seen_ids: set[str] = set()
    for path in files:
        try:
            docs = load_path(path)
        except InputError as exc:
            failed.append((path, str(exc)))
            continue
        for doc in docs:
            if doc.doc_id in seen_ids:  # two files with one stem: keep both, under an id stable across runs
                doc.doc_id = f"{doc.doc_id}-{content_hash(str(path.resolve()), length=8)}"
            seen_ids.add(doc.doc_id)
            yield doc


def _failure_message(failed: list[tuple[Path, str]], stats: IngestStats) -> str:
    if stats.documents == 0:
        done = "nothing was written to the store"
    else:
        done = (f"the other files were ingested ({stats.added} documents added, {stats.updated} updated, "
                f"{stats.skipped} unchanged)")
    if len(failed) == 1:
        return f"{failed[0][1]} That file was skipped; {done}."
    listed = " | ".join(why for _, why in failed[:3]) + (f" | and {len(failed) - 3} more" if len(failed) > 3 else "")
    return f"{len(failed)} files were skipped: {listed}. Fix them and ingest again; {done}."


def _prune(store: PassageStore, paths: list[str | Path], stats: IngestStats, failed: set[str]) -> int:
    roots = [str(Path(p).expanduser().resolve()) for p in paths]
    removed = 0
    with store.batch():
        for rec in store.list_documents():
            if rec.doc_id in stats._seen or not rec.source:
                continue
            src = str(Path(rec.source).expanduser().resolve())
            if src in failed:
                continue
            if any(src == r or src.startswith(r.rstrip("/") + "/") for r in roots):
                store.delete_document(rec.doc_id)
                removed += 1
    return removed


def _bar(total: int | None, progress: bool):
    if not progress:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", desc="Ingesting")
