"""Conference editions and who attended them.

Owns :func:`find_meetings` (a clause naming the series — or, once it is named, a meeting —
with an ordinal, a date and a happening verb, or a date and a host; mentions of one edition
merged; the ending date from a stated duration), :func:`main_meeting` (the edition the report
is about) and :func:`participations` (each listed place with the title nearest to it and the
person named next to it; the host takes part only with a title; negated attendance is
dropped, announced attendance kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from kg.ingest.dates import shift_days
from kg.ingest.doc import CLAUSE, Doc, clauses, is_located
from kg.ingest.gazetteer import PlaceMention
from kg.ingest.model import Fact
from kg.ingest.numerals import number
from kg.ingest.people import PersonMention, role_of

__all__ = ["SERIES", "Meeting", "find_meetings", "main_meeting", "participations"]

#: The one conference series of the graph every edition belongs to.
SERIES = "coastal-mayors-conference"


@dataclass
class Meeting:
    number: int | None
    start: str = ""
    end: str = ""
    host: str = ""
    evidence: tuple[int, int] = (0, 0)
    sentences: list[int] = field(default_factory=list)


def _number(doc: Doc, s: int, e: int) -> int | None:
    clause = doc.text[s:e]
    m = doc.cues.number.search(clause)
    if m and any(m.groups()):
        value = number(next(g for g in m.groups() if g))
        if value and 0 < value < 100:
            return value
    if doc.cues.first.search(clause):
        return 1
    return None


def _host(doc: Doc, s: int, e: int, sentence: tuple[int, int]) -> str:
    places = doc.within(doc.places, s, e)
    located = [p for p in places if is_located(doc, p)]
    if located:
        return str(located[0].place.id)
    if len(places) == 1:
        for verb in doc.cues.host_verb.finditer(doc.text, sentence[0], sentence[1]):
            rest = doc.text[verb.end() : verb.end() + 10]
            if re.match(r"принима|принял|host", verb.group(0), re.I) and "участ" not in rest:
                return str(places[0].place.id)
    if doc.lang == "en":
        for p in places:
            if re.match(r"\s+(?:hosted|was\s+the\s+host)", doc.text[p.end : p.end + 20]):
                return str(p.place.id)
    return ""


_CLOSING = {
    "ru": re.compile(r"завершил\w*|закрыл\w*|подошл\w*\s+к\s+концу", re.I),
    "en": re.compile(r"\bclosed\b|\bended\b|\bwrapped\s+up|\bconcluded\b", re.I),
    "ja": re.compile(r"閉幕|終了|閉会"),
}


def find_meetings(doc: Doc, spans: list[tuple[int, int]], published: date | None) -> list[Meeting]:
    found: list[Meeting] = []
    series_seen, prev_ctx = False, False
    for i, (s, e) in enumerate(spans):
        sent = doc.text[s:e]
        series = doc.cues.series.search(sent) is not None
        generic = doc.cues.generic.search(sent) is not None
        series_seen = series_seen or series
        ctx = series or (series_seen and generic)
        carried = prev_ctx and doc.cues.host_verb.search(sent) is not None
        prev_ctx = ctx
        if not (ctx or carried) or re.search(r"отмен|cancel|中止", sent, re.IGNORECASE):
            continue
        sentence_dates = doc.within(doc.dates, s, e)
        for cs, ce in clauses(doc.text, s, e):
            num = _number(doc, cs, ce)
            dates = [d for d in doc.within(doc.dates, cs, ce) if d.value[:4].isdigit()]
            happening = doc.cues.host_verb.search(sent) is not None
            host = _host(doc, cs, ce, (s, e))
            if (not host and dates and num is None) or (not host and num is not None):
                located = [p for p in doc.within(doc.places, s, e) if is_located(doc, p)]
                host = located[0].place.id if len(located) == 1 else ""
            if num is None and not (dates and (host or happening)):
                continue
            if num is not None and not dates and len(sentence_dates) == 1 and happening:
                dates = sentence_dates
            if num == 1 and not dates and doc.cues.first.search(doc.text, cs, ce):
                continue  # «впервые стал хозяином»: 'first' without a date names no edition
            meeting = Meeting(num, host=host, evidence=(s, e), sentences=[i])
            if dates and _CLOSING[doc.lang].search(sent) and not dates[0].until:
                meeting.end = dates[0].value  # «closed on Wednesday»: the last day
            elif dates:
                meeting.start, meeting.end = dates[0].value, dates[0].until
            found.append(meeting)
    merged = _merge(found)
    main = main_meeting(merged)
    if main and len(main.start) == 10 and not main.end:
        main.end = _end(doc, spans, main)
    return merged


def _end(doc: Doc, spans: list[tuple[int, int]], main: Meeting) -> str:
    """The last day from a stated duration («продлится два дня», "two-day", 「2日間」) or a
    closing date («会議は24日まで», "until August 25") near the edition's sentences."""
    for i, (s, e) in enumerate(spans):
        about = doc.cues.generic.search(doc.text, s, e) or doc.cues.series.search(doc.text, s, e)
        near = any(0 <= i - k <= 2 for k in main.sentences)
        if not (about or near):
            continue
        dur = doc.cues.duration.search(doc.text, s, e)
        if dur:
            days = number(next((g for g in dur.groups() if g), "") or "") or 2
            return shift_days(main.start, max(1, days - 1))
        for d in doc.within(doc.dates, s, e):
            closing = re.match(r"\s*まで", doc.text[d.end : d.end + 4]) or re.search(
                r"\b(?:until|through|till)\s+$", doc.text[max(s, d.start - 10) : d.start], re.I
            )
            if closing and len(d.value) == 10 and d.value > main.start:
                return str(d.value)
    return ""


def _compatible(a: str, b: str) -> bool:
    return not a or not b or a.startswith(b) or b.startswith(a)


def _merge(found: list[Meeting]) -> list[Meeting]:
    merged: list[Meeting] = []
    for m in sorted(found, key=lambda m: m.number is None):
        target = None
        for other in merged:
            same_number = m.number is not None and m.number == other.number
            fits = (
                m.number is None
                and _compatible(m.start, other.start or other.end[:7])
                and _compatible(m.host, other.host)
                and (other.number is not None or (m.start[:4] == other.start[:4] and m.start))
            )
            if same_number or fits:
                target = other
                break
        if target is None:
            if m.number is None and not (m.host and m.start) and len(m.start) < 7:
                continue
            merged.append(m)
            continue
        if len(m.start) > len(target.start):
            if not target.start:
                target.evidence = m.evidence
            target.start = m.start
        target.end = target.end or m.end
        if target.end and target.start and target.end <= target.start:
            target.end = ""  # a closing day that is not after the opening day says nothing
        target.host = target.host or m.host
        target.sentences += m.sentences
    return sorted(merged, key=lambda m: m.evidence)


def main_meeting(meetings: list[Meeting]) -> Meeting | None:
    if not meetings:
        return None
    return max(meetings, key=lambda m: (m.start[:4], len(m.sentences), -m.evidence[0]))


def _person_for(doc: Doc, place: PlaceMention, nxt: int, prev: int) -> str:
    after = [p for p in doc.people if place.end <= p.start < nxt and p.start - place.end < 40]
    before = [p for p in doc.people if prev <= p.start and p.end <= place.start]
    if doc.lang == "ja":  # «西尾正範函館市長», «ハバロフスク市のソコロフ市長»
        gap = r"(?:市|町|村|県)?の?"
        after = [p for p in after if re.fullmatch(gap, doc.text[place.end : p.start])]
        if before and before[-1].end == place.start:
            after = [before[-1]]
    if after:
        chosen = after[0]
    elif (
        doc.lang == "en"
        and before
        and re.fullmatch(
            r",\s+(?:the\s+)?(?:deputy\s+)?(?:mayor|governor|head)\s+of\s+(?:the\s+)?",
            doc.text[before[-1].end : place.start],
            re.I,
        )
    ):
        chosen = before[-1]
    else:
        return ""
    return doc.index.resolve(chosen.name) or chosen.name


def _titled(doc: Doc, place: PlaceMention) -> bool:
    """Whether a title stands right next to the place (мэр Находки, 舞鶴市長, Maizuru Mayor)."""
    before = doc.text[max(0, place.start - 14) : place.start]
    after = doc.text[max(0, place.end - 1) : place.end + 8]
    return bool(
        re.search(
            rf"(?:{doc.cues.role.pattern})\s+(?:город\w*\s+|of\s+(?:the\s+)?)?$", before, re.I
        )
        or re.match(rf"(?:市|町|村)?(?:の)?\s*(?:{doc.cues.role.pattern})", after[1:], re.I)
        or after.startswith(("市長", "町長", "村長"))
        or (  # «ハバロフスク市のソコロフ市長»: the title after the person's name
            doc.lang == "ja"
            and re.match(
                r"(?:市|町|村)?の[ァ-ヺー・一-龥]{1,10}?(?:副市長|市長|町長|村長|知事)",
                doc.text[place.end : place.end + 20],
            )
            is not None
        )
    )


def _role_for(doc: Doc, place: PlaceMention, sentence: tuple[int, int]) -> str:
    """The title nearest the place: right after it, before it in its clause, after it in its
    clause (Japanese: anywhere after it in the sentence), then before it in the sentence."""
    s, e = sentence
    if doc.lang == "ja":
        if doc.text[place.end - 1 : place.end + 1] in ("市長", "町長", "村長"):
            return "mayor"  # 秋田市長: the title shares the place's last character
        m = doc.cues.role.search(doc.text, place.end, e)
        return role_of(m.group(0)) if m else ""
    m = doc.cues.role.search(doc.text[place.end : place.end + 8])
    if doc.lang == "en" and m and m.start() <= 2:
        return role_of(m.group(0))
    cut = [c.end() for c in CLAUSE.finditer(doc.text, s, place.start)]
    clause_start = cut[-1] if cut else s
    nxt = CLAUSE.search(doc.text, place.end, e)
    clause_end = nxt.start() if nxt else e
    before = list(doc.cues.role.finditer(doc.text, clause_start, place.start))
    if before:
        return role_of(before[-1].group(0))
    m = doc.cues.role.search(doc.text, place.end, clause_end)
    if m:
        return role_of(m.group(0))
    # a bare item of a list («мэры Хабаровска, Благовещенска») takes the list's title;
    # an item with words of its own («а также делегации Якутска») does not
    first = min(p.start for p in doc.within(doc.places, clause_start, clause_end))
    if re.sub(r"\b(?:и|а|and|or|the)\b|[\s.]", "", doc.text[clause_start:first], flags=re.I):
        return ""
    before = list(doc.cues.role.finditer(doc.text, s, place.start))
    return role_of(before[-1].group(0)) if before else ""


def participations(
    doc: Doc, spans: list[tuple[int, int]], main: Meeting | None, hosts: set[str]
) -> list[Fact]:
    if main is None:
        return []
    meeting = str(main.number) if main.number else main.start
    out: list[Fact] = []
    seen: dict[str, Fact] = {}
    for i, (s, e) in enumerate(spans):
        sent = doc.text[s:e]
        cue = doc.cues.attend.search(sent)
        in_meeting = (
            i in main.sentences or doc.cues.generic.search(sent) or (doc.cues.series.search(sent))
        )
        near = any(0 < i - k <= 4 for k in main.sentences)  # the report's next lines
        places = doc.within(doc.places, s, e)
        if not (in_meeting or near) or not (cue or any(_titled(doc, p) for p in places)):
            continue
        for k, place in enumerate(places):
            pid = place.place.id
            nxt = places[k + 1].start if k + 1 < len(places) else e
            prev = places[k - 1].end if k else s
            clause_start = max([s] + [m.end() for m in CLAUSE.finditer(doc.text, s, place.start)])
            clause = doc.text[clause_start:nxt]
            if doc.cues.negation.search(clause):
                continue
            if not cue and not _titled(doc, place):
                continue  # no attendance word: only places named with a title
            if is_located(doc, place) and (pid in hosts or doc.lang != "ja"):
                continue
            if pid in hosts and not _titled(doc, place):
                continue  # «Maizuru hosted ...»: the host, not a delegation
            if k + 1 < len(places) and places[k + 1].place.region == pid:
                continue  # «Xの Y市»: the region only says where the city lies
            host_regions = {p.place.region for p in doc.places if p.place.id in hosts}
            if pid in host_regions and not _titled(doc, place):
                continue  # "the capital of Kamchatka Krai welcomed ...": the host's region
            role = _role_for(doc, place, (s, e))
            person = _person_for(doc, place, nxt, prev)
            _add(out, seen, Fact("participation", {"meeting": meeting, "city": pid,
                 "person": person, "role": role}, (s, e), 0.8 if role else 0.6))  # fmt: skip
        for who in doc.within(doc.people, s, e):  # «篠田昭市長は…あいさつした»: a known mayor
            city, title = doc.index.office(who.name), _title_next_to(doc, who)
            if city and title and not any(p.start <= who.start < p.end + 40 for p in places):
                _add(out, seen, Fact("participation", {"meeting": meeting, "city": city,
                     "person": who.name, "role": title}, (s, e), 0.7))  # fmt: skip
    return out


def _add(out: list[Fact], seen: dict[str, Fact], fact: Fact) -> None:
    """One participation per place; a later mention fills the role or person left blank."""
    first = seen.get(fact.fields["city"])
    if first is None:
        seen[fact.fields["city"]] = fact
        out.append(fact)
        return
    for name in ("role", "person"):
        if not first.fields[name] and fact.fields[name]:
            first.fields[name] = fact.fields[name]


def _title_next_to(doc: Doc, who: PersonMention) -> str:
    """The role a title right before or after a person's name gives, or ''."""
    after = doc.text[who.end : who.end + 6]
    before = doc.text[max(0, who.start - 12) : who.start]
    m = re.match(rf"\s*(?:{doc.cues.role.pattern})", after, re.I) or re.search(
        rf"(?:{doc.cues.role.pattern})\s*$", before, re.I
    )
    return role_of(m.group(0)) if m else ""
