"""The Corpus page: the indexed sources, uploads with a progress bar, preview, removal and re-indexing."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from factcheck.errors import FactCheckError
from factcheck.export import md_escape
from ui.backend import SEED_DIR, Backend, get_backend
from ui.components import loading_notice, plural
from ui.safe import ACCEPTED_TYPES, MAX_UPLOAD_MB, save_upload

PREVIEW_PASSAGES = 3


def render() -> None:
    backend = get_backend()
    st.title("Corpus")
    st.caption("The trusted sources claims are checked against.")
    loading_notice(backend)
    _show_message()
    if not backend.ready.is_set() or backend.error:
        st.caption("The sources are listed once the store is open.")
        return
    with backend.lock:
        docs = backend.checker.documents()
    _upload_section(backend)
    _table(docs)
    if docs:
        _document_section(backend, docs)
    _reindex_section(backend)


def _show_message() -> None:
    kind, text = st.session_state.pop("corpus_message", (None, None))
    if kind == "success":
        st.success(md_escape(text), icon=":material/check_circle:")
    elif kind == "error":
        st.error(md_escape(text), icon=":material/error:")


def _table(docs) -> None:
    st.subheader(f"{plural(len(docs), 'source')}, {plural(sum(d.n_passages for d in docs), 'passage')}")
    rows = [{"title": d.title, "publisher": d.publisher or "", "published": d.published or "", "lang": d.lang or "",
             "passages": d.n_passages, "characters": d.n_chars, "id": d.doc_id, "file": Path(d.source).name if d.source else ""}
            for d in docs]
    st.dataframe(rows, hide_index=True, width="stretch")


def _upload_section(backend: Backend) -> None:
    key = f"corpus_upload_{st.session_state.get('upload_round', 0)}"
    files = st.file_uploader(f"Add documents ({', '.join('.' + t for t in ACCEPTED_TYPES)}; up to {MAX_UPLOAD_MB} MB each; "
                             "optional YAML front matter for title, publisher, url, published)",
                             type=list(ACCEPTED_TYPES), accept_multiple_files=True, key=key, max_upload_size=MAX_UPLOAD_MB)
    if st.button("Add to the corpus", type="primary", disabled=not files, icon=":material/upload_file:"):
        _ingest_uploads(backend, files)


def _ingest_uploads(backend: Backend, files) -> None:
    bar = st.progress(0.0, text="Indexing…")
    added, errors, new_ids = 0, [], []
    for k, upload in enumerate(files):
        def step(done, total, _name, k=k):
            bar.progress(min(1.0, (k + done / max(total, 1)) / len(files)), text=f"Indexing file {k + 1} of {len(files)}")

        try:
            stats, ids = _ingest_one(backend, upload.name, upload.getvalue(), step)
            added += stats.added + stats.updated
            new_ids += ids
        except FactCheckError as exc:
            errors.append(f"{upload.name}: {exc}")
    bar.empty()
    if errors:
        st.session_state.corpus_message = ("error", "Not added: " + " | ".join(errors))
    else:
        st.session_state.corpus_message = ("success", f"Added or updated {plural(added, 'document')} from {plural(len(files), 'file')}.")
    if new_ids:
        st.session_state.corpus_doc = new_ids[0]
    st.session_state.upload_round = st.session_state.get("upload_round", 0) + 1
    st.rerun()


def _ingest_one(backend: Backend, name: str, data: bytes, on_progress):
    """Save one upload into the upload folder and index it; a file that fails is deleted again."""
    path = save_upload(name, data, backend.upload_dir)
    try:
        with backend.lock:
            stats = backend.checker.ingest([path], on_progress=on_progress)
            ids = [d.doc_id for d in backend.checker.documents() if d.source and Path(d.source).resolve() == path]
        return stats, ids
    except FactCheckError:
        path.unlink(missing_ok=True)
        raise


def _document_section(backend: Backend, docs) -> None:
    st.subheader("Inspect or remove a source")
    by_id = {d.doc_id: d for d in docs}
    if st.session_state.get("corpus_doc") not in by_id:
        st.session_state.corpus_doc = docs[0].doc_id
    doc_id = st.selectbox("Source", list(by_id), key="corpus_doc", format_func=lambda i: f"{by_id[i].title} [{i}]")
    doc = by_id[doc_id]
    details = [f"id: {doc.doc_id}", f"title: {doc.title}", f"publisher: {doc.publisher or '-'}",
               f"published: {doc.published or '-'}", f"url: {doc.url or '-'}", f"language: {doc.lang or '-'}",
               f"passages: {doc.n_passages}", f"characters: {doc.n_chars}", f"file: {doc.source or '-'}"]
    st.text("\n".join(details))
    with st.expander("Preview", expanded=True):
        with backend.lock:
            passages = sorted((p for p in backend.checker.store.all_passages() if p.doc_id == doc_id), key=lambda p: p.start)
        for p in passages[:PREVIEW_PASSAGES]:
            st.text(p.text)
        if len(passages) > PREVIEW_PASSAGES:
            st.caption(f"… and {len(passages) - PREVIEW_PASSAGES} more passages.")
    if st.button("Remove this source", icon=":material/delete:"):
        _remove(backend, doc)


def _remove(backend: Backend, doc) -> None:
    with backend.lock:
        backend.checker.remove_document(doc.doc_id)
    source = Path(doc.source).resolve() if doc.source else None
    if source and source.parent == backend.upload_dir.resolve():  # or re-indexing would bring it back
        source.unlink(missing_ok=True)
    st.session_state.corpus_message = ("success", f"Removed {doc.title} [{doc.doc_id}].")
    st.rerun()


def _reindex_section(backend: Backend) -> None:
    st.subheader("Re-index")
    st.caption("Reads the seed corpus and the upload folder again: changed files are re-indexed, removed ones dropped.")
    if st.button("Re-index", icon=":material/refresh:"):
        folders = [p for p in (SEED_DIR, backend.upload_dir) if p.is_dir()]
        bar = st.progress(0.0, text="Re-indexing…")
        try:
            with backend.lock:
                stats = backend.checker.ingest(folders, prune=True, on_progress=lambda d, t, _n: bar.progress(d / max(t, 1)))
            st.session_state.corpus_message = ("success", f"{stats.documents} documents read: {stats.added} added, "
                                               f"{stats.updated} updated, {stats.skipped} unchanged, {stats.removed} removed.")
        except FactCheckError as exc:
            st.session_state.corpus_message = ("error", f"Re-indexing failed: {exc}")
        st.rerun()


if __name__ == "__main__":
    render()
