"""Language-centred dense search: a multilingual embedder's same-language bias does not hide evidence."""

import numpy as np

from factcheck.embed.base import Embedder
from factcheck.retrieve.hybrid import HybridRetriever
from factcheck.schema import Passage
from factcheck.store.chroma_store import ChromaStore
from factcheck.verify.evidence import candidate_quotes

TOPICS = ["harbour", "election", "wheat", "vaccine", "railway", "tariff"]
LANGS = {"en": 0, "vi": 1, "ru": 2}


class LangBiasedEmbedder(Embedder):
    """A topic direction plus a strong language direction: like a real multilingual model, only exaggerated.

    Text "vi:wheat" is about wheat in Vietnamese; the language part (0.8) outweighs the topic part (0.6).
    """

    name = "lang-biased-test"
    dim = len(TOPICS) + len(LANGS)

    def _embed(self, texts, *, kind):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            lang, topic = t.split(":", 1)
            out[i, LANGS[lang]] = 0.8
            out[i, len(LANGS) + TOPICS.index(topic.strip().split()[0])] = 0.6
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def _passages(items):
    return [Passage(id=f"p{i}", doc_id=f"d{i}", text=f"{lang}:{topic}", start=0, end=1, lang=lang)
            for i, (lang, topic) in enumerate(items)]


def test_a_claim_finds_its_evidence_in_another_language_of_a_mixed_store(tmp_path):
    store = ChromaStore(LangBiasedEmbedder(), store_dir=tmp_path / "s")
    items = [("en", t) for t in TOPICS if t != "wheat"] + [("vi", t) for t in TOPICS]
    store.upsert_passages(_passages(items))
    raw = store._query(store.embedder.embed_queries(["en:wheat"])[0].tolist(), 3, None)
    assert "vi:wheat" not in [p.text for p in raw]  # the bias: English passages on other topics come first
    nearest, centred = store.dense_rankings("en:wheat", 3)
    assert "vi:wheat" not in [p.text for p in nearest] and centred[0].text == "vi:wheat"  # (ties: order varies)
    assert "vi:wheat" in [p.text for p in HybridRetriever(store).retrieve("en:wheat", 3)]
    assert set(store.language_centroids()) == {"en", "vi"}
    assert (tmp_path / "s" / "factcheck-factcheck-centroids.npz").is_file()


def test_each_language_offers_its_nearest_passage_beside_the_fused_top_k(tmp_path):
    store = ChromaStore(LangBiasedEmbedder(), store_dir=tmp_path / "s")
    items = [("en", t) for t in TOPICS if t != "wheat"] + [("vi", t) for t in TOPICS] + [("ru", t) for t in TOPICS]
    store.upsert_passages(_passages(items))
    got = HybridRetriever(store).retrieve("en:wheat", 1)
    texts = [p.text for p in got]
    assert {"vi:wheat", "ru:wheat"} <= set(texts) and len(texts) == len(set(texts)) <= 4
    extra = [p for p in got[1:] if p.meta.get("language_best")]
    assert extra and all(p.score == 0.0 for p in extra)
    assert len(HybridRetriever(store, language_bests=0).retrieve("en:wheat", 1)) == 1
    # One language: nothing is added.
    one = ChromaStore(LangBiasedEmbedder(), store_dir=tmp_path / "one")
    one.upsert_passages(_passages([("en", t) for t in TOPICS]))
    assert len(HybridRetriever(one).retrieve("en:wheat", 2)) == 2


def test_a_language_with_one_passage_is_not_centred_away(tmp_path):
    store = ChromaStore(LangBiasedEmbedder(), store_dir=tmp_path / "s")
    items = [("vi", t) for t in TOPICS if t != "wheat" for _ in range(5)] + [("en", "wheat")]
    store.upsert_passages(_passages(items))
    # The English mean is that one passage, so its centred score against any English query is 0 (no better
    # than unrelated Vietnamese passages): the plain ranking, fused with the centred one, keeps it first.
    assert HybridRetriever(store).retrieve("en:wheat", 1)[0].text == "en:wheat"


def test_one_language_stores_rank_as_before_and_centroids_follow_writes(tmp_path):
    store = ChromaStore(LangBiasedEmbedder(), store_dir=tmp_path / "s")
    store.upsert_passages(_passages([("en", t) for t in TOPICS]))
    assert set(store.language_centroids()) == {"en"}
    vec = store.embedder.embed_queries(["en:tariff"])[0].tolist()
    nearest, centred = store.dense_rankings("en:tariff", 4)
    assert nearest[0].id == store._query(vec, 4, None)[0].id and nearest[0].text == "en:tariff" and centred == []
    store.upsert_passages([Passage(id="x", doc_id="x", text="vi:tariff", start=0, end=1, lang="vi")])
    assert set(store.language_centroids()) == {"en", "vi"}  # the version moved: recomputed
    store.upsert_passages([Passage(id="y", doc_id="y", text="en:wheat", start=0, end=1)])  # no language recorded
    assert set(store.language_centroids()) == {"en", "vi", ""}
    hits = store.dense_rankings("en:wheat", 3)[1]
    assert len(hits) == 3 and {p.id for p in hits[:2]} == {"p2", "y"} and len({p.id for p in hits}) == 3


def test_every_retrieved_passage_offers_its_best_sentence_before_a_second_from_another():
    first = Passage(id="a", doc_id="a", lang="en", start=0, end=10,
                    text="The port handled cargo. The port grew. The port hired staff. The port closed early.")
    other = Passage(id="b", doc_id="b", lang="vi", start=0, end=10, text="Cảng đóng cửa sớm. Trời mưa.")
    quotes = candidate_quotes("The port closed early", [first, other], limit=3)
    assert [q.passage.id for q in quotes].count("b") == 1
    assert quotes[0].quote == "The port closed early."


def test_a_passage_added_for_its_language_brings_its_own_quote():
    from factcheck.schema import Claim
    from factcheck.verify.base import PairScorer
    from factcheck.verify.verifier import Verifier

    class Flat(PairScorer):
        name = "flat"

        def score(self, pairs):
            return np.tile(np.array([0.2, 0.6, 0.2], np.float32), (len(pairs), 1))

    text = "One. Two. Three. Four."
    top = [Passage(id=f"p{i}", doc_id=f"d{i}", text=text, start=0, end=len(text), lang="en") for i in range(2)]
    added = Passage(id="x", doc_id="x", text="Một. Hai.", start=0, end=9, lang="vi", meta={"language_best": True})
    verifier = Verifier(Flat(), max_quotes=4)
    claim = Claim(text="Two.", lang="en")
    assert len(verifier.score(claim, top).cands) == 4
    cands = verifier.score(claim, top + [added]).cands
    assert len(cands) == 5 and [c.passage.id for c in cands].count("x") == 1


def test_a_passage_in_another_language_offers_its_best_sentence_with_its_neighbours():
    text = "Trời mưa cả ngày. Năm 2020 cảng đóng cửa sớm. Nhân viên về nhà. Tàu chờ ngoài khơi."
    other = Passage(id="b", doc_id="b", lang="vi", start=100, end=100 + len(text), text=text)
    same = Passage(id="a", doc_id="a", lang="en", start=0, end=40, text="The port grew. In 2020 the port closed.")
    claim = "In 2020 the port closed early"
    plain = candidate_quotes(claim, [same, other], limit=4, claim_lang="en")
    assert [q.quote for q in plain if q.passage.id == "b"][0] == "Năm 2020 cảng đóng cửa sớm."
    wide = candidate_quotes(claim, [same, other], limit=4, claim_lang="en", cross_window=1)
    first_b = [q for q in wide if q.passage.id == "b"][0]
    assert first_b.quote == "Trời mưa cả ngày. Năm 2020 cảng đóng cửa sớm. Nhân viên về nhà."
    assert text[first_b.start - 100:first_b.end - 100] == first_b.quote  # offsets in the document stay exact
    assert [q.quote for q in wide if q.passage.id == "a"] == [q.quote for q in plain if q.passage.id == "a"]
    # Without the claim's language nothing is widened.
    assert [q.quote for q in candidate_quotes(claim, [same, other], limit=4, cross_window=1)] == \
        [q.quote for q in plain]
    # With window_sentence the sentence the window was taken around is read alone too, right after the firsts,
    # and on top of the limit; a passage in the claim's language offers nothing more.
    both = candidate_quotes(claim, [same, other], limit=4, claim_lang="en", cross_window=1, window_sentence=True)
    assert len(both) == 5 and both[:2] == wide[:2]
    assert both[2].quote == "Năm 2020 cảng đóng cửa sớm." and text[both[2].start - 100:both[2].end - 100] == both[2].quote
    assert [q.quote for q in both[3:]] == [q.quote for q in wide[2:4]]


def test_a_large_language_is_centred_on_a_sample_spread_over_its_passages(tmp_path, monkeypatch):
    import factcheck.store.chroma_store as chroma_store

    monkeypatch.setattr(chroma_store, "CENTROID_SAMPLE", 8)
    monkeypatch.setattr(chroma_store, "CENTROID_READS", 4)
    store = ChromaStore(LangBiasedEmbedder(), store_dir=tmp_path / "s")
    # One Vietnamese passage; English: 30 passages on wheat ingested first, then 30 on the harbour.
    store.upsert_passages([Passage(id="v", doc_id="v", text="vi:wheat", start=0, end=1, lang="vi")])
    first = [Passage(id=f"w{i}", doc_id=f"w{i}", text="en:wheat", start=0, end=1, lang="en") for i in range(30)]
    later = [Passage(id=f"h{i}", doc_id=f"h{i}", text="en:harbour", start=0, end=1, lang="en") for i in range(30)]
    store.upsert_passages(first)
    store.upsert_passages(later)
    cent = store.language_centroids()["en"]
    wheat, harbour = cent[len(LANGS) + TOPICS.index("wheat")], cent[len(LANGS) + TOPICS.index("harbour")]
    # The first 8 English passages are all about wheat; the spread sample holds both topics.
    assert wheat > 0.1 and harbour > 0.1
    assert store._language_sample("vi") and len(store._language_sample("en")) == 8
