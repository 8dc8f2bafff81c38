"""Chinese names across vi/en/ru/zh: written as the quote writes them, for the verdict model only."""

from __future__ import annotations

import sys

import pytest

from factcheck.verify.han_names import localise_han_names, palladius

VI = "Hôm 31.12.2024, Chủ tịch Trung Quốc Tập Cận Bình đã gửi lời chúc mừng năm mới tới Tổng thống Vladimir Putin."
EN = "On 31 December 2024 Chinese President Xi Jinping sent New Year greetings to Vladimir Putin."
RU = "31 декабря 2024 года Председатель КНР Си Цзиньпин направил новогоднее поздравление Владимиру Путину."
ZH = "2024年12月31日，中国国家主席习近平向普京总统致新年贺电。"


@pytest.mark.parametrize("claim,claim_lang,quote,quote_lang,expected", [
    ("Xi Jinping sent New Year greetings to Vladimir Putin.", "en", VI, "vi",
     "Tập Cận Bình sent New Year greetings to Vladimir Putin."),
    ("Си Цзиньпин направил Путину новогоднее поздравление.", "ru", VI, "vi",
     "Tập Cận Bình направил Путину новогоднее поздравление."),
    ("习近平向普京致新年贺电。", "zh", VI, "vi", "Tập Cận Bình向普京致新年贺电。"),
    ("Ông Tập Cận Bình gửi lời chúc.", "vi", EN, "en", "Ông Xi Jinping gửi lời chúc."),
    ("Ông Tập Cận Bình gửi lời chúc.", "vi", RU, "ru", "Ông Си Цзиньпин gửi lời chúc."),
    ("Ông Tập Cận Bình gửi lời chúc.", "vi", ZH, "zh", "Ông 习近平 gửi lời chúc."),
    ("Xi Jinping sent greetings.", "en", ZH, "zh", "习近平 sent greetings."),
    ("Xi Jinping sent greetings.", "en", RU, "ru", "Си Цзиньпин sent greetings."),
    ("Поздравление Си Цзиньпина было тёплым.", "ru", EN, "en", "Поздравление Xi Jinping было тёплым."),  # genitive
    ("Li Qiang met Wang Yi.", "en", "Thủ tướng Lý Cường đã gặp Ngoại trưởng Vương Nghị.", "vi", "Lý Cường met Vương Nghị."),
    ("Hu Jintao visited Moscow.", "en", "Ông Hồ Cẩm Đào thăm Moscow.", "vi", "Hồ Cẩm Đào visited Moscow."),
    ("Beijing and Shanghai are big.", "en", "北京和上海都是大城市。", "zh", "北京 and 上海 are big."),
])
def test_a_chinese_name_is_written_as_the_quote_writes_it(claim, claim_lang, quote, quote_lang, expected):
    assert localise_han_names(claim, claim_lang, quote, quote_lang) == expected


@pytest.mark.parametrize("claim,claim_lang,quote,quote_lang", [
    ("Vladimir Putin visited China.", "en", VI, "vi"),  # not a Chinese name: no pinyin reading
    ("Xi Jinping sent greetings.", "en", "Ông Hồ Cẩm Đào thăm Moscow.", "vi"),  # another person
    ("China is big.", "en", "中国很大。", "zh"),  # "chi na" is not how 中国 reads
    ("Xi Jinping sent greetings.", "en", "Xi Jinping sent greetings.", "en"),  # one language: nothing to do
    ("Xi Jinping sent greetings.", None, VI, "vi"),
])
def test_other_names_and_same_language_pairs_are_left_alone(claim, claim_lang, quote, quote_lang):
    assert localise_han_names(claim, claim_lang, quote, quote_lang) == claim


def test_only_the_names_the_quote_writes_are_rewritten():
    quote = "Thủ tướng Lý Cường đã gặp Ngoại trưởng."
    assert localise_han_names("Li Qiang met Wang Yi.", "en", quote, "vi") == "Lý Cường met Wang Yi."


def test_palladius_spells_pinyin_the_russian_way():
    assert [palladius(s) for s in ("xi", "jin", "ping", "qiang", "ze", "dong", "zhou", "yi", "hui", "xue", "si")] == \
        ["си", "цзинь", "пин", "цян", "цзэ", "дун", "чжоу", "и", "хуэй", "сюэ", "сы"]
    assert palladius("putin") is None


def test_the_verifier_reads_the_claim_with_the_quote_s_spelling():
    from factcheck.verify.verifier import Verifier

    class Flat:
        def score(self, pairs):  # pragma: no cover - not called here
            raise AssertionError

    v = Verifier(Flat())
    assert v._model_claim("Xi Jinping sent greetings.", "en", VI, "vi").startswith("Tập Cận Bình sent")
    v.localise_han = False
    assert v._model_claim("Xi Jinping sent greetings.", "en", VI, "vi").startswith("Xi Jinping sent")


def test_the_dictionaries_load_only_when_a_name_is_compared():
    import subprocess

    code = "import sys, factcheck.verify.verifier; print('pypinyin' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"


def test_a_shared_chinese_name_is_a_shared_subject_for_the_figure_check():
    from factcheck.verify.names import shares_subject

    quote = "Năm 2004, Chủ tịch Hồ Cẩm Đào thăm 5 nước."
    assert shares_subject("Hu Jintao visited 5 countries in 2004", "en", quote, "vi") is True
    assert shares_subject("Wen Jiabao visited 5 countries in 2004", "en", quote, "vi") is False
