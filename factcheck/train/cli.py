"""`factcheck verify-pairs IN.jsonl --out OUT.jsonl`: run the verdict model on any NLI set."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from factcheck.errors import InputError


def register(subparsers) -> None:
    """Add the verify-pairs subcommand to an argparse subparsers object."""
    p = subparsers.add_parser("verify-pairs", help="label {id, premise, hypothesis} JSONL lines with the verdict model",
                              description=__doc__)
    p.add_argument("input", type=Path, metavar="IN.jsonl")
    p.add_argument("--out", type=Path, required=True, metavar="OUT.jsonl")
    p.add_argument("--model", default=None, help="shipped-format folder or HF cross-encoder (default: shipped model)")
    p.add_argument("--batch-size", type=int, default=32)
    p.set_defaults(handler=run_verify_pairs)  # factcheck.cli calls args.handler(args)


def read_pairs(path: Path) -> list[dict]:
    """{id, premise, hypothesis} rows; InputError naming the line when one is malformed."""
    if not path.is_file():
        raise InputError(f"input file not found: {path}")
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{n} is not valid JSON ({exc.msg}); one object a line is expected.") from exc
            missing = [k for k in ("id", "premise", "hypothesis") if not isinstance(row.get(k), (str, int))]
            if missing:
                raise InputError(f"{path}:{n} lacks {missing}; each line needs id, premise and hypothesis.")
            rows.append(row)
    return rows


def label_rows(rows: list[dict], model, batch_size: int = 32) -> list[dict]:
    """{id, label, probs} for each row, probs keyed entailment/neutral/contradiction."""
    from factcheck.verify.nli import LABELS

    probs = model.predict([(str(r["premise"]), str(r["hypothesis"])) for r in rows], batch_size=batch_size)
    return [{"id": r["id"], "label": LABELS[int(p.argmax())],
             "probs": {name: round(float(v), 6) for name, v in zip(LABELS, p)}} for r, p in zip(rows, probs)]


def run_verify_pairs(args: argparse.Namespace) -> int:
    from factcheck.verify.nli import load_nli_model

    rows = read_pairs(args.input)
    out = label_rows(rows, load_nli_model(args.model), args.batch_size)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        for row in out:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(out)} labelled pairs to {args.out}")
    return 0
