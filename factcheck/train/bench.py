"""Inference speed of the verdict model: `python -m factcheck.train.bench [--model PATH] [--n 256]`."""

from __future__ import annotations

import argparse
import os
import time


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m factcheck.train.bench", description=__doc__)
    ap.add_argument("--model", default=None, help="shipped-format folder or HF cross-encoder (default: shipped)")
    ap.add_argument("--n", type=int, default=256, help="validation pairs to score")
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args(argv)
    from factcheck.train.data import datasets_root
    from factcheck.train.mix import build_splits
    from factcheck.verify.nli import load_nli_model

    t = time.perf_counter()
    model = load_nli_model(args.model)
    load_s = time.perf_counter() - t
    _, val = build_splits(datasets_root())
    pairs = [(p.premise, p.hypothesis) for p in val[:args.n]]
    model.predict(pairs[:8])  # warm-up
    t = time.perf_counter()
    model.predict(pairs, batch_size=args.batch_size)
    run_s = time.perf_counter() - t
    print(f"{len(pairs)} pairs in {run_s:.1f} s: {len(pairs) / run_s:.1f} pairs/s (batch {args.batch_size}, "
          f"load {load_s:.1f} s, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
