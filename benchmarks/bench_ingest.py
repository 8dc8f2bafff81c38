"""Ingestion throughput set against the embedder's raw throughput on the same texts, in the same run."""

from __future__ import annotations

import json
import os
from pathlib import Path

from bench_util import ROOT, fresh_collection, timed

from factcheck.embed import get_embedder
from factcheck.ingest import ingest_documents
from factcheck.ingest.chunking import chunk_document
from factcheck.ingest.loaders import load_path
from factcheck.schema import Document
from factcheck.sentences import split_sentences
from factcheck.store.chroma_store import ChromaStore

CORPUS = Path(os.environ.get("FACTCHECK_BENCH_CORPUS", ROOT.parent / "shared" / "datasets" / "check_covid" / "corpus.json"))


def corpus_docs(n_docs: int) -> list[Document]:
    """The seed article plus up to n_docs real scientific abstracts (English) when the shared datasets are here."""
    docs = load_path(ROOT / "seeds" / "000_b1001c2e46c865c5.txt")
    if CORPUS.exists():
        with open(CORPUS, encoding="utf-8") as fh:
            for line in fh:
                if len(docs) > n_docs:
                    break
                rec = json.loads(line)
                text = " ".join(rec.get("abstract") or [])
                if len(text) > 200:
                    docs.append(Document(doc_id=rec["cord_id"], title=rec.get("title", ""), text=text, lang="en"))
    return docs


def _embed_all(embedder, texts: list[str], batch: int) -> float:
    seconds, _ = timed(lambda: [embedder.embed_passages(texts[i:i + batch]) for i in range(0, len(texts), batch)])
    return seconds


def run(tmp: Path, *, n_docs: int, batch_size: int = 64) -> dict:
    """Raw embedding, then ingestion, then raw again (the mean of the two raw runs absorbs drift in load)."""
    docs = corpus_docs(n_docs)
    passages = [p.text for d in docs for p in chunk_document(d)]
    sentences = [d.text[s.start:s.end] for d in docs for s in split_sentences(d.text, d.lang)]
    embedder = get_embedder()
    embedder.embed_passages(["warm up"])
    raw_a = _embed_all(embedder, passages, batch_size)
    store = ChromaStore(embedder, store_dir=tmp / "ingest-store")
    ingest_s, stats = timed(ingest_documents, store, docs, batch_size=batch_size)
    raw_b = _embed_all(embedder, passages, batch_size)
    skip_s, again = timed(ingest_documents, store, docs, batch_size=batch_size)
    # The opt-in FACTCHECK_SENTENCE_VECTORS: the same corpus into a fresh store that also keeps sentence vectors.
    with_sentences = ChromaStore(embedder, store_dir=tmp / "ingest-store-sentences", sentence_vectors=True)
    sv_s, sv_stats = timed(ingest_documents, with_sentences, docs, batch_size=batch_size)
    sent_s = _embed_all(embedder, sentences, batch_size)
    raw_pps = 2 * len(passages) / (raw_a + raw_b)
    out = {
        "embedder": embedder.name, "documents": len(docs), "passages": len(passages),
        "mean_passage_chars": round(sum(map(len, passages)) / len(passages)), "sentences": len(sentences),
        "raw_embed_passages_per_s": round(raw_pps, 2),
        "raw_embed_sentences_per_s": round(len(sentences) / sent_s, 2),
        "ingest_passages_per_s": round(stats.passages_written / ingest_s, 2),
        "raw_over_ingest": round(raw_pps / (stats.passages_written / ingest_s), 3),
        "ingest_sentence_vectors_passages_per_s": round(sv_stats.passages_written / sv_s, 2),
        "sentence_vectors_time_ratio": round(sv_s / ingest_s, 2),
        "reingest_unchanged_s": round(skip_s, 3), "reingest_skipped": again.skipped,
        "store_dir": str(tmp / "ingest-store"),
    }
    return out


def run_server(url: str, *, n_docs: int, batch_size: int = 64) -> float:
    """Ingestion passages/s into a Chroma server (same corpus and embedder)."""
    fresh_collection(url, "bench-ingest")
    store = ChromaStore(get_embedder(), chroma_url=url, collection="bench-ingest")
    seconds, stats = timed(ingest_documents, store, corpus_docs(n_docs), batch_size=batch_size)
    return round(stats.passages_written / seconds, 2)
