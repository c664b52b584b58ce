"""The sections of a resource page: its statements, names, claims, incoming links and
sources, and the sections particular to each type (parties and status changes of an
agreement, participants of a meeting, ties, conferences and memberships of a place, members
of an organisation, posts of a person, meetings of a series).

Every value goes through :class:`~kg.serve.pages.view.View`, which escapes it and numbers the
sources it cites. Light: pyoxigraph only.
"""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox

from kg.serve.pages.geo import agreement_map, meeting_map, place_point
from kg.serve.pages.html import (
    date_html,
    esc,
    folded_html,
    iri_path,
    link_html,
    safe_href,
    section_html,
    short_name,
    short_url,
    table_html,
)
from kg.serve.pages.predicates import (
    ALT_LABEL,
    COMMENT,
    DERIVED_FROM,
    ISSUED,
    LABEL,
    PUBLISHER,
    TITLE,
    TYPE,
    URL,
)
from kg.serve.pages.summary import ENDED, tie_status, ties_of
from kg.serve.pages.view import View
from kg.vocab import terms

__all__ = [
    "claims_section",
    "incoming_section",
    "sources_section",
    "statements_section",
    "type_sections",
]

#: Triples the build derives from other rows; a page does not credit them to the node's sources.
_DERIVED = {
    terms.RUJP.twinnedWith,
    terms.RUJP.partnerOf,
    terms.RUJP.party,
    terms.RUJP.statusChange,
}


#: Shown elsewhere on the page: types in the header, names, sources as references.
_NOT_IN_TABLE = {TYPE, LABEL, ALT_LABEL, DERIVED_FROM}

#: Curation triples (confidence, table, note): about the record, not values a source states,
#: so the statements table credits them to no source (as :mod:`kg.query.citations` does).
_CURATION = set(terms.CURATION_PREDICATES) - _NOT_IN_TABLE


_INCOMING_LIMIT = 100


def statements_section(view: View, iri: str, outgoing: list[ox.Triple], sourced: bool) -> str:
    rows = []
    for triple in outgoing:
        predicate = triple.predicate.value
        if predicate in _NOT_IN_TABLE:
            continue
        prop_text, prop_lang = view.label(predicate)
        cells = [link_html(predicate, prop_text, prop_lang, view.lang), view.value(triple.object)]
        if sourced:
            if predicate in _DERIVED:
                cells.append(f'<span class="muted">{esc(view.ui["derived"])}</span>')
            elif predicate in _CURATION:
                cells.append(f'<span class="muted">{esc(view.ui["curation"])}</span>')
            else:
                cells.append(view.refs(iri, predicate))
        rows.append((prop_text.casefold(), str(triple.object), cells))
    rows.sort(key=lambda r: (r[0], r[1]))
    headers = [view.ui["property"], view.ui["value"]]
    if sourced:
        headers.append(view.ui["sourced"])
    table = table_html(headers, [r[2] for r in rows], "statements" if sourced else "")
    return folded_html(view.ui["all_statements"].format(n=len(rows)), table, "statements")


def _agreement(view: View, iri: str) -> str:
    rows = []
    for predicate in (terms.RUJP.japaneseParty, terms.RUJP.russianParty):
        for party in view.iris(iri, predicate):
            country = view.first_iri(party, terms.RUJP.country)
            rows.append([view.link(country) if country else "", view.link(party)])
    parts = table_html([view.ui["country"], view.ui["municipality"]], rows)
    drawn = agreement_map(view, iri)
    if drawn:
        parts += f'<figure class="map" id="map">{drawn}</figure>'
    html = section_html(view.ui["parties"], parts, "parties")
    changes = []
    for change in view.iris(iri, terms.RUJP.statusChange):
        status = view.first_iri(change, terms.RUJP.status)
        note = view.objects(change, COMMENT)
        changes.append(
            (
                view.literal(change, terms.RUJP.date),
                [
                    view.link_text(
                        change, view.literal(change, terms.RUJP.date) or short_name(change)
                    ),
                    view.link(status) if status else "",
                    "".join(view.value(n) for n in note),
                    view.refs(change),
                ],
            )
        )
    if changes:
        headers = [view.ui["date"], view.ui["statuslabel"], view.ui["note"], view.ui["sourced"]]
        table = table_html(headers, [c[1] for c in sorted(changes, key=lambda c: c[0])], "changes")
        html += section_html(view.ui["status"], table, "status")
    return html


def _meeting(view: View, iri: str) -> str:
    rows = []
    here = []
    host = view.first_iri(iri, terms.RUJP.host)
    if host and (point := place_point(view, host)):
        here.append((view.label(host)[0], point))
    for participation in view.subjects(terms.RUJP.meeting, iri):
        place = view.first_iri(participation, terms.RUJP.participant)
        person = view.first_iri(participation, terms.RUJP.representedBy)
        role = view.first_iri(participation, terms.RUJP.role)
        country = view.first_iri(place, terms.RUJP.country) if place else None
        sort_key = (
            view.label(country)[0] if country else "",
            view.label(place)[0] if place else "",
        )
        rows.append(
            (
                sort_key,
                [
                    view.link(place)
                    if place
                    else view.link_text(participation, short_name(participation)),
                    view.link(country) if country else "",
                    view.link(person) if person else "",
                    view.link(role) if role else "",
                    view.refs(participation),
                ],
            )
        )
    html = ""
    drawn = meeting_map(view, iri) if here else ""
    if drawn:
        html += section_html(view.ui["map"], f'<figure class="map">{drawn}</figure>', "map")
    if rows:
        headers = [
            view.ui["municipality"],
            view.ui["country"],
            view.ui["person"],
            view.ui["role"],
            view.ui["sourced"],
        ]
        table = table_html(headers, [r[1] for r in sorted(rows, key=lambda r: r[0])])
        html += section_html(view.ui["participants"], table, "participants")
    return html


def _status_cell(view: View, agreement: str) -> str:
    """The latest status of a tie with its date and sources, or "active"."""
    status, date, change = tie_status(view, agreement)
    if status is None:
        return f'<span class="status active">{esc(view.ui["active"])}</span>'
    css = "stopped" if status in ENDED else "active"
    when = view.link_text(change, date) if date else ""
    return f'<span class="status {css}">{view.link(status)} {when}</span> {view.refs(change)}'


def _place(view: View, iri: str) -> str:
    html = ""
    rows = []
    for agreement, partner in ties_of(view, iri):
        kind = view.first_iri(agreement, terms.RUJP.agreementKind)
        established = view.literal(agreement, terms.RUJP.established)
        rows.append(
            (
                (established, view.label(partner)[0] if partner else ""),
                [
                    view.link(partner) if partner else "",
                    view.link(kind) if kind else "",
                    date_html(established),
                    _status_cell(view, agreement),
                    view.link_text(agreement, view.ui["open"]) + " " + view.refs(agreement),
                ],
            )
        )
    if rows:
        headers = [
            view.ui["partner"],
            view.ui["kind"],
            view.ui["established"],
            view.ui["statuslabel"],
            view.ui["agreement"],
        ]
        table = table_html(headers, [r[1] for r in sorted(rows, key=lambda r: r[0])], "ties")
        html += section_html(view.ui["twinnings"], table, "twinnings")
    html += _attended(view, iri, terms.RUJP.participant, terms.RUJP.representedBy, "person")
    memberships = []
    for membership in view.subjects(terms.RUJP.member, iri):
        org = view.first_iri(membership, terms.RUJP.organisation)
        memberships.append(
            [view.link(org) if org else "", _period(view, membership), view.refs(membership)]
        )
    if memberships:
        headers = [view.ui["organisation"], view.ui["period"], view.ui["sourced"]]
        html += section_html(
            view.ui["memberships"], table_html(headers, memberships), "memberships"
        )
    people = []
    for post in view.subjects(terms.RUJP.postIn, iri):
        holder = view.first_iri(post, terms.RUJP.holder)
        kind = view.first_iri(post, terms.RUJP.postKind)
        people.append(
            (
                _period(view, post),
                [
                    view.link(holder) if holder else "",
                    view.link(kind) if kind else "",
                    _period(view, post),
                    view.refs(post),
                ],
            )
        )
    if people:
        headers = [view.ui["person"], view.ui["post"], view.ui["period"], view.ui["sourced"]]
        table = table_html(headers, [r[1] for r in sorted(people, key=lambda r: r[0])])
        html += section_html(view.ui["people"], table, "people")
    return html + _visits(view, iri)


def _visits(view: View, iri: str) -> str:
    """The delegation visits a place sent or received, by date."""
    rows = []
    nodes = set(view.subjects(terms.RUJP.visitor, iri)) | set(
        view.subjects(terms.RUJP.destination, iri)
    )
    for visit in sorted(nodes):  # a place may both send and receive
        src = view.first_iri(visit, terms.RUJP.visitor)
        dst = view.first_iri(visit, terms.RUJP.destination)
        start = view.literal(visit, terms.RUJP.startDate)
        leaders = ", ".join(view.link(p) for p in view.iris(visit, terms.RUJP.ledBy))
        cells = [view.link(src) if src else "", view.link(dst) if dst else "", esc(start)]
        rows.append((start, [*cells, leaders, view.refs(visit)]))
    if not rows:
        return ""
    headers = [view.ui["visit_from"], view.ui["visit_to"], view.ui["date"], view.ui["led_by"],
               view.ui["sourced"]]  # fmt: skip
    if not any(r[1][3] for r in rows):  # no leader named: no empty column
        headers.pop(3)
        rows = [(key, cells[:3] + cells[4:]) for key, cells in rows]
    table = table_html(headers, [r[1] for r in sorted(rows, key=lambda r: r[0])])
    return section_html(view.ui["visits"], table, "visits")


def _attended(view: View, iri: str, by: str, other: str, other_header: str) -> str:
    """The conferences ``iri`` attended (its participations through ``by``), by date, with
    the participation's ``other`` end (the person for a place, the place for a person)."""
    attended = []
    for participation in view.subjects(by, iri):
        meeting = view.first_iri(participation, terms.RUJP.meeting)
        linked = view.first_iri(participation, other)
        role = view.first_iri(participation, terms.RUJP.role)
        start = view.literal(meeting, terms.RUJP.startDate) if meeting else ""
        cells = [
            view.link(meeting) if meeting else "",
            date_html(start),
            view.link(linked) if linked else "",
            view.link(role) if role else "",
            view.refs(participation),
        ]
        attended.append((start, cells))
    if not attended:
        return ""
    headers = [view.ui["meeting"], view.ui["date"], view.ui[other_header], view.ui["role"],
               view.ui["sourced"]]  # fmt: skip
    table = table_html(headers, [r[1] for r in sorted(attended, key=lambda r: r[0])])
    return section_html(view.ui["attended"], table, "attended")


def _period(view: View, node: str) -> str:
    """The dates of a membership or post: ``start–end (as of)``, escaped."""
    start = view.literal(node, terms.RUJP.startDate)
    end = view.literal(node, terms.RUJP.endDate)
    as_of = view.literal(node, terms.RUJP.asOf)
    text = f"{start}–{end}" if start or end else ""
    if as_of:
        seen = view.ui["as_of"].format(date=as_of)
        text = f"{text} ({seen})" if text else seen
    return esc(text)


def _organisation(view: View, iri: str) -> str:
    rows = []
    for membership in view.subjects(terms.RUJP.organisation, iri):
        member = view.first_iri(membership, terms.RUJP.member)
        rows.append(
            (
                view.label(member)[0] if member else "",
                [
                    view.link(member) if member else "",
                    _period(view, membership),
                    view.refs(membership),
                ],
            )
        )
    if not rows:
        return ""
    headers = [view.ui["municipality"], view.ui["period"], view.ui["sourced"]]
    table = table_html(headers, [r[1] for r in sorted(rows, key=lambda r: r[0])])
    return section_html(view.ui["members"], table, "members")


def _person(view: View, iri: str) -> str:
    rows = []
    for post in view.subjects(terms.RUJP.holder, iri):
        kind = view.first_iri(post, terms.RUJP.postKind)
        where = view.first_iri(post, terms.RUJP.postIn)
        rows.append(
            [
                view.link(kind) if kind else "",
                view.link(where) if where else "",
                _period(view, post),
                view.refs(post),
            ]
        )
    html = ""
    if rows:
        headers = [view.ui["post"], view.ui["organisation"], view.ui["period"], view.ui["sourced"]]
        html += section_html(view.ui["posts"], table_html(headers, rows), "posts")
    html += _attended(view, iri, terms.RUJP.representedBy, terms.RUJP.participant, "municipality")
    return html


def _series(view: View, iri: str) -> str:
    rows = []
    for meeting in view.subjects(terms.RUJP.inSeries, iri):
        number = view.literal(meeting, terms.RUJP.number)
        host = view.first_iri(meeting, terms.RUJP.host)
        rows.append(
            (
                int(number) if number.isdigit() else 0,
                [
                    view.link(meeting),
                    esc(view.literal(meeting, terms.RUJP.startDate)),
                    view.link(host) if host else "",
                    view.refs(meeting),
                ],
            )
        )
    if not rows:
        return ""
    headers = [view.ui["meeting"], view.ui["date"], view.ui["host"], view.ui["sourced"]]
    table = table_html(headers, [r[1] for r in sorted(rows, key=lambda r: r[0])])
    return section_html(view.ui["meetings"], table, "meetings")


def claims_section(view: View, iri: str) -> str:
    rows = []
    for claim in view.subjects(terms.RUJP.claimAbout, iri):
        prop = view.first_iri(claim, terms.RUJP.claimProperty)
        target = view.first_iri(claim, terms.RUJP.claimValue)
        claimed = view.link(target) if target else ""
        rows.append(
            [
                view.link(prop) if prop else "",
                claimed or view.link_text(claim, view.literal(claim, terms.RUJP.claimValue)),
                "".join(view.value(n) for n in view.objects(claim, COMMENT)),
                view.refs(claim),
            ]
        )
    if not rows:
        return ""
    headers = [view.ui["property"], view.ui["claim"], view.ui["note"], view.ui["sourced"]]
    return section_html(view.ui["claims"], table_html(headers, rows, "claims"), "claims")


def incoming_section(view: View, incoming: list[ox.Triple]) -> str:
    groups: dict[str, list[str]] = {}
    for triple in incoming:
        if isinstance(triple.subject, ox.NamedNode):
            groups.setdefault(triple.predicate.value, []).append(triple.subject.value)
    if not groups:
        return ""
    blocks = []
    for predicate in sorted(groups, key=lambda p: view.label(p)[0].casefold()):
        subjects = groups[predicate]
        shown = sorted(subjects[:_INCOMING_LIMIT], key=lambda s: view.label(s)[0].casefold())
        items = "".join(f"<li>{view.link(s)}</li>" for s in shown)
        more = len(subjects) - len(shown)
        if more > 0:
            items += f'<li class="muted">+{more} {esc(view.ui["more"])}</li>'
        blocks.append(f"<h3>{view.link(predicate)}</h3><ul>{items}</ul>")
    title = view.ui["incoming_n"].format(n=len(incoming))
    return folded_html(title, "".join(blocks), "incoming")


def sources_section(view: View) -> str:
    if not view.sources.order:
        return ""
    items = []
    for n, source in enumerate(view.sources.order, start=1):
        title, lang = view.label(source)
        if not view.objects(source, TITLE):  # the page shows no title: say so, not its id
            title, lang = f"({view.ui['untitled']})", view.lang
        publisher = view.literal(source, PUBLISHER)
        issued = view.literal(source, ISSUED)
        urls = view.iris(source, URL)
        external = ""
        for url in urls:
            href = safe_href(url)
            if href is not None and iri_path(url) is None:
                external += (
                    f' <a class="url" href="{esc(href)}" rel="nofollow">{esc(short_url(url))}</a>'
                )
            else:
                external += f' <span class="url">{esc(url)}</span>'
        meta = ", ".join(esc(x) for x in (publisher, issued) if x)
        items.append(
            f'<li id="src-{n}">{link_html(source, title, lang, view.lang)}'
            f"{' — ' + meta if meta else ''}{external}</li>"
        )
    return section_html(view.ui["sources"], "<ol>" + "".join(items) + "</ol>", "sources")


#: The sections particular to a type, in page order: (classes, section).
_BY_TYPE: tuple[tuple[tuple[str, ...], Callable[[View, str], str]], ...] = (
    ((terms.RUJP.TwinningAgreement,), _agreement),
    ((terms.RUJP.Meeting,), _meeting),
    ((terms.RUJP.Municipality, terms.RUJP.RegionalGovernment), _place),
    ((terms.RUJP.Organisation,), _organisation),
    ((terms.RUJP.Person,), _person),
    ((terms.RUJP.MeetingSeries,), _series),
)


def type_sections(view: View, iri: str, types: set[str]) -> list[str]:
    """The sections particular to the node's types, in page order."""
    return [section(view, iri) for classes, section in _BY_TYPE if types & set(classes)]
