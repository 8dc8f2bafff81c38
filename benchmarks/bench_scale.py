"""Query latency as a synthetic corpus grows (1k -> 10k -> 100k passages), embedded store vs Chroma server.

Embedding 100k passages with the real model would take hours on a laptop CPU, so this part writes synthetic
passages (Zipf-distributed pseudo-words) with synthetic clustered 384-dim vectors straight through the store
(`upsert_passages(..., embeddings=...)`); queries are embedded by a stand-in that lands near a known passage.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
from bench_util import SyntheticEmbedder, fresh_collection, peak_rss_mb, percentiles, timed

from factcheck.retrieve import HybridRetriever
from factcheck.retrieve.lexical import LexicalIndex
from factcheck.schema import Passage
from factcheck.store.chroma_store import ChromaStore

DIM, CENTERS, VOCAB, WORDS_PER_PASSAGE, QUERIES = 384, 200, 30_000, 45, 30
_SYL = ["ba", "ko", "ri", "mu", "te", "sa", "lo", "ve", "ni", "da", "pu", "ke", "zo", "fi", "ga", "hu", "ly", "ne"]
_centers = np.random.default_rng(7).normal(size=(CENTERS, DIM)).astype(np.float32)
_words = [_SYL[i % 18] + _SYL[(i // 18) % 18] + _SYL[(i // 324) % 18] + (_SYL[i // 5832] if i >= 5832 else "")
          for i in range(VOCAB)]
_zipf = 1.0 / np.arange(1, VOCAB + 1) ** 1.05
_zipf /= _zipf.sum()


def vector(i: int) -> np.ndarray:
    """Synthetic passage i's vector: its cluster's centre plus noise, unit length."""
    v = _centers[i % CENTERS] + 0.6 * np.random.default_rng(i).normal(size=DIM).astype(np.float32)
    return v / np.linalg.norm(v)


def make_passages(start: int, stop: int) -> tuple[list[Passage], np.ndarray]:
    ids = np.random.default_rng(start).choice(VOCAB, size=(stop - start, WORDS_PER_PASSAGE), p=_zipf)
    passages = []
    for i, row in zip(range(start, stop), ids):
        text = " ".join(_words[w] for w in row) + "."
        passages.append(Passage(id=f"s{i:07d}", doc_id=f"sdoc{i // 10:06d}", text=text, start=0, end=len(text),
                                lang="en"))
    return passages, np.stack([vector(i) for i in range(start, stop)])


def _insert(store: ChromaStore, start: int, stop: int, chunk: int = 5000) -> float:
    t0 = time.perf_counter()
    for a in range(start, stop, chunk):
        passages, vecs = make_passages(a, min(stop, a + chunk))
        store.upsert_passages(passages, embeddings=vecs)
    return time.perf_counter() - t0


def _queries(store: ChromaStore, size: int) -> list[str]:
    picks = np.random.default_rng(size).choice(size, size=QUERIES, replace=False)
    texts = {p.id: p.text for p in store.get_passages([f"s{i:07d}" for i in picks])}
    return [f"near:{i} " + " ".join(texts[f"s{i:07d}"].split()[5:11]) for i in picks]


def _latencies(fn, queries: list[str]) -> tuple[dict, list]:
    samples, results = [], []
    for q in queries:
        seconds, out = timed(fn, q)
        samples.append(seconds)
        results.append(out)
    return percentiles(samples), results


def measure(store: ChromaStore, size: int, inserted: int) -> tuple[dict, int]:
    """Grow the store to `size`, then time dense, BM25 (cold build, incremental rebuild, queries) and hybrid."""
    insert_s = _insert(store, inserted, size)
    queries = _queries(store, size)
    dense, hits = _latencies(lambda q: store.dense_search(q, 20), queries)
    found = np.mean([any(p.id == f"s{int(q.split()[0][5:]):07d}" for p in h) for q, h in zip(queries, hits)])
    cache = store.cache_path("lexical")
    if cache is not None:
        cache.unlink(missing_ok=True)  # a true cold build: no token file from an earlier size
    index = LexicalIndex(store)
    cold_s, _ = timed(index.search, queries[0], 20)
    cold_build = index.last_build_seconds
    from_file_s, _ = timed(LexicalIndex(store).search, queries[0], 20)  # a new process, token file present
    bm25, _ = _latencies(lambda q: index.search(q, 20), queries)
    _insert(store, size, size + 10)  # a small ingest: the index refreshes only what is new
    rebuild_s, _ = timed(index.search, queries[0], 20)
    hybrid_r = HybridRetriever(store)
    hybrid_r.lexical = index
    hybrid, _ = _latencies(lambda q: hybrid_r.retrieve(q, 5), queries)
    row = {"passages": store.count(), "insert_s": round(insert_s, 1), "dense": dense, "dense_found_target": float(found),
           "bm25_cold_build_s": round(cold_build, 2), "bm25_first_query_s": round(cold_s, 2),
           "bm25_first_query_with_token_file_s": round(from_file_s, 2),
           "bm25_rebuild_after_10_new_s": round(rebuild_s, 3), "bm25": bm25, "hybrid": hybrid,
           "peak_rss_mb": peak_rss_mb()}
    return row, size + 10


def run(tmp: Path, sizes: list[int], server_url: str | None) -> dict:
    out: dict = {"note": "synthetic passages and vectors (see benchmarks/bench_scale.py); query embedding excluded"}
    backends = {"embedded": {"store_dir": tmp / "scale-embedded"}}
    if server_url:
        backends["server"] = {"chroma_url": server_url, "collection": "bench-scale"}
    for name, where in backends.items():
        if name == "server":
            fresh_collection(server_url, "bench-scale")
        store = ChromaStore(SyntheticEmbedder(vector), **where)
        inserted, rows = 0, []
        for size in sizes:
            row, inserted = measure(store, size, inserted)
            rows.append(row)
            print(f"  scale {name} {row['passages']}: dense p50 {row['dense']['p50_ms']} ms, bm25 p50 "
                  f"{row['bm25']['p50_ms']} ms (cold build {row['bm25_cold_build_s']} s), hybrid p50 "
                  f"{row['hybrid']['p50_ms']} ms", flush=True)
        out[name] = rows
        if name == "server" and store.cache_path("lexical") is not None:
            store.cache_path("lexical").unlink(missing_ok=True)  # it lives in the user's cache folder
    return out


if __name__ == "__main__":  # run by benchmarks/run.py in a child process, so its memory is measured alone
    import json
    import sys

    args = json.loads(sys.argv[1])
    result = run(Path(args["tmp"]), args["sizes"], args.get("server_url"))
    Path(args["out"]).write_text(json.dumps(result), encoding="utf-8")
