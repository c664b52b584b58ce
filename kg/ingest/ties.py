"""Delegation visits, twinnings and signed agreements.

Owns :func:`visits` (a visit word outside a conference: the sending places — coordinated
ones too — and the visited one, the date and the leader named before the destination;
planned or cancelled visits dropped clause by clause), :func:`ties` (Japanese–Russian pairs
joined in the text, the kind in the text's own word, the founding date next to a founding
word; «the two cities» looks back one sentence; a plan or negation in the tie's clause keeps
it out; a reported signing of a document is also an agreement), :func:`coreferents` (a
place named by a noun phrase — «российский портовый город», "the Japanese port city", 「同市」 —
is the reported conference's host of that country, else the last city of that country;
«российская делегация» comes from the last Russian place named) and :func:`merge_ties`.
"""

from __future__ import annotations

import itertools
import re

from kg.ingest.dates import DateSpan
from kg.ingest.doc import CONNECT, Doc, clause_around
from kg.ingest.gazetteer import Place, PlaceMention
from kg.ingest.model import Fact

__all__ = ["coreferents", "merge_ties", "ties", "visits"]

_FROM = {
    "ru": r"(?:делегаци\w*|из|представител\w*|мэр\w*|глав\w*)\s+"
    r"(?:(?:официальн\w*|японск\w*|российск\w*|город\w*|из|мэрии|администраци\w*|"
    r"префектур\w*|област\w*|кра[яюе]\w*|округ\w*|район\w*)\s+){0,3}$",
    "en": r"(?:\bfrom|\bof)\s+(?:the\s+)?(?:city\s+of\s+)?$",
}
_FROM_AFTER = {
    "ja": r"^(?:市|県)?(?:の|から)?(?:[^、。]{0,12}?)(?:代表団|訪問団|使節団|視察団|一行|が)",
    "en": r"^(?:'s)?\s+(?:city\s+)?(?:delegation|mayor|officials)",
}
_TO = {
    "ru": r"(?:\bв|\bво|посетил\w*|посетит\w*)\s+(?:город\w*\s+|посёлк\w*\s+|поселк\w*\s+)?$",
    "en": r"(?:\bto|\bvisited|\bin)\s+(?:the\s+)?(?:(?:Japanese|Russian)\s+)?(?:port\s+)?"
    r"(?:(?:city|town)\s+of\s+)?$",
}
_TO_AFTER_JA = r"^(?:市|県)?(?:を訪問|を訪れ|に到着|入り|を表敬|へ|に)"
_NATIONAL = {  # «российская делегация», "the Japanese delegation", 「ロシア側の代表団」
    "ru": r"(японск|российск)\w*\s+(?:официальн\w+\s+)?(?:делегаци|сторон|гост)",
    "en": r"\b(Japanese|Russian)\s+(?:official\s+)?(?:delegation|visitors|side|guests)",
    "ja": r"(日本|ロシア)(?:側)?の?(?:代表団|訪問団|使節団|一行)",
}
_COUNTRY = {"японск": "JP", "российск": "RU", "japanese": "JP", "russian": "RU",
            "日本": "JP", "ロシア": "RU"}  # fmt: skip
_LED = {
    "ru": r"во\s+главе\s+с|возглавля\w*|возглавил\w*",
    "en": r"\b(?:led|headed)\s+by\b",
}


def _national_sender(doc: Doc, s: int, e: int, dst: PlaceMention) -> str:
    """The place a «российская делегация» / "the Japanese delegation" comes from: the last
    place of that country named before, other than the destination (a city before a region)."""
    m = re.search(_NATIONAL[doc.lang], doc.text[s:e], re.I)
    if m is None:
        return ""
    country = _COUNTRY[m.group(1).lower()]
    before = [p for p in doc.places if p.end <= s + m.start() and p.place.country == country
              and p.place.id != dst.place.id]  # fmt: skip
    cities = [p for p in before if p.place.municipal] or before
    return cities[-1].place.id if cities else ""


_REFER = {  # a place named by a noun phrase: «российский портовый город», "the Japanese port city"
    "ru": r"\b(японск|российск)\w*\s+(?:портов\w+\s+)?город(?:а|е|у|ом)?\b(?!\s+[А-ЯЁ])",
    "en": r"\b[Tt]he\s+(Japanese|Russian)\s+(?:port\s+)?(?:city|town)\b(?!\s+of\b)",
    "ja": r"(同)市",
}


def coreferents(doc: Doc, s: int, e: int, hosts: set[str]) -> list[PlaceMention]:
    """Places the sentence names by a noun phrase: the host of the conference reported when
    it is of that country, else the last city of that country named before (「同市」: the
    last city named)."""
    out = []
    for m in re.finditer(_REFER[doc.lang], doc.text[s:e]):
        start = s + m.start()
        if any(p.start <= start < p.end for p in doc.places):
            continue
        country = _COUNTRY.get(m.group(1).lower(), "")
        before = [p for p in doc.places if p.end <= start and p.place.municipal
                  and (not country or p.place.country == country)]  # fmt: skip
        host = [p for p in doc.places if p.place.id in hosts and p.place.country == country]
        chosen = host[0] if host and country else before[-1] if before else None
        if chosen is not None:
            out.append(PlaceMention(start, s + m.end(), chosen.place))
    return out


def _leader(doc: Doc, s: int, e: int) -> str:
    """A person said to lead the delegation («во главе с X», "led by X")."""
    if doc.lang not in _LED:
        return ""
    for m in re.finditer(_LED[doc.lang], doc.text[s:e], re.I):
        near = [p for p in doc.people if s + m.end() <= p.start <= s + m.end() + 40]
        if near:
            return doc.index.resolve(near[0].name) or near[0].name
    return ""


_TO_AFTER = {  # the visited place as subject: «Ангарск посетила делегация», "X welcomed"
    "ru": r"^[^\S\n]+(?:посетил\w*|принял\w*|принима\w*|встретил\w*)",
    "en": r"^[^\S\n]+(?:welcomed|received|hosted|greeted)",
}


def _visit_blocked(doc: Doc, s: int, e: int) -> bool:
    """Whether a clause with a visit word is planned, negated or cancelled."""
    for cue in doc.cues.visit.finditer(doc.text, s, e):
        cs, ce = clause_around(doc, s, e, cue.start())
        if doc.cues.plan.search(doc.text, cs, ce) or doc.cues.negation.search(doc.text, cs, ce):
            return True
    return False


def _visit_roles(
    doc: Doc, s: int, e: int, named: list[PlaceMention]
) -> tuple[list[str], PlaceMention | None]:
    """The sending places (coordinated ones too: «из Комацу и Канадзавы») and the visited one."""
    senders: list[str] = []
    dst: PlaceMention | None = None
    places = sorted(doc.within(doc.places, s, e) + named, key=lambda p: p.start)
    for k, place in enumerate(places):
        if place.place.id in {p.place.region for p in places[:k]}:
            continue  # "X, a town in Primorsky Krai": the region only says where X lies
        before = doc.text[max(s, place.start - 40) : place.start]
        after = doc.text[place.end : place.end + 20]
        is_from = (doc.lang in _FROM and re.search(_FROM[doc.lang], before, re.I)) or (
            doc.lang in _FROM_AFTER and re.match(_FROM_AFTER[doc.lang], after, re.I)
        )
        if doc.lang == "ja":
            is_to = re.match(_TO_AFTER_JA, after) is not None
        else:
            to = re.search(_TO[doc.lang], before, re.I)
            is_to = to is not None or (re.match(_TO_AFTER[doc.lang], after, re.I) is not None)
            by = re.search(_FROM[doc.lang], before, re.I)
            if to and by and to.start() < by.start():
                is_from = False  # "to the Russian city of X": the longer cue wins
        joined = (
            k > 0
            and places[k - 1].place.id in senders
            and re.match(CONNECT[doc.lang], doc.text[places[k - 1].end : place.start], re.I)
        )
        if (is_from or joined) and place.place.id not in senders:
            senders.append(place.place.id)  # «делегация Иркутска посетила»: the sender first
        elif is_to and dst is None:
            dst = place
    return senders, dst


def visits(
    doc: Doc, spans: list[tuple[int, int]], meeting_sents: set[int], hosts: set[str]
) -> list[Fact]:
    out: list[Fact] = []
    for i, (s, e) in enumerate(spans):
        sent = doc.text[s:e]
        if i in meeting_sents or not doc.cues.visit.search(sent) or doc.cues.series.search(sent):
            continue
        if _visit_blocked(doc, s, e):
            continue  # a planned or cancelled visit
        senders, dst = _visit_roles(doc, s, e, coreferents(doc, s, e, hosts))
        if dst is None:
            continue
        if not senders:
            senders = [x for x in [_national_sender(doc, s, e, dst)] if x]
        dates = [d for d in doc.within(doc.dates, s, e) if d.value[:4].isdigit()]
        if not dates and i:  # «Церемония состоялась в X, куда прибыла делегация»: the event's date
            prev = spans[i - 1]
            named = {p.place.id for p in doc.within(doc.places, *prev)}
            earlier = [d for d in doc.within(doc.dates, *prev) if d.value[:4].isdigit()]
            dateline = re.fullmatch(r"[^,.\n]{2,40},[^,\n]{4,30}", doc.text[prev[0] : prev[1]])
            if dst.place.id in named and len({d.value for d in earlier}) == 1 and not dateline:
                dates = earlier
        leaders = [p for p in doc.within(doc.people, s, e) if p.end <= dst.start]
        person = (doc.index.resolve(leaders[0].name) or leaders[0].name) if leaders else ""
        if not person and i + 1 < len(spans):  # "The Japanese delegation, led by X, ..."
            nxt = spans[i + 1]
            if re.search(_NATIONAL[doc.lang], doc.text[nxt[0] : nxt[1]], re.I):
                person = _leader(doc, *nxt)
        for src in [x for x in senders if x != dst.place.id] or [""]:
            fields = {"from": src, "to": dst.place.id, "date": dates[0].value if dates else "",
                      "person": person}  # fmt: skip
            out.append(Fact("visit", fields, (s, e), 0.7 if src else 0.5))
    return out


def _kind(doc: Doc, sent: str) -> str:
    low = sent.lower()
    if re.search(r"побратим|姉妹|sister|twin", low):
        return "sister"
    if re.search(r"友好|дружб|дружествен|friendship", low):
        return "friendship"
    if re.search(r"партнер|パートナー|partner", low):
        return "partner"
    return "other"


_BOTH = re.compile(r"両市|両都市|両自治体|между\s+городами|двух\s+городов|обоих\s+городов|"
                   r"(?:которые|эти|оба)\s+города|города\s+(?:установили|подписали|заключили|"
                   r"стали|породнились)|the\s+two\s+cities|both\s+cities|the\s+cities",
                   re.I)  # fmt: skip
_ESTABLISH = {
    "ru": r"стал\w*|подписа\w*|заключ\w*|установ\w*|породнил\w*|\bс\s+(?=\d)",
    "en": r"\bbecame\b|\bsigned\b|\bestablished\b|\bsince\b|\bconcluded\b|\btwinned\b",
    "ja": r"となっ|となり|締結|調印|提携し|提携を結|結ん|交わし|以来|(?<=年)から",
}


def _pairs(doc: Doc, places: list[PlaceMention], cue: int | None = None) -> list[tuple[str, str]]:
    """Japanese–Russian pairs the text joins (A и B, A and B, AとB); else the only pair."""
    pairs = []
    places = [  # «サハリン州ネベリスク市», «Kronstadt near Saint Petersburg»: the city is the party
        p
        for k, p in enumerate(places)
        if not any(
            (q.place.region == p.place.id and abs(q.start - p.end) < 4) or q.end - p.start == 0
            for q in places[k + 1 : k + 2]
        )
    ]
    for a, b in itertools.pairwise(places):
        between = doc.text[a.end : b.start]
        if a.place.country != b.place.country and re.match(CONNECT[doc.lang], between, re.I):
            first, second = (a, b) if a.place.country == "JP" else (b, a)
            pairs.append((first.place.id, second.place.id))
    if pairs:
        regions = {(a.region, b.region) for a, b in _places_of(places, pairs)}
        return sorted(set(pairs) - regions)  # "Ishikari and Vanino ... Hokkaido and Khabarovsk"
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


def _places_of(
    places: list[PlaceMention], pairs: list[tuple[str, str]]
) -> list[tuple[Place, Place]]:
    by_id = {p.place.id: p.place for p in places}
    return [(by_id[a], by_id[b]) for a, b in pairs]


def _established(doc: Doc, s: int, e: int) -> str:
    """The date nearest a word that founds the tie (became, signed, since ...), if any."""
    cues = [s + m.start() for m in re.finditer(_ESTABLISH[doc.lang], doc.text[s:e], re.I)]
    dates: list[DateSpan] = [
        d
        for d in doc.within(doc.dates, s, e)
        if d.value[:4].isdigit() and (not d.relative or len(d.value) == 10)  # not «next year»
    ]
    if not cues or not dates:
        return ""

    def distance(d: DateSpan, cue: int) -> int:
        # the date follows the founding word in Russian and English, precedes it in Japanese
        ahead = d.start - cue if doc.lang != "ja" else cue - d.end
        return ahead if ahead >= 0 else 3 * -ahead

    return min(dates, key=lambda d: min(distance(d, c) for c in cues)).value


def _pair_span(
    places: list[PlaceMention], pair: tuple[str, str], s: int, e: int
) -> tuple[int, int]:
    """The part of the sentence about one pair: from its first name to the next other place."""
    mine = [p for p in places if p.place.id in pair]
    regions = {p.place.region for p in mine}
    others = [p for p in places if p.place.id not in pair and p.place.id not in regions]
    if not mine or not others:
        return s, e
    start = min(p.start for p in mine)
    last = max(p.end for p in mine)
    later = [p.start for p in others if p.start >= last]
    return start, min(later) if later else e


def ties(doc: Doc, spans: list[tuple[int, int]], hosts: set[str]) -> list[Fact]:
    out: list[Fact] = []
    for i, (s, e) in enumerate(spans):
        sent = doc.text[s:e]
        twin = doc.cues.twin.search(doc.text, s, e)
        signed = doc.cues.sign.search(sent) and doc.cues.document.search(sent)
        planned = doc.cues.plan.search(sent) is not None
        since = doc.cues.since.search(sent) is not None
        if twin:  # a plan or a negation elsewhere in the sentence says nothing of the tie
            cs, ce = clause_around(doc, s, e, twin.start())
            clause = doc.text[cs:ce]
            if doc.cues.negation.search(clause) or (doc.cues.plan.search(clause) and not since):
                twin = None
        if signed and (planned or doc.cues.negation.search(sent)):
            signed = None
        if not (twin or signed):
            continue
        places = sorted(doc.within(doc.places, s, e) + coreferents(doc, s, e, hosts),
                        key=lambda p: p.start)  # fmt: skip
        if not places and i and _BOTH.search(sent):  # «the two cities»: the last ones named
            for back in range(i - 1, max(-1, i - 4), -1):
                places = doc.within(doc.places, *spans[back])
                if places:
                    break
        dated = [d for d in doc.within(doc.dates, s, e) if d.value[:4].isdigit()]
        dates = [d for d in dated if not d.relative] or dated
        pairs = _pairs(doc, places, twin.start() if twin else None)
        if twin:
            for a, b in pairs:
                when = _established(doc, *_pair_span(places, (a, b), s, e))
                fields = {"places": [a, b], "kind": _kind(doc, sent), "established": when}
                out.append(Fact("twinning", fields, (s, e), 0.8 if when else 0.6))
        if signed and pairs:
            parties = sorted({x for pair in pairs for x in pair})
            title = _title(doc, sent, twin is not None)
            fields = {"title": title, "parties": parties, "date": dates[0].value if dates else ""}
            out.append(Fact("agreement", fields, (s, e), 0.7))
    return out


def _title(doc: Doc, sent: str, twin: bool) -> str:
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


def merge_ties(facts: list[Fact]) -> list[Fact]:
    """One twinning per pair and kind, one visit per sender and destination (a headline and
    the body name the same event): the dated mention wins, else the first; a visit without
    a sender to a place another visit goes to is that visit."""
    out: list[Fact] = []
    seen: dict[tuple[str, ...], Fact] = {}
    sent_to = {f.fields["to"] for f in facts if f.type == "visit" and f.fields["from"]}
    for fact in facts:
        if fact.type == "visit" and not fact.fields["from"] and fact.fields["to"] in sent_to:
            continue  # «гости побывали в X» after «делегация Y прибыла в X»: the same visit
        if fact.type == "twinning":
            key, when = (*fact.fields["places"], fact.fields["kind"]), "established"
        elif fact.type == "visit":
            key, when = ("visit", fact.fields["from"], fact.fields["to"]), "date"
        else:
            out.append(fact)
            continue
        if key not in seen:
            seen[key] = fact
            out.append(fact)
        elif fact.fields[when] and not seen[key].fields[when]:
            out[out.index(seen[key])] = fact
            seen[key] = fact
    return out
