"""Open the configured store: an embedded Chroma folder by default, or a Chroma server by URL."""

from __future__ import annotations

from pathlib import Path

from ..embed.base import Embedder
from .base import PassageStore


def open_store(embedder: Embedder, *, store_dir: str | Path | None = None, chroma_url: str | None = None,
               collection: str = "factcheck", sentence_vectors: bool = False) -> PassageStore:
    """Return a Chroma store for `embedder`; raises EmbedderMismatchError if it was built by another."""
    from .chroma_store import ChromaStore

    return ChromaStore(embedder, store_dir=store_dir, chroma_url=chroma_url, collection=collection,
                       sentence_vectors=sentence_vectors)
