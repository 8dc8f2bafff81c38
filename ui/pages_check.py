"""The Check page: paste or upload a text, check its claims, read the evidence, export the report."""

from __future__ import annotations

import tempfile
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import streamlit as st

from factcheck.errors import FactCheckError
from factcheck.export import VERDICT_NAMES, md_escape, to_claim_review_jsonld, to_json, to_markdown
from factcheck.lang import detect_lang, normalize_text
from factcheck.schema import CheckReport, Claim, Span
from ui.backend import Backend, get_backend
from ui.components import loading_notice, plural, render_result
from ui.safe import MARK_COLOURS, MAX_UPLOAD_MB, highlight_html, save_upload

TEXT_KEY = "check_text"
SOURCES_KEY = "check_sources"
MODES = ("Auto", "One claim", "Article")
MODE_HELP = ("Auto checks a single sentence as one claim and extracts the claims of a longer text; "
             "One claim checks the whole input as one claim; Article always extracts claims first.")
CHECK_FILE_TYPES = ["txt", "md", "html", "pdf"]


def render() -> None:
    backend = get_backend()
    st.title("Check")
    st.caption("Paste a claim or an article: each checkable claim is compared with the indexed sources.")
    loading_notice(backend)
    _input_area(backend)
    if st.button("Check", type="primary", icon=":material/fact_check:"):
        _run_check(backend, st.session_state.get(TEXT_KEY, ""))
    message = st.session_state.pop("check_message", None)
    if message:
        st.warning(md_escape(message))
    report: CheckReport | None = st.session_state.get("report")
    if report is not None:
        _show_report(backend, report)


def _input_area(backend: Backend) -> None:
    st.text_area("Claim or article", key=TEXT_KEY, height=160,
                 placeholder="e.g. Russia ranks 31st out of 83 countries in the Tortoise Global AI Index.")
    st.file_uploader(f"…or load a text file (.txt .md .html .pdf, up to {MAX_UPLOAD_MB} MB)", type=CHECK_FILE_TYPES,
                     key="check_file", on_change=_load_file, max_upload_size=MAX_UPLOAD_MB)
    error = st.session_state.get("check_file_error")
    if error:
        st.error(md_escape(error), icon=":material/error:")
    with st.expander("Options and details about the text"):
        st.radio("Treat the input as", MODES, key="check_mode", horizontal=True, help=MODE_HELP)
        st.text_input("Published (optional, YYYY-MM-DD): completes dates written without a year", key="check_published")
        st.text_input("Where the text appeared (optional URL, used in the ClaimReview export)", key="check_url")
        sources = _source_names(backend)
        if sources and st.session_state.get(SOURCES_KEY):  # a source removed on the Corpus page meanwhile
            st.session_state[SOURCES_KEY] = [d for d in st.session_state[SOURCES_KEY] if d in sources]
        st.multiselect("Check against these sources only (none chosen: every indexed source)", list(sources),
                       format_func=lambda doc_id: sources.get(doc_id, doc_id), key=SOURCES_KEY,
                       disabled=not sources, placeholder="Every indexed source" if sources else
                       "Sources are listed once the store is open")


def _source_names(backend: Backend) -> dict[str, str]:
    """{doc_id: "title (doc_id)"} of the indexed sources; {} until the store is open."""
    if not backend.ready.is_set() or backend.error:
        return {}
    with backend.lock:
        docs = backend.checker.documents()
    return {d.doc_id: f"{d.title or d.doc_id} ({d.doc_id})" for d in docs}


def _chosen_sources() -> list[str] | None:
    """The sources the user restricted the check to (still indexed ones), or None for every source."""
    return list(st.session_state.get(SOURCES_KEY) or []) or None


def _load_file() -> None:
    """Fill the text area with an uploaded file's text (the upload's on_change callback)."""
    st.session_state.check_file_error = None
    upload = st.session_state.get("check_file")
    if upload is None:
        return
    from factcheck.ingest.loaders import load_path

    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = save_upload(upload.name, upload.getvalue(), Path(tmp))
            if path.suffix == ".jsonl":
                raise FactCheckError("A .jsonl corpus cannot be checked; add it on the Corpus page instead.")
            st.session_state[TEXT_KEY] = "\n\n".join(doc.text for doc in load_path(path))
    except FactCheckError as exc:
        st.session_state.check_file_error = f"Could not read {upload.name!r}: {exc}"


def _run_check(backend: Backend, text: str) -> None:
    text = normalize_text(text or "")
    if not text:
        st.info("Nothing to check yet: paste a claim or an article above, or load a text file.", icon=":material/info:")
        return
    waited = not backend.ready.is_set()
    if waited:
        with st.spinner("Waiting for the models to finish loading…"):
            backend.wait()
    if backend.error:
        return
    bar = st.progress(0.0, text="Finding the claims…")
    try:
        report = _check(backend, text, lambda i, n, _claim: bar.progress(i / n, text=f"Checked {i} of {n} claims"))
    except FactCheckError as exc:
        bar.empty()
        st.error(md_escape(str(exc)), icon=":material/error:")
        return
    bar.empty()
    st.session_state.report = report
    st.session_state.report_sources = _chosen_sources()
    if waited:  # redraw without the loading notice shown above
        st.rerun()


def _check(backend: Backend, text: str, on_progress) -> CheckReport:
    mode = st.session_state.get("check_mode", "Auto")
    published = (st.session_state.get("check_published") or "").strip() or None
    with backend.lock:
        if mode == "One claim" or (mode == "Auto" and _is_one_sentence(text)):
            claim = Claim(text=text, lang=detect_lang(text), spans=[Span(start=0, end=len(text))])
            result = backend.checker.check_claim(claim, doc_ids=_chosen_sources())
            on_progress(1, 1, text)
            return CheckReport(text=text, lang=claim.lang, results=[result], created=_now())
        return backend.checker.check(text, published=published, on_progress=on_progress, doc_ids=_chosen_sources())


def _is_one_sentence(text: str) -> bool:
    from factcheck.sentences import split_sentences

    return len(text) <= 600 and len(split_sentences(text)) <= 1


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _show_report(backend: Backend, report: CheckReport) -> None:
    st.divider()
    counts = Counter(r.verdict for r in report.results)
    summary = ", ".join(f"{n} {VERDICT_NAMES[v].lower()}" for v, n in counts.items()) or "no checkable claims"
    st.subheader(f"{plural(len(report.results), 'claim')} checked")
    st.caption(f"{summary}; {plural(len(report.not_checkable), 'sentence')} judged not checkable.")
    chosen = st.session_state.get("report_sources")
    if chosen:
        st.caption(md_escape(f"Checked against {plural(len(chosen), 'chosen source')} only: {', '.join(chosen)}."))
    if _has_context(report):
        st.html(highlight_html(report.text, _marks(report)))
    for i, res in enumerate(report.results, start=1):
        render_result(i, res, expanded=len(report.results) == 1 or i == 1)
    if report.not_checkable:
        _show_not_checkable(backend, report)
    _exports(report)


def _has_context(report: CheckReport) -> bool:
    """Whether the input holds more than the one claim checked (then its highlighted text is worth showing)."""
    whole = [Span(start=0, end=len(report.text))]
    return bool(report.not_checkable) or len(report.results) != 1 or report.results[0].claim.spans != whole


def _marks(report: CheckReport) -> list[tuple[int, int, str, str]]:
    return [(span.start, span.end, MARK_COLOURS[res.verdict.value], str(i))
            for i, res in enumerate(report.results, start=1) for span in res.claim.spans]


def _show_not_checkable(backend: Backend, report: CheckReport) -> None:
    with st.expander(f"Judged not checkable ({len(report.not_checkable)})", icon=":material/block:"):
        st.caption("Opinions, questions and sentences without a verifiable fact. Check one anyway if you disagree.")
        for i, claim in enumerate(report.not_checkable):
            left, right = st.columns([0.8, 0.2])
            left.markdown(md_escape(claim.text))
            left.caption(md_escape(f"{claim.reason or 'no reason given'} (check-worthiness {claim.checkworthiness:.2f})"))
            right.button("Check anyway", key=f"anyway_{i}", on_click=_check_anyway, args=(backend, i))


def _check_anyway(backend: Backend, index: int) -> None:
    report: CheckReport = st.session_state.report
    claim = report.not_checkable[index]
    try:
        with backend.lock:
            result = backend.checker.check_claim(claim, doc_ids=_chosen_sources())
    except FactCheckError as exc:
        st.session_state.check_message = f"Could not check it: {exc}"
        return
    results = sorted([*report.results, result], key=lambda r: r.claim.spans[0].start if r.claim.spans else len(report.text))
    rest = [c for j, c in enumerate(report.not_checkable) if j != index]
    st.session_state.report = report.model_copy(update={"results": results, "not_checkable": rest})


def _exports(report: CheckReport) -> None:
    st.subheader("Export")
    url = (st.session_state.get("check_url") or "").strip() or None
    published = (st.session_state.get("check_published") or "").strip() or None
    stamp = (report.created or _now())[:19].replace(":", "").replace("-", "")
    cols = st.columns(3)
    cols[0].download_button("JSON report", to_json(report), f"factcheck-{stamp}.json", "application/json",
                            on_click="ignore", icon=":material/data_object:")
    cols[1].download_button("Markdown", to_markdown(report), f"factcheck-{stamp}.md", "text/markdown",
                            on_click="ignore", icon=":material/description:")
    jsonld = to_claim_review_jsonld(report, appearance_url=url, claim_published=published)
    cols[2].download_button("ClaimReview JSON-LD", jsonld, f"factcheck-{stamp}.jsonld", "application/ld+json",
                            on_click="ignore", icon=":material/travel_explore:")


if __name__ == "__main__":
    render()
