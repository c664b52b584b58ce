"""Language of an article: Russian, Japanese or English, told by its writing system.

Owns :func:`detect`. The three languages of the reports use three scripts (Cyrillic, kana and
kanji, Latin), so counting letters is exact enough and needs no model.

>>> detect("Мэры городов"), detect("新潟市で開かれた"), detect("The mayors met")
('ru', 'ja', 'en')
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "detect"]

LANGUAGES = ("ru", "ja", "en")


def detect(text: str) -> str:
    """``ru``, ``ja`` or ``en``: the script with the most letters (kana/kanji weigh double)."""
    cyr = jpn = lat = 0
    for ch in text:
        code = ord(ch)
        if 0x0400 <= code <= 0x04FF:
            cyr += 1
        elif 0x3040 <= code <= 0x30FF or 0x4E00 <= code <= 0x9FFF:
            jpn += 2
        elif ch.isascii() and ch.isalpha():
            lat += 1
    best = max((cyr, "ru"), (jpn, "ja"), (lat, "en"))
    return best[1]
