"""A BM25 index over the store's passages (bm25s), rebuilt when the store's version changes."""

from __future__ import annotations

import threading

import numpy as np

from ..schema import Passage
from ..store.base import PassageStore
from .tokenize import lexical_tokens


class LexicalIndex:
    """BM25 over every passage in a store; kept in step with the store by its version stamp.

    A rebuild fetches only the passages it has not tokenised before (their token ids are cached as
    small integer arrays), so growing a large corpus costs the new passages plus the BM25 matrix build.
    Search returns ids from the index and fetches just the top passages from the store.
    """

    def __init__(self, store: PassageStore, *, fetch_batch: int = 2000):
        self.store = store
        self.fetch_batch = fetch_batch
        self._lock = threading.Lock()
        self._version: str | None = None
        self._ids: list[str] = []
        self._bm25 = None
        self._terms: dict[str, int] = {}  # term -> id; grows, never shrinks (unused terms score nothing)
        self._tokens: dict[str, np.ndarray] = {}  # passage id -> its term ids
        self.last_build_seconds = 0.0

    def search(self, query: str, k: int) -> list[Passage]:
        """The k best passages by BM25, best first, with `score` set; none if no query token is indexed."""
        with self._lock:
            self._refresh()
            if self._bm25 is None:
                return []
            term_ids = [self._bm25.vocab_dict[t] for t in lexical_tokens(query) if t in self._bm25.vocab_dict]
            if not term_ids:
                return []
            scores = self._bm25.get_scores(term_ids)
            ids = self._ids
        top = [int(i) for i in np.argsort(-scores)[:k] if scores[i] > 0]
        found = {p.id: p for p in self.store.get_passages([ids[i] for i in top])}
        return [found[ids[i]].model_copy(update={"score": float(scores[i])}) for i in top if ids[i] in found]

    def _refresh(self) -> None:
        version = self.store.version()
        if version == self._version:
            return
        import time

        t0 = time.perf_counter()
        ids = self.store.all_ids()
        self._tokenise_missing(ids)
        present = set(ids)
        for gone in [pid for pid in self._tokens if pid not in present]:
            del self._tokens[gone]
        self._ids, self._bm25, self._version = ids, self._build(ids), version
        self.last_build_seconds = time.perf_counter() - t0

    def _tokenise_missing(self, ids: list[str]) -> None:
        missing = [pid for pid in ids if pid not in self._tokens]
        for i in range(0, len(missing), self.fetch_batch):
            for p in self.store.get_passages(missing[i:i + self.fetch_batch]):
                terms = lexical_tokens(p.text) or ["\u2205"]
                self._tokens[p.id] = np.fromiter((self._terms.setdefault(t, len(self._terms)) for t in terms),
                                                 dtype=np.int32, count=len(terms))

    def _build(self, ids: list[str]):
        ids[:] = [pid for pid in ids if pid in self._tokens]  # a passage deleted while we fetched
        if not ids:
            return None
        import bm25s

        bm25 = bm25s.BM25()
        corpus = [self._tokens[pid].tolist() for pid in ids]
        bm25.index((corpus, dict(self._terms)), show_progress=False)
        return bm25
