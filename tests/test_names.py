"""Country names written the quote's way before the verdict model reads a claim against a quote in another language."""

import numpy as np

from factcheck.schema import Claim, Passage
from factcheck.verify.base import PairScorer
from factcheck.verify.names import localise_countries, mentions
from factcheck.verify.verifier import Verifier

VI_QUOTE = "Ông Putin yêu cầu chính phủ Nga và Sberbank mở rộng hợp tác với Trung Quốc trong lĩnh vực AI."


def test_english_countries_take_the_vietnamese_quote_names():
    claim = "Putin asked Russia and Sberbank to expand cooperation with China."
    assert localise_countries(claim, "en", VI_QUOTE, "vi") == \
        "Putin asked Nga and Sberbank to expand cooperation with Trung Quốc."


def test_inflected_russian_and_unspaced_chinese_names_are_found():
    assert localise_countries("Путин призвал к сотрудничеству с Китаем.", "ru", VI_QUOTE, "vi") == \
        "Путин призвал к сотрудничеству с Trung Quốc."
    assert localise_countries("普京要求俄罗斯政府与中国扩大合作。", "zh", VI_QUOTE, "vi") == "普京要求Nga政府与Trung Quốc扩大合作。"
    # The other way round the quote's own (inflected) form is used.
    assert localise_countries("Hợp tác với Trung Quốc.", "vi", "Сотрудничество с Китаем растёт.", "ru") == \
        "Hợp tác với Китаем."


def test_a_country_the_quote_does_not_name_is_left_alone():
    # Japan is not in the quote: rewriting it would hide a real disagreement from the model.
    claim = "Putin asked Sberbank to expand cooperation with Japan and China."
    assert localise_countries(claim, "en", VI_QUOTE, "vi") == \
        "Putin asked Sberbank to expand cooperation with Japan and Trung Quốc."


def test_same_language_or_unknown_language_is_unchanged():
    claim = "Putin asked Russia to cooperate with China."
    assert localise_countries(claim, "en", "Russia and China cooperate.", "en") == claim
    assert localise_countries(claim, None, VI_QUOTE, "vi") == claim
    assert localise_countries(claim, "en", VI_QUOTE, None) == claim


def test_mentions_are_iso_codes():
    assert [c for _, _, c in mentions(VI_QUOTE, "vi")] == ["RU", "CN"]
    assert [c for _, _, c in mentions("Торговля России с Китаем", "ru")] == ["RU", "CN"]
    assert mentions("No country here.", "en") == []


def test_russian_names_of_several_words_inflect_in_every_word():
    text = "Санкции против Северной Кореи, Соединённых Штатов и Саудовской Аравии; товары из Нидерландов."
    assert [(text[a:b], c) for a, b, c in mentions(text, "ru")] == [
        ("Северной Кореи", "KP"), ("Соединённых Штатов", "US"), ("Саудовской Аравии", "SA"), ("Нидерландов", "NL")]
    assert [c for _, _, c in mentions("с Южной Кореей и Республикой Корея", "ru")] == ["KR", "KR"]
    assert mentions("Малая часть мира; штат Техас.", "ru") == []  # no country hides in ordinary words
    assert localise_countries("Санкции против Северной Кореи.", "ru", "Mỹ trừng phạt Triều Tiên.", "vi") == \
        "Санкции против Triều Tiên."


def test_cldr_short_names_are_countries_too():
    # CLDR's short names: the usual way news writes the United States in Vietnamese, Russian and English.
    assert [c for _, _, c in mentions("Mỹ và Trung Quốc", "vi")] == ["US", "CN"]
    assert [c for _, _, c in mentions("США и Британия", "ru")] == ["US", "GB"]
    assert [c for _, _, c in mentions("The US and the UK", "en")] == ["US", "GB"]
    assert localise_countries("Russia trails the United States.", "en", "Nga xếp sau Mỹ.", "vi") == \
        "Nga trails the Mỹ."
    assert mentions("Mỹ", "vi", variants=False) == []  # CLDR's main names only, as the dev set was built


def test_a_country_name_inside_a_region_name_is_not_the_country():
    # The Americas, North America, Latin America; North Korea (CLDR's Vietnamese name is "Triều Tiên").
    assert mentions("châu Mỹ, Bắc Mỹ, Mỹ Latinh", "vi") == []
    assert [c for _, _, c in mentions("Bắc Triều Tiên, Triều Tiên", "vi")] == ["KP", "KP"]
    assert localise_countries("Bắc Triều Tiên và Nga", "vi", "North Korea and Russia", "en") == \
        "North Korea và Russia"
    assert localise_countries("Famine hit North Korea.", "en", "Nạn đói ở Bắc Triều Tiên.", "vi") == \
        "Famine hit Bắc Triều Tiên."
    assert [c for _, _, c in mentions("Việt Nam, Nam Phi và Mỹ", "vi")] == ["VN", "ZA", "US"]


def test_a_country_adjective_is_written_as_the_other_side_names_the_country():
    from factcheck.verify.names import demonym_mentions

    vi = "Chính phủ Nga yêu cầu Sberbank hợp tác với Trung Quốc."
    assert localise_countries("The Russian government asked Sberbank to work with Chinese firms.", "en", vi, "vi") \
        == "The Nga government asked Sberbank to work with Trung Quốc firms."
    assert localise_countries("Просьба российского правительства к китайским компаниям.", "ru", vi, "vi") == \
        "Просьба Nga правительства к Trung Quốc компаниям."
    assert localise_countries("俄方表示将与中方合作。", "zh", vi, "vi") == "Nga表示将与Trung Quốc合作。"
    assert localise_countries("Chính phủ Nga", "vi", "The Russian government", "en") == "Chính phủ Russian"
    # A country the quote does not name stays as written; a plain "Korean" is no country (North or South?).
    assert localise_countries("The French and Korean envoys met.", "en", vi, "vi") == "The French and Korean envoys met."
    assert [c for _, _, c in demonym_mentions("South African, North Korean, Russian-made", "en")] == ["ZA", "KP", "RU"]
    assert demonym_mentions("Russians and russian", "en") == []  # the adjective, capitalised, only
    # A name takes precedence over an adjective inside it.
    assert localise_countries("The Saudi Arabia deal and a Saudi prince.", "en", "Hợp tác với Ả Rập Xê-út.", "vi") \
        == "The Ả Rập Xê-út deal and a Ả Rập Xê-út prince."


class _Recorder(PairScorer):
    """Answers `probs` for every pair and keeps the pairs it was shown."""

    name = "recorder"

    def __init__(self, probs=(0.2, 0.6, 0.2)):
        self.seen: list[tuple[str, str]] = []
        self.probs = np.array(probs, np.float32)

    def score(self, pairs):
        self.seen += pairs
        return np.tile(self.probs, (len(pairs), 1))


def test_the_verifier_shows_the_model_the_localised_claim_and_cites_the_quote_as_written():
    passage = Passage(id="p0", doc_id="d0", text=VI_QUOTE, start=0, end=len(VI_QUOTE), lang="vi")
    claim = Claim(text="Putin asked Russia to expand cooperation with China.", lang="en")
    rec = _Recorder()
    result = Verifier(rec).verify(claim, [passage], {})
    assert rec.seen == [(VI_QUOTE, "Putin asked Nga to expand cooperation with Trung Quốc.")]
    assert result.claim.text == claim.text and result.citations[0].quote == VI_QUOTE
    off = _Recorder()
    Verifier(off, localise_names=False).verify(claim, [passage], {})
    assert off.seen == [(VI_QUOTE, claim.text)]


def test_people_and_companies_take_the_other_scripts_spelling():
    from factcheck.verify.names import localise_names

    quote = "German Gref, Giám đốc điều hành Sberbank, nói rằng GPU là phần cứng khó thay thế nhất."
    claim = "Герман Греф, глава Сбербанка, заявил, что GPU труднее всего заменить."
    assert localise_names(claim, quote) == "German Gref, глава Sberbank, заявил, что GPU труднее всего заменить."
    # and the other way, a Latin-script claim against a Russian quote, case endings allowed
    ru_quote = "Встреча Владимира Путина с Германом Грефом прошла в Москве."
    assert localise_names("Vladimir Putin met German Gref.", ru_quote) == "Владимира Путина met Германом Грефом."


def test_names_that_differ_or_share_a_script_are_left_alone():
    from factcheck.verify.names import latin_form, localise_names

    quote = "Anton Siluanov nói với các phóng viên tại Moskva."
    assert localise_names("Герман Греф заявил это журналистам.", quote) == "Герман Греф заявил это журналистам."
    assert localise_names("Gref met Anton Siluanov.", quote) == "Gref met Anton Siluanov."  # one script: unchanged
    assert localise_names("Ли заявил.", "Li said.") == "Ли заявил."  # too short to tell from chance
    assert latin_form("Đặng Хуснуллин") == "dangkhusnullin"


def test_the_verifier_writes_a_russian_claims_names_as_the_quote_does():
    quote = "German Gref, Giám đốc điều hành Sberbank, nói rằng GPU khó thay thế nhất."
    passage = Passage(id="p0", doc_id="d0", text=quote, start=0, end=len(quote), lang="vi")
    claim = Claim(text="Герман Греф сказал, что GPU труднее всего заменить.", lang="ru")
    rec = _Recorder()
    Verifier(rec).verify(claim, [passage], {})
    assert rec.seen == [(quote, "German Gref сказал, что GPU труднее всего заменить.")]
    same = _Recorder()  # one language: nothing rewritten
    Verifier(same).verify(Claim(text="German Gref nói GPU khó thay thế.", lang="vi"), [passage], {})
    assert same.seen == [(quote, "German Gref nói GPU khó thay thế.")]


def test_a_quote_shares_the_claims_subject_by_name_script_or_country():
    from factcheck.verify.names import shares_subject, subject_words

    claim = "The film Harbor Lights earned more than $ 53 million in total."
    assert subject_words(claim) == ["Harbor", "Lights"]  # "The" only opens the sentence
    assert shares_subject(claim, "en", "Harbor Lights grossed $ 54 million worldwide.", "en") is True
    assert shares_subject(claim, "en", "Meadowbrook earned $ 3 million overseas.", "en") is False
    # the words inside the claim's figures are not its subject ("March" in "March 4, 2020")
    dated = "On March 4, 2020 Oregon reported a case."
    assert subject_words(dated, skip=[(3, 16)]) == ["Oregon"]
    assert shares_subject(dated, "en", "On March 9, 2020 Idaho reported a case.", "en", skip=[(3, 16)]) is False
    # across scripts and languages: a transliterated name, a country each writes its own way
    assert shares_subject("Герман Греф заявил это 5 мая.", "ru", "German Gref nói vậy hôm 6.5.", "vi") is True
    assert shares_subject("Exports to Japan fell 4%.", "en", "Xuất khẩu sang Nhật Bản giảm 5%.", "vi") is True
    # cannot tell: no capitalised word in the claim, or a quote in a script without case
    assert shares_subject("exports fell by 4% in 2020.", "en", "Imports rose 5% in Ohio.", "en") is None
    assert shares_subject("Exports to Japan fell 4%.", "en", "对日出口下降了5%。", "zh") is None


def test_figures_about_another_subject_do_not_move_the_verdict():
    quote = "Meadowbrook earned $ 3 million overseas in 2019."
    passage = Passage(id="p0", doc_id="d0", text=quote, start=0, end=len(quote), lang="en")
    claim = Claim(text="The film Harbor Lights earned more than $ 53 million in 2019.", lang="en")
    on = Verifier(_Recorder((0.3, 0.3, 0.4)), figures_need_subject=True).score(claim, [passage])
    assert on.signals == ["none"] and on.comps == [[]]
    assert np.allclose(on.probs[0], [0.3, 0.3, 0.4])
    off = Verifier(_Recorder((0.3, 0.3, 0.4)), figures_need_subject=False).score(claim, [passage])
    assert off.signals == ["conflict"] and off.probs[0][2] > 0.4
    # the same figures in a quote about the claim's subject still count
    own = "Harbor Lights earned $ 3 million overseas in 2019."
    p2 = Passage(id="p1", doc_id="d0", text=own, start=0, end=len(own), lang="en")
    assert Verifier(_Recorder((0.3, 0.3, 0.4)), figures_need_subject=True).score(claim, [p2]).signals == ["conflict"]



def test_agreeing_figures_reach_the_model_as_the_quote_writes_them():
    from factcheck.verify.figures import compare, figures_as_quoted, read_figures

    quote = "Xuất khẩu đạt hơn 5 tỉ USD trong năm 2023, theo báo cáo công bố hôm 1.2.2024."
    claim = "Exports reached more than 5 billion US dollars in 2023, according to a report of 1 March 2024."
    _, _, comps = compare(claim, read_figures(claim, "en"), quote, read_figures(quote, "vi"))
    shown = figures_as_quoted(claim, quote, comps)
    assert shown == "Exports reached hơn 5 tỉ USD in năm 2023, according to a report of 1 March 2024."
    # (the date differs, so it stays as the claim writes it)
    passage = Passage(id="p0", doc_id="d0", text=quote, start=0, end=len(quote), lang="vi")
    rec = _Recorder()
    Verifier(rec).verify(Claim(text=claim, lang="en"), [passage], {})
    assert rec.seen[0][1].startswith("Exports reached hơn 5 tỉ USD in năm 2023")
    off = _Recorder()
    Verifier(off, localise_figures=False).verify(Claim(text=claim, lang="en"), [passage], {})
    assert off.seen[0][1] == claim


def test_missing_names_counts_what_the_quote_does_not_name_in_any_script_or_language():
    from factcheck.verify.names import missing_names

    quote = ("Bên lề Hội nghị thượng đỉnh BRICS lần thứ 16 tại thành phố Kazan (Nga), Tổng thống Putin đã hội đàm "
             "với Chủ tịch Tập Cận Bình.")
    assert missing_names("Hội nghị thượng đỉnh BRICS lần thứ 16 diễn ra tại Kazan.", "vi", quote, "vi") == 0.0
    # Another city: one of the claim's two names (BRICS, Sochi) is not in the quote.
    assert missing_names("Hội nghị thượng đỉnh BRICS lần thứ 16 diễn ra tại Sochi.", "vi", quote, "vi") == 0.5
    # Across languages: a Chinese name by its reading, a Russian one by its spelling, a country by CLDR's names.
    assert missing_names("Putin met Xi Jinping in Kazan, Russia.", "en", quote, "vi") == 0.0
    assert missing_names("Путин встретился с Си Цзиньпином в Казани.", "ru", quote, "vi") == 0.0
    # Xi, Jinping, Kazan and Japan (a sentence's first word counts only as an acronym): Japan is missing.
    assert missing_names("Putin met Xi Jinping in Kazan, Japan.", "en", quote, "vi") == 0.25
    # A Latin name inside a Chinese quote; a claim that names nothing cannot miss anything.
    assert missing_names("It joins Sberbank and Tortoise Media.", "en", "俄罗斯联邦储蓄银行与Tortoise Media合作。", "zh") == 1 / 3
    assert missing_names("the bank will grow.", "en", quote, "vi") is None


def test_the_verifier_measures_missing_names_only_for_a_claim_model_that_reads_them():
    from factcheck.verify.claim_model import BASE_FEATURES, COVERAGE_FEATURES, ClaimModel

    quote = "Meadowbrook earned $ 3 million overseas in 2019."
    passage = Passage(id="p0", doc_id="d0", text=quote, start=0, end=len(quote), lang="en")
    claim = Claim(text="The film Harbor Lights earned $ 3 million overseas in 2019.", lang="en")
    assert Verifier(_Recorder((0.3, 0.3, 0.4))).score(claim, [passage]).missing == []  # nothing reads it
    assert Verifier(_Recorder((0.3, 0.3, 0.4)), coverage=True).score(claim, [passage]).missing == [1.0]

    def model(features):
        k = len(features)
        return ClaimModel(features=list(features), mean=[0.0] * k, scale=[1.0] * k, coef=[[0.0] * k] * 3,
                          intercept=[0.0] * 3)

    assert Verifier(_Recorder((0.3, 0.3, 0.4)), claim_model=model(BASE_FEATURES)).score(claim, [passage]).missing == []
    reads = Verifier(_Recorder((0.3, 0.3, 0.4)), claim_model=model(BASE_FEATURES + COVERAGE_FEATURES))
    assert reads.score(claim, [passage]).missing == [1.0]


def test_a_claim_restating_its_quote_with_one_name_changed_is_a_substitution():
    from factcheck.verify.names import name_substitution

    quote = "Hội nghị thượng đỉnh lần thứ 9 diễn ra tại thành phố Đà Lạt (Lâm Đồng) ngày 3.4, với 40 đại biểu."
    assert name_substitution("Hội nghị thượng đỉnh lần thứ 9 diễn ra tại thành phố Vinh.", "vi", quote, "vi") == \
        ("Vinh", "Đà Lạt")
    bank = "Ông Trần Minh, giám đốc điều hành Vietcombank, cho biết vào năm 2023 rằng lãi suất sẽ giảm."
    assert name_substitution("Ông Trần Minh là giám đốc điều hành của ngân hàng Agribank.", "vi", bank, "vi") == \
        ("Agribank", "Vietcombank")
    same = "Hội nghị thượng đỉnh lần thứ 9 diễn ra tại thành phố Đà Lạt."
    assert name_substitution(same, "vi", quote, "vi") is None  # nothing changed
    assert name_substitution("The summit took place in the city of Hue.", "en", quote, "vi") is None  # two languages


def test_pronouns_sentence_openers_and_spellings_are_not_substitutions():
    from factcheck.verify.names import name_substitution

    # the quote's "He" opens its sentence: no name stands in the claim's place
    assert name_substitution("Justin Marlow played college football at Georgia .", "en",
                             "He played college football at Georgia and earned honors.", "en") is None
    # one name spelled two ways
    assert name_substitution("Uwe Bol directed In the Name of the King .", "en",
                             "Uwe Boll directed In the Name of the King in 2006.", "en") is None
    # a word that opens a sentence inside the claim is not a name it names
    assert name_substitution("Không đúng. Sau hòa ước, đế quốc không hồi phục được.", "vi",
                             "Sau hòa ước Ba, đế quốc không hồi phục được.", "vi") is None


def test_the_verifier_refutes_a_non_english_claim_with_a_name_swapped():
    quote = "Hội nghị thượng đỉnh lần thứ 9 diễn ra tại thành phố Đà Lạt (Lâm Đồng) ngày 3.4."
    passage = Passage(id="p0", doc_id="d0", text=quote, start=0, end=len(quote), lang="vi")
    claim = Claim(text="Hội nghị thượng đỉnh lần thứ 9 diễn ra tại thành phố Vinh.", lang="vi")
    on = Verifier(_Recorder((0.7, 0.2, 0.1))).score(claim, [passage])
    assert on.signals == ["conflict"] and on.whys[0] == 'Names differ: the source names "Đà Lạt" where the claim ' \
        'names "Vinh".'

    assert on.probs[0][2] > 0.1  # pulled towards contradiction
    off = Verifier(_Recorder((0.7, 0.2, 0.1)), name_swaps=False).score(claim, [passage])
    assert off.signals == ["none"] and np.allclose(off.probs[0], [0.7, 0.2, 0.1])
    # German capitalises every noun: only Vietnamese claims are read this way
    de_quote = "Der Gipfel fand in der Stadt Lyon am Dienstag statt, sagten Beamte."
    p_de = Passage(id="p2", doc_id="d2", text=de_quote, start=0, end=len(de_quote), lang="de")
    de = Claim(text="Der Gipfel fand in der Stadt Nantes am Dienstag statt.", lang="de")
    assert Verifier(_Recorder((0.7, 0.2, 0.1))).score(de, [p_de]).signals == ["none"]
    # English claims are left to the model, which learnt name swaps in English
    en_quote = "The summit took place in the city of Lyon on Tuesday, officials said."
    p_en = Passage(id="p1", doc_id="d1", text=en_quote, start=0, end=len(en_quote), lang="en")
    en = Claim(text="The summit took place in the city of Nantes on Tuesday.", lang="en")
    assert Verifier(_Recorder((0.7, 0.2, 0.1))).score(en, [p_en]).signals == ["none"]


def test_vietnamese_anh_is_britain_only_where_it_is_no_pronoun_or_given_name():
    gb = ["tổ chức báo chí Tortoise Media (Anh), một", "Thủ tướng Anh đã đến.", "nước Anh đã đến",
          "Khi đó, Anh Quốc là đảo quốc.", "Người Anh cũng đến.", "học tiếng Anh"]
    for text in gb:
        assert [code for *_, code in mentions(text, "vi")] == ["GB"], text
    person = ["Anh ấy đi.", "Tôi gặp chị Anh hôm qua.", "Nguyễn Tuấn Anh là kỹ sư.", "Hôm qua Anh Tuấn đến.",
              "Ông nói: “Anh đi đi”.", "danh hiệu Anh hùng", "như Anh-xtanh nói"]
    for text in person:
        assert mentions(text, "vi") == [], text
    assert mentions("Vương quốc Anh", "vi") == [(0, 14, "GB")]  # CLDR's name, read once
    assert localise_countries("A British news organisation.", "en", "Tortoise Media (Anh) xếp hạng.", "vi") == \
        "A Anh news organisation."
