"""The hand-written seed dev set: shape, balance, and gold quotes that are exact substrings of the seed article."""

import json
from collections import Counter
from pathlib import Path

import pytest

from factcheck.evaluate.data import load_claims

ROOT = Path(__file__).resolve().parents[1]
SEED_DEV = ROOT / "evals" / "seed_dev.jsonl"


def _seed_text() -> str:
    from factcheck.evaluate.data import read_corpus

    docs = read_corpus(ROOT / "seeds")
    assert len(docs) == 1, [d.doc_id for d in docs]
    return docs[0].text


@pytest.fixture(scope="module")
def claims():
    return load_claims(SEED_DEV)


def test_seed_dev_has_enough_claims_of_every_kind(claims):
    assert len(claims) >= 80
    labels = Counter(c.label.value for c in claims)
    assert labels["SUPPORTED"] >= 25 and labels["REFUTED"] >= 25 and labels["NOT_ENOUGH_INFO"] >= 15
    langs = Counter(c.lang for c in claims)
    assert set(langs) == {"en", "vi", "ru", "zh"} and langs["vi"] >= 25


def test_every_gold_quote_is_in_the_seed_article(claims):
    text = _seed_text()
    for c in claims:
        for quote in c.evidence:
            assert quote in text, (c.id, quote)


def test_supported_and_refuted_claims_cite_gold_quotes(claims):
    for c in claims:
        if c.label.value in ("SUPPORTED", "REFUTED"):
            assert c.evidence, c.id


def test_lang_field_matches_the_claim_script(claims):
    from factcheck.lang import detect_lang

    for c in claims:
        assert detect_lang(c.claim) == c.lang, (c.id, c.claim)


def test_claims_are_distinct():
    rows = [json.loads(line) for line in SEED_DEV.read_text(encoding="utf-8").splitlines()]
    texts = [r["claim"] for r in rows]
    assert len(set(texts)) == len(texts)
