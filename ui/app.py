"""The web UI's entry point: `streamlit run ui/app.py` (or `factcheck ui`). Pages: Check, Corpus, Evaluate."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # so pages can import the `ui` package whatever the working directory
    sys.path.insert(0, str(ROOT))

from factcheck.export import md_escape  # noqa: E402
from ui.backend import get_backend  # noqa: E402
from ui.components import plural  # noqa: E402

st.set_page_config(page_title="factcheck", page_icon=":material/fact_check:", layout="wide")
HERE = Path(__file__).resolve().parent
PAGES = [
    st.Page(HERE / "pages_check.py", title="Check", icon=":material/fact_check:", url_path="check", default=True),
    st.Page(HERE / "pages_corpus.py", title="Corpus", icon=":material/library_books:", url_path="corpus"),
    st.Page(HERE / "pages_evaluate.py", title="Evaluate", icon=":material/analytics:", url_path="evaluate"),
]


def sidebar() -> None:
    backend = get_backend()
    with st.sidebar:
        st.caption("Offline fact-checking against your own sources (vi · en · ru · zh).")
        if backend.error:
            st.caption(":material/error: the checker failed to start")
        elif backend.ready.is_set():
            st.caption(f":material/check_circle: models ready ({backend.seconds:.0f} s to load)")
        else:
            st.caption(f":material/hourglass_top: {md_escape(backend.stage)}…")
        where = md_escape(f"Store folder: {backend.store_dir} (set FACTCHECK_STORE to use another).")
        if backend.ready.is_set() and not backend.error:
            with backend.lock:
                docs = backend.checker.documents()
            passages = sum(d.n_passages for d in docs)
            st.caption(f"Corpus: {plural(len(docs), 'source')} · {plural(passages, 'passage')}", help=where)
        else:
            st.caption(where)


sidebar()
st.navigation(PAGES).run()
