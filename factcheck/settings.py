"""Settings: constructor arguments win, then a Settings object, then FACTCHECK_* environment variables."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict


def default_store_dir() -> Path:
    """The embedded store's folder: $FACTCHECK_STORE, else the user's data directory."""
    from platformdirs import user_data_dir

    return Path(os.environ.get("FACTCHECK_STORE") or Path(user_data_dir("factcheck")) / "store")


class Settings(BaseModel):
    """Every default works offline."""

    model_config = ConfigDict(extra="forbid")

    store_dir: str | None = None  # FACTCHECK_STORE
    chroma_url: str | None = None  # FACTCHECK_CHROMA_URL, e.g. http://127.0.0.1:8000
    collection: str = "factcheck"  # FACTCHECK_COLLECTION
    embedder: str = "e5"  # FACTCHECK_EMBEDDER: e5 | minilm | a sentence-transformers model name or folder
    verifier: str = "auto"  # FACTCHECK_VERIFIER: auto | nli | similarity | llm:<provider>:<model> | an HF cross-encoder
    top_k: int = 5  # FACTCHECK_TOP_K
    # FACTCHECK_SENTENCE_VECTORS: ingest also stores each passage's sentence vectors and retrieval reranks by the
    # best sentence (factcheck.store.sentence_vectors). Off by default: measured in session 10, it finds the
    # evidence far more often but the verdict does not gain from it yet (factcheck/models/README.md).
    sentence_vectors: bool = False

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        env = {
            "store_dir": os.environ.get("FACTCHECK_STORE"),
            "chroma_url": os.environ.get("FACTCHECK_CHROMA_URL"),
            "collection": os.environ.get("FACTCHECK_COLLECTION"),
            "embedder": os.environ.get("FACTCHECK_EMBEDDER"),
            "verifier": os.environ.get("FACTCHECK_VERIFIER"),
            "top_k": os.environ.get("FACTCHECK_TOP_K"),
            "sentence_vectors": os.environ.get("FACTCHECK_SENTENCE_VECTORS"),
        }
        values = {k: v for k, v in env.items() if v}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)
