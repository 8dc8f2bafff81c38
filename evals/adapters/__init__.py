"""Adapters that turn the public labelled sets in ../shared/datasets into claims.jsonl + corpus.jsonl."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DATASETS_ENV = "FACTCHECK_DATASETS"

Adapter = Callable[[Path], tuple[list[dict], list[dict]]]


def datasets_root(override: str | Path | None = None) -> Path:
    """The datasets folder: the argument, else $FACTCHECK_DATASETS, else ../shared/datasets beside the repo."""
    root = Path(override or os.environ.get(DATASETS_ENV) or REPO_ROOT.parent / "shared" / "datasets")
    if not root.is_dir():
        raise FileNotFoundError(
            f"Datasets folder not found: {str(root)!r}. Pass --datasets DIR or set {DATASETS_ENV} to the folder "
            "that holds check_covid/, climate_fever/ and averitec/."
        )
    return root


def adapters() -> dict[str, Adapter]:
    """Adapter functions by dataset name; each takes the datasets root and returns (claims, corpus)."""
    from . import averitec, check_covid, climate_fever

    return {"check_covid": check_covid.build, "climate_fever": climate_fever.build, "averitec": averitec.build}


def write_jsonl(path: Path, rows: Iterable[dict]) -> int:
    """Write rows one JSON object a line; returns how many."""
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


def build(name: str, out_dir: str | Path, datasets: str | Path | None = None) -> tuple[Path, Path]:
    """Run the adapter `name` into out_dir; returns the paths of claims.jsonl and corpus.jsonl."""
    table = adapters()
    if name not in table:
        raise KeyError(f"Unknown dataset {name!r}; choose one of {', '.join(sorted(table))}.")
    claims, corpus = table[name](datasets_root(datasets))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    write_jsonl(out / "claims.jsonl", claims)
    write_jsonl(out / "corpus.jsonl", corpus)
    return out / "claims.jsonl", out / "corpus.jsonl"
