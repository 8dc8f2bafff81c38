"""Claim-evidence pair tests: aligned figures agree, conflict or are not comparable, across languages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factcheck.quantities import compare_figures, extract_figures, summarize_comparisons
from factcheck.quantities.align import far_inside
from factcheck.quantities.compare import FAR_INSIDE
from factcheck.schema import Figure, FigureComparison
from factcheck.verify.figures import figures_as_quoted

# Sentences of the seed article (vi), as a retriever would hand them over as evidence.
SEED_GDP = "Nga xác định AI là một lĩnh vực tăng trưởng chính, dự kiến việc sử dụng công nghệ này trên nhiều lĩnh vực có thể đóng góp hơn 11.000 tỉ rúp (hơn 109 tỉ USD) vào GDP của đất nước trong năm 2030."
SEED_GDP_RUB = "dự kiến việc sử dụng công nghệ này có thể đóng góp hơn 11.000 tỉ rúp vào GDP của đất nước trong năm 2030."
SEED_RANK = "Theo Chỉ số AI toàn cầu của tổ chức báo chí Tortoise Media (Anh), Nga hiện xếp thứ 31 trong số 83 quốc gia về triển khai, đổi mới và đầu tư vào AI."
SEED_SUMMIT = "Trước đó, bên lề Hội nghị thượng đỉnh BRICS lần thứ 16 diễn ra tại thành phố Kazan (Nga) ngày 22.10, Tổng thống Putin đã có cuộc hội đàm với Chủ tịch Tập Cận Bình."
SEED_DIRECTIVE = "Chỉ thị từ Tổng thống Putin được công bố trên trang web của Điện Kremlin hôm 1.1.2025, ba tuần sau khi ông tuyên bố rằng Nga sẽ hợp tác với các đối tác BRICS."
SEED_NETWORK = "Vào tháng 12.2024, ông Putin tuyên bố rằng Mạng lưới Liên minh AI mới sẽ tập hợp các chuyên gia từ BRICS."
SEED_NEWYEAR = "Hôm 31.12.2024, Chủ tịch Trung Quốc Tập Cận Bình đã gửi lời chúc mừng năm mới tới Tổng thống Vladimir Putin."
SEED_GREF = "German Gref, Giám đốc điều hành Sberbank, thừa nhận vào năm 2023 rằng các bộ xử lý đồ họa (GPU), chip hỗ trợ cho quá trình phát triển AI, là phần cứng khó thay thế nhất với Nga."
PAIRS = [  # (claim lang, claim, evidence lang, evidence, expected)
    ("en", "AI could add 11 billion rubles to Russia's GDP in 2030", "vi", SEED_GDP, "conflict"),
    ("en", "AI could add more than 11 trillion rubles to Russia's GDP in 2030", "vi", SEED_GDP, "agree"),
    ("en", "AI's contribution may exceed $109 billion in 2030", "vi", SEED_GDP, "agree"),
    ("en", "AI could add 11 trillion rubles to GDP", "vi", SEED_GDP, "agree"),
    ("en", "AI could add 20 trillion rubles to GDP", "vi", SEED_GDP, "not_comparable"),
    ("en", "AI could add 5 trillion rubles to GDP", "vi", SEED_GDP, "conflict"),
    ("ru", "ИИ может добавить к ВВП России более 11 трлн рублей к 2030 году", "vi", SEED_GDP, "agree"),
    ("zh", "到2030年人工智能可为俄罗斯GDP贡献超过11万亿卢布", "vi", SEED_GDP, "agree"),
    ("zh", "人工智能可为俄罗斯GDP贡献110亿卢布", "vi", SEED_GDP, "conflict"),
    ("en", "AI could add $109 billion to Russia's GDP", "vi", SEED_GDP_RUB, "not_comparable"),
    ("en", "AI could add $109 billion to Russia's GDP", "vi", SEED_GDP, "agree"),
    ("en", "The budget deficit was 3 trillion rubles", "ru", "Дефицит бюджета составил 3 трлн рублей.", "agree"),
    ("en", "The budget deficit was 3 trillion rubles", "ru", "Дефицит бюджета составил 2,5 трлн рублей.", "conflict"),
    ("vi", "Xuất khẩu đạt 5 tỷ USD", "en", "Exports reached $5bn last year.", "agree"),
    ("vi", "Xuất khẩu đạt 5 tỷ USD", "en", "Exports reached $5m last year.", "conflict"),
    ("en", "Trade reached about $200 billion", "zh", "双边贸易额达到2100亿美元。", "agree"),
    ("en", "Trade reached $240 billion", "zh", "双边贸易额达到2100亿美元。", "conflict"),
    ("en", "an investment of 500 million euros", "ru", "инвестиции в размере 500 млн евро", "agree"),
    ("en", "The loan was 2 billion yuan", "vi", "Khoản vay trị giá 2 tỷ nhân dân tệ.", "agree"),
    ("en", "The aid package was $1.2bn", "en", "The aid package totalled 1.2 billion dollars.", "agree"),
    ("en", "The country spent 10 billion dollars on defence", "en", "The country spent 10 billion euros on defence.", "not_comparable"),
    ("en", "Inflation reached 9.5%", "ru", "Инфляция достигла 9,5%.", "agree"),
    ("en", "Inflation reached 12%", "ru", "Инфляция достигла 9,5%.", "conflict"),
    ("vi", "GDP tăng trưởng 3,6%", "en", "GDP grew by 3.6 percent.", "agree"),
    ("en", "GDP grew by more than 5%", "zh", "GDP增长不到3%。", "conflict"),
    ("en", "Tariffs rose by 2 percentage points", "en", "Tariffs rose by 2%.", "not_comparable"),
    ("en", "Unemployment fell to 4%", "en", "Inflation was 8% while exports grew.", "none"),
    ("en", "Russia ranks 31st out of 62 countries in the Tortoise index", "vi", SEED_RANK, "conflict"),
    ("en", "Russia ranks 13th out of 83 countries in the Tortoise AI index", "vi", SEED_RANK, "conflict"),
    ("en", "Russia ranks 31st out of 83 countries in the AI index", "vi", SEED_RANK, "agree"),
    ("en", "Russia is in the top 10 of the Tortoise AI index", "vi", SEED_RANK, "conflict"),
    ("ru", "Россия занимает 31-е место из 83 стран в рейтинге ИИ", "vi", SEED_RANK, "agree"),
    ("zh", "俄罗斯在83个国家中排名第31位", "vi", SEED_RANK, "agree"),
    ("zh", "俄罗斯在83个国家中排名第13位", "vi", SEED_RANK, "conflict"),
    ("en", "India is in the top 10 of the index", "en", "India ranked 5th in the index.", "agree"),
    ("en", "India ranked 5th in the index", "en", "India is among the top 10 in the index.", "not_comparable"),
    ("vi", "Việt Nam xếp thứ 5 trong số 10 nước", "en", "Vietnam ranked 5th out of 12 countries.", "conflict"),
    ("en", "The 12th BRICS summit was held in Kazan", "vi", SEED_SUMMIT, "conflict"),
    ("en", "The 16th BRICS summit was held in Kazan", "vi", SEED_SUMMIT, "agree"),
    ("ru", "Шестнадцатый саммит БРИКС прошёл в Казани", "vi", SEED_SUMMIT, "agree"),
    ("zh", "第十二届金砖国家峰会在喀山举行", "vi", SEED_SUMMIT, "conflict"),
    ("en", "technology of the 21st century", "vi", "một trong những công nghệ quan trọng nhất thế kỷ 21.", "agree"),
    ("en", "It was the second summit of the group", "en", "The third summit of the group was held in June.", "conflict"),
    ("en", "Putin's directive was published on January 1, 2025", "vi", SEED_DIRECTIVE, "agree"),
    ("en", "Putin's directive was published on January 2, 2025", "vi", SEED_DIRECTIVE, "conflict"),
    ("en", "The BRICS summit in Kazan took place on October 22, 2024", "vi", SEED_SUMMIT, "agree"),
    ("en", "The BRICS summit in Kazan took place on October 23", "vi", SEED_SUMMIT, "conflict"),
    ("en", "Putin announced the AI Alliance Network in November 2024", "vi", SEED_NETWORK, "conflict"),
    ("en", "Putin announced the AI Alliance Network in 2024", "vi", SEED_NETWORK, "agree"),
    ("en", "Putin announced the AI Alliance Network on December 5, 2024", "vi", SEED_NETWORK, "not_comparable"),
    ("ru", "Си Цзиньпин поздравил Путина с Новым годом 31 декабря 2024 года", "vi", SEED_NEWYEAR, "agree"),
    ("zh", "2024年12月31日，习近平向普京致新年贺电", "vi", SEED_NEWYEAR, "agree"),
    ("en", "Gref admitted in 2023 that GPUs were the hardest hardware to replace", "vi", SEED_GREF, "agree"),
    ("en", "Gref admitted in 2021 that GPUs were the hardest hardware to replace", "vi", SEED_GREF, "conflict"),
    ("en", "AI could add 11 trillion rubles to GDP by 2035", "vi", SEED_GDP, "conflict"),
    ("en", "The directive came three weeks after he announced cooperation", "vi", SEED_DIRECTIVE, "agree"),
    ("en", "The directive came two weeks after he announced cooperation", "vi", SEED_DIRECTIVE, "conflict"),
    ("ru", "Директива вышла через три недели после заявления о сотрудничестве", "vi", SEED_DIRECTIVE, "agree"),
    ("en", "The talks lasted 3 months", "en", "The talks lasted 90 days.", "agree"),
    ("en", "The talks lasted 3 months", "en", "The talks lasted 6 months.", "conflict"),
    ("en", "83 countries took part", "vi", "83 quốc gia đã tham gia.", "agree"),
    ("en", "62 countries took part", "vi", "83 quốc gia đã tham gia.", "conflict"),
    ("en", "More than 100 people were killed", "ru", "Погибли около 120 человек.", "agree"),
    ("en", "About 50 people were killed", "ru", "Погибли более 100 человек.", "conflict"),
    ("zh", "超过5000名士兵参加了演习", "en", "Over 5,000 troops took part in the drills.", "agree"),
    ("en", "The alliance has 10 members", "vi", "Liên minh có 9 thành viên.", "conflict"),
    ("en", "83 countries signed the deal in 2023", "vi", "83 quốc gia đã ký thỏa thuận.", "agree"),
    ("en", "Sales rose 5% to $10 billion", "en", "Sales rose 5% last year.", "agree"),
    ("en", "The 2024 summit", "vi", SEED_SUMMIT, "agree"),
    ("en", "The 2024 summit", "vi", SEED_RANK, "none"),
    ("en", "The index covers 83 countries", "vi", SEED_RANK, "none"),
    ("en", "Russia sent 3 delegations", "en", "The third delegation arrived on Monday.", "none"),
    ("vi", "Nga đóng góp 11 nghìn tỷ rúp vào GDP", "en", "AI could add more than 11 trillion rubles to GDP by 2030.", "agree"),
    ("ru", "Дефицит составил 11 млрд рублей", "zh", "赤字达到11万亿卢布", "conflict"),
    # Time bounds and decades: a bound compares as an interval
    ("en", "The bridge was completed before 1890", "en", "The bridge was completed in 1887.", "agree"),
    ("en", "The bridge was completed before 1890", "en", "The bridge was completed in 1893.", "conflict"),
    ("en", "The firm entered the steel business before the 1970s", "en", "The firm began making steel in the early 1960s.", "agree"),
    ("en", "The firm entered the steel business before the 1970s", "en", "The firm began making steel in the late 1970s.", "conflict"),
    ("en", "The newspaper was founded in the 1840s", "en", "The newspaper was founded in 1846.", "agree"),
    ("en", "The war was fought in the 1910's", "en", "The war was fought from 1914 to 1918.", "agree"),
    ("en", "The album charted after May 2016", "en", "As of July 2016, the album had charted.", "agree"),
    ("en", "The album charted after May 2016", "en", "As of March 2016, the album had charted.", "conflict"),
    ("en", "The plan was announced after June 4", "en", "The plan was announced on June 6, 2011.", "agree"),
    ("en", "The plan was announced before June 4", "en", "The plan was announced on June 6, 2011.", "conflict"),
    ("en", "The merger was revealed after March 11", "en", "The merger was revealed on March 11, 2009.", "conflict"),
    ("en", "Before May 20th , 512 cases were confirmed in the region", "en", "As of May 19, 2020, the region had confirmed 512 cases.", "agree"),
    ("en", "The fund reported its first 3 losses after 2 April 2021", "en", "On 5 April, the fund reported its first three losses.", "agree"),
    ("en", "The league has had 18 clubs since 1995", "en", "Since 1995 the league has had 18 clubs.", "agree"),
    ("en", "The club was runner-up in 1983", "en", "The club was runner-up in 1982–83.", "not_comparable"),
    ("vi", "Cầu Halden được xây xong trước năm 1890", "en", "The Halden bridge was completed in 1887.", "agree"),
    ("vi", "Công ty Norsk được thành lập sau năm 2005", "ru", "Компания Norsk была основана в 2003 году.", "conflict"),
    ("ru", "Мост Halden построили после 1880 года", "en", "The Halden bridge was completed in 1887.", "agree"),
    ("ru", "Завод Volta открыли в 1960-е годы", "en", "The Volta plant opened in 1964.", "agree"),
    ("zh", "Norsk公司在2005年之前成立", "en", "The Norsk company was founded in 2007.", "conflict"),
    ("zh", "Volta工厂于1960年代开业", "vi", "Nhà máy Volta khai trương năm 1964.", "agree"),
    ("vi", "Công ty Volta mở nhà máy trong những năm 1970", "en", "The Volta company opened its plant in 1964.", "conflict"),
    # Comparators before percentages and positions
    ("en", "The show holds an approval rating higher than 70 %", "en", "The show holds an approval rating of 74 %.", "agree"),
    ("en", "The show holds an approval rating higher than 70 %", "en", "The show holds an approval rating of 68 %.", "conflict"),
    ("en", "The show holds a rating lower than 70%", "en", "The show holds a rating of 70%.", "conflict"),
    ("ru", "Рейтинг одобрения шоу выше 70%", "en", "The show holds an approval rating of 74 %.", "agree"),
    ("en", "The game runs at less than 50 fps on older consoles", "en", "On older consoles the game runs at 45 fps.", "agree"),
    # A rank is of the country named just before it: ranks of two different countries do not compare.
    ("en", "The United States ranks first in the Tortoise AI index", "vi", SEED_RANK, "not_comparable"),
    ("ru", "Россия занимает 31-е место из 83 стран", "en", "Germany ranks 5th of 83 countries.", "not_comparable"),
    ("zh", "俄罗斯在83个国家中排名第31位", "en", "Russia ranks 31st of 83 countries.", "agree"),
    ("vi", "Trung Quốc xếp thứ 2 trong chỉ số", "en", "China is ranked 3rd in the index.", "conflict"),
    ("en", "The novel was ranked below the 4th best of the decade", "en", "Critics ranked the novel the third best of the decade.", "not_comparable"),
    ("en", "More than 40 out of 90 seats went to the party", "en", "The party won 41 out of 88 seats.", "conflict"),
    ("en", "The city has more than 28,000 residents", "en", "The city has 27,546 residents.", "conflict"),
    ("en", "The stadium holds fewer than 30,000 spectators", "en", "The stadium holds 30,000 spectators.", "conflict"),
    ("en", "The video has under 600 million views", "en", "The video has more than 600 million views.", "conflict"),
    ("en", "The film grossed under $519 million", "en", "The film grossed over $518 million worldwide.", "agree"),
    ("en", "The firm has less than 14,000 employees", "en", "The firm employs more than 13,500 people.", "agree"),
    ("en", "The video has over 610 million views", "en", "The video has over 600 million views.", "conflict"),
    ("en", "The album sold more than 15 million copies", "en", "The album has sold over 10 million copies.", "conflict"),
    ("en", "The drive took less than 1 minute", "en", "The drive took less than 2 minutes.", "conflict"),
    ("en", "The video has over 590 million views", "en", "The video has over 600 million views.", "agree"),
    ("en", "The film grossed more than $50 million at home", "en", "The film grossed $49.8 million at home and $95 million abroad.", "conflict"),
    ("zh", "Volta影片票房超过5000万美元", "en", "The Volta film grossed $49.8 million.", "conflict"),
    # Numbers in names are not quantities
    ("en", "Toy Story 4 earned $120 million in its opening weekend", "en", "The film opened at number 1 with $120 million.", "agree"),
    ("en", "The sequel, cleaner 2, opened with $8 million", "en", "The sequel opened at number 5 with $8 million.", "agree"),
    ("en", "The Xbox 360 version runs at less than 40 fps", "en", "The Xbox 360 version is shown in 720p and runs at 30 fps.", "agree"),
    ("en", "Italy won 4-2 on penalties", "en", "Italy won the shoot-out 4-3.", "none"),
    ("en", "The town council met 12 times", "en", "The mayor was elected with 7 votes to spare.", "none"),
    # Counted nouns: different things counted are not comparable
    ("en", "24 flu cases had been confirmed in the town", "en", "The town had confirmed twenty-four cases and nine recoveries.", "agree"),
    ("en", "More than 5,000 cases were reported with more than 300 deaths", "en", "5,120 cases were reported, with 310 deaths and 2,900 recoveries.", "agree"),
    ("en", "The outbreak caused 40 deaths", "en", "The outbreak caused 12 recoveries.", "not_comparable"),
    ("en", "The old village has 30 stone houses", "en", "The old village has 12 stone wells.", "not_comparable"),
    ("vi", "Làng có 30 ngôi nhà", "vi", "Làng có một ngôi đền.", "not_comparable"),
    # The same stated interval of bare numbers needs no shared word beside it, as the same point does not
    ("en", "Women ages 16 to 24 are most at risk", "vi", "Phụ nữ tuổi từ 16 đến 24 có nguy cơ cao nhất.", "agree"),
    ("en", "Over 500 women are killed every year", "vi", "Trên 500 phụ nữ bị giết mỗi năm.", "agree"),
    ("en", "More than 2,000 people attended the rally", "en", "More than 2,000 participants attended the rally.", "agree"),
    # Ranges: currency and scale carry to both ends; a claim inside a range agrees
    ("en", "The film needed to gross $420 million to break even", "en", "The film needed to gross $400–450 million to break even.", "agree"),
    ("en", "The film was made on a budget of more than 50 crore", "en", "The film was made on a budget of 60–70 crore.", "agree"),
    ("en", "The transfer fee was more than £30 million", "en", "He joined for a club record £35 ; million fee.", "agree"),
    ("en", "The transfer fee was less than £30 million", "en", "He joined for a club record £35 ; million fee.", "conflict"),
    # Times of day: their own kind, across languages; on the 12-hour dial when one leaves the half of the day open
    ("vi", "Tôi gặp những bé trai này lúc 5 giờ sáng", "en", "I met these boys at 5 a.m.", "agree"),
    ("en", "The blast happened at 7 a.m.", "en", "The blast happened at 7 p.m. on Sunday.", "conflict"),
    ("en", "The meeting opened at 5 o'clock", "ru", "Заседание открылось в 17:00.", "agree"),
    ("en", "The shop is open for 5 hours", "vi", "Cửa hàng mở cửa lúc 5 giờ sáng.", "none"),  # a duration, not a time
    # ... and a time of day belongs with the day beside it, across languages too
    ("en", "The explosion happened at 7 p.m. on 5 March 2024", "vi", "Hôm 5/3/2024, vụ nổ xảy ra lúc 7 giờ sáng.",
     "conflict"),
    ("en", "The explosion happened at 7 a.m. on 5 March 2024", "vi", "Hôm 5/3/2024, vụ nổ xảy ra lúc 7 giờ sáng.",
     "agree"),
    # people and things news counts, named in each language (a number word counts only before such a noun)
    ("en", "Four ministers resigned", "vi", "Có ba bộ trưởng đã từ chức.", "conflict"),
    ("ru", "Пять журналистов погибли", "vi", "Năm nhà báo đã thiệt mạng.", "agree"),
    ("en", "The hospital treated 120 patients", "vi", "Bệnh viện đã điều trị 200 bệnh nhân.", "conflict"),
    ("vi", "Hai tàu chiến đã cập cảng", "en", "Three warships docked.", "conflict"),
    ("zh", "学校有300名学生", "en", "The school has 300 students.", "agree"),
    ("en", "They shot down 12 drones", "vi", "Họ bắn hạ 12 máy bay không người lái.", "agree"),
    ("en", "The firm has 500 employees", "en", "The firm has 500 factories.", "not_comparable"),
]

DOC_DATES = {SEED_SUMMIT: [dt.date(2025, 1, 1)]}  # the article's latest date: gives "ngày 22.10" its year


def _compare(claim, clang, evidence, elang):
    cf = extract_figures(claim, clang)
    ef = extract_figures(evidence, elang, doc_dates=DOC_DATES.get(evidence))
    return compare_figures(cf, ef, claim_text=claim, evidence_text=evidence)


@pytest.mark.parametrize("clang,claim,elang,evidence,expected",
                         [pytest.param(*p, id=f"{p[0]}-{p[2]}:{p[1][:50]}") for p in PAIRS])
def test_pair(clang, claim, elang, evidence, expected):
    comps = _compare(claim, clang, evidence, elang)
    signal, explanation = summarize_comparisons(comps)
    if expected in ("agree", "conflict"):
        assert signal == expected, explanation
        deciding = [c for c in comps if c.status == expected]
        assert all(c.claim.normalized in explanation and c.evidence.normalized in explanation for c in deciding)
    elif expected == "not_comparable":
        assert signal == "none", explanation
        assert comps and all(c.status == "not_comparable" for c in comps)
    else:
        assert comps == [], explanation


def test_enough_pairs_and_cross_lingual():
    assert len(PAIRS) >= 60
    assert sum(p[0] != p[2] for p in PAIRS) >= 30
    assert {p[4] for p in PAIRS} == {"agree", "conflict", "not_comparable", "none"}


def test_conflict_reason_names_both_readings():
    [c] = _compare("Russia ranks 13th out of 83 countries in the Tortoise AI index", "en", SEED_RANK, "vi")
    assert c.status == "conflict"
    assert c.reason == "claim: 13th of 83; source: 31st of 83"
    assert (c.claim.text, c.evidence.text) == ("13th out of 83", "xếp thứ 31 trong số 83")


def test_field_size_conflict_is_explained():
    [c] = _compare("Russia ranks 31st out of 62 countries in the Tortoise index", "en", SEED_RANK, "vi")
    assert c.status == "conflict"
    assert c.reason.startswith("claim: 31st of 62; source: 31st of 83")


def test_intervals_compare_as_intervals():
    ev = "dự kiến có thể đóng góp hơn 11.000 tỉ rúp vào GDP"
    over = _compare("AI could add over 11 trillion rubles to GDP", "en", ev, "vi")
    point = _compare("AI could add 11 billion rubles to GDP", "en", ev, "vi")
    assert [c.status for c in over] == ["agree"]
    assert [c.status for c in point] == ["conflict"]
    assert point[0].evidence.low == pytest.approx(1.1e13) and point[0].evidence.high is None


def test_evidence_stating_both_currencies_is_used():
    comps = _compare("AI could add $109 billion to Russia's GDP", "en", SEED_GDP, "vi")
    assert [(c.status, c.evidence.unit) for c in comps] == [("agree", "USD")]


def test_year_is_not_aligned_with_a_count_or_rank():
    comps = _compare("In 2031 the index covered 2031 countries", "en", SEED_RANK, "vi")
    assert all(c.claim.kind != "year" or c.evidence.kind in ("year", "date") for c in comps)
    assert not any(c.evidence.kind == "rank" and c.claim.kind == "year" for c in comps)


def test_agreeing_reading_is_preferred_among_candidates():
    evidence = "Năm 2023 ông nói vậy. AI có thể đóng góp hơn 11.000 tỉ rúp vào GDP trong năm 2030."
    comps = _compare("AI could add more than 11 trillion rubles to GDP in 2030", "en", evidence, "vi")
    assert {(c.claim.kind, c.status) for c in comps} == {("amount", "agree"), ("year", "agree")}


def test_summarize_signals():
    assert summarize_comparisons([]) == ("none", "No figure in the claim lines up with one in the evidence.")
    comps = _compare("AI could add 11 billion rubles to Russia's GDP in 2030", "en", SEED_GDP, "vi")
    signal, text = summarize_comparisons(comps)
    assert signal == "conflict"
    assert "11,000,000,000 RUB" in text and "> 11,000,000,000,000 RUB" in text and "hơn 11.000 tỉ rúp" in text


def test_compare_never_raises_on_odd_input():
    f = extract_figures("83 countries", "en")[0]
    assert compare_figures(None, None) == []
    assert compare_figures([f], [object(), "x", {"bad": 1}]) == []
    assert compare_figures([f.model_dump()], [f.model_dump()])[0].status == "agree"
    odd = Figure(text="x", start=0, end=1, kind="weird", value=float("nan"))
    assert compare_figures([odd, f], [odd, f]) == compare_figures([f], [f])
    huge = Figure(text="y", start=0, end=1, kind="year", value=1e300, low=1e300, high=1e300)
    inf = Figure(text="z", start=0, end=1, kind="count", unit="count", value=float("inf"), low=float("inf"),
                 high=float("inf"), context=f.context)
    comps = compare_figures([huge, inf, f], [huge, inf, f])
    assert [c.status for c in comps if c.claim == f] == ["agree"]
    assert summarize_comparisons(None)[0] == "none"
    assert summarize_comparisons([1, "x"])[0] == "none"


@pytest.mark.parametrize("claim,evidence", [
    ("The game runs at less than 50 fps on older consoles", "On older consoles the game runs at 30 fps."),
    ("The film has more than 5,000 reviews on Rotten Tomatoes", "The film has over 11,000 reviews on Rotten Tomatoes."),
    ("AI could add more than 1,100 billion rubles to GDP in 2030", SEED_GDP_RUB),
])
def test_a_value_far_inside_the_claimed_bound_is_not_an_agreement(claim, evidence):
    """VitaminC's pairs: a bound met within 1.5x of it is entailed 93% of the time, one met further off about as
    often contradicted as entailed. Such a pair stays aligned, noted, but gives no signal and is not rewritten."""
    elang = "vi" if evidence is SEED_GDP_RUB else "en"
    comps = _compare(claim, "en", evidence, elang)
    far = [c for c in comps if c.claim.kind in ("amount", "number", "count")]
    assert [c.status for c in far] == ["agree"] and all(far_inside(c) for c in far)
    signal, text = summarize_comparisons(comps)
    assert signal == "none" and "far inside the bound" in text
    written = figures_as_quoted(claim, evidence, comps)
    assert all(c.claim.text in written and c.evidence.text not in written for c in far)


def test_a_value_near_the_claimed_bound_agrees_and_is_written_as_quoted():
    claim = "AI could add more than 10,000 billion rubles to GDP in 2030"
    comps = _compare(claim, "en", SEED_GDP_RUB, "vi")
    assert summarize_comparisons(comps)[0] == "agree" and not any(far_inside(c) for c in comps)
    assert "hơn 11.000 tỉ rúp" in figures_as_quoted(claim, SEED_GDP_RUB, comps)


def test_comparisons_are_schema_objects():
    comps = _compare("83 countries took part", "en", "83 quốc gia đã tham gia.", "vi")
    assert all(isinstance(c, FigureComparison) for c in comps)


SEED_FILE = Path(__file__).resolve().parents[1] / "seeds" / "000_b1001c2e46c865c5.txt"
DONE_WHEN = [
    ("AI could add 11 billion rubles to Russia's GDP in 2030", "conflict", "hơn 11.000 tỉ rúp"),
    ("Russia ranks 31st out of 62 countries in the Tortoise index", "conflict", "xếp thứ 31 trong số 83"),
    ("The 12th BRICS summit was held in Kazan", "conflict", "lần thứ 16"),
    ("AI could add more than 11 trillion rubles to Russia's GDP in 2030", "agree", "hơn 11.000 tỉ rúp"),
    ("AI's contribution may exceed $109 billion in 2030", "agree", "hơn 109 tỉ USD"),
]


@pytest.mark.parametrize("claim,signal,source_span", DONE_WHEN)
def test_seed_claims_against_whole_article(claim, signal, source_span):
    text = SEED_FILE.read_text(encoding="utf-8").split("---\n", 2)[-1]
    comps = compare_figures(extract_figures(claim), extract_figures(text), claim_text=claim, evidence_text=text)
    got, explanation = summarize_comparisons(comps)
    assert got == signal, explanation
    assert source_span in explanation


def test_agreement_on_the_year_alone_does_not_carry_an_unconfirmed_amount():
    comps = _compare("AI could add 20 trillion rubles to Russia's GDP in 2030", "en", SEED_GDP, "vi")
    assert sorted(c.status for c in comps) == ["agree", "not_comparable"]
    signal, text = summarize_comparisons(comps)
    assert signal == "none"
    assert text.startswith("Figures not comparable: claim: 20,000,000,000,000 RUB") and "agreeing:" in text


def test_inferred_year_alone_does_not_make_a_conflict():
    evidence = "Hội nghị thượng đỉnh BRICS diễn ra tại Kazan ngày 22.10."
    cf = extract_figures("The BRICS summit in Kazan took place on October 22, 2023", "en")
    ef = extract_figures(evidence, "vi", doc_dates=[dt.date(2025, 1, 1)])
    [c] = compare_figures(cf, ef, claim_text="", evidence_text=evidence)
    assert (c.status, c.evidence.normalized) == ("not_comparable", "2024-10-22 (year from document)")
    other_day = extract_figures("The BRICS summit in Kazan took place on October 24, 2023", "en")
    assert compare_figures(other_day, ef)[0].status == "conflict"


def test_a_conflict_resting_on_a_guessed_reading_says_so():
    [c] = _compare("The loan was 2 billion dollars", "en", "The loan was 1.234 billion dollars.", "en")
    assert c.status == "conflict" and c.reason.endswith("(a reading had to guess)")


@pytest.mark.parametrize("claim,status", [("The Kazan summit opened on October 25, 2024", "conflict"),
                                          ("The Kazan summit took place in October 2024", "agree"),
                                          ("The Kazan summit opened on October 23, 2024", "not_comparable")])
def test_a_run_of_days_compares_as_an_interval(claim, status):
    [c] = _compare(claim, "en", "Hội nghị thượng đỉnh tại Kazan diễn ra từ ngày 22 đến 24.10.2024.", "vi")
    assert c.status == status and c.evidence.normalized == "2024-10-22/24"


def test_comparisons_from_several_passages_prefer_the_agreeing_one():
    claim = "Gref admitted in 2023 that GPUs were the hardest hardware to replace"
    agree = _compare(claim, "en", SEED_GREF, "vi")
    other = _compare(claim, "en", SEED_GREF.replace("năm 2023", "năm 2021"), "vi")
    assert [c.status for c in agree] == ["agree"] and [c.status for c in other] == ["conflict"]
    assert summarize_comparisons(other + agree)[0] == "agree"
    assert summarize_comparisons(other)[0] == "conflict"


def test_opposite_bounds_far_apart_agree_only_weakly():
    comps = _compare("The album sold under 200 million copies", "en", "The album sold more than 100 million copies.", "en")
    assert [c.status for c in comps] == ["agree"]
    assert FAR_INSIDE in comps[0].reason
