"""Run a checker over labelled claims: index the corpus into its own store, check, score and write the results."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol

from factcheck.errors import FactCheckError, InputError
from factcheck.schema import Document

from .data import GoldClaim, corpus_fingerprint, locate_gold_spans
from .metrics import citation_hit, compute_metrics, label_ceiling

STORE_MARKER = "eval-store.json"


class Checker(Protocol):
    """What the harness needs of a checker (factcheck.FactChecker fits)."""

    def ingest_documents(self, docs: Iterable[Document], *, progress: bool = False) -> Any: ...

    def check_claim(self, claim: str, *, top_k: int = 5, doc_ids: Sequence[str] | None = None) -> Any: ...


CheckerFactory = Callable[[Path], Checker]


def default_stores_root() -> Path:
    """Where eval stores live: <factcheck's cache folder ($FACTCHECK_CACHE)>/eval-stores, apart from the user's
    own store."""
    from factcheck.e5base import cache_root

    return cache_root() / "eval-stores"


def index_name(embedder_name: str, settings) -> str:
    """The name an eval store is kept under: the embedder's, marked when passages carry sentence vectors."""
    return embedder_name + ("+sentences" if settings.sentence_vectors else "")


def store_dir_for(docs: Sequence[Document], embedder_name: str, stores_root: Path) -> Path:
    """The store folder of a corpus and embedder: <corpus content hash>-<embedder name>."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", embedder_name).strip("_") or "embedder"
    return Path(stores_root) / f"{corpus_fingerprint(docs)}-{safe}"


def open_indexed_checker(
    docs: Sequence[Document], *, factory: CheckerFactory, embedder_name: str, stores_root: Path, progress: bool = True,
    reindex: bool = False,
) -> tuple[Checker, dict]:
    """A checker whose store holds the corpus, reusing a store indexed before; returns (checker, store info).

    `reindex` deletes that store first (after a change to chunking, which the store's key does not see).
    """
    fingerprint = corpus_fingerprint(docs)
    store = store_dir_for(docs, embedder_name, stores_root)
    marker = store / STORE_MARKER
    if reindex and store.is_dir():
        import shutil

        shutil.rmtree(store)
    reused = marker.is_file() and json.loads(marker.read_text()).get("fingerprint") == fingerprint
    store.mkdir(parents=True, exist_ok=True)
    checker = factory(store)
    t0 = time.perf_counter()
    if not reused:
        _ingest_with_bar(checker, docs, progress)
        info = {"fingerprint": fingerprint, "embedder": embedder_name, "documents": len(docs)}
        marker.write_text(json.dumps({**info, "indexed_at": _now()}, indent=2))
    return checker, {"store_dir": str(store), "store_reused": reused, "index_seconds": time.perf_counter() - t0}


def _ingest_with_bar(checker: Checker, docs: Sequence[Document], progress: bool) -> None:
    # Our own bar with a known total: fed by the checker's per-document callback where it has one
    # (FactChecker does), else advanced as the checker consumes the documents.
    import inspect

    from tqdm import tqdm

    with tqdm(total=len(docs), desc="indexing", unit="doc", disable=not progress, dynamic_ncols=True) as bar:
        if "on_progress" in inspect.signature(checker.ingest_documents).parameters:
            checker.ingest_documents(docs, progress=False, on_progress=lambda done, total, what: bar.update(done - bar.n))
            return

        def counted() -> Iterable[Document]:
            for doc in docs:
                yield doc
                bar.update(1)

        checker.ingest_documents(counted(), progress=False)


def check_claims(claims: Sequence[GoldClaim], checker: Checker, *, top_k: int = 5, progress: bool = True,
                 closed: bool = False) -> tuple[list[dict], float, float]:
    """Check every claim; returns (prediction rows, warm-up seconds, checking wall seconds).

    One untimed warm-up check first loads the models, so latencies describe steady-state checking. With `closed`,
    each claim is checked against the documents its dataset pairs it with (`paired_docs`) only.
    """
    from tqdm import tqdm

    if closed:
        unpaired = [c.id for c in claims if not paired_docs(c)]
        if unpaired:
            raise InputError(f"--closed checks each claim against its own documents, but {len(unpaired)} claims name "
                             f"none in meta.doc_ids or meta.doc_id (first: {unpaired[0]!r}).")

    t0 = time.perf_counter()
    if claims:
        _check_one(claims[0], checker, top_k, closed)
    warmup = time.perf_counter() - t0
    rows: list[dict] = []
    t0 = time.perf_counter()
    for claim in tqdm(claims, desc="checking", unit="claim", disable=not progress, dynamic_ncols=True):
        rows.append(_check_one(claim, checker, top_k, closed))
    return rows, warmup, time.perf_counter() - t0


def paired_docs(claim: GoldClaim) -> list[str]:
    """The documents a dataset pairs a claim with: `meta["doc_ids"]` (a list: Climate-FEVER's evidence articles,
    AVeriTeC's answer sources) or `meta["doc_id"]` (one: Check-COVID's abstract); empty when it names none."""
    ids = claim.meta.get("doc_ids")
    if isinstance(ids, list):
        return [str(i) for i in ids if i]
    one = claim.meta.get("doc_id")
    return [str(one)] if one else []


def _check_one(claim: GoldClaim, checker: Checker, top_k: int, closed: bool = False) -> dict:
    from factcheck.lang import detect_lang

    t0 = time.perf_counter()
    error = None
    try:
        result = checker.check_claim(claim.claim, top_k=top_k, doc_ids=paired_docs(claim)) if closed \
            else checker.check_claim(claim.claim, top_k=top_k)
    except FactCheckError as exc:  # recorded, counted in "errors", and scored as an abstention
        result, error = None, f"{exc.__class__.__name__}: {exc}"
    latency = (time.perf_counter() - t0) * 1000
    row = {
        "id": claim.id,
        "claim": claim.claim,
        "label": claim.label.value,
        "verdict": result.verdict.value if result else "NOT_ENOUGH_INFO",
        "confidence": float(result.confidence) if result else 0.0,
        "citations": [_citation(c) for c in result.citations] if result else [],
        "latency_ms": round(latency, 2),
        "lang": claim.lang or detect_lang(claim.claim),
        "checker_latency_ms": getattr(result, "latency_ms", None),
        "error": error,
    }
    for key in ("retrieved", "quotes_read"):  # what a FactChecker read (other checkers may not say)
        if hasattr(result, key):
            row[key] = [ref.model_dump() for ref in getattr(result, key)]
    if hasattr(result, "unmatched_figures"):  # the claim's figures no quote's figure agrees with
        row["unmatched_figures"] = [f.text for f in result.unmatched_figures]
    return row


def _citation(c: Any) -> dict:
    has_quote = bool(c.quote)
    return {
        "doc_id": c.doc_id,
        "text": c.quote if has_quote else c.passage,
        "start": c.start if has_quote else c.passage_start,
        "end": c.end if has_quote else c.passage_end,
        "passage_start": c.passage_start,
        "passage_end": c.passage_end,
        "stance": getattr(c.stance, "value", c.stance),
        "score": c.score,
    }


def run_eval(
    claims: Sequence[GoldClaim],
    docs: Sequence[Document],
    *,
    checker: Checker,
    out_dir: str | Path,
    top_k: int = 5,
    progress: bool = True,
    run_info: dict | None = None,
    plots: bool = True,
    closed: bool = False,
) -> dict:
    """Check `claims` against an indexed checker, then write predictions.jsonl, metrics.json and report.md.
    `closed`: each claim against its own document only (`check_claims`)."""
    if top_k < 1:
        raise InputError(f"top_k must be at least 1, got {top_k}.")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    gold_spans, missing = locate_gold_spans(claims, docs)
    rows, warmup, elapsed = check_claims(claims, checker, top_k=top_k, progress=progress, closed=closed)
    for row in rows:
        row["gold_spans"] = gold_spans[row["id"]]
        row["correct"] = row["label"] == row["verdict"]
        row["citation_hit"] = citation_hit(row["citations"], row["gold_spans"]) if row["gold_spans"] else None
        for key, hit in (("retrieved", "retrieval_hit"), ("quotes_read", "quote_hit")):
            if key in row:
                row[hit] = citation_hit(row[key], row["gold_spans"]) if row["gold_spans"] else None
    metrics = compute_metrics(rows, elapsed)
    # Over a pooled corpus one claim text gets one answer, whatever documents its labels came from.
    metrics["ceiling"] = None if closed else label_ceiling([r["claim"] for r in rows], [r["label"] for r in rows])
    metrics["run"] = {
        **(run_info or {}),
        "top_k": top_k,
        "closed": closed,
        "documents": len(docs),
        "warmup_seconds": round(warmup, 3),
        "check_seconds": round(elapsed, 3),
        "gold_quotes_missing": missing,
        "finished_at": _now(),
    }
    write_predictions(out / "predictions.jsonl", rows)
    (out / "metrics.json").write_text(json.dumps(metrics, ensure_ascii=False, indent=2), encoding="utf-8")
    from .report import write_report

    write_report(out, metrics, rows, plots=plots)
    return metrics


def write_predictions(path: Path, rows: Iterable[dict]) -> None:
    """One JSON object a line, UTF-8, non-ASCII kept readable."""
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_predictions(path: Path) -> list[dict]:
    """The rows of a predictions.jsonl file."""
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
