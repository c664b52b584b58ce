"""Numbers as news reports write them: Arabic, Roman, kanji and ordinal words (en/ru).

Owns the conversion of one numeral string to an integer; finding numerals in text is the
business of :mod:`kg.ingest.dates` and :mod:`kg.ingest.meetings`.

>>> roman("XXVII"), kanji("二十七"), kanji("二〇一九"), word_ordinal("twenty-seventh")
(27, 27, 2019, 27)
>>> ru_ordinal("семнадцатая"), ru_ordinal("двадцать седьмой")
(17, 27)
"""

from __future__ import annotations

import re

__all__ = [
    "KANJI_DIGITS",
    "ROMAN_RE",
    "RU_ORDINAL",
    "kanji",
    "number",
    "roman",
    "ru_ordinal",
    "word_ordinal",
]

ROMAN_RE = r"(?:M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))"
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
KANJI_DIGITS = "〇零一二三四五六七八九十百千"
_KD = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_KU = {"十": 10, "百": 100, "千": 1000}
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")

_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "первый": 1, "первая": 1, "второй": 2, "вторая": 2, "третий": 3, "третья": 3,
    "четвертый": 4, "пятый": 5, "шестой": 6, "седьмой": 7, "седьмая": 7, "восьмой": 8,
    "девятый": 9, "десятый": 10, "двадцать": 20, "тридцать": 30, "два": 2, "три": 3,
    "пять": 5, "десять": 10, "двадцатый": 20, "тридцатый": 30,
}  # fmt: skip


_RU_STEMS = (
    ("одиннадцат", 11), ("двенадцат", 12), ("тринадцат", 13), ("четырнадцат", 14),
    ("пятнадцат", 15), ("шестнадцат", 16), ("семнадцат", 17), ("восемнадцат", 18),
    ("девятнадцат", 19), ("двадцат", 20), ("тридцат", 30), ("перв", 1), ("втор", 2),
    ("трет", 3), ("четверт", 4), ("пят", 5), ("шест", 6), ("седьм", 7), ("восьм", 8),
    ("девят", 9), ("десят", 10),
)  # fmt: skip
#: A Russian ordinal word, compound ones too (двадцать седьмая, семнадцатой).
RU_ORDINAL = (
    r"(?:(?:двадцать|тридцать)\s+)?(?:"
    + "|".join(stem for stem, _ in _RU_STEMS)
    + r")(?:ая|ой|ую|ый|ий|ья|ье|ей|ого|ом|ым)"
)


def ru_ordinal(text: str) -> int | None:
    """A Russian ordinal word's value (семнадцатая → 17, двадцать седьмой → 27), or None."""
    words = text.lower().replace("ё", "е").split()
    total = 0
    if len(words) == 2 and words[0] in ("двадцать", "тридцать"):
        total = 20 if words[0] == "двадцать" else 30
        words = words[1:]
    if len(words) != 1:
        return None
    for stem, value in _RU_STEMS:
        if words[0].startswith(stem):
            return total + value
    return None


def roman(text: str) -> int | None:
    """A Roman numeral's value, or None when ``text`` is not one."""
    text = text.upper()
    if not text or not re.fullmatch(ROMAN_RE, text):
        return None
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN[ch]
        if i + 1 < len(text) and _ROMAN[text[i + 1]] > value:
            total -= value
        else:
            total += value
    return total


def kanji(text: str) -> int | None:
    """A kanji numeral's value (positional 二〇一九 or 二十七 style), or None."""
    if not text or any(ch not in KANJI_DIGITS for ch in text):
        return None
    if not any(ch in _KU for ch in text):
        return int("".join(str(_KD[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in _KD:
            current = _KD[ch]
        else:
            total += (current or 1) * _KU[ch]
            current = 0
    return total + current


def word_ordinal(text: str) -> int | None:
    """An English or Russian number word (``twenty-seventh``, ``two``), or None."""
    total = 0
    for part in re.split(r"[-\s]+", text.lower().replace("ё", "е")):
        if part not in _UNITS:
            return None
        total += _UNITS[part]
    return total or None


def number(text: str) -> int | None:
    """Any of the forms above, or Arabic digits (full-width too)."""
    digits = text.translate(_FULLWIDTH)
    if digits.isdigit():
        return int(digits)
    return roman(text) or kanji(text) or word_ordinal(text) or ru_ordinal(text)
