"""Labelled claims and corpora for evaluation: loading, sampling, hashing and locating gold quotes."""

from __future__ import annotations

import bisect
import json
import random
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from factcheck.errors import InputError
from factcheck.schema import Document, Label, content_hash


class GoldClaim(BaseModel):
    """One labelled claim: its text, gold verdict, language and gold quotes from the corpus."""

    model_config = ConfigDict(extra="forbid")

    id: str
    claim: str
    label: Label
    lang: str | None = None
    evidence: list[str] = Field(default_factory=list)
    meta: dict = Field(default_factory=dict)

    def __repr__(self) -> str:
        return f"GoldClaim({self.id!r}, {self.label.value}, {self.claim[:50]!r})"


def load_claims(path: str | Path) -> list[GoldClaim]:
    """Read a claims .jsonl file; a bad line or a repeated id raises InputError naming the line."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"Claims file not found: {str(path)!r}. Pass a .jsonl file of labelled claims or a dataset name.")
    claims: list[GoldClaim] = []
    seen: set[str] = set()
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            claim = GoldClaim.model_validate(json.loads(line))
        except (ValueError, ValidationError) as exc:
            raise InputError(
                f"{str(path)!r} line {lineno} is not a labelled claim ({_short(exc)}); each line needs "
                f'"id", "claim", "label" (one of {", ".join(label.value for label in Label)}), optional "lang" and "evidence".'
            ) from None
        if claim.id in seen:
            raise InputError(f"{str(path)!r} line {lineno} repeats the claim id {claim.id!r}; ids must be unique.")
        seen.add(claim.id)
        claims.append(claim)
    if not claims:
        raise InputError(f"{str(path)!r} holds no claims; write one JSON object a line.")
    return claims


def _short(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        return f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"
    return str(exc)


def sample_claims(claims: Sequence[GoldClaim], limit: int | None, seed: int = 0) -> list[GoldClaim]:
    """`limit` claims drawn at random with `seed`, kept in file order; all of them when limit is None."""
    if limit is None or limit >= len(claims):
        return list(claims)
    if limit < 1:
        raise InputError(f"--limit must be at least 1, got {limit}.")
    picked = sorted(random.Random(seed).sample(range(len(claims)), limit))
    return [claims[i] for i in picked]


def read_corpus(path: str | Path) -> list[Document]:
    """Documents from a .jsonl corpus, a file or a folder, read by the same loaders as ingestion."""
    from factcheck.ingest.loaders import iter_source_files, load_path

    docs = [doc for file in iter_source_files([path]) for doc in load_path(file)]
    if not docs:
        raise InputError(f"No documents found in {str(path)!r}; pass a folder of .txt/.md/.html/.pdf files or a .jsonl corpus.")
    seen: dict[str, int] = {}
    for doc in docs:  # two files with one stem (a.txt, a.md): keep both, distinguishably
        seen[doc.doc_id] = seen.get(doc.doc_id, 0) + 1
        if seen[doc.doc_id] > 1:
            doc.doc_id = f"{doc.doc_id}-{seen[doc.doc_id]}"
    return docs


def corpus_fingerprint(docs: Sequence[Document]) -> str:
    """A content hash of a corpus: the same documents (in any order) give the same value."""
    parts = sorted(content_hash(d.doc_id, d.title, d.text, d.url or "", d.published or "", d.lang or "") for d in docs)
    return content_hash(*parts)


class QuoteLocator:
    """Finds every occurrence of a quote in a corpus (exact after NFC, else whitespace-insensitive)."""

    _SEP = "\x00"

    def __init__(self, docs: Sequence[Document]):
        self._ids = [d.doc_id for d in docs]
        self._starts: list[int] = []
        pieces, pos = [], 0
        for d in docs:
            self._starts.append(pos)
            pieces.append(d.text)
            pos += len(d.text) + 1
        self._all = self._SEP.join(pieces)

    def find(self, quote: str) -> list[dict]:
        """Spans {"doc_id", "start", "end"} of the quote in document-text offsets; [] when absent."""
        quote = unicodedata.normalize("NFC", quote).strip()
        if not quote:
            return []
        hits = [(m.start(), m.end()) for m in re.finditer(re.escape(quote), self._all)]
        if not hits:
            loose = r"\s+".join(re.escape(w) for w in quote.split())
            hits = [(m.start(), m.end()) for m in re.finditer(loose, self._all)]
        return [self._to_doc(s, e) for s, e in hits if self._SEP not in self._all[s:e]]

    def _to_doc(self, start: int, end: int) -> dict:
        i = bisect.bisect_right(self._starts, start) - 1
        return {"doc_id": self._ids[i], "start": start - self._starts[i], "end": end - self._starts[i]}


def locate_gold_spans(claims: Sequence[GoldClaim], docs: Sequence[Document]) -> tuple[dict[str, list[dict]], list[str]]:
    """Gold spans per claim id, and the "id: quote" of every gold quote found nowhere in the corpus."""
    locator = QuoteLocator(docs)
    spans: dict[str, list[dict]] = {}
    missing: list[str] = []
    for claim in claims:
        spans[claim.id] = []
        for quote in claim.evidence:
            found = locator.find(quote)
            if not found:
                missing.append(f"{claim.id}: {quote[:80]}")
            spans[claim.id].extend(found)
    return spans, missing
