"""Word tables (rules): scale words, currencies, percent and duration units in vi/en/ru/zh."""

from __future__ import annotations

from factcheck.quantities.lexicon import alternation, build_table

# Scale words multiply in sequence: "nghìn tỉ" = 10^3 * 10^9, "万亿" = 10^4 * 10^8.
_SCALES = {
    1e3: ["thousand{,s}", "k", "nghìn", "ngàn", "тыс", "тыс.", "тысяч{,а,и,у,ами,ах}", "千"],
    1e4: ["vạn", "万"],
    1e5: ["lakh{,s}"],
    1e7: ["crore{,s}"],
    1e6: ["million{,s}", "mn", "mln", "triệu", "млн", "млн.", "миллион{,а,ов,ы,ом,ами,ах}", "百万"],
    1e9: ["billion{,s}", "bn", "tỉ", "tỷ", "млрд", "млрд.", "миллиард{,а,ов,ы,ом,ами,ах}"],
    1e8: ["亿"],
    1e12: ["trillion{,s}", "tn", "trn", "nghìn tỉ", "nghìn tỷ", "ngàn tỉ", "ngàn tỷ", "трлн", "трлн.",
           "триллион{,а,ов,ы,ом,ами,ах}"],
    1e2: ["百"],
    1e1: ["十"],
}
SCALE_TABLE = build_table(_SCALES)
# Single letters are scales only glued to a number next to a currency ("$5m", "€2bn").
LETTER_SCALES = {"k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12}
SCALE_RE = alternation(SCALE_TABLE)

_CURRENCY_WORDS = {
    "USD": ["usd", "us$", "dollar{,s}", "us dollar{,s}", "đô la", "đô-la", "đôla", "đô la mỹ", "usd mỹ",
            "доллар{,а,ов,ам,ами,ах,у,ом,ы}", "долл.", "доллар{,а,ов} сша", "美元", "美金"],
    "RUB": ["rub", "ruble{,s}", "rouble{,s}", "rúp", "рубл{ь,я,ей,ю,ям,ями,ях,е,и}", "руб.", "руб", "卢布", "₽"],
    "CNY": ["cny", "rmb", "yuan", "renminbi", "nhân dân tệ", "ndt", "юан{ь,я,ей,ю,ям,ями,ях,е,и}",
            "元", "人民币", "元人民币"],
    "VND": ["vnd", "vnđ", "đồng", "₫", "донг{,а,ов}", "越南盾"],
    "EUR": ["eur", "euro{,s}", "евро", "欧元", "€"],
    "GBP": ["gbp", "pound{,s} sterling", "bảng anh", "фунт{,а,ов} стерлингов", "英镑", "£"],
    "JPY": ["jpy", "yen", "yên nhật", "yên", "иен{,а,ы}", "йен{,а,ы}", "日元"],
    "INR": ["inr", "rupee{,s}", "rupee ấn độ", "рупи{й,и,я}", "卢比", "₹"],
}
CURRENCY_TABLE = build_table(_CURRENCY_WORDS)
# "đồng" is also a syllable of common words (đồng minh "ally", đồng thời "at once"): not money there.
_DONG_NOT_MONEY = r"(?!\s+(?:minh|thời|ý|bằng|hồ|chí|nghiệp|đội|hành|tình|bào|loạt|phục|nhất|sáng|quy))"
CURRENCY_AFTER_RE = alternation(CURRENCY_TABLE).replace("đồng", "đồng" + _DONG_NOT_MONEY)
_CURRENCY_BEFORE = {
    "USD": ["$", "us$", "usd", "us $"], "EUR": ["€", "eur"], "GBP": ["£", "gbp"], "RUB": ["₽", "rub"],
    "CNY": ["cny", "rmb", "¥", "￥"], "VND": ["₫", "vnd"], "INR": ["₹", "inr"], "JPY": ["jpy"],
}
CURRENCY_BEFORE_TABLE = build_table(_CURRENCY_BEFORE)
CURRENCY_BEFORE_RE = alternation(CURRENCY_BEFORE_TABLE)

_PERCENT = {
    "%": ["%", "％", "percent", "per cent", "pct", "phần trăm", "процент{,а,ов,ам,ами,ах}", "проц."],
    "pp": ["percentage point{,s}", "pp", "p.p.", "điểm phần trăm", "điểm %", "п.п.", "п. п.",
           "процентн{ый,ых,ого,ому} пункт{,а,ов}", "个百分点", "百分点"],
}
PERCENT_TABLE = build_table(_PERCENT)
PERCENT_RE = alternation(PERCENT_TABLE)

# Duration units and their length in days (months and years on average).
DAYS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.44,
        "year": 365.25, "decade": 3652.5}
_DURATIONS = {
    "second": ["second{,s}", "giây", "секунд{,а,ы,у}", "秒", "秒钟"],
    "minute": ["minute{,s}", "phút", "минут{,а,ы,у}", "分钟"],
    "hour": ["hour{,s}", "giờ", "tiếng đồng hồ", "час{,а,ов}", "小时", "个小时"],
    "day": ["day{,s}", "ngày", "д{ень,ня,ней,ням,нями,нях}", "сут{ки,ок}", "天"],
    "week": ["week{,s}", "tuần", "недел{я,и,ь,ю,е,ям,ями}", "周", "星期", "个星期"],
    "month": ["month{,s}", "tháng", "месяц{,а,ев,ам,ами,е}", "个月"],
    "year": ["year{,s}", "năm", "год{,а,у}", "лет", "年"],
    "decade": ["decade{,s}", "thập kỷ", "thập niên", "десятилети{е,я,й,ями}"],
}
DURATION_TABLE = build_table(_DURATIONS)
# "tháng"/"ngày"/"năm" before a number are dates, not durations: those are read by dates.py first.
DURATION_RE = alternation(DURATION_TABLE)

UNIT_NAMES = {"second": "seconds", "minute": "minutes", "hour": "hours", "day": "days", "week": "weeks",
              "month": "months", "year": "years", "decade": "decades"}

