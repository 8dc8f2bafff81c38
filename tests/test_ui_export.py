"""Exports (factcheck/export.py) and the UI's safety helpers (ui/safe.py): pure functions, no models."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

if str(Path(__file__).resolve().parent.parent) not in sys.path:  # `ui` is a top-level folder, not an installed package
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factcheck.errors import InputError
from factcheck.export import claim_review, md_escape, to_claim_review_jsonld, to_json, to_markdown
from factcheck.schema import CheckReport, Citation, Claim, ClaimResult, Figure, FigureComparison, Label, Span
from ui.safe import highlight_html, passage_html, safe_url, sanitize_filename, save_upload

EVIL = "<script>window.__pwned=1</script> [link](javascript:alert(1)) ![x](http://e/x.png) <img src=x onerror=alert(1)>"


def _result(text: str, verdict: Label = Label.REFUTED, url: str | None = "https://example.org/a") -> ClaimResult:
    citation = Citation(doc_id="d1", title="A source", publisher="Pub", url=url, published="2025-01-01",
                        passage="Before. The quote here. After.", passage_start=100, passage_end=130,
                        quote="The quote here.", start=108, end=123, stance=verdict, score=0.9)
    figure = FigureComparison(claim=Figure(text="13th", start=0, end=4, kind="rank", normalized="13th of 83"),
                              evidence=Figure(text="31", start=0, end=2, kind="rank", normalized="31st of 83"),
                              status="conflict", reason="ranks differ")
    unmatched = [figure.claim, Figure(text="in 2030", start=20, end=27, kind="year", normalized="2030")]
    return ClaimResult(claim=Claim(text=text, lang="en", spans=[Span(start=0, end=len(text))]), verdict=verdict,
                       confidence=0.8, citations=[citation], explanation="Because " + text, figures=[figure],
                       unmatched_figures=unmatched)


def _report(text: str) -> CheckReport:
    return CheckReport(text=text, lang="en", results=[_result(text)], created="2026-01-02T03:04:05+00:00",
                       not_checkable=[Claim(text=EVIL, reason="opinion", checkworthiness=0.1)])


def test_md_escape_neutralises_markdown_syntax():
    escaped = md_escape(EVIL)
    assert escaped == ("\\<script\\>window\\.\\_\\_pwned\\=1\\</script\\> \\[link\\]\\(javascript\\:alert\\(1\\)\\) "
                       "\\!\\[x\\]\\(http\\://e/x\\.png\\) \\<img src\\=x onerror\\=alert\\(1\\)\\>")
    assert md_escape("a\n\n# heading\n- item") == "a \\# heading \\- item"


def test_highlight_html_escapes_everything_and_splits_overlaps():
    text = "A <i>x</i> B"
    out = highlight_html(text, [(0, 6, "red", "1"), (2, 12, "green", "<2>")])
    assert "<i>" not in out and "&lt;i&gt;" in out
    assert out.count("<mark") == 3  # [0,2) by 1, [2,6) by both, [6,12) by 2
    assert 'title="claim 1, claim &lt;2&gt;"' in out
    assert "<sup><b>1</b></sup>" in out and "<sup><b>&lt;2&gt;</b></sup>" in out
    assert "<script" not in highlight_html(EVIL, [])


def test_passage_html_marks_only_the_quote():
    out = passage_html("Before <i>. The quote. After", 12, 22)
    assert ">The quote.</mark>" in out and "&lt;i&gt;" in out and "<sup>" not in out


@pytest.mark.parametrize("name, expected", [
    ("../../etc/passwd.txt", "passwd.txt"),
    ("..\\..\\windows\\evil.md", "evil.md"),
    ("/abs/path/report.PDF", "report.pdf"),
    (".hidden.txt", "hidden.txt"),
    ("a b;$(rm -rf).html", "a_b_rm_-rf.html"),
    ("Báo cáo tháng 1.txt", "Báo_cáo_tháng_1.txt"),
    ("....txt", "upload.txt"),
])
def test_sanitize_filename(name, expected):
    assert sanitize_filename(name) == expected


@pytest.mark.parametrize("name", ["evil.exe", "noext", "page.html.sh", "x.txt/"])
def test_sanitize_filename_refuses_other_types(name):
    with pytest.raises(InputError, match="unsupported type"):
        sanitize_filename(name)


def test_save_upload_stays_in_its_folder_and_enforces_the_size_limit(tmp_path):
    folder = tmp_path / "uploads"
    path = save_upload("../../outside.txt", b"hello", folder)
    assert path == (folder / "outside.txt").resolve() and path.read_bytes() == b"hello"
    assert not (tmp_path / "outside.txt").exists()
    with pytest.raises(InputError, match="limit is 1 MB"):
        save_upload("big.txt", b"x" * (2**20 + 1), folder, max_mb=1)
    with pytest.raises(InputError, match="empty"):
        save_upload("empty.txt", b"", folder)


def test_safe_url_only_plain_http_links():
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", "data:text/html,<b>", "https://x/a) [y](javascript:z", "ftp://x", None, ""):
        assert safe_url(bad) is None


def test_claim_review_follows_schema_org():
    review = claim_review(_result("Russia ranks 13th of 83."), appearance_url="https://news.example/a",
                          claim_published="2025-01-02", review_url="https://checks.example/1", date_published="2026-01-03")
    assert review == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": "Russia ranks 13th of 83.",
        "datePublished": "2026-01-03",
        "author": {"@type": "Organization", "name": "factcheck (automated check)"},
        "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
                         "alternateName": "False: the sources contradict the claim"},
        "itemReviewed": {"@type": "Claim", "inLanguage": "en", "datePublished": "2025-01-02",
                         "appearance": [{"@type": "CreativeWork", "url": "https://news.example/a", "datePublished": "2025-01-02"}],
                         "firstAppearance": {"@type": "CreativeWork", "url": "https://news.example/a", "datePublished": "2025-01-02"}},
        "url": "https://checks.example/1",
        "reviewBody": "Because Russia ranks 13th of 83.",
        "citation": [{"@type": "CreativeWork", "name": "A source", "text": "The quote here.", "url": "https://example.org/a",
                      "publisher": {"@type": "Organization", "name": "Pub"}, "datePublished": "2025-01-01"}],
    }


def test_claim_review_ratings_and_optional_parts():
    ratings = {v: claim_review(_result("c", v))["reviewRating"]["ratingValue"] for v in Label}
    assert ratings == {Label.SUPPORTED: 5, Label.REFUTED: 1, Label.CONFLICTING: 3, Label.NOT_ENOUGH_INFO: 3}
    review = claim_review(_result("c", url=None))
    assert "url" not in review and "appearance" not in review["itemReviewed"] and "url" not in review["citation"][0]
    reviews = json.loads(to_claim_review_jsonld(_report("A claim.")))
    assert [r["claimReviewed"] for r in reviews] == ["A claim."]


def test_json_round_trips_and_markdown_is_escaped():
    report = _report("Claim with [a link](javascript:x) and <b>tags</b>.")
    assert CheckReport.model_validate_json(to_json(report)) == report
    md = to_markdown(report)
    assert "## 1. Refuted (80%)" in md
    assert "claim 13th of 83 · source 31st of 83: conflict ranks differ" in md
    # a figure no source states gets its own line, unless it was compared (13th, conflicting) above
    assert "claim 2030 · lines up with no figure of the sources read" in md
    assert "13th of 83 · lines up" not in md
    assert "](javascript" not in md and "<b>" not in md and "<script>" not in md
    assert "\\[a link\\]\\(javascript\\:x\\)" in md and "## Not checkable" in md
