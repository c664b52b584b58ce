"""Facts from the sentences of one article: meetings, participations, visits, twinnings and
signed agreements.

Owns :func:`extract`, which finds dates, places and people once for the whole text and hands
them to the extractors of :mod:`kg.ingest.meetings` and :mod:`kg.ingest.ties`. The rules are
general — gazetteer, cue words, morphology and clause structure, no per-article cases — and
everything is offsets into the text.
"""

from __future__ import annotations

from datetime import date

from kg.ingest.cues import CUES
from kg.ingest.dates import find_dates
from kg.ingest.doc import Doc
from kg.ingest.gazetteer import Gazetteer
from kg.ingest.meetings import SERIES, Meeting, find_meetings, main_meeting, participations
from kg.ingest.model import Fact
from kg.ingest.newplaces import find_new_places
from kg.ingest.people import PeopleIndex, find_people
from kg.ingest.text import sentences
from kg.ingest.ties import merge_ties, ties, visits

__all__ = ["SERIES", "extract"]


def _attending(visit: Fact, main: Meeting | None) -> bool:
    """A trip to the conference's host at conference time is attendance, not a visit."""
    if main is None or not main.host or visit.fields["to"] != main.host:
        return False
    when = str(visit.fields.get("date", ""))
    return not when or main.start[:7] <= when[:7] <= (main.end or main.start)[:7]


def extract(
    text: str, lang: str, published: date | None, gazetteer: Gazetteer, index: PeopleIndex
) -> list[Fact]:
    """All facts of one article, in order of their evidence."""
    known = index.find(text)
    others = [
        p
        for p in find_people(text, lang)
        if not any(k.start < p.end and p.start < k.end for k in known)
    ]
    people = sorted(known + others, key=lambda p: p.start)
    known_places = gazetteer.find(text, lang)
    fresh, proposals = find_new_places(
        text, lang, known_places, gazetteer, [(p.start, p.end) for p in people]
    )
    places = sorted(known_places + fresh, key=lambda p: p.start)
    doc = Doc(text, lang, CUES[lang], find_dates(text, lang, published), places, people, index)
    spans = sentences(text)
    meetings = find_meetings(doc, spans, published)
    main = main_meeting(meetings)
    facts = [
        Fact(
            "meeting",
            {"name": SERIES, "number": m.number or "", "start": m.start, "end": m.end,
             "host": m.host},
            m.evidence,
            0.9 if m.number else 0.7,
        )
        for m in meetings
    ]  # fmt: skip
    hosts = {main.host} if main and main.host else set()  # the host of the edition attended
    facts += participations(doc, spans, main, hosts)
    used = {i for m in meetings for i in m.sentences}
    trips = [v for v in visits(doc, spans, used, hosts) if not _attending(v, main)]
    facts += merge_ties(trips + ties(doc, spans, hosts))
    for fact in facts:
        named = [fact.fields.get(k, "") for k in ("host", "city", "from", "to")]
        named += [p for k in ("places", "parties") for p in fact.fields.get(k, [])]
        new = [proposals[k].to_json() for k in dict.fromkeys(named) if k in proposals]
        if new:
            fact.proposed["places"] = new
    return sorted(facts, key=lambda f: (f.evidence, f.type))
