"""People named in a report, with the title that gives their role.

Owns :func:`find_people` and :class:`PeopleIndex`. Russian names are capitalised words that
pymorphy3 tags as first name, patronymic or surname, put back in the nominative; Japanese
names are the kanji or katakana run before a title (中原八一市長) or after one (市長の中原八一氏),
family name first; English names are capitalised words next to a title (Mayor Yaichi
Nakahara, Sergei Kravchuk, mayor of Khabarovsk). Titles (мэр, глава, 市長, 副市長, mayor,
deputy ...) give the role. The index resolves a name to the graph's people by any label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.ingest.morph import case_forms, is_name_part, nominative
from kg.tables.schema import Tables

__all__ = ["PeopleIndex", "PersonMention", "find_people", "role_of"]

_RU_WORD = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
_EN_WORD = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_JA_NAME = r"[一-龥々]{2,6}|[ァ-ヺー]+(?:[・＝][ァ-ヺー]+)+"
_JA_TITLE = r"(副市長|市長|副知事|知事|町長|村長|副町長|議長|代表)"
_EN_TITLES = r"(?:Deputy Mayor|Vice Mayor|Mayor|Governor|Vice Governor|Head)"
_NOT_NAMES = {"Japan", "Russia", "The", "City", "Mayor", "Deputy", "Governor", "Prefecture"}


@dataclass(frozen=True)
class PersonMention:
    """A person named in text: offsets and the name (nominative; family first in Japanese)."""

    start: int
    end: int
    name: str


def role_of(title: str) -> str:
    """The participation role a title gives: mayor, deputy_mayor, representative or other."""
    t = title.lower()
    if any(w in t for w in ("заместител", "вице", "deputy", "vice", "副")):
        return "deputy_mayor"
    if any(w in t for w in ("мэр", "глав", "mayor", "市長", "町長", "村長", "head")):
        return "mayor"
    if any(w in t for w in ("представител", "representative", "代表", "職員", "official")):
        return "representative"
    return "other"


def _ru(text: str) -> list[PersonMention]:
    out = []
    for m in re.finditer(rf"{_RU_WORD}(?:\s+{_RU_WORD}){{1,2}}", text):
        words = m.group(0).split()
        tags = [is_name_part(w) for w in words]
        if not all(tags) or ("Surn" not in tags and len(words) < 3):
            if len(words) == 3 and all(tags[1:]) and "Surn" in tags[1:]:
                start = m.start() + len(words[0]) + 1
                out.append(PersonMention(start, m.end(), " ".join(map(nominative, words[1:]))))
            continue
        if "Name" not in tags:
            continue
        kept = [nominative(w) for w, t in zip(words, tags, strict=True) if t != "Patr"]
        out.append(PersonMention(m.start(), m.end(), " ".join(kept)))
    return out


def _ja(text: str) -> list[PersonMention]:
    out = []
    for m in re.finditer(
        rf"(?:の|、|・|は|^)({_JA_NAME})(?:・[^\s、。]{{0,8}}?)?{_JA_TITLE}", text
    ):
        name = m.group(1)
        if name.endswith(("市", "県", "町", "村", "地方", "州")):
            continue
        out.append(PersonMention(m.start(1), m.end(1), name.replace("＝", "・")))
    for m in re.finditer(rf"{_JA_TITLE}の({_JA_NAME})(?:氏|さん)", text):
        out.append(PersonMention(m.start(2), m.end(2), m.group(2)))
    return out


def _en(text: str) -> list[PersonMention]:
    out = []
    pats = (
        rf"{_EN_TITLES}\s+((?:{_EN_WORD}\s+){{1,2}}?{_EN_WORD})",
        rf"((?:{_EN_WORD}\s+){{1,2}}?{_EN_WORD}),\s+(?:the\s+)?(?:deputy\s+)?(?:mayor|governor|head)",
    )
    for pat in pats:
        for m in re.finditer(pat, text):
            words = m.group(1).split()
            if any(w in _NOT_NAMES for w in words):
                continue
            out.append(PersonMention(m.start(1), m.end(1), m.group(1)))
    return out


def find_people(text: str, lang: str) -> list[PersonMention]:
    """Every person named in ``text``, in order."""
    found = {"ru": _ru, "ja": _ja, "en": _en}[lang](text)
    seen: set[tuple[int, int]] = set()
    out = []
    for p in sorted(found, key=lambda p: p.start):
        if (p.start, p.end) not in seen:
            seen.add((p.start, p.end))
            out.append(p)
    return out


def _norm(name: str) -> str:
    return re.sub(r"[\s・、,＝]+", " ", name.lower().replace("ё", "е")).strip()


class PeopleIndex:
    """The graph's people by every label, by family name and by name words in any order;
    :meth:`find` spots them in text (Russian labels in every case, a Japanese or katakana
    family name alone when only one person bears it)."""

    def __init__(self, tables: Tables) -> None:
        self.by_name: dict[str, str] = {}
        self.labels: dict[str, str] = {}
        self.offices: dict[str, set[str]] = {}
        for post in tables.rows.get("posts", []):
            if post.get("post") in ("mayor", "deputy_mayor"):
                self.offices.setdefault(post.get("person"), set()).add(post.get("of"))
        forms: dict[str, set[str]] = {}
        for row in tables.rows.get("people", []):
            pid = row.get("id")
            self.labels[pid] = row.get("label_en")
            self.by_name[pid] = pid
            for col in ("label_en", "label_ru", "label_ja"):
                label = row.get(col)
                if not label:
                    continue
                names = {label, " ".join(reversed(label.split()))}
                if col == "label_ru":
                    names |= case_forms(label)
                if col == "label_ja" and re.search(r"[・、\s]", label):
                    parts = re.split(r"[・、\s]", label)
                    katakana = "ァ" <= parts[-1][:1] <= "ヺ"  # a foreign name: family name last
                    names.add(parts[-1] if katakana else parts[0])  # family name first
                for name in names:
                    if len(name) >= 3:
                        forms.setdefault(name.lower(), set()).add(pid)
        unique = {name: next(iter(ids)) for name, ids in forms.items() if len(ids) == 1}
        self._forms = unique
        body = "|".join(re.escape(n) for n in sorted(unique, key=len, reverse=True))
        # word boundaries for Latin and Cyrillic; Japanese has none, katakana runs are kept whole
        edge = r"(?<![A-Za-zА-Яа-яЁё])(?<![ァ-ヺー])"
        tail = r"(?![A-Za-zА-Яа-яЁё])(?![ァ-ヺー])"
        self._pattern = re.compile(rf"{edge}(?:{body}){tail}", re.I) if body else None
        for row in tables.rows.get("people", []):
            pid = row.get("id")
            for col in ("label_en", "label_ru", "label_ja"):
                label = row.get(col)
                if not label:
                    continue
                norm = _norm(label)
                self.by_name[norm] = pid
                self.by_name[norm.replace(" ", "")] = pid
                words = norm.split()
                if len(words) >= 2:
                    self.by_name[" ".join(reversed(words[:2]))] = pid

    def office(self, pid: str) -> str:
        """The municipality a known person was mayor or deputy mayor of ('' if none or several)."""
        places = self.offices.get(pid, set())
        return next(iter(places)) if len(places) == 1 else ""

    def find(self, text: str) -> list[PersonMention]:
        """The graph's people named in ``text``; ``name`` is the person's key."""
        if self._pattern is None:
            return []
        return [
            PersonMention(m.start(), m.end(), self._forms[m.group(0).lower()])
            for m in self._pattern.finditer(text)
        ]

    def resolve(self, name: str) -> str:
        """The person's key, or '' when the graph does not know the name."""
        norm = _norm(name)
        return self.by_name.get(norm) or self.by_name.get(norm.replace(" ", ""), "")
