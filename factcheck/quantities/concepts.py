"""A small cross-lingual vocabulary (rules): what a figure is about, in vi/en/ru/zh, as one concept id.

Figures in a claim and in evidence written in another language share no words, but "countries",
"quốc gia", "стран" and "国家" share the concept "country". Forms ending in "*" are one-word stems; all-capital forms are acronyms matched in capitals.
Matching is by dictionary look-up over words (and Chinese substrings), not one huge regex: Python's
regex engine tries every alternative at every position, which is ~100x slower here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from factcheck.quantities.lexicon import TextInfo, key

CONCEPTS: dict[str, list[str]] = {
    "country": ["countr*", "nation", "nations", "quốc gia", "nước", "стран*", "государств*", "国家"],
    "people": ["people", "person", "persons", "resident*", "citizen*", "inhabitant*", "người", "công dân",
               "người dân", "человек*", "людей", "жител*", "граждан*", "民众", "居民", "人"],
    "gdp": ["gdp", "gross domestic product", "tổng sản phẩm quốc nội", "ввп", "国内生产总值", "生产总值"],
    "economy": ["econom*", "kinh tế", "экономи*", "经济"],
    "summit": ["summit*", "thượng đỉnh", "саммит*", "峰会"],
    "meeting": ["conference*", "meeting*", "forum*", "congress*", "hội nghị", "cuộc họp", "diễn đàn",
                "phiên họp", "đại hội", "конференц*", "встреч*", "форум*", "съезд*", "заседани*", "会议",
                "论坛", "大会", "会晤"],
    "index": ["index", "indices", "ranking*", "rating*", "chỉ số", "bảng xếp hạng", "индекс*", "рейтинг*",
              "指数", "排行"],
    "rank": ["rank*", "place", "placed", "position", "xếp", "hạng", "đứng thứ", "vị trí", "мест", "место",
             "месте", "места", "позици*", "занима*", "занял*", "排名", "名列", "位列", "位居"],
    "trade": ["trade", "trading", "thương mại", "торгов*", "товарооборот*", "贸易"],
    "export": ["export*", "xuất khẩu", "экспорт*", "出口"],
    "import": ["import*", "nhập khẩu", "импорт*", "进口"],
    "investment": ["invest*", "đầu tư", "инвестиц*", "вложени*", "投资"],
    "budget": ["budget*", "ngân sách", "бюджет*", "预算"],
    "debt": ["debt*", "nợ", "долг*", "债务"],
    "inflation": ["inflation", "lạm phát", "инфляци*", "通胀", "通货膨胀"],
    "growth": ["grow*", "increas*", "rise", "rose", "risen", "tăng", "tăng trưởng", "рост*", "вырос*",
               "увелич*", "增长", "增加"],
    "decline": ["declin*", "decreas*", "fell", "fall*", "drop*", "giảm", "сниж*", "сократ*", "сокращ*",
                "паден*", "下降", "减少"],
    "population": ["population*", "dân số", "населени*", "人口"],
    "military": ["military", "army", "armies", "troop*", "soldier*", "forces", "quân", "quân đội", "binh sĩ",
                 "lính", "военн*", "арми*", "войск*", "солдат*", "军", "士兵", "部队"],
    "casualties": ["killed", "dead", "death*", "died", "casualt*", "fatalit*", "victim*", "thiệt mạng", "chết", "tử vong",
                   "thương vong", "погиб*", "убит*", "жертв*", "死亡", "遇难", "伤亡"],
    "sanctions": ["sanction*", "trừng phạt", "санкци*", "制裁"],
    "oil": ["oil", "dầu", "dầu mỏ", "нефт*", "石油"],
    "gas": ["gas", "khí đốt", "газ", "газа", "газу", "天然气"],
    "tariff": ["tariff*", "duties", "thuế quan", "thuế", "пошлин*", "тариф*", "关税"],
    "revenue": ["revenue*", "income*", "doanh thu", "thu nhập", "выручк*", "доход*", "收入", "营收"],
    "profit": ["profit*", "lợi nhuận", "прибыл*", "利润"],
    "company": ["compan*", "firm", "firms", "corporation*", "công ty", "doanh nghiệp", "tập đoàn",
                "компани*", "фирм*", "предприяти*", "公司", "企业"],
    "bank": ["bank*", "ngân hàng", "банк*", "银行"],
    "member": ["member*", "thành viên", "член*", "участник*", "成员", "会员"],
    "city": ["city", "cities", "thành phố", "город*", "城市"],
    "election": ["election*", "vote*", "voting", "ballot*", "bầu cử", "phiếu", "выбор*", "голос*", "选举",
                 "投票"],
    "ai": ["AI", "artificial intelligence", "trí tuệ nhân tạo", "ИИ", "искусственный интеллект", "искусственного интеллекта", "искусственному интеллекту", "искусственным интеллектом", "искусственном интеллекте", "人工智能"],
    "technology": ["technolog*", "tech", "công nghệ", "технолог*", "技术", "科技"],
    "chip": ["chip", "chips", "semiconductor*", "gpu*", "GPU", "bán dẫn", "чип*", "полупроводник*", "芯片", "半导体"],
    "century": ["century", "centuries", "thế kỷ", "thế kỉ", "век", "века", "веке", "столети*", "世纪"],
    "anniversary": ["anniversar*", "kỷ niệm", "годовщин*", "юбиле*", "周年"],
    "price": ["price*", "giá", "цен*", "价格"],
    "market": ["market*", "thị trường", "рын*", "市场"],
    "agreement": ["agreement*", "deal", "deals", "treat*", "hiệp định", "thỏa thuận", "thoả thuận",
                  "соглашени*", "договор*", "协议", "条约"],
    "cooperation": ["cooperat*", "co-operat*", "hợp tác", "сотрудничеств*", "合作"],
    "loss": ["damage*", "loss", "losses", "thiệt hại", "ущерб*", "убыт*", "损失"],
    "reserves": ["reserve*", "dự trữ", "резерв*", "储备"],
    "spending": ["spend*", "expenditure*", "chi tiêu", "расход*", "支出"],
    "aid": ["aid", "assistance", "viện trợ", "помощ*", "援助"],
    "refugees": ["refugee*", "tị nạn", "беженц*", "难民"],
    "missile": ["missile*", "rocket*", "tên lửa", "ракет*", "导弹"],
    "drone": ["drone*", "uav*", "máy bay không người lái", "беспилотник*", "дрон*", "无人机"],
    "announce": ["announc*", "publish*", "declar*", "công bố", "tuyên bố", "объяв*", "заяв*", "опубликова*",
                 "宣布", "公布", "发布", "声明"],
    "congratulate": ["congratulat*", "greeting*", "chúc mừng", "lời chúc", "поздрав*", "祝贺", "贺电", "致贺"],
    "tank": ["tank", "tanks", "xe tăng", "танк*", "坦克"],
    "term": ["term", "terms", "nhiệm kỳ", "срок*", "任期"],
    "session": ["session*", "edition*", "khóa", "kỳ họp", "сесси*", "届"],
    # People and things news counts (session 25): a number word is read as a figure only before such a noun
    "minister": ["minister", "ministers", "bộ trưởng", "министр", "министра", "министров", "министры", "部长"],
    "official": ["official", "officials", "quan chức", "чиновник*", "官员"],
    "student": ["student*", "pupil*", "học sinh", "sinh viên", "студент*", "школьник*", "学生"],
    "worker": ["worker*", "employee*", "công nhân", "nhân viên", "người lao động", "работник*", "сотрудник*",
               "工人", "员工", "职工"],
    "child": ["child", "children", "trẻ em", "детей", "дети", "ребён*", "ребен*", "儿童", "孩子"],
    "patient": ["patient*", "bệnh nhân", "пациент*", "患者", "病人"],
    "case": ["case", "cases", "ca nhiễm", "ca mắc", "ca bệnh", "病例"],
    "doctor": ["doctor*", "physician*", "bác sĩ", "врач*", "医生"],
    "hospital": ["hospital*", "bệnh viện", "больниц*", "госпитал*", "医院"],
    "school": ["school*", "trường học", "школ*", "学校"],
    "province": ["province*", "tỉnh", "провинци*", "省份"],
    "vaccine": ["vaccin*", "vắc xin", "vắc-xin", "вакцин*", "疫苗"],
    "dose": ["dose", "doses", "liều", "доз*", "剂次"],
    "ship": ["ship", "ships", "vessel*", "warship*", "tàu", "tàu chiến", "судн*", "корабл*", "船只", "舰艇", "军舰"],
    "aircraft": ["aircraft", "plane", "planes", "airplane*", "jet", "jets", "máy bay", "самолёт*", "самолет*",
                 "飞机", "战机"],
    "journalist": ["journalist*", "reporter*", "nhà báo", "phóng viên", "журналист*", "记者"],
    "project": ["project*", "dự án", "проект*", "项目"],
    "factory": ["factory", "factories", "nhà máy", "завод*", "фабрик*", "工厂"],
    "scientist": ["scientist*", "researcher*", "nhà khoa học", "nhà nghiên cứu", "учёны*", "учены*", "科学家",
                  "研究人员"],
    "expert": ["expert*", "specialist*", "chuyên gia", "эксперт*", "специалист*", "专家"],
    "user": ["user", "users", "người dùng", "пользовател*", "用户"],
    "tourist": ["tourist*", "visitor*", "du khách", "khách du lịch", "турист*", "游客"],
}


_MAX_WORDS = 5  # words in the longest phrase ("máy bay không người lái")
_MAX_ZH = 6


@dataclass(frozen=True)
class _Tables:
    exact: dict[str, str]  # lower-case phrase -> concept
    stems: dict[str, str]  # lower-case one-word stem -> concept
    acronyms: dict[str, str]  # exact-case acronym -> concept
    zh: dict[str, str]  # Chinese form -> concept
    stem_lengths: tuple[int, ...]
    prefixes: frozenset[str]  # first words (and longer starts) of multi-word phrases
    stem_heads: frozenset[str]  # first two letters of every stem


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    exact, stems, acronyms, zh = {}, {}, {}, {}
    for name, forms in CONCEPTS.items():
        for f in forms:
            if re.match(r"[\u3400-\u9fff]", f):
                zh[f] = name
            elif f.isupper():
                acronyms[f] = name
            elif f.endswith("*"):
                stems[key(f[:-1])] = name
            else:
                exact[key(f)] = name
    prefixes = {" ".join(p.split()[:n]) for p in exact for n in range(1, len(p.split()))}
    return _Tables(exact, stems, acronyms, zh, tuple(sorted({len(k) for k in stems}, reverse=True)),
                   frozenset(prefixes), frozenset(k[:2] for k in stems))


def find_concepts(text: str, info: TextInfo | None = None) -> list[tuple[int, int, str]]:
    """Every concept mention in the text as (start, end, concept id)."""
    t = _tables()
    info = info or TextInfo(text)
    out: list[tuple[int, int, str]] = []
    for i, w in enumerate(info.words):
        s = w.group(0)
        if "\u3400" <= s[0] <= "\u9fff":
            out.extend(_zh_concepts(s, w.start(), t.zh))
            continue
        hit = _latin_concept(text, info, i, t)
        if hit:
            out.append(hit)
    return out


def _latin_concept(text: str, info: TextInfo, i: int, t: _Tables) -> tuple[int, int, str] | None:
    words, keys = info.words, info.keys
    w = words[i]
    if w.group(0) in t.acronyms:
        return w.start(), w.end(), t.acronyms[w.group(0)]
    phrase, end = keys[i], w.end()
    best = (end, t.exact[phrase]) if phrase in t.exact else None
    for j in range(i + 1, min(i + _MAX_WORDS, len(words))):
        if phrase not in t.prefixes or not text[end: words[j].start()].isspace():
            break  # no phrase goes on like this, or punctuation breaks it
        phrase, end = f"{phrase} {keys[j]}", words[j].end()
        if phrase in t.exact:
            best = (end, t.exact[phrase])
    if best:
        return w.start(), best[0], best[1]
    low = keys[i]
    if low[:2] not in t.stem_heads:
        return None
    for n in t.stem_lengths:
        if n <= len(low) and low[:n] in t.stems:
            return w.start(), w.end(), t.stems[low[:n]]
    return None


def _zh_concepts(run: str, offset: int, zh: dict[str, str]) -> list[tuple[int, int, str]]:
    out, i = [], 0
    while i < len(run):
        for n in range(min(_MAX_ZH, len(run) - i), 0, -1):
            if run[i: i + n] in zh:
                out.append((offset + i, offset + i + n, zh[run[i: i + n]]))
                i += n
                break
        else:
            i += 1
    return out
