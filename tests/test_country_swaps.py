"""A claim naming one country where its source names another: found by the country tables, judged by the model."""

import numpy as np
import pytest

from factcheck.schema import Claim, Passage
from factcheck.verify.base import PairScorer
from factcheck.verify.names import country_swaps, swap_country
from factcheck.verify.verifier import Verifier

VI_QUOTE = "Tom tới từ Úc và sống ở Sydney từ năm 2010."


def test_the_claims_one_unnamed_country_pairs_with_each_the_quote_names_instead():
    assert country_swaps("Tom is from Morocco.", "en", VI_QUOTE, "vi") == [(("Morocco",), "Úc")]
    # an adjective counts as its country, and every form of it is offered for replacement, longest first
    assert country_swaps("The Russian envoy said Russia agreed.", "en", "Trung Quốc đồng ý.", "vi") == \
        [(("Russian", "Russia"), "Trung Quốc")]
    # two candidates from the quote, in its order; a country both name is not one
    quote = "Java and Javascript are like India and Indonesia."
    assert country_swaps("Java với Javascript khác nhau như Pháp khác với Indonesia.", "vi", quote, "en") == \
        [(("Pháp",), "India")]
    assert country_swaps("Он приехал из Германии.", "ru", "他来自法国和意大利。", "zh") == \
        [(("Германии",), "法国"), (("Германии",), "意大利")]


def test_no_swap_without_exactly_one_country_missing_and_another_in_its_place():
    # every country of the claim is named by the quote
    assert country_swaps("Tom is from Australia.", "en", VI_QUOTE, "vi") == []
    # the quote names no country the claim does not (it only leaves one out)
    assert country_swaps("Italian seeds grew in Zambia.", "en", "Hạt giống mọc ở Zambia.", "vi") == []
    # two of the claim's countries are missing: which one was swapped is not known
    assert country_swaps("France and Spain signed.", "en", "Đức đã ký.", "vi") == []
    # a country inside one of the claim's figures is not one of its names
    claim = "Exports reached US$5 million."
    assert country_swaps(claim, "en", "Xuất khẩu của Nhật Bản đạt 5 triệu USD.", "vi", [(16, 28)]) == []
    assert country_swaps(claim, None, VI_QUOTE, "vi") == []


def test_swap_country_writes_every_mention_and_only_whole_words():
    assert swap_country("The Russian envoy said Russia agreed.", ("Russian", "Russia"), "Trung Quốc") == \
        "The Trung Quốc envoy said Trung Quốc agreed."
    assert swap_country("他来自德国。", ("德国",), "France") == "他来自France。"  # Chinese writes no spaces
    assert swap_country("Moroccoan food", ("Morocco",), "Úc") is None  # not a word of its own
    assert swap_country("Tom is from Spain.", ("Morocco",), "Úc") is None


class _ByClaim(PairScorer):
    """p(entailment) by the (premise, claim) pair or else by the claim's text (0.2 when neither is listed); keeps the
    pairs it was shown."""

    name = "by-claim"

    def __init__(self, entail: dict):
        self.entail, self.seen = entail, []

    def score(self, pairs):
        self.seen += pairs
        probs = [self.entail.get(pair, self.entail.get(pair[1], 0.2)) for pair in pairs]
        return np.array([(e, (1 - e) * 0.7, (1 - e) * 0.3) for e in probs], np.float32)


def _passage(text: str, lang: str) -> Passage:
    return Passage(id="p0", doc_id="d0", text=text, start=0, end=len(text), lang=lang)


def test_the_verifier_refutes_a_claim_whose_country_the_model_reads_as_swapped():
    claim = Claim(text="Tom is from Morocco.", lang="en")
    scorer = _ByClaim({"Tom is from Úc.": 0.9, "Tom is from Morocco.": 0.4})
    scored = Verifier(scorer, country_swaps="any").score(claim, [_passage(VI_QUOTE, "vi")])
    assert scorer.seen == [(VI_QUOTE, "Tom is from Morocco."), (VI_QUOTE, "Tom is from Úc.")]
    assert scored.signals == ["conflict"]
    assert scored.whys[0] == 'Countries differ: the source names "Úc" where the claim names "Morocco".'
    assert len(scored.probs) == 1 and scored.probs[0][2] > 0.3 * 0.6  # pulled towards contradiction
    # on by default; off: one pair read, nothing changed
    default = _ByClaim({"Tom is from Úc.": 0.9, "Tom is from Morocco.": 0.4})
    assert Verifier(default).score(claim, [_passage(VI_QUOTE, "vi")]).signals == ["conflict"]
    off = _ByClaim({"Tom is from Úc.": 0.9, "Tom is from Morocco.": 0.4})
    assert Verifier(off, country_swaps=None).score(claim, [_passage(VI_QUOTE, "vi")]).signals == ["none"]
    assert len(off.seen) == 1


def test_a_quote_of_several_sentences_is_tested_on_the_sentence_naming_its_country():
    first, second = "Tom tới từ Úc.", "Anh ấy làm kỹ sư phần mềm ở Sydney."
    quote = f"{first} {second}"
    claim = Claim(text="Tom is from Morocco.", lang="en")
    # against the whole quote the swap gains little (the other sentence dilutes it); against its sentence it gains
    scorer = _ByClaim({(quote, "Tom is from Morocco."): 0.4, (first, "Tom is from Úc."): 0.9,
                          (first, "Tom is from Morocco."): 0.3, (quote, "Tom is from Úc."): 0.5})
    verifier = Verifier(scorer, country_swaps="any", cross_window=1)  # the quote: both sentences
    scored = verifier.score(claim, [Passage(id="p0", doc_id="d0", text=quote, start=0, end=len(quote), lang="vi")])
    assert scored.cands[0].quote == quote
    swap_reads = [p for p in scorer.seen if p[0] == first]
    assert swap_reads == [(first, "Tom is from Úc."), (first, "Tom is from Morocco.")]
    assert scored.signals[0] == "conflict"
    # the claim as written reads as well against that sentence: no conflict
    scorer = _ByClaim({(first, "Tom is from Úc."): 0.9, (first, "Tom is from Morocco."): 0.8})
    scored = Verifier(scorer, country_swaps="any", cross_window=1).score(
        claim, [Passage(id="p0", doc_id="d0", text=quote, start=0, end=len(quote), lang="vi")])
    assert "conflict" not in scored.signals


@pytest.mark.parametrize("entail", [
    {"Tom is from Úc.": 0.45, "Tom is from Morocco.": 0.1},  # the swapped claim is not entailed
    {"Tom is from Úc.": 0.9, "Tom is from Morocco.": 0.7},  # the claim as written reads almost as well
])
def test_no_conflict_unless_the_swapped_claim_is_entailed_and_gains(entail):
    scored = Verifier(_ByClaim(entail), country_swaps="any").score(Claim(text="Tom is from Morocco.", lang="en"),
                                                                   [_passage(VI_QUOTE, "vi")])
    assert scored.signals == ["none"] and scored.whys == [""]


def test_cross_reads_only_quotes_in_another_language():
    quote = "Tom is from Australia and has lived in Sydney since 2010."
    claim = Claim(text="Tom is from Morocco.", lang="en")
    entail = {"Tom is from Australia.": 0.9, "Tom is from Morocco.": 0.3}
    assert Verifier(_ByClaim(entail), country_swaps="any").score(claim, [_passage(quote, "en")]).signals == ["conflict"]
    cross = _ByClaim(entail)
    assert Verifier(cross, country_swaps="cross").score(claim, [_passage(quote, "en")]).signals == ["none"]
    assert len(cross.seen) == 1
    with pytest.raises(ValueError, match="country_swaps"):
        Verifier(cross, country_swaps="all")


def test_fit_claims_can_score_the_dev_claims_with_country_swaps_and_keys_its_scored_file_by_it():
    import argparse
    from types import SimpleNamespace

    from factcheck.train import fit_claims

    cal = SimpleNamespace(weights_sha256="abc", temperature=1.0, figures=SimpleNamespace(model_dump=lambda: {}))
    base = dict(top_k=5, seed=13, parts="covid", cross_window=None)
    shipped = fit_claims._scoring_key(cal, argparse.Namespace(**base))
    assert "country_swaps" not in shipped  # files scored before the switch existed still match
    assert fit_claims._scoring_key(cal, argparse.Namespace(**base, country_swaps="cross"))["country_swaps"] == "cross"
    with pytest.raises(SystemExit):  # only the three settings are accepted
        fit_claims.main(["--country-swaps", "all", "--dry-run"])
