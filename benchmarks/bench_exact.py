"""Exact dense search against Chroma's HNSW index on a synthetic embedded store near the exact-search limit.

`python benchmarks/bench_exact.py [--passages N]`: writes N synthetic passages (bench_scale's vectors and words)
into a fresh embedded store, then times reading the embeddings for exact search (once per store version), the
exact and the HNSW dense query (p50 of 30), and how often HNSW's top 20 differ from the exact ones.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from bench_scale import _insert, _latencies, _queries, vector  # noqa: E402
from bench_util import SyntheticEmbedder, peak_rss_mb  # noqa: E402

from factcheck.store import chroma_store  # noqa: E402
from factcheck.store.chroma_store import ChromaStore  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passages", type=int, default=chroma_store.EXACT_SEARCH_MAX)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = ChromaStore(SyntheticEmbedder(vector), store_dir=Path(tmp) / "s")
        print(f"writing {args.passages} passages ...", flush=True)
        insert_s = _insert(store, 0, args.passages)
        queries = _queries(store, args.passages)
        t0 = time.perf_counter()
        store.exact_index()
        load_s = time.perf_counter() - t0
        exact_ms, hits = _latencies(lambda q: store.dense_search(q, 20), queries)
        hnsw_ms, approx_hits = _latencies(lambda q: store._query(store.query_embedding(q).tolist(), 20, None), queries)
        exact = [[p.id for p in h] for h in hits]
        approx = [[p.id for p in h] for h in approx_hits]
        differ = sum(a != b for a, b in zip(exact, approx))
        missed = np.mean([len(set(a) - set(b)) for a, b in zip(exact, approx)])
        print(f"{store.count()} passages (written in {insert_s:.0f} s): exact index read in {load_s:.1f} s; dense "
              f"top 20 p50 exact {exact_ms['p50_ms']} ms, HNSW {hnsw_ms['p50_ms']} ms;"
              f" HNSW top 20 differ from exact for {differ} of {len(queries)} queries ({missed:.2f} passages missed"
              f" on average); peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
