"""A BM25 index over the store's passages (bm25s), rebuilt when the store's version changes."""

from __future__ import annotations

import threading

import numpy as np

from ..schema import Passage
from ..store.base import PassageStore
from .tokenize import lexical_tokens


class LexicalIndex:
    """BM25 over every passage in a store; kept in step with the store by its version stamp."""

    def __init__(self, store: PassageStore):
        self.store = store
        self._lock = threading.Lock()
        self._version: str | None = None
        self._passages: list[Passage] = []
        self._bm25 = None
        self._vocab: dict[str, int] = {}

    def search(self, query: str, k: int) -> list[Passage]:
        """The k best passages by BM25, best first, with `score` set; none if no query token is indexed."""
        with self._lock:
            self._refresh()
            if self._bm25 is None:
                return []
            tokens = [t for t in lexical_tokens(query) if t in self._vocab]
            if not tokens:
                return []
            scores = self._bm25.get_scores(tokens)
            passages = self._passages
        top = np.argsort(-scores)[:k]
        return [passages[i].model_copy(update={"score": float(scores[i])}) for i in top if scores[i] > 0]

    def _refresh(self) -> None:
        version = self.store.version()
        if version == self._version:
            return
        import bm25s

        passages = self.store.all_passages()
        self._version, self._passages, self._bm25, self._vocab = version, passages, None, {}
        if not passages:
            return
        corpus = [lexical_tokens(p.text) or ["\u2205"] for p in passages]
        bm25 = bm25s.BM25()
        bm25.index(corpus, show_progress=False)
        self._bm25 = bm25
        self._vocab = dict(bm25.vocab_dict)
