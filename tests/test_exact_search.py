"""An embedded store is searched exactly: the same passages in every process, none missed by the ANN graph."""

import numpy as np

from factcheck.embed.base import Embedder
from factcheck.schema import Passage
from factcheck.store import chroma_store
from factcheck.store.chroma_store import ChromaStore


class SeededEmbedder(Embedder):
    """Random unit vectors fixed by each text (passages "p17", queries "q:p17" land near their passage)."""

    name = "seeded-test"
    dim = 24

    def _embed(self, texts, *, kind):
        out = []
        for t in texts:
            target = t.split(":", 1)[-1]
            v = np.random.default_rng(int(target.split("-")[0][1:]) if target[0] == "p" else 0).normal(size=self.dim)
            if t.startswith("q:"):  # a query: its passage's vector, a little noise
                v = v + np.random.default_rng(1000).normal(scale=0.3, size=self.dim)
            out.append(v / np.linalg.norm(v))
        return np.asarray(out, np.float32)


def _store(path, n=400):
    store = ChromaStore(SeededEmbedder(), store_dir=path)
    langs = ["en", "vi", "ru"]
    store.upsert_passages([Passage(id=f"id{i}", doc_id=f"d{i // 4}", text=f"p{i}", start=0, end=2,
                                   lang=langs[i % 3]) for i in range(n)])
    return store


def _brute_force(store, query, k, lang=None):
    vecs = store.embedder.embed_passages([f"p{i}" for i in range(store.count())])
    q = store.embedder.embed_queries([query])[0]
    sims = vecs @ q
    rows = [i for i in np.argsort(-sims, kind="stable") if lang is None or ["en", "vi", "ru"][i % 3] == lang]
    return [f"id{i}" for i in rows[:k]], sims


def test_dense_search_is_the_exact_nearest_passages_with_their_cosine(tmp_path, monkeypatch):
    store = _store(tmp_path / "s")

    def approximate(*args, **kwargs):
        raise AssertionError("an embedded store this small is not searched by Chroma's HNSW index")

    monkeypatch.setattr(store, "_query", approximate)
    nearest, _, within = store.dense_lists("q:p123", 20)
    want, sims = _brute_force(store, "q:p123", 20)
    assert [p.id for p in nearest] == want and nearest[0].id == "id123"
    assert np.allclose([p.score for p in nearest], [sims[int(i[2:])] for i in want], atol=1e-5)
    assert [p.id for p in within["vi"]] == _brute_force(store, "q:p123", 20, "vi")[0]
    assert all(p.text == f"p{p.id[2:]}" and p.lang == ["en", "vi", "ru"][int(p.id[2:]) % 3] for p in nearest)


def test_a_second_process_finds_the_same_passages_and_writes_are_seen(tmp_path):
    store = _store(tmp_path / "s")
    first = [p.id for p in store.dense_search("q:p7", 10)]
    again = ChromaStore(SeededEmbedder(), store_dir=tmp_path / "s")  # as another process opening the store
    assert [p.id for p in again.dense_search("q:p7", 10)] == first
    store.delete_passages(["id7"])
    assert "id7" not in [p.id for p in again.dense_search("q:p7", 10)]  # the version moved: read again
    store.upsert_passages([Passage(id="new", doc_id="dn", text="p7", start=0, end=2, lang="en")])
    assert again.dense_search("q:p7", 1)[0].id == "new"


def test_a_store_over_the_limit_is_searched_by_chromas_index(tmp_path, monkeypatch):
    monkeypatch.setattr(chroma_store, "EXACT_SEARCH_MAX", 100)
    store = _store(tmp_path / "s")
    assert store.exact_index() is None
    assert store.dense_search("q:p123", 5)[0].id == "id123"  # the HNSW search still answers


def test_while_a_batch_of_writes_is_under_way_chromas_index_answers(tmp_path):
    store = _store(tmp_path / "s", n=60)
    assert store.exact_index() is not None
    with store.batch():
        store.upsert_passages([Passage(id="new", doc_id="dn", text="p7", start=0, end=2, lang="en")])
        assert store.exact_index() is None  # the stamp moves with every write of the batch
        assert store.dense_search("q:p7", 1)[0].id in {"id7", "new"}
    assert store.exact_index() is not None and store.dense_search("q:p7", 2)[1].id in {"id7", "new"}
