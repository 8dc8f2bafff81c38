"""Helpers for the store, crash, concurrency and scale tests: a deterministic fake embedder, the backend
parameters (embedded folder, or the Chroma server named by $FACTCHECK_TEST_CHROMA_URL), a CLI bootstrap.

Run as a script (`python tests/store_support.py ARGS...`) it is the `factcheck` CLI with the fake
embedder available as FACTCHECK_EMBEDDER=test/hash, so crash tests can kill a real CLI process quickly.
"""

from __future__ import annotations

import os
import sys
import time
import uuid
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.embed.base import Embedder  # noqa: E402

SERVER_ENV = "FACTCHECK_TEST_CHROMA_URL"
FAKE_NAME = "test/hash"


class HashEmbedder(Embedder):
    """Deterministic across processes (crc32 of words, not Python's salted hash); what is tested is the store.

    $FACTCHECK_TEST_EMBED_DELAY (seconds per call) makes it as slow as a real model, and every call to embed
    passages appends a line to $FACTCHECK_TEST_EMBED_LOG, so a test can tell that a flush is under way.
    """

    name = FAKE_NAME
    dim = 32

    def __init__(self):
        self.calls = 0
        self.texts = 0

    def _embed(self, texts, *, kind):
        self.calls += 1
        self.texts += len(texts)
        log = os.environ.get("FACTCHECK_TEST_EMBED_LOG")
        if log and kind == "passage":
            with open(log, "a", encoding="utf-8") as fh:
                fh.write(f"{len(texts)}\n")
        time.sleep(float(os.environ.get("FACTCHECK_TEST_EMBED_DELAY", "0")))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for tok in t.lower().split():
                out[i, zlib.crc32(tok.encode()) % self.dim] += 1.0
            out[i, zlib.crc32(t.encode()) % self.dim] += 0.5  # no two different texts share a vector
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


class CachedEmbedder(Embedder):
    """The real default embedder under its own name, remembering vectors: tests re-ingest the same texts."""

    def __init__(self, inner: Embedder):
        self.inner = inner
        self.name = inner.name
        self._memo: dict[tuple[str, str], np.ndarray] = {}

    def _embed(self, texts, *, kind):
        todo = list(dict.fromkeys(t for t in texts if (kind, t) not in self._memo))
        if todo:
            for t, v in zip(todo, self.inner._embed(todo, kind=kind)):
                self._memo[(kind, t)] = v
        return np.stack([self._memo[(kind, t)] for t in texts]) if texts else np.zeros((0, 384), np.float32)


_CACHED: list[CachedEmbedder] = []


def real_embedder() -> CachedEmbedder:
    """One cached wrapper of the default (real) embedder per test process."""
    if not _CACHED:
        from factcheck.embed import get_embedder

        _CACHED.append(CachedEmbedder(get_embedder()))
    return _CACHED[0]


def server_url(required_in_ci: bool = True) -> str | None:
    """The test Chroma server's URL; in CI (CI=true) its absence is a failure, locally a skip."""
    import pytest

    url = os.environ.get(SERVER_ENV)
    if url:
        return url
    if required_in_ci and os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI must run a Chroma server and set {SERVER_ENV} (see .ci/run).")
    pytest.skip(f"no Chroma server: run `chroma run --path DIR --port PORT` and set {SERVER_ENV}=http://127.0.0.1:PORT")
    return None


def backend_kwargs(kind: str, tmp_path: Path) -> dict:
    """FactChecker keyword arguments for one backend: a fresh folder, or a fresh collection on the server."""
    if kind == "embedded":
        return {"store_dir": tmp_path / "store"}
    return {"chroma_url": server_url(), "collection": f"t-{uuid.uuid4().hex[:12]}"}


def drop_server_collection(kwargs: dict) -> None:
    """Delete a test's collections from the server, and the caches kept for them on this machine (a no-op for
    embedded stores)."""
    if "chroma_url" not in kwargs:
        return
    from factcheck.e5base import cache_root
    from factcheck.store.chroma_client import make_client

    client = make_client(None, kwargs["chroma_url"])
    for name in (kwargs["collection"], f"{kwargs['collection']}-docs"):
        try:
            client.delete_collection(name)
        except Exception:
            pass
    for cached in cache_root().glob(f"*-factcheck-{kwargs['collection']}-*.npz"):
        cached.unlink(missing_ok=True)


def _install_fake() -> None:
    import factcheck.embed as embed

    real = embed.get_embedder
    embed.get_embedder = lambda name=None: HashEmbedder() if name == FAKE_NAME else real(name)


if __name__ == "__main__":
    _install_fake()
    from factcheck.cli import main

    raise SystemExit(main(sys.argv[1:]))
