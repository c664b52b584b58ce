"""Places the graph does not know yet: names found from the words that mark a place, proposed
as new places with their label, country, level and — where the key scheme allows — an id.

Owns :func:`find_new_places` and :class:`Proposal`. Cues: Russian «город/г./село/посёлок»
before a capitalised name (inflected forms brought to the nominative with pymorphy3: «в
городе Уссурийске» → «Уссурийск»); Japanese katakana or kanji names ending in 市/町/村/県/州
(a prefecture written before the name gives the country); English "city of X", "X City",
"town of X", "mayor of X", "X Prefecture". The country comes from the cue (Japanese script
or a prefecture → JP, katakana or a Russian cue → RU, "Russian"/"Japanese" before an English
name), otherwise it stays blank. An id follows data/README.md (``<cc>-<slug>``, ``-pref`` for
a prefecture) when the country is known and the name has a Latin spelling; a Japanese name
in kanji or katakana gets no id (its romanisation cannot be derived from the script alone).
A proposed id the graph already holds is that known place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.ingest.gazetteer import Gazetteer, Place, PlaceMention

__all__ = ["Proposal", "find_new_places", "hepburn", "romanise_ru", "slug"]

_RU_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip

_RU_CUE = re.compile(
    r"\b(?:(японск\w+|российск\w+)\s+)?"
    r"(?:город(?:а|е|у|ом)?\b|(?<!\d\s)(?<!\d)г\.|сел[оаеу]|посёлк\w*|поселк\w*|посёлок|поселок|пос\.)\s*"
    r"([А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*)"
)
_JA_CUE = re.compile(
    r"(?:([一-龥々]{1,4}[県府道])\s*)?([ァ-ヺー・]{2,}|(?:(?<=[県府道])|(?<![一-龥々]))[一-龥々]{2,3})(市|町|村|県|州)"
)
_JA_STOP = {"全国", "隣", "隣県",
            "沿岸", "同", "本", "当", "各", "両", "全", "他", "近隣", "周辺", "港湾", "中核",
            "姉妹都", "友好都", "大都", "都", "地方", "極東", "日本", "日ロ", "日露", "市町",
            "政令", "指定", "地元", "出身", "在住", "来年", "今年", "前年", "翌年"}  # fmt: skip
_EN_NAME = r"([A-Z][a-z]+(?:[- ][A-Z][a-z]+)?)"
_EN_CUE = re.compile(
    r"\b(?:(Russian|Japanese)\s+)?(?:port\s+)?([Cc]ity|[Tt]own|[Vv]illage|[Mm]ayor)\s+of\s+"
    + _EN_NAME
    + r"|\b(?:(Russian|Japanese)\s+(?:port\s+)?(?:city|town)\s+(?:of\s+)?)?"
    + _EN_NAME
    + r"\s+(City|Town|Prefecture)\b"
)
_EN_STOP = {"Japan", "Russia", "China", "Korea", "Tokyo", "Moscow",
            "The", "Sister", "Friendship", "Twin", "Partner", "Host", "Port", "Capital",
            "Russian", "Japanese", "Coastal", "Mayor", "Deputy", "Former", "This", "That",
            "Each", "Every", "Both", "Our", "Their", "Its", "His", "Her", "A", "An", "Far",
            "East", "Hall", "Council"}  # fmt: skip
_JA_LEVEL = {"市": "city", "町": "town", "村": "village", "県": "prefecture", "州": "oblast"}
_EN_LEVEL = {"City": "city", "Town": "town", "Prefecture": "prefecture", "city": "city",
             "town": "town", "village": "village", "mayor": "city"}  # fmt: skip


@dataclass
class Proposal:
    """A place the article names and the graph does not hold."""

    id: str
    country: str
    level: str
    labels: dict[str, str]
    note: str = ""
    mentions: list[tuple[int, int]] = field(default_factory=list)
    region: str = ""

    @property
    def key(self) -> str:
        """What facts carry in their place fields: the id, or the label when there is none."""
        return self.id or next(iter(self.labels.values()))

    def to_json(self) -> dict[str, str]:
        out = {"id": self.id, "country": self.country, "level": self.level, "status": "new"}
        if self.region:
            out["region"] = self.region
        out.update({f"label_{k}": v for k, v in sorted(self.labels.items())})
        if self.note:
            out["note"] = self.note
        return out


def romanise_ru(name: str) -> str:
    """A Latin spelling of a Russian place name in the English Wikipedia manner.

    >>> romanise_ru("Уссурийск"), romanise_ru("Артём"), romanise_ru("Дальнегорск")
    ('Ussuriysk', 'Artyom', 'Dalnegorsk')
    """
    out = []
    for i, ch in enumerate(name):
        low = ch.lower()
        latin = _RU_LATIN.get(low, low)
        if low == "е" and (i == 0 or name[i - 1].lower() in "аеёиоуыэюяьъ-"):
            latin = "ye"
        out.append(latin.capitalize() if ch.isupper() else latin)
    return "".join(out)


_HEPBURN = (("дзя", "ja"), ("дзю", "ju"), ("дзё", "jo"), ("дзи", "ji"), ("дз", "z"),
            ("ся", "sha"), ("сю", "shu"), ("сё", "sho"), ("си", "shi"), ("тя", "cha"),
            ("тю", "chu"), ("тё", "cho"), ("ти", "chi"), ("цу", "tsu"), ("фу", "fu"),
            ("я", "ya"), ("ю", "yu"), ("ё", "yo"), ("э", "e"), ("й", "i"), ("ц", "ts"),
            ("в", "w"), ("х", "h"))  # fmt: skip


def hepburn(name: str) -> str:
    """The Hepburn spelling of a Japanese name written in Polivanov Cyrillic.

    >>> hepburn("Касивадзаки"), hepburn("Майдзуру"), hepburn("Сидзуока")
    ('Kashiwazaki', 'Maizuru', 'Shizuoka')
    """
    text = name.lower()
    for cyr, lat in _HEPBURN:
        text = text.replace(cyr, lat)
    text = "".join(_RU_LATIN.get(ch, ch) for ch in text)
    return text[:1].upper() + text[1:]


def slug(name: str) -> str:
    """The lower-case ASCII slug of a Latin name, words joined by ``-``."""
    return "-".join(re.findall(r"[a-z0-9]+", name.lower()))


def _ru_nominative(word: str) -> str:
    from kg.ingest.morph import analyser

    parts = word.split("-")
    out = []
    for part in parts:
        parses = analyser().parse(part)
        geo = next((p for p in parses if "Geox" in p.tag), None)
        if geo is not None:
            form = geo.inflect({"nomn", "sing"}) or geo
            text = str(form.word)
        elif parses and {"ADJF", "PRTF"} & {str(parses[0].tag.POS)}:
            return ""  # «города Дальнего Востока»: an adjective, not a name
        elif part[-1:] in "иоуэ" or not parses or "NOUN" not in parses[0].tag:
            text = part.lower()  # indeclinable (Japanese names in Cyrillic) or unparsed
        else:
            text = str(parses[0].normal_form)
        out.append(text[:1].upper() + text[1:])
    return "-".join(out)


def _ru(text: str) -> list[tuple[int, int, Proposal]]:
    out = []
    for m in _RU_CUE.finditer(text):
        name = _ru_nominative(m.group(2))
        if not name:
            continue
        before = text[max(0, m.start() - 40) : m.start()].rsplit("\n", maxsplit=1)[-1]
        bound = r"японск\w*\s+(?:делегаци\w*\s+|официальн\w*\s+){0,2}(?:из\s+)?$"
        japanese = m.group(1) and m.group(1).lower().startswith("японск")
        japanese = japanese or re.search(bound, before, re.I)
        country = "JP" if japanese else "RU"
        latin = romanise_ru(name) if country == "RU" else hepburn(name)
        pid = f"{country.lower()}-{slug(latin)}"
        labels = {"ru": name, "en": latin}
        note = (
            "key romanised from the Russian label: check the English Wikipedia spelling"
            if country == "RU"
            else "Hepburn key read back from the Cyrillic: check it"
        )
        out.append((m.start(2), m.end(2), Proposal(pid, country, "city", labels, note)))
    return out


def _ja(text: str) -> list[tuple[int, int, Proposal]]:
    out = []
    for m in _JA_CUE.finditer(text):
        name, suffix = m.group(2), m.group(3)
        start = m.start(2)
        for country_name in ("ロシア・", "ロシア", "日本・"):
            if name.startswith(country_name) and len(name) > len(country_name) + 1:
                name, start = name[len(country_name) :], start + len(country_name)
                break
        if name in _JA_STOP or text[m.end(3) : m.end(3) + 2] == "長会":
            continue
        if name.endswith(("都", "市", "町", "村", "県")):
            continue  # 「都市」「両市町」: not a name
        katakana = name[0] in "ァヺー・" or "ァ" <= name[0] <= "ヺ"
        around = text[max(0, start - 40) : m.end(3) + 20]
        russian = re.search(r"ロシア|極東|ソ連|日ロ|日露|[^ァ-ヺ]ロ(?:の|・)", around) is not None
        country = "JP" if not katakana else "RU" if russian else ""
        level = _JA_LEVEL[suffix]
        if katakana and suffix == "州":
            level = "oblast" if country == "RU" else ""
        note = "a name in Japanese script: give its romanised key" + (
            "" if country else " and its country"
        )
        out.append((start, m.end(3), Proposal("", country, level, {"ja": name + suffix}, note)))
    return out


def _en(text: str) -> list[tuple[int, int, Proposal]]:
    out = []
    for m in _EN_CUE.finditer(text):
        if m.group(3):
            nat, name, start, end = m.group(1), m.group(3), m.start(3), m.end(3)
            level = _EN_LEVEL.get(m.group(2).lower(), "city")
        else:
            nat, name, start, end = m.group(4), m.group(5), m.start(5), m.end(6)
            level = _EN_LEVEL[m.group(6)]
        first = name.split()[0].split("-")[0]
        if first in _EN_STOP or name in _EN_STOP:
            continue
        country = {"Russian": "RU", "Japanese": "JP"}.get(nat or "", "")
        if level == "prefecture":
            country = "JP"
        cc = country.lower()
        pid = f"{cc}-{slug(name)}" + ("-pref" if level == "prefecture" else "") if cc else ""
        label = name + (" Prefecture" if level == "prefecture" else "")
        note = "" if pid else "the article does not say which country: give the key"
        out.append((start, end, Proposal(pid, country, level, {"en": label}, note)))
    return out


_FINDERS = {"ru": _ru, "ja": _ja, "en": _en}
_REGION_BEFORE = {"ja": r"(?:の|・)$", "ru": r"^$", "en": r"^$"}
_REGION_AFTER = {
    "ja": r"^$",
    "ru": r"^\s*$",
    "en": r"^,?\s+(?:(?:an?|the)\s+[\w\s-]{0,30}?)?(?:in|,)\s+$",
}


def _in_region(
    text: str, lang: str, start: int, end: int, known: list[PlaceMention]
) -> Place | None:
    """The region a new place is said to lie in: 「沿海地方のX市」, «X Приморского края»,
    "X, a town in Primorsky Krai"."""
    for k in known:
        if k.place.municipal:
            continue
        before = k.end <= start and start - k.end <= 2
        if before and re.search(_REGION_BEFORE[lang], text[k.end : start]):
            return k.place
        after = k.start >= end and k.start - end <= 45
        if after and re.match(_REGION_AFTER[lang], text[end : k.start], re.I):
            return k.place
    return None


def _with_region(prop: Proposal, region: Place) -> Proposal:
    """The proposal with the region (and so the country) the text places it in."""
    country = prop.country or region.country
    pid = prop.id
    if not pid and prop.labels.get("en") and country:
        suffix = "-pref" if prop.level == "prefecture" else ""
        pid = f"{country.lower()}-{slug(prop.labels['en'])}{suffix}"
    note = "" if pid else prop.note
    return Proposal(pid, country, prop.level, prop.labels, note, region=region.id)


def _again(text: str, lang: str, prop: Proposal) -> list[tuple[int, int]]:
    """Other mentions of a proposed place without a cue («прибыла в Дальнегорск»)."""
    from kg.ingest.morph import case_forms

    if lang == "ru":
        forms = case_forms(prop.labels["ru"])
        pat = r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])"
        return [(m.start(), m.end()) for m in re.finditer(pat, text, re.I)
                if m.group(0)[:1].isupper()]  # fmt: skip
    if lang == "ja":
        label = prop.labels["ja"]
        bare = label[:-1] if len(label) > 3 else label
        pat = rf"(?<![ァ-ヺー一-龥々]){re.escape(bare)}(?:{re.escape(label[-1])})?(?![ァ-ヺー])"
        return [(m.start(), m.end()) for m in re.finditer(pat, text)]
    name = prop.labels["en"].removesuffix(" Prefecture")
    return [(m.start(), m.end()) for m in re.finditer(rf"\b{re.escape(name)}\b", text)]


def find_new_places(
    text: str,
    lang: str,
    known: list[PlaceMention],
    gazetteer: Gazetteer,
    taken: list[tuple[int, int]] | None = None,
) -> tuple[list[PlaceMention], dict[str, Proposal]]:
    """Mentions of places the gazetteer did not find, and their proposals by key.

    A name whose proposed id (or any of its labels) the graph holds is a mention of that
    place; names overlapping a known mention are left out.
    """
    mentions: list[PlaceMention] = []
    proposals: dict[str, Proposal] = {}
    spans = [(k.start, k.end) for k in known] + list(taken or [])  # places and people
    for start, end, cued in _FINDERS[lang](text):
        if any(s < end and start < e for s, e in spans):
            continue
        mayor = lang == "ja" and text[end : end + 1] == "長" and text[start - 1 : start] == "の"
        if mayor and any(k.end == start - 1 and k.place.municipal for k in known):
            continue  # «X市のY市長»: Y is the mayor's name
        region = _in_region(text, lang, start, end, known)
        found = _with_region(cued, region) if region is not None else cued
        place = gazetteer.lookup(found.id) if found.id else None
        for label in found.labels.values():
            place = place or gazetteer.lookup(label)
        if place is None:
            prop = proposals.setdefault(found.key, found)
            prop.mentions.append((start, end))
            place = Place(prop.key, prop.country, prop.level,
                          prop.labels.get("en", ""), prop.labels.get("ru", ""),
                          prop.labels.get("ja", ""), region.id if region else "")  # fmt: skip
        mentions.append(PlaceMention(start, end, place))
        spans.append((start, end))
    for m in list(mentions):
        again = proposals.get(m.place.id)
        if again is None:
            continue
        for start, end in _again(text, lang, again):
            if not any(s < end and start < e for s, e in spans):
                mentions.append(PlaceMention(start, end, m.place))
                spans.append((start, end))
                again.mentions.append((start, end))
    return sorted(mentions, key=lambda x: x.start), proposals
