"""Dataset adapters on tiny hand-made copies of each format, and on the real sets when they are present."""

import json
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evals/ is not an installed package
from evals.adapters import build, datasets_root  # noqa: E402
from factcheck.evaluate.data import load_claims, locate_gold_spans, read_corpus

REAL = Path(os.environ.get("FACTCHECK_DATASETS") or Path(__file__).resolve().parents[2] / "shared" / "datasets")


def _jsonl(path: Path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def _read(path: Path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_check_covid(tmp_path):
    root = tmp_path / "data"
    _jsonl(root / "check_covid" / "corpus.json", [{"cord_id": "a1", "title": "T", "abstract": ["First one.", "Second one. "]}])
    _jsonl(root / "check_covid" / "dev" / "covidCheck_dev_composed+extracted.json", [
        {"id": "x_0", "claim": "C one ", "cord_id": "a1", "label": "REFUTE", "evidence_set": [{"sent_index": 1, "type": "PRIMARY"}], "is_auth": True},
        {"id": "x_1", "claim": "C two", "cord_id": "a1", "label": "NOTENOUGHINFO", "evidence_set": [{"sent_index": 0, "type": "PRIMARY"}], "is_auth": False},
    ])
    claims_path, corpus_path = build("check_covid", tmp_path / "out", root)
    assert _read(corpus_path) == [{"doc_id": "a1", "title": "T", "text": "First one. Second one.", "lang": "en"}]
    assert _read(claims_path) == [
        {"id": "check-covid-x_0", "claim": "C one", "label": "REFUTED", "lang": "en", "evidence": ["Second one."],
         "meta": {"cord_id": "a1", "doc_id": "a1", "extracted": True}},
        {"id": "check-covid-x_1", "claim": "C two", "label": "NOT_ENOUGH_INFO", "lang": "en", "evidence": [],
         "meta": {"cord_id": "a1", "doc_id": "a1", "extracted": False}},
    ]


def test_climate_fever_groups_sentences_by_article_and_maps_disputed(tmp_path):
    def ev(article, i, label, text):
        return {"evidence_id": f"{article}:{i}", "evidence_label": label, "article": article, "evidence": text}

    root = tmp_path / "data"
    _jsonl(root / "climate_fever" / "climate-fever.jsonl", [
        {"claim_id": "7", "claim": "Ice melts.", "claim_label": "DISPUTED",
         "evidences": [ev("Ice: A", 9, "SUPPORTS", "Late."), ev("Ice: A", 2, "REFUTES", "Early."), ev("Sun", 1, "NOT_ENOUGH_INFO", "Hot.")]},
        {"claim_id": "8", "claim": "Sun is cold.", "claim_label": "NOT_ENOUGH_INFO", "evidences": [ev("Sun", 1, "REFUTES", "Hot.")]},
    ])
    claims_path, corpus_path = build("climate_fever", tmp_path / "out", root)
    corpus = _read(corpus_path)
    assert [(d["doc_id"], d["text"]) for d in corpus] == [("wiki:Ice: A", "Early.\nLate."), ("wiki:Sun", "Hot.")]
    assert corpus[0]["url"] == "https://en.wikipedia.org/wiki/Ice%3A_A"
    claims = _read(claims_path)
    assert [(c["label"], c["evidence"]) for c in claims] == [("CONFLICTING", ["Late.", "Early."]), ("NOT_ENOUGH_INFO", [])]
    # --closed reads each claim's evidence articles, whatever their stance
    assert [c["meta"]["doc_ids"] for c in claims] == [["wiki:Ice: A", "wiki:Sun"], ["wiki:Sun"]]


def test_averitec_keeps_source_urls_and_drops_unanswerable(tmp_path):
    root = tmp_path / "data"
    (root / "averitec").mkdir(parents=True)
    url = "https://web.archive.org/web/2020/https://news.example.org/story"
    data = [{"claim": "X  said Y.", "label": "Conflicting Evidence/Cherrypicking", "claim_date": "1-1-2020", "speaker": "X",
             "questions": [
                 {"question": "Did X say Y", "answers": [
                     {"answer": "Yes", "answer_type": "Boolean", "source_url": url, "boolean_explanation": "In a speech."},
                     {"answer": "No answer could be found.", "answer_type": "Unanswerable", "source_url": ""}]},
                 {"question": "When?", "answers": [{"answer": "In 2019", "answer_type": "Abstractive", "source_url": "Metadata"}]},
             ]}]
    (root / "averitec" / "dev.json").write_text(json.dumps(data))
    claims_path, corpus_path = build("averitec", tmp_path / "out", root)
    corpus = _read(corpus_path)
    assert [(d["text"], d.get("url"), d["title"]) for d in corpus] == [
        ("Did X say Y? Yes. In a speech.", url, "news.example.org/story"),
        ("When? In 2019", None, "AVeriTeC claim 0 metadata"),
    ]
    (claim,) = _read(claims_path)
    assert (claim["claim"], claim["label"], claim["evidence"]) == ("X said Y.", "CONFLICTING", ["Did X say Y? Yes. In a speech.", "When? In 2019"])
    assert claim["meta"]["doc_ids"] == [d["doc_id"] for d in corpus]  # its answers' sources, for --closed


def test_unknown_dataset_and_missing_root(tmp_path):
    with pytest.raises(KeyError, match="check_covid"):
        build("fever", tmp_path, tmp_path)
    with pytest.raises(FileNotFoundError, match="FACTCHECK_DATASETS"):
        datasets_root(tmp_path / "absent")


@pytest.mark.skipif(not REAL.is_dir(), reason="public datasets not present")
@pytest.mark.parametrize("name, n_claims, n_docs", [("check_covid", 207, 347), ("climate_fever", 1028, 1035), ("averitec", 500, None)])
def test_real_datasets_convert_and_every_gold_quote_is_found(tmp_path, name, n_claims, n_docs):
    claims_path, corpus_path = build(name, tmp_path, REAL)
    claims, docs = load_claims(claims_path), read_corpus(corpus_path)
    assert len(claims) == n_claims and (n_docs is None or len(docs) == n_docs)
    spans, missing = locate_gold_spans(claims, docs)
    assert missing == []
    assert all(spans[c.id] for c in claims if c.label.value != "NOT_ENOUGH_INFO")
