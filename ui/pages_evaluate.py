"""The Evaluate page: run the evaluation harness on labelled claims and show metrics, plots and mistakes."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import streamlit as st

from factcheck.errors import FactCheckError
from factcheck.export import md_escape
from ui.backend import REPO_ROOT, SEED_DIR, Backend, get_backend
from ui.components import loading_notice
from ui.safe import MAX_UPLOAD_MB, save_upload

EVALS_DIR = REPO_ROOT / "evals"
UPLOAD_CHOICE = "Upload a claims file (.jsonl)"
SEED_CORPUS = "Seed corpus (seeds/)"
CORPUS_UPLOAD = "Upload a corpus (.jsonl)"
CLAIMS_HELP = ('One JSON object a line: "id", "claim", "label" (SUPPORTED, REFUTED, NOT_ENOUGH_INFO or CONFLICTING), '
               'optional "lang" and "evidence" (quotes from the corpus).')


def render() -> None:
    backend = get_backend()
    st.title("Evaluate")
    st.caption("Check labelled claims against a corpus indexed into a store of its own, and score the verdicts.")
    loading_notice(backend)
    claims_file, corpus = _inputs(backend)
    cols = st.columns(2)
    limit = cols[0].number_input("Claims to check (a random sample, seed 0)", min_value=1, max_value=10_000, value=20, key="eval_limit")
    top_k = cols[1].number_input("Passages retrieved per claim", min_value=1, max_value=50, value=5, key="eval_top_k")
    if st.button("Run the evaluation", type="primary", icon=":material/play_arrow:"):
        _run(backend, claims_file, corpus, int(limit), int(top_k))
    result = st.session_state.get("eval_result")
    if result:
        _show(result)


def _inputs(backend: Backend) -> tuple[Path | None, Path | None]:
    datasets = sorted(p.name for p in EVALS_DIR.glob("*.jsonl"))
    choice = st.selectbox("Claims", [*datasets, UPLOAD_CHOICE], key="eval_claims", help=CLAIMS_HELP)
    claims_file = EVALS_DIR / choice if choice != UPLOAD_CHOICE else _upload("Labelled claims", "eval_claims_upload", backend)
    corpus_choice = st.radio("Corpus", [SEED_CORPUS, CORPUS_UPLOAD], key="eval_corpus", horizontal=True)
    corpus = SEED_DIR if corpus_choice == SEED_CORPUS else _upload("Corpus", "eval_corpus_upload", backend)
    return claims_file, corpus


def _upload(label: str, key: str, backend: Backend) -> Path | None:
    upload = st.file_uploader(f"{label} (.jsonl, up to {MAX_UPLOAD_MB} MB)", type=["jsonl"], key=key, max_upload_size=MAX_UPLOAD_MB)
    if upload is None:
        return None
    try:
        return save_upload(upload.name, upload.getvalue(), backend.eval_dir / "uploads" / key)
    except FactCheckError as exc:
        st.error(md_escape(str(exc)), icon=":material/error:")
        return None


class _ProgressChecker:
    """Wraps the harness's checker to move a progress bar after each claim (the first check is its warm-up)."""

    def __init__(self, checker, total: int, bar):
        self._checker, self._total, self._bar, self._done = checker, total, bar, 0

    def ingest_documents(self, docs, *, progress: bool = False):
        return self._checker.ingest_documents(docs, progress=progress)

    def check_claim(self, claim, *, top_k: int = 5):
        result = self._checker.check_claim(claim, top_k=top_k)
        self._done += 1
        self._bar.progress(min(1.0, self._done / self._total), text=f"Checked {min(self._done, self._total)} of {self._total} checks")
        return result


def _run(backend: Backend, claims_file: Path | None, corpus: Path | None, limit: int, top_k: int) -> None:
    if claims_file is None or corpus is None:
        st.info("Pick a claims file and a corpus first (upload the missing one).", icon=":material/info:")
        return
    with st.spinner("Waiting for the models to finish loading…"):
        if not backend.wait():
            return
    try:
        st.session_state.eval_result = _evaluate(backend, claims_file, corpus, limit, top_k)
    except FactCheckError as exc:
        st.session_state.pop("eval_result", None)
        st.error(md_escape(f"The evaluation failed: {exc}"), icon=":material/error:")


def _evaluate(backend: Backend, claims_file: Path, corpus: Path, limit: int, top_k: int) -> dict:
    from factcheck import FactChecker
    from factcheck.evaluate.data import load_claims, read_corpus, sample_claims
    from factcheck.evaluate.runner import index_name, open_indexed_checker, read_predictions, run_eval

    claims = sample_claims(load_claims(claims_file), limit, 0)
    docs = read_corpus(corpus)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    out = backend.eval_dir / "runs" / stamp
    bar = st.progress(0.0, text=f"Indexing {len(docs)} documents…")
    with backend.lock:
        fc = backend.checker
        # The eval store is its own; the loaded models are shared with the page's checker.
        checker, info = open_indexed_checker(
            docs, factory=lambda store: FactChecker(store, collection="eval", embedder=fc.embedder, verifier=fc.verifier),
            embedder_name=index_name(fc.embedder_name, fc.settings), stores_root=backend.eval_dir / "stores", progress=False)
        run_info = {"name": claims_file.stem, "claims_file": claims_file.name, "corpus": corpus.name, "limit": limit, **info}
        metrics = run_eval(claims, docs, checker=_ProgressChecker(checker, len(claims) + 1, bar), out_dir=out,
                           top_k=top_k, progress=False, run_info=run_info)
    bar.empty()
    return {"metrics": metrics, "rows": read_predictions(out / "predictions.jsonl"), "out": str(out)}


def _show(result: dict) -> None:
    from factcheck.evaluate.report import CONFUSION_PNG, RELIABILITY_PNG, fmt, overall_rows

    m, rows, out = result["metrics"], result["rows"], Path(result["out"])
    st.divider()
    st.subheader(f"Results on {m['n_claims']} claims")
    cols = st.columns(4)
    cols[0].metric("Accuracy", fmt(m["accuracy"]))
    cols[1].metric("Macro-F1", fmt(m["macro_f1"]))
    cols[2].metric("Citation accuracy", fmt(m["citation_accuracy"]))
    cols[3].metric("Calibration error (ECE)", fmt(m["calibration"]["ece"]))
    with st.expander("All metrics"):
        st.dataframe([{"metric": k, "value": fmt(v)} for k, v in overall_rows(m)], hide_index=True)
        st.dataframe([{"label": k, **{n: fmt(v) for n, v in c.items()}} for k, c in m["per_class"].items()], hide_index=True)
    left, right = st.columns(2)
    with left:
        st.markdown("**Confusion matrix** (rows: gold label, columns: verdict)")
        _image_or_table(out / CONFUSION_PNG, [{"gold": g, **dict(zip(m["labels"], r))} for g, r in zip(m["labels"], m["confusion_matrix"])])
    with right:
        st.markdown("**Reliability diagram**")
        _image_or_table(out / RELIABILITY_PNG, m["calibration"]["bins"])
    wrong = [r for r in rows if r["label"] != r["verdict"]]
    st.subheader(f"Wrong verdicts ({len(wrong)})")
    st.dataframe([{"id": r["id"], "lang": r["lang"], "gold": r["label"], "verdict": r["verdict"],
                   "confidence": round(r["confidence"], 3), "claim": r["claim"]} for r in wrong], hide_index=True, width="stretch",
                 column_config={"claim": st.column_config.TextColumn(width="large")})
    report = out / "report.md"
    if report.is_file():
        st.download_button("report.md", report.read_text(encoding="utf-8"), "report.md", "text/markdown",
                           on_click="ignore", icon=":material/description:")


def _image_or_table(path: Path, rows: list[dict]) -> None:
    if path.is_file():
        st.image(str(path))
    else:
        st.dataframe(rows, hide_index=True)


if __name__ == "__main__":
    render()
