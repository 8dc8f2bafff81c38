"""Chunking keeps exact offsets and whole sentences."""

from factcheck.ingest.chunking import chunk_document
from factcheck.ingest.loaders import load_path


def test_passages_slice_back_to_the_source_and_cover_it(seed_dir):
    doc = load_path(seed_dir / "000_b1001c2e46c865c5.txt")[0]
    passages = chunk_document(doc)
    assert len(passages) > 5
    for p in passages:
        assert doc.text[p.start:p.end] == p.text
        assert len(p.text) <= 480
    covered = sum(p.end - p.start for p in passages)
    assert covered > 0.95 * len(doc.text.replace("\n", ""))
    assert len({p.id for p in passages}) == len(passages)


def test_vietnamese_dates_and_numbers_do_not_split_a_passage_mid_sentence(seed_dir):
    doc = load_path(seed_dir / "000_b1001c2e46c865c5.txt")[0]
    texts = [p.text for p in chunk_document(doc)]
    assert any("hơn 11.000 tỉ rúp (hơn 109 tỉ USD)" in t for t in texts)
    assert any("hôm 1.1.2025, ba tuần sau" in t for t in texts)
