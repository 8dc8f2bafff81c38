"""Cheap script-based language identification for the four languages the checker reads."""

from __future__ import annotations

import re
import unicodedata

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_CJK = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")
# Letters that occur in Vietnamese and in no other language the checker reads.
_VI_ONLY = set("ăâđêôơưĂÂĐÊÔƠƯ")
_VI_TONES = re.compile(r"[\u1EA0-\u1EF9]")  # precomposed letters with Vietnamese tone marks

SUPPORTED_LANGS = ("vi", "en", "ru", "zh")


def normalize_text(text: str) -> str:
    """NFC-normalise and strip: the form every text is embedded and indexed in."""
    return unicodedata.normalize("NFC", text).strip()


def detect_lang(text: str, default: str = "en") -> str:
    """Return "vi", "en", "ru" or "zh" by script and Vietnamese letters; `default` when unsure."""
    text = unicodedata.normalize("NFC", text)
    n_cyr = len(_CYRILLIC.findall(text))
    n_cjk = len(_CJK.findall(text))
    n_lat = len(_LATIN.findall(text))
    if n_cjk and n_cjk >= 0.3 * (n_lat + n_cyr + n_cjk):
        return "zh"
    if n_cyr and n_cyr >= n_lat:
        return "ru"
    if n_lat:
        n_vi = sum(ch in _VI_ONLY for ch in text) + len(_VI_TONES.findall(text))
        return "vi" if n_vi >= max(1, 0.03 * n_lat) else "en"
    return default
