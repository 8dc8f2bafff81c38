"""Rule-based claim extraction: hand-labelled worthiness, decomposition, stand-alone rewriting and spans."""

from __future__ import annotations

import pytest

from factcheck.errors import InputError
from factcheck.extract import ExtractionResult, extract_claims

PUB = "2025-01-01"

# Hand-labelled: statements worth checking (HIGH) and not (LOW), in the four languages.
HIGH = {
    "vi": [
        "Ngân hàng Nhà nước Việt Nam cho biết tăng trưởng tín dụng đạt 15% trong năm 2024.",
        "Thủ tướng Phạm Minh Chính đã tiếp Đại sứ Nhật Bản tại Hà Nội hôm 5.3.2024.",
        "Việt Nam xếp thứ 44 trong số 133 quốc gia về chỉ số đổi mới sáng tạo.",
        "Ông Nguyễn Văn A, Giám đốc điều hành Vingroup, khẳng định công ty sẽ không bán cổ phần.",
    ],
    "en": [
        "The World Bank said global growth slowed to 2.6% in 2024.",
        "President Joe Biden met Chancellor Olaf Scholz in Berlin on October 18.",
        "India ranked 39th of 133 economies in the Global Innovation Index.",
        "Apple reported revenue of $94.9 billion for the quarter.",
    ],
    "ru": [
        "Министр финансов Антон Силуанов заявил, что дефицит бюджета составит 1,7% ВВП.",
        "Саммит ШОС прошел в Астане 4 июля.",
        "Казахстан занял 81-е место из 133 стран в рейтинге.",
        "Центральный банк повысил ключевую ставку до 21% в октябре 2024 года.",
    ],
    "zh": [
        "国家统计局表示，2024年中国国内生产总值增长5%。",
        "外交部发言人毛宁在北京宣布，会议将于10月22日举行。",
        "印度在全球创新指数中排名第39位。",
        "中国人民银行宣布下调存款准备金率0.5个百分点。",
    ],
}
LOW = {
    "vi": [
        "Chúc mọi người năm mới an khang thịnh vượng!",
        "Tôi nghĩ đây là một quyết định rất sáng suốt.",
        "Liệu giá vàng có tiếp tục tăng trong thời gian tới?",
        "Thật là một ngày tuyệt vời.",
    ],
    "en": [
        "Happy New Year to all our readers!",
        "I think this is a terrible idea.",
        "Will prices keep rising next year?",
        "What a wonderful day it was.",
    ],
    "ru": [
        "С Новым годом, дорогие друзья!",
        "Я думаю, что это прекрасное решение.",
        "Почему цены продолжают расти?",
        "Надеюсь, всё будет хорошо.",
    ],
    "zh": ["祝大家新年快乐！", "我认为这是一个很好的决定。", "价格为什么一直上涨？", "希望一切顺利。"],
}


def _all(result: ExtractionResult) -> list:
    return result.claims + result.rejected


def _labelled(table: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(lang, s) for lang, sents in table.items() for s in sents]


@pytest.mark.parametrize("lang,sentence", _labelled(HIGH))
def test_checkable_statements_are_kept(lang: str, sentence: str) -> None:
    result = extract_claims(sentence, lang=lang, published=PUB)
    assert result.claims, _all(result)
    assert all(c.checkworthiness >= 0.6 for c in result.claims)
    assert result.claims[0].reason and result.claims[0].lang == lang


@pytest.mark.parametrize("lang,sentence", _labelled(LOW))
def test_questions_opinions_wishes_are_rejected_with_a_reason(lang: str, sentence: str) -> None:
    result = extract_claims(sentence, lang=lang, published=PUB)
    assert result.claims == []
    (claim,) = result.rejected
    assert claim.checkworthiness < 0.3 and claim.reason


def test_threshold_moves_claims_between_kept_and_rejected() -> None:
    text = "Việt Nam xếp thứ 44 trong số 133 quốc gia. Thật là một ngày tuyệt vời."
    everything = extract_claims(text, threshold=0.0)
    assert len(everything.claims) == 2 and everything.rejected == []
    nothing = extract_claims(text, threshold=1.0)
    assert nothing.claims == [] and len(nothing.rejected) == 2


def _texts_and_pieces(text: str, lang: str) -> list[tuple[str, list[str]]]:
    result = extract_claims(text, lang=lang, published=PUB, threshold=0.0)
    return [(c.text, [text[s.start : s.end] for s in c.spans]) for c in result.claims]


def test_decompose_not_only_but_also_in_four_languages() -> None:
    assert _texts_and_pieces("Russia is not only behind the US but also behind India.", "en") == [
        ("Russia is behind the US", ["Russia is", "behind the US"]),
        ("Russia is behind India.", ["Russia is", "behind India."]),
    ]
    assert [t for t, _ in _texts_and_pieces("Việt Nam không chỉ vượt Thái Lan mà còn vượt Malaysia.", "vi")] == [
        "Việt Nam vượt Thái Lan",
        "Việt Nam vượt Malaysia.",
    ]
    assert [t for t, _ in _texts_and_pieces("Казахстан уступает не только Китаю, но и Индии.", "ru")] == [
        "Казахстан уступает Китаю",
        "Казахстан уступает Индии.",
    ]
    assert [t for t, _ in _texts_and_pieces("印度不仅落后于美国，而且落后于中国。", "zh")] == ["印度落后于美国", "印度落后于中国。"]


def test_decompose_list_of_members_keeps_the_rest_of_the_sentence() -> None:
    text = "ASEAN includes Vietnam, Thailand and Laos, and was founded in 1967."
    assert _texts_and_pieces(text, "en") == [
        ("ASEAN includes Vietnam", ["ASEAN includes", "Vietnam"]),
        ("ASEAN includes Thailand", ["ASEAN includes", "Thailand"]),
        ("ASEAN includes Laos", ["ASEAN includes", "Laos"]),
        ("ASEAN was founded in 1967.", ["ASEAN", "was founded in 1967."]),
    ]
    vi = [t for t, _ in _texts_and_pieces("Nhóm G7 gồm Pháp, Đức và Nhật Bản.", "vi")]
    assert vi == ["Nhóm G7 gồm Pháp", "Nhóm G7 gồm Đức", "Nhóm G7 gồm Nhật Bản"]
    zh = [t for t, _ in _texts_and_pieces("七国集团包括法国、德国和日本。", "zh")]
    assert zh == ["七国集团包括法国", "七国集团包括德国", "七国集团包括日本"]


def test_decompose_two_figures_for_two_things() -> None:
    assert [t for t, _ in _texts_and_pieces("Exports rose 5% in 2023 and 7% in 2024.", "en")] == [
        "Exports rose 5% in 2023",
        "Exports rose 7% in 2024.",
    ]
    ru = "Экспорт вырос на 5% в 2023 году, а импорт упал на 3% в 2024 году."
    assert [t for t, _ in _texts_and_pieces(ru, "ru")] == ["Экспорт вырос на 5% в 2023 году", "импорт упал на 3% в 2024 году."]
    # A range is one figure, not two claims.
    assert len(_texts_and_pieces("Prices rose sharply between 2020 and 2024 in most cities.", "en")) == 1


def test_day_without_year_takes_the_year_of_the_last_such_day_before_publication() -> None:
    cases = [
        ("vi", "Hội nghị diễn ra ngày 22.10 tại Hà Nội với 20 quốc gia.", "ngày 22.10.2024"),
        ("vi", "Hội nghị diễn ra hôm 1.1 tại Hà Nội với 20 quốc gia.", "hôm 1.1.2025"),
        ("en", "The summit with 20 leaders opened in Hanoi on October 22.", "October 22, 2024"),
        ("ru", "Саммит 20 стран открылся в Ханое 22 октября.", "22 октября 2024 года"),
        ("zh", "20国峰会于10月22日在河内开幕。", "2024年10月22日"),
    ]
    for lang, text, expected in cases:
        (claim,) = extract_claims(text, lang=lang, published=PUB, threshold=0.0).claims
        assert expected in claim.text, (lang, claim.text)


def test_missing_publication_date_falls_back_to_latest_full_date_in_text() -> None:
    text = "Hiệp định được ký hôm 3.2.2024 tại Hà Nội. Phiên họp tiếp theo diễn ra ngày 22.10 tại Huế."
    result = extract_claims(text, lang="vi", threshold=0.0)
    assert result.reference_date == "2024-02-03"
    assert "ngày 22.10.2023" in result.claims[1].text


def test_pronouns_and_the_country_are_replaced_when_the_text_makes_them_clear() -> None:
    cases = [
        ("vi", "Tổng thống Pháp Emmanuel Macron thăm Hà Nội hôm 12.3.2024. Ông cho biết Pháp sẽ tăng đầu tư.",
         "Ông Emmanuel Macron cho biết Pháp sẽ tăng đầu tư."),
        ("vi", "Xuất khẩu của Nhật Bản tăng 5% năm 2023, đưa nước này lên vị trí thứ 4.",
         "Xuất khẩu của Nhật Bản tăng 5% năm 2023, đưa Nhật Bản lên vị trí thứ 4."),
        ("en", "Chancellor Olaf Scholz visited Beijing in April 2024. He said exports rose 5%.",
         "Olaf Scholz said exports rose 5%."),
        ("en", "Germany's exports rose 5% in 2023. The country also imported 3% more.",
         "Germany also imported 3% more."),
        ("ru", "Президент Франции Эмманюэль Макрон прибыл в Ханой 12 марта 2024 года. Он заявил, что инвестиции вырастут.",
         "Эмманюэль Макрон заявил, что инвестиции вырастут."),
        ("zh", "国家主席习近平3月5日在北京会见了法国总统马克龙。他表示，中法关系发展良好。", "习近平表示，中法关系发展良好。"),
    ]
    for lang, text, expected in cases:
        result = extract_claims(text, lang=lang, published=PUB, threshold=0.0)
        assert expected in [c.text for c in result.claims], (lang, [c.text for c in result.claims])


def test_unclear_or_quoted_references_are_left_alone() -> None:
    text = 'Ông Nam gặp ông Bắc hôm 3.2.2024. "Ông ấy nói đúng", một quan chức cho biết.'
    texts = [c.text for c in extract_claims(text, lang="vi", threshold=0.0).claims]
    assert texts[1] == '"Ông ấy nói đúng", một quan chức cho biết.'
    plain = "The country is large. Prices rose 5% in 2024."
    assert extract_claims(plain, lang="en", threshold=0.0).claims[0].text == "The country is large."


TEXTS = [
    ("vi", "Tổng thống Pháp Emmanuel Macron thăm Hà Nội hôm 12.3. Ông cho biết Pháp không chỉ tăng đầu tư mà còn "
           "mở thêm 3 lãnh sự quán.\nNhóm G7 gồm Pháp, Đức và Nhật Bản, được thành lập năm 1975."),
    ("en", "  ASEAN includes Vietnam, Thailand and Laos.\n\nExports rose 5% in 2023 and 7% in 2024. He left."),
    ("ru", "Министр Антон Силуанов заявил, что Россия уступает не только Китаю, но и Индии. Он уехал 4 июля."),
    ("zh", "国家主席习近平3月5日在北京会见了法国总统马克龙。他表示，中法关系不仅稳定，而且发展良好。"),
]


@pytest.mark.parametrize("lang,text", TEXTS)
def test_every_span_slices_back_to_trimmed_source_inside_one_sentence(lang: str, text: str) -> None:
    result = extract_claims(text, lang=lang, published=PUB, threshold=0.0)
    assert _all(result)
    for claim in _all(result):
        assert claim.spans and claim.text
        sentence = next(s for s in result.sentences if s.start <= claim.spans[0].start < s.end)
        for span in claim.spans:
            piece = text[span.start : span.end]
            assert piece and piece == piece.strip() and sentence.start <= span.start < span.end <= sentence.end
            units = list(piece) if lang == "zh" else piece.split()
            assert sum(u in claim.text for u in units) >= len(units) / 2  # the piece shows in the claim's text
    starts = [c.spans[0].start for c in result.claims]
    assert starts == sorted(starts)


def test_empty_text_and_bad_arguments() -> None:
    assert extract_claims("   ").claims == []
    with pytest.raises(InputError, match="threshold"):
        extract_claims("Hà Nội có 8 triệu dân.", threshold=2)
    with pytest.raises(InputError, match="2025/01/01"):
        extract_claims("Hà Nội có 8 triệu dân.", published="2025/01/01")
    with pytest.raises(InputError, match="extractor"):
        extract_claims("Hà Nội có 8 triệu dân.", extractor="magic")


def test_chinese_names_found_after_titles_count_as_names() -> None:
    text = "国家主席习近平3月5日在北京会见了法国总统马克龙。他表示，中法关系发展良好。"
    kept = extract_claims(text, lang="zh", published=PUB).claims
    assert "习近平表示，中法关系发展良好。" in [c.text for c in kept]
    assert "name" in kept[-1].reason


def test_amounts_with_units_add_to_the_score() -> None:
    with_unit = extract_claims("The economy grew 4.9% in the third quarter.", lang="en", threshold=0.0).claims[0]
    bare = extract_claims("The economy grew 4.9 in the third quarter.", lang="en", threshold=0.0).claims[0]
    assert with_unit.checkworthiness > bare.checkworthiness and "amount" in with_unit.reason
