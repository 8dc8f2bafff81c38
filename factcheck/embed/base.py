"""The embedder interface: queries and passages in, L2-normalised float32 vectors out."""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np

from ..lang import normalize_text


class Embedder(ABC):
    """Turns text into unit vectors; `name` identifies the model (stores record it)."""

    name: str
    batch_size: int = 32

    @abstractmethod
    def _embed(self, texts: list[str], *, kind: str) -> np.ndarray:
        """Embed already-normalised texts; kind is "query" or "passage"."""

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._embed([normalize_text(t) for t in texts], kind="query")

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._embed([normalize_text(t) for t in texts], kind="passage")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"


class LangChainEmbeddings:
    """Adapter so LangChain's Chroma store embeds with our embedder (never Chroma's default model)."""

    def __init__(self, embedder: Embedder):
        self.embedder = embedder
        # Vectors already computed for some texts (the store sets it around one write: a passage that is one
        # sentence has the vector of that sentence); only the other texts are embedded.
        self.known: dict[str, np.ndarray] = {}

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        todo = [t for t in dict.fromkeys(texts) if t not in self.known]
        fresh = dict(zip(todo, self.embedder.embed_passages(todo))) if todo else {}
        return [np.asarray(self.known[t] if t in self.known else fresh[t], dtype=np.float32).tolist() for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_queries([text])[0].tolist()
