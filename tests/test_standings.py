"""Standings of two countries ("A is ahead of B"), read in four languages and compared across them."""

import argparse
from types import SimpleNamespace

import numpy as np
import pytest

from factcheck.schema import Claim, Passage
from factcheck.verify.base import PairScorer
from factcheck.verify.standings import AHEAD, BEHIND, reversed_standing, standings
from factcheck.verify.verifier import Verifier

VI_QUOTE = ("Theo bảng xếp hạng mới, Pháp hiện đứng thứ 12, không chỉ kém xa Đức và Nhật Bản mà còn thua cả "
            "Canada và Úc.")


def _read(text: str, lang: str) -> list[tuple[str, int, str]]:
    return [(s.subject, s.direction, s.other) for s in standings(text, lang)]


@pytest.mark.parametrize("text, lang, read", [
    ("Mexico is ahead of Chile and Peru.", "en", [("MX", AHEAD, "CL"), ("MX", AHEAD, "PE")]),
    ("Poland trails Germany but outranks Italy.", "en", [("PL", BEHIND, "DE"), ("PL", AHEAD, "IT")]),
    ("Spain is ahead of Portugal, and France is ahead of Spain.", "en", [("ES", AHEAD, "PT"), ("FR", AHEAD, "ES")]),
    ("Germany, second only to the United States, exports the most.", "en", [("DE", BEHIND, "US")]),
    ("Kenya ranked just below Nigeria.", "en", [("KE", BEHIND, "NG")]),
    # "không chỉ ... mà còn": the second cue keeps the first one's subject, not its objects
    (VI_QUOTE, "vi", [("FR", BEHIND, "DE"), ("FR", BEHIND, "JP"), ("FR", BEHIND, "CA"), ("FR", BEHIND, "AU")]),
    ("Ấn Độ xếp trên Brazil.", "vi", [("IN", AHEAD, "BR")]),
    ("Hàn Quốc đã vượt qua Nhật Bản.", "vi", [("KR", AHEAD, "JP")]),
    ("Польша опережает Германию и Италию.", "ru", [("PL", AHEAD, "DE"), ("PL", AHEAD, "IT")]),
    ("Канада отстаёт от Австралии.", "ru", [("CA", BEHIND, "AU")]),
    ("墨西哥领先于智利。", "zh", [("MX", AHEAD, "CL")]),
    ("日本的排名低于韩国和德国。", "zh", [("JP", BEHIND, "KR"), ("JP", BEHIND, "DE")]),
    # a country in brackets or after a preposition is not the subject; the one before it is
    ("Theo báo Guardian (Anh), Pháp xếp sau Đức.", "vi", [("FR", BEHIND, "DE")]),
    ("Chile is the second market of Japan, second only to Peru.", "en", [("CL", BEHIND, "PE")]),
    # only the objects joined to the first one: a country later in the clause is compared with nothing
    ("Việt Nam vẫn xếp dưới Thái Lan một cấp, chỉ ngang với Singapore và Malaysia.", "vi", [("VN", BEHIND, "TH")]),
])
def test_standings_read_subject_direction_and_each_other_country(text, lang, read):
    assert _read(text, lang) == read


@pytest.mark.parametrize("text, lang", [
    ("Mexico is not ahead of Chile.", "en"),  # negated
    ("Hàn Quốc chưa vượt qua Nhật Bản.", "vi"),
    ("Польша не опережает Германию.", "ru"),
    ("The trailer was filmed in France and Spain.", "en"),  # "trail" only as a word of its own
    ("Exports to Chile surpassed $5 billion.", "en"),  # no country before the cue
    ("Mexico's GDP is higher than Chile's.", "en"),  # a quantity compared, not a standing
    ("Xuất khẩu của Việt Nam vượt 5 tỉ USD.", "vi"),  # no country after the cue
    ("Nhiều người Triều Tiên vượt sang Trung Quốc.", "vi"),  # crossing a border is no standing
    ("Mexico is ahead of its neighbours in trade, in tourism and in exports to Chile.", "en"),  # object too far
    ("Mexico is ahead of Chile.", "de"),
    ("Mexico is ahead of Chile.", None),
])
def test_no_standing_where_no_rule_reads_one(text, lang):
    assert standings(text, lang) == []


def _reversed(claim: str, lang: str, quote: str, quote_lang: str):
    return reversed_standing(standings(claim, lang), quote, quote_lang)


def test_a_standing_stated_the_other_way_round_is_found_across_languages():
    assert _reversed("France is ahead of Canada and Australia.", "en", VI_QUOTE, "vi") == \
        ("France … ahead of Canada", "Pháp … thua … Canada")
    # the other pair's order reversed reads the same: "Canada trails France" against France behind Canada
    assert _reversed("Canada trails France.", "en", VI_QUOTE, "vi") == ("Canada trails France", "Pháp … thua … Canada")
    assert _reversed("Франция уступает Германии.", "ru", VI_QUOTE, "vi") is None  # the same order
    assert _reversed("Canada is ahead of Australia.", "en", VI_QUOTE, "vi") is None  # not stated
    assert _reversed("France is ahead of Canada.", "en", "Pháp là một nước.", "vi") is None
    assert _reversed("France is ahead of Canada.", None, VI_QUOTE, "vi") is None
    # a quote stating it both ways (two rankings) does not refute
    both = "France is ahead of Canada in one index, while Canada is ahead of France in another."
    assert _reversed("France is ahead of Canada.", "en", both, "en") is None


class _Flat(PairScorer):
    name = "flat"

    def score(self, pairs):
        return np.array([(0.8, 0.15, 0.05)] * len(pairs), np.float32)


def _score(claim: str, quote: str, **kwargs):
    passage = Passage(id="p0", doc_id="d0", text=quote, start=0, end=len(quote), lang="vi")
    return Verifier(_Flat(), **kwargs).score(Claim(text=claim, lang="en"), [passage])


def test_the_verifier_refutes_a_claim_whose_standing_the_quote_reverses():
    scored = _score("France is ahead of Canada and Australia.", VI_QUOTE)
    assert scored.signals == ["conflict"]
    assert scored.whys[0] == ('Standings differ: the source has "Pháp … thua … Canada" where the claim has '
                              '"France … ahead of Canada".')
    assert scored.probs[0][2] > 0.05  # pulled towards contradiction
    assert _score("France is ahead of Canada and Australia.", VI_QUOTE, standings=False).signals == ["none"]
    assert _score("France trails Canada and Australia.", VI_QUOTE).signals == ["none"]


def test_fit_claims_keys_a_scored_file_by_the_standings_switch_only_when_given():
    from factcheck.train import fit_claims

    cal = SimpleNamespace(weights_sha256="abc", temperature=1.0, figures=SimpleNamespace(model_dump=lambda: {}))
    base = dict(top_k=5, seed=13, parts="covid", cross_window=None)
    assert "standings" not in fit_claims._scoring_key(cal, argparse.Namespace(**base))
    assert fit_claims._scoring_key(cal, argparse.Namespace(**base, standings="off"))["standings"] == "off"
    with pytest.raises(SystemExit):
        fit_claims.main(["--standings", "yes", "--dry-run"])
