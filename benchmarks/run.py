"""Benchmarks: ingestion vs raw embedding, claims/s and latency (1 and 4 callers), cold start, memory, and query
latency on a synthetic corpus grown 1k -> 100k passages (embedded vs server). Writes results.json and RESULTS.md.

    .venv/bin/python benchmarks/run.py            # everything (about 15-30 minutes on 2 cores)
    .venv/bin/python benchmarks/run.py --quick    # smaller corpus, 1k and 10k only
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_util import ROOT, chroma_server, machine, peak_rss_mb  # noqa: E402
from report import markdown  # noqa: E402

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="a small run: 15 documents, 8 claims, sizes 1k and 10k")
    p.add_argument("--docs", type=int, default=40, help="documents in the ingestion corpus (default 40)")
    p.add_argument("--claims", type=int, default=16, help="claims to check per caller setting (default 16)")
    p.add_argument("--sizes", default="1000,10000,100000", help="synthetic corpus sizes, comma-separated")
    p.add_argument("--no-server", action="store_true", help="skip the Chroma server parts")
    p.add_argument("--out", default=str(HERE), help="folder for results.json and RESULTS.md")
    args = p.parse_args(argv)
    if args.quick:
        args.docs, args.claims, args.sizes = 15, 8, "1000,10000"
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results = {"machine": machine(), "settings": {"docs": args.docs, "claims": args.claims, "sizes": sizes}}
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
        results.update(_run_all(Path(tmp), args, sizes))
    results["peak_rss_mb_benchmark_process"] = peak_rss_mb()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "RESULTS.md").write_text(markdown(results), encoding="utf-8")
    print(f"wrote {out / 'results.json'} and {out / 'RESULTS.md'}")
    return 0


def _run_all(tmp: Path, args, sizes: list[int]) -> dict:
    import bench_check
    import bench_ingest

    print("ingestion (real embedder) ...", flush=True)
    ingest = bench_ingest.run(tmp, n_docs=args.docs)
    store_dir = Path(ingest.pop("store_dir"))
    print(f"  {json.dumps(ingest)}\nchecking claims ...", flush=True)
    check = bench_check.run(store_dir, n_claims=args.claims)
    print(f"  {json.dumps(check)}", flush=True)
    with contextlib.nullcontext() if args.no_server else chroma_server() as url:
        if url:
            print("server ingestion ...", flush=True)
            ingest["server_ingest_passages_per_s"] = bench_ingest.run_server(url, n_docs=args.docs)
        print("scaling (synthetic vectors, in a child process so that its memory is its own) ...", flush=True)
        scale = _scale_in_child(tmp, sizes, url)
    return {"ingest": ingest, "check": check, "scale": scale}


def _scale_in_child(tmp: Path, sizes: list[int], url: str | None) -> dict:
    out = tmp / "scale.json"
    spec = json.dumps({"tmp": str(tmp), "sizes": sizes, "server_url": url, "out": str(out)})
    subprocess.run([sys.executable, str(HERE / "bench_scale.py"), spec], check=True, cwd=ROOT)
    return json.loads(out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
