"""Pieces the pages share: the loading notice, verdict badges, and one checked claim with its evidence."""

from __future__ import annotations

import streamlit as st

from factcheck.export import UNMATCHED, VERDICT_NAMES, md_escape, uncompared_unmatched
from factcheck.schema import Citation, ClaimResult, Figure, FigureComparison, Label

from .backend import Backend
from .safe import passage_html, safe_url

BADGE_HEX = {Label.SUPPORTED: "#1a7f37", Label.REFUTED: "#cf222e", Label.CONFLICTING: "#bc4c00",
             Label.NOT_ENOUGH_INFO: "#6e7781"}
BADGE_SYMBOLS = {Label.SUPPORTED: "✓", Label.REFUTED: "✗", Label.CONFLICTING: "⇄", Label.NOT_ENOUGH_INFO: "?"}
FIGURE_COLOURS = {"agree": "green", "conflict": "red", "not_comparable": "gray"}


def loading_notice(backend: Backend) -> None:
    """Say that the models are loading (refreshing until they are), or why they failed; nothing once ready."""
    if backend.error:
        st.error(md_escape(f"The checker could not start: {backend.error}"), icon=":material/error:")
    elif not backend.ready.is_set():
        _poll_loading(backend)


@st.fragment(run_every=1.0)
def _poll_loading(backend: Backend) -> None:
    if backend.ready.is_set():
        st.rerun()
    st.info(f"Loading the models and the corpus ({backend.stage})… The page works meanwhile; "
            "a check starts as soon as they are ready.", icon=":material/hourglass_top:")


def verdict_badge(verdict: Label) -> None:
    st.html(verdict_badge_html(verdict))


def verdict_badge_html(verdict: Label) -> str:
    """A solid coloured pill; built only from our own constants, never from user or document text."""
    return (f'<span class="verdict-badge" data-verdict="{verdict.value}" style="display: inline-block; '
            f'padding: 0.3rem 0.8rem; border-radius: 1rem; background: {BADGE_HEX[verdict]}; color: white; '
            f'font-weight: 600; font-size: 1rem; white-space: nowrap;">{BADGE_SYMBOLS[verdict]} {VERDICT_NAMES[verdict]}</span>')


def render_result(number: int, res: ClaimResult, *, expanded: bool = False) -> None:
    """One claim: badge, confidence, text and top source; its evidence and reasoning in an expander."""
    with st.container(border=True):
        left, right = st.columns([0.24, 0.76])
        with left:
            verdict_badge(res.verdict)
            st.caption(f"confidence {res.confidence:.0%}")
        with right:
            st.markdown(f"**{number}.** {md_escape(res.claim.text)}")
            if res.citations:
                top = res.citations[0]
                st.caption(md_escape(f"Top source: {top.title or top.doc_id} — “{_short(top.quote)}”"))
        with st.expander("Evidence and reasoning", expanded=expanded, icon=":material/fact_check:"):
            render_details(res)


def render_details(res: ClaimResult) -> None:
    if res.explanation:
        st.markdown("**Why:** " + md_escape(res.explanation))
    unmatched = uncompared_unmatched(res)
    if res.figures or unmatched:
        st.markdown("**Figures compared**")
        for comparison in res.figures:
            render_figure(comparison)
        for figure in unmatched:
            render_unmatched(figure)
    for i, citation in enumerate(res.citations, start=1):
        render_citation(i, citation)
    if res.retrieved:
        docs = len({r.doc_id for r in res.retrieved})
        st.caption(f"Read {plural(len(res.quotes_read), 'quote')} from {plural(len(res.retrieved), 'retrieved passage')} "
                   f"of {plural(docs, 'document')}.")
    if res.latency_ms is not None:
        st.caption(f"Checked in {res.latency_ms / 1000:.2f} s.")


def render_figure(fc: FigureComparison) -> None:
    left, right = st.columns([0.2, 0.8])
    with left:
        st.badge(fc.status.replace("_", " "), color=FIGURE_COLOURS.get(fc.status, "gray"))
    with right:
        claim = fc.claim.normalized or fc.claim.text
        source = fc.evidence.normalized or fc.evidence.text
        st.markdown(md_escape(f"claim: {claim} · source: {source}"))
        if fc.reason and not (claim in fc.reason and source in fc.reason):  # a reason that only restates them is left out
            st.caption(md_escape(fc.reason))


def render_unmatched(figure: Figure) -> None:
    """A claim figure that no figure of a quote read agrees with: support does not extend to it."""
    left, right = st.columns([0.2, 0.8])
    with left:
        st.badge("unmatched", color="gray")
    with right:
        st.markdown(md_escape(f"claim: {figure.normalized or figure.text} · {UNMATCHED}"))


def render_citation(number: int, c: Citation) -> None:
    """A cited passage with its quote highlighted, the source's title, publisher, date and link."""
    st.markdown(f"**Source {number}** · {md_escape(VERDICT_NAMES[c.stance].lower())} · score {c.score:.2f}")
    st.markdown(md_escape(" · ".join(p for p in (c.title or c.doc_id, c.publisher, c.published) if p)))
    link = safe_url(c.url)
    if link:
        st.markdown(f"[{md_escape(link)}]({link})")
    elif c.url:
        st.text(c.url)
    st.html(passage_html(c.passage, c.start - c.passage_start, c.end - c.passage_start))
    st.caption(md_escape(f"Quote at characters {c.start}-{c.end} of document {c.doc_id}."))


def plural(n: int, word: str) -> str:
    """'1 source', '2 sources'."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
