"""The gazetteer: every place of the graph under every name a report may give it.

Owns :class:`Gazetteer`, built from the curated municipalities table: labels and alternative
labels in en/ru/ja, plus generated variants — the six Russian cases (through
:mod:`kg.ingest.morph`), Japanese names with and without 市/町/村/県/府/州/地方, katakana with
ヴ written ブ and without the middle dot, ``X City``/``City of X``/``X Prefecture`` in English,
and the Polivanov Cyrillic of every Japanese place («Хёго» beside a table's «Хиого»). A bare name
(``新潟``, ``Niigata``) means the city when there is one, the region otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kg.ingest.morph import case_forms
from kg.ingest.translit import polivanov
from kg.tables.schema import LEVELS_MUNICIPAL, Tables

__all__ = ["Gazetteer", "Place", "PlaceMention"]

_JA_SUFFIXES = ("地方", "市", "町", "村", "県", "府", "州", "区")
_EN_REGION_WORDS = ("Prefecture", "Krai", "Oblast", "Territory", "Region", "Republic")


@dataclass(frozen=True)
class Place:
    """A place of the graph: its key, country, level and labels."""

    id: str
    country: str
    level: str
    label_en: str
    label_ru: str
    label_ja: str
    region: str = ""

    @property
    def municipal(self) -> bool:
        return self.level in LEVELS_MUNICIPAL


@dataclass(frozen=True)
class PlaceMention:
    """A place named in text: offsets and the place it stands for."""

    start: int
    end: int
    place: Place


def _katakana_variants(name: str) -> set[str]:
    out = {name, name.replace("・", "")}
    for text in list(out):
        plain = text
        for a, b in (("ヴァ", "バ"), ("ヴィ", "ビ"), ("ヴェ", "ベ"), ("ヴォ", "ボ"), ("ヴ", "ブ")):
            plain = plain.replace(a, b)
        out |= {plain, plain.replace("・", "")}
    return out


def _ja_variants(label: str) -> set[str]:
    out = set()
    for name in _katakana_variants(label):
        out.add(name)
        for suffix in _JA_SUFFIXES:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                out.add(name[: -len(suffix)])
    return out


def _en_variants(label: str, municipal: bool) -> set[str]:
    out = {label}
    if municipal:
        out |= {f"{label} City", f"City of {label}", f"{label} city", f"{label} Town"}
        return out
    for word in _EN_REGION_WORDS:
        if label.endswith(" " + word):
            bare = label[: -len(word) - 1]
            out |= {bare, f"{bare} {word.lower()}"}
            if word == "Krai":
                out |= {f"{bare} Territory", f"{bare} Region"}
    return out


class Gazetteer:
    """Names → places, per language, with one compiled pattern per language."""

    def __init__(self, places: Iterable[Place], names: dict[str, dict[str, tuple[int, str]]]):
        self.places = {p.id: p for p in places}
        self.names = names
        self._patterns: dict[str, re.Pattern[str]] = {}

    @classmethod
    def from_tables(cls, tables: Tables) -> Gazetteer:
        """Build the gazetteer from the municipalities table."""
        places: list[Place] = []
        # name → (rank, place id); lower rank wins: 0 exact label, 1 municipal variant, 2 region
        names: dict[str, dict[str, tuple[int, str]]] = {"en": {}, "ru": {}, "ja": {}}

        def put(lang: str, name: str, rank: int, pid: str) -> None:
            key = name.lower() if lang != "ja" else name
            if len(key) < 2:
                return
            if key not in names[lang] or rank < names[lang][key][0]:
                names[lang][key] = (rank, pid)

        for row in tables.rows.get("municipalities", []):
            place = Place(
                row.get("id"),
                row.get("country"),
                row.get("level"),
                row.get("label_en"),
                row.get("label_ru"),
                row.get("label_ja"),
                row.get("region"),
            )
            places.append(place)
            labels = {"en": [place.label_en], "ru": [place.label_ru], "ja": [place.label_ja]}
            for item in row.list("alt_labels"):
                text, _, lang = item.rpartition("@")
                base = lang.split("-")[0]
                if base in labels:
                    labels["en" if lang == "ja-Latn" else base].append(text.strip())
            variant_rank = 1 if place.municipal else 2
            if place.country == "JP":  # the Polivanov spelling too («Хёго» beside «Хиого»)
                if place.municipal:
                    labels["ru"].append(polivanov(place.label_en))
                elif place.label_en.endswith(" Prefecture"):  # «префектура Хиого»
                    labels["ru"].append(
                        "Префектура " + polivanov(place.label_en[: -len(" Prefecture")])
                    )
            for lang, items in labels.items():
                for label in filter(None, items):
                    put(lang, label, 0, place.id)
                    if lang == "ru":
                        variants = case_forms(label.replace("(", "").replace(")", ""))
                    elif lang == "ja":
                        variants = _ja_variants(label)
                    else:
                        variants = _en_variants(label, place.municipal)
                    for variant in variants:
                        put(lang, variant, variant_rank, place.id)
                    head = label.split("-")[0]
                    if lang in ("ru", "en") and "-" in label and len(head) >= 6:
                        # «Комсомольск» for Komsomolsk-on-Amur, «Петропавловск» ...
                        forms = case_forms(head) if lang == "ru" else {head}
                        for variant in forms:
                            put(lang, variant, 3, place.id)
        return cls(places, names)

    def _pattern(self, lang: str) -> re.Pattern[str]:
        if lang not in self._patterns:
            alts = sorted(self.names[lang], key=len, reverse=True)
            body = "|".join(re.escape(a) for a in alts)
            if lang == "ja":
                # a katakana name must not be cut out of a longer katakana word; a kanji
                # name may follow one («ロシア沿海地方»)
                kana = "|".join(re.escape(a) for a in alts if "ァ" <= a[:1] <= "ヺ")
                kanji = "|".join(re.escape(a) for a in alts if not "ァ" <= a[:1] <= "ヺ")
                pat = rf"(?:(?<![ァ-ヺー])(?:{kana})|(?:{kanji}))(?![ァ-ヺー])"
            else:
                pat = rf"(?<![\w-])(?:{body})(?![\w])"
            self._patterns[lang] = re.compile(pat, re.IGNORECASE)
        return self._patterns[lang]

    def find(self, text: str, lang: str) -> list[PlaceMention]:
        """Every place named in ``text`` (longest names first, no overlaps)."""
        out = []
        for m in self._pattern(lang).finditer(text):
            surface = m.group(0)
            if lang != "ja" and not any(ch.isupper() for ch in surface):
                continue  # «находка» the noun, not Nakhodka the city («префектура Тоттори» is)
            key = surface.lower() if lang != "ja" else surface
            _, pid = self.names[lang][key]
            out.append(PlaceMention(m.start(), m.end(), self.places[pid]))
        return out

    def lookup(self, name: str) -> Place | None:
        """The place a name (any language, any listed form) or a key stands for."""
        if name in self.places:
            return self.places[name]
        for lang in ("en", "ru", "ja"):
            key = name.lower() if lang != "ja" else name
            if key in self.names[lang]:
                return self.places[self.names[lang][key][1]]
        return None
