"""Sentence vectors kept beside each passage, so retrieval can rank a passage by its best sentence.

A claim is one sentence; a passage holds several. The passage's own embedding averages them, so the sentence
that decides a claim is blurred by its neighbours. Each stored passage therefore also carries the embeddings of
its sentences in its metadata (float16, base64: Chroma metadata takes only scalars), with their spans in the
passage text, when the setting `FACTCHECK_SENTENCE_VECTORS` is on (off by default: `evals/README.md`, "Session
10"). `factcheck.retrieve.hybrid.HybridRetriever` then reads them to rerank its candidates by their best
sentence, and `factcheck.verify.evidence.candidate_quotes` to pick which sentence to quote.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence

import numpy as np

from ..sentences import split_sentences

VECTORS_KEY = "sent_vec"
SPANS_KEY = "sent_spans"


def sentence_spans(text: str, lang: str | None) -> list[tuple[int, int]]:
    """The sentences of a passage as (start, end) offsets in its text; the whole text when none is found."""
    spans = [(s.start, s.end) for s in split_sentences(text, lang)]
    return spans or [(0, len(text))]


def encode(vectors: np.ndarray, spans: Sequence[tuple[int, int]]) -> dict[str, str]:
    """Metadata entries holding one passage's sentence vectors (rows of `vectors`) and spans."""
    if len(vectors) != len(spans):
        raise ValueError(f"{len(vectors)} vectors for {len(spans)} sentences")
    data = np.ascontiguousarray(vectors, dtype="<f2").tobytes()
    return {VECTORS_KEY: base64.b64encode(data).decode("ascii"),
            SPANS_KEY: ";".join(f"{s}:{e}" for s, e in spans)}


def decode(meta: dict) -> tuple[np.ndarray, list[tuple[int, int]]] | None:
    """(vectors as float32 rows, spans) from a passage's metadata; None when it has none (or they are damaged)."""
    raw, spans_text = meta.get(VECTORS_KEY), meta.get(SPANS_KEY)
    if not raw or not spans_text:
        return None
    try:
        spans = [tuple(int(x) for x in part.split(":")) for part in spans_text.split(";")]
        vecs = np.frombuffer(base64.b64decode(raw, validate=True), dtype="<f2").astype(np.float32)
        if len(spans) == 0 or vecs.size == 0 or vecs.size % len(spans):
            return None
        return vecs.reshape(len(spans), -1), spans
    except (ValueError, TypeError, binascii.Error):
        return None


def sentence_metadata(texts: Sequence[str], langs: Sequence[str | None], embed) -> tuple[list[dict], dict[str, np.ndarray]]:
    """Sentence-vector metadata for each passage text, computed with one call of `embed` (list[str] -> rows).

    Also returns the vector of every passage that is a single sentence, by its text, so the caller can reuse it
    as the passage's own embedding instead of embedding the same text twice.
    """
    all_spans = [sentence_spans(t, lang) for t, lang in zip(texts, langs)]
    sents = [t[s:e] for t, spans in zip(texts, all_spans) for s, e in spans]
    vecs = np.asarray(embed(sents), dtype=np.float32) if sents else np.zeros((0, 0), np.float32)
    metas, whole, i = [], {}, 0
    for t, spans in zip(texts, all_spans):
        block = vecs[i:i + len(spans)]
        i += len(spans)
        metas.append(encode(block, spans))
        if len(spans) == 1 and spans[0] == (0, len(t)):
            whole[t] = block[0]
    return metas, whole
