"""Figure weights: how far aligned figures move a quote's probabilities, fitted on validation pairs."""

import json

import numpy as np
import pytest

from factcheck.schema import Claim, Label, Passage
from factcheck.store.base import DocumentRecord
from factcheck.verify.aggregate import Thresholds, stance
from factcheck.verify.base import PairScorer
from factcheck.verify.calibration import Calibration, load_calibration
from factcheck.verify.figures import FigureWeights, adjust, fit_figure_weights
from factcheck.verify.verifier import Verifier

T = Thresholds(support=0.45, refute=0.45)


def test_adjust_moves_towards_the_signal_by_the_weight():
    p = np.array([0.3, 0.5, 0.2], dtype=np.float32)
    w = FigureWeights(conflict_base=0.5, conflict_related=0.0, agree_base=0.0, agree_related=0.0)
    refuted = adjust(p, "conflict", w)
    assert refuted[2] > 0.5 and refuted[0] < p[0]
    assert np.allclose(refuted.sum(), 1.0, atol=1e-5)
    assert np.array_equal(adjust(p, "agree", w), p)  # zero agree weight: unchanged
    assert np.array_equal(adjust(p, "none", w), p)


def test_weight_grows_with_relatedness_and_is_clipped():
    w = FigureWeights(conflict_base=0.8, conflict_related=0.9, agree_base=0.1, agree_related=0.4)
    assert w.weight("conflict", 1.0) == 1.0
    assert w.weight("agree", 0.0) == pytest.approx(0.1)
    assert w.weight("agree", 1.0) == pytest.approx(0.5)
    assert w.weight("none", 1.0) == 0.0


def test_fit_learns_a_pull_where_agreement_means_support():
    # The model hesitates (neutral), but every agreeing pair is gold entailment: a pull pays.
    probs = np.tile(np.array([0.33, 0.47, 0.20], dtype=np.float32), (40, 1))
    labels = np.zeros(40, dtype=int)
    labels[:4] = 1  # a few neutrals so that the classes are not degenerate
    weights, stats = fit_figure_weights(probs, labels, ["agree"] * 40, T)
    assert stats["agree"]["fitted"] and stats["agree"]["n"] == 40
    assert stance(adjust(probs[0], "agree", weights), T) is Label.SUPPORTED
    assert stats["agree"]["accuracy_adjusted"] > stats["agree"]["accuracy_model"]
    assert not stats["conflict"]["fitted"]  # no conflict pairs: the hand-set default stays
    assert weights.conflict_base == FigureWeights().conflict_base


def test_fit_keeps_the_pull_small_where_conflicts_are_alignment_errors():
    # The model is right (entailment) and the "conflicts" are wrong: any real pull would hurt.
    rng = np.random.default_rng(0)
    probs = np.tile(np.array([0.7, 0.2, 0.1], dtype=np.float32), (30, 1))
    probs += rng.uniform(-0.02, 0.02, probs.shape).astype(np.float32)
    probs /= probs.sum(axis=1, keepdims=True)
    labels = np.zeros(30, dtype=int)
    weights, stats = fit_figure_weights(probs, labels, ["conflict"] * 30, T)
    adjusted = np.stack([adjust(p, "conflict", weights) for p in probs])
    assert all(stance(p, T) is Label.SUPPORTED for p in adjusted)
    assert weights.weight("conflict", 1.0) < 0.3


def test_calibration_keeps_figure_weights_and_old_files_get_defaults(tmp_path):
    cal = Calibration(weights_sha256="abc", figures=FigureWeights(agree_base=0.2, agree_related=0.1))
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps(cal.model_dump()))
    assert load_calibration("abc", path).figures.agree_base == 0.2
    old = cal.model_dump()
    del old["figures"]  # written before figure weights were fitted
    path.write_text(json.dumps(old))
    assert load_calibration("abc", path).figures == FigureWeights()


class _Fixed(PairScorer):
    name = "fixed"

    def score(self, pairs):
        return np.tile(np.array([0.35, 0.45, 0.20], dtype=np.float32), (len(pairs), 1))


def test_the_verifier_applies_its_figure_weights():
    passage = Passage(id="d#0", doc_id="d", text="The index ranked 83 countries in 2024.", start=0, end=38, lang="en")
    docs = {"d": DocumentRecord(doc_id="d", title="Report")}
    claim = Claim(text="The index ranked 83 countries in 2024.", lang="en", spans=[])
    off = Verifier(_Fixed(), thresholds=T, figure_weights=FigureWeights(agree_base=0.0, agree_related=0.0))
    on = Verifier(_Fixed(), thresholds=T, figure_weights=FigureWeights(agree_base=0.5, agree_related=0.0))
    assert off.verify(claim, [passage], docs).verdict is Label.NOT_ENOUGH_INFO
    result = on.verify(claim, [passage], docs)
    assert result.verdict is Label.SUPPORTED
    assert any(c.status == "agree" for c in result.figures)


class _ByText(PairScorer):
    name = "by-text"

    def score(self, pairs):
        rows = {"weather": [0.05, 0.10, 0.85], "ranked": [0.10, 0.30, 0.60]}
        return np.array([next(v for k, v in rows.items() if k in q) for q, _ in pairs], dtype=np.float32)


def test_a_quote_whose_figures_back_the_verdict_is_cited_first():
    text = "The weather in the capital was cold. The index ranked the country 31st of 83."
    passage = Passage(id="d#0", doc_id="d", text=text, start=0, end=len(text), lang="en")
    docs = {"d": DocumentRecord(doc_id="d", title="Report")}
    claim = Claim(text="The index ranked the country 13th of 83.", lang="en", spans=[])
    none = FigureWeights(conflict_base=0.0, conflict_related=0.0, agree_base=0.0, agree_related=0.0)
    result = Verifier(_ByText(), thresholds=T, figure_weights=none).verify(claim, [passage], docs)
    assert result.verdict is Label.REFUTED
    assert result.confidence == pytest.approx(0.85, abs=1e-3)  # the verdict's confidence is unchanged
    assert result.citations[0].quote == "The index ranked the country 31st of 83."
    assert any(c.status == "conflict" for c in result.figures)
    assert "13th" in result.explanation and "31st" in result.explanation


def test_claim_thresholds_decide_the_verdict_and_pair_thresholds_a_quotes_stance():
    passage = Passage(id="d#0", doc_id="d", text="Nothing here has a figure.", start=0, end=26, lang="en")
    docs = {"d": DocumentRecord(doc_id="d", title="Report")}
    claim = Claim(text="Something else entirely.", lang="en", spans=[])
    low = Thresholds(support=0.3, refute=0.9)
    result = Verifier(_Fixed(), thresholds=T, claim_thresholds=low).verify(claim, [passage], docs)
    assert result.verdict is Label.SUPPORTED  # 0.35 >= 0.3 at the claim level
    assert result.citations[0].stance is Label.NOT_ENOUGH_INFO  # 0.35 < 0.45 for the quote alone
    assert Verifier(_Fixed(), thresholds=T).verify(claim, [passage], docs).verdict is Label.NOT_ENOUGH_INFO


def test_figure_backed_quotes_are_read_at_the_single_quote_thresholds():
    from factcheck.verify.aggregate import decide

    claim_t, pair_t = Thresholds(support=0.6, refute=0.6), Thresholds(support=0.4, refute=0.45)
    probs = np.array([[0.2, 0.3, 0.5], [0.3, 0.5, 0.2]], dtype=np.float32)
    assert decide(probs, ["a", "a"], ["none", "none"], claim_t, pair_t)[0] is Label.NOT_ENOUGH_INFO
    verdict, conf, best = decide(probs, ["a", "a"], ["conflict", "none"], claim_t, pair_t)
    assert (verdict, best) == (Label.REFUTED, 0) and conf == pytest.approx(0.5)
    supported = np.array([[0.45, 0.4, 0.15]], dtype=np.float32)
    assert decide(supported, ["a"], ["agree"], claim_t, pair_t)[0] is Label.SUPPORTED
    assert decide(supported, ["a"], ["agree"], claim_t, None)[0] is Label.NOT_ENOUGH_INFO
    both = np.array([[0.2, 0.3, 0.5], [0.5, 0.3, 0.2]], dtype=np.float32)  # figures back both ways: undecided
    assert decide(both, ["a", "b"], ["conflict", "agree"], claim_t, pair_t)[0] is Label.NOT_ENOUGH_INFO


def test_corroborated_needs_every_claim_figure_to_agree_and_two_of_them():
    from factcheck.verify.figures import compare, corroborated, read_figures

    claim = "The plan could add more than 11 trillion rubles to GDP in 2030."
    figs = read_figures(claim, "en")
    both = "The plan may add over 11 trillion rubles to GDP in 2030, officials said."
    one = "The plan may add over 11 trillion rubles to GDP, officials said."
    signal, _, comps = compare(claim, figs, both, read_figures(both, "en"))
    assert signal == "agree" and corroborated(signal, figs, comps)
    signal, _, comps = compare(claim, figs, one, read_figures(one, "en"))
    assert not corroborated(signal, figs, comps)  # the year is not in the quote
    single = "Exports grew by 12% last year."
    signal, _, comps = compare(single, read_figures(single, "en"), single, read_figures(single, "en"))
    assert signal == "agree" and not corroborated(signal, read_figures(single, "en"), comps)


def test_multi_figure_agreement_gets_weights_of_its_own_and_falls_back_when_unfitted():
    w = FigureWeights(agree_base=0.1, agree_related=0.0)
    assert w.weight("agree", 0.5, multi=True) == pytest.approx(0.1)  # not fitted: the one-figure weights
    w = FigureWeights(agree_base=0.1, agree_related=0.0, multi_base=0.4, multi_related=0.2)
    assert w.weight("agree", 0.5, multi=True) == pytest.approx(0.5)
    assert w.weight("agree", 0.5) == pytest.approx(0.1)
    p = np.array([0.2, 0.6, 0.2], dtype=np.float32)
    assert adjust(p, "agree", w, multi=True)[0] > adjust(p, "agree", w)[0]


def test_fit_separates_corroborated_pairs_from_single_figure_agreement():
    # Single agreeing figures: half of them are gold contradictions (a pull would hurt);
    # corroborated pairs: all entailments the model reads as neutral (a pull pays).
    probs = np.tile(np.array([0.30, 0.50, 0.20], dtype=np.float32), (80, 1))
    labels = np.array([0, 2] * 20 + [0] * 36 + [1] * 4)
    multi = [False] * 40 + [True] * 40
    weights, stats = fit_figure_weights(probs, labels, ["agree"] * 80, T, multi)
    assert stats["agree"]["n"] == 40 and stats["multi"]["n"] == 40 and stats["multi"]["fitted"]
    assert stance(adjust(probs[0], "agree", weights, multi=True), T) is Label.SUPPORTED
    assert weights.weight("agree", 0.5, multi=True) > weights.weight("agree", 0.5)
