"""One article as the extractors see it: its text, language, cue words and what the other
modules found in it (dates, places, people), with the clause helpers every fact type uses.

Owns :class:`Doc`, :func:`clauses`, :func:`clause_around`, :func:`is_located` (whether a text
says something happens *in* a place: «в X», "in X", 「Xで」) and :data:`CONNECT` (the words that
join two places: «X и Y», "X and Y", 「XとY」).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kg.ingest.cues import Cues
from kg.ingest.dates import DateSpan
from kg.ingest.gazetteer import PlaceMention
from kg.ingest.people import PeopleIndex, PersonMention

__all__ = ["CLAUSE", "CONNECT", "Doc", "clause_around", "clauses", "is_located"]

CLAUSE = re.compile(r"[,;、；]")
_LOC_BEFORE = {  # within one line: a headline's «в X» says nothing of the next sentence
    "ru": r"(?:\bв|\bво)[^\S\n]+(?:\w+[^\S\n]+){0,2}$",
    "en": r"\b(?:in|at)[^\S\n]+(?:the[^\S\n]+)?$",
}
_JA_HOST_AFTER = r"^(?:市|県)?(?:内)?で|^[^、。\s]{0,12}?で(?:開|行|催|始)"


@dataclass
class Doc:
    text: str
    lang: str
    cues: Cues
    dates: list[DateSpan]
    places: list[PlaceMention]
    people: list[PersonMention]
    index: PeopleIndex

    def within(self, items: list[Any], start: int, end: int) -> list[Any]:
        return [x for x in items if start <= x.start and x.end <= end]


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in CLAUSE.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return [(s, e) for s, e in out if e > s]


def clause_around(doc: Doc, s: int, e: int, pos: int) -> tuple[int, int]:
    """The clause of the sentence (s, e) that holds position ``pos``."""
    for cs, ce in clauses(doc.text, s, e):
        if cs <= pos < ce:
            return cs, ce
    return s, e


def is_located(doc: Doc, mention: PlaceMention) -> bool:
    """Whether the text says something happens *in* this place (в X, in X, Xで)."""
    if doc.lang == "ja":
        return re.match(_JA_HOST_AFTER, doc.text[mention.end : mention.end + 20]) is not None
    before = doc.text[max(0, mention.start - 30) : mention.start]
    return re.search(_LOC_BEFORE[doc.lang], before, re.IGNORECASE) is not None


CONNECT = {
    "ru": r"^\s*(?:и|с|,|–|-|—)\s+(?:(?:японск|российск)\w*\s+)?(?:портов\w+\s+)?"
    r"(?:город\w*\s+|посёлк\w*\s+|поселк\w*\s+|посёлок\s+|поселок\s+|сел\w*\s+)?$",
    "en": r"^\s*(?:and|with|,|–|-|—)\s+(?:the\s+)?(?:(?:Japanese|Russian)\s+)?"
    r"(?:(?:port\s+)?(?:city|town|village)\s+of\s+)?$",
    "ja": r"^(?:と|・|、|及び|および)$",
}
