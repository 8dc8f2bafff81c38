"""FactChecker: the public API. ingest -> (extract) -> retrieve -> verify -> report."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path

from .errors import InputError
from .lang import detect_lang, normalize_text
from .schema import CheckReport, Claim, ClaimResult, Document
from .settings import Settings, default_store_dir

MAX_CLAIM_CHARS = 2000


class FactChecker:
    """Checks claims against a corpus in a Chroma store; models and the store open on first use."""

    def __init__(self, store_dir: str | Path | None = None, *, collection: str | None = None, embedder=None,
                 verifier=None, chroma_url: str | None = None, settings: Settings | None = None):
        base = settings or Settings.from_env()
        self.settings = base.model_copy(update={k: v for k, v in {
            "store_dir": str(store_dir) if store_dir is not None else None, "collection": collection,
            "chroma_url": chroma_url, "embedder": embedder if isinstance(embedder, str) else None,
            "verifier": verifier if isinstance(verifier, str) else None}.items() if v is not None})
        self._embedder_obj = embedder if embedder is not None and not isinstance(embedder, str) else None
        self._verifier_obj = verifier if verifier is not None and not isinstance(verifier, str) else None
        self._store = self._retriever = None
        self._lock = threading.RLock()

    # -- lazily built parts -------------------------------------------------------------
    @property
    def embedder(self):
        if self._embedder_obj is None:
            from .embed import get_embedder

            self._embedder_obj = get_embedder(self.settings.embedder)
        return self._embedder_obj

    @property
    def embedder_name(self) -> str:
        return self.embedder.name

    @property
    def store(self):
        with self._lock:
            if self._store is None:
                from .store import open_store

                store_dir = None if self.settings.chroma_url else (self.settings.store_dir or default_store_dir())
                self._store = open_store(self.embedder, store_dir=store_dir, chroma_url=self.settings.chroma_url,
                                         collection=self.settings.collection,
                                         sentence_vectors=self.settings.sentence_vectors)
            return self._store

    @property
    def retriever(self):
        with self._lock:
            if self._retriever is None:
                from .retrieve import HybridRetriever

                self._retriever = HybridRetriever(self.store, sentence_rerank=self.settings.sentence_vectors)
            return self._retriever

    @property
    def verifier(self):
        with self._lock:
            if self._verifier_obj is None:
                from .verify.factory import make_verifier

                self._verifier_obj = make_verifier(self.settings.verifier, self.embedder)
            return self._verifier_obj

    def warm_up(self) -> None:
        """Load the models and open the store now rather than on the first check."""
        if self.store.count():
            self.retriever.retrieve("warm up", 1)
        self.verifier.scorer.score([("warm up", "warm up")])
        from .quantities import warm_up as warm_up_figures

        warm_up_figures()

    # -- corpus ---------------------------------------------------------------------------
    def ingest(self, paths: Iterable[str | Path], *, prune: bool = False, progress: bool = False, on_progress=None):
        """Ingest files and folders (idempotent); returns IngestStats."""
        from .ingest import ingest_paths

        paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
        return ingest_paths(self.store, paths, prune=prune, progress=progress, on_progress=on_progress)

    def ingest_documents(self, docs: Iterable[Document], *, progress: bool = False, on_progress=None):
        """Ingest Document objects (idempotent by content hash); returns IngestStats."""
        from .ingest import ingest_documents

        return ingest_documents(self.store, docs, progress=progress, on_progress=on_progress)

    def documents(self):
        """Records of the indexed documents."""
        return self.store.list_documents()

    def remove_document(self, doc_id: str) -> None:
        if self.store.get_document(doc_id) is None:
            raise InputError(f"No document {doc_id!r} in the store; see `factcheck docs` for the ids.")
        self.store.delete_document(doc_id)

    # -- checking -------------------------------------------------------------------------
    def check_claim(self, claim: str | Claim, *, top_k: int | None = None,
                    doc_ids: Sequence[str] | None = None) -> ClaimResult:
        """Verify one claim against the corpus, or against the documents `doc_ids` only (ids as `documents()`
        lists them; an unknown id is an InputError)."""
        t0 = time.perf_counter()
        claim = self._as_claim(claim)
        k = top_k or self.settings.top_k
        # doc_ids only when given: a retriever plugged in with the plain retrieve(text, k) still serves the rest
        passages = self.retriever.retrieve(claim.text, k) if doc_ids is None else \
            self.retriever.retrieve(claim.text, k, doc_ids=doc_ids)
        if not passages and self.store.count() == 0:
            raise InputError("The corpus is empty: ingest documents first (`factcheck ingest seeds/`).")
        docs = self.store.get_documents(sorted({p.doc_id for p in passages}))
        result = self.verifier.verify(claim, passages, docs)
        result.latency_ms = round((time.perf_counter() - t0) * 1000, 1)
        return result

    def check(self, text: str, *, published: str | None = None, top_k: int | None = None, on_progress=None,
              doc_ids: Sequence[str] | None = None) -> CheckReport:
        """Extract the checkable claims of a text and check each (against the documents `doc_ids` only, when
        given); claims come back in text order."""
        from .extract import extract_claims

        text = _require_text(text, limit=2_000_000)
        extraction = extract_claims(text, published=published)
        results = []
        for i, claim in enumerate(extraction.claims, start=1):
            results.append(self.check_claim(claim, top_k=top_k, doc_ids=doc_ids))
            if on_progress:
                on_progress(i, len(extraction.claims), claim.text)
        return CheckReport(text=text, lang=detect_lang(text), results=results, not_checkable=extraction.rejected,
                           created=datetime.now(timezone.utc).isoformat(timespec="seconds"))

    def _as_claim(self, claim: str | Claim) -> Claim:
        if isinstance(claim, Claim):
            _require_text(claim.text, limit=MAX_CLAIM_CHARS)
            return claim
        text = _require_text(claim, limit=MAX_CLAIM_CHARS)
        return Claim(text=text, lang=detect_lang(text), spans=[])


def _require_text(text: str, *, limit: int) -> str:
    if not isinstance(text, str):
        raise InputError(f"Expected text, got {type(text).__name__}.")
    text = normalize_text(text)
    if not text:
        raise InputError("The claim is empty: pass a sentence to check.")
    if len(text) > limit:
        raise InputError(f"The text is {len(text):,} characters; the limit is {limit:,}. "
                         "Pass a single claim, or use `factcheck check --file` for an article.")
    return text
