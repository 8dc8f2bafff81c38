"""The Streamlit UI driven by AppTest over the real library: embedded Chroma in a temp dir, e5, the seed corpus."""

from __future__ import annotations

import json
import os
import re
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `ui` is a top-level folder, not an installed package
    sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from factcheck.export import md_escape, to_claim_review_jsonld  # noqa: E402
from ui.backend import Backend, get_backend  # noqa: E402
from ui.components import verdict_badge_html  # noqa: E402

pytestmark = pytest.mark.slow

APP = str(ROOT / "ui" / "app.py")
SEED_ID = "000_b1001c2e46c865c5"
CLAIM = "Russia ranks 31st out of 83 countries in the Tortoise Global AI Index."
TIMEOUT = 600  # seconds a script run may take on a loaded 2-core machine (not a speed assertion)
INJECTED = (
    '---\ntitle: "<img src=x onerror=window.__pwned=2> Harbour report"\npublisher: "[click](javascript:alert(1))"\n---\n'
    "The harbour authority of Tromsø opened a second container terminal on 3 March 2031. "
    "<script>window.__pwned=1</script> ![x](http://example.invalid/x.png) <b>bold</b>\n"
)


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    """The UI's process-wide backend over a fresh store (the seeds are indexed on first start)."""
    old = os.environ.get("FACTCHECK_STORE")
    os.environ["FACTCHECK_STORE"] = str(tmp_path_factory.mktemp("ui") / "store")
    b = get_backend()
    assert b.wait(TIMEOUT), b.error
    yield b
    if old is None:
        os.environ.pop("FACTCHECK_STORE", None)
    else:
        os.environ["FACTCHECK_STORE"] = old


def _app(page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_seed_corpus_is_indexed_on_first_start(backend):
    assert [d.doc_id for d in backend.checker.documents()] == [SEED_ID]
    at = _app("pages_corpus.py")
    table = at.dataframe[0].value
    assert list(table["id"]) == [SEED_ID] and int(table["passages"][0]) > 0


def test_check_a_claim_shows_verdict_citation_and_exports(backend):
    at = _app()
    at.text_area(key="check_text").input(CLAIM)
    _button(at, "Check").click().run()
    assert not at.exception and not at.error
    report = at.session_state["report"]
    assert [r.claim.text for r in report.results] == [CLAIM]
    result = report.results[0]
    assert result.citations and result.citations[0].doc_id == SEED_ID
    text = _markdown(at)
    assert verdict_badge_html(result.verdict) in [h.proto.body for h in at.get("html")]
    assert "**Source 1**" in text and "Ông Putin" in text  # the seed's title
    read = f"Read {len(result.quotes_read)} quote"
    assert any(c.value.startswith(read) and "of 1 document." in c.value for c in at.caption)  # what was read
    assert any("xếp thứ 31 trong số 83" in h.proto.body for h in at.get("html"))  # the cited passage
    assert [b.label for b in at.get("download_button")] == ["JSON report", "Markdown", "ClaimReview JSON-LD"]
    reviews = json.loads(to_claim_review_jsonld(report))
    assert reviews[0]["claimReviewed"] == CLAIM and reviews[0]["reviewRating"]["bestRating"] == 5
    assert "report" not in _app().session_state  # another browser session starts empty


def test_a_claim_figure_no_source_matches_is_shown_as_unmatched(backend):
    at = _app()
    at.text_area(key="check_text").input(CLAIM.rstrip(".") + " and 12th in Europe.")
    _button(at, "Check").click().run()
    assert not at.exception and not at.error
    result = at.session_state["report"].results[0]
    compared = {(fc.claim.start, fc.claim.end) for fc in result.figures}
    shown = [f for f in result.unmatched_figures if (f.start, f.end) not in compared]
    assert [f.text for f in result.unmatched_figures] == ["12th"] and shown  # the index's rank is stated, 12th is not
    text = _markdown(at)
    row = f"claim: {shown[0].normalized or shown[0].text} · lines up with no figure of the sources read"
    assert md_escape(row) in text
    assert ":gray-badge[unmatched]" in text


def test_check_an_article_highlights_claims_and_lists_the_rest(backend):
    article = ("Tổng thống Putin yêu cầu Sberbank mở rộng hợp tác AI với Trung Quốc. I think this is a wonderful idea! "
               "Nga hiện xếp thứ 31 trong số 83 quốc gia về AI. What will happen next?")
    at = _app()
    at.text_area(key="check_text").input(article)
    _button(at, "Check").click().run()
    report = at.session_state["report"]
    assert len(report.results) >= 2 and report.not_checkable
    spans = [(r.claim.spans[0].start, r.claim.spans[0].end) for r in report.results]
    assert spans == sorted(spans)
    highlighted = next(h.proto.body for h in at.get("html") if "<mark" in h.proto.body)
    assert highlighted.count("<mark") >= 2 and "<sup><b>1</b></sup>" in highlighted
    before = len(report.results)
    _button(at, "Check anyway").click().run()
    after = at.session_state["report"]
    assert len(after.results) == before + 1 and len(after.not_checkable) == len(report.not_checkable) - 1


def test_a_check_can_be_limited_to_chosen_sources(backend):
    from factcheck.schema import Document

    note = Document(doc_id="harbour-note", title="Harbour note", lang="en",
                    text="The harbour authority of Tromsø opened a second container terminal on 3 March 2031.")
    with backend.lock:
        backend.checker.ingest_documents([note])
    try:
        at = _app()
        picker = at.multiselect(key="check_sources")
        assert set(picker.options) == {"Harbour note (harbour-note)", next(o for o in picker.options if SEED_ID in o)}
        picker.select("harbour-note").run()
        at.text_area(key="check_text").input(CLAIM)
        _button(at, "Check").click().run()
        assert not at.exception and not at.error
        result = at.session_state["report"].results[0]
        assert result.citations and {c.doc_id for c in result.citations} == {"harbour-note"}
        assert {r.doc_id for r in result.retrieved} == {"harbour-note"}  # the seed article, which decides it, unread
        assert any(c.value.startswith("Checked against 1 chosen source only") for c in at.caption)
    finally:
        with backend.lock:
            backend.checker.remove_document("harbour-note")
    at.run()  # the removed source leaves the selection
    assert not at.exception and at.multiselect(key="check_sources").value == []


def test_check_empty_input_and_bad_file_messages(backend):
    at = _app()
    _button(at, "Check").click().run()
    assert any("Nothing to check yet" in i.value for i in at.info)
    assert "report" not in at.session_state
    at.file_uploader(key="check_file").upload("scan.txt", b"\x00\x01\x02binary" * 200, "text/plain")
    at.run()
    assert any("looks like a binary file" in e.value for e in at.error)
    at.file_uploader(key="check_file").set_value(("note.md", "# Note\n\nSberbank is a bank.".encode(), "text/markdown"))
    at.run()
    assert at.text_area(key="check_text").value == "# Note\n\nSberbank is a bank."


def test_corpus_upload_shows_markup_as_text_then_remove(backend):
    at = _app("pages_corpus.py")
    at.file_uploader[0].upload("../../harbour report.txt", INJECTED.encode(), "text/plain")
    _button(at.run(), "Add to the corpus").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Added or updated 1 document from 1 file" in at.success[0].value
    saved = backend.upload_dir / "harbour_report.txt"
    assert saved.is_file() and not (backend.upload_dir.parent.parent / "harbour report.txt").exists()
    assert "harbour_report" in list(at.dataframe[0].value["id"])
    shown = "\n".join(t.value for t in at.text)
    assert "<script>window.__pwned=1</script>" in shown and "title: <img src=x onerror=window.__pwned=2> Harbour report" in shown

    check = _app()
    check.text_area(key="check_text").input("A second container terminal opened in Tromsø in March 2031.")
    _button(check, "Check").click().run()
    cited = [c for c in check.session_state["report"].results[0].citations if c.doc_id == "harbour_report"]
    assert cited, "the uploaded document is cited"
    bodies = "".join(h.proto.body for h in check.get("html"))
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in bodies and "<script" not in bodies
    markdown = _markdown(check)
    assert "\\<img src" in markdown and not re.search(r"(?<!\\)<img|(?<!\\)\]\(javascript", markdown)

    _button(at, "Remove this source").click().run()
    assert "harbour_report" not in [d.doc_id for d in backend.checker.documents()]
    assert not saved.exists()


def test_corpus_refuses_a_bad_file(backend):
    at = _app("pages_corpus.py")
    at.file_uploader[0].upload("../../../evil.txt", b"\x00\x01\x02binary" * 200, "text/plain")
    _button(at.run(), "Add to the corpus").click().run()
    assert any("looks like a binary file" in e.value for e in at.error)
    assert not (backend.upload_dir / "evil.txt").exists()
    assert [d.doc_id for d in backend.checker.documents()] == [SEED_ID]


def test_evaluate_runs_the_harness(backend):
    at = _app("pages_evaluate.py")
    at.selectbox(key="eval_claims").select("seed_dev.jsonl")
    at.number_input(key="eval_limit").set_value(3)
    _button(at.run(), "Run the evaluation").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    result = at.session_state["eval_result"]
    assert result["metrics"]["n_claims"] == 3 and len(result["rows"]) == 3
    assert [m.label for m in at.metric] == ["Accuracy", "Macro-F1", "Citation accuracy", "Calibration error (ECE)"]
    assert len(at.get("image")) == 2  # confusion matrix and reliability diagram
    wrong = sum(r["label"] != r["verdict"] for r in result["rows"])
    assert any(s.value == f"Wrong verdicts ({wrong})" for s in at.subheader)
    assert Path(result["out"], "report.md").is_file() and str(backend.eval_dir) in result["out"]


def test_page_is_usable_while_the_models_load(tmp_path, monkeypatch):
    gate = threading.Event()
    prepare = Backend._prepare

    def gated(self):
        gate.wait(TIMEOUT)
        prepare(self)

    monkeypatch.setattr(Backend, "_prepare", gated)
    monkeypatch.setenv("FACTCHECK_STORE", str(tmp_path / "store"))
    try:
        at = _app()
        assert any("Loading the models" in i.value for i in at.info)
        _button(at, "Check").click().run()  # the page answers while loading
        assert any("Nothing to check yet" in i.value for i in at.info)
    finally:
        gate.set()
    assert get_backend().wait(TIMEOUT)
    assert not any("Loading the models" in i.value for i in _app().info)
