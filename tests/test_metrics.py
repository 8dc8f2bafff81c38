"""Metric arithmetic on small hand-computed cases."""

import pytest

from factcheck.evaluate.metrics import (
    _resampled_scores,
    accuracy,
    bootstrap_intervals,
    citation_hit,
    citation_scores,
    compute_metrics,
    confusion_matrix,
    expected_calibration_error,
    macro_f1,
    paired_difference,
    per_class,
    percentile,
    reliability_bins,
    spans_overlap,
)

S, R, N, C = "SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO", "CONFLICTING"
GOLD = [S, S, R, N]
PRED = [S, R, R, S]


def test_accuracy_and_confusion_matrix():
    assert accuracy(GOLD, PRED) == 0.5
    assert accuracy([], []) is None
    # rows gold, columns verdict, in Label order S, R, N, C
    assert confusion_matrix(GOLD, PRED) == [[1, 1, 0, 0], [0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0]]


def test_per_class_with_a_class_absent_from_gold_and_predictions():
    classes = per_class(GOLD, PRED)
    assert classes[S] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2, "predicted": 2}
    assert classes[R]["precision"] == 0.5 and classes[R]["recall"] == 1.0
    assert classes[R]["f1"] == pytest.approx(2 / 3)
    # in gold, never predicted: precision 0/0 counts as 0, F1 0, and it stays in macro-F1
    assert classes[N] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1, "predicted": 0}
    # absent from both: undefined, and left out of macro-F1
    assert classes[C] == {"precision": None, "recall": None, "f1": None, "support": 0, "predicted": 0}
    assert macro_f1(classes) == pytest.approx((0.5 + 2 / 3 + 0.0) / 3)


def test_a_class_only_predicted_counts_against_macro_f1():
    classes = per_class([S, S], [S, C])
    assert classes[S]["f1"] == pytest.approx(2 / 3)
    assert classes[C] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0, "predicted": 1}
    assert classes[R]["f1"] is None and classes[N]["f1"] is None
    assert macro_f1(classes) == pytest.approx(1 / 3)


def test_perfect_and_empty_macro_f1():
    assert macro_f1(per_class([S, R], [S, R])) == 1.0
    assert macro_f1(per_class([], [])) is None


def test_unknown_label_and_length_mismatch_raise():
    with pytest.raises(ValueError, match="'TRUE'"):
        confusion_matrix(["TRUE"], [S])
    with pytest.raises(ValueError, match="as many"):
        accuracy([S, R], [S])


def test_spans_overlap_is_half_open():
    assert spans_overlap(0, 5, 4, 6)
    assert not spans_overlap(0, 5, 5, 10)
    assert spans_overlap(3, 4, 0, 10)


def test_citation_scores():
    gold = [{"doc_id": "a", "start": 10, "end": 20}]
    rows = [
        {"label": S, "verdict": S, "citations": [{"doc_id": "a", "start": 15, "end": 30}], "gold_spans": gold},  # right + hit
        {"label": R, "verdict": S, "citations": [{"doc_id": "a", "start": 0, "end": 11}], "gold_spans": gold},  # hit only
        {"label": S, "verdict": S, "citations": [{"doc_id": "b", "start": 10, "end": 20}], "gold_spans": gold},  # other doc
        {"label": N, "verdict": N, "citations": [], "gold_spans": []},  # no gold: not scored
    ]
    assert citation_hit(rows[0]["citations"], gold) and not citation_hit(rows[2]["citations"], gold)
    scores = citation_scores(rows)
    assert scores["claims_with_gold_spans"] == 3
    assert scores["citation_accuracy"] == pytest.approx(1 / 3)
    assert scores["evidence_hit_rate"] == pytest.approx(2 / 3)
    assert citation_scores(rows[3:])["citation_accuracy"] is None
    assert scores["evidence_retrieved_rate"] is None and scores["evidence_quoted_rate"] is None  # nothing listed
    rows[0]["retrieved"] = [{"doc_id": "a", "start": 0, "end": 100}]
    rows[1]["retrieved"] = [{"doc_id": "b", "start": 0, "end": 100}]
    rows[0]["quotes_read"] = rows[1]["quotes_read"] = [{"doc_id": "a", "start": 19, "end": 25}]
    listed = citation_scores(rows)
    # Over the rows that list them: row 0 retrieved the gold document's span, row 1 another document.
    assert listed["evidence_retrieved_rate"] == pytest.approx(1 / 2) and listed["evidence_quoted_rate"] == 1.0


def test_percentile_interpolates_linearly():
    values = [40, 10, 30, 20]
    assert percentile(values, 50) == 25
    assert percentile(values, 95) == pytest.approx(38.5)
    assert percentile(values, 0) == 10 and percentile(values, 100) == 40
    assert percentile([7], 95) == 7
    assert percentile([], 50) is None
    with pytest.raises(ValueError):
        percentile(values, 101)


def test_reliability_bins_and_ece():
    bins = reliability_bins([0.05, 0.95, 0.91, 0.0, 0.3], [False, True, False, True, True])
    assert [b["count"] for b in bins] == [2, 0, 1, 0, 0, 0, 0, 0, 0, 2]  # 0.3 falls in (0.2, 0.3]
    assert bins[0]["accuracy"] == 0.5 and bins[0]["mean_confidence"] == pytest.approx(0.025)
    assert bins[9]["mean_confidence"] == pytest.approx(0.93)
    assert bins[1]["accuracy"] is None
    # (2 * |0.5 - 0.025| + 1 * |1 - 0.3| + 2 * |0.5 - 0.93|) / 5
    assert expected_calibration_error(bins) == pytest.approx((0.95 + 0.7 + 0.86) / 5)
    assert expected_calibration_error(reliability_bins([], [])) is None


def _row(label, verdict, lang, latency, conf=0.5):
    return {"label": label, "verdict": verdict, "lang": lang, "latency_ms": latency, "confidence": conf,
            "citations": [], "gold_spans": []}


def test_compute_metrics_overall_and_by_lang():
    rows = [_row(S, S, "en", 100), _row(R, S, "en", 300), _row(S, S, "vi", 200), _row(N, N, None, 400, conf=1.0)]
    m = compute_metrics(rows, elapsed_s=2.0)
    assert m["n_claims"] == 4 and m["accuracy"] == 0.75
    assert m["claims_per_second"] == 2.0
    assert m["latency_ms"] == {"p50": 250.0, "p95": pytest.approx(385.0)}
    assert m["citation_accuracy"] is None and m["claims_with_gold_spans"] == 0
    assert set(m["by_lang"]) == {"en", "vi", "unknown"}
    en = m["by_lang"]["en"]
    assert en["n_claims"] == 2 and en["accuracy"] == 0.5
    assert en["claims_per_second"] == pytest.approx(2 / 0.4)  # from summed latencies within a language
    assert en["confusion_matrix"][1][0] == 1
    assert "by_lang" not in en


def test_a_resample_of_every_claim_once_scores_as_the_metrics_do():
    import random

    import numpy as np

    rng = random.Random(1)
    for _ in range(200):
        n = rng.randint(1, 30)
        labels = [S, R, N, C][:rng.randint(1, 4)]
        gold = [rng.choice(labels) for _ in range(n)]
        pred = [rng.choice([S, R, N, C]) for _ in range(n)]
        acc, f1 = _resampled_scores(gold, pred, np.arange(n)[None, :])
        assert acc[0] == pytest.approx(accuracy(gold, pred))
        assert f1[0] == pytest.approx(macro_f1(per_class(gold, pred)))  # absent classes left out, as macro_f1 does


def test_bootstrap_intervals_hold_the_estimate_narrow_with_more_claims_and_are_seeded():
    gold, pred = GOLD * 5, PRED * 5
    small = bootstrap_intervals(gold, pred)
    assert small["accuracy"][0] <= accuracy(gold, pred) <= small["accuracy"][1]
    assert small["macro_f1"][0] <= macro_f1(per_class(gold, pred)) <= small["macro_f1"][1]
    assert bootstrap_intervals(gold, pred) == small  # seeded: a report is reproducible
    large = bootstrap_intervals(gold * 20, pred * 20)
    width = lambda iv: iv[1] - iv[0]  # noqa: E731
    assert width(large["accuracy"]) < width(small["accuracy"]) / 2
    assert bootstrap_intervals([S, R], [S, R]) == {"accuracy": [1.0, 1.0], "macro_f1": [1.0, 1.0]}
    assert bootstrap_intervals([], []) is None
    assert compute_metrics([_row(g, p, "en", 100) for g, p in zip(gold, pred)])["intervals"] == small


def test_paired_difference_tells_a_real_gain_from_chance():
    gold = [S, R, N, S] * 25
    same = paired_difference(gold, gold[::-1], gold[::-1])
    assert same["accuracy"] == {"delta": 0.0, "interval": [0.0, 0.0]}
    worse = [R] * 100
    better = gold[:60] + worse[60:]  # B gets 60 more claims right than A... minus A's own hits
    diff = paired_difference(gold, worse, better)
    assert diff["accuracy"]["delta"] == pytest.approx(accuracy(gold, better) - accuracy(gold, worse))
    assert diff["accuracy"]["interval"][0] > 0 and diff["macro_f1"]["interval"][0] > 0
    one = paired_difference(gold, gold, gold[:-1] + [R if gold[-1] != R else S])  # one claim broken of 100
    assert one["accuracy"]["interval"][0] < 0 <= one["accuracy"]["interval"][1]


def test_label_ceiling_is_the_best_score_with_one_answer_per_text():
    import itertools
    import random

    from factcheck.evaluate.metrics import label_ceiling

    assert label_ceiling(["a", "b"], [S, R]) is None  # one label per text: no ceiling below 1
    assert label_ceiling(["a", "a"], [S, S]) is None
    # "a" labelled S and R: answering R gives S F1 2/3, R F1 2/3; answering S gives 0.8 and 0
    got = label_ceiling(["a", "a", "b"], [S, R, S])
    assert got == {"groups": 1, "claims": 2, "accuracy": pytest.approx(2 / 3), "macro_f1": pytest.approx(2 / 3)}
    # texts differing only in spacing are one text
    assert label_ceiling(["a  b", "a b"], [S, N])["groups"] == 1
    # against brute force over every answer for every text, on random label sets
    rng = random.Random(3)
    for _ in range(20):
        texts = [rng.choice("abcdefg") for _ in range(12)]
        gold = [rng.choice((S, R, N)) for _ in texts]
        got = label_ceiling(texts, gold)
        if got is None:
            continue
        uniq = sorted(set(texts))
        best_f1, best_acc = 0.0, 0.0
        for answers in itertools.product((S, R, N), repeat=len(uniq)):
            pred = [answers[uniq.index(t)] for t in texts]
            best_f1 = max(best_f1, macro_f1(per_class(gold, pred)))
            best_acc = max(best_acc, accuracy(gold, pred))
        assert got["accuracy"] == pytest.approx(best_acc)
        # the search gives each text one of its own labels; answering a label no claim of the text has never helps
        assert got["macro_f1"] == pytest.approx(best_f1)
    # too many splits to try: the macro-F1 ceiling is not guessed
    assert label_ceiling(["a", "a", "b", "b"], [S, R, S, N], max_assignments=1)["macro_f1"] is None
