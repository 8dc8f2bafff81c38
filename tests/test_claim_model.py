"""The claim-level verdict model: features of a claim's scored quotes, its fit, and its use in the verifier."""

import json

import numpy as np
import pytest

from factcheck.schema import Claim, Label, Passage
from factcheck.store.base import DocumentRecord
from factcheck.verify.aggregate import Thresholds
from factcheck.verify.base import PairScorer
from factcheck.verify.calibration import Calibration, load_calibration
from factcheck.verify.claim_model import (CLASSES, FEATURES, ClaimModel, claim_features, decide_with_model,
                                          fit_claim_model)
from factcheck.verify.verifier import Verifier


def _claims(rng, n):
    """Synthetic claims where a strong contradiction only counts when its quote is the top-ranked one.

    Each claim has a quote at rank 0 and a distractor at rank 4; the label is what the rank-0 quote says, while
    the distractor often shows a high p(contradiction) regardless. The threshold rule (max over quotes) is fooled.
    """
    rows, labels = [], []
    for _ in range(n):
        y = int(rng.integers(0, 3))
        top = {0: [0.8, 0.15, 0.05], 1: [0.05, 0.15, 0.8], 2: [0.1, 0.8, 0.1]}[y]
        top = np.clip(np.array(top) + rng.normal(0, 0.05, 3), 0.01, None)
        noise = [0.05, 0.05, 0.9] if rng.random() < 0.5 else [0.05, 0.9, 0.05]
        probs = np.array([top / top.sum(), noise], dtype=np.float32)
        rows.append((probs, [0, 4], [0.6, 0.1], ["a", "a"], ["none", "none"]))
        labels.append(y)
    return rows, np.array(labels)


def test_features_follow_the_declared_order_and_read_where_the_best_quotes_come_from():
    probs = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]], dtype=np.float32)
    f = dict(zip(FEATURES, claim_features(probs, [0, 3], [0.5, 0.25], ["a", "b"], ["agree", "none"])))
    assert len(f) == len(FEATURES)
    assert f["e_max"] == pytest.approx(0.7) and f["c_max"] == pytest.approx(0.8)
    assert f["rank_at_e"] == 1.0 and f["rank_at_c"] == pytest.approx(0.25)
    assert f["overlap_at_c"] == 0.25 and f["agree_at_e"] == 1.0 and f["conflict_at_c"] == 0.0
    assert f["same_doc"] == 0.0 and f["any_agree"] == 1.0
    with pytest.raises(ValueError):
        claim_features(np.zeros((0, 3)), [], [], [], [])


def test_the_fitted_model_learns_to_ignore_a_distractor_the_threshold_rule_follows():
    from factcheck.verify.aggregate import aggregate

    rng = np.random.default_rng(0)
    train, y = _claims(rng, 300)
    model = fit_claim_model(np.array([claim_features(*r) for r in train]), y, l2=1.0)
    test, y_test = _claims(rng, 200)
    t = Thresholds(support=0.5, refute=0.5)
    pred = [CLASSES.index(decide_with_model(model, *r, t)[0].value) for r in test]
    rule = [CLASSES.index(aggregate(r[0], r[3], t)[0].value) for r in test]
    assert np.mean(np.array(pred) == y_test) > 0.9
    assert np.mean(np.array(rule) == y_test) < 0.8


def test_proba_sums_to_one_and_refuses_other_features():
    rng = np.random.default_rng(1)
    train, y = _claims(rng, 60)
    model = fit_claim_model(np.array([claim_features(*r) for r in train]), y)
    p = model.proba(claim_features(*train[0]))
    assert p.shape == (3,) and p.sum() == pytest.approx(1.0)
    with pytest.raises(ValueError):
        model.model_copy(update={"features": ["x"] * len(FEATURES)}).proba(claim_features(*train[0]))


def test_cross_language_features_mark_where_the_deciding_quotes_come_from():
    probs = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]], dtype=np.float32)
    args = (probs, [0, 3], [0.5, 0.25], ["a", "b"], ["none", "none"])
    f = dict(zip(FEATURES, claim_features(*args, [True, False])))
    assert f["cross_at_e"] == 1.0 and f["cross_at_c"] == 0.0
    f = dict(zip(FEATURES, claim_features(*args)))  # no languages given: all in the claim's language
    assert f["cross_at_e"] == 0.0 and f["cross_at_c"] == 0.0


def test_retrieval_features_read_the_deciding_quotes_passage_similarity():
    probs = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8], [0.2, 0.6, 0.2]], dtype=np.float32)
    args = (probs, [0, 3, 5], [0.5, 0.25, 0.1], ["a", "b", "c"], ["none"] * 3, [False] * 3)
    f = dict(zip(FEATURES, claim_features(*args, [0.91, 0.84, 0.80])))
    assert (f["dense_at_e"], f["dense_at_c"]) == (0.91, 0.84)
    f = dict(zip(FEATURES, claim_features(*args, [None, 0.84, 0.80])))  # found by the lexical ranking only
    assert f["dense_at_e"] == 0.80  # reads as the lowest known
    f = dict(zip(FEATURES, claim_features(*args)))
    assert f["dense_at_e"] == 0.0 and f["dense_at_c"] == 0.0


def test_fit_claims_adds_an_optional_feature_group_only_when_it_lifts_the_cv_enough():
    from factcheck.train.fit_claims import OPTIONAL_FEATURES_MIN_GAIN, choose_features, feature_sets
    from factcheck.verify.claim_model import BASE_FEATURES, COVERAGE_FEATURES

    cv = lambda best: {"thresholds": 0.4, "model": {1.0: best - 0.02, 10.0: best}}  # noqa: E731
    gain = OPTIONAL_FEATURES_MIN_GAIN
    assert choose_features({"base": cv(0.45), "base + retrieval": cv(0.45 + gain / 2)}) == "base"
    assert choose_features({"base": cv(0.45), "base + retrieval": cv(0.45 + gain),
                            "base + cross-language": cv(0.45 + 2 * gain)}) == "base + cross-language"
    rng = np.random.default_rng(5)
    rows = _claims(rng, 4)[0]
    old = [r + ([False] * len(r[0]),) for r in rows]  # scored before the retrieval inputs were kept
    assert set(feature_sets(old)) == {"base", "base + cross-language"}
    new = [r + ([0.9] * len(r[0]),) for r in old]
    sets = feature_sets(new)
    assert set(sets) == {"base", "base + cross-language", "base + retrieval", "base + cross-language + retrieval"}
    assert sets["base + retrieval"] == tuple(BASE_FEATURES) + ("dense_at_e", "dense_at_c")
    newest = [r + ([True] * len(r[0]),) for r in new]  # and the subject inputs: every combination is a candidate
    sets = feature_sets(newest)
    assert len(sets) == 8 and sets["base + cross-language + subject"] == \
        tuple(BASE_FEATURES) + ("cross_at_e", "cross_at_c", "subject_at_e", "subject_at_c")
    covered = [r + ([0.0] * len(r[0]),) for r in newest]  # and the coverage inputs (session 18)
    sets = feature_sets(covered)
    assert len(sets) == 16 and sets["base + coverage"] == tuple(BASE_FEATURES) + COVERAGE_FEATURES


def test_subject_features_say_whether_the_deciding_quotes_name_the_claims_subject():
    probs = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8], [0.2, 0.6, 0.2]], dtype=np.float32)
    args = (probs, [0, 3, 5], [0.5, 0.25, 0.1], ["a", "b", "c"], ["none"] * 3, [False] * 3, None)
    f = dict(zip(FEATURES, claim_features(*args, [True, False, None])))
    assert (f["subject_at_e"], f["subject_at_c"]) == (1.0, 0.0)
    f = dict(zip(FEATURES, claim_features(*args, [None, None, True])))  # cannot tell: halfway
    assert (f["subject_at_e"], f["subject_at_c"]) == (0.5, 0.5)
    assert dict(zip(FEATURES, claim_features(*args)))["subject_at_c"] == 0.5


def test_coverage_features_read_the_share_of_names_the_deciding_quotes_miss():
    probs = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8], [0.2, 0.6, 0.2]], dtype=np.float32)
    args = (probs, [0, 3, 5], [0.5, 0.25, 0.1], ["a", "b", "c"], ["none"] * 3, [False] * 3, None, None)
    f = dict(zip(FEATURES, claim_features(*args, [0.5, 1.0, 0.25])))
    assert (f["missing_at_e"], f["missing_at_c"], f["missing_min"]) == (0.5, 1.0, 0.25)
    f = dict(zip(FEATURES, claim_features(*args, [None, 1.0, None])))  # the claim names nothing: nothing missing
    assert (f["missing_at_e"], f["missing_at_c"], f["missing_min"]) == (0.0, 1.0, 0.0)
    assert dict(zip(FEATURES, claim_features(*args)))["missing_at_c"] == 0.0


def test_a_model_fitted_on_the_base_features_reads_only_those_columns():
    from factcheck.verify.claim_model import BASE_FEATURES

    rng = np.random.default_rng(2)
    train, y = _claims(rng, 90)
    x = np.array([claim_features(*r) for r in train])
    model = fit_claim_model(x, y, features=BASE_FEATURES)
    assert model.features == list(BASE_FEATURES) and len(model.mean) == len(BASE_FEATURES)
    flipped = x.copy()
    flipped[:, [FEATURES.index(f) for f in ("cross_at_e", "cross_at_c")]] = 1.0
    assert np.allclose(model.proba(x), model.proba(flipped))  # the cross columns are not read
    full = fit_claim_model(x, y)
    assert full.features == list(FEATURES) and len(full.coef[0]) == len(FEATURES)


class _ByText(PairScorer):
    name = "by-text"

    def score(self, pairs):
        rows = {"weather": [0.05, 0.10, 0.85], "tallest": [0.70, 0.20, 0.10], "was": [0.10, 0.80, 0.10]}
        return np.array([next(v for k, v in rows.items() if k in q) for q, _ in pairs], dtype=np.float32)


def test_the_verifier_uses_a_claim_model_from_the_calibration_file(tmp_path):
    rng = np.random.default_rng(2)
    train, y = _claims(rng, 300)
    model = fit_claim_model(np.array([claim_features(*r) for r in train]), y)
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps(Calibration(weights_sha256="abc", claim_model=model).model_dump()))
    loaded = load_calibration("abc", path)
    assert loaded.claim_model == model

    texts = ["The tower is the tallest building in the city.", "The river was calm.", "The park was green.",
             "The bridge was old.", "The weather in the capital was cold."]  # the distractor comes last
    passages = [Passage(id=f"d#{i}", doc_id="d", text=t, start=100 * i, end=100 * i + len(t), lang="en")
                for i, t in enumerate(texts)]
    docs = {"d": DocumentRecord(doc_id="d", title="Report")}
    claim = Claim(text="The tower is the tallest building in the city.", lang="en", spans=[])
    t = Thresholds(support=0.5, refute=0.5)
    assert Verifier(_ByText(), thresholds=t).verify(claim, passages, docs).verdict is Label.REFUTED
    result = Verifier(_ByText(), thresholds=t, claim_model=loaded.claim_model).verify(claim, passages, docs)
    assert result.verdict is Label.SUPPORTED
    assert 0.5 < result.confidence <= 1.0
    assert result.citations[0].quote.startswith("The tower")


def _two_documents():
    """(a model that always answers NOT_ENOUGH_INFO, a supporting and a refuting passage of two documents, docs,
    claim); with _ByText the tower quote supports at 0.70, the weather quote refutes at 0.85."""
    model = ClaimModel(features=list(FEATURES), mean=[0.0] * len(FEATURES), scale=[1.0] * len(FEATURES),
                       coef=[[0.0] * len(FEATURES)] * 3, intercept=[0.0, 0.0, 5.0])
    passages = [Passage(id=f"{d}#0", doc_id=d, text=t, start=0, end=len(t), lang="en")
                for d, t in (("a", "The tower is the tallest building."), ("b", "The weather was cold."))]
    docs = {d: DocumentRecord(doc_id=d, title=d) for d in "ab"}
    return model, passages, docs, Claim(text="The tower is the tallest building.", lang="en", spans=[])


def test_conflicting_stays_the_rule_across_documents():
    model, passages, docs, claim = _two_documents()
    v = Verifier(_ByText(), thresholds=Thresholds(support=0.5, refute=0.5), claim_model=model)
    assert v.verify(claim, passages, docs).verdict is Label.CONFLICTING
    assert v.verify(claim, passages[:1], docs).verdict is Label.NOT_ENOUGH_INFO


def test_conflict_thresholds_fitted_with_the_model_make_conflicting_rarer():
    model, passages, docs, claim = _two_documents()
    t = Thresholds(support=0.5, refute=0.5)
    strict = Verifier(_ByText(), thresholds=t, claim_model=model, conflict_thresholds=Thresholds(support=0.75,
                                                                                                  refute=0.8))
    assert strict.verify(claim, passages, docs).verdict is Label.NOT_ENOUGH_INFO  # the model decides
    loose = Verifier(_ByText(), thresholds=t, claim_model=model, conflict_thresholds=Thresholds(support=0.65,
                                                                                                 refute=0.8))
    assert loose.verify(claim, passages, docs).verdict is Label.CONFLICTING


def test_fit_conflict_raises_the_thresholds_where_conflicts_are_wrong():
    from factcheck.train.fit_claims import CONFLICT_MAX, fit_conflict

    rng = np.random.default_rng(6)
    rows, y = _claims(rng, 120)
    scored, gold = [], []
    for (probs, ranks, overlaps, _, signals), label in zip(rows, y):
        # A second document's quote that supports a little: at low thresholds every refuted claim conflicts.
        extra = np.array([[0.6, 0.3, 0.1]], dtype=np.float32)
        scored.append((np.vstack([probs, extra]), ["a", "a", "b"], signals + ["none"], ranks + [5],
                       overlaps + [0.1]))
        gold.append(CLASSES[label])
    model = fit_claim_model(np.array([claim_features(p, r, o, d, s) for p, d, s, r, o in scored]), np.array(y))
    low = Thresholds(support=0.5, refute=0.5)
    t, f1 = fit_conflict(scored, gold, ["a"] * len(gold), model, low)
    assert t.support > 0.6 and t.support <= CONFLICT_MAX  # above the extra quote's 0.6: no false conflicts
    assert f1 > 0.9


def test_fit_claims_cross_validation_prefers_the_model_where_the_rule_is_fooled():
    from factcheck.train.fit_claims import cross_validate

    rng = np.random.default_rng(3)
    rows, y = _claims(rng, 60)
    scored = [(probs, docs, signals, ranks, overlaps) for probs, ranks, overlaps, docs, signals in rows]
    gold = [CLASSES[i] for i in y]
    cv = cross_validate(scored, gold, ["a"] * len(gold), Thresholds(support=0.5, refute=0.5), l2_grid=(1.0,))
    assert cv["model"][1.0] > cv["thresholds"] + 0.1


def test_the_fast_threshold_table_answers_as_decide_does():
    from factcheck.train.fit_claims import _DecisionTable, _predict

    rng = np.random.default_rng(4)
    scored = []
    for _ in range(300):
        n = int(rng.integers(0, 5))
        probs = rng.dirichlet([1, 1, 1], size=n).astype(np.float32)
        docs = [str(rng.integers(0, 2)) for _ in range(n)]
        signals = [str(rng.choice(["none", "agree", "conflict"])) for _ in range(n)]
        scored.append((probs, docs, signals, list(range(n)), [0.0] * n))
    pair_t = Thresholds(support=0.4, refute=0.45)
    table = _DecisionTable(scored, pair_t)
    for s, r in ((0.3, 0.3), (0.5, 0.7), (0.6, 0.4), (0.9, 0.9), (0.45, 0.45)):
        t = Thresholds(support=s, refute=r)
        assert table.predict(t) == _predict(scored, t, pair_t)


def test_saved_dev_scores_are_refused_for_other_weights_or_settings(tmp_path):
    import argparse

    from factcheck.errors import InputError
    from factcheck.train.fit_claims import _load_scored, _save_scored

    rng = np.random.default_rng(4)
    data = (_claims(rng, 5)[0], ["SUPPORTED"] * 5, ["xnli"] * 5)
    cal = Calibration(weights_sha256="a" * 64, temperature=1.5)
    args = argparse.Namespace(top_k=5, seed=13, parts="covid,xnli,parallel", cross_window=None)
    _save_scored(tmp_path / "scored.pkl", data, cal, args)
    loaded = _load_scored(tmp_path / "scored.pkl", cal, args)
    assert loaded[1] == data[1] and np.allclose(loaded[0][0][0], data[0][0][0])
    for other_cal, other_args in ((cal.model_copy(update={"temperature": 1.2}), args),
                                  (cal.model_copy(update={"weights_sha256": "b" * 64}), args),
                                  (cal, argparse.Namespace(**{**vars(args), "top_k": 3})),
                                  (cal, argparse.Namespace(**{**vars(args), "figure_subjects": "off"}))):
        with pytest.raises(InputError):
            _load_scored(tmp_path / "scored.pkl", other_cal, other_args)
    # A file written before a study setting existed still loads while that setting is not set.
    import pickle

    saved = pickle.loads((tmp_path / "scored.pkl").read_bytes())
    del saved["key"]["max_quotes"]
    (tmp_path / "older.pkl").write_bytes(pickle.dumps(saved))
    assert _load_scored(tmp_path / "older.pkl", cal, args)[1] == data[1]
    with pytest.raises(InputError):
        _load_scored(tmp_path / "older.pkl", cal, argparse.Namespace(**{**vars(args), "max_quotes": 4}))


def test_fit_claims_reports_the_conflict_fitted_cv_over_several_fold_seeds(tmp_path, capsys):
    import argparse

    from factcheck.train.fit_claims import PARTS, _save_scored, main
    from factcheck.verify.calibration import CALIBRATION_FILE

    rng = np.random.default_rng(5)
    rows, y = _claims(rng, 90)
    data = ([(probs, docs, signals, ranks, overlaps) for probs, ranks, overlaps, docs, signals in rows],
            [CLASSES[i] for i in y], ["xnli"] * len(y))
    cal = Calibration.model_validate(json.loads(CALIBRATION_FILE.read_text(encoding="utf-8")))
    args = argparse.Namespace(top_k=5, seed=13, parts=",".join(PARTS), per_label=None, doc_sentences=None,
                              figure_balance="on", sentence_quotes=None, cross_window=None, max_quotes=None)
    _save_scored(tmp_path / "scored.pkl", data, cal, args)
    before = CALIBRATION_FILE.read_bytes()
    assert main(["--scored", str(tmp_path / "scored.pkl"), "--dry-run", "--cv-seeds", "3"]) == 0
    out = json.loads(capsys.readouterr().out.split("dry run")[0])
    by_seed = out["cross_validation_conflict_fitted_by_seed"]
    assert len(by_seed) == 3 and by_seed[0] == out["cross_validation_conflict_fitted"]
    assert out["cross_validation_conflict_fitted_mean"] == pytest.approx(np.mean(by_seed), abs=1e-4)
    assert CALIBRATION_FILE.read_bytes() == before  # a dry run leaves the shipped calibration alone
    with pytest.raises(SystemExit):
        main(["--scored", str(tmp_path / "scored.pkl"), "--dry-run", "--cv-seeds", "0"])
