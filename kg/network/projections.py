"""Network projections: from the RDF graph to NetworkX graphs.

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

Node ids are the IRIs; every attribute is a plain Python value (``str``, ``int``, ``float``
or a ``list`` of ``str``/``int``). An unknown value is an absent attribute, never ``None``.

>>> from kg.paths import data_dir, ontology_dir
>>> from kg.pipeline import check
>>> g = twinning_network(check(data_dir(), ontology_dir()).built.graph)
>>> g.nodes["https://w3id.org/rujp/id/place/jp-niigata"]["label_en"]
'Niigata'
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx  # type: ignore[import-untyped, unused-ignore]
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.vocab.namespaces import GEO, RUJP, SCHEMA

__all__ = [
    "EXPORT_FORMATS",
    "GRAPHS",
    "LANGS",
    "Agreement",
    "Meeting",
    "NetworkData",
    "Participation",
    "Place",
    "StatusEvent",
    "bipartite_network",
    "coparticipation_network",
    "export_bytes",
    "extract",
    "flatten",
    "label",
    "load_rdf",
    "project",
    "snapshots",
    "status_as_of",
    "twinning_network",
    "years_of",
]

#: The projections, by the name the CLI uses.
GRAPHS = ("twinning", "coparticipation", "bipartite")
#: Label languages.
LANGS = ("en", "ru", "ja")

_PLACE_PREFIX = "https://w3id.org/rujp/id/place/"
_COUNTRY = {str(RUJP.Japan): "JP", str(RUJP.Russia): "RU"}
_BIPARTITE = {"RU": 0, "JP": 1}


def _snake(local: str, prefix: str) -> str:
    """``LevelFederalCity`` -> ``federal_city`` (the code used in the tables)."""
    name = local.removeprefix(prefix)
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


def _local(term: object) -> str:
    return str(term).rsplit("#", 1)[-1]


def _year(date: str) -> int | None:
    return int(date[:4]) if len(date) >= 4 and date[:4].isdigit() else None


@dataclass(frozen=True)
class Place:
    """A local government as the projections see it."""

    iri: str
    attrs: Mapping[str, Any]


@dataclass(frozen=True)
class StatusEvent:
    date: str
    status: str


@dataclass(frozen=True)
class Agreement:
    """A twinning agreement: its parties, kind, date, status history and sources."""

    iri: str
    japan: str
    russia: str
    kind: str
    established: str = ""
    kind_local: str = ""
    label_en: str = ""
    confidence: str = ""
    sources: tuple[str, ...] = ()
    statuses: tuple[StatusEvent, ...] = ()

    @property
    def year(self) -> int | None:
        return _year(self.established)


@dataclass(frozen=True)
class Meeting:
    """A conference of a meeting series."""

    iri: str
    number: int
    start: str = ""
    end: str = ""
    host: str = ""
    series: str = ""
    label_en: str = ""

    @property
    def year(self) -> int | None:
        return _year(self.start)


@dataclass(frozen=True)
class Participation:
    """One municipality taking part in one conference."""

    iri: str
    meeting: str
    participant: str
    role: str = ""
    person: str = ""
    confidence: str = ""
    sources: tuple[str, ...] = ()


@dataclass
class NetworkData:
    """The facts the projections need, read once from the RDF graph."""

    places: dict[str, Place] = field(default_factory=dict)
    agreements: list[Agreement] = field(default_factory=list)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    participations: list[Participation] = field(default_factory=list)
    #: title, publisher, url and date of every source an agreement or participation cites
    sources: dict[str, dict[str, str]] = field(default_factory=dict)


def _str(graph: Graph, s: URIRef, p: URIRef) -> str:
    values = sorted(str(o) for o in graph.objects(s, p))
    return values[0] if values else ""


def _place_attrs(graph: Graph, node: URIRef) -> dict[str, Any]:
    iri = str(node)
    attrs: dict[str, Any] = {}
    attrs["data_key"] = iri.removeprefix(_PLACE_PREFIX)
    labels: dict[str, list[str]] = defaultdict(list)
    for lit in graph.objects(node, RDFS.label):
        if isinstance(lit, Literal) and lit.language in LANGS:
            labels[lit.language].append(str(lit))
    for lang in LANGS:
        if labels[lang]:
            attrs[f"label_{lang}"] = sorted(labels[lang])[0]
    country = _COUNTRY.get(_str(graph, node, RUJP.country), "")
    if country:
        attrs["country"] = country
        attrs["bipartite"] = _BIPARTITE[country]
    level = _str(graph, node, RUJP.level)
    if level:
        attrs["level"] = _snake(_local(level), "Level")
    is_region = (node, RDF.type, RUJP.RegionalGovernment) in graph
    attrs["government"] = "regional" if is_region else "municipal"
    region = _str(graph, node, RUJP.region)
    if region:
        attrs["region"] = region
    for prop, name in ((GEO.lat, "lat"), (GEO.long, "lon")):
        value = _str(graph, node, prop)
        if value:
            attrs[name] = float(value)
    return attrs


def extract(graph: Graph) -> NetworkData:
    """Read local governments, agreements, conferences and participations from ``graph``."""
    data = NetworkData()
    places = set(graph.subjects(RDF.type, RUJP.Municipality))
    places |= set(graph.subjects(RDF.type, RUJP.RegionalGovernment))
    for node in sorted(places, key=str):
        if isinstance(node, URIRef):
            data.places[str(node)] = Place(str(node), _place_attrs(graph, node))
    for node in sorted(graph.subjects(RDF.type, RUJP.TwinningAgreement), key=str):
        if not isinstance(node, URIRef):
            continue
        statuses = []
        for change in graph.objects(node, RUJP.statusChange):
            if isinstance(change, URIRef):
                status = _snake(_local(_str(graph, change, RUJP.status)), "Status")
                statuses.append(StatusEvent(_str(graph, change, RUJP.date), status))
        en = [str(x) for x in graph.objects(node, RDFS.label) if getattr(x, "language", "") == "en"]
        data.agreements.append(
            Agreement(
                iri=str(node),
                japan=_str(graph, node, RUJP.japaneseParty),
                russia=_str(graph, node, RUJP.russianParty),
                kind=_snake(_local(_str(graph, node, RUJP.agreementKind)), "Kind"),
                established=_str(graph, node, RUJP.established),
                kind_local=_str(graph, node, RUJP.kindLocal),
                label_en=sorted(en)[0] if en else "",
                confidence=_snake(_local(_str(graph, node, RUJP.confidence)), "Confidence"),
                sources=tuple(sorted(str(s) for s in graph.objects(node, PROV.wasDerivedFrom))),
                statuses=tuple(sorted(statuses, key=lambda e: (e.date, e.status))),
            )
        )
    for node in sorted(graph.subjects(RDF.type, RUJP.Meeting), key=str):
        if not isinstance(node, URIRef):
            continue
        number = _str(graph, node, RUJP.number)
        data.meetings[str(node)] = Meeting(
            iri=str(node),
            number=int(number) if number.isdigit() else 0,
            start=_str(graph, node, RUJP.startDate),
            end=_str(graph, node, RUJP.endDate),
            host=_str(graph, node, RUJP.host),
            series=_str(graph, node, RUJP.inSeries),
            label_en=_str(graph, node, RDFS.label),
        )
    for node in sorted(graph.subjects(RDF.type, RUJP.Participation), key=str):
        if not isinstance(node, URIRef):
            continue
        role = _str(graph, node, RUJP.role)
        data.participations.append(
            Participation(
                iri=str(node),
                meeting=_str(graph, node, RUJP.meeting),
                participant=_str(graph, node, RUJP.participant),
                role=_snake(_local(role), "Role") if role else "",
                person=_str(graph, node, RUJP.representedBy),
                confidence=_snake(_local(_str(graph, node, RUJP.confidence)), "Confidence"),
                sources=tuple(sorted(str(s) for s in graph.objects(node, PROV.wasDerivedFrom))),
            )
        )
    cited = {s for a in data.agreements for s in a.sources}
    cited |= {s for p in data.participations for s in p.sources}
    for iri in sorted(cited):
        node = URIRef(iri)
        data.sources[iri] = {
            "title": _str(graph, node, DCTERMS.title),
            "publisher": _str(graph, node, DCTERMS.publisher),
            "url": _str(graph, node, SCHEMA.url),
            "published": _str(graph, node, DCTERMS.issued),
        }
    return data


def status_as_of(agreement: Agreement, year: int | None = None) -> StatusEvent | None:
    """The latest status change (up to ``year``, if given); ``None`` when there is none.

    Dates of mixed precision compare as ISO strings, so a change dated ``2022`` sorts before
    one dated ``2022-03-03``; same dates are ordered by status name.
    """
    events = [e for e in agreement.statuses if year is None or (_year(e.date) or 0) <= year]
    return events[-1] if events else None


def _data(source: Graph | NetworkData) -> NetworkData:
    return source if isinstance(source, NetworkData) else extract(source)


def _add_place(g: Any, data: NetworkData, iri: str) -> None:
    place = data.places.get(iri)
    attrs = dict(place.attrs) if place else {"data_key": iri.removeprefix(_PLACE_PREFIX)}
    g.add_node(iri, node_type="place", **attrs)


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
            if event is not None and event.status == "ended":
                continue
        chosen.append((agreement, event))
    for iri in sorted({p for a, _ in chosen for p in (a.japan, a.russia)}):
        _add_place(g, data, iri)
    for agreement, event in chosen:
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
        g.add_edge(agreement.japan, agreement.russia, key=agreement.iri, **attrs)
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


_PROJECTIONS = {
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
        years |= {_year(e.date) for a in data.agreements for e in a.statuses}
    else:
        years = {m.year for m in data.meetings.values()}
    return sorted(y for y in years if y is not None)


def snapshots(source: Graph | NetworkData, name: str, years: Iterable[int]) -> dict[int, Any]:
    """The projection ``name`` as of each of ``years``."""
    data = _data(source)
    return {year: project(data, name, year) for year in years}


def label(attrs: Mapping[str, Any], lang: str = "en") -> str:
    """A node's label in ``lang``, falling back to English and then to its key."""
    for name in (f"label_{lang}", "label_en", "data_key"):
        value = attrs.get(name)
        if value:
            return str(value)
    return ""


def load_rdf(path: Path) -> Graph:
    """Parse a built graph file (N-Triples ``.nt`` or Turtle ``.ttl``)."""
    fmt = "nt" if path.suffix == ".nt" else "turtle"
    return Graph().parse(path, format=fmt)


# -- exports --------------------------------------------------------------------------

#: Export formats: GraphML, GEXF (Gephi), node-link JSON and a CSV edge list.
EXPORT_FORMATS = ("graphml", "gexf", "json", "csv")


def _flat_value(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    return value


def flatten(g: Any) -> Any:
    """A copy of ``g`` whose list attributes are ``;``-joined strings (GraphML, GEXF and CSV
    hold scalars only)."""
    out = g.__class__()
    out.graph.update({k: _flat_value(v) for k, v in g.graph.items()})
    for node, attrs in g.nodes(data=True):
        out.add_node(node, **{k: _flat_value(v) for k, v in attrs.items()})
    if g.is_multigraph():
        for u, v, key, attrs in g.edges(keys=True, data=True):
            out.add_edge(u, v, key=key, **{k: _flat_value(x) for k, x in attrs.items()})
    else:
        for u, v, attrs in g.edges(data=True):
            out.add_edge(u, v, **{k: _flat_value(x) for k, x in attrs.items()})
    return out


def _edge_rows(g: Any) -> tuple[list[str], list[dict[str, Any]]]:
    rows: list[dict[str, Any]] = []
    names: set[str] = set()
    if g.is_multigraph():
        edges = [(u, v, k, d) for u, v, k, d in g.edges(keys=True, data=True)]
    else:
        edges = [(u, v, None, d) for u, v, d in g.edges(data=True)]
    for u, v, key, attrs in edges:
        row: dict[str, Any] = {"source": u, "target": v}
        if key is not None:
            row["key"] = key
        row.update({k: _flat_value(x) for k, x in attrs.items()})
        names |= set(attrs)
        rows.append(row)
    head = ["source", "target"] + (["key"] if g.is_multigraph() else [])
    return head + sorted(names - set(head)), rows


def export_bytes(g: Any, fmt: str) -> bytes:
    """Serialise ``g`` as ``graphml``, ``gexf``, ``json`` (node-link) or ``csv`` (one row per
    edge: ``source``, ``target``, [``key``,] attributes). Deterministic for a given graph."""
    import csv
    import io
    import json

    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(flatten(g))).encode("utf-8") + b"\n"
    if fmt == "gexf":
        flat = flatten(g)
        for _, attrs in flat.nodes(data=True):  # Gephi shows ``label``
            attrs["label"] = attrs.get("label_en", attrs.get("data_key", ""))
        if flat.is_multigraph():  # the edge id is the agreement IRI
            for _, _, key, attrs in flat.edges(keys=True, data=True):
                attrs["id"] = key
        text = "\n".join(nx.generate_gexf(flat))
        # the writer stamps today's date; a fixed file is better for diffs and rebuilds
        text = re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)
        return text.encode("utf-8") + b"\n"
    if fmt == "json":
        data = nx.node_link_data(g, edges="edges")
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    if fmt == "csv":
        columns, rows = _edge_rows(g)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue().encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
