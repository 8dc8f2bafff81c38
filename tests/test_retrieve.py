"""Hybrid retrieval over the seed: across Vietnamese, English, Russian and Chinese queries."""

import pytest

from factcheck.retrieve.tokenize import lexical_tokens

QUERIES = [
    ("Russia ranks 31st out of 83 countries in the Tortoise Global AI Index.", "xếp thứ 31 trong số 83"),
    ("Nga xếp thứ 31 trong số 83 quốc gia về AI", "xếp thứ 31 trong số 83"),
    ("AI could add more than 11 trillion rubles to Russia's GDP by 2030", "11.000 tỉ rúp"),
    ("German Gref, the CEO of Sberbank, said GPUs are the hardest hardware to replace", "German Gref"),
    ("Россия займет 31-е место из 83 стран в рейтинге ИИ", "xếp thứ 31 trong số 83"),
    ("第16届金砖国家峰会在喀山举行", "lần thứ 16"),
]


@pytest.mark.parametrize("query,expected", QUERIES)
def test_the_right_passage_is_in_the_top_three(seed_checker, query, expected):
    top = seed_checker.retriever.retrieve(query, 3)
    assert any(expected in p.text for p in top), [p.text[:60] for p in top]


def test_results_carry_fused_scores_best_first(seed_checker):
    top = seed_checker.retriever.retrieve("Sberbank AI cooperation with China", 5)
    assert len(top) == 5
    scores = [p.score for p in top]
    assert scores == sorted(scores, reverse=True)
    assert all("dense" in p.meta and "lexical" in p.meta for p in top)


def test_lexical_tokens_keep_numbers_and_language_units():
    assert "11000" in lexical_tokens("hơn 11.000 tỉ rúp")
    assert "quốc_gia" in lexical_tokens("83 quốc gia")
    zh = lexical_tokens("在83个国家中排名第31位")
    assert "83" in zh and "31" in zh and "国家" in zh


def test_a_claim_checked_against_an_unknown_document_is_refused_by_name(seed_checker):
    from factcheck.errors import InputError

    with pytest.raises(InputError, match="Unknown document id\\(s\\) 'nope'"):
        seed_checker.check_claim("Nga xếp thứ 31 trong số 83 quốc gia về AI", doc_ids=["nope"])
    with pytest.raises(InputError, match="No document given"):
        seed_checker.retriever.retrieve("Nga xếp thứ 31", 3, doc_ids=[])


def test_retrieval_within_a_document_ranks_its_passages_as_the_whole_store_does(seed_checker):
    doc = seed_checker.documents()[0].doc_id
    query = "Nga xếp thứ 31 trong số 83 quốc gia về AI"
    within = seed_checker.retriever.retrieve(query, 3, doc_ids=[doc, doc])
    assert [p.doc_id for p in within] == [doc] * 3
    assert "xếp thứ 31 trong số 83" in within[0].text
    assert within[0].meta["dense"] is not None and within[0].meta["lexical"] is not None


def test_bad_k_is_refused(seed_checker):
    with pytest.raises(ValueError, match="k must be greater than 0"):
        seed_checker.retriever.retrieve("x", 0)
