"""Export a CheckReport as JSON, Markdown, or schema.org ClaimReview JSON-LD."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone

from .schema import CheckReport, Citation, ClaimResult, Figure, Label

DEFAULT_AUTHOR = "factcheck (automated check)"
# How a report shows a claim figure no source's figure agrees with (ClaimResult.unmatched_figures).
UNMATCHED = "lines up with no figure of the sources read"

VERDICT_NAMES = {
    Label.SUPPORTED: "Supported",
    Label.REFUTED: "Refuted",
    Label.CONFLICTING: "Conflicting",
    Label.NOT_ENOUGH_INFO: "Not enough info",
}

# ClaimReview ratings on a 1-5 scale: 1 = false, 5 = true. A verdict that neither supports nor refutes
# sits at the midpoint; its alternateName (the textual rating publishers show) tells which it is.
RATINGS = {
    Label.REFUTED: (1, "False: the sources contradict the claim"),
    Label.CONFLICTING: (3, "Conflicting: the sources disagree"),
    Label.NOT_ENOUGH_INFO: (3, "Unproven: not enough information in the sources"),
    Label.SUPPORTED: (5, "True: the sources support the claim"),
}

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&=])")


def md_escape(text: str) -> str:
    """Text that Markdown renders literally: no links, images, HTML, emphasis or directives; one line."""
    flat = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", flat)


def to_json(report: CheckReport) -> str:
    """The report as pretty JSON (the pydantic model, round-trips with CheckReport.model_validate_json)."""
    return report.model_dump_json(indent=2)


def to_markdown(report: CheckReport) -> str:
    """A readable Markdown summary; every piece of document or user text is escaped."""
    lines = ["# Fact-check report", "", f"Checked {report.created or 'now'}; language: {report.lang or '?'}; "
             f"{len(report.results)} claims checked, {len(report.not_checkable)} sentences not checkable.", ""]
    for i, res in enumerate(report.results, start=1):
        lines += _result_markdown(i, res)
    if report.not_checkable:
        lines += ["## Not checkable", ""]
        lines += [f"- {md_escape(c.text)} ({md_escape(c.reason) or 'no reason given'}; "
                  f"check-worthiness {c.checkworthiness:.2f})" for c in report.not_checkable]
        lines.append("")
    return "\n".join(lines)


def _result_markdown(i: int, res: ClaimResult) -> list[str]:
    lines = [f"## {i}. {VERDICT_NAMES[res.verdict]} ({res.confidence:.0%})", "", f"**Claim:** {md_escape(res.claim.text)}", ""]
    if res.explanation:
        lines += [f"**Why:** {md_escape(res.explanation)}", ""]
    for fc in res.figures:
        lines.append(f"- Figure: claim {md_escape(fc.claim.normalized or fc.claim.text)} · source "
                     f"{md_escape(fc.evidence.normalized or fc.evidence.text)}: {fc.status} {md_escape(fc.reason)}")
    lines += [f"- Figure: claim {md_escape(f.normalized or f.text)} · {UNMATCHED}" for f in uncompared_unmatched(res)]
    for c in res.citations:
        lines.append(f"- Source: {md_escape(source_line(c))}; quote: “{md_escape(c.quote)}” "
                     f"(characters {c.start}-{c.end}, {VERDICT_NAMES[c.stance].lower()})")
    return lines + [""]


def uncompared_unmatched(res: ClaimResult) -> list[Figure]:
    """The claim's unmatched figures that the first quote's comparisons (`res.figures`) do not already show."""
    compared = {(fc.claim.start, fc.claim.end) for fc in res.figures}
    return [f for f in res.unmatched_figures if (f.start, f.end) not in compared]


def source_line(c: Citation) -> str:
    """'Title — publisher, date, url' with the parts that are known."""
    parts = [p for p in (c.publisher, c.published, c.url) if p]
    return f"{c.title or c.doc_id} — {', '.join(parts)}" if parts else (c.title or c.doc_id)


def claim_review(result: ClaimResult, *, appearance_url: str | None = None, claim_published: str | None = None,
                 claim_author: str | None = None, author: str = DEFAULT_AUTHOR, review_url: str | None = None,
                 date_published: str | None = None) -> dict:
    """One schema.org ClaimReview object for a checked claim.

    `appearance_url`/`claim_published`/`claim_author` describe where the claim was read (the one known
    appearance, so also its first known one); `review_url` is where this review is published, if anywhere.
    """
    rating, name = RATINGS[result.verdict]
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": result.claim.text,
        "datePublished": date_published or datetime.now(timezone.utc).date().isoformat(),
        "author": {"@type": "Organization", "name": author},
        "reviewRating": {"@type": "Rating", "ratingValue": rating, "bestRating": 5, "worstRating": 1,
                         "alternateName": name},
        "itemReviewed": _claim_item(result, appearance_url, claim_published, claim_author),
    }
    if review_url:
        review["url"] = review_url
    if result.explanation:
        review["reviewBody"] = result.explanation
    if result.citations:
        review["citation"] = [_citation_item(c) for c in result.citations]
    return review


def _claim_item(result: ClaimResult, url: str | None, published: str | None, author: str | None) -> dict:
    item: dict = {"@type": "Claim"}
    if result.claim.lang:
        item["inLanguage"] = result.claim.lang
    if published:
        item["datePublished"] = published
    if author:
        item["author"] = {"@type": "Organization", "name": author}
    if url:
        appearance = {"@type": "CreativeWork", "url": url}
        if published:
            appearance["datePublished"] = published
        item["appearance"] = [appearance]
        item["firstAppearance"] = appearance
    return item


def _citation_item(c: Citation) -> dict:
    item = {"@type": "CreativeWork", "name": c.title or c.doc_id, "text": c.quote}
    if c.url:
        item["url"] = c.url
    if c.publisher:
        item["publisher"] = {"@type": "Organization", "name": c.publisher}
    if c.published:
        item["datePublished"] = c.published
    return item


def to_claim_review_jsonld(report: CheckReport, **kwargs) -> str:
    """A JSON-LD array with one ClaimReview per checked claim (keyword arguments as in `claim_review`)."""
    reviews = [claim_review(r, **kwargs) for r in report.results]
    return json.dumps(reviews, ensure_ascii=False, indent=2)
