"""Ingestion into a real embedded Chroma store: offsets, idempotence, replacement, pruning."""

import pytest

from factcheck import FactChecker


@pytest.fixture()
def fc(tmp_path):
    return FactChecker(tmp_path / "store")


def test_passage_offsets_point_into_the_source_text(seed_checker, seed_text):
    passages = seed_checker.store.all_passages()
    assert len(passages) >= 10
    for p in passages:
        assert seed_text[p.start:p.end] == p.text


def test_reingesting_the_same_files_adds_nothing(seed_checker, seed_dir):
    before = sorted(p.id for p in seed_checker.store.all_passages())
    stats = seed_checker.ingest([seed_dir])
    assert (stats.added, stats.updated, stats.skipped, stats.passages_written) == (0, 0, 1, 0)
    assert sorted(p.id for p in seed_checker.store.all_passages()) == before


def test_a_changed_file_replaces_its_old_passages(fc, tmp_path):
    src = tmp_path / "docs"
    src.mkdir()
    f = src / "note.txt"
    f.write_text("The bridge opened in 1998. It is 2 km long.", encoding="utf-8")
    fc.ingest([src])
    f.write_text("The tunnel opened in 2004. It is 5 km long.", encoding="utf-8")
    stats = fc.ingest([src])
    assert (stats.updated, stats.added) == (1, 0)
    texts = [p.text for p in fc.store.all_passages()]
    assert texts == ["The tunnel opened in 2004. It is 5 km long."]


def test_prune_removes_documents_whose_files_are_gone(fc, tmp_path):
    src = tmp_path / "docs"
    src.mkdir()
    (src / "a.txt").write_text("Alpha text about rivers.", encoding="utf-8")
    (src / "b.txt").write_text("Beta text about mountains.", encoding="utf-8")
    fc.ingest([src])
    (src / "b.txt").unlink()
    stats = fc.ingest([src], prune=True)
    assert stats.removed == 1
    assert [d.doc_id for d in fc.documents()] == ["a"]
    assert all(p.doc_id == "a" for p in fc.store.all_passages())


def test_ingest_documents_with_a_progress_bar_and_no_total(fc):
    from factcheck.schema import Document

    stats = fc.ingest_documents([Document(doc_id="a", text="The river is 5 km long.")], progress=True)
    assert (stats.added, stats.passages_written) == (1, 1)
