"""Sentence splitting: hand-labelled sentences in vi/en/ru/zh, and offsets that slice back exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.sentences import sentence_texts, split_sentences

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_b1001c2e46c865c5.txt"

CASES = [
    (
        "vi",
        "Chỉ thị được công bố hôm 1.1.2025, ba tuần sau tuyên bố. Hội nghị diễn ra hôm 12.12.2024 ở Hà Nội.",
        ["Chỉ thị được công bố hôm 1.1.2025, ba tuần sau tuyên bố.", "Hội nghị diễn ra hôm 12.12.2024 ở Hà Nội."],
    ),
    (
        "vi",
        "Dự án đóng góp hơn 11.000 tỉ đồng vào GDP năm 2030. Công ty có trụ sở tại TP.HCM và Hà Nội.",
        ["Dự án đóng góp hơn 11.000 tỉ đồng vào GDP năm 2030.", "Công ty có trụ sở tại TP.HCM và Hà Nội."],
    ),
    (
        "vi",
        "Sự kiện tổ chức ở TP. Hồ Chí Minh ngày 22.10. Ông Nam nói: \"Chúng tôi sẵn sàng. Mọi thứ đã xong\", rồi rời đi.",
        [
            "Sự kiện tổ chức ở TP. Hồ Chí Minh ngày 22.10.",
            "Ông Nam nói: \"Chúng tôi sẵn sàng. Mọi thứ đã xong\", rồi rời đi.",
        ],
    ),
    (
        "en",
        "Mr. Smith met Dr. Jones in the U.S. Senate on Jan. 5. They discussed trade (about $5.5 billion. Really.) today!",
        [
            "Mr. Smith met Dr. Jones in the U.S. Senate on Jan. 5.",
            "They discussed trade (about $5.5 billion. Really.) today!",
        ],
    ),
    (
        "en",
        "Is it true? “Yes. It is,” she said. Prices rose 3.5% in 2024... Analysts agreed.",
        ["Is it true?", "“Yes. It is,” she said.", "Prices rose 3.5% in 2024...", "Analysts agreed."],
    ),
    (
        "ru",
        "В 2024 г. Москва приняла саммит, т.е. встречу лидеров. В. В. Путин заявил: «Мы готовы. Начнём». Это важно.",
        [
            "В 2024 г. Москва приняла саммит, т.е. встречу лидеров.",
            "В. В. Путин заявил: «Мы готовы. Начнём».",
            "Это важно.",
        ],
    ),
    (
        "zh",
        "中国外交部发言人表示，双方将加强合作。他说：“我们准备好了。一切顺利。”会议于12月12日举行！真的吗？",
        ["中国外交部发言人表示，双方将加强合作。", "他说：“我们准备好了。一切顺利。”", "会议于12月12日举行！", "真的吗？"],
    ),
]


@pytest.mark.parametrize("lang,text,expected", CASES)
def test_split_matches_hand_labels(lang: str, text: str, expected: list[str]) -> None:
    assert sentence_texts(text, lang) == expected


@pytest.mark.parametrize("lang,text,expected", CASES)
def test_split_without_lang_matches_too(lang: str, text: str, expected: list[str]) -> None:
    assert sentence_texts(text) == expected


def test_newlines_always_split_and_spans_exclude_whitespace() -> None:
    text = "  Tiêu đề không có dấu chấm\n\nĐoạn một có câu.  \r\n Đoạn hai.\n"
    spans = split_sentences(text, "vi")
    assert [text[s.start : s.end] for s in spans] == ["Tiêu đề không có dấu chấm", "Đoạn một có câu.", "Đoạn hai."]
    for s in spans:
        assert not text[s.start].isspace() and not text[s.end - 1].isspace()


def test_unclosed_quote_does_not_swallow_the_paragraph() -> None:
    text = 'He said "we will win. Then he left. Nobody followed.'
    assert sentence_texts(text, "en") == ['He said "we will win.', "Then he left.", "Nobody followed."]


def test_lowercase_after_period_does_not_split() -> None:
    assert sentence_texts("Use tools, e.g. hammers. Done.", "en") == ["Use tools, e.g. hammers.", "Done."]


def test_empty_and_blank_text_give_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\t ") == []


def test_seed_article_spans_slice_back_and_keep_dates_whole() -> None:
    text = SEED.read_text(encoding="utf-8").split("---\n", 2)[2]  # drop the YAML front matter
    spans = split_sentences(text, "vi")
    sents = [text[s.start : s.end] for s in spans]
    assert all(s == s.strip() and s for s in sents)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    assert any("1.1.2025, ba tuần sau" in s for s in sents)
    assert any("hơn 11.000 tỉ rúp (hơn 109 tỉ USD)" in s for s in sents)
    assert sents[0].startswith("Ông Putin") and not sents[0].endswith(".")
    assert len(sents) == 31
