"""Climate-FEVER: the corpus is every evidence sentence, grouped by Wikipedia article; DISPUTED -> CONFLICTING."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

LABELS = {"SUPPORTS": "SUPPORTED", "REFUTES": "REFUTED", "NOT_ENOUGH_INFO": "NOT_ENOUGH_INFO", "DISPUTED": "CONFLICTING"}
# Which evidence sentences are gold quotes for a claim of each label.
GOLD_STANCES = {"SUPPORTED": {"SUPPORTS"}, "REFUTED": {"REFUTES"}, "CONFLICTING": {"SUPPORTS", "REFUTES"}, "NOT_ENOUGH_INFO": set()}


def _sentence_index(evidence_id: str) -> int:
    return int(evidence_id.rsplit(":", 1)[1])


def build(root: Path) -> tuple[list[dict], list[dict]]:
    """(claims, corpus) rows. An article's text is its evidence sentences in article order, one a line."""
    path = root / "climate_fever" / "climate-fever.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles: dict[str, dict[int, str]] = defaultdict(dict)
    for row in rows:
        for ev in row["evidences"]:
            articles[ev["article"]][_sentence_index(ev["evidence_id"])] = ev["evidence"].strip()
    corpus = [
        {
            "doc_id": f"wiki:{title}",
            "title": title,
            "text": "\n".join(sentences[i] for i in sorted(sentences)),
            "url": "https://en.wikipedia.org/wiki/" + quote(title.replace(" ", "_")),
            "lang": "en",
        }
        for title, sentences in sorted(articles.items())
    ]
    claims = []
    for row in rows:
        label = LABELS[row["claim_label"]]
        gold = [ev["evidence"].strip() for ev in row["evidences"] if ev["evidence_label"] in GOLD_STANCES[label]]
        claims.append({
            "id": f"climate-fever-{row['claim_id']}",
            "claim": row["claim"].strip(),
            "label": label,
            "lang": "en",
            "evidence": list(dict.fromkeys(gold)),
            # the articles of its evidence sentences, whatever their stance (`factcheck eval climate_fever --closed`)
            "meta": {"doc_ids": list(dict.fromkeys(f"wiki:{ev['article']}" for ev in row["evidences"]))},
        })
    return claims, corpus
