"""Refresh the validation table of the model card from the shipped manifest: `python -m factcheck.train.card`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from factcheck.train.export import DEFAULT_DIR, MANIFEST_NAME

BEGIN, END = "<!-- validation:begin -->", "<!-- validation:end -->"
NAMES = {"xnli/en": "XNLI en", "xnli/vi": "XNLI vi", "xnli/ru": "XNLI ru", "xnli/zh": "XNLI zh",
         "xnli-x": "XNLI cross-lingual (premise and claim in two different of en/vi/ru/zh)",
         "vitaminc": "VitaminC (real + synthetic)", "fever": "FEVER-symmetric + FEVER adversarial",
         "check_covid": "Check-COVID (held-out slice of its TRAIN split)",
         "vihallu": "ViHallu windows (Vietnamese, held-out rows; reported, not in the selection score)"}


def table(manifest: dict) -> str:
    """Markdown table: accuracy, macro-F1 and majority-class baseline per validation group."""
    val = manifest["validation"]
    recipe = manifest.get("recipe", {})
    if recipe.get("trainer") == "factcheck.train.interpolate":
        alpha = recipe["alpha"]
        head = (f"Weights: {1 - alpha:.2g} × {recipe['from']} + {alpha:.2g} × {recipe['to']} "
                f"(`factcheck.train.interpolate`); selection score (mean accuracy) {val.get('selection')}.")
    else:
        head = (f"Checkpoint: step {recipe.get('step', '?')} of {recipe.get('n_steps', '?')} planned "
                f"({recipe.get('n_train', '?')} training pairs in the mix); selection score (mean accuracy) "
                f"{val.get('selection')}.")
    lines = [head, "",
             "| validation set | n | accuracy | macro-F1 | majority-class baseline |", "|---|---|---|---|---|"]
    for key, name in NAMES.items():
        if key in val:
            row = val[key]
            lines.append(f"| {name} | {row['n']} | {row['accuracy']:.3f} | {row['macro_f1']:.3f} | "
                         f"{row['majority']:.3f} |")
    return "\n".join(lines)


def refresh(folder: Path = DEFAULT_DIR) -> None:
    card = folder / "README.md"
    manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    text = card.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    card.write_text(f"{head}{BEGIN}\n{table(manifest)}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    refresh(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR)
