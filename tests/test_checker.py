"""End to end through the public API, and the JSON shape of results."""

import json

import pytest

from factcheck import FactChecker, Label
from factcheck.errors import InputError

CLAIM_EN = "Russia ranks 31st out of 83 countries in the Tortoise Global AI Index."
CLAIM_VI = "Nga xếp thứ 31 trong số 83 quốc gia về AI"


@pytest.mark.parametrize("claim", [CLAIM_EN, CLAIM_VI])
def test_check_claim_cites_the_exact_quote_at_its_offsets(seed_checker, seed_text, claim):
    r = seed_checker.check_claim(claim)
    assert r.verdict in set(Label)
    assert 0.0 <= r.confidence <= 1.0
    c = r.citations[0]
    assert seed_text[c.start:c.end] == c.quote
    assert seed_text[c.passage_start:c.passage_end] == c.passage
    assert c.quote in c.passage
    assert "thứ 31 trong số 83" in c.quote
    assert c.title.startswith("Ông Putin")


def test_result_json_shape(seed_checker):
    data = json.loads(seed_checker.check_claim(CLAIM_EN).model_dump_json())
    assert set(data) >= {"claim", "verdict", "confidence", "citations", "probs", "explanation", "figures", "latency_ms"}
    assert set(data["citations"][0]) >= {"doc_id", "title", "passage", "quote", "start", "end", "passage_start", "passage_end"}
    assert data["verdict"] in {"SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO", "CONFLICTING"}
    assert set(data["probs"]) == {"entailment", "neutral", "contradiction"}


def test_a_result_lists_what_was_retrieved_and_read(seed_checker, seed_text):
    r = seed_checker.check_claim(CLAIM_VI)
    refs = {(q.doc_id, q.start, q.end) for q in r.quotes_read}
    assert len(r.retrieved) >= 1 and len(r.quotes_read) >= len(r.citations)
    assert all((c.doc_id, c.start, c.end) in refs for c in r.citations)  # every citation was a quote read
    # Each quote read lies inside a retrieved passage of its document.
    assert all(any(p.doc_id == q.doc_id and p.start <= q.start and q.end <= p.end for p in r.retrieved)
               for q in r.quotes_read)
    assert any("thứ 31 trong số 83" in seed_text[q.start:q.end] for q in r.quotes_read)


@pytest.mark.parametrize("bad", ["", "   \n\t"])
def test_empty_claims_are_refused(seed_checker, bad):
    with pytest.raises(InputError, match="empty"):
        seed_checker.check_claim(bad)


def test_an_empty_corpus_says_to_ingest(tmp_path):
    with pytest.raises(InputError, match="ingest"):
        FactChecker(tmp_path / "empty").check_claim(CLAIM_EN)
