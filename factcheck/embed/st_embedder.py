"""Any sentence-transformers model by name or folder (e5 prefixes applied when the name says e5)."""

from __future__ import annotations

import threading

import numpy as np

from ..errors import ModelError
from .base import Embedder


class SentenceTransformerEmbedder(Embedder):
    """A sentence-transformers model; hub names need a network, folders and packaged models do not."""

    def __init__(self, model: str, *, name: str | None = None, prefixes: tuple[str, str] | None = None):
        self.model_ref = model
        self.name = name or f"st/{model}"
        if prefixes is None:
            prefixes = ("query: ", "passage: ") if "e5" in model.lower() else ("", "")
        self.prefixes = prefixes
        self._model = None
        self._lock = threading.Lock()

    @property
    def dim(self) -> int:
        return int(self._load().get_sentence_embedding_dimension())

    def _load(self):
        with self._lock:
            if self._model is None:
                from sentence_transformers import SentenceTransformer

                try:
                    self._model = SentenceTransformer(self.model_ref, device="cpu")
                except OSError as exc:
                    raise ModelError(
                        f"Cannot load sentence-transformers model {self.model_ref!r} ({exc.__class__.__name__}). "
                        "Without a network, pass a local model folder or use the default embedder 'e5'."
                    ) from None
        return self._model

    def _embed(self, texts: list[str], *, kind: str) -> np.ndarray:
        model = self._load()
        prefix = self.prefixes[0] if kind == "query" else self.prefixes[1]
        out = model.encode([prefix + t for t in texts], batch_size=self.batch_size, normalize_embeddings=True,
                           convert_to_numpy=True, show_progress_bar=False, prompt="")
        return np.asarray(out, dtype=np.float32).reshape(len(texts), -1)
