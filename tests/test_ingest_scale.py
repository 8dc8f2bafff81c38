"""Ingestion at scale: batched embedding, few store round trips, incremental skip/replace/prune, passages that a
killed run already stored are not embedded again, stable ids, and a BM25 index that only tokenises what is new.
(Speed itself is measured by benchmarks/run.py, not here.)"""

from __future__ import annotations

import math

import pytest
from store_support import HashEmbedder

from factcheck.ingest import ingest_documents, ingest_paths
from factcheck.retrieve.lexical import LexicalIndex
from factcheck.schema import Document
from factcheck.store.chroma_store import ChromaStore


@pytest.fixture()
def store(tmp_path):
    return ChromaStore(HashEmbedder(), store_dir=tmp_path / "store")


def docs(n: int, *, tag: str = "v1") -> list[Document]:
    return [Document(doc_id=f"d{i:04d}", title=f"Doc {i}", text=f"Bulletin {i} {tag}: the depot counted {i} trucks.",
                     lang="en") for i in range(n)]


class Counting:
    """Counts calls to the store methods that make round trips."""

    def __init__(self, store, names=("get_documents", "put_documents", "upsert_passages", "existing_ids",
                                      "passage_ids_of", "_bump")):
        self.n = dict.fromkeys(names, 0)
        for name in names:
            fn = getattr(store, name)
            setattr(store, name, self._wrap(name, fn))

    def _wrap(self, name, fn):
        def counted(*args, **kwargs):
            self.n[name] += 1
            return fn(*args, **kwargs)
        return counted


def test_many_documents_take_few_round_trips_and_batched_embedding(store):
    calls = Counting(store)
    stats = ingest_documents(store, docs(600), batch_size=64)
    flushes = math.ceil(600 / 64)
    assert (stats.added, stats.passages_written, stats.passages_embedded) == (600, 600, 600)
    assert store.embedder.calls == flushes and store.embedder.texts == 600  # one embedding call per batch
    assert calls.n["get_documents"] == 1 + math.ceil(599 / 256)  # one lookup per group of documents
    assert calls.n["put_documents"] == 2 * flushes  # "in progress" records, then final ones
    assert calls.n["_bump"] <= 2 * flushes  # the version stamp moves twice a flush, not per document
    assert store.count() == 600


def test_an_unchanged_corpus_is_skipped_without_writing(store):
    ingest_documents(store, docs(200))
    version, embedded = store.version(), store.embedder.texts
    stats = ingest_documents(store, docs(200))
    assert (stats.skipped, stats.added, stats.updated, stats.passages_written) == (200, 0, 0, 0)
    assert store.version() == version and store.embedder.texts == embedded


def test_changed_documents_are_replaced_and_the_rest_skipped(store):
    ingest_documents(store, docs(100))
    changed = docs(100)
    for d in changed[:10]:
        d.text = d.text.replace("trucks", "vans")
    stats = ingest_documents(store, changed)
    assert (stats.updated, stats.skipped, stats.passages_embedded) == (10, 90, 10)
    texts = [p.text for p in store.all_passages()]
    assert len(texts) == 100 and sum("vans" in t for t in texts) == 10


def test_passages_a_killed_run_stored_are_not_embedded_again(store):
    ingest_documents(store, docs(120))
    store.docs.delete(ids=[f"d{i:04d}" for i in range(120)])  # as if killed before the final records
    before = store.embedder.texts
    stats = ingest_documents(store, docs(120))
    assert (stats.added, stats.passages_written, stats.passages_embedded) == (120, 120, 0)
    assert store.embedder.texts == before and store.count() == 120


def test_a_long_document_is_embedded_in_batches_with_progress(store):
    text = "\n".join(f"Paragraph {i} says the quay at berth {i} was repaired in spring after the storm. " * 3
                     for i in range(800))
    seen: list[int] = []
    from factcheck.ingest.writer import BatchWriter

    writer = BatchWriter(store, batch_size=100, on_passages=seen.append)
    writer.add(Document(doc_id="long", text=text, lang="en"), existed=False)
    writer.flush()
    assert sum(seen) == writer.written == store.count() > 400
    assert max(seen) == 100 and len(seen) == math.ceil(writer.written / 100)


def test_progress_is_reported_per_document(store):
    events = []
    ingest_documents(store, docs(30), on_progress=lambda done, total, what: events.append((done, total, what)))
    assert [e[0] for e in events] == list(range(1, 31))
    assert events[-1] == (30, 30, "Doc 29")


def test_files_with_the_same_name_keep_stable_ids_across_runs(store, tmp_path):
    for sub in ("a", "b"):
        (tmp_path / "src" / sub).mkdir(parents=True)
        (tmp_path / "src" / sub / "note.txt").write_text(f"Note from folder {sub}.", encoding="utf-8")
    first = ingest_paths(store, [tmp_path / "src"])
    again = ingest_paths(store, [tmp_path / "src"])
    assert (first.added, again.skipped, again.added) == (2, 2, 0)
    assert len(store.list_documents()) == 2 == store.count()


def test_prune_removes_only_documents_under_the_given_folders(store, tmp_path):
    for sub in ("keep", "gone"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / f"{sub}.txt").write_text(f"Text kept in {sub}.", encoding="utf-8")
    ingest_paths(store, [tmp_path / "keep", tmp_path / "gone"])
    (tmp_path / "gone" / "gone.txt").unlink()
    (tmp_path / "keep" / "other.txt").write_text("Another note.", encoding="utf-8")
    stats = ingest_paths(store, [tmp_path / "keep"], prune=True)
    assert (stats.added, stats.removed) == (1, 0)  # 'gone' is not under the folder given this time
    stats = ingest_paths(store, [tmp_path / "gone"], prune=True)
    assert stats.removed == 1
    assert sorted(d.doc_id for d in store.list_documents()) == ["keep", "other"]


def test_bm25_tokenises_only_new_passages_and_forgets_removed_ones(store):
    ingest_documents(store, docs(50))
    index = LexicalIndex(store)
    fetched = []
    real_get = store.get_passages
    store.get_passages = lambda ids: fetched.append(len(ids)) or real_get(ids)
    assert index.search("Bulletin 7 trucks", 1)[0].doc_id == "d0007"
    assert fetched == [50, 1]  # all passages once to tokenise, then only the hit
    fetched.clear()
    ingest_documents(store, [Document(doc_id="x", text="The quarry reopened with 12 excavators.", lang="en")])
    store.delete_document("d0003")
    assert index.search("quarry excavators", 1)[0].doc_id == "x"
    assert fetched == [1, 1]  # the one new passage, then the hit
    assert len(index._cache.tokens) == 50 and index.search("Bulletin 3 v1", 50)[0].doc_id != "d0003"


def test_bm25_scores_match_bm25s(store):
    import bm25s
    import numpy as np

    from factcheck.retrieve.tokenize import lexical_tokens

    texts = [f"Depot {i % 7} counted {i} trucks and {i % 3} vans near the {['river', 'port', 'mill'][i % 3]}."
             for i in range(40)] + ["", "port port port port port", "Trucks."]
    ingest_documents(store, [Document(doc_id=f"t{i}", text=t or "…", lang="en") for i, t in enumerate(texts)])
    index = LexicalIndex(store)
    query = "trucks near the port port 5"
    ours = {p.id: p.score for p in index.search(query, 100)}
    passages = store.get_passages(index._ids)
    ref = bm25s.BM25()
    ref.index([lexical_tokens(p.text) or ["\u2205"] for p in passages], show_progress=False)
    scores = ref.get_scores([t for t in lexical_tokens(query) if t in ref.vocab_dict])
    expected = {p.id: float(s) for p, s in zip(passages, scores) if s > 0}
    assert ours.keys() == expected.keys()
    assert np.allclose([ours[k] for k in expected], list(expected.values()), rtol=1e-4)


def test_the_token_cache_is_shared_through_a_file(store, monkeypatch):
    import factcheck.retrieve.lexical_cache as lexical_cache

    monkeypatch.setattr(lexical_cache, "SAVE_MIN", 10)
    ingest_documents(store, docs(40))
    assert LexicalIndex(store).search("Bulletin 12 trucks", 1)[0].doc_id == "d0012"
    assert store.cache_path("lexical").exists()
    fetched = []
    real_get = store.get_passages
    store.get_passages = lambda ids: fetched.append(len(ids)) or real_get(ids)
    fresh = LexicalIndex(store)  # as a new process would: tokens come from the file, passages are not fetched
    assert fresh.search("Bulletin 12 trucks", 1)[0].doc_id == "d0012"
    assert fetched == [1]
    monkeypatch.setattr(lexical_cache, "tokenizer_fingerprint", lambda: "another tokenizer")
    fetched.clear()
    assert LexicalIndex(store).search("Bulletin 12 trucks", 1)[0].doc_id == "d0012"
    assert fetched == [40, 1]  # a file written by another tokenizer is ignored


def test_a_reader_is_not_left_stale_by_a_writer_killed_mid_batch(tmp_path):
    from factcheck.schema import Passage

    writer = ChromaStore(HashEmbedder(), store_dir=tmp_path / "s")
    reader = ChromaStore(HashEmbedder(), store_dir=tmp_path / "s")
    ingest_documents(writer, docs(5))
    index = LexicalIndex(reader)
    assert index.search("Bulletin 2", 1)[0].doc_id == "d0002"
    real_bump = writer._bump
    writer._bump = lambda *, writing: real_bump(writing=True) if writing else None  # killed before its last bump

    def passage(word: str) -> Passage:
        return Passage(id=word, doc_id="z", text=f"The {word} escaped.", start=0, end=15)

    with writer.batch():
        writer.upsert_passages([passage("zebra")])
        assert index.search("zebra", 1)[0].id == "zebra"  # the reader rebuilt in the middle of the batch
        writer.upsert_passages([passage("okapi")])
    assert reader.version().endswith(f":{reader.count()}")  # the stamp still says "writing", so it counts
    assert index.search("okapi", 1)[0].id == "okapi"
