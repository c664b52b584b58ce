"""Facts from the sentences of one article: meetings, participations, visits, twinnings and
signed agreements.

Owns :func:`extract`. It works clause by clause over what the other modules find — places
(the gazetteer), dates, people and the cue words of :mod:`kg.ingest.cues` — with general rules:
a conference edition is a clause naming the series (or, once the series is named, a meeting)
with an ordinal, a date with a happening verb, or a date and a host; attendance lists give
each listed place the role of the title nearest to it; delegation visits need a visit word
outside a conference context; plans, negations and cancellations state no fact (attendance
announced for an upcoming edition still counts). Everything here is offsets into the text.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kg.ingest.cues import CUES, Cues
from kg.ingest.dates import DateSpan, find_dates, shift_days
from kg.ingest.gazetteer import Gazetteer, PlaceMention
from kg.ingest.model import Fact
from kg.ingest.numerals import number
from kg.ingest.people import PeopleIndex, PersonMention, find_people, role_of
from kg.ingest.text import sentences

__all__ = ["SERIES", "extract"]

#: The one conference series of the graph every edition belongs to.
SERIES = "coastal-mayors-conference"
_CLAUSE = re.compile(r"[,;、；]")
_LOC_BEFORE = {  # within one line: a headline's «в X» says nothing of the next sentence
    "ru": r"(?:\bв|\bво)[^\S\n]+(?:\w+[^\S\n]+){0,2}$",
    "en": r"\b(?:in|at)[^\S\n]+(?:the[^\S\n]+)?$",
}
_JA_HOST_AFTER = r"^(?:市|県)?(?:内)?で"


@dataclass
class _Meeting:
    number: int | None
    start: str = ""
    end: str = ""
    host: str = ""
    evidence: tuple[int, int] = (0, 0)
    sentences: list[int] = field(default_factory=list)


@dataclass
class _Doc:
    text: str
    lang: str
    cues: Cues
    dates: list[DateSpan]
    places: list[PlaceMention]
    people: list[PersonMention]
    index: PeopleIndex

    def within(self, items: list[Any], start: int, end: int) -> list[Any]:
        return [x for x in items if start <= x.start and x.end <= end]


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in _CLAUSE.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return [(s, e) for s, e in out if e > s]


def _clause_around(doc: _Doc, s: int, e: int, pos: int) -> tuple[int, int]:
    """The clause of the sentence (s, e) that holds position ``pos``."""
    for cs, ce in _clauses(doc.text, s, e):
        if cs <= pos < ce:
            return cs, ce
    return s, e


def _is_located(doc: _Doc, mention: PlaceMention) -> bool:
    """Whether the text says something happens *in* this place (в X, in X, Xで)."""
    if doc.lang == "ja":
        return re.match(_JA_HOST_AFTER, doc.text[mention.end : mention.end + 4]) is not None
    before = doc.text[max(0, mention.start - 30) : mention.start]
    return re.search(_LOC_BEFORE[doc.lang], before, re.IGNORECASE) is not None


def _number(doc: _Doc, s: int, e: int) -> int | None:
    clause = doc.text[s:e]
    m = doc.cues.number.search(clause)
    if m and any(m.groups()):
        value = number(next(g for g in m.groups() if g))
        if value and 0 < value < 100:
            return value
    if doc.cues.first.search(clause):
        return 1
    return None


def _host(doc: _Doc, s: int, e: int, sentence: tuple[int, int]) -> str:
    places = doc.within(doc.places, s, e)
    located = [p for p in places if _is_located(doc, p)]
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


def _meetings(doc: _Doc, spans: list[tuple[int, int]], published: date | None) -> list[_Meeting]:
    found: list[_Meeting] = []
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
        for cs, ce in _clauses(doc.text, s, e):
            num = _number(doc, cs, ce)
            dates = [d for d in doc.within(doc.dates, cs, ce) if d.value[:4].isdigit()]
            happening = doc.cues.host_verb.search(sent) is not None
            host = _host(doc, cs, ce, (s, e))
            if (not host and dates and num is None) or (not host and num is not None):
                located = [p for p in doc.within(doc.places, s, e) if _is_located(doc, p)]
                host = located[0].place.id if len(located) == 1 else ""
            if num is None and not (dates and (host or happening)):
                continue
            if num is not None and not dates and len(sentence_dates) == 1 and happening:
                dates = sentence_dates
            meeting = _Meeting(num, host=host, evidence=(s, e), sentences=[i])
            if dates:
                meeting.start, meeting.end = dates[0].value, dates[0].until
            found.append(meeting)
    merged = _merge(found)
    main = _main_meeting(merged)
    if main and len(main.start) == 10 and not main.end:
        for s, e in spans:
            dur = doc.cues.duration.search(doc.text, s, e)
            if dur and (
                doc.cues.generic.search(doc.text, s, e) or doc.cues.series.search(doc.text, s, e)
            ):
                days = number(next((g for g in dur.groups() if g), "") or "") or 2
                main.end = shift_days(main.start, max(1, days - 1))
                break
    return merged


def _compatible(a: str, b: str) -> bool:
    return not a or not b or a.startswith(b) or b.startswith(a)


def _merge(found: list[_Meeting]) -> list[_Meeting]:
    merged: list[_Meeting] = []
    for m in sorted(found, key=lambda m: m.number is None):
        target = None
        for other in merged:
            same_number = m.number is not None and m.number == other.number
            fits = (
                m.number is None
                and _compatible(m.start, other.start)
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
        target.host = target.host or m.host
        target.sentences += m.sentences
    return sorted(merged, key=lambda m: m.evidence)


def _main_meeting(meetings: list[_Meeting]) -> _Meeting | None:
    if not meetings:
        return None
    return max(meetings, key=lambda m: (m.start[:4], len(m.sentences), -m.evidence[0]))


def _person_for(doc: _Doc, place: PlaceMention, nxt: int, prev: int) -> str:
    after = [p for p in doc.people if place.end <= p.start < nxt and p.start - place.end < 40]
    before = [p for p in doc.people if prev <= p.start and p.end <= place.start]
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


def _titled(doc: _Doc, place: PlaceMention) -> bool:
    """Whether a title stands right next to the place (мэр Находки, 舞鶴市長, Maizuru Mayor)."""
    before = doc.text[max(0, place.start - 14) : place.start]
    after = doc.text[max(0, place.end - 1) : place.end + 8]
    return bool(
        re.search(
            rf"(?:{doc.cues.role.pattern})\s+(?:город\w*\s+|of\s+(?:the\s+)?)?$", before, re.I
        )
        or re.match(rf"(?:市|町|村)?(?:の)?\s*(?:{doc.cues.role.pattern})", after[1:], re.I)
        or after.startswith(("市長", "町長", "村長"))
    )


def _role_for(doc: _Doc, place: PlaceMention, sentence: tuple[int, int]) -> str:
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
    cut = [c.end() for c in _CLAUSE.finditer(doc.text, s, place.start)]
    clause_start = cut[-1] if cut else s
    nxt = _CLAUSE.search(doc.text, place.end, e)
    clause_end = nxt.start() if nxt else e
    before = list(doc.cues.role.finditer(doc.text, clause_start, place.start))
    if before:
        return role_of(before[-1].group(0))
    m = doc.cues.role.search(doc.text, place.end, clause_end)
    if m:
        return role_of(m.group(0))
    before = list(doc.cues.role.finditer(doc.text, s, place.start))
    return role_of(before[-1].group(0)) if before else ""


def _participations(
    doc: _Doc, spans: list[tuple[int, int]], main: _Meeting | None, hosts: set[str]
) -> list[Fact]:
    if main is None:
        return []
    meeting = str(main.number) if main.number else main.start
    out: list[Fact] = []
    seen: set[str] = set()
    for i, (s, e) in enumerate(spans):
        sent = doc.text[s:e]
        cue = doc.cues.attend.search(sent)
        in_meeting = (
            i in main.sentences or doc.cues.generic.search(sent) or (doc.cues.series.search(sent))
        )
        near = i - 1 in main.sentences or i - 2 in main.sentences  # the report's next lines
        if not cue or not (in_meeting or near):
            continue
        places = doc.within(doc.places, s, e)
        for k, place in enumerate(places):
            pid = place.place.id
            nxt = places[k + 1].start if k + 1 < len(places) else e
            prev = places[k - 1].end if k else s
            clause_start = max([s] + [m.end() for m in _CLAUSE.finditer(doc.text, s, place.start)])
            clause = doc.text[clause_start:nxt]
            if doc.cues.negation.search(clause) or pid in seen:
                continue
            if _is_located(doc, place) and (pid in hosts or doc.lang != "ja"):
                continue
            if pid in hosts and not _titled(doc, place):
                continue  # «Maizuru hosted ...»: the host, not a delegation
            if k + 1 < len(places) and places[k + 1].place.region == pid:
                continue  # «Xの Y市»: the region only says where the city lies
            role = _role_for(doc, place, (s, e))
            person = _person_for(doc, place, nxt, prev)
            seen.add(pid)
            fields = {"meeting": meeting, "city": pid, "person": person, "role": role}
            out.append(Fact("participation", fields, (s, e), 0.8 if role else 0.6))
    return out


_FROM = {
    "ru": r"(?:делегаци\w*|из|представител\w*|мэр\w*|глав\w*)\s+"
    r"(?:(?:официальн\w*|японск\w*|российск\w*|город\w*|из|мэрии|администраци\w*)\s+){0,3}$",
    "en": r"(?:\bfrom|\bof)\s+(?:the\s+)?(?:city\s+of\s+)?$",
}
_FROM_AFTER = {
    "ja": r"^(?:市|県)?(?:の|から)?(?:[^、。]{0,12}?)(?:代表団|訪問団|使節団|視察団|一行|が)",
    "en": r"^(?:'s)?\s+(?:city\s+)?(?:delegation|mayor|officials)",
}
_TO = {
    "ru": r"(?:\bв|\bво|посетил\w*|посетит\w*)\s+(?:город\s+)?$",
    "en": r"(?:\bto|\bvisited|\bin)\s+(?:the\s+)?(?:city\s+of\s+)?$",
}
_TO_AFTER_JA = r"^(?:市|県)?(?:を訪問|を訪れ|に到着|入り|を表敬|へ|に)"


_TO_AFTER = {  # the visited place as subject: «Ангарск посетила делегация», "X welcomed"
    "ru": r"^[^\S\n]+(?:посетил\w*|принял\w*|принима\w*|встретил\w*)",
    "en": r"^[^\S\n]+(?:welcomed|received|hosted|greeted)",
}


def _visit_blocked(doc: _Doc, s: int, e: int) -> bool:
    """Whether a clause with a visit word is planned, negated or cancelled."""
    for cue in doc.cues.visit.finditer(doc.text, s, e):
        cs, ce = _clause_around(doc, s, e, cue.start())
        if doc.cues.plan.search(doc.text, cs, ce) or doc.cues.negation.search(doc.text, cs, ce):
            return True
    return False


def _visit_roles(doc: _Doc, s: int, e: int) -> tuple[list[str], PlaceMention | None]:
    """The sending places (coordinated ones too: «из Комацу и Канадзавы») and the visited one."""
    senders: list[str] = []
    dst: PlaceMention | None = None
    places = doc.within(doc.places, s, e)
    for k, place in enumerate(places):
        before = doc.text[max(s, place.start - 40) : place.start]
        after = doc.text[place.end : place.end + 20]
        is_from = (doc.lang in _FROM and re.search(_FROM[doc.lang], before, re.I)) or (
            doc.lang in _FROM_AFTER and re.match(_FROM_AFTER[doc.lang], after, re.I)
        )
        if doc.lang == "ja":
            is_to = re.match(_TO_AFTER_JA, after) is not None
        else:
            is_to = re.search(_TO[doc.lang], before, re.I) is not None or (
                re.match(_TO_AFTER[doc.lang], after, re.I) is not None
            )
        joined = (
            k > 0
            and places[k - 1].place.id in senders
            and re.match(_CONNECT[doc.lang], doc.text[places[k - 1].end : place.start], re.I)
        )
        if (is_from or joined) and place.place.id not in senders:
            senders.append(place.place.id)  # «делегация Иркутска посетила»: the sender first
        elif is_to and dst is None:
            dst = place
    return senders, dst


def _visits(doc: _Doc, spans: list[tuple[int, int]], meeting_sents: set[int]) -> list[Fact]:
    out: list[Fact] = []
    for i, (s, e) in enumerate(spans):
        sent = doc.text[s:e]
        if i in meeting_sents or not doc.cues.visit.search(sent) or doc.cues.series.search(sent):
            continue
        if _visit_blocked(doc, s, e):
            continue  # a planned or cancelled visit
        senders, dst = _visit_roles(doc, s, e)
        if dst is None:
            continue
        dates = [d for d in doc.within(doc.dates, s, e) if d.value[:4].isdigit()]
        if not dates:
            dates = [d for d in doc.dates if d.end <= s and spans[max(0, i - 1)][0] <= d.start]
        leaders = [p for p in doc.within(doc.people, s, e) if p.end <= dst.start]
        person = (doc.index.resolve(leaders[0].name) or leaders[0].name) if leaders else ""
        for src in [x for x in senders if x != dst.place.id] or [""]:
            fields = {"from": src, "to": dst.place.id, "date": dates[0].value if dates else "",
                      "person": person}  # fmt: skip
            out.append(Fact("visit", fields, (s, e), 0.7 if src else 0.5))
    return out


def _kind(doc: _Doc, sent: str) -> str:
    low = sent.lower()
    if re.search(r"побратим|姉妹|sister|twin", low):
        return "sister"
    if re.search(r"友好|дружб|дружествен|friendship", low):
        return "friendship"
    if re.search(r"партнер|パートナー|partner", low):
        return "partner"
    return "other"


_CONNECT = {
    "ru": r"^\s*(?:и|с|,|–|-|—)\s+(?:(?:японск|российск)\w*\s+)?(?:город\w*\s+)?$",
    "en": r"^\s*(?:and|with|,|–|-|—)\s+(?:the\s+)?(?:(?:Japanese|Russian)\s+)?"
    r"(?:city\s+of\s+)?$",
    "ja": r"^(?:と|・|、|及び|および)$",
}
_BOTH = re.compile(r"両市|両都市|両自治体|между\s+городами|двух\s+городов|обоих\s+городов|"
                   r"the\s+two\s+cities|both\s+cities", re.I)  # fmt: skip
_ESTABLISH = {
    "ru": r"стал\w*|подписа\w*|заключ\w*|установ\w*|породнил\w*|\bс\s+(?=\d{4})",
    "en": r"\bbecame\b|\bsigned\b|\bestablished\b|\bsince\b|\bconcluded\b|\btwinned\b",
    "ja": r"となっ|となり|締結|調印|提携し|提携を結|結ん|交わし|以来|から",
}


def _pairs(doc: _Doc, places: list[PlaceMention], cue: int | None = None) -> list[tuple[str, str]]:
    """Japanese–Russian pairs the text joins (A и B, A and B, AとB); else the only pair."""
    pairs = []
    for a, b in itertools.pairwise(places):
        between = doc.text[a.end : b.start]
        if a.place.country != b.place.country and re.match(_CONNECT[doc.lang], between, re.I):
            first, second = (a, b) if a.place.country == "JP" else (b, a)
            pairs.append((first.place.id, second.place.id))
    if pairs:
        return sorted(set(pairs))
    inner = {p.place.region for p in places}  # a region that holds a named city is context
    kept = [p for p in places if p.place.id not in inner]
    jp = [p for p in kept if p.place.country == "JP"]
    ru = [p for p in kept if p.place.country == "RU"]
    if (
        not jp
        or not ru
        or (len({p.place.id for p in jp}) > 1 and len({p.place.id for p in ru}) > 1)
    ):
        return []
    if cue is not None:  # one side named several times or by several places: the nearest
        jp = [min(jp, key=lambda p: abs(p.start - cue))]
        ru = [min(ru, key=lambda p: abs(p.start - cue))]
    return sorted({(a.place.id, b.place.id) for a in jp for b in ru})


def _established(doc: _Doc, s: int, e: int) -> str:
    """The date nearest a word that founds the tie (became, signed, since ...), if any."""
    cues = [s + m.start() for m in re.finditer(_ESTABLISH[doc.lang], doc.text[s:e], re.I)]
    dates: list[DateSpan] = [d for d in doc.within(doc.dates, s, e) if d.value[:4].isdigit()]
    if not cues or not dates:
        return ""

    def distance(d: DateSpan, cue: int) -> int:
        # the date follows the founding word in Russian and English, precedes it in Japanese
        ahead = d.start - cue if doc.lang != "ja" else cue - d.end
        return ahead if ahead >= 0 else 3 * -ahead

    return min(dates, key=lambda d: min(distance(d, c) for c in cues)).value


def _ties(doc: _Doc, spans: list[tuple[int, int]]) -> list[Fact]:
    out: list[Fact] = []
    for i, (s, e) in enumerate(spans):
        sent = doc.text[s:e]
        twin = doc.cues.twin.search(doc.text, s, e)
        signed = doc.cues.sign.search(sent) and doc.cues.document.search(sent)
        planned = doc.cues.plan.search(sent) is not None
        since = doc.cues.since.search(sent) is not None
        if twin:  # a plan or a negation elsewhere in the sentence says nothing of the tie
            cs, ce = _clause_around(doc, s, e, twin.start())
            clause = doc.text[cs:ce]
            if doc.cues.negation.search(clause) or (doc.cues.plan.search(clause) and not since):
                twin = None
        if signed and (planned or doc.cues.negation.search(sent)):
            signed = None
        if not (twin or signed):
            continue
        places = doc.within(doc.places, s, e)
        if not places and i and _BOTH.search(sent):
            places = doc.within(doc.places, *spans[i - 1])  # «the two cities»: the last ones
        dated = [d for d in doc.within(doc.dates, s, e) if d.value[:4].isdigit()]
        dates = [d for d in dated if not d.relative] or dated
        when = _established(doc, s, e)
        pairs = _pairs(doc, places, twin.start() if twin else None)
        if twin:
            for a, b in pairs:
                fields = {"places": [a, b], "kind": _kind(doc, sent), "established": when}
                out.append(Fact("twinning", fields, (s, e), 0.8 if when else 0.6))
        if signed and pairs:
            parties = sorted({x for pair in pairs for x in pair})
            title = _title(doc, sent, twin is not None)
            fields = {"title": title, "parties": parties, "date": dates[0].value if dates else ""}
            out.append(Fact("agreement", fields, (s, e), 0.7))
    return out


def _title(doc: _Doc, sent: str, twin: bool) -> str:
    low = sent.lower()
    noun = "Agreement"
    if re.search(r"меморандум|覚書|memorandum", low):
        noun = "Memorandum"
    elif re.search(r"деклараци|宣言|declaration", low):
        noun = "Declaration"
    if twin:
        kind = _kind(doc, sent)
        return f"{noun} on {'sister-city' if kind == 'sister' else kind} relations"
    return f"{noun} on cooperation"


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
    doc = _Doc(
        text, lang, CUES[lang], find_dates(text, lang, published),
        gazetteer.find(text, lang), people, index,
    )  # fmt: skip
    spans = sentences(text)
    meetings = _meetings(doc, spans, published)
    main = _main_meeting(meetings)
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
    facts += _participations(doc, spans, main, hosts)
    used = {i for m in meetings for i in m.sentences}
    facts += _visits(doc, spans, used)
    facts += _merge_ties(_ties(doc, spans))
    return sorted(facts, key=lambda f: (f.evidence, f.type))


def _merge_ties(facts: list[Fact]) -> list[Fact]:
    """One twinning per pair and kind: the dated mention wins, else the first."""
    out: list[Fact] = []
    seen: dict[tuple[str, ...], Fact] = {}
    for fact in facts:
        if fact.type != "twinning":
            out.append(fact)
            continue
        key = (*fact.fields["places"], fact.fields["kind"])
        if key not in seen:
            seen[key] = fact
            out.append(fact)
        elif fact.fields["established"] and not seen[key].fields["established"]:
            out[out.index(seen[key])] = fact
            seen[key] = fact
    return out
