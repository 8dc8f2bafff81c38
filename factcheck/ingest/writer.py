"""Write documents' passages in batches, in an order that a kill at any moment cannot corrupt.

One flush, for the documents gathered since the last:
  1. records with an empty content hash ("in progress") for every document in the flush;
  2. the passages not already stored (ids are content hashes), embedded in batches;
  3. the document's older passages that its new text no longer has, deleted;
  4. the final records, with the content hash that lets the next ingest skip the document.
A kill before 4 leaves an "in progress" record, so the next ingest redoes the document (re-using
passages already written) and `--prune` can still find it; nothing is ever stored twice.
"""

from __future__ import annotations

from collections.abc import Callable

from ..schema import Document, Passage, content_hash
from ..store.base import DocumentRecord, PassageStore
from .chunking import chunk_document


def document_hash(doc: Document) -> str:
    """The hash that decides whether a stored document is unchanged (computed if the Document has none)."""
    return doc.content_hash or content_hash(doc.text, doc.title, str(doc.published), str(doc.url))


class BatchWriter:
    """Gathers changed documents and flushes them once `batch_size` passages are waiting."""

    def __init__(self, store: PassageStore, *, batch_size: int = 64,
                 on_passages: Callable[[int], None] | None = None):
        if batch_size <= 0:
            raise ValueError(f"batch_size must be greater than 0. Currently, batch_size is {batch_size}")
        self.store = store
        self.batch_size = batch_size
        self.on_passages = on_passages
        self.pending: list[tuple[Document, list[Passage], bool]] = []
        self.written = self.embedded = self.added = self.updated = 0

    def add(self, doc: Document, *, existed: bool) -> None:
        """Queue a new or changed document; flushes when enough passages wait."""
        if any(d.doc_id == doc.doc_id for d, _, _ in self.pending):
            self.flush()  # the same id twice in one run: the later text wins
        self.pending.append((doc, chunk_document(doc), existed))
        if sum(len(ps) for _, ps, _ in self.pending) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        pending, self.pending = self.pending, []
        with self.store.batch():
            self.store.put_documents([_record(d, len(ps), final=False) for d, ps, _ in pending])
            self._write_passages([p for _, ps, _ in pending for p in ps])
            self._delete_stale([(d, ps) for d, ps, existed in pending if existed])
            self.store.put_documents([_record(d, len(ps), final=True) for d, ps, _ in pending])
        for _, ps, existed in pending:
            self.written += len(ps)
            self.updated += existed
            self.added += not existed

    def _write_passages(self, passages: list[Passage]) -> None:
        have = self.store.existing_ids([p.id for p in passages])
        todo = [p for p in passages if p.id not in have]
        for i in range(0, len(todo), self.batch_size):
            part = todo[i:i + self.batch_size]
            self.store.upsert_passages(part)
            self.embedded += len(part)
            if self.on_passages:
                self.on_passages(len(part))

    def _delete_stale(self, docs: list[tuple[Document, list[Passage]]]) -> None:
        if not docs:
            return
        stored = self.store.passage_ids_of([d.doc_id for d, _ in docs])
        keep = {p.id for _, ps in docs for p in ps}
        self.store.delete_passages([pid for ids in stored.values() for pid in ids if pid not in keep])


def _record(doc: Document, n_passages: int, *, final: bool) -> DocumentRecord:
    return DocumentRecord(doc_id=doc.doc_id, title=doc.title, source=doc.source, url=doc.url, publisher=doc.publisher,
                          published=doc.published, lang=doc.lang, content_hash=document_hash(doc) if final else "",
                          n_passages=n_passages, n_chars=len(doc.text))
