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

from kg.serve.pages.geo import map_svg, place_point
from kg.serve.pages.html import (
    esc,
    iri_path,
    link_html,
    safe_href,
    section_html,
    short_name,
    table_html,
)
from kg.serve.pages.predicates import (
    ALT_LABEL,
    COMMENT,
    DERIVED_FROM,
    ISSUED,
    LABEL,
    PUBLISHER,
    TYPE,
    URL,
)
from kg.serve.pages.view import View
from kg.vocab import terms

__all__ = [
    "claims_section",
    "incoming_section",
    "names_section",
    "sources_section",
    "statements_section",
    "type_sections",
]

#: Triples the build derives from other rows; a page does not credit them to the node's sources.
_DERIVED = {terms.RUJP.twinnedWith, terms.RUJP.party, terms.RUJP.statusChange}


#: Shown elsewhere on the page: types in the header, names, sources as references.
_NOT_IN_TABLE = {TYPE, LABEL, ALT_LABEL, DERIVED_FROM}


_INCOMING_LIMIT = 100


def statements_section(view: View, iri: str, outgoing: list[ox.Triple], sourced: bool) -> str:
    rows = []
    own_refs = view.refs(iri) if sourced else ""
    for triple in outgoing:
        predicate = triple.predicate.value
        if predicate in _NOT_IN_TABLE:
            continue
        prop_text, prop_lang = view.label(predicate)
        cells = [link_html(predicate, prop_text, prop_lang), view.value(triple.object)]
        if sourced:
            derived = f'<span class="muted">{esc(view.ui["derived"])}</span>'
            cells.append(derived if predicate in _DERIVED else own_refs)
        rows.append((prop_text.casefold(), str(triple.object), cells))
    rows.sort(key=lambda r: (r[0], r[1]))
    headers = [view.ui["property"], view.ui["value"]]
    if sourced:
        headers.append(view.ui["sourced"])
    table = table_html(headers, [r[2] for r in rows], "statements" if sourced else "")
    return section_html(view.ui["statements"], table, "statements")


def names_section(view: View, outgoing: list[ox.Triple]) -> str:
    items = []
    for triple in outgoing:
        obj = triple.object
        if triple.predicate.value in (LABEL, ALT_LABEL) and isinstance(obj, ox.Literal):
            tag = obj.language or ""
            items.append(
                (
                    tag,
                    obj.value,
                    f'<li><span lang="{esc(tag)}">{esc(obj.value)}</span> '
                    f'<span class="dt">{esc(tag)}</span></li>',
                )
            )
    if len(items) < 2:
        return ""
    return section_html(view.ui["names"], "<ul>" + "".join(i[2] for i in sorted(items)) + "</ul>")


def _agreement(view: View, iri: str) -> str:
    rows = []
    here = []
    for predicate in (terms.RUJP.japaneseParty, terms.RUJP.russianParty):
        for party in view.iris(iri, predicate):
            country = view.first_iri(party, terms.RUJP.country)
            rows.append([view.link(country) if country else "", view.link(party)])
            point = place_point(view, party)
            if point:
                here.append((view.label(party)[0], point))
    parts = table_html([view.ui["country"], view.ui["municipality"]], rows)
    if len(here) == 2:
        parts += map_svg(view, here, line=True)
    html = section_html(view.ui["parties"], parts, "parties")
    changes = []
    for change in view.iris(iri, terms.RUJP.statusChange):
        status = view.first_iri(change, terms.RUJP.status)
        note = view.objects(change, COMMENT)
        changes.append(
            (
                view.literal(change, terms.RUJP.date),
                [
                    link_html(change, view.literal(change, terms.RUJP.date) or short_name(change)),
                    view.link(status) if status else "",
                    "".join(view.value(n) for n in note),
                    view.refs(change),
                ],
            )
        )
    if changes:
        headers = [view.ui["date"], view.ui["statuslabel"], view.ui["note"], view.ui["sourced"]]
        table = table_html(headers, [c[1] for c in sorted(changes, key=lambda c: c[0])])
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
                    else link_html(participation, short_name(participation)),
                    view.link(country) if country else "",
                    view.link(person) if person else "",
                    view.link(role) if role else "",
                    view.refs(participation),
                ],
            )
        )
    html = ""
    if here:
        html += section_html(view.ui["map"], map_svg(view, here), "map")
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


def _place(view: View, iri: str) -> str:
    html = ""
    point = place_point(view, iri)
    if point:
        html += section_html(view.ui["map"], map_svg(view, [(view.label(iri)[0], point)]), "map")
    rows = []
    for predicate, other in (
        (terms.RUJP.japaneseParty, terms.RUJP.russianParty),
        (terms.RUJP.russianParty, terms.RUJP.japaneseParty),
    ):
        for agreement in view.subjects(predicate, iri):
            partner = view.first_iri(agreement, other)
            kind = view.first_iri(agreement, terms.RUJP.agreementKind)
            established = view.literal(agreement, terms.RUJP.established)
            rows.append(
                (
                    view.label(partner)[0] if partner else "",
                    [
                        view.link(partner) if partner else "",
                        view.link(kind) if kind else "",
                        esc(established),
                        view.link(agreement),
                        view.refs(agreement),
                    ],
                )
            )
    if rows:
        headers = [
            view.ui["partner"],
            view.ui["kind"],
            view.ui["established"],
            view.ui["agreement"],
            view.ui["sourced"],
        ]
        table = table_html(headers, [r[1] for r in sorted(rows, key=lambda r: r[0])])
        html += section_html(view.ui["twinnings"], table, "twinnings")
    attended = []
    for participation in view.subjects(terms.RUJP.participant, iri):
        meeting = view.first_iri(participation, terms.RUJP.meeting)
        role = view.first_iri(participation, terms.RUJP.role)
        start = view.literal(meeting, terms.RUJP.startDate) if meeting else ""
        attended.append(
            (
                start,
                [
                    view.link(meeting) if meeting else "",
                    esc(start),
                    view.link(role) if role else "",
                    view.refs(participation),
                ],
            )
        )
    if attended:
        headers = [view.ui["meeting"], view.ui["date"], view.ui["role"], view.ui["sourced"]]
        table = table_html(headers, [r[1] for r in sorted(attended, key=lambda r: r[0])])
        html += section_html(view.ui["attended"], table, "attended")
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


def _period(view: View, node: str) -> str:
    """The dates of a membership or post: ``start–end (as of)``, escaped."""
    start = view.literal(node, terms.RUJP.startDate)
    end = view.literal(node, terms.RUJP.endDate)
    as_of = view.literal(node, terms.RUJP.asOf)
    text = f"{start}–{end}" if start or end else ""
    if as_of:
        text = f"{text} ({as_of})" if text else as_of
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
    if not rows:
        return ""
    headers = [view.ui["posts"], view.ui["organisation"], view.ui["period"], view.ui["sourced"]]
    return section_html(view.ui["posts"], table_html(headers, rows), "posts")


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
        rows.append(
            [
                view.link(prop) if prop else "",
                link_html(claim, view.literal(claim, terms.RUJP.claimValue)),
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
    return section_html(view.ui["incoming"], "".join(blocks), "incoming")


def sources_section(view: View) -> str:
    if not view.sources.order:
        return ""
    items = []
    for n, source in enumerate(view.sources.order, start=1):
        title, lang = view.label(source)
        publisher = view.literal(source, PUBLISHER)
        issued = view.literal(source, ISSUED)
        urls = view.iris(source, URL)
        external = ""
        for url in urls:
            href = safe_href(url)
            if href is not None and iri_path(url) is None:
                external += f' <a class="url" href="{esc(href)}" rel="nofollow">{esc(url)}</a>'
            else:
                external += f' <span class="url">{esc(url)}</span>'
        meta = ", ".join(esc(x) for x in (publisher, issued) if x)
        items.append(
            f'<li id="src-{n}">{link_html(source, title, lang)}'
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
