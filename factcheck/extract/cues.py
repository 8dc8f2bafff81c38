"""Word lists, per language, that signal a checkable statement or an uncheckable one."""

from __future__ import annotations

import re
from functools import lru_cache

# Each entry: language -> words or phrases (matched case-insensitively on word boundaries;
# Chinese phrases are matched as substrings since Chinese has no spaces).
REPORTING = {
    "vi": "cho biết|cho hay|nói|nói thêm|tuyên bố|khẳng định|nhấn mạnh|thừa nhận|nêu rõ|phát biểu|thông báo"
    "|công bố|xác nhận|đề cập|tiết lộ|theo|cảnh báo|yêu cầu|bác bỏ|phủ nhận",
    "en": "said|says|say|stated|states|announced|announces|told|claimed|claims|confirmed|admitted|reported"
    "|according to|declared|noted|added|warned|denied|insisted|acknowledged|revealed",
    "ru": "заявил|заявила|заявили|сказал|сказала|сообщил|сообщила|сообщили|отметил|отметила|подчеркнул"
    "|подчеркнула|признал|признала|объявил|объявила|по словам|по данным|согласно|добавил|добавила",
    "zh": "表示|说|称|指出|强调|宣布|承认|据|报道|透露|声称|证实|否认|补充",
}
ORGANISATION = {
    "vi": "ngân hàng|chính phủ|tổ chức|bộ|công ty|tập đoàn|liên minh|ủy ban|quốc hội|hội nghị|viện|đại học"
    "|quân đội|cơ quan|hiệp hội|diễn đàn|thượng đỉnh|chỉ số|mạng lưới|điện|nhà trắng|liên hợp quốc",
    "en": "bank|government|ministry|company|corporation|alliance|committee|parliament|council|agency|university"
    "|summit|conference|organization|organisation|union|index|army|institute|association|forum|network",
    "ru": "банк|правительств\\w*|министерств\\w*|компани\\w*|альянс\\w*|комитет\\w*|совет\\w*|агентств\\w*"
    "|университет\\w*|саммит\\w*|конференци\\w*|организаци\\w*|союз\\w*|индекс\\w*|арми\\w*|институт\\w*",
    "zh": "银行|政府|部|公司|集团|联盟|委员会|议会|机构|大学|峰会|会议|组织|指数|军队|研究院|协会|论坛",
}
RANK = {
    "vi": "xếp thứ|xếp hạng|đứng thứ|hạng|lớn nhất|nhiều nhất|cao nhất|thấp nhất|đầu tiên|dẫn đầu|lần thứ"
    "|thứ \\d+|kém xa|vượt",
    "en": "ranked|ranks|rank|largest|biggest|highest|lowest|first|top|leading|\\d+(?:st|nd|rd|th)|behind|ahead of",
    "ru": "место|мест\\w*|занимает|крупнейш\\w*|первы\\w*|рейтинг\\w*|лидер\\w*|позади|впереди",
    "zh": "排名|第[\\d一二三四五六七八九十百]+|最大|最高|最低|首个|领先|落后",
}
EVENT = {
    "vi": "đã|được công bố|diễn ra|thành lập|ký|tổ chức|gửi|hội đàm|gặp|bầu|ban hành|hình thành|tăng|giảm",
    "en": "was|were|held|signed|established|founded|sent|met|elected|issued|published|rose|fell|increased"
    "|decreased|launched",
    "ru": "состоял\\w*|подписал\\w*|основан\\w*|создан\\w*|провел\\w*|встретил\\w*|направил\\w*|вырос\\w*"
    "|снизил\\w*|опубликова\\w*",
    "zh": "了|举行|签署|成立|发表|会见|发布|增长|下降|通过",
}
RELATION = {
    "vi": "là thành viên|thành viên của|gồm|bao gồm|thuộc|trực thuộc|là thủ đô|là chủ tịch",
    "en": "member of|members of|includes|include|consists of|comprises|belongs to|is part of|capital of",
    "ru": "член\\w*|входит|входят|включает|состоит из|относится к|столиц\\w*",
    "zh": "成员|包括|属于|组成|首都",
}
OPINION = {
    "vi": "tôi nghĩ|tôi tin|theo tôi|tôi chắc chắn|có lẽ|dường như|có thể|nên|tuyệt vời|đáng tiếc|đẹp"
    "|thật là|hy vọng|hi vọng|mong muốn|mong",
    "en": "i think|i believe|in my opinion|should|perhaps|maybe|probably|great|wonderful|terrible|best|hope"
    "|seems|might|beautiful",
    "ru": "я думаю|я считаю|по-моему|возможно|наверное|следует|прекрасн\\w*|ужасн\\w*|надеюсь|кажется",
    "zh": "我认为|我觉得|也许|可能|应该|希望|似乎|美好|伟大",
}
WISH = {
    "vi": "chúc|chúc mừng|xin chào|cảm ơn|kính chúc|chào mừng|hạnh phúc|thịnh vượng|năm mới",
    "en": "happy new year|congratulations|hello|thank you|thanks|wish|wishes|welcome|merry|happy",
    "ru": "поздравля\\w*|желаю|здравствуйте|спасибо|с новым годом|добро пожаловать|счасть\\w*",
    "zh": "祝|新年快乐|你好|谢谢|恭喜|欢迎|幸福",
}
NORMATIVE = {
    "vi": "phải|cần phải|sẽ|dự định|dự kiến",
    "en": "must|need to|needs to|will|shall|ought to|is going to|plans to",
    "ru": "должн\\w*|необходимо|нужно|будет|будут|станет|планиру\\w*",
    "zh": "必须|需要|将|将会|计划",
}
FIRST_PERSON = {
    "vi": "tôi|chúng tôi|chúng ta",
    "en": "i|we|us|our|my|me",
    "ru": "я|мы|нас|наш\\w*|мой|моя|мне",
    "zh": "我|我们|咱们",
}
_LEXICONS = {
    "reporting": REPORTING,
    "organisation": ORGANISATION,
    "rank": RANK,
    "relation": RELATION,
    "event": EVENT,
    "opinion": OPINION,
    "wish": WISH,
    "normative": NORMATIVE,
    "first_person": FIRST_PERSON,
}


@lru_cache(maxsize=None)
def cue_pattern(kind: str, lang: str) -> re.Pattern[str]:
    """A compiled, case-insensitive pattern for one cue list in one language (English when unknown)."""
    table = _LEXICONS[kind]
    words = table.get(lang, table["en"])
    if lang == "zh":
        return re.compile(f"(?:{words})")
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)


def find_cues(kind: str, text: str, lang: str) -> list[str]:
    """Every cue of `kind` found in `text`, as written there."""
    return [m.group() for m in cue_pattern(kind, lang).finditer(text)]
