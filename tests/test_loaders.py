"""Loading documents: formats, front matter, encodings, and clear errors."""

import json

import pytest

from factcheck.errors import InputError
from factcheck.ingest.loaders import decode_bytes, iter_source_files, load_path

SHARED_SEED = "/work/shared/seeds/000_b1001c2e46c865c5.txt"


def test_seed_front_matter_is_metadata_and_body_is_the_original_text(seed_dir):
    doc = load_path(seed_dir / "000_b1001c2e46c865c5.txt")[0]
    assert doc.title.startswith("Ông Putin yêu cầu")
    assert doc.lang == "vi"
    assert doc.published is None and doc.meta["events_until"] == "2025-01-01"
    assert doc.text.startswith("Ông Putin yêu cầu chính phủ Nga")
    assert "---" not in doc.text[:10]


def test_offsets_into_body_equal_offsets_into_the_shared_original(seed_text):
    import os

    if not os.path.exists(SHARED_SEED):
        pytest.skip("shared seed not present")
    original = open(SHARED_SEED, encoding="utf-8").read().strip()
    assert seed_text == original


def test_markdown_with_front_matter_and_html_without_scripts(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: Tiêu đề\npublisher: Báo X\nurl: https://x.vn/a\nlang: vi\n---\nNội dung bài.\n", encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><head><style>p{}</style><title>t</title></head><body><p>Hello <b>world</b>.</p>"
                                     "<script>alert(1)</script></body></html>", encoding="utf-8")
    a, b = (load_path(p)[0] for p in sorted(tmp_path.iterdir()))
    assert (a.title, a.publisher, a.url, a.lang, a.text) == ("Tiêu đề", "Báo X", "https://x.vn/a", "vi", "Nội dung bài.")
    assert "alert" not in b.text and "p{}" not in b.text and "Hello" in b.text


def test_jsonl_corpus_and_broken_line_reports_its_number(tmp_path):
    good = tmp_path / "c.jsonl"
    good.write_text(json.dumps({"doc_id": "d1", "title": "T", "text": "Some text.", "url": "http://u"}) + "\n", encoding="utf-8")
    [doc] = load_path(good)
    assert (doc.doc_id, doc.title, doc.url) == ("d1", "T", "http://u")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"doc_id": "d1", "text": "ok"}) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2"):
        load_path(bad)


def test_encodings_are_decoded_and_binary_refused():
    vi = "Nga xếp thứ 31"
    assert decode_bytes(vi.encode("utf-16")) == vi
    assert decode_bytes(("\ufeff" + vi).encode("utf-8")) == vi
    assert "Nga x" in decode_bytes(vi.encode("cp1258", errors="ignore"))
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"\x00\x01\x02PK\x03\x04" * 100)


def test_missing_path_and_unsupported_type(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        list(iter_source_files([tmp_path / "nope"]))
    (tmp_path / "x.docx").write_bytes(b"zz")
    with pytest.raises(InputError, match="Unsupported file type"):
        list(iter_source_files([tmp_path / "x.docx"]))
