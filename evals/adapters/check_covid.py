"""Check-COVID dev (composed + extracted claims): the corpus is its 347 abstracts; gold quotes are the evidence sentences."""

from __future__ import annotations

import json
from pathlib import Path

LABELS = {"SUPPORT": "SUPPORTED", "REFUTE": "REFUTED", "NOTENOUGHINFO": "NOT_ENOUGH_INFO"}
DEV_FILE = "dev/covidCheck_dev_composed+extracted.json"


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def build(root: Path) -> tuple[list[dict], list[dict]]:
    """(claims, corpus) rows. An abstract's text is its sentences joined by spaces.

    NOT_ENOUGH_INFO claims get no gold quotes: their evidence_set names sentences that fail to
    settle the claim, which a citation need not point at.
    """
    base = root / "check_covid"
    abstracts = {row["cord_id"]: row for row in _jsonl(base / "corpus.json")}
    corpus = [
        {"doc_id": cid, "title": row["title"], "text": " ".join(s.strip() for s in row["abstract"]), "lang": "en"}
        for cid, row in abstracts.items()
    ]
    claims = []
    for row in _jsonl(base / DEV_FILE):
        label = LABELS[row["label"]]
        sentences = abstracts[row["cord_id"]]["abstract"]
        evidence = [] if label == "NOT_ENOUGH_INFO" else [sentences[e["sent_index"]].strip() for e in row["evidence_set"]]
        claims.append({
            "id": f"check-covid-{row['id']}",
            "claim": row["claim"].strip(),
            "label": label,
            "lang": "en",
            "evidence": evidence,
            # doc_id: the abstract the dataset pairs the claim with (`factcheck eval check_covid --closed`)
            "meta": {"cord_id": row["cord_id"], "doc_id": row["cord_id"], "extracted": bool(row["is_auth"])},
        })
    return claims, corpus
