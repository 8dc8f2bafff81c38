"""extract_figures as an API: exact offsets, language detection, year resolution, robustness, the seed."""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from factcheck.quantities import extract_figures, warm_up
from factcheck.schema import Figure

SEED_FILE = Path(__file__).resolve().parents[1] / "seeds" / "000_b1001c2e46c865c5.txt"


def _seed_body() -> str:
    return SEED_FILE.read_text(encoding="utf-8").split("---\n", 2)[-1]


def test_seed_article_reads_every_figure():
    got = [(f.text, f.kind, f.normalized) for f in extract_figures(_seed_body())]
    assert got == [
        ("1.1.2025", "date", "2025-01-01"),
        ("ba tuần", "duration", "3 weeks"),
        ("năm 2023", "year", "2023"),
        ("thế kỷ 21", "ordinal", "21st"),
        ("tháng 12.2024", "date", "2024-12"),
        ("xếp thứ 31 trong số 83", "rank", "31st of 83"),
        ("12.12.2024", "date", "2024-12-12"),
        ("hơn 11.000 tỉ rúp", "amount", "> 11,000,000,000,000 RUB"),
        ("hơn 109 tỉ USD", "amount", "> 109,000,000,000 USD"),
        ("năm 2030", "year", "2030"),
        ("31.12.2024", "date", "2024-12-31"),
        ("hai quốc gia", "count", "2 (country)"),
        ("nước thứ ba", "ordinal", "3rd"),
        ("hai nước", "count", "2 (country)"),
        ("hai quốc gia", "count", "2 (country)"),
        ("hai nước", "count", "2 (country)"),
        ("lần thứ 16", "ordinal", "16th"),
        ("ngày 22.10", "date", "2024-10-22 (year from document)"),
        ("hai nước", "count", "2 (country)"),
    ]


def test_offsets_are_exact_in_mixed_text():
    text = "Tháng 12.2024: hơn 11.000 tỉ rúp; Russia ranks 31st of 83; 超过11万亿卢布; около 200 человек."
    figs = extract_figures(text)
    assert [f.text for f in figs] == ["Tháng 12.2024", "hơn 11.000 tỉ rúp", "31st of 83", "超过11万亿卢布",
                                      "около 200 человек"]
    assert all(text[f.start:f.end] == f.text for f in figs)


def test_decomposed_vietnamese_keeps_offsets_into_the_given_text():
    text = unicodedata.normalize("NFD", "Nga xếp thứ 31 trong số 83 quốc gia, hơn 11.000 tỉ rúp")
    figs = extract_figures(text, "vi")
    assert [(f.kind, f.value) for f in figs] == [("rank", 31), ("amount", 11e12)]
    assert all(text[f.start:f.end] == f.text for f in figs)
    assert unicodedata.normalize("NFC", figs[0].text) == "xếp thứ 31 trong số 83"


def test_language_is_detected_when_not_given():
    [vi] = extract_figures("Khoản vay 1.234 tỉ đồng")
    [en] = extract_figures("The loan was 1.234 billion dollars")
    assert vi.value == pytest.approx(1.234e12) and en.value == pytest.approx(1.234e9)
    assert vi.guessed and en.guessed
    [unknown] = extract_figures("Khoản vay 1.234 tỉ đồng", "fr")
    assert unknown.value == pytest.approx(1.234e12)


def test_day_and_month_take_the_year_of_the_document():
    [open_year] = extract_figures("Hội nghị diễn ra ngày 22.10.")
    assert (open_year.kind, open_year.value, open_year.normalized) == ("date", None, "--10-22")
    [given] = extract_figures("Hội nghị diễn ra ngày 22.10.", doc_dates=[dt.date(2025, 1, 1)])
    assert given.normalized == "2024-10-22 (year from document)" and given.guessed
    assert given.value == dt.date(2024, 10, 22).toordinal()
    figs = extract_figures("Hôm 12.3.2021 ông nói. Trước đó, ngày 22.10 ông đến.")
    assert figs[-1].normalized == "2020-10-22 (year from document)"
    later = extract_figures("Ngày 5.1.2024 họ gặp nhau; ngày 20.1 họ ký.")
    assert later[-1].normalized == "2024-01-20 (year from document)"


def test_context_carries_cross_lingual_concepts():
    vi = extract_figures("Nga xếp thứ 31 trong số 83 quốc gia về đầu tư vào AI")[0]
    zh = extract_figures("俄罗斯在83个国家中排名第31位")[0]
    assert {"@country", "@rank", "@ai"} <= set(vi.context.split())
    assert "@country" in zh.context.split()


@pytest.mark.parametrize("odd", [None, 123, b"11 000", "", "   ", "\x00\x01", "💥" * 50, "1" * 5000,
                                 "." * 300, "1.1.1.1.1.1", "31/12/99999", "第" * 20, "9" * 400 + " tỷ USD",
                                 "ngày 31.2", "tháng 13.2024", "thứ", "top", "hơn", "-" * 100 + "5"])
def test_never_raises_on_odd_input(odd):
    figs = extract_figures(odd)  # type: ignore[arg-type]
    assert isinstance(figs, list)
    for f in figs:
        assert odd[f.start:f.end] == f.text
        json.loads(f.model_dump_json())


def test_a_figure_too_large_to_read_does_not_cost_the_others(caplog):
    figs = extract_figures("9" * 400 + " tỷ USD và 5 tỷ USD", "vi")
    assert [(f.text, f.value) for f in figs] == [("5 tỷ USD", 5e9)]
    assert "failed" not in caplog.text and "could not" not in caplog.text


def test_random_text_never_raises_and_offsets_hold(caplog):
    pool = list("0123456789.,  /-%$₽€年月日万亿第个") + ["tỉ ", "hơn ", "thứ ", "trên ", "млрд ", "место ", "из ",
                                                        "billion ", "top ", "ngày ", "tháng ", "năm "]
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 60)))
        for f in extract_figures(text):
            assert isinstance(f, Figure) and text[f.start:f.end] == f.text
            assert f.low is None or f.high is None or f.low <= f.high
    assert caplog.text == ""  # no reader failed and was silenced


def test_doc_dates_of_the_wrong_type_are_ignored():
    [f] = extract_figures("ngày 22.10", doc_dates=["2025-01-01", None])  # type: ignore[list-item]
    assert f.value is None
    [g] = extract_figures("ngày 22.10", doc_dates=[dt.datetime(2025, 1, 1, 9, 30)])
    assert g.normalized == "2024-10-22 (year from document)"


def test_import_is_light():
    code = ("import sys, factcheck.quantities as q; q.extract_figures('hơn 11.000 tỉ rúp ngày 1.1.2025'); "
            "print(sorted(m for m in ('torch', 'dateparser', 'transformers', 'chromadb') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_warm_up_runs():
    warm_up()
    assert extract_figures("hơn 11.000 tỉ rúp")[0].value == pytest.approx(1.1e13)
