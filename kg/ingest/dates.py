"""Dates in Russian, Japanese and English text, at the precision the text supports.

Owns :func:`find_dates`: absolute dates (``22 августа 2019``, ``2019年8月22日``, ``令和元年``,
``二〇一九年``, ``August 22-23, 2019``), day ranges, and relative expressions (``в четверг``,
``yesterday``, ``昨年``, ``N years ago``, ``two years later``) resolved against the publication
date or the last explicit date before them. Values are ISO strings ``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD``; a range also carries its last day.

>>> from datetime import date
>>> [d.value for d in find_dates("открылась в четверг", "ru", date(2019, 8, 22))]
['2019-08-22']
>>> [(d.value, d.until) for d in find_dates("2019年8月22日から23日まで", "ja", None)]
[('2019-08-22', '2019-08-23')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from kg.ingest.numerals import number

__all__ = ["DateSpan", "find_dates", "shift_days"]


@dataclass(frozen=True)
class DateSpan:
    """A date found in text: offsets, ISO value, last day of a range, whether relative."""

    start: int
    end: int
    value: str
    until: str = ""
    relative: bool = False

    @property
    def year(self) -> int:
        return int(self.value[:4])


_RU_MONTHS = ("январ", "феврал", "март", "апрел", "ма[йяе]", "июн", "июл", "август",
              "сентябр", "октябр", "ноябр", "декабр")  # fmt: skip
_EN_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_RU_MONTH = "(" + "|".join(f"{m}\\w*" for m in _RU_MONTHS) + ")"
_EN_MONTH = r"((?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?)"
_RU_WEEKDAYS = ("понедельник", "вторник", "сред", "четверг", "пятниц", "суббот", "воскресень")
_EN_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ERAS = {"明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018}
_NUM_JA = r"([0-9〇一二三四五六七八九十]+)"
_DASH = r"\s*(?:[-–—~〜～]|から|to|по|and|и)\s*"
_COUNT = r"(\d+|[a-zа-яё]+)"


def shift_days(value: str, days: int) -> str:
    """``value`` (YYYY-MM-DD) moved by ``days``."""
    return (date.fromisoformat(value) + timedelta(days=days)).isoformat()


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return None
    if month is None:
        return f"{year:04d}"
    return f"{year:04d}-{month:02d}" if day is None else f"{year:04d}-{month:02d}-{day:02d}"


def _ru_month(word: str) -> int:
    for i, stem in enumerate(_RU_MONTHS):
        if re.match(stem, word.lower()):
            return i + 1
    return 0


def _en_month(word: str) -> int:
    return _EN_MONTHS.index(word.lower()[:3]) + 1 if word.lower()[:3] in _EN_MONTHS else 0


class _Finder:
    def __init__(self, text: str, published: date | None) -> None:
        self.text = text
        self.low = text.lower()
        self.published = published
        self.spans: list[DateSpan] = []
        self.taken: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in self.taken)

    def add(self, m: re.Match[str], value: str | None, until: str = "", rel: bool = False) -> None:
        if value and self.free(m.start(), m.end()):
            self.spans.append(DateSpan(m.start(), m.end(), value, until or "", rel))
            self.taken.append((m.start(), m.end()))

    def year_for(self, month: int) -> int | None:
        return self.published.year if self.published else None

    def anchor_year(self, pos: int) -> int | None:
        before = [s for s in self.spans if s.end <= pos and not s.relative]
        if before:
            return max(before, key=lambda s: s.end).year
        return self.published.year if self.published else None

    def day_range(self, m: re.Match[str], y: int | None, mon: int, d1: str, d2: str | None) -> None:
        if y is None:
            return
        first = _iso(y, mon, int(d1))
        last = _iso(y, mon, int(d2)) if d2 else None
        self.add(m, first, last or "")


def _absolute_ru(f: _Finder) -> None:
    for m in re.finditer(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b", f.text):
        f.add(m, _iso(int(m[3]), int(m[2]), int(m[1])))
    pat = rf"\b(\d{{1,2}})(?:{_DASH}(\d{{1,2}}))?\s+{_RU_MONTH}(?:\s+(\d{{4}}))?"
    for m in re.finditer(pat, f.low):
        mon = _ru_month(m[3])
        if mon:
            f.day_range(m, int(m[4]) if m[4] else f.year_for(mon), mon, m[1], m[2])
    for m in re.finditer(rf"\b{_RU_MONTH}\s+(\d{{4}})", f.low):
        if _ru_month(m[1]):
            f.add(m, _iso(int(m[2]), _ru_month(m[1])))
    for m in re.finditer(r"\b(\d{4})(?:\s*[-–]\s*(\d{4}))?(?:-?[хе]?\s*(?:год|гг?\.))", f.low):
        f.add(m, _iso(int(m[1])))


def _absolute_en(f: _Finder) -> None:
    d = r"(\d{1,2})(?:st|nd|rd|th)?"
    pat = rf"\b{_EN_MONTH}\s+{d}(?!\d)(?:{_DASH}{d})?(?:,?\s+(\d{{4}}))?"
    for m in re.finditer(pat, f.low):
        mon = _en_month(m[1])
        if mon:
            f.day_range(m, int(m[4]) if m[4] else f.year_for(mon), mon, m[2], m[3])
    pat = rf"\b{d}(?:{_DASH}{d})?\s+{_EN_MONTH}(?:,?\s+(\d{{4}}))?"
    for m in re.finditer(pat, f.low):
        mon = _en_month(m[3])
        if mon:
            f.day_range(m, int(m[4]) if m[4] else f.year_for(mon), mon, m[1], m[2])
    for m in re.finditer(rf"\b{_EN_MONTH}\s+(?:of\s+)?(\d{{4}})\b", f.low):
        if _en_month(m[1]):
            f.add(m, _iso(int(m[2]), _en_month(m[1])))
    for m in re.finditer(r"\b(1[89]\d\d|20\d\d)\b", f.low):
        f.add(m, _iso(int(m[1])))


def _absolute_ja(f: _Finder) -> None:
    era = "(" + "|".join(_ERAS) + r")(元|[0-9〇一二三四五六七八九十]+)年"
    pat = (
        rf"(?:{_NUM_JA}年|{era})(?:{_NUM_JA}月(?:{_NUM_JA}日)?)?"
        rf"(?:[～〜\-－・と]|から)?(?:{_NUM_JA}日)?"
    )
    for m in re.finditer(pat, f.text):
        era_year = _ERAS.get(m[2] or "", 0) + (1 if m[3] == "元" else (number(m[3] or "") or 0))
        year = number(m[1]) if m[1] else era_year
        if year is None or year < 100:
            continue
        mon = number(m[4]) if m[4] else None
        day = number(m[5]) if m[5] else None
        last = number(m[6]) if m[6] and day else None
        value = _iso(year, mon, day)
        f.add(m, value, (_iso(year, mon, last) or "") if last else "")
    pat = rf"{_NUM_JA}月{_NUM_JA}日(?:(?:[～〜\-－・と]|から){_NUM_JA}日)?"
    for m in re.finditer(pat, f.text):
        mon, day = number(m[1]), number(m[2])
        year = f.anchor_year(m.start())
        if year is None or mon is None or day is None:
            continue
        last = number(m[3]) if m[3] else None
        f.add(m, _iso(year, mon, day), (_iso(year, mon, last) or "") if last else "")


def _relative(f: _Finder, lang: str) -> None:
    pub = f.published
    if pub is None:
        return
    words = {
        "ru": [(r"\bпозавчера\b", -2), (r"\bвчера\b", -1), (r"\bсегодня\b", 0)],
        "en": [(r"\byesterday\b", -1), (r"\btoday\b", 0)],
        "ja": [(r"一昨日|おととい", -2), (r"昨日|きのう", -1), (r"本日|今日", 0)],
    }[lang]
    for pat, days in words:
        for m in re.finditer(pat, f.low):
            f.add(m, (pub + timedelta(days=days)).isoformat(), rel=True)
    years = {
        "ru": [(r"\bв\s+прошлом\s+году\b", -1), (r"\bв\s+этом\s+году\b", 0),
               (r"\bв\s+текущем\s+году\b", 0), (r"\bв\s+позапрошлом\s+году\b", -2),
               (r"\bв\s+следующем\s+году\b", 1)],
        "en": [(r"\blast\s+year\b", -1), (r"\bthis\s+year\b", 0), (r"\bnext\s+year\b", 1)],
        "ja": [(r"一昨年", -2), (r"昨年|去年", -1), (r"今年|本年", 0), (r"来年", 1)],
    }[lang]  # fmt: skip
    for pat, delta in years:
        for m in re.finditer(pat, f.low):
            f.add(m, f"{pub.year + delta:04d}", rel=True)
    weekdays = _RU_WEEKDAYS if lang == "ru" else _EN_WEEKDAYS if lang == "en" else ()
    for i, stem in enumerate(weekdays):
        for m in re.finditer(rf"\b(?:в|во|on|last)\s+{stem}\w*", f.low):
            back = (pub.weekday() - i) % 7
            f.add(m, (pub - timedelta(days=back)).isoformat(), rel=True)
    ago = {
        "ru": [(rf"\b{_COUNT}\s+(?:год|года|лет)\s+назад", -1, False),
               (rf"\bспустя\s+{_COUNT}\s+(?:год|года|лет)", 1, True),
               (rf"\bчерез\s+{_COUNT}\s+(?:год|года|лет)", 1, True),
               (rf"\bза\s+{_COUNT}\s+(?:год|года|лет)\s+до\b", -1, True)],
        "en": [(rf"\b{_COUNT}\s+years?\s+ago\b", -1, False),
               (rf"\b{_COUNT}\s+years?\s+(?:later|after)\b", 1, True),
               (rf"\b{_COUNT}\s+years?\s+(?:earlier|before)\b", -1, True)],
        "ja": [(r"([0-9〇一二三四五六七八九十]+)年前", -1, False),
               (r"([0-9〇一二三四五六七八九十]+)年後", 1, True)],
    }[lang]  # fmt: skip
    for pat, sign, anchored in ago:
        for m in re.finditer(pat, f.low):
            count = number(m[1])
            base = f.anchor_year(m.start()) if anchored else pub.year
            if count and base:
                f.add(m, f"{base + sign * count:04d}", rel=True)
    if lang == "ja":
        rel = {"一昨年": -2, "昨年": -1, "去年": -1, "今年": -1 + 1, "本年": 0, "来年": 1}
        for m in re.finditer(rf"(一昨年|昨年|去年|今年|本年|来年)の?{_NUM_JA}月", f.text):
            mon = number(m[2])
            f.taken = [t for t in f.taken if t[0] != m.start()]
            f.spans = [x for x in f.spans if x.start != m.start()]
            f.add(m, _iso(pub.year + rel[m[1]], mon), rel=True)
        for m in re.finditer(
            rf"(?<![年0-9〇一二三四五六七八九十]){_NUM_JA}月(?![0-9〇一二三四五六七八九十]+日)",
            f.text,
        ):
            f.add(m, _iso(pub.year, number(m[1])), rel=True)
        pair = rf"(?<![月0-9〇一二三四五六七八九十]){_NUM_JA}日?[、・と]{_NUM_JA}(?:日|の両日)"
        for m in re.finditer(pair, f.text):  # «22、23の両日»: two days of this month
            first = _iso(pub.year, pub.month, number(m[1]) or 0)
            last = _iso(pub.year, pub.month, number(m[2]) or 0)
            if first and last and first <= (pub + timedelta(days=1)).isoformat():
                f.add(m, first, last, rel=True)
        day = rf"(?<![月0-9〇一二三四五六七八九十]){_NUM_JA}日(?!間)"
        for m in re.finditer(day, f.text):  # «23日»: this month of the publication
            value = _iso(pub.year, pub.month, number(m[1]) or 0)
            if value and value <= (pub + timedelta(days=1)).isoformat():
                f.add(m, value, rel=True)
        for m in re.finditer(r"同年", f.text):
            year = f.anchor_year(m.start())
            if year:
                f.add(m, f"{year:04d}", rel=True)


def find_dates(text: str, lang: str, published: date | None) -> list[DateSpan]:
    """Every date in ``text``, in order of appearance."""
    f = _Finder(text, published)
    {"ru": _absolute_ru, "en": _absolute_en, "ja": _absolute_ja}[lang](f)
    _relative(f, lang)
    if lang == "ru":
        for m in re.finditer(r"\b(1[89]\d\d|20\d\d)\b", f.low):
            f.add(m, _iso(int(m[1])))
    return sorted(f.spans, key=lambda s: s.start)
