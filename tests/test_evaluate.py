"""The evaluation harness end to end over a tiny corpus, with a deterministic fake checker."""

import argparse
import json
import re

import pytest

from factcheck.errors import InputError
from factcheck.evaluate.compare import compare_runs, verdict_changes
from factcheck.evaluate.data import QuoteLocator, load_claims, locate_gold_spans, read_corpus, sample_claims
from factcheck.evaluate.runner import open_indexed_checker, run_eval, store_dir_for
from factcheck.schema import Citation, Claim, ClaimResult, Document, Label

CORPUS = [
    {"doc_id": "moon", "title": "Moon", "text": "The Moon orbits the Earth. Its orbit takes 27 days.", "lang": "en"},
    {"doc_id": "mars", "title": "Mars", "text": "Mars has two moons.\nPhobos is the larger moon.", "lang": "en"},
    {"doc_id": "trang", "title": "Trăng", "text": "Mặt Trăng quay quanh Trái Đất trong 27 ngày.", "lang": "vi"},
]
CLAIMS = [
    {"id": "c1", "claim": "The Moon orbits the Earth.", "label": "SUPPORTED", "lang": "en", "evidence": ["The Moon orbits the Earth."]},
    {"id": "c2", "claim": "Its orbit takes 30 days.", "label": "REFUTED", "lang": "en", "evidence": ["Its orbit takes 27 days."]},
    {"id": "c3", "claim": "Mars has two moons.", "label": "SUPPORTED", "evidence": ["Mars has two moons."]},
    {"id": "c4", "claim": "Jupiter is a gas giant.", "label": "NOT_ENOUGH_INFO", "lang": "en"},
    {"id": "c5", "claim": "Mặt Trăng quay quanh Trái Đất trong 27 ngày.", "label": "SUPPORTED", "lang": "vi",
     "evidence": ["Mặt Trăng quay quanh Trái Đất trong 27 ngày."]},
    {"id": "c6", "claim": "Phobos is the smaller moon.", "label": "REFUTED", "lang": "en", "evidence": ["Phobos is the larger moon."]},
]
PREDICTION_KEYS = {"id", "claim", "label", "verdict", "confidence", "citations", "latency_ms"}


class FakeChecker:
    """Cites the corpus sentence sharing most words with the claim; SUPPORTED when all words match,
    REFUTED when a figure differs, else NOT_ENOUGH_INFO. `strict` makes it refute nothing."""

    def __init__(self, store_dir, strict=False):
        self.path, self.strict, self.ingest_calls = store_dir / "fake-store.json", strict, 0
        saved = json.loads(self.path.read_text()) if self.path.is_file() else []
        self.docs = [Document(**d) for d in saved]

    def ingest_documents(self, docs, *, progress=False):
        self.ingest_calls += 1
        self.docs.extend(docs)
        self.path.write_text(json.dumps([d.model_dump() for d in self.docs]))

    def check_claim(self, claim, *, top_k=5, doc_ids=None):
        words = set(re.findall(r"\w+", claim.lower()))
        best = max((s for s in self._sentences() if doc_ids is None or s[0].doc_id in doc_ids),
                   key=lambda s: len(words & set(re.findall(r"\w+", s[3].lower()))))
        doc, start, end, text = best
        overlap = len(words & set(re.findall(r"\w+", text.lower()))) / len(words)
        numbers_differ = set(re.findall(r"\d+", claim)) != set(re.findall(r"\d+", text))
        if overlap == 1.0:
            verdict = Label.SUPPORTED
        elif overlap >= 0.6 and numbers_differ and not self.strict:
            verdict = Label.REFUTED
        else:
            verdict = Label.NOT_ENOUGH_INFO
        cit = Citation(doc_id=doc.doc_id, passage=doc.text, passage_start=0, passage_end=len(doc.text),
                       quote=text, start=start, end=end)
        return ClaimResult(claim=Claim(text=claim), verdict=verdict, confidence=round(overlap, 3), citations=[cit])

    def _sentences(self):
        for doc in self.docs:
            for m in re.finditer(r"[^.\n\s][^.\n]*\.?", doc.text):
                yield doc, m.start(), m.end(), m.group().strip()


def _write_inputs(tmp_path, claims=CLAIMS, corpus=CORPUS):
    claims_path, corpus_path = tmp_path / "claims.jsonl", tmp_path / "corpus.jsonl"
    claims_path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in claims), encoding="utf-8")
    corpus_path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in corpus), encoding="utf-8")
    return claims_path, corpus_path


def _run(tmp_path, out_name="run", strict=False, plots=True):
    claims_path, corpus_path = _write_inputs(tmp_path)
    docs = read_corpus(corpus_path)
    checker, info = open_indexed_checker(docs, factory=lambda d: FakeChecker(d, strict), embedder_name="fake/emb",
                                         stores_root=tmp_path / "stores", progress=False)
    metrics = run_eval(load_claims(claims_path), docs, checker=checker, out_dir=tmp_path / out_name, progress=False,
                       run_info=info, plots=plots)
    return metrics, tmp_path / out_name, docs


def test_run_writes_predictions_metrics_report_and_plots(tmp_path):
    metrics, out, docs = _run(tmp_path)
    rows = [json.loads(line) for line in (out / "predictions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["c1", "c2", "c3", "c4", "c5", "c6"]
    texts = {d.doc_id: d.text for d in docs}
    for row in rows:
        assert PREDICTION_KEYS <= set(row)
        assert row["verdict"] in {label.value for label in Label}
        for cit in row["citations"]:
            assert {"doc_id", "text", "start", "end"} <= set(cit)
            assert texts[cit["doc_id"]][cit["start"]:cit["end"]] == cit["text"]
    assert [r["verdict"] for r in rows] == ["SUPPORTED", "REFUTED", "SUPPORTED", "NOT_ENOUGH_INFO", "SUPPORTED", "NOT_ENOUGH_INFO"]
    assert rows[3]["lang"] == "en" and rows[2]["lang"] == "en"  # c3 has no lang: detected
    assert json.loads((out / "metrics.json").read_text()) == metrics
    assert metrics["accuracy"] == pytest.approx(5 / 6)
    # c6: wrong verdict although the cited sentence is the gold one; c4 has no gold quote
    assert metrics["claims_with_gold_spans"] == 5
    assert metrics["citation_accuracy"] == pytest.approx(4 / 5) and metrics["evidence_hit_rate"] == 1.0
    assert set(metrics["by_lang"]) == {"en", "vi"} and metrics["by_lang"]["vi"]["accuracy"] == 1.0
    assert metrics["run"]["store_reused"] is False and metrics["run"]["gold_quotes_missing"] == []
    for png in ("confusion_matrix.png", "reliability.png"):
        assert (out / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    report = (out / "report.md").read_text(encoding="utf-8")
    for needle in ("## Per class", "## Confusion matrix", "## By language", "![confusion matrix](confusion_matrix.png)",
                   "![reliability diagram](reliability.png)", "| accuracy | 0.833 |", "| c6 | en | REFUTED | NOT_ENOUGH_INFO |"):
        assert needle in report


def test_store_is_reused_for_the_same_corpus_and_embedder(tmp_path):
    docs = [Document(**d) for d in CORPUS]
    made = []

    def factory(store_dir):
        made.append(FakeChecker(store_dir))
        return made[-1]

    _, first = open_indexed_checker(docs, factory=factory, embedder_name="e5", stores_root=tmp_path, progress=False)
    _, again = open_indexed_checker(list(reversed(docs)), factory=factory, embedder_name="e5", stores_root=tmp_path, progress=False)
    assert (first["store_reused"], again["store_reused"]) == (False, True)
    assert [c.ingest_calls for c in made] == [1, 0]
    assert first["store_dir"] == again["store_dir"] and first["store_dir"].endswith("-e5")
    _, fresh = open_indexed_checker(docs, factory=factory, embedder_name="e5", stores_root=tmp_path, progress=False, reindex=True)
    assert fresh["store_reused"] is False and made[-1].ingest_calls == 1 and len(made[-1].docs) == 3
    changed = [*docs[:2], docs[2].model_copy(update={"text": "Mặt Trăng quay quanh Trái Đất."})]
    assert store_dir_for(changed, "e5", tmp_path) != store_dir_for(docs, "e5", tmp_path)
    assert store_dir_for(docs, "st/all-MiniLM", tmp_path).name.endswith("-st_all-MiniLM")


def test_indexing_uses_the_checkers_progress_callback_when_it_has_one(tmp_path):
    calls = []

    class CallbackChecker(FakeChecker):
        def ingest_documents(self, docs, *, progress=False, on_progress=None):
            docs = list(docs)
            for i, doc in enumerate(docs, start=1):
                on_progress(i, len(docs), doc.title)
                calls.append(doc.doc_id)
            super().ingest_documents(docs)

    docs = [Document(**d) for d in CORPUS]
    checker, _ = open_indexed_checker(docs, factory=CallbackChecker, embedder_name="e5", stores_root=tmp_path, progress=True)
    assert calls == ["moon", "mars", "trang"] and len(checker.docs) == 3


def test_compare_lists_changed_verdicts_and_metric_differences(tmp_path):
    _run(tmp_path, "a", plots=False)
    _run(tmp_path, "b", strict=True, plots=False)
    text = compare_runs(tmp_path / "a", tmp_path / "b")
    assert re.search(r"accuracy\s+0\.833\s+0\.667\s+-0\.167\s+worse", text)
    # one broken claim of six: a paired bootstrap cannot tell it from chance
    assert re.search(r"B - A over the 6 shared claims.*\n  accuracy\s+-0\.167\s+\[-0\.\d{3}, \+0\.000\]\s+within chance", text)
    assert "Verdict changed on 1 claims (0 fixed, 1 broken, 0 still wrong)." in text
    assert re.search(r"broken\s+c2\s+gold REFUTED\s+REFUTED -> NOT_ENOUGH_INFO", text)
    changes = verdict_changes([{"id": "x", "verdict": "REFUTED"}], [{"id": "x", "verdict": "SUPPORTED", "label": "SUPPORTED", "claim": "x"}])
    assert changes[0]["kind"] == "fixed"
    with pytest.raises(InputError, match="not an eval run folder"):
        compare_runs(tmp_path / "a", tmp_path / "missing")


def test_load_claims_rejects_bad_labels_and_repeated_ids(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "1", "claim": "x", "label": "SUPPORTED"}\n{"id": "2", "claim": "y", "label": "TRUE"}\n')
    with pytest.raises(InputError, match="line 2.*label"):
        load_claims(path)
    path.write_text('{"id": "1", "claim": "x", "label": "SUPPORTED"}\n\n{"id": "1", "claim": "y", "label": "REFUTED"}\n')
    with pytest.raises(InputError, match="line 3 repeats the claim id '1'"):
        load_claims(path)
    with pytest.raises(InputError, match="not found"):
        load_claims(tmp_path / "nope.jsonl")


def test_sample_claims_is_seeded_and_keeps_file_order(tmp_path):
    claims = load_claims(_write_inputs(tmp_path)[0])
    a, b = sample_claims(claims, 3, seed=1), sample_claims(claims, 3, seed=1)
    assert [c.id for c in a] == [c.id for c in b] and len(a) == 3
    assert [c.id for c in a] == sorted(c.id for c in a)
    assert {tuple(c.id for c in sample_claims(claims, 3, seed=s)) for s in range(10)} != {tuple(c.id for c in a)}
    assert sample_claims(claims, None) == claims and sample_claims(claims, 99) == claims


def test_gold_quotes_are_located_exactly_or_across_whitespace():
    docs = [Document(**d) for d in CORPUS]
    locator = QuoteLocator(docs)
    assert locator.find("Its orbit takes 27 days.") == [{"doc_id": "moon", "start": 27, "end": 51}]
    assert locator.find("two  moons.\n") == [{"doc_id": "mars", "start": 9, "end": 19}]
    assert locator.find("moons. Phobos") == [{"doc_id": "mars", "start": 13, "end": 26}]  # newline vs space
    assert locator.find("Earth. Mars") == []  # never across two documents
    claims = load_claims_from([{"id": "q", "claim": "x", "label": "REFUTED", "evidence": ["Mars has two moons.", "Venus."]}])
    spans, missing = locate_gold_spans(claims, docs)
    assert spans == {"q": [{"doc_id": "mars", "start": 0, "end": 19}]} and missing == ["q: Venus."]


def load_claims_from(rows):
    from factcheck.evaluate.data import GoldClaim

    return [GoldClaim.model_validate(r) for r in rows]


def _parser():
    from factcheck.evaluate.cli import register

    parser = argparse.ArgumentParser(prog="factcheck")
    register(parser.add_subparsers(dest="command"))
    return parser


def test_cli_parses_both_eval_forms():
    p = _parser()
    args = p.parse_args(["eval", "claims.jsonl", "--corpus", "docs/", "--out", "o", "--limit", "5", "--seed", "3", "--top-k", "4"])
    assert (args.target, args.dirs, args.corpus, args.out, args.limit, args.seed, args.top_k) == ("claims.jsonl", [], "docs/", "o", 5, 3, 4)
    args = p.parse_args(["eval", "compare", "runA", "runB"])
    assert (args.target, args.dirs) == ("compare", ["runA", "runB"])


def test_cli_runs_an_eval_and_a_compare(tmp_path, monkeypatch, capsys):
    import factcheck
    import factcheck.embed.factory

    class FakeEmbedder:
        name = "fake-embedder"

    monkeypatch.setattr(factcheck.embed.factory, "get_embedder", lambda name=None: FakeEmbedder())
    monkeypatch.setattr(factcheck, "FactChecker", lambda store, **kw: FakeChecker(store), raising=False)
    claims_path, corpus_path = _write_inputs(tmp_path)
    base = ["eval", str(claims_path), "--corpus", str(corpus_path), "--stores", str(tmp_path / "stores"), "--no-progress"]
    for name, extra in (("full", []), ("small", ["--limit", "2", "--seed", "0"])):
        args = _parser().parse_args([*base, "--out", str(tmp_path / name), *extra])
        assert args.handler(args) == 0
    assert "6 claims: accuracy 0.833" in capsys.readouterr().out
    small = json.loads((tmp_path / "small" / "metrics.json").read_text())
    assert small["n_claims"] == 2 and small["run"]["store_reused"] is True and small["run"]["claims_total"] == 6
    args = _parser().parse_args(["eval", "compare", str(tmp_path / "full"), str(tmp_path / "small")])
    assert args.handler(args) == 0
    assert "Claims only in A: 4; only in B: 0" in capsys.readouterr().out
    for bad in (["eval", "compare", "onlyone"], ["eval", str(claims_path), "--out", "x"], ["eval", "nonsense", "--out", "x"]):
        args = _parser().parse_args(bad)
        with pytest.raises(InputError):
            args.handler(args)


@pytest.mark.slow
def test_cli_eval_with_the_real_checker_over_a_tiny_corpus(tmp_path, capsys):
    """The harness against factcheck.FactChecker itself: real embedder, store and verifier."""
    claims_path, corpus_path = _write_inputs(tmp_path, claims=CLAIMS[:3])
    out = tmp_path / "out"
    args = _parser().parse_args(["eval", str(claims_path), "--corpus", str(corpus_path), "--out", str(out),
                                 "--stores", str(tmp_path / "stores"), "--no-progress"])
    assert args.handler(args) == 0
    texts = {d["doc_id"]: d["text"] for d in CORPUS}
    rows = [json.loads(line) for line in (out / "predictions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["c1", "c2", "c3"]
    assert [r["unmatched_figures"] for r in rows] == [[], ["30 days"], []]  # 27 days in the source, not 30
    for row in rows:
        assert row["verdict"] in {label.value for label in Label} and 0.0 <= row["confidence"] <= 1.0
        assert row["error"] is None and row["citations"]
        for cit in row["citations"]:
            assert texts[cit["doc_id"]][cit["start"]:cit["end"]] == cit["text"]
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["n_claims"] == 3 and metrics["run"]["verifier_loaded"]
    assert (out / "report.md").is_file() and (out / "reliability.png").is_file()


def test_a_closed_eval_checks_each_claim_against_its_own_document(tmp_path):
    claims = [dict(c, meta={"doc_id": "mars"}) for c in CLAIMS[:3]]
    claims_path, corpus_path = _write_inputs(tmp_path, claims=claims)
    docs = read_corpus(corpus_path)
    checker, info = open_indexed_checker(docs, factory=lambda d: FakeChecker(d), embedder_name="fake/emb",
                                         stores_root=tmp_path / "stores", progress=False)
    metrics = run_eval(load_claims(claims_path), docs, checker=checker, out_dir=tmp_path / "closed", progress=False,
                       run_info=info, plots=False, closed=True)
    rows = [json.loads(line) for line in (tmp_path / "closed" / "predictions.jsonl").read_text().splitlines()]
    assert {c["doc_id"] for r in rows for c in r["citations"]} == {"mars"}
    assert [r["verdict"] for r in rows] == ["NOT_ENOUGH_INFO", "NOT_ENOUGH_INFO", "SUPPORTED"]  # the Moon is not in it
    assert metrics["run"]["closed"] is True


def test_a_closed_eval_reads_every_document_a_claim_lists(tmp_path):
    claims = [dict(CLAIMS[0], meta={"doc_ids": ["mars"]}), dict(CLAIMS[0], id="c1b", meta={"doc_ids": ["mars", "moon"]})]
    claims_path, corpus_path = _write_inputs(tmp_path, claims=claims)
    docs = read_corpus(corpus_path)
    checker, info = open_indexed_checker(docs, factory=lambda d: FakeChecker(d), embedder_name="fake/emb",
                                         stores_root=tmp_path / "stores", progress=False)
    run_eval(load_claims(claims_path), docs, checker=checker, out_dir=tmp_path / "closed", progress=False,
             run_info=info, plots=False, closed=True)
    rows = [json.loads(line) for line in (tmp_path / "closed" / "predictions.jsonl").read_text().splitlines()]
    assert [(r["verdict"], [c["doc_id"] for c in r["citations"]]) for r in rows] == [
        ("NOT_ENOUGH_INFO", ["mars"]), ("SUPPORTED", ["moon"])]


def test_a_closed_eval_refuses_claims_without_a_document(tmp_path):
    claims_path, corpus_path = _write_inputs(tmp_path, claims=[dict(CLAIMS[0], meta={"doc_id": "moon"}), CLAIMS[1]])
    docs = read_corpus(corpus_path)
    checker, _ = open_indexed_checker(docs, factory=lambda d: FakeChecker(d), embedder_name="fake/emb",
                                      stores_root=tmp_path / "stores", progress=False)
    with pytest.raises(InputError, match=r"1 claims name none in meta.doc_ids or meta.doc_id \(first: 'c2'\)"):
        run_eval(load_claims(claims_path), docs, checker=checker, out_dir=tmp_path / "x", progress=False,
                 closed=True)


def test_cli_closed_eval_with_the_real_checker_reads_only_the_paired_document(tmp_path):
    claims = [dict(CLAIMS[0], meta={"doc_id": "mars"}), dict(CLAIMS[5], meta={"doc_id": "mars"}),
              dict(CLAIMS[4], meta={"doc_id": "moon"})]
    claims_path, corpus_path = _write_inputs(tmp_path, claims=claims)
    out = tmp_path / "out"
    args = _parser().parse_args(["eval", str(claims_path), "--corpus", str(corpus_path), "--out", str(out),
                                 "--stores", str(tmp_path / "stores"), "--no-progress", "--closed"])
    assert args.handler(args) == 0
    rows = [json.loads(line) for line in (out / "predictions.jsonl").read_text(encoding="utf-8").splitlines()]
    for row, own in zip(rows, ("mars", "mars", "moon")):
        assert row["error"] is None
        assert {c["doc_id"] for c in row["citations"]} | {r["doc_id"] for r in row["retrieved"]} == {own}
    assert rows[0]["verdict"] == "NOT_ENOUGH_INFO"  # "The Moon orbits the Earth." against Mars only
    assert json.loads((out / "metrics.json").read_text())["run"]["closed"] is True


def test_a_pooled_eval_reports_the_ceiling_of_one_answer_per_claim_text(tmp_path):
    # c1's text again, labelled NOT_ENOUGH_INFO (as Check-COVID labels a claim against an abstract that does not
    # decide it): over one corpus the checker answers both alike, so one of the two must be wrong
    twice = dict(CLAIMS[0], id="c1-nei", label="NOT_ENOUGH_INFO", evidence=[])
    claims_path, corpus_path = _write_inputs(tmp_path, claims=[*CLAIMS, twice])
    docs = read_corpus(corpus_path)
    checker, info = open_indexed_checker(docs, factory=lambda d: FakeChecker(d), embedder_name="fake/emb",
                                         stores_root=tmp_path / "stores", progress=False)
    metrics = run_eval(load_claims(claims_path), docs, checker=checker, out_dir=tmp_path / "pooled", progress=False,
                       run_info=info, plots=False)
    assert metrics["ceiling"]["groups"] == 1 and metrics["ceiling"]["claims"] == 2
    assert metrics["ceiling"]["accuracy"] == pytest.approx(6 / 7)
    assert metrics["accuracy"] <= metrics["ceiling"]["accuracy"]
    assert "1 claim texts carry more than one gold label" in (tmp_path / "pooled" / "report.md").read_text()
    # each claim against its own documents: no ceiling
    closed = [dict(c, meta={"doc_id": "moon"}) for c in (CLAIMS[0], twice)]
    claims_path, _ = _write_inputs(tmp_path, claims=closed)
    metrics = run_eval(load_claims(claims_path), docs, checker=checker, out_dir=tmp_path / "closed", progress=False,
                       run_info=info, plots=False, closed=True)
    assert metrics["ceiling"] is None
    # one label per text: nothing to report
    assert _run(tmp_path, "plain", plots=False)[0]["ceiling"] is None
