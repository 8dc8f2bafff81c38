"""Incremental, crash-safe ingestion: unchanged documents are skipped, changed ones replaced, passages batched."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict, PrivateAttr

from ..schema import Document, Passage
from ..store.base import DocumentRecord, PassageStore
from .chunking import chunk_document
from .loaders import iter_source_files, load_path

ProgressFn = Callable[[int, int, str], None]  # (done, total, what)


class IngestStats(BaseModel):
    """What an ingest did."""

    model_config = ConfigDict(extra="forbid")

    documents: int = 0
    added: int = 0
    updated: int = 0
    skipped: int = 0
    removed: int = 0
    passages_written: int = 0
    seconds: float = 0.0
    _seen: set[str] = PrivateAttr(default_factory=set)  # doc ids met in this run (for pruning)


def ingest_paths(store: PassageStore, paths: list[str | Path], *, prune: bool = False, batch_size: int = 64,
                 progress: bool = False, on_progress: ProgressFn | None = None) -> IngestStats:
    """Ingest files and folders; with `prune`, drop stored documents from these folders that are gone."""
    files = list(iter_source_files(paths))  # validates every path before anything is written

    def docs() -> Iterator[Document]:
        seen_ids: set[str] = set()
        for path in files:
            for doc in load_path(path):
                if doc.doc_id in seen_ids:  # two files with one stem: keep both, distinguishably
                    doc.doc_id = f"{doc.doc_id}-{abs(hash(str(path.resolve()))) % 10**6}"
                seen_ids.add(doc.doc_id)
                yield doc

    stats = ingest_documents(store, docs(), batch_size=batch_size, progress=progress, on_progress=on_progress,
                             total=len(files))
    if prune:
        stats.removed = _prune(store, paths, stats)
    return stats


def ingest_documents(store: PassageStore, docs: Iterable[Document], *, batch_size: int = 64, progress: bool = False,
                     on_progress: ProgressFn | None = None, total: int | None = None) -> IngestStats:
    """Write documents' passages in batches; a document's record is written only after all its passages."""
    t0 = time.perf_counter()
    stats = IngestStats()
    pending: list[tuple[Document, list[Passage], bool]] = []
    bar = _bar(total, progress)
    for i, doc in enumerate(docs, start=1):
        stats.documents += 1
        stats._seen.add(doc.doc_id)
        old = store.get_document(doc.doc_id)
        if old is not None and old.content_hash == doc.content_hash:
            stats.skipped += 1
        else:
            pending.append((doc, chunk_document(doc), old is not None))
            if sum(len(ps) for _, ps, _ in pending) >= batch_size:
                _flush(store, pending, stats)
        if bar is not None:
            bar.update(1)
        if on_progress:
            on_progress(i, total or i, doc.title or doc.doc_id)
    _flush(store, pending, stats)
    if bar is not None:
        bar.close()
    stats.seconds = round(time.perf_counter() - t0, 3)
    return stats


def _flush(store: PassageStore, pending: list, stats: IngestStats) -> None:
    if not pending:
        return
    store.upsert_passages([p for _, ps, _ in pending for p in ps])
    for doc, passages, existed in pending:
        keep = {p.id for p in passages}
        store.delete_passages([pid for pid in store.passage_ids(doc.doc_id) if pid not in keep])
        store.put_document(_record(doc, len(passages)))
        stats.passages_written += len(passages)
        stats.updated += existed
        stats.added += not existed
    pending.clear()


def _record(doc: Document, n_passages: int) -> DocumentRecord:
    return DocumentRecord(doc_id=doc.doc_id, title=doc.title, source=doc.source, url=doc.url, publisher=doc.publisher,
                          published=doc.published, lang=doc.lang, content_hash=doc.content_hash,
                          n_passages=n_passages, n_chars=len(doc.text))


def _prune(store: PassageStore, paths: list[str | Path], stats: IngestStats) -> int:
    roots = [str(Path(p).expanduser().resolve()) for p in paths]
    removed = 0
    for rec in store.list_documents():
        if rec.doc_id in stats._seen or not rec.source:
            continue
        src = str(Path(rec.source).expanduser().resolve())
        if any(src == r or src.startswith(r.rstrip("/") + "/") for r in roots):
            store.delete_document(rec.doc_id)
            removed += 1
    return removed


def _bar(total: int | None, progress: bool):
    if not progress:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", desc="Ingesting")
