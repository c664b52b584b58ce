"""Network projections: from the network facts of the RDF graph to NetworkX graphs.

Only domain relations become edges, never ``rdf:type``, labels or provenance:

- :func:`twinning_network` — local governments (municipalities and regions) that are party to
  a twinning agreement, one edge per agreement (a :class:`networkx.MultiGraph` keyed by the
  agreement IRI) with its kind, date, year and latest status; node attribute ``bipartite`` is
  0 for Russia and 1 for Japan, as NetworkX's bipartite convention has it;
- :func:`bipartite_network` — municipalities (``bipartite`` 0) and the conferences they took
  part in (``bipartite`` 1), one edge per participation;
- :func:`coparticipation_network` — municipalities linked by the number of conferences they
  attended together (edge ``weight``);
- ``year=Y`` on each gives the snapshot of year ``Y``: ties established up to ``Y`` and not
  ended by then (status as of ``Y``), conferences held up to ``Y``. Ties and conferences
  without a date appear only in the full network (``year=None``).

Each takes the RDF graph or the :class:`~kg.network.extract.NetworkData` read from it once.
Node ids are the IRIs; every attribute is a plain Python value (``str``, ``int``, ``float``
or a ``list`` of ``str``/``int``). An unknown value is an absent attribute, never ``None``.

>>> from kg.paths import data_dir, ontology_dir
>>> from kg.pipeline import check
>>> g = twinning_network(check(data_dir(), ontology_dir()).built.graph)
>>> g.nodes["https://w3id.org/rujp/id/place/jp-niigata"]["label_en"]
'Niigata'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import combinations
from typing import Any

import networkx as nx  # type: ignore[import-untyped, unused-ignore]
from rdflib import Graph

from kg.network.extract import (
    Agreement,
    Meeting,
    NetworkData,
    StatusEvent,
    date_year,
    extract,
    place_key,
    status_as_of,
)
from kg.vocab import codes
from kg.vocab.namespaces import RUJP

__all__ = [
    "GRAPHS",
    "bipartite_network",
    "coparticipation_network",
    "project",
    "snapshots",
    "twinning_network",
    "years_of",
]

#: The projections, by the name the CLI uses.
GRAPHS = ("twinning", "coparticipation", "bipartite")

_ENDED = codes.STATUS.code(str(RUJP.StatusEnded))


def _data(source: Graph | NetworkData) -> NetworkData:
    return source if isinstance(source, NetworkData) else extract(source)


def _add_place(g: Any, data: NetworkData, iri: str) -> None:
    place = data.places.get(iri)
    attrs = dict(place.attrs) if place else {"data_key": place_key(iri)}
    g.add_node(iri, node_type="place", **attrs)


def _edge_attrs(agreement: Agreement, event: StatusEvent | None) -> dict[str, Any]:
    attrs: dict[str, Any] = {"agreement": agreement.iri, "kind": agreement.kind}
    if agreement.kind_local:
        attrs["kind_local"] = agreement.kind_local
    if agreement.established:
        attrs["established"] = agreement.established
        attrs["year"] = agreement.year
    attrs["status"] = event.status if event else "none"
    if event:
        attrs["status_date"] = event.date
    if agreement.confidence:
        attrs["confidence"] = agreement.confidence
    if agreement.label_en:
        attrs["label_en"] = agreement.label_en
    attrs["sources"] = list(agreement.sources)
    return attrs


def twinning_network(source: Graph | NetworkData, year: int | None = None) -> Any:
    """The twinning network (a ``MultiGraph``; one edge per agreement, keyed by its IRI).

    Edge attributes: ``agreement``, ``kind``, ``kind_local``, ``established`` and ``year``
    (when dated), ``status`` (the latest status change up to ``year``, or ``"none"``),
    ``status_date``, ``confidence``, ``label_en`` and ``sources`` (source IRIs).
    With ``year``, only ties dated up to ``year`` whose status then is not ``ended``.
    """
    data = _data(source)
    g: Any = nx.MultiGraph(name="twinning" if year is None else f"twinning {year}")
    chosen = []
    for agreement in data.agreements:
        event = status_as_of(agreement, year)
        if year is not None:
            if agreement.year is None or agreement.year > year:
                continue
            if event is not None and event.status == _ENDED:
                continue
        chosen.append((agreement, event))
    for iri in sorted({p for a, _ in chosen for p in (a.japan, a.russia)}):
        _add_place(g, data, iri)
    for agreement, event in chosen:
        g.add_edge(
            agreement.japan, agreement.russia, key=agreement.iri, **_edge_attrs(agreement, event)
        )
    return g


def _meetings_up_to(data: NetworkData, year: int | None) -> dict[str, Meeting]:
    return {
        iri: m
        for iri, m in data.meetings.items()
        if year is None or (m.year is not None and m.year <= year)
    }


def bipartite_network(source: Graph | NetworkData, year: int | None = None) -> Any:
    """Municipalities (``bipartite`` 0) and conferences (``bipartite`` 1), one edge per
    participation (attributes ``participation``, ``role``, ``person``, ``sources``).

    Only conferences with at least one recorded participant appear; with ``year``, only
    those held up to ``year``.
    """
    data = _data(source)
    meetings = _meetings_up_to(data, year)
    parts = [p for p in data.participations if p.meeting in meetings]
    g: Any = nx.Graph(name="bipartite" if year is None else f"bipartite {year}")
    for iri in sorted({p.participant for p in parts}):
        _add_place(g, data, iri)
        g.nodes[iri]["bipartite"] = 0
    for iri in sorted({p.meeting for p in parts}):
        m = meetings[iri]
        attrs: dict[str, Any] = {"node_type": "conference", "bipartite": 1, "number": m.number}
        for name in ("start", "end", "host", "series", "label_en"):
            if getattr(m, name):
                attrs[name] = getattr(m, name)
        if m.year is not None:
            attrs["year"] = m.year
        g.add_node(iri, **attrs)
    for p in parts:
        attrs = {"participation": p.iri, "sources": list(p.sources)}
        for name in ("role", "person", "confidence"):
            if getattr(p, name):
                attrs[name] = getattr(p, name)
        g.add_edge(p.participant, p.meeting, **attrs)
    return g


def coparticipation_network(source: Graph | NetworkData, year: int | None = None) -> Any:
    """Municipalities linked when they attended the same conference; edge ``weight`` is the
    number of conferences shared, ``conferences`` their numbers (ascending)."""
    data = _data(source)
    meetings = _meetings_up_to(data, year)
    attendees: dict[str, set[str]] = defaultdict(set)
    for p in data.participations:
        if p.meeting in meetings:
            attendees[p.meeting].add(p.participant)
    g: Any = nx.Graph(name="coparticipation" if year is None else f"coparticipation {year}")
    for iri in sorted(set().union(*attendees.values()) if attendees else ()):
        _add_place(g, data, iri)
        g.nodes[iri]["conferences_attended"] = 0
    shared: dict[tuple[str, str], list[int]] = defaultdict(list)
    for meeting_iri in sorted(attendees, key=lambda i: meetings[i].number):
        members = sorted(attendees[meeting_iri])
        for iri in members:
            g.nodes[iri]["conferences_attended"] += 1
        for pair in combinations(members, 2):
            shared[pair].append(meetings[meeting_iri].number)
    for (u, v), numbers in sorted(shared.items()):
        g.add_edge(u, v, weight=len(numbers), conferences=numbers)
    return g


_PROJECTIONS: dict[str, Callable[[Graph | NetworkData, int | None], Any]] = {
    "twinning": twinning_network,
    "coparticipation": coparticipation_network,
    "bipartite": bipartite_network,
}


def project(source: Graph | NetworkData, name: str, year: int | None = None) -> Any:
    """The projection called ``name`` (one of :data:`GRAPHS`)."""
    try:
        builder = _PROJECTIONS[name]
    except KeyError:
        raise ValueError(f"unknown graph {name!r}; choose one of {', '.join(GRAPHS)}") from None
    return builder(source, year)


def years_of(source: Graph | NetworkData, name: str) -> list[int]:
    """The years in which the projection ``name`` changes (ties dated, conferences held)."""
    data = _data(source)
    if name == "twinning":
        years = {a.year for a in data.agreements}
        years |= {date_year(e.date) for a in data.agreements for e in a.statuses}
    else:
        years = {m.year for m in data.meetings.values()}
    return sorted(y for y in years if y is not None)


def snapshots(source: Graph | NetworkData, name: str, years: Iterable[int]) -> dict[int, Any]:
    """The projection ``name`` as of each of ``years``."""
    data = _data(source)
    return {year: project(data, name, year) for year in years}
