"""The network facts, read once from the RDF graph: places, agreements, conferences, participations.

:func:`extract` walks the built graph and returns a :class:`NetworkData` of plain Python
values (:class:`Place`, :class:`Agreement` with its :class:`StatusEvent` history,
:class:`Meeting`, :class:`Participation` and the sources they cite) that the projections of
:mod:`kg.network.projections` turn into NetworkX graphs. Codes (kind, status, level, role,
confidence, country) are the notations of :mod:`kg.vocab.codes`, place keys come from the
IRI scheme of :mod:`kg.vocab.iris`; a term outside its code list reads as unknown (``""``).
:func:`load_rdf` parses a built graph file, :func:`status_as_of` gives an agreement's status
in a year and :func:`label` a node's label in a language.

>>> from kg.paths import data_dir, ontology_dir
>>> from kg.pipeline import check
>>> data = extract(check(data_dir(), ontology_dir()).built.graph)
>>> data.places["https://w3id.org/rujp/id/place/jp-niigata"].attrs["country"]
'JP'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.vocab import codes, iris
from kg.vocab.namespaces import GEO, RUJP, SCHEMA

__all__ = [
    "LANGS",
    "Agreement",
    "Meeting",
    "NetworkData",
    "Participation",
    "Place",
    "StatusEvent",
    "date_year",
    "extract",
    "label",
    "load_rdf",
    "place_key",
    "status_as_of",
]

#: Label languages.
LANGS = ("en", "ru", "ja")

_PLACE_PREFIX = iris.place("")
#: NetworkX's bipartite convention: Russia is side 0, Japan side 1 (by country code).
_BIPARTITE = {codes.COUNTRY.code(str(RUJP.Russia)): 0, codes.COUNTRY.code(str(RUJP.Japan)): 1}


def place_key(iri: str) -> str:
    """The table key of a place IRI: what follows the place base of :mod:`kg.vocab.iris`.

    >>> place_key(iris.place("jp-niigata"))
    'jp-niigata'
    """
    return iri.removeprefix(_PLACE_PREFIX)


def date_year(date: str) -> int | None:
    """The year of an ISO date of any precision (``"2022-03"`` -> 2022), else ``None``."""
    return int(date[:4]) if len(date) >= 4 and date[:4].isdigit() else None


@dataclass(frozen=True)
class Place:
    """A local government as the projections see it."""

    iri: str
    attrs: Mapping[str, Any]


@dataclass(frozen=True)
class StatusEvent:
    """A status change of an agreement: its date and status code."""

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
        return date_year(self.established)


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
        return date_year(self.start)


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


def _code(code_list: codes.CodeList, graph: Graph, s: URIRef, p: URIRef) -> str:
    """The code of the term ``s p`` points at; ``""`` when absent or not in the list."""
    term = _str(graph, s, p)
    try:
        return code_list.code(term) if term else ""
    except KeyError:
        return ""


def _sources(graph: Graph, node: URIRef) -> tuple[str, ...]:
    return tuple(sorted(str(s) for s in graph.objects(node, PROV.wasDerivedFrom)))


def _place_attrs(graph: Graph, node: URIRef) -> dict[str, Any]:
    iri = str(node)
    attrs: dict[str, Any] = {}
    attrs["data_key"] = place_key(iri)
    labels: dict[str, list[str]] = defaultdict(list)
    for lit in graph.objects(node, RDFS.label):
        if isinstance(lit, Literal) and lit.language in LANGS:
            labels[lit.language].append(str(lit))
    for lang in LANGS:
        if labels[lang]:
            attrs[f"label_{lang}"] = sorted(labels[lang])[0]
    country = _code(codes.COUNTRY, graph, node, RUJP.country)
    if country:
        attrs["country"] = country
        attrs["bipartite"] = _BIPARTITE[country]
    level = _code(codes.LEVEL, graph, node, RUJP.level)
    if level:
        attrs["level"] = level
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


def _agreement(graph: Graph, node: URIRef) -> Agreement:
    statuses = []
    for change in graph.objects(node, RUJP.statusChange):
        if isinstance(change, URIRef):
            status = _code(codes.STATUS, graph, change, RUJP.status)
            statuses.append(StatusEvent(_str(graph, change, RUJP.date), status))
    en = [str(x) for x in graph.objects(node, RDFS.label) if getattr(x, "language", "") == "en"]
    return Agreement(
        iri=str(node),
        japan=_str(graph, node, RUJP.japaneseParty),
        russia=_str(graph, node, RUJP.russianParty),
        kind=_code(codes.KIND, graph, node, RUJP.agreementKind),
        established=_str(graph, node, RUJP.established),
        kind_local=_str(graph, node, RUJP.kindLocal),
        label_en=sorted(en)[0] if en else "",
        confidence=_code(codes.CONFIDENCE, graph, node, RUJP.confidence),
        sources=_sources(graph, node),
        statuses=tuple(sorted(statuses, key=lambda e: (e.date, e.status))),
    )


def _meeting(graph: Graph, node: URIRef) -> Meeting:
    number = _str(graph, node, RUJP.number)
    return Meeting(
        iri=str(node),
        number=int(number) if number.isdigit() else 0,
        start=_str(graph, node, RUJP.startDate),
        end=_str(graph, node, RUJP.endDate),
        host=_str(graph, node, RUJP.host),
        series=_str(graph, node, RUJP.inSeries),
        label_en=_str(graph, node, RDFS.label),
    )


def _participation(graph: Graph, node: URIRef) -> Participation:
    return Participation(
        iri=str(node),
        meeting=_str(graph, node, RUJP.meeting),
        participant=_str(graph, node, RUJP.participant),
        role=_code(codes.ROLE, graph, node, RUJP.role),
        person=_str(graph, node, RUJP.representedBy),
        confidence=_code(codes.CONFIDENCE, graph, node, RUJP.confidence),
        sources=_sources(graph, node),
    )


def _instances(graph: Graph, cls: URIRef) -> list[URIRef]:
    return sorted((n for n in graph.subjects(RDF.type, cls) if isinstance(n, URIRef)), key=str)


def extract(graph: Graph) -> NetworkData:
    """Read local governments, agreements, conferences and participations from ``graph``."""
    data = NetworkData()
    places = set(_instances(graph, RUJP.Municipality))
    places |= set(_instances(graph, RUJP.RegionalGovernment))
    for node in sorted(places, key=str):
        data.places[str(node)] = Place(str(node), _place_attrs(graph, node))
    data.agreements = [
        _agreement(graph, node) for node in _instances(graph, RUJP.TwinningAgreement)
    ]
    for node in _instances(graph, RUJP.Meeting):
        data.meetings[str(node)] = _meeting(graph, node)
    data.participations = [
        _participation(graph, node) for node in _instances(graph, RUJP.Participation)
    ]
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

    >>> a = Agreement("a", "j", "r", "sister", statuses=(StatusEvent("2022", "suspended"),))
    >>> status_as_of(a), status_as_of(a, 2021)
    (StatusEvent(date='2022', status='suspended'), None)
    """
    events = [e for e in agreement.statuses if year is None or (date_year(e.date) or 0) <= year]
    return events[-1] if events else None


def label(attrs: Mapping[str, Any], lang: str = "en") -> str:
    """A node's label in ``lang``, falling back to English and then to its key.

    >>> label({"label_en": "Niigata", "data_key": "jp-niigata"}, "ru")
    'Niigata'
    """
    for name in (f"label_{lang}", "label_en", "data_key"):
        value = attrs.get(name)
        if value:
            return str(value)
    return ""


def load_rdf(path: Path) -> Graph:
    """Parse a built graph file (N-Triples ``.nt`` or Turtle ``.ttl``)."""
    fmt = "nt" if path.suffix == ".nt" else "turtle"
    return Graph().parse(path, format=fmt)
