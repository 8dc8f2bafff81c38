"""Render benchmark results as the Markdown tables quoted in the README."""

from __future__ import annotations


def markdown(r: dict) -> str:
    m, ing, chk = r["machine"], r["ingest"], r["check"]
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {m['cpus']} CPUs, load average {m['load_avg_at_start']} at start (other jobs share the CPUs), "
        f"Python {m['python']}, chromadb {m['chromadb']}, {m['date']}. Rerun: `.venv/bin/python benchmarks/run.py` "
        "(or `make bench`).",
        "",
        f"## Ingestion ({ing['embedder']}, {ing['documents']} documents, {ing['passages']} passages of "
        f"{ing['mean_passage_chars']} characters on average)",
        "",
        "| measure | value |",
        "| --- | --- |",
        f"| embedder alone, passages/s (the same passage texts) | {ing['raw_embed_passages_per_s']} |",
        f"| embedder alone, sentences/s ({ing['sentences']} sentences) | {ing['raw_embed_sentences_per_s']} |",
        f"| ingestion into the embedded store, passages/s | {ing['ingest_passages_per_s']} |",
        f"| embedder alone / ingestion (aim: at most 1.25) | {ing['raw_over_ingest']} |",
    ]
    if "ingest_sentence_vectors_passages_per_s" in ing:
        lines.append(f"| ingestion with sentence vectors (`FACTCHECK_SENTENCE_VECTORS=1`), passages/s; time × the "
                     f"default | {ing['ingest_sentence_vectors_passages_per_s']}; × {ing['sentence_vectors_time_ratio']} |")
    if "server_ingest_passages_per_s" in ing:
        lines.append(f"| ingestion into a Chroma server, passages/s | {ing['server_ingest_passages_per_s']} |")
    lines += [
        f"| re-ingesting the unchanged corpus ({ing['reingest_skipped']} documents skipped), s | {ing['reingest_unchanged_s']} |",
        "",
        f"## Checking claims ({chk['passages']} passages, verifier `{chk['verifier']}`)",
        "",
        "| concurrent callers | claims | claims/s | p50 latency, ms | p95 latency, ms |",
        "| --- | --- | --- | --- | --- |",
        *[f"| {t['callers']} | {t['claims']} | {t['claims_per_s']} | {t['p50_ms']} | {t['p95_ms']} |" for t in chk["throughput"]],
        "",
        f"Cold start to the first verdict (a new `factcheck check` process): {chk['cold_start']['seconds_to_first_verdict']} s, "
        f"peak memory {chk['cold_start']['peak_rss_mb']} MB. In-process warm-up: {chk['in_process_warm_up_s']} s. "
        f"Peak memory of the whole benchmark process: {r.get('peak_rss_mb_benchmark_process', '?')} MB.",
        "",
    ]
    return "\n".join(lines + _scale(r["scale"])) + "\n"


def _scale(scale: dict) -> list[str]:
    lines = [
        "## Query latency as the corpus grows (synthetic passages and vectors)",
        "",
        "Synthetic passages (Zipf-distributed pseudo-words) with synthetic clustered 384-dimensional vectors, written "
        "straight through the store; query embedding is excluded (the real embedder adds about one sentence's "
        "embedding time per query). p50 / p95 in milliseconds. Peak RSS is the scaling process's peak so far (client "
        "side: it runs the embedded sizes first, so the server rows carry the embedded peak; the server's own memory "
        "is not counted). Insert is the time to grow the store to that size through `upsert_passages`.",
        "",
        "| store | passages | dense | BM25 | hybrid | BM25 cold build, s | BM25 first query with token file, s | "
        "BM25 refresh after 10 new, s | insert, s | peak RSS, MB |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for backend in ("embedded", "server"):
        for row in scale.get(backend, []):
            lines.append(
                f"| {backend} | {row['passages']:,} | {row['dense']['p50_ms']} / {row['dense']['p95_ms']} | "
                f"{row['bm25']['p50_ms']} / {row['bm25']['p95_ms']} | {row['hybrid']['p50_ms']} / {row['hybrid']['p95_ms']} | "
                f"{row['bm25_cold_build_s']} | {row['bm25_first_query_with_token_file_s']} | "
                f"{row['bm25_rebuild_after_10_new_s']} | {row['insert_s']} | {row['peak_rss_mb']} |")
    return lines
