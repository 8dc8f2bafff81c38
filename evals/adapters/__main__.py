"""python -m evals.adapters NAME --out DIR: write a dataset's claims.jsonl and corpus.jsonl."""

from __future__ import annotations

import argparse
import sys

from . import adapters, build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.adapters", description=__doc__)
    parser.add_argument("name", choices=sorted(adapters()), help="dataset to convert")
    parser.add_argument("--out", required=True, help="folder to write claims.jsonl and corpus.jsonl into")
    parser.add_argument("--datasets", default=None, help="datasets folder (default: $FACTCHECK_DATASETS or ../shared/datasets)")
    args = parser.parse_args(argv)
    try:
        claims, corpus = build(args.name, args.out, args.datasets)
    except (FileNotFoundError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    n_claims = sum(1 for _ in open(claims, encoding="utf-8"))
    n_docs = sum(1 for _ in open(corpus, encoding="utf-8"))
    print(f"{args.name}: {n_claims} claims -> {claims}; {n_docs} documents -> {corpus}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
