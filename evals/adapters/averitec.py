"""AVeriTeC dev: the corpus is the question-answer evidence, one document per source URL (kept as its url)."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

from factcheck.schema import content_hash

LABELS = {
    "Supported": "SUPPORTED",
    "Refuted": "REFUTED",
    "Not Enough Evidence": "NOT_ENOUGH_INFO",
    "Conflicting Evidence/Cherrypicking": "CONFLICTING",
}


def qa_text(question: str, answer: dict) -> str:
    """One evidence line: the question, its answer and, for yes/no answers, the explanation."""
    q = " ".join(question.split())
    if q and q[-1] not in "?.!":
        q += "?"
    parts = [q, " ".join(answer["answer"].split())]
    explanation = " ".join((answer.get("boolean_explanation") or "").split())
    if explanation:
        parts[-1] = parts[-1].rstrip(".") + "."
        parts.append(explanation)
    return " ".join(p for p in parts if p)


def _source_key(claim_index: int, answer: dict) -> tuple[str, str | None]:
    url = (answer.get("source_url") or "").strip()
    if url.startswith(("http://", "https://")):
        return url, url
    return f"claim-{claim_index}-{url.lower() or 'nourl'}", None  # "Metadata" answers: one document per claim


def build(root: Path) -> tuple[list[dict], list[dict]]:
    """(claims, corpus) rows. Unanswerable answers are dropped; NOT_ENOUGH_INFO claims get no gold quotes."""
    data = json.loads((root / "averitec" / "dev.json").read_text(encoding="utf-8"))
    docs: dict[str, dict] = {}
    lines: dict[str, list[str]] = defaultdict(list)
    claims = []
    for i, row in enumerate(data):
        label = LABELS[row["label"]]
        quotes, sources = [], []
        for q in row.get("questions", []):
            for ans in q.get("answers", []):
                if ans.get("answer_type") == "Unanswerable" or not ans.get("answer", "").strip():
                    continue
                key, url = _source_key(i, ans)
                text = qa_text(q["question"], ans)
                if key not in docs:
                    docs[key] = {"doc_id": "averitec-" + content_hash(key, length=12), "title": _title(url, i), "url": url, "lang": "en"}
                if text not in lines[key]:
                    lines[key].append(text)
                quotes.append(text)
                sources.append(docs[key]["doc_id"])
        claims.append({
            "id": f"averitec-dev-{i}",
            "claim": " ".join(row["claim"].split()),
            "label": label,
            "lang": "en",
            "evidence": [] if label == "NOT_ENOUGH_INFO" else list(dict.fromkeys(quotes)),
            # doc_ids: the sources of its answers (`factcheck eval averitec --closed`)
            "meta": {"claim_date": row.get("claim_date"), "speaker": row.get("speaker"),
                     "doc_ids": list(dict.fromkeys(sources))},
        })
    corpus = [{**{k: v for k, v in doc.items() if v is not None}, "text": "\n".join(lines[key])} for key, doc in docs.items()]
    return claims, corpus


def _title(url: str | None, claim_index: int) -> str:
    if not url:
        return f"AVeriTeC claim {claim_index} metadata"
    parsed = urlparse(url)
    if parsed.netloc == "web.archive.org" and "/http" in parsed.path:
        parsed = urlparse(parsed.path[parsed.path.index("/http") + 1:])
    return parsed.netloc + parsed.path.rstrip("/")
