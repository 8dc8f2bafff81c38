"""Calibration: temperature scaling, threshold fitting, and refusing a calibration fitted for other weights."""

import json

import numpy as np

from factcheck.verify.aggregate import Thresholds, aggregate
from factcheck.schema import Label
from factcheck.verify.calibration import (Calibration, expected_calibration_error, fit_temperature, fit_thresholds,
                                          load_calibration, macro_f1)


def _overconfident(n=3000, seed=0):
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 3, n)
    logits = rng.normal(0, 1, (n, 3))
    logits[np.arange(n), labels] += 1.0
    logits *= 3.0  # three times too sharp
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    return (p / p.sum(axis=1, keepdims=True)).astype(np.float32), labels


def test_temperature_undoes_overconfidence():
    probs, labels = _overconfident()
    t = fit_temperature(probs, labels)
    assert 2.4 < t < 3.6
    scaled = Calibration(weights_sha256="x", temperature=t).apply(probs)
    assert expected_calibration_error(scaled, labels) < expected_calibration_error(probs, labels)
    assert np.allclose(scaled.sum(axis=1), 1.0, atol=1e-5)
    assert (scaled.argmax(axis=1) == probs.argmax(axis=1)).all()


def test_thresholds_improve_or_keep_macro_f1():
    probs, labels = _overconfident(seed=1)
    t, f1 = fit_thresholds(probs, labels)
    assert f1 >= macro_f1(labels, probs.argmax(axis=1)) - 0.02
    assert 0.3 <= t.support <= 0.85 and 0.3 <= t.refute <= 0.85


def test_macro_f1_leaves_out_an_absent_class():
    assert macro_f1(np.array([0, 0, 2]), np.array([0, 0, 2])) == 1.0


def test_calibration_for_other_weights_is_ignored(tmp_path):
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps(Calibration(weights_sha256="aaa", temperature=2.0).model_dump()))
    assert load_calibration("aaa", path).temperature == 2.0
    assert load_calibration("bbb", path) is None


def test_conflicting_needs_two_documents():
    t = Thresholds(support=0.5, refute=0.5)
    probs = np.array([[0.9, 0.05, 0.05], [0.05, 0.05, 0.9]], dtype=np.float32)
    assert aggregate(probs, ["a", "b"], t)[0] is Label.CONFLICTING
    assert aggregate(probs, ["a", "a"], t)[0] is Label.REFUTED
    assert aggregate(np.array([[0.2, 0.7, 0.1]], dtype=np.float32), ["a"], t)[0] is Label.NOT_ENOUGH_INFO


def test_claim_thresholds_fit_raises_the_bar_when_the_best_of_many_quotes_is_noise():
    from factcheck.train.fit_claims import claim_macro_f1, fit

    rng = np.random.default_rng(0)
    scored, gold = [], []
    for i in range(60):
        label = ["SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO"][i % 3]
        p = rng.dirichlet([1, 4, 1], size=8).astype(np.float32)  # noise quotes: their maxima reach about 0.5
        if label == "SUPPORTED":
            p[0] = [0.8, 0.15, 0.05]
        elif label == "REFUTED":
            p[0] = [0.05, 0.15, 0.8]
        scored.append((p, ["d"] * 8, ["none"] * 8))
        gold.append(label)
    start = Thresholds(support=0.4, refute=0.4)
    pred_start = [aggregate(p, d, start)[0].value for p, d, _ in scored]
    t, f1, acc = fit(scored, gold, start)
    assert f1 > claim_macro_f1(gold, pred_start)
    assert t.support > 0.5 and t.refute > 0.5 and acc > 0.9


def test_claim_objective_weighs_each_part_the_same():
    from factcheck.train.fit_claims import claim_macro_f1, part_macro_f1

    gold = ["SUPPORTED", "REFUTED"] * 10 + ["SUPPORTED", "REFUTED"]
    pred = list(gold[:20]) + ["REFUTED", "SUPPORTED"]  # the big part right, the small part all wrong
    parts = ["big"] * 20 + ["small"] * 2
    assert part_macro_f1(gold, pred, parts) == 0.5
    assert part_macro_f1(gold, pred) == claim_macro_f1(gold, pred) > 0.9


def test_old_calibration_files_have_no_claim_thresholds(tmp_path):
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps({"weights_sha256": "w", "temperature": 1.2}))
    cal = load_calibration("w", path)
    assert cal.claim_thresholds is None and cal.thresholds == Thresholds()
