"""Table-driven readings of figures in vi/en/ru/zh: each case is a string and its expected reading."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.quantities import extract_figures

T = 1e12
B = 1e9
M = 1e6


def C(lang, text, kind, value=..., *, low=..., high=..., unit=..., of=..., span=None, norm=None,  # noqa: N802
      approx=None, guessed=None):
    """One case: `span` picks the figure (default: the only one); `...` means "not checked"."""
    exp = {"kind": kind, "value": value, "low": low, "high": high, "unit": unit, "of": of,
           "approximate": approx, "guessed": guessed, "normalized": norm}
    return pytest.param(lang, text, span, {k: v for k, v in exp.items() if v is not ... and v is not None
                                          or (k in ("value", "low", "high", "unit", "of") and v is None)},
                        id=f"{lang}:{text[:40]}")


def P(lang, text, kind, value, unit=None, **kw):  # noqa: N802
    """A point reading: low == high == value."""
    return C(lang, text, kind, value, low=value, high=value, unit=unit, **kw)


SEPARATORS = [
    P("vi", "Dân số đạt 11.000 người", "count", 11000, "count"),
    P("ru", "В городе живут 11 000 человек", "count", 11000, "count"),
    P("en", "The city has 11,000 residents", "count", 11000, "count"),
    P("ru", "Сумма 11\u00a0000 рублей", "amount", 11000, "RUB"),
    P("vi", "Tăng trưởng 1,5% trong quý", "percent", 1.5, "%"),
    P("en", "Growth was 1.5% in the quarter", "percent", 1.5, "%"),
    P("ru", "рост на 3,7%", "percent", 3.7, "%"),
    P("zh", "增长1.5%", "percent", 1.5, "%"),
    P("vi", "Khoản vay 1.234 tỉ đồng", "amount", 1234 * B, "VND", guessed=True),
    P("en", "The loan was 1.234 billion dollars", "amount", 1.234 * B, "USD", guessed=True),
    P("vi", "Giá 1,234 tỉ đồng", "amount", 1.234 * B, "VND", guessed=True),
    P("ru", "Бюджет составил 1.234,5 млн рублей", "amount", 1234.5 * M, "RUB", guessed=False),
    P("en", "Revenue of 1,234.5 million dollars", "amount", 1234.5 * M, "USD", guessed=False),
    P("en", "Only 0.125 of the sample", "number", 0.125),
    P("vi", "Tỷ lệ 2,5 và khoản 1.234 người", "count", 1234, "count", span="1.234 người", guessed=False),
    P("en", "Prices rose 2.5 times and 1,234 people came", "count", 1234, "count", span="1,234 people",
      guessed=False),
    P("vi", "Tỷ lệ 2,5 và khoản 1.234 người", "number", 2.5, span="2,5"),
    P("en", "A sum of 1.000 euros", "amount", 1000, "EUR", guessed=False),
    P("vi", "200.000 VND", "amount", 200000, "VND"),
    P("en", "1,000,000 people", "count", 1e6, "count"),
    P("vi", "1.000.000 người", "count", 1e6, "count"),
    P("ru", "1 000 000 человек", "count", 1e6, "count"),
    P("zh", "有11,000人", "count", 11000, "count"),
    P("en", "exports of 3.75 billion dollars", "amount", 3.75 * B, "USD"),
    P("vi", "xuất khẩu 3,75 tỷ USD", "amount", 3.75 * B, "USD"),
]

SCALES = [
    P("vi", "5 nghìn người", "count", 5000, "count"),
    P("vi", "5 ngàn người", "count", 5000, "count"),
    P("vi", "3 triệu người", "count", 3 * M, "count"),
    P("vi", "12 tỉ USD", "amount", 12 * B, "USD"),
    P("vi", "12 tỷ USD", "amount", 12 * B, "USD"),
    P("vi", "11 nghìn tỉ rúp", "amount", 11 * T, "RUB"),
    P("vi", "11 nghìn tỷ rúp", "amount", 11 * T, "RUB"),
    P("vi", "11 ngàn tỷ rúp", "amount", 11 * T, "RUB"),
    P("vi", "11.000 tỉ rúp", "amount", 11 * T, "RUB", norm="11,000,000,000,000 RUB"),
    P("en", "11 trillion rubles", "amount", 11 * T, "RUB"),
    P("en", "₽11tn", "amount", 11 * T, "RUB"),
    P("en", "a $5m deal", "amount", 5 * M, "USD", span="$5m"),
    P("en", "a $1.2bn loan", "amount", 1.2 * B, "USD", span="$1.2bn"),
    P("en", "5k people", "count", 5000, "count"),
    P("en", "2.5 million barrels", "count", 2.5 * M, "count"),
    P("en", "3 thousand soldiers", "count", 3000, "count"),
    P("en", "11 billion rubles", "amount", 11 * B, "RUB"),
    P("en", "$109 billion", "amount", 109 * B, "USD"),
    P("en", "a thousand people", "count", 1000, "count"),
    P("en", "a million dollars", "amount", 1 * M, "USD"),
    P("ru", "5 тыс. человек", "count", 5000, "count"),
    P("ru", "5 тысяч человек", "count", 5000, "count"),
    P("ru", "2,5 млн рублей", "amount", 2.5 * M, "RUB"),
    P("ru", "12 млрд долларов", "amount", 12 * B, "USD"),
    P("ru", "11 трлн рублей", "amount", 11 * T, "RUB"),
    P("ru", "11 триллионов рублей", "amount", 11 * T, "RUB"),
    P("ru", "3 миллиарда долларов", "amount", 3 * B, "USD"),
    P("ru", "2 миллиона человек", "count", 2 * M, "count"),
    P("zh", "3千人", "count", 3000, "count"),
    P("zh", "5万人", "count", 50000, "count"),
    P("zh", "12亿美元", "amount", 1.2 * B, "USD"),
    P("zh", "11万亿卢布", "amount", 11 * T, "RUB"),
    P("zh", "1090亿美元", "amount", 109 * B, "USD"),
    P("zh", "300万卢布", "amount", 3 * M, "RUB"),
    P("zh", "5百万美元", "amount", 5 * M, "USD"),
]

NUMBER_WORDS = [
    P("en", "eighty-three countries", "count", 83, "count"),
    P("en", "twenty-one days", "duration", 21, "day"),
    P("en", "It happened three months ago", "duration", 3, "month"),
    P("en", "a hundred and five people", "count", 105, "count"),
    P("en", "two hundred soldiers", "count", 200, "count"),
    P("en", "two million dollars", "amount", 2 * M, "USD"),
    P("en", "ninety-nine people", "count", 99, "count"),
    P("vi", "ba tuần sau", "duration", 3, "week", norm="3 weeks"),
    P("vi", "hai mươi mốt ngày", "duration", 21, "day"),
    P("vi", "mười lăm người", "count", 15, "count"),
    P("vi", "năm người thiệt mạng", "count", 5, "count"),
    P("vi", "hai quốc gia", "count", 2, "count"),
    P("vi", "một trăm linh năm người", "count", 105, "count"),
    P("vi", "hai mươi tư giờ", "duration", 24, "hour"),
    P("ru", "три недели", "duration", 3, "week"),
    P("ru", "двадцать пять лет", "duration", 25, "year"),
    P("ru", "пять стран", "count", 5, "count"),
    P("zh", "三周", "duration", 3, "week"),
    P("zh", "三个月", "duration", 3, "month"),
    P("zh", "两年", "duration", 2, "year"),
    P("zh", "三千五百万人", "count", 35 * M, "count"),
    P("zh", "两千人", "count", 2000, "count"),
    P("zh", "八十三个国家", "count", 83, "count"),
]

UNITS = [
    P("en", "US$5 million", "amount", 5 * M, "USD"),
    P("en", "USD 20 million", "amount", 20 * M, "USD"),
    P("en", "20 million USD", "amount", 20 * M, "USD"),
    P("en", "500 dollars", "amount", 500, "USD"),
    P("vi", "500 đô la", "amount", 500, "USD"),
    P("ru", "500 долларов", "amount", 500, "USD"),
    P("zh", "500美元", "amount", 500, "USD"),
    P("vi", "2000 yên", "amount", 2000, "JPY"),
    P("en", "300 million rubles", "amount", 300 * M, "RUB"),
    P("vi", "300 triệu rúp", "amount", 300 * M, "RUB"),
    P("ru", "300 млн руб.", "amount", 300 * M, "RUB"),
    P("en", "5 billion yuan", "amount", 5 * B, "CNY"),
    P("vi", "5 tỷ nhân dân tệ", "amount", 5 * B, "CNY"),
    P("ru", "5 млрд юаней", "amount", 5 * B, "CNY"),
    P("zh", "50亿元", "amount", 5 * B, "CNY"),
    P("zh", "50亿元人民币", "amount", 5 * B, "CNY"),
    P("en", "CNY 5bn", "amount", 5 * B, "CNY"),
    P("vi", "200 triệu đồng", "amount", 200 * M, "VND"),
    P("en", "€3bn", "amount", 3 * B, "EUR"),
    P("en", "3 billion euros", "amount", 3 * B, "EUR"),
    P("ru", "3 млрд евро", "amount", 3 * B, "EUR"),
    P("zh", "30亿欧元", "amount", 3 * B, "EUR"),
    P("vi", "3 tỷ euro", "amount", 3 * B, "EUR"),
    P("en", "£2m", "amount", 2 * M, "GBP"),
    P("en", "12%", "percent", 12, "%"),
    P("en", "12 percent", "percent", 12, "%"),
    P("vi", "12 phần trăm", "percent", 12, "%"),
    P("ru", "12 процентов", "percent", 12, "%"),
    P("zh", "百分之十二", "percent", 12, "%"),
    P("zh", "12％", "percent", 12, "%"),
    P("en", "12.5%", "percent", 12.5, "%", norm="12.5%"),
    P("en", "2 percentage points", "percent", 2, "pp"),
    P("vi", "2 điểm phần trăm", "percent", 2, "pp"),
    P("ru", "2 п.п.", "percent", 2, "pp"),
    P("en", "83 countries", "count", 83, "count", norm="83 (country)"),
    P("vi", "83 quốc gia", "count", 83, "count", norm="83 (country)"),
    P("ru", "83 стран", "count", 83, "count", norm="83 (country)"),
    P("zh", "83个国家", "count", 83, "count", norm="83 (country)"),
    P("en", "100 people", "count", 100, "count", norm="100 (people)"),
    P("ru", "100 человек", "count", 100, "count"),
    P("zh", "100人", "count", 100, "count"),
    P("vi", "vụ việc khiến 3 người thiệt mạng", "count", 3, "count"),
    P("vi", "Có 16 doanh nghiệp tham gia", "count", 16, "count", norm="16 (company)"),
    P("ru", "5 компаний", "count", 5, "count"),
    P("en", "the party won 120 seats", "count", 120, "count"),
    P("vi", "5 chiếc xe tăng", "count", 5, "count"),
    P("zh", "5架无人机", "count", 5, "count"),
]

RANKS = [
    P("en", "Russia ranked 31st of 83", "rank", 31, of=83, norm="31st of 83"),
    P("en", "ranks 31st out of 83 countries", "rank", 31, of=83, span="31st out of 83"),
    P("en", "in 31st place", "rank", 31, of=None, norm="31st"),
    P("en", "ranked 31 out of 83", "rank", 31, of=83),
    P("en", "thirty-first out of eighty-three", "rank", 31, of=83),
    P("en", "a score of 31/83", "rank", 31, of=83, norm="31 of 83"),
    P("en", "the No. 1 exporter", "rank", 1, span="No. 1"),
    P("vi", "xếp thứ 31/83", "rank", 31, of=83),
    P("vi", "Nga xếp thứ 31 trong số 83 quốc gia", "rank", 31, of=83, span="xếp thứ 31 trong số 83"),
    P("vi", "đứng thứ 31 trong số 83 quốc gia", "rank", 31, of=83),
    P("vi", "hạng 31 trên 83", "rank", 31, of=83),
    P("vi", "đứng thứ nhất", "rank", 1),
    P("vi", "ở vị trí thứ 5", "rank", 5),
    P("ru", "31-е место из 83", "rank", 31, of=83),
    P("ru", "занимает 31-е место среди 83 стран", "rank", 31, of=83),
    P("ru", "на тридцать первом месте", "rank", 31),
    P("zh", "在83个国家中排名第31位", "rank", 31, of=83, norm="31st of 83"),
    P("zh", "排名第三十一", "rank", 31),
    P("zh", "位列第31名", "rank", 31),
    C("en", "in the top 10", "rank", None, low=1, high=10, norm="top 10"),
    C("en", "a top-ten economy", "rank", None, low=1, high=10),
    C("vi", "lọt top 10", "rank", None, low=1, high=10),
    C("ru", "в топ-10", "rank", None, low=1, high=10),
    C("ru", "вошла в первую десятку", "rank", None, low=1, high=10),
    C("zh", "跻身前十", "rank", None, low=1, high=10),
    C("zh", "排名前10", "rank", None, low=1, high=10),
]

ORDINALS = [
    P("en", "the 16th summit", "ordinal", 16, norm="16th"),
    P("en", "the sixteenth summit", "ordinal", 16),
    P("en", "the twenty-second congress", "ordinal", 22, norm="22nd"),
    P("en", "The 12th BRICS summit", "ordinal", 12),
    P("vi", "hội nghị lần thứ 16", "ordinal", 16, span="lần thứ 16"),
    P("vi", "khóa thứ hai", "ordinal", 2),
    P("vi", "không nhắm vào nước thứ ba", "ordinal", 3),
    P("vi", "thế kỷ 21", "ordinal", 21),
    P("vi", "thế kỷ XXI", "ordinal", 21),
    P("ru", "16-й саммит", "ordinal", 16),
    P("ru", "шестнадцатый саммит", "ordinal", 16),
    P("ru", "в XXI веке", "ordinal", 21),
    P("zh", "第16届峰会", "ordinal", 16, span="第16届"),
    P("zh", "第十六届峰会", "ordinal", 16),
    P("en", "the 21st century", "ordinal", 21, norm="21st"),
]

HEDGES = [
    C("en", "more than 11 trillion rubles", "amount", 11 * T, low=11 * T, high=None, unit="RUB",
      norm="> 11,000,000,000,000 RUB"),
    C("en", "over 100 people", "count", 100, low=100, high=None),
    C("en", "at least 5%", "percent", 5, low=5, high=None, norm="≥ 5%"),
    C("en", "no more than 20 countries", "count", 20, low=None, high=20),
    C("en", "up to $5 billion", "amount", 5 * B, low=None, high=5 * B, unit="USD"),
    C("en", "under 3%", "percent", 3, low=None, high=3, norm="< 3%"),
    C("en", "about 200 people", "count", 200, low=180, high=220, approx=True),
    C("en", "nearly 3 million people", "count", 3 * M, low=2.7 * M, high=3 * M, approx=True),
    C("en", "approximately 12%", "percent", 12, low=10.8, high=13.2, approx=True),
    C("en", "11,000+ people", "count", 11000, low=11000, high=None),
    C("en", "5 million or more", "number", 5 * M, low=5 * M, high=None),
    C("en", "may exceed $109 billion", "amount", 109 * B, low=109 * B, high=None, span="exceed $109 billion"),
    C("en", "fewer than 50 people", "count", 50, low=None, high=50),
    C("vi", "hơn 11.000 tỉ rúp", "amount", 11 * T, low=11 * T, high=None, unit="RUB"),
    C("vi", "hơn 109 tỉ USD", "amount", 109 * B, low=109 * B, high=None, unit="USD"),
    C("vi", "trên 100 người", "count", 100, low=100, high=None),
    C("vi", "dưới 5%", "percent", 5, low=None, high=5),
    C("vi", "khoảng 200 người", "count", 200, low=180, high=220, approx=True),
    C("vi", "ít nhất 5 quốc gia", "count", 5, low=5, high=None),
    C("vi", "gần 3 triệu người", "count", 3 * M, low=2.7 * M, high=3 * M, approx=True),
    C("vi", "lên tới 5 tỷ USD", "amount", 5 * B, low=None, high=5 * B),
    C("vi", "hơn ba tuần", "duration", 3, low=3, high=None, unit="week"),
    C("ru", "более 11 трлн рублей", "amount", 11 * T, low=11 * T, high=None, unit="RUB"),
    C("ru", "около 200 человек", "count", 200, low=180, high=220, approx=True),
    C("ru", "менее 5%", "percent", 5, low=None, high=5),
    C("ru", "не менее 5 стран", "count", 5, low=5, high=None),
    C("ru", "свыше 100 человек", "count", 100, low=100, high=None),
    C("ru", "почти 3 млн человек", "count", 3 * M, low=2.7 * M, high=3 * M, approx=True),
    C("ru", "до 5 млрд долларов", "amount", 5 * B, low=None, high=5 * B, unit="USD"),
    C("zh", "超过11万亿卢布", "amount", 11 * T, low=11 * T, high=None, unit="RUB"),
    C("zh", "约200人", "count", 200, low=180, high=220, approx=True),
    C("zh", "不到5%", "percent", 5, low=None, high=5),
    C("zh", "至少5个国家", "count", 5, low=5, high=None),
    C("zh", "100多万人", "count", 1 * M, low=1 * M, high=None),
    C("zh", "200人左右", "count", 200, low=180, high=220, approx=True),
    C("zh", "5%以上", "percent", 5, low=5, high=None),
    C("zh", "近300万人", "count", 3 * M, low=2.7 * M, high=3 * M, approx=True),
]

RANGES = [
    C("en", "between 10 and 15 billion dollars", "amount", None, low=10 * B, high=15 * B, unit="USD"),
    C("vi", "từ 10 đến 15 tỷ USD", "amount", None, low=10 * B, high=15 * B, unit="USD"),
    C("ru", "от 10 до 15 млрд рублей", "amount", None, low=10 * B, high=15 * B, unit="RUB"),
    C("zh", "10至15亿美元", "amount", None, low=1 * B, high=1.5 * B, unit="USD"),
    C("en", "10-15%", "percent", None, low=10, high=15, norm="10–15%"),
    C("en", "in 2020–2024", "year", None, low=2020, high=2024, norm="2020–2024"),
    C("en", "from 3 to 5 years", "duration", None, low=3, high=5, unit="year"),
    C("en", "about 40-50 questions", "count", None, low=40, high=50, approx=True),  # the hedge covers the range
    C("vi", "khoảng 2-3 ngày", "duration", None, low=2, high=3, unit="day", approx=True),
]

DATES = [
    C("vi", "hôm 1.1.2025", "date", norm="2025-01-01"),
    C("vi", "ngày 31/12/2024", "date", norm="2024-12-31"),
    C("vi", "hôm 12.12.2024", "date", norm="2024-12-12"),
    C("vi", "Vào tháng 12.2024", "date", None, norm="2024-12", span="tháng 12.2024"),
    C("vi", "tháng 12/2024", "date", norm="2024-12"),
    C("vi", "tháng 12 năm 2024", "date", norm="2024-12"),
    P("vi", "trong năm 2030", "year", 2030, span="năm 2030", norm="2030"),
    C("vi", "ngày 22 tháng 10 năm 2024", "date", norm="2024-10-22"),
    C("vi", "diễn ra ngày 22.10", "date", None, norm="--10-22", span="ngày 22.10"),
    C("en", "January 1, 2025", "date", norm="2025-01-01"),
    C("en", "1 January 2025", "date", norm="2025-01-01"),
    C("en", "on Jan. 1, 2025", "date", norm="2025-01-01"),
    C("en", "Sept. 5, 2024", "date", norm="2024-09-05"),
    C("en", "in December 2024", "date", None, norm="2024-12"),
    P("en", "in 2030", "year", 2030, norm="2030"),
    C("en", "on 2024-12-31", "date", norm="2024-12-31"),
    C("en", "on 12/31/2024", "date", norm="2024-12-31", guessed=False),
    C("en", "on 1/12/2024", "date", norm="2024-01-12", guessed=True),
    C("en", "31/12/2024", "date", norm="2024-12-31"),
    C("en", "on 22 October", "date", None, norm="--10-22"),
    C("en", "May 9, 2025", "date", norm="2025-05-09"),
    C("ru", "31 декабря 2024 года", "date", norm="2024-12-31"),
    C("ru", "1 января 2025 г.", "date", norm="2025-01-01"),
    C("ru", "в декабре 2024 года", "date", None, norm="2024-12"),
    P("ru", "в 2030 году", "year", 2030),
    C("ru", "31.12.2024", "date", norm="2024-12-31"),
    C("ru", "22 октября", "date", None, norm="--10-22"),
    C("zh", "2024年12月31日", "date", norm="2024-12-31"),
    C("zh", "2024年12月", "date", None, norm="2024-12"),
    P("zh", "2030年", "year", 2030),
    C("zh", "12月31日", "date", None, norm="--12-31"),
    C("zh", "二〇二四年十二月三十一日", "date", norm="2024-12-31"),
    C("en", "the summit on 22-24 October 2024", "date", None, norm="2024-10-22/24", span="22-24 October 2024"),
    C("en", "held on October 22-24, 2024", "date", None, norm="2024-10-22/24"),
    C("ru", "Саммит прошёл 22–24 октября 2024 года", "date", None, norm="2024-10-22/24"),
    C("vi", "diễn ra từ ngày 22 đến 24.10.2024", "date", None, norm="2024-10-22/24"),
    C("zh", "峰会于2024年10月22日至24日举行", "date", None, norm="2024-10-22/24"),
]

DURATIONS = [
    P("en", "three weeks later", "duration", 3, "week", norm="3 weeks"),
    P("en", "for 3 years", "duration", 3, "year"),
    P("en", "24 hours", "duration", 24, "hour"),
    P("en", "two decades", "duration", 2, "decade"),
    P("en", "one month", "duration", 1, "month", norm="1 month"),
    P("vi", "3 năm", "duration", 3, "year"),
    P("vi", "6 tháng", "duration", 6, "month"),
    P("vi", "10 ngày", "duration", 10, "day"),
    P("ru", "5 лет", "duration", 5, "year"),
    P("ru", "10 дней", "duration", 10, "day"),
    P("ru", "3 месяца", "duration", 3, "month"),
    P("zh", "3天", "duration", 3, "day"),
    P("zh", "24小时", "duration", 24, "hour"),
    P("en", "45 seconds", "duration", 45, "second", norm="45 seconds"),
    P("vi", "30 giây", "duration", 30, "second"),
    P("ru", "30 секунд", "duration", 30, "second"),
    P("zh", "30秒", "duration", 30, "second"),
]

CLOCK = [  # times of day: the hour of the day, "24h" when the half of the day is known, else "12h"
    P("en", "at 5 a.m.", "clock", 5, "24h", norm="05:00"),
    P("en", "the 10.30 pm show", "clock", 22.5, "24h", norm="22:30"),
    P("en", "at 10 o'clock", "clock", 10, "12h", norm="10:00 (a.m. or p.m.)"),
    P("en", "at 17:30", "clock", 17.5, "24h"),
    P("vi", "lúc 5 giờ sáng", "clock", 5, "24h"),
    P("vi", "vào 8 giờ tối nay", "clock", 20, "24h"),
    P("vi", "lúc 17h30 ngày 5/3", "clock", 17.5, "24h", span="17h30"),
    P("vi", "khoảng 10:30 tối", "clock", 22.5, "24h", span="10:30 tối"),
    P("vi", "khoảng 10: 30 tối", "clock", 22.5, "24h", span="10: 30 tối"),  # as transcripts write it
    P("en", "around 10: 30 pm", "clock", 22.5, "24h", span="10: 30 pm"),
    P("vi", "lúc 5 giờ", "clock", 5, "12h"),
    P("vi", "1 giờ trưa", "clock", 13, "24h"),
    P("vi", "11 giờ đêm", "clock", 23, "24h"),
    P("ru", "в 5 часов утра", "clock", 5, "24h"),
    P("ru", "в 3 ночи", "clock", 3, "24h"),
    P("ru", "в 17:30 по Москве", "clock", 17.5, "24h"),
    P("ru", "в 2 часа дня", "clock", 14, "24h"),
    P("zh", "下午3点15分", "clock", 15.25, "24h"),
    P("zh", "早上5点半", "clock", 5.5, "24h"),
    # not times of day
    P("vi", "họp trong 5 giờ", "duration", 5, "hour"),
    P("vi", "chỉ mất 5 giờ tối đa", "duration", 5, "hour"),  # "tối đa": at most
    P("ru", "за 2 дня", "duration", 2, "day"),
]


def _day(iso):
    return float(dt.date.fromisoformat(iso).toordinal())


TIME_BOUNDS = [  # a time word makes a year or date half-open; a deadline ("by") stays a point
    C("en", "The treaty was signed before 1648.", "year", 1648, low=None, high=1647, norm="< 1648",
      span="before 1648"),
    C("en", "The abbey was sacked before 830.", "year", 830, low=None, high=829, norm="< 830"),
    C("en", "The shop opened after June 2015.", "date", None, low=_day("2015-07-01"), high=None, norm="> 2015-06"),
    C("en", "It was filed prior to 4 May 2019.", "date", _day("2019-05-04"), low=None, high=_day("2019-05-03"),
      norm="< 2019-05-04", span="prior to 4 May 2019"),
    C("en", "Since 2012 the firm has grown.", "year", 2012, low=2012, high=None, norm="≥ 2012"),
    C("en", "He served until 1999.", "year", 1999, low=None, high=1999, norm="≤ 1999"),
    C("en", "The album leaked after June 3 .", "date", None, low=None, high=None, norm="> --06-03"),
    C("en", "Before May 20th , the tally rose.", "date", None, norm="< --05-20", span="Before May 20th"),
    C("en", "It closed on March 11 , 2020 .", "date", norm="2020-03-11", span="March 11 , 2020"),
    P("en", "The targets must be met by 2035.", "year", 2035, norm="2035"),
    C("vi", "Cây cầu được xây trước năm 1975.", "year", 1975, low=None, high=1974, norm="< 1975"),
    C("vi", "Luật có hiệu lực sau ngày 2/9.", "date", None, norm="> --09-02", span="sau ngày 2/9"),
    C("vi", "Kể từ năm 2015, công ty mở rộng.", "year", 2015, low=2015, high=None, norm="≥ 2015"),
    C("ru", "Завод закрыли после 2014 года.", "year", 2014, low=2015, high=None, norm="> 2014"),
    C("ru", "Проект завершат не позднее 2027 года.", "year", 2027, low=None, high=2027, norm="≤ 2027"),
    C("ru", "С 2010 года цены выросли.", "year", 2010, low=2010, high=None, norm="≥ 2010"),
    C("zh", "这座桥在2015年之前建成。", "year", 2015, low=None, high=2014, norm="< 2015"),
    C("zh", "2008年以来经济增长。", "year", 2008, low=2008, high=None, norm="≥ 2008"),
    C("zh", "2019年以后价格下降。", "year", 2019, low=2020, high=None, norm="> 2019"),
    P("zh", "2021年前三季度出口增长。", "year", 2021, span="2021年"),  # "前三季度": the first three quarters
]

DECADES = [
    C("en", "built in the 1960s", "year", None, low=1960, high=1969, norm="1960s"),
    C("en", "during the late 1970's", "year", None, low=1975, high=1979, norm="late 1970s"),
    C("en", "in the early 1920 's", "year", None, low=1920, high=1924, norm="early 1920s"),
    C("en", "founded before the 1930s", "year", None, low=None, high=1929, norm="< 1930s"),
    C("vi", "trong những năm 1990", "year", None, low=1990, high=1999, norm="1990s"),
    C("vi", "vào đầu thập niên 1980", "year", None, low=1980, high=1984, norm="early 1980s"),
    C("ru", "в 1970-е годы", "year", None, low=1970, high=1979, norm="1970s"),
    C("ru", "в конце 1990-х годов", "year", None, low=1995, high=1999, norm="late 1990s"),
    C("zh", "1980年代的音乐", "year", None, low=1980, high=1989, norm="1980s"),
    C("zh", "二十世纪七十年代末", "year", None, low=1975, high=1979, norm="late 1970s"),
]

COMPARATORS = [  # a comparator before a position leaves it uncompared; before a share or a percentage, a bound
    C("en", "It was ranked below the 5th best.", "ordinal", 5, low=None, high=None, norm="< 5th"),
    C("en", "She finished higher than third.", "ordinal", 3, low=None, high=None, norm="> 3rd"),
    C("en", "a rating higher than 75 %", "percent", 75, low=75, high=None, norm="> 75%"),
    C("en", "a rate lower than 3.5%", "percent", 3.5, low=None, high=3.5, norm="< 3.5%"),
    C("ru", "рейтинг выше 60%", "percent", 60, low=60, high=None),
    C("vi", "tỷ lệ lớn hơn 40%", "percent", 40, low=40, high=None),
    C("en", "Less than 40 out of 90 seats", "rank", 40, low=None, high=40, of=90, norm="< 40 of 90"),
]

COUNTED = [  # the counted noun, past modifiers, names what a count counts
    P("en", "42 confirmed cases", "count", 42, "count", norm="42 (case)"),
    P("en", "15 Spanish cities", "count", 15, "count", norm="15 (city)"),
    P("en", "9 new recoveries", "count", 9, "count", norm="9 (recoveries)"),
    P("en", "12 flu patients", "count", 12, "count", norm="12 (patient)"),
    P("en", "11 fatalities", "count", 11, "count", norm="11 (casualties)"),
    P("vi", "50 ngôi nhà", "count", 50, "count", norm="50 (nhà)"),
    P("en", "In 2020 Spain reported cases", "year", 2020),
    P("en", "1900 new cases", "count", 1900, "count", norm="1,900 (case)"),
]

RANGES_MORE = [  # the currency before and the scale after a range carry to both ends
    C("en", "a budget of $150–200 million", "amount", None, low=150 * M, high=200 * M, unit="USD"),
    C("en", "a fee of £25 ; million", "amount", 25 * M, low=25 * M, high=25 * M, unit="GBP"),
    C("en", "the 2018–19 season", "year", None, low=2018, high=2019, norm="2018–2019"),
    C("en", "between 40 and 55 crore", "number", None, low=400 * M, high=550 * M),
]

NAMES_AND_CODES = [  # numbers in names, titles, codes and scores
    ("en", "Toy Story 4 opened in June"),
    ("en", "upgraded to Windows 11 today"),
    ("en", "the Xbox 360 versions"),
    ("en", "the game runs at 1080p"),
    ("en", "the WWE 2K20 edition"),
    ("en", "the single `` 1979 '' by the band"),
    ("en", "the novel “1984” by Orwell"),
    ("en", "Italy won 3-1 on penalties"),
    ("vi", "bộ phim Người Nhện 2"),
    ("ru", "вышел фильм Мстители 4"),
]

NOT_FIGURES = [  # words that look like figures but are not
    ("en", "AI may exceed expectations"),
    ("vi", "các đồng minh và đối tác"),
    ("en", "the COVID-19 pandemic"),
    ("en", "one of the largest banks"),
    ("vi", "vào thứ hai tuần sau"),
    ("zh", "排名一般"),
    ("en", "Su-57 fighters"),
    ("vi", "một số quốc gia"),
    ("zh", "统一"),
    ("ru", "первый раз"),  # a word ordinal, but no number of anything
] + NAMES_AND_CODES

ALL = (SEPARATORS + SCALES + NUMBER_WORDS + UNITS + RANKS + ORDINALS + HEDGES + RANGES + DATES + DURATIONS
       + TIME_BOUNDS + DECADES + COMPARATORS + COUNTED + RANGES_MORE + CLOCK)


def _pick(figs, span, text):
    if span is None:
        assert len(figs) == 1, f"expected one figure in {text!r}, got {[f.text for f in figs]}"
        return figs[0]
    matches = [f for f in figs if f.text == span]
    assert matches, f"no figure {span!r} in {text!r}: {[f.text for f in figs]}"
    return matches[0]


@pytest.mark.parametrize("lang,text,span,expected", ALL)
def test_reading(lang, text, span, expected):
    figs = extract_figures(text, lang)
    for f in figs:
        assert text[f.start:f.end] == f.text
    f = _pick(figs, span, text)
    for k, v in expected.items():
        got = getattr(f, k)
        if isinstance(v, float | int) and not isinstance(v, bool) and got is not None:
            assert got == pytest.approx(v, rel=1e-9), f"{k} of {f.text!r}: {got} != {v}"
        else:
            assert got == v, f"{k} of {f.text!r}: {got!r} != {v!r}"


@pytest.mark.parametrize("lang,text", [pytest.param(*c, id=c[1]) for c in NOT_FIGURES])
def test_not_figures(lang, text):
    kinds = [(f.text, f.kind) for f in extract_figures(text, lang)
             if not (lang == "ru" and f.kind == "ordinal")]
    assert kinds == []


def test_ru_word_ordinal_is_an_ordinal():
    [f] = extract_figures("первый раз", "ru")
    assert (f.kind, f.value) == ("ordinal", 1)


def test_table_is_large_enough():
    assert len(ALL) + len(NOT_FIGURES) >= 200


def test_a_number_word_between_keeps_the_plural_for_itself():
    """"19 Assuming four months ..." (a footnote number before a sentence): "months" is counted by "four", not 19."""
    figs = extract_figures("19 Assuming four months of work prior to contract award, it took 13 months.", "en")
    first = next(f for f in figs if f.start == 0)
    assert (first.kind, first.text) == ("number", "19")
    assert extract_figures("Officials counted 300 confirmed cases.", "en")[0].kind == "count"
