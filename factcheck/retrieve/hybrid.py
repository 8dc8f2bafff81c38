"""Hybrid retrieval: reciprocal-rank fusion of dense (Chroma), language-centred dense and lexical (BM25) rankings."""

from __future__ import annotations

from ..schema import Passage
from ..store.base import PassageStore
from .lexical import LexicalIndex

RRF_K = 60  # the usual constant from Cormack et al. (2009); damps the weight of top ranks


class HybridRetriever:
    """Dense and BM25 rankings fused by RRF, so names and numbers that embeddings blur still count.

    In a store holding several languages a third, language-centred dense ranking joins the fusion
    (`ChromaStore.dense_rankings`), so evidence written in another language than the claim can compete with
    passages in the claim's own language.
    """

    def __init__(self, store: PassageStore, *, candidates: int = 20, lexical_weight: float = 1.0):
        if candidates <= 0:
            raise ValueError(f"candidates must be greater than 0. Currently, candidates is {candidates}")
        self.store = store
        self.lexical = LexicalIndex(store)
        self.candidates = candidates
        self.lexical_weight = lexical_weight

    def retrieve(self, query: str, k: int = 5) -> list[Passage]:
        """The k best passages, best first; `score` is the fused score, meta holds dense/lexical parts."""
        if k <= 0:
            raise ValueError(f"k must be greater than 0. Currently, k is {k}")
        n = max(k, self.candidates)
        dense, centred = self.store.dense_rankings(query, n)
        lexical = self.lexical.search(query, n)
        fused: dict[str, dict] = {}
        for rank, p in enumerate(dense):
            fused[p.id] = {"p": p, "rrf": 1.0 / (RRF_K + rank + 1), "dense": p.score, "lexical": None}
        for rank, p in enumerate(centred):
            entry = fused.setdefault(p.id, {"p": p, "rrf": 0.0, "dense": p.score, "lexical": None})
            entry["rrf"] += 1.0 / (RRF_K + rank + 1)
        for rank, p in enumerate(lexical):
            entry = fused.setdefault(p.id, {"p": p, "rrf": 0.0, "dense": None, "lexical": None})
            entry["rrf"] += self.lexical_weight / (RRF_K + rank + 1)
            entry["lexical"] = p.score
        best = sorted(fused.values(), key=lambda e: -e["rrf"])[:k]
        return [e["p"].model_copy(update={"score": e["rrf"],
                                          "meta": {"dense": e["dense"], "lexical": e["lexical"]}}) for e in best]
