"""Sentence vectors beside each passage: stored at ingest, read by the retriever's rerank and by quote choice."""

import logging

import numpy as np
import pytest

from factcheck.embed.base import Embedder
from factcheck import FactChecker
from factcheck.evaluate.runner import index_name, store_dir_for
from factcheck.retrieve.hybrid import HybridRetriever
from factcheck.schema import Claim, Document, Passage
from factcheck.settings import Settings
from factcheck.store.chroma_store import ChromaStore
from factcheck.store.sentence_vectors import SPANS_KEY, VECTORS_KEY, decode, encode, sentence_metadata
from factcheck.verify.base import PairScorer
from factcheck.verify.evidence import candidate_quotes
from factcheck.verify.verifier import Verifier

TOPICS = ["wheat", "harbour", "railway", "tariff", "election", "vaccine"]


class TopicEmbedder(Embedder):
    """A text's vector is the normalised count of the topic words it holds; records every text it embeds."""

    name = "topic-test"
    dim = len(TOPICS)

    def __init__(self):
        self.seen: list[str] = []

    def _embed(self, texts, *, kind):
        self.seen.extend(texts)
        out = np.full((len(texts), self.dim), 1e-3, dtype=np.float32)
        for i, t in enumerate(texts):
            for word in t.lower().replace(".", " ").split():
                if word in TOPICS:
                    out[i, TOPICS.index(word)] += 1.0
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def _passage(pid, text, lang="en"):
    return Passage(id=pid, doc_id=f"d-{pid}", text=text, start=0, end=len(text), lang=lang)


def test_sentence_vectors_round_trip_and_refuse_what_does_not_fit():
    vecs = np.random.default_rng(0).normal(size=(3, 8)).astype(np.float32)
    meta = encode(vecs, [(0, 5), (6, 12), (13, 20)])
    assert all(isinstance(v, str) for v in meta.values())  # Chroma metadata holds scalars only
    got, spans = decode(meta)
    assert spans == [(0, 5), (6, 12), (13, 20)] and np.allclose(got, vecs, atol=2e-3)
    assert decode({}) is None and decode({VECTORS_KEY: "!!", SPANS_KEY: "0:1"}) is None
    assert decode({**meta, SPANS_KEY: "0:1;1:2;2:3;3:4;4:5"}) is None  # 24 numbers are not 5 equal rows
    with pytest.raises(ValueError):
        encode(vecs, [(0, 5)])


def test_a_one_sentence_passage_is_embedded_once():
    emb = TopicEmbedder()
    metas, whole = sentence_metadata(["Wheat harbour.", "Wheat. Railway tariff."], ["en", "en"], emb.embed_passages)
    assert emb.seen == ["Wheat harbour.", "Wheat.", "Railway tariff."]
    assert list(whole) == ["Wheat harbour."] and len(decode(metas[1])[0]) == 2


def test_the_store_keeps_sentence_vectors_and_embeds_each_text_once(tmp_path):
    emb = TopicEmbedder()
    store = ChromaStore(emb, store_dir=tmp_path / "s", sentence_vectors=True)
    store.upsert_passages([_passage("a", "Wheat. Harbour. Railway."), _passage("b", "Wheat tariff.")])
    assert sorted(emb.seen) == sorted(["Wheat.", "Harbour.", "Railway.", "Wheat tariff.", "Wheat. Harbour. Railway."])
    got = {p.id: decode(p.meta) for p in store.get_passages(["a", "b"])}
    assert [len(got["a"][0]), len(got["b"][0])] == [3, 1] and got["a"][1][2] == (16, 24)


def test_a_passage_is_ranked_by_its_best_sentence(tmp_path):
    # Passage a averages three topics (cosine 0.58 to "wheat"); b is half wheat (0.71) but a holds a whole sentence
    # on wheat (1.0). Passage-level ranking puts b first; the sentence rerank puts a first.
    store = ChromaStore(TopicEmbedder(), store_dir=tmp_path / "s", sentence_vectors=True)
    store.upsert_passages([_passage("a", "Wheat. Harbour. Railway."), _passage("b", "Wheat tariff."),
                           _passage("c", "Election vaccine.")])
    got = HybridRetriever(store, lexical_weight=0.0, sentence_rerank=True).retrieve("wheat", 2)
    assert [p.id for p in got] == ["a", "b"]
    assert got[0].meta["sentence_scores"][0] == pytest.approx(1.0, abs=1e-2)
    assert got[0].meta["sentence_spans"][0] == (0, 6) and got[0].meta["dense"] == pytest.approx(0.577, abs=1e-2)
    assert not any(k in p.meta for p in got for k in (VECTORS_KEY, SPANS_KEY))  # the encoded blobs stay inside


def test_sentence_quotes_rank_passages_as_before_and_carry_sentence_similarities(tmp_path):
    store = ChromaStore(TopicEmbedder(), store_dir=tmp_path / "s", sentence_vectors=True)
    store.upsert_passages([_passage("a", "Wheat. Harbour. Railway."), _passage("b", "Wheat tariff."),
                           _passage("c", "Election vaccine.")])
    got = HybridRetriever(store, lexical_weight=0.0, sentence_quotes=True).retrieve("wheat", 2)
    assert [p.id for p in got] == ["b", "a"]  # passage-level order, as without sentence vectors
    by_id = {p.id: p for p in got}
    assert by_id["a"].meta["sentence_scores"][0] == pytest.approx(1.0, abs=1e-2)  # for the choice of quote
    assert by_id["a"].meta["dense"] == pytest.approx(0.577, abs=1e-2)
    assert not any(k in p.meta for p in got for k in (VECTORS_KEY, SPANS_KEY))


def test_a_store_without_sentence_vectors_ranks_passages_as_before(tmp_path, caplog):
    emb = TopicEmbedder()
    store = ChromaStore(emb, store_dir=tmp_path / "s", sentence_vectors=True)
    texts = {"a": "Wheat. Harbour. Railway.", "b": "Wheat tariff.", "c": "Election vaccine."}
    # Written as an older version did: passage vectors and fields only.
    store.col.upsert(ids=list(texts), embeddings=emb.embed_passages(list(texts.values())).tolist(),
                     documents=list(texts.values()), metadatas=[{"doc_id": f"d-{k}", "start": 0, "end": len(t),
                                                                 "lang": "en"} for k, t in texts.items()])
    retriever = HybridRetriever(store, lexical_weight=0.0, sentence_rerank=True)
    with caplog.at_level(logging.WARNING, logger="factcheck.retrieve.hybrid"):
        got = retriever.retrieve("wheat", 2)
        retriever.retrieve("wheat", 2)
    assert [p.id for p in got] == ["b", "a"] and "sentence_scores" not in got[0].meta
    assert caplog.text.count("no sentence vectors") == 1  # said once, not per claim


def test_the_first_quote_of_a_passage_is_its_sentence_nearest_the_claim():
    text = "The wheat harvest was late. Exports of grain rose by 40% in 2023 to Egypt."
    p = _passage("a", text).model_copy(update={"meta": {"sentence_scores": [0.91, 0.75],
                                                         "sentence_spans": [(0, 27), (28, len(text))]}})
    claim = "The wheat harvest exports rose by 40%"
    lexical = candidate_quotes(claim, [p], limit=1, by_sentence=False)
    nearest = candidate_quotes(claim, [p], limit=2)
    assert lexical[0].quote.startswith("Exports")  # more shared words
    assert nearest[0].quote == "The wheat harvest was late." and nearest[1].quote.startswith("Exports")
    unknown = p.model_copy(update={"meta": {}})
    assert candidate_quotes(claim, [unknown], limit=1)[0].quote.startswith("Exports")
    # cross-language only: a passage in the claim's language keeps the lexical choice, another language's does not
    same = candidate_quotes(claim, [p], limit=1, claim_lang="en", sentence_cross_only=True)
    assert same[0].quote.startswith("Exports")
    other = candidate_quotes(claim, [p], limit=1, claim_lang="vi", sentence_cross_only=True)
    assert other[0].quote.startswith("The wheat harvest was late.")


def test_off_by_default_no_sentence_vectors_are_written_and_passages_rank_as_before(tmp_path, monkeypatch):
    monkeypatch.delenv("FACTCHECK_SENTENCE_VECTORS", raising=False)
    emb = TopicEmbedder()
    checker = FactChecker(tmp_path / "s", embedder=emb, verifier="similarity")
    assert checker.settings.sentence_vectors is False and checker.store.sentence_vectors is False
    checker.store.upsert_passages([_passage("a", "Wheat. Harbour. Railway."), _passage("b", "Wheat tariff.")])
    assert sorted(emb.seen) == ["Wheat tariff.", "Wheat. Harbour. Railway."]  # no sentence embedded
    assert all(decode(p.meta) is None for p in checker.store.get_passages(["a", "b"]))
    assert checker.retriever.sentence_rerank is False
    monkeypatch.setenv("FACTCHECK_SENTENCE_VECTORS", "1")
    on = FactChecker(tmp_path / "t", embedder=TopicEmbedder(), verifier="similarity")
    assert on.store.sentence_vectors is True and on.retriever.sentence_rerank is True


def test_eval_stores_with_sentence_vectors_are_kept_apart(tmp_path):
    docs = [Document(doc_id="d1", title="t", text="Wheat. Harbour.", source="x")]
    off, on = index_name("e5", Settings()), index_name("e5", Settings(sentence_vectors=True))
    assert off == "e5" and store_dir_for(docs, off, tmp_path) != store_dir_for(docs, on, tmp_path)


class _Neutral(PairScorer):
    name = "neutral"

    def score(self, pairs):
        return np.tile(np.array([0.2, 0.6, 0.2], np.float32), (len(pairs), 1))


def test_the_claim_model_reads_how_near_each_quote_is_when_retrieval_measured_sentences():
    text = "The wheat harvest was late. Exports of grain rose by 40% in 2023."
    measured = _passage("a", text).model_copy(update={"meta": {"dense": 0.5, "sentence_scores": [0.91, 0.75],
                                                                "sentence_spans": [(0, 27), (28, len(text))]}})
    scored = Verifier(_Neutral(), use_figures=False).score(Claim(text="The wheat harvest was late."), [measured])
    assert sorted(zip(scored.dense, (e.quote for e in scored.cands))) == [
        (0.75, "Exports of grain rose by 40% in 2023."), (0.91, "The wheat harvest was late.")]
    plain = measured.model_copy(update={"meta": {"dense": 0.5}})
    assert Verifier(_Neutral(), use_figures=False).score(Claim(text="x"), [plain]).dense == [0.5, 0.5]
