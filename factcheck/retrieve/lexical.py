"""A BM25 index over the store's passages, refreshed when the store's version changes."""

from __future__ import annotations

import threading
import time

import numpy as np

from ..schema import Passage
from ..store.base import PassageStore
from .lexical_cache import TokenCache
from .tokenize import lexical_tokens

K1, B = 1.5, 0.75  # the usual BM25 constants (bm25s's and Lucene's defaults)
EMPTY = "\u2205"  # the one token of a passage with no lexical token, so every passage has a length


class LexicalIndex:
    """BM25 (Lucene's variant, as bm25s computes it) over every passage in a store.

    Passage ids are content hashes, so a passage's tokens never change: they are cached by id (as small
    integer arrays, and on disk beside the store when it offers a cache path), and a refresh tokenises only
    passages it has not seen. The term-weight matrix is rebuilt with vectorised numpy/scipy, about a second
    for 100k passages. Search returns ids and fetches just the top passages from the store.
    """

    def __init__(self, store: PassageStore, *, fetch_batch: int = 2000):
        self.store = store
        self.fetch_batch = fetch_batch
        self._lock = threading.Lock()
        self._version: str | None = None
        self._ids: list[str] = []
        self._matrix = None  # scipy CSC, passages x terms, BM25 weights
        self._cache = TokenCache(store.cache_path("lexical") if hasattr(store, "cache_path") else None)
        self.last_build_seconds = 0.0

    def search(self, query: str, k: int, among: set[str] | None = None) -> list[Passage]:
        """The k best passages by BM25 (of the ids in `among`, when given), best first, with `score` set; none if
        no query token is indexed."""
        with self._lock:
            self._refresh()
            if self._matrix is None:
                return []
            terms = [self._cache.terms.get(t) for t in lexical_tokens(query)]
            scores = _scores(self._matrix, [t for t in terms if t is not None and t < self._matrix.shape[1]])
            ids = self._ids
        if scores is None:
            return []
        if among is not None:
            scores = np.where(np.fromiter((i in among for i in ids), bool, len(ids)), scores, 0.0)
        top = [int(i) for i in np.argsort(-scores, kind="stable")[:k] if scores[i] > 0]
        found = {p.id: p for p in self.store.get_passages([ids[i] for i in top])}
        return [found[ids[i]].model_copy(update={"score": float(scores[i])}) for i in top if ids[i] in found]

    def _refresh(self) -> None:
        version = self.store.version()
        if version == self._version:
            return
        t0 = time.perf_counter()
        ids = self.store.all_ids()
        self._cache.load_once()
        added = self._tokenise_missing(ids)
        self._cache.forget_except(set(ids))
        ids = [pid for pid in ids if pid in self._cache.tokens]  # a passage deleted while we fetched
        self._ids, self._matrix, self._version = ids, _bm25_matrix(ids, self._cache), version
        if added:
            self._cache.save_if_worth(added)
        self.last_build_seconds = time.perf_counter() - t0

    def _tokenise_missing(self, ids: list[str]) -> int:
        missing = [pid for pid in ids if pid not in self._cache.tokens]
        for i in range(0, len(missing), self.fetch_batch):
            for p in self.store.get_passages(missing[i:i + self.fetch_batch]):
                self._cache.add(p.id, lexical_tokens(p.text) or [EMPTY])
        return len(missing)


def _bm25_matrix(ids: list[str], cache: TokenCache):
    """passages x terms CSC matrix of BM25 term weights: idf * tf / (tf + k1 * (1 - b + b * len / avg len))."""
    if not ids:
        return None
    from scipy.sparse import csc_matrix

    arrays = [cache.tokens[pid] for pid in ids]
    lengths = np.fromiter((len(a) for a in arrays), dtype=np.float32, count=len(arrays))
    flat = np.concatenate(arrays)
    rows = np.repeat(np.arange(len(ids), dtype=np.int32), lengths.astype(np.int64))
    m = csc_matrix((np.ones(len(flat), dtype=np.float32), (rows, flat)), shape=(len(ids), len(cache.terms)))
    m.sum_duplicates()
    df = np.diff(m.indptr).astype(np.float32)
    idf = np.log1p((len(ids) - df + 0.5) / (df + 0.5))
    tf, doc_len = m.data, lengths[m.indices]
    norm = K1 * ((1 - B) + B * doc_len / lengths.mean())
    m.data = (np.repeat(idf, np.diff(m.indptr)) * tf / (tf + norm)).astype(np.float32)
    return m


def _scores(m, term_ids: list[int]) -> np.ndarray | None:
    """Each passage's BM25 score for the query terms (a term repeated in the query counts again)."""
    if not term_ids:
        return None
    scores = np.zeros(m.shape[0], dtype=np.float32)
    for t in term_ids:
        lo, hi = m.indptr[t], m.indptr[t + 1]
        scores[m.indices[lo:hi]] += m.data[lo:hi]
    return scores
