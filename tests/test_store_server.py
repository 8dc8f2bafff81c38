"""The store and the ingest/retrieve/check pipeline, against an embedded folder and a Chroma server.

Server cases run when $FACTCHECK_TEST_CHROMA_URL names a server (.ci/run starts one); in CI its absence
fails them, elsewhere it skips them.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from store_support import ROOT, backend_kwargs, drop_server_collection, real_embedder

from factcheck import FactChecker
from factcheck.errors import StoreError
from factcheck.schema import Label

SEED_SENTENCE = ("German Gref, Giám đốc điều hành Sberbank, thừa nhận vào năm 2023 rằng các bộ xử lý đồ họa (GPU), "
                 "chip hỗ trợ cho quá trình phát triển AI, là phần cứng khó thay thế nhất với Nga.")
BACKENDS = ["embedded", pytest.param("server", marks=pytest.mark.server)]


@pytest.fixture(params=BACKENDS)
def where(request, tmp_path):
    kwargs = backend_kwargs(request.param, tmp_path)
    yield kwargs
    drop_server_collection(kwargs)


def _checker(where: dict) -> FactChecker:
    return FactChecker(where.get("store_dir"), chroma_url=where.get("chroma_url"),
                       collection=where.get("collection"), embedder=real_embedder(), verifier="similarity")


def test_seed_ingest_retrieve_and_check(where, seed_dir, seed_text):
    fc = _checker(where)
    stats = fc.ingest([seed_dir])
    assert (stats.added, stats.skipped) == (1, 0) and stats.passages_written == fc.store.count() > 10
    for p in fc.store.all_passages():
        assert seed_text[p.start:p.end] == p.text
    top = fc.retriever.retrieve("German Gref, the CEO of Sberbank, said GPUs are the hardest hardware to replace", 3)
    assert any("German Gref" in p.text for p in top)
    result = fc.check_claim(SEED_SENTENCE)
    assert result.verdict == Label.SUPPORTED
    assert "German Gref" in result.citations[0].quote
    again = fc.ingest([seed_dir])
    assert (again.skipped, again.passages_written) == (1, 0)


def _bridge_and_tunnel(where: dict, tmp_path) -> tuple[FactChecker, object]:
    """A checker over two indexed files: a.txt (a bridge) and b.txt (a tunnel); returns it and their folder."""
    src = tmp_path / "docs"
    src.mkdir()
    (src / "a.txt").write_text("The northern bridge opened in 1998. It is two kilometres long.", encoding="utf-8")
    (src / "b.txt").write_text("The harbour tunnel opened in 2004 after six years of work.", encoding="utf-8")
    fc = _checker(where)
    fc.ingest([src])
    return fc, src


def test_changed_and_removed_files_are_replaced_and_pruned(where, tmp_path):
    fc, src = _bridge_and_tunnel(where, tmp_path)
    (src / "a.txt").write_text("The northern bridge opened in 1999. It is three kilometres long.", encoding="utf-8")
    (src / "b.txt").unlink()
    stats = fc.ingest([src], prune=True)
    assert (stats.updated, stats.removed) == (1, 1)
    assert [p.text for p in fc.store.all_passages()] == ["The northern bridge opened in 1999. It is three kilometres long."]
    assert [d.doc_id for d in fc.documents()] == ["a"]
    assert fc.retriever.lexical.search("harbour tunnel", 5) == []


def test_a_claim_checked_against_one_document_reads_only_its_passages(where, tmp_path):
    fc, _ = _bridge_and_tunnel(where, tmp_path)
    tunnel = next(d.doc_id for d in fc.documents() if d.source.endswith("b.txt"))
    claim = "The northern bridge opened in 1998."
    assert fc.retriever.retrieve(claim, 1)[0].doc_id != tunnel  # over the whole store the bridge comes first
    within = fc.store.dense_among(claim, fc.store.passage_ids(tunnel), 5)
    assert within and {p.doc_id for p in within} == {tunnel} and within[0].score is not None
    result = fc.check_claim(claim, doc_ids=[tunnel])
    assert {r.doc_id for r in result.retrieved} == {tunnel} and {c.doc_id for c in result.citations} == {tunnel}


def test_a_second_checker_sees_what_the_first_added(where, tmp_path, seed_dir):
    first, second = _checker(where), _checker(where)
    first.ingest([seed_dir])
    assert second.retriever.lexical.search("German Gref", 3)  # its BM25 index is now built
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "port.txt").write_text("The Quillon harbour authority reported 412 ships in March.", encoding="utf-8")
    first.ingest([extra])
    hits = second.retriever.retrieve("Quillon harbour ships", 2)
    assert hits[0].doc_id == "port" and hits[0].meta["lexical"] is not None


def test_a_checker_sees_documents_another_process_added(where, tmp_path, seed_dir):
    fc = _checker(where)
    fc.ingest([seed_dir])
    assert fc.retriever.retrieve("German Gref", 3)  # dense and BM25 indexes loaded in this process
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "mill.txt").write_text("The Varnholt paper mill closed in 1987 after a flood.", encoding="utf-8")
    loc = ["--chroma-url", where["chroma_url"], "--collection", where["collection"]] if "chroma_url" in where \
        else ["--store", str(where["store_dir"])]
    run = subprocess.run([sys.executable, "-m", "factcheck", *loc, "ingest", str(extra)], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    dense = fc.store.dense_search("Varnholt paper mill flood", 1)
    assert dense and dense[0].doc_id == "mill"  # the embedded reader caught up with the other writer
    assert fc.retriever.lexical.search("Varnholt", 1)[0].doc_id == "mill"


@pytest.mark.server
def test_a_server_stores_caches_live_under_factcheck_cache(tmp_path, monkeypatch, seed_dir):
    cache = tmp_path / "cache"
    monkeypatch.setenv("FACTCHECK_CACHE", str(cache))
    kwargs = backend_kwargs("server", tmp_path)
    try:
        fc = _checker(kwargs)
        fc.ingest([seed_dir])
        assert fc.retriever.retrieve("GPU Sberbank", 3)
        cached = sorted(p.name for p in cache.glob("*.npz"))
        assert cached and all(f"-factcheck-{kwargs['collection']}-" in name for name in cached)
        assert fc.store.cache_path("lexical").parent == cache
    finally:
        drop_server_collection(kwargs)
    assert not list(cache.glob("*.npz"))  # dropped with the collection


def test_an_unreachable_server_is_a_clear_error():
    with pytest.raises(StoreError, match="Cannot reach the Chroma server.*chroma run"):
        FactChecker(chroma_url="http://127.0.0.1:9").store
