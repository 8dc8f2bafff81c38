"""A pipeline development set from validation data: `python -m factcheck.train.devset --out DIR`.

Writes `claims.jsonl` and `corpus.jsonl` for `factcheck eval`: the Check-COVID TRAIN claims whose pairs the
verdict model's validation split holds out (never trained on), checked against all Check-COVID abstracts.
Use it to choose pipeline settings (aggregation, quotes per claim); the eval sets stay for measuring only.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

LABELS = {0: "SUPPORTED", 1: "NOT_ENOUGH_INFO", 2: "REFUTED"}


def build(out: Path, seed: int = 13) -> tuple[int, int]:
    from factcheck.train.data import datasets_root
    from factcheck.train.mix import build_splits

    root = datasets_root()
    _, val = build_splits(root, seed=seed)
    held = {p.id.split(":", 1)[1]: p for p in val if p.source == "check_covid"}
    base = root / "check_covid"
    abstracts = {}
    for line in (base / "corpus.json").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            abstracts[row["cord_id"]] = row
    claims = []
    for line in (base / "train" / "covidCheck_train_composed+extracted.json").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if str(row["id"]) not in held:
            continue
        pair = held[str(row["id"])]
        label = LABELS[pair.label]
        sents = abstracts[row["cord_id"]]["abstract"]
        evidence = [] if label == "NOT_ENOUGH_INFO" else [sents[e["sent_index"]].strip() for e in row["evidence_set"]
                                                          if e["sent_index"] < len(sents)]
        claims.append({"id": f"covid-val-{row['id']}", "claim": row["claim"].strip(), "label": label, "lang": "en",
                       "evidence": evidence})
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "claims.jsonl", "w", encoding="utf-8") as fh:
        for c in claims:
            fh.write(json.dumps(c, ensure_ascii=False) + "\n")
    with open(out / "corpus.jsonl", "w", encoding="utf-8") as fh:
        for cid, row in abstracts.items():
            fh.write(json.dumps({"doc_id": cid, "title": row["title"], "lang": "en",
                                 "text": " ".join(s.strip() for s in row["abstract"])}, ensure_ascii=False) + "\n")
    return len(claims), len(abstracts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m factcheck.train.devset", description=__doc__)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=13, help="the training run's split seed")
    args = ap.parse_args(argv)
    n_claims, n_docs = build(args.out, args.seed)
    print(f"{n_claims} claims, {n_docs} documents written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
