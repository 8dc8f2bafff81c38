"""Tests for factcheck.train data loading, splits, hard negatives and batch planning."""

from __future__ import annotations

import random
import re

import pytest

from factcheck.train.augment import _format_like, change_name, change_number, distractors, hard_negatives, topic_tokens
from factcheck.train.data import LABEL_ID, Pair, datasets_root, held_out
from factcheck.train.loop import plan_batches


def test_held_out_is_stable_and_near_the_asked_share():
    keys = [f"k{i}" for i in range(20000)]
    first = [held_out(k, 10.0) for k in keys]
    assert first == [held_out(k, 10.0) for k in keys]
    assert 0.09 < sum(first) / len(keys) < 0.11


def test_change_number_changes_exactly_one_number():
    rng = random.Random(0)
    text = "The plant employs 1,200 people and opened in 1998."
    for _ in range(20):
        new = change_number(text, rng)
        assert new != text
        changed = [(a, b) for a, b in zip(text.split(), new.split()) if a != b]
        assert len(changed) == 1 and len(text.split()) == len(new.split())
    assert change_number("No figures here.", rng) is None


def test_change_number_moves_a_year_by_a_few_years():
    new = change_number("It was founded in 1998.", random.Random(1))
    year = int(new.split()[-1].rstrip("."))
    assert 1995 <= year <= 2001 and year != 1998


def test_format_like_keeps_the_thousands_separator():
    assert _format_like("11.000", 22000) == "22.000"
    assert _format_like("1,200", 2400) == "2,400"
    assert _format_like("7", 14) == "14"


def test_change_name_swaps_a_name_found_in_the_premise():
    premise = "Berlin is the capital of Germany."
    new = change_name("The capital of Germany is Berlin.", premise, ["Madrid"], random.Random(0))
    assert new in ("The capital of Madrid is Berlin.", "The capital of Germany is Madrid.")


def test_hard_negatives_are_contradictions_made_from_entailed_pairs():
    pairs = [Pair(f"p{i}", "Sales were 300 units.", "Sales were 300 units.", LABEL_ID["entailment"], "x", "en")
             for i in range(5)]
    pairs.append(Pair("n", "Sales were 300 units.", "Sales grew.", LABEL_ID["neutral"], "x", "en"))
    out = hard_negatives(pairs, 3, random.Random(0))
    assert len(out) == 3
    assert all(p.label == LABEL_ID["contradiction"] and "300" not in p.hypothesis for p in out)
    assert {p.id.split("#")[0] for p in out} <= {f"p{i}" for i in range(5)}


def test_distractors_pair_a_claim_with_a_premise_on_the_same_topic_as_neutral():
    premises = {
        "a_1": "The river Danube flows through Vienna and Budapest before reaching the Black Sea.",
        "b_1": "Budapest and Vienna are capitals on the Danube river, a major European waterway.",
        "c_1": "The recipe needs flour, butter and three eggs.",
        "d_1": "The river Danube flows through Vienna and Budapest before it reaches the Black Sea.",  # near-copy
    }
    pairs = [Pair(f"vitaminc:{k}", t, f"claim {k}", LABEL_ID["entailment"], "vitaminc", "en")
             for k, t in premises.items()]
    pairs.append(Pair("vitaminc:a_2", "Another revision about the Danube river in Vienna.", "claim a_2",
                      LABEL_ID["entailment"], "vitaminc", "en"))  # same claim group as a_1
    pairs.append(Pair("snli:x", premises["b_1"], "other source", LABEL_ID["entailment"], "snli", "en"))
    out = distractors(pairs, 10, random.Random(0))
    by_claim = {p.hypothesis: p for p in out}
    assert all(p.label == LABEL_ID["neutral"] and p.source == "distractor-vitaminc" for p in out)
    assert by_claim["claim a_1"].premise == premises["b_1"]  # the topical one: not the recipe, the near-copy, a_2
    assert "other source" not in by_claim
    assert all(p.premise != q.premise for p in out for q in pairs if q.hypothesis == p.hypothesis)


def test_topic_tokens_read_chinese_as_character_bigrams():
    assert {"人工", "工智", "智能"} <= topic_tokens("人工智能")
    assert topic_tokens("The Danube in Vienna") == {"danube", "vienna"}


def test_best_window_picks_the_sentences_sharing_most_words_with_the_claim():
    from factcheck.train.mix import best_window

    premise = ("Hà Nội là thủ đô của Việt Nam. Dân số thành phố năm 2019 là 8 triệu người. "
               "Sông Hồng chảy qua thành phố. Mùa đông ở đây lạnh.")
    claim = "Dân số Hà Nội năm 2019 là 8 triệu người."
    assert best_window(premise, claim, 1) == "Dân số thành phố năm 2019 là 8 triệu người."
    assert best_window(premise, claim, 2) == "Hà Nội là thủ đô của Việt Nam. Dân số thành phố năm 2019 là 8 triệu người."
    assert best_window("Một câu duy nhất.", claim, 2) == "Một câu duy nhất."


def test_plan_batches_is_seeded_length_grouped_and_covers_each_example_once_per_epoch():
    lengths = [random.Random(i).randint(5, 120) for i in range(1000)]
    a = plan_batches(lengths, 16, seed=3, epochs=1.0)
    assert a == plan_batches(lengths, 16, seed=3, epochs=1.0)
    assert sorted(i for b in a for i in b) == list(range(1000))
    spread = sum(max(lengths[i] for i in b) - min(lengths[i] for i in b) for b in a) / len(a)
    assert spread < 10  # random batches would spread over ~100 tokens
    assert len(plan_batches(lengths, 16, seed=3, epochs=1.5)) == round(1.5 * len(a))


@pytest.fixture(scope="module")
def splits():
    try:
        root = datasets_root()
    except Exception:
        pytest.skip("shared datasets not available")
    from factcheck.train.mix import build_splits

    return build_splits(root, seed=13)


def test_validation_pairs_never_reach_training(splits):
    train, val = splits
    train_keys = {(p.premise, p.hypothesis) for p in train}
    assert not any((p.premise, p.hypothesis) in train_keys for p in val)
    val_claims = {p.hypothesis for p in val if p.source in ("vitaminc", "fever", "check_covid")}
    assert not any(p.hypothesis in val_claims for p in train if p.source in ("vitaminc", "fever", "check_covid"))


def test_check_covid_distractors_are_uncited_sentences_of_training_claims(splits):
    from factcheck.train.mix import distractor_pairs

    train, val = splits
    assert not any(p.source.startswith("distractor") for p in train)  # off by default: the shipped run's mix
    extra = distractor_pairs(datasets_root(), train, 50, seed=13)
    assert sum(p.source.startswith("distractor-") and p.source != "distractor-check_covid" for p in extra) == 50
    distract = [p for p in extra if p.source == "distractor-check_covid"]
    covid_train = {p.hypothesis: p.premise for p in train if p.source == "check_covid"}
    val_claims = {p.hypothesis for p in val}
    assert len(distract) > 500 and all(p.label == LABEL_ID["neutral"] for p in distract)
    assert not any(p.hypothesis in val_claims for p in distract)
    cited = [p for p in distract if p.hypothesis in covid_train]
    assert len(cited) > 0.9 * len(distract)
    assert not any(p.premise in covid_train[p.hypothesis] for p in cited)


def test_an_xnli_index_held_out_is_held_out_in_every_language(splits):
    train, val = splits
    val_idx = {p.id.rsplit("-", 1)[1] for p in val if p.source == "xnli"}
    train_idx = {p.id.split("-")[-1].split("#")[0] for p in train if p.source == "xnli"}
    train_idx |= {p.id.split(":")[1] for p in train if p.source == "xnli-x"}
    assert val_idx and not (val_idx & train_idx)


def test_focus_pairs_read_the_language_and_come_from_training_indices_only(splits):
    from factcheck.train.mix import focus_pairs

    _, val = splits
    val_idx = {p.id.rsplit("-", 1)[1] for p in val if p.source == "xnli"}
    extra = focus_pairs(datasets_root(), "zh", 3000, seed=13)
    assert len(extra) == 3000
    own = [p for p in extra if p.source == "xnli"]
    cross = [p for p in extra if p.source == "xnli-x"]
    assert own and cross and len(own) + len(cross) == 3000
    assert all(p.lang == "zh" for p in own)
    assert all("zh" in p.lang.split("-") and p.lang.split("-")[0] != p.lang.split("-")[1] for p in cross)
    idx = {p.id.split("-")[-1].split("#")[0] for p in own} | {p.id.split(":")[1] for p in cross}
    assert not (idx & val_idx)
    with pytest.raises(ValueError):
        focus_pairs(datasets_root(), "fr", 10, seed=13)


def test_translation_pairs_are_a_sentence_and_its_translation_from_training_indices(splits):
    from factcheck.train.data import read_nli, xnli_by_index
    from factcheck.train.mix import translation_pairs

    _, val = splits
    val_idx = {p.id.rsplit("-", 1)[1] for p in val if p.source == "xnli"}
    extra = translation_pairs(datasets_root(), 400, seed=13)
    groups = xnli_by_index(read_nli(datasets_root(), "xnli"))
    assert len(extra) == 400 and {p.label for p in extra} == {0} and {p.source for p in extra} == {"xnli-t"}
    fields = set()
    for p in extra:
        _, idx, field, langs = p.id.split("#")[0].split(":")
        a, b = langs.split("-")
        assert a != b and p.lang == langs and idx not in val_idx
        assert (p.premise, p.hypothesis) == (groups[int(idx)][a][field], groups[int(idx)][b][field])
        fields.add(field)
    assert fields == {"premise", "hypothesis"}
    assert translation_pairs(datasets_root(), 400, seed=13) == extra  # seeded


def test_translation_contrast_pairs_are_other_sentences_or_changed_numbers_from_training_indices(splits):
    import re

    from factcheck.train.data import read_nli, xnli_by_index
    from factcheck.train.mix import translation_contrast_pairs

    _, val = splits
    val_idx = {p.id.rsplit("-", 1)[1] for p in val if p.source == "xnli"}
    extra = translation_contrast_pairs(datasets_root(), 300, seed=13, pool=50)
    groups = xnli_by_index(read_nli(datasets_root(), "xnli"))
    assert len(extra) == 300 and {p.source for p in extra} == {"xnli-tc"}
    labels = [p.label for p in extra]
    assert labels.count(2) == 120 and labels.count(1) == 180  # 40% contradictions, the rest neutral
    for p in extra:
        _, idx, field, langs = p.id.split("#")[0].split(":")
        a, b = langs.split("-")
        assert a != b and p.lang == langs and idx not in val_idx
        assert p.premise == groups[int(idx)][a][field]
        own = groups[int(idx)][b][field]
        if p.label == 2:  # its own translation, one number changed
            assert p.hypothesis != own and re.sub(r"\d+", "#", p.hypothesis) == re.sub(r"\d+", "#", own)
        else:  # another sentence, whose premise is not this one's
            assert p.hypothesis != own
            assert not any(p.hypothesis == groups[int(idx)][b][f] for f in ("premise", "hypothesis"))
    assert translation_contrast_pairs(datasets_root(), 300, seed=13, pool=50) == extra  # seeded


def test_name_contrast_pairs_swap_one_name_of_a_training_sentences_english_or_vietnamese_version(splits):
    from factcheck.train.data import read_nli, xnli_by_index
    from factcheck.train.mix import name_contrast_pairs

    _, val = splits
    val_idx = {p.id.rsplit("-", 1)[1] for p in val if p.source == "xnli"}
    extra = name_contrast_pairs(datasets_root(), 200, seed=13)
    groups = xnli_by_index(read_nli(datasets_root(), "xnli"))
    assert len(extra) == 200 and {p.source for p in extra} == {"xnli-nc"} and {p.label for p in extra} == {2}
    for p in extra:
        head, swap = p.id.split("#")
        _, idx, field, langs = head.split(":")
        a, b = langs.split("-")
        old, new = swap.split(">")
        assert b in ("en", "vi") and idx not in val_idx and p.premise == groups[int(idx)][a][field]
        source = groups[int(idx)][b][field]
        assert old in source and new not in source and p.hypothesis == source.replace(old, new, 1)
    assert {p.lang.split("-")[0] == p.lang.split("-")[1] for p in extra} == {True, False}  # same and across
    assert name_contrast_pairs(datasets_root(), 200, seed=13) == extra  # seeded


def test_addition_contrast_pairs_are_entailed_only_when_both_joined_hypotheses_are(splits):
    from factcheck.train.data import LABEL_ID, read_nli, xnli_by_index
    from factcheck.train.mix import addition_contrast_pairs

    _, val = splits
    val_idx = {p.id.rsplit("-", 1)[1] for p in val if p.source == "xnli"}
    extra = addition_contrast_pairs(datasets_root(), 300, seed=13)
    groups = xnli_by_index(read_nli(datasets_root(), "xnli"))
    assert len(extra) == 300 and {p.source for p in extra} == {"xnli-ac"}
    assert [p.label for p in extra].count(LABEL_ID["neutral"]) == 100
    for p in extra:
        head = p.id.split("#")[0]
        _, parts, langs = head.split(":")
        first, second = (int(x) for x in parts.split("+"))
        a, b = langs.split("-")
        assert str(first) not in val_idx and str(second) not in val_idx
        labels = [groups[i]["en"]["label"] for i in (first, second)]
        assert "entailment" in labels
        expected = "entailment" if labels == ["entailment"] * 2 else next(x for x in labels if x != "entailment")
        assert p.label == LABEL_ID[expected]
        one, two = (groups[i][b]["hypothesis"].strip() for i in (first, second))
        and_word = {"en": ", and ", "vi": ", và ", "ru": ", и ", "zh": "，并且"}[b]
        assert p.hypothesis.startswith(one.rstrip(" .!?。！？") + and_word)
        assert p.hypothesis[len(one.rstrip(" .!?。！？") + and_word):].lower() == two.lower()
        for i in (first, second):  # each part's own premise is in the pair's two, in language a
            assert groups[i][a]["premise"].strip() in p.premise
    assert addition_contrast_pairs(datasets_root(), 300, seed=13) == extra  # seeded


def test_country_contrast_pairs_swap_one_country_of_a_training_sentences_translation(splits):
    from factcheck.train.data import read_nli, xnli_by_index
    from factcheck.train.mix import country_contrast_pairs
    from factcheck.verify.names import mentions

    _, val = splits
    val_idx = {p.id.rsplit("-", 1)[1] for p in val if p.source == "xnli"}
    extra = country_contrast_pairs(datasets_root(), 200, seed=13)
    groups = xnli_by_index(read_nli(datasets_root(), "xnli"))
    assert len(extra) == 200 and {p.source for p in extra} == {"xnli-cc"} and {p.label for p in extra} == {2}
    assert len({(p.premise, p.hypothesis) for p in extra}) == 200
    for p in extra:
        head, swap = p.id.split("#")
        _, idx, field, langs = head.split(":")
        a, b = langs.split("-")
        old, new = swap.split(">")
        assert a != b and b != "ru" and p.lang == langs and idx not in val_idx
        assert p.premise == groups[int(idx)][a][field]
        assert old in {c for *_, c in mentions(p.premise, a)}  # the premise names the country swapped out
        assert new in {c for *_, c in mentions(p.hypothesis, b)} and p.hypothesis != groups[int(idx)][b][field]
        assert new not in {c for *_, c in mentions(groups[int(idx)][b][field], b)}
    assert country_contrast_pairs(datasets_root(), 200, seed=13) == extra  # seeded


def test_context_pairs_keep_the_deciding_sentence_and_take_only_training_material(splits):
    from factcheck.train.data import check_covid_train
    from factcheck.train.mix import _group, build_splits, context_pairs

    train, val = splits
    extra = context_pairs(datasets_root(), train, 400, seed=13)
    by_id = {p.id: p for p in train}
    sources = {p.source for p in extra}
    assert {"context-check_covid", "near-check_covid", "context-xnli", "context-vitaminc"} <= sources
    corpus, rows = check_covid_train(datasets_root())
    row_of = {f"check_covid:{r['id']}": r for r in rows}
    padded = [p for p in extra if not p.source.endswith("check_covid")]
    assert len(padded) <= 400
    for p in padded:  # the original pair's premise among other premises, its label and claim kept
        orig = by_id[p.id.removesuffix("#context")]
        assert p.premise != orig.premise and orig.premise in p.premise
        assert (p.hypothesis, p.label, p.lang) == (orig.hypothesis, orig.label, orig.lang)
    for p in extra:
        if p.source == "near-check_covid":  # a window of uncited sentences, none next to a cited one: neutral
            row = row_of[p.id.removesuffix("#near")]
            sents = corpus[row["cord_id"]]
            cited = {e["sent_index"] for e in row["evidence_set"]}
            start = next(i for i in range(len(sents)) if p.premise.startswith(sents[i]))
            assert p.label == 1 and all(abs(start - c) > 1 for c in cited)
        elif p.source == "context-check_covid":  # every cited sentence inside
            row = row_of[p.id.removesuffix("#context")]
            assert all(corpus[row["cord_id"]][e["sent_index"]] in p.premise for e in row["evidence_set"])
    assert context_pairs(datasets_root(), train, 400, seed=13) == extra  # seeded
    # In the mix: no pair of a validation claim group or claim, the validation split unchanged.
    with_ctx, val2 = build_splits(datasets_root(), seed=13, context=400)
    assert val2 == val
    val_groups, val_claims = {_group(p.id) for p in val}, {p.hypothesis for p in val}
    added = [p for p in with_ctx if p.source.startswith(("context-", "near-"))]
    assert added and not any(p.hypothesis in val_claims for p in added)
    assert not any(_group(p.id) in val_groups for p in added if p.source.endswith("check_covid"))


def test_vihallu_windows_hold_out_rows_whole_and_reach_training_only_when_asked(splits):
    from factcheck.train.data import read_nli
    from factcheck.train.mix import build_splits, report_pairs, vihallu_pairs, vihallu_windows

    root = datasets_root()
    train_w, held = vihallu_windows(root)
    row_id = lambda p: p.id.split(":", 1)[1].split("#")[0]  # noqa: E731
    assert train_w and held and not {row_id(p) for p in train_w} & {row_id(p) for p in held}
    assert 0.15 < len({row_id(p) for p in held}) / 1400 < 0.25
    rows = {r["id"]: r for r in read_nli(root, "vihallu_semviqa")}
    for p in train_w[:300]:  # a window of the row's own context, its claim and label kept
        row = rows[row_id(p)]
        assert p.premise and p.premise in row["premise"] and p.hypothesis == row["hypothesis"]
        assert p.label == LABEL_ID[row["label"]] and (p.source, p.lang) == ("vihallu", "vi")
    assert report_pairs(root) == held
    drawn = vihallu_pairs(root, 3000, seed=13)
    assert len(drawn) == 3000 and set(drawn) <= set(train_w) and drawn == vihallu_pairs(root, 3000, seed=13)
    assert len(set(drawn)) == min(3000, len(train_w))  # every window once before any twice
    # Off by default; on, the validation split is unchanged and no held-out row is trained on.
    train, val = splits
    assert not any(p.source == "vihallu" for p in train + val)
    with_vh, val2 = build_splits(root, seed=13, vihallu=500)
    assert val2 == val
    added = [p for p in with_vh if p.source == "vihallu"]
    assert len(added) == 500 and not {row_id(p) for p in added} & {row_id(p) for p in held}


def test_split_covers_the_four_languages_and_uses_onlycheck_covid_train(splits):
    train, val = splits
    langs = {p.lang for p in val if p.source == "xnli"}
    assert langs == {"en", "vi", "ru", "zh"}
    covid = [p for p in train + val if p.source == "check_covid"]
    assert covid
    root = datasets_root() / "check_covid" / "dev"
    dev_ids = {line.split('"id": "')[1].split('"')[0] for f in root.glob("*.json") for line in f.open()}
    assert not any(p.id.split(":", 1)[1] in dev_ids for p in covid)


def test_pipeline_dev_set_holds_only_validation_claims(splits, tmp_path):
    import json

    from factcheck.train.devset import build

    train, val = splits
    n_claims, n_docs = build(tmp_path, seed=13, parts=("covid", "xnli"))
    rows = [json.loads(line) for line in (tmp_path / "claims.jsonl").read_text().splitlines()]
    docs = [json.loads(line) for line in (tmp_path / "corpus.jsonl").read_text().splitlines()]
    assert len(rows) == n_claims and len(docs) == n_docs
    covid = [r for r in rows if r["meta"]["part"] == "covid"]
    xnli = [r for r in rows if r["meta"]["part"] == "xnli"]
    assert len(covid) == sum(p.source == "check_covid" for p in val) and len(covid) + len(xnli) == n_claims
    trained = {p.hypothesis for p in train if p.source in ("check_covid", "xnli")}
    assert not any(r["claim"] in trained for r in rows)
    for part in (covid, xnli):
        assert {r["label"] for r in part} == {"SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO"}
    assert all(sum(r["label"] == lab for r in xnli) == 50 for lab in ("SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO"))
    assert {r["lang"] for r in xnli} == {r["meta"]["evidence_lang"] for r in xnli} == {"en", "vi", "ru", "zh"}
    val_idx = {p.id.split("-")[-1] for p in val if p.source == "xnli"}
    assert all(r["id"].split("-")[2] in val_idx for r in xnli)
    text = {d["doc_id"]: d["text"] for d in docs}
    assert all(any(e in t for t in text.values()) for r in rows for e in r["evidence"])


def test_a_larger_dev_set_takes_more_claims_per_label(splits, tmp_path):
    import json

    from factcheck.train.devset import _vitaminc_part, build

    train, val = splits
    build(tmp_path, seed=13, parts=("xnli",), per_label=80)
    rows = [json.loads(line) for line in (tmp_path / "claims.jsonl").read_text().splitlines()]
    assert [sum(r["label"] == lab for r in rows) for lab in ("SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO")] == [80] * 3
    val_idx = {p.id.split("-")[-1] for p in val if p.source == "xnli"}
    assert all(r["id"].split("-")[2] in val_idx for r in rows)
    claims, _ = _vitaminc_part(val, 70)
    assert [sum(c["label"] == lab for c in claims) for lab in ("SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO")] == [70] * 3


def test_parallel_dev_part_checks_translations_against_the_other_language(tmp_path):
    import json

    from factcheck.train.devset import build

    try:
        datasets_root()
    except Exception:
        pytest.skip("shared datasets not available")
    n_claims, _ = build(tmp_path, seed=13, parts=("parallel",))
    rows = [json.loads(line) for line in (tmp_path / "claims.jsonl").read_text().splitlines()]
    docs = [json.loads(line) for line in (tmp_path / "corpus.jsonl").read_text().splitlines()]
    assert n_claims == len(rows) == 150
    assert all(sum(r["label"] == lab for r in rows) == 50 for lab in ("SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO"))
    assert all(r["lang"] != r["meta"]["evidence_lang"] and r["lang"] in ("en", "vi") for r in rows)
    lang_of = {d["doc_id"]: d["lang"] for d in docs}
    corpus = " ".join(d["text"] for d in docs)
    for r in rows:
        if r["label"] == "NOT_ENOUGH_INFO":
            assert not r["evidence"]
        else:  # the deciding sentence is in the corpus, in a document of the other language
            (e,) = r["evidence"]
            assert any(e in d["text"] and d["lang"] == r["meta"]["evidence_lang"] for d in docs)
    doc_of = {r["id"]: r["id"].split("-")[1] + "-" + r["id"].split("-")[2] for r in rows}
    assert all(lang_of[doc_of[r["id"]]] == r["meta"]["evidence_lang"] for r in rows if doc_of[r["id"]] in lang_of)
    assert corpus and not any(r["claim"] in corpus for r in rows)  # claims are never in their own language's corpus
    with pytest.raises(ValueError):
        build(tmp_path, parts=("nope",))


def test_gpu_mix_is_larger_and_keeps_the_same_never_trained_validation_split(splits):
    from factcheck.train.mix import GPU_TRAIN_SIZES, build_splits

    train, val = splits
    assert len(train) == 55518  # the CPU recipe's default mix is unchanged by the size overrides
    g_train, g_val = build_splits(datasets_root(), seed=13, distractors=3500, sizes=GPU_TRAIN_SIZES)
    assert [p.id for p in g_val] == [p.id for p in val]
    assert len(g_train) > 2 * len(train)
    keys = {(p.premise, p.hypothesis) for p in g_train}
    assert not any((p.premise, p.hypothesis) in keys for p in g_val)
    val_claims = {p.hypothesis for p in g_val if p.source in ("vitaminc", "fever", "check_covid")}
    assert not any(p.hypothesis in val_claims for p in g_train if p.source in ("vitaminc", "fever", "check_covid"))


def test_translation_check_counts_what_the_model_reads_a_translation_as():
    import numpy as np

    from factcheck.train.translation_check import check, translation_rows

    class _Fake:  # entailment when both sides have the same number of words, else contradiction
        def predict(self, rows):
            return np.array([[0.8, 0.1, 0.1] if len(a.split()) == len(b.split()) else [0.1, 0.2, 0.7]
                             for a, b in rows])

    result = check(_Fake(), [("a b c d", "w x y z"), ("a b c d", "w x y"), ("a b", "c d"), ("a", "b c")])
    assert result == {"n": 4, "entailment": 0.5, "neutral": 0.0, "contradiction": 0.5, "mean_p_entailment": 0.45}
    try:
        root = datasets_root()
    except Exception:
        pytest.skip("shared datasets not available")
    rows = translation_rows(root)
    assert len(rows) % 2 == 0 and rows[0] == (rows[1][1], rows[1][0])  # both directions
    assert len(rows) == 4380  # the count the model card reports (sentences of 4+ English words)
    assert not any("&quot;" in a or "&#39;" in a for pair in rows for a in pair)


def test_name_rows_are_validation_translations_whose_names_the_verifier_rewrites(splits):
    from factcheck.train.translation_check import name_rows

    rows = name_rows(datasets_root())
    assert len(rows) == 480  # the count the model card reports
    val_text = {t for p in splits[1] if p.source == "xnli" for t in (p.premise, p.hypothesis)}
    for quote, before, after in rows:
        assert before != after and quote in val_text  # validation indices only, each one rewritten
        new_words = set(re.findall(r"\w+", after)) - set(re.findall(r"\w+", before))
        assert all(w in quote for w in new_words)  # spelled as the quote spells it


def test_the_cross_lingual_pool_caps_xnli_x_and_draws_from_training_indices_only():
    import random

    from factcheck.train.mix import GPU_TRAIN_SIZES, _xnli_training_groups, xnli_part

    try:
        root = datasets_root()
    except Exception:
        pytest.skip("shared datasets not available")
    groups, train_idx = _xnli_training_groups(root)
    held = set(groups) - set(train_idx)
    default, val = xnli_part(root, random.Random(13), GPU_TRAIN_SIZES)
    wider, val2 = xnli_part(root, random.Random(13), {**GPU_TRAIN_SIZES, "xnli-x": 9000, "xnli-x-pool": 10})
    assert [p.id for p in val2] == [p.id for p in val]
    cross = [p for p in default if p.source == "xnli-x"]
    assert len(cross) == 2 * len(train_idx) < 12000  # the default pool (2 draws per index) caps the asked 12,000
    more = [p for p in wider if p.source == "xnli-x"]
    assert len(more) == 9000
    assert not {int(p.id.split(":")[1]) for p in more} & held
    assert all(p.lang.count("-") == 1 and p.lang[:2] != p.lang[3:] for p in more)


def test_vitaminc_dev_part_takes_one_held_out_pair_per_claim_group(splits):
    from factcheck.train.devset import _vitaminc_part
    from factcheck.train.mix import _group

    train, val = splits
    claims, docs = _vitaminc_part(val)
    assert [sum(c["label"] == lab for c in claims) for lab in ("SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO")] == [50] * 3
    held = {p.id.split(":", 1)[1]: p for p in val if p.source == "vitaminc"}
    ids = [c["id"][len("vitaminc-val-"):] for c in claims]
    assert all(i in held for i in ids)
    assert len({_group("vitaminc:" + i) for i in ids}) == len(ids)  # one pair per claim group
    trained = {p.hypothesis for p in train if p.source == "vitaminc"}
    assert not any(held[i].hypothesis in trained for i in ids)
    text = " ".join(d["text"] for d in docs)
    assert all(c["evidence"] and c["evidence"][0] in text for c in claims if c["label"] != "NOT_ENOUGH_INFO")
    assert all(not c["evidence"] for c in claims if c["label"] == "NOT_ENOUGH_INFO")
    assert len(docs) == -(-len(claims) // 4) and all(d["lang"] == "en" for d in docs)


def test_the_vnpara_dev_part_checks_news_sentences_by_their_paraphrase(tmp_path):
    import json

    from factcheck.train.devset import PARTS, build

    try:
        datasets_root()
    except Exception:
        pytest.skip("shared datasets not available")
    assert "vnpara" in PARTS  # the shipped claim rule is fitted on it (session 14)
    n_claims, _ = build(tmp_path, parts=("vnpara",))
    claims = [json.loads(x) for x in (tmp_path / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    docs = [json.loads(x) for x in (tmp_path / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    assert n_claims == len(claims) == 150
    assert [sum(c["label"] == lab for c in claims) for lab in ("SUPPORTED", "REFUTED", "NOT_ENOUGH_INFO")] == [50] * 3
    corpus = " ".join(d["text"] for d in docs)
    assert all(c["lang"] == "vi" and c["claim"] not in corpus for c in claims)  # a paraphrase, never the sentence
    for c in claims:
        if c["label"] == "NOT_ENOUGH_INFO":
            assert not c["evidence"]
        else:
            assert c["evidence"][0] in corpus
    assert all(any(ch.isdigit() for ch in c["claim"]) for c in claims if c["label"] == "REFUTED")


def test_dev_layouts_for_article_length_documents_and_figure_balanced_labels(tmp_path):
    import json
    import re

    from factcheck.train.devset import build

    try:
        datasets_root()
    except Exception:
        pytest.skip("shared datasets not available")

    def read(d):
        claims = [json.loads(x) for x in (d / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
        docs = [json.loads(x) for x in (d / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]
        return claims, docs

    build(tmp_path / "six", parts=("vnpara",), figure_balance=False)
    build(tmp_path / "forty", parts=("vnpara",), doc_sentences=40, figure_balance=False)
    build(tmp_path / "balanced", parts=("vnpara",))  # the default since session 17
    (six, six_docs), (forty, forty_docs), (bal, _) = read(tmp_path / "six"), read(tmp_path / "forty"), \
        read(tmp_path / "balanced")
    assert [c["id"] for c in forty] == [c["id"] for c in six]  # the same claims, longer documents
    assert len(forty_docs) < len(six_docs) / 5
    assert " ".join(d["text"] for d in forty_docs) == " ".join(d["text"] for d in six_docs)

    def with_digits(claims, label):
        return sum(bool(re.search(r"\d", c["claim"])) for c in claims if c["label"] == label)
    assert with_digits(six, "SUPPORTED") < 25 and with_digits(six, "REFUTED") == 50  # unbalanced: figures mark REFUTED
    assert with_digits(bal, "SUPPORTED") == with_digits(bal, "NOT_ENOUGH_INFO") == with_digits(bal, "REFUTED") == 50


def test_the_optional_vihallu_dev_part_holds_only_rows_kept_out_of_training(tmp_path):
    import json

    from factcheck.train.devset import PARTS, build
    from factcheck.train.mix import vihallu_windows

    try:
        root = datasets_root()
    except Exception:
        pytest.skip("shared datasets not available")
    assert "vihallu" not in PARTS  # not among the claims the shipped claim rule was fitted on
    n_claims, n_docs = build(tmp_path, parts=("vihallu",))
    claims = [json.loads(x) for x in (tmp_path / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    docs = {d["doc_id"]: d for d in map(json.loads, (tmp_path / "corpus.jsonl").read_text(encoding="utf-8").splitlines())}
    assert n_claims == len(claims) == 150 and n_docs == len(docs) > 150
    assert sorted(c["label"] for c in claims).count("REFUTED") == 50
    trained = {p.id.split(":", 1)[1].split("#")[0] for p in vihallu_windows(root)[0]}
    for c in claims:
        assert c["id"].removeprefix("vihallu-val-") not in trained and c["lang"] == "vi"
        assert docs[c["meta"]["doc_id"]]["lang"] == "vi"


def test_name_runs_leave_out_sentence_and_quotation_openers():
    from factcheck.train.devset import _before, _name_runs

    text = "“ Ở nhà, anh Nguyễn Văn Minh học ở Hà Nội. Sau đó Minh đi."
    assert [text[a:b] for a, b in _name_runs(text)] == ["Nguyễn Văn Minh", "Hà Nội", "Minh"]
    assert _before(text, text.index("Hà Nội")) == "ở" and _before("Minh đi", 0) == ""


def test_the_optional_vnswap_dev_part_swaps_one_name_of_the_source(tmp_path):
    import json

    from factcheck.train.devset import PARTS, build

    try:
        datasets_root()
    except Exception:
        pytest.skip("shared datasets not available")
    assert "vnswap" not in PARTS
    with pytest.raises(ValueError, match="on its own"):
        build(tmp_path / "both", parts=("vnpara", "vnswap"))
    build(tmp_path, parts=("vnswap",))
    claims = [json.loads(x) for x in (tmp_path / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    corpus = (tmp_path / "corpus.jsonl").read_text(encoding="utf-8")
    assert sorted(c["label"] for c in claims).count("REFUTED") == 50 and len(claims) == 150
    for c in claims:
        if c["label"] == "REFUTED":  # the source is in the corpus and the claim writes a name it does not
            assert json.dumps(c["evidence"][0], ensure_ascii=False)[1:-1] in corpus
            assert c["claim"] not in corpus


def test_localise_pairs_reads_cross_language_pairs_as_the_verifier_does():
    from factcheck.train.mix import localise_pairs
    from factcheck.verify.verifier import model_claim

    premise = "Hôm 31.12.2024, Chủ tịch Trung Quốc Tập Cận Bình gửi lời chúc mừng năm mới tới Tổng thống Putin."
    cross = Pair("a", premise, "Xi Jinping sent New Year greetings to Putin.", 0, "xnli-x", "vi-en")
    same = Pair("b", "Xi Jinping sent greetings.", "Xi Jinping sent New Year greetings.", 0, "xnli", "en")
    out, changed = localise_pairs([cross, same])
    assert changed == 1 and out[1] == same
    assert out[0].hypothesis == "Tập Cận Bình sent New Year greetings to Putin." == \
        model_claim(cross.hypothesis, "en", premise, "vi")
    assert (out[0].premise, out[0].label, out[0].lang) == (premise, 0, "vi-en")


def test_covid_repeat_copies_only_the_check_covid_pairs_and_keeps_them_out_of_validation(splits):
    from collections import Counter

    from factcheck.train.mix import COVID_SOURCES, repeat_covid

    train, val = splits
    extra = repeat_covid(train, 2)
    covid = [p for p in train if p.source in COVID_SOURCES]
    assert covid and len(extra) == 2 * len(covid)
    assert {p.source for p in extra} <= set(COVID_SOURCES)
    key = lambda p: (p.premise, p.hypothesis, p.label, p.source)  # noqa: E731
    assert Counter(map(key, extra)) == Counter({k: 2 * n for k, n in Counter(map(key, covid)).items()})
    assert {p.id.rsplit("#", 1)[1] for p in extra} == {"rep1", "rep2"}
    val_claims = {p.hypothesis for p in val if p.source == "check_covid"}
    assert not val_claims & {p.hypothesis for p in extra}
    assert repeat_covid(train, 0) == []
