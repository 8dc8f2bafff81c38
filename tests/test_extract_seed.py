"""The seed article: the claims a fact-checker expects are all extracted, each with a correct span."""

from __future__ import annotations

import pytest

from factcheck.extract import ExtractionResult, extract_claims

# (what the fact is, words the claim's text must hold, words its source spans must hold)
EXPECTED = [
    ("directive on the Kremlin site on 1.1.2025", ["Điện Kremlin", "1.1.2025"], ["Điện Kremlin hôm 1.1.2025"]),
    ("three weeks after the BRICS statement", ["ba tuần sau", "BRICS"], ["ba tuần sau khi ông tuyên bố"]),
    ("BRICS member Brazil", ["BRICS gồm Brazil"], ["BRICS gồm", "Brazil"]),
    ("BRICS member Russia", ["BRICS gồm Nga"], ["BRICS gồm", "Nga"]),
    ("BRICS member India", ["BRICS gồm Ấn Độ"], ["BRICS gồm", "Ấn Độ"]),
    ("BRICS member China", ["BRICS gồm Trung Quốc"], ["BRICS gồm", "Trung Quốc"]),
    ("BRICS member South Africa", ["BRICS gồm Nam Phi"], ["BRICS gồm", "Nam Phi"]),
    ("the New Development Bank", ["BRICS", "Ngân hàng Phát triển Mới"], ["thành lập Ngân hàng Phát triển Mới"]),
    ("German Gref, Sberbank's CEO, on GPUs in 2023", ["German Gref", "Giám đốc điều hành Sberbank", "2023", "GPU"],
     ["German Gref, Giám đốc điều hành Sberbank, thừa nhận vào năm 2023"]),
    ("AI Alliance Network with Serbia and Indonesia", ["Mạng lưới Liên minh AI", "Serbia", "Indonesia"],
     ["Mạng lưới Liên minh AI mới", "như Serbia, Indonesia"]),
    ("31st of 83, behind the US and China", ["Tortoise Media", "xếp thứ 31 trong số 83", "Mỹ và Trung Quốc"],
     ["Tortoise Media", "kém xa Mỹ và Trung Quốc"]),
    ("31st of 83, behind India and Brazil", ["Tortoise Media", "xếp thứ 31 trong số 83", "Ấn Độ và Brazil"],
     ["Tortoise Media", "là Ấn Độ và Brazil"]),
    ("AI Journey conference on 12.12.2024 in Moscow", ["Hành trình đến thế giới AI", "12.12.2024", "Moscow"],
     ["hôm 12.12.2024 ở Moscow"]),
    ("more than 11,000 billion rubles (more than $109 billion) of GDP in 2030",
     ["hơn 11.000 tỉ rúp (hơn 109 tỉ USD)", "GDP", "2030"], ["hơn 11.000 tỉ rúp (hơn 109 tỉ USD) vào GDP"]),
    ("Xi's New Year greeting of 31.12.2024", ["31.12.2024", "Tập Cận Bình", "chúc mừng năm mới", "Vladimir Putin"],
     ["Hôm 31.12.2024, Chủ tịch Trung Quốc Tập Cận Bình"]),
    ("16th BRICS summit in Kazan on 22.10", ["BRICS lần thứ 16", "Kazan", "22.10.2024"],
     ["Hội nghị thượng đỉnh BRICS lần thứ 16 diễn ra tại thành phố Kazan (Nga) ngày 22.10"]),
]


@pytest.fixture(scope="module")
def seed_result(seed_text: str) -> ExtractionResult:
    return extract_claims(seed_text, published="2025-01-01")


@pytest.mark.parametrize("fact,claim_words,source_words", EXPECTED, ids=[e[0] for e in EXPECTED])
def test_seed_fact_is_extracted_with_its_span(seed_result, seed_text, fact, claim_words, source_words) -> None:
    matches = [c for c in seed_result.claims if all(w in c.text for w in claim_words)]
    assert matches, f"no kept claim for {fact!r}"
    claim = matches[0]
    sources = [seed_text[s.start : s.end] for s in claim.spans]
    for words in source_words:
        assert any(words in src for src in sources), (fact, sources)
    assert claim.checkworthiness >= seed_result.threshold and claim.reason and claim.lang == "vi"


def test_seed_claims_are_stand_alone(seed_result) -> None:
    texts = [c.text for c in seed_result.claims]
    three_weeks = next(t for t in texts if "ba tuần sau" in t)
    assert "ông Vladimir Putin tuyên bố" in three_weeks or "ông Putin tuyên bố" in three_weeks
    assert any("ngân hàng lớn nhất Nga là Sberbank" in t for t in texts)  # "nước này" -> the country named before
    assert any("BRICS được hình thành" in t for t in texts)  # the rest of the members sentence keeps its subject


def test_seed_every_sentence_is_scored_and_spans_are_sound(seed_result, seed_text) -> None:
    everything = seed_result.claims + seed_result.rejected
    covered = {i for i, s in enumerate(seed_result.sentences) for c in everything if s.start <= c.spans[0].start < s.end}
    assert covered == set(range(len(seed_result.sentences)))
    for c in everything:
        assert 0.0 <= c.checkworthiness <= 1.0 and c.reason
        assert all(seed_text[s.start : s.end].strip() == seed_text[s.start : s.end] != "" for s in c.spans)
    assert all(c.checkworthiness < seed_result.threshold for c in seed_result.rejected)


def test_seed_claims_carry_figures_from_the_quantities_module(seed_result) -> None:
    quantities = pytest.importorskip("factcheck.quantities", reason="the quantities module is not in this checkout yet")
    if not hasattr(quantities, "extract_figures"):
        pytest.skip("factcheck.quantities has no extract_figures yet")
    gdp = next(c for c in seed_result.claims if "11.000 tỉ rúp" in c.text)
    assert gdp.figures, "extract_figures is importable but gave no figures for the GDP claim"
    assert any(f.kind == "amount" or f.unit for f in gdp.figures)
