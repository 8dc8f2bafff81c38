"""Checking claims: cold start to the first verdict, then claims/s and latency with 1 and 4 concurrent callers."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench_util import ROOT, peak_rss_mb, percentiles

from factcheck import FactChecker


def seed_claims(n: int) -> list[str]:
    """n claims spread over the seed evaluation set's languages (they are only measured here, never tuned on)."""
    rows = [json.loads(line) for line in (ROOT / "evals" / "seed_dev.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    step = max(1, len(rows) // n)
    return [r["claim"] for r in rows[::step][:n]]


COLD = """
import atexit, runpy, sys
sys.path.insert(0, {bench!r})
from bench_util import peak_rss_mb
atexit.register(lambda: print(f"PEAK_RSS_MB={{peak_rss_mb()}}", file=sys.stderr))
sys.argv = ["factcheck", *sys.argv[1:]]
runpy.run_module("factcheck", run_name="__main__")
"""


def cold_start(store_dir: Path, claim: str) -> dict:
    """A new `factcheck check` process: imports, models, store, BM25 index and the first verdict."""
    code = COLD.format(bench=str(Path(__file__).resolve().parent))
    t0 = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", code, "--store", str(store_dir), "check", claim, "--json"],
                         cwd=ROOT, capture_output=True, text=True, timeout=900)
    seconds = time.perf_counter() - t0
    if run.returncode != 0:
        raise RuntimeError(f"cold start failed: {run.stderr.strip()[-300:]}")
    peak = [ln.split("=", 1)[1] for ln in run.stderr.splitlines() if ln.startswith("PEAK_RSS_MB=")]
    return {"seconds_to_first_verdict": round(seconds, 2), "verdict": json.loads(run.stdout)["verdict"],
            "peak_rss_mb": float(peak[-1]) if peak else None}


def throughput(fc: FactChecker, claims: list[str], callers: int) -> dict:
    """Every claim checked once by `callers` threads sharing one FactChecker."""
    def one(claim: str) -> float:
        t0 = time.perf_counter()
        fc.check_claim(claim)
        return time.perf_counter() - t0

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=callers) as pool:
        latencies = list(pool.map(one, claims))
    wall = time.perf_counter() - t0
    return {"callers": callers, "claims": len(claims), "claims_per_s": round(len(claims) / wall, 3),
            **percentiles(latencies)}


def run(store_dir: Path, *, n_claims: int) -> dict:
    claims = seed_claims(n_claims)
    first = cold_start(store_dir, claims[0])
    fc = FactChecker(store_dir)
    t0 = time.perf_counter()
    fc.warm_up()
    warm = time.perf_counter() - t0
    rows = [throughput(fc, claims, callers) for callers in (1, 4)]
    return {"verifier": fc.verifier.scorer.name, "passages": fc.store.count(), "cold_start": first,
            "in_process_warm_up_s": round(warm, 2), "throughput": rows}
