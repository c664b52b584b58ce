"""Stage 2: turn checked tables into an RDF graph, with the sources of every value.

Every node is an IRI from :mod:`kg.vocab.iris` (no blank nodes), so the graph and its
serialisations are deterministic. Each value triple is supported by the sources of the
cell it comes from (``citations.csv``, else the row's ``sources``); where those differ from
the sources its subject cites (a per-value citation, or a link derived from another row such
as ``rujp:twinnedWith``) or where a citation grades the value otherwise than its row, the
builder writes a ``rujp:CitedValue`` node naming them, with the value's own confidence
(``confidence`` in ``citations.csv``, else that of the row the value comes from).
Alongside the graph the builder returns where each node was curated (file and line) so that
validation reports can point curators at rows.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.errors import InputError, Problem
from kg.tables import LEVELS_MUNICIPAL, TABLES, Row, Tables
from kg.tables.citations import Citation, Citations, load_citations, value_sources
from kg.values import DATE_BOUNDS, UnknownFieldError, date_bounds, date_literal, property_of, term
from kg.vocab import codes, iris
from kg.vocab.namespaces import GEO, GEONAMES, RUJP, SCHEMA, WD

__all__ = ["GEONAMES", "BuiltGraph", "Origin", "build_graph", "new_graph"]

Term = URIRef | Literal
Triple = tuple[URIRef, URIRef, Term]


def _code_terms(code_list: codes.CodeList) -> dict[str, URIRef]:
    return {code: URIRef(term) for code, term in code_list.as_terms().items()}


_LEVEL = _code_terms(codes.LEVEL)
_COUNTRY = _code_terms(codes.COUNTRY)
_KIND = _code_terms(codes.KIND)
_STATUS = _code_terms(codes.STATUS)
_ROLE = _code_terms(codes.ROLE)
_POST = _code_terms(codes.POST)
_DOC = _code_terms(codes.DOCUMENT_KIND)
_CONFIDENCE = _code_terms(codes.CONFIDENCE)
#: Confidence grades from the weakest up, to keep the lowest one a value is given.
_RANK = {"low": 0, "medium": 1, "high": 2}
_SOURCE_KIND = _code_terms(codes.SOURCE_KIND)
_PUBLISHER_KIND = _code_terms(codes.PUBLISHER_KIND)


@dataclass(frozen=True, order=True)
class Origin:
    """Where a node was curated: the data file and the spreadsheet line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"data/{self.file}:{self.line}"


@dataclass
class BuiltGraph:
    """The graph and the origin of every curated node in it."""

    graph: Graph
    origins: dict[URIRef, Origin] = field(default_factory=dict)


def new_graph() -> Graph:
    """An empty graph with the project's prefixes bound."""
    g = Graph(bind_namespaces="core")
    g.bind("rujp", RUJP._NS)
    g.bind("place", Namespace(iris.ID_BASE + "place/"))
    g.bind("twinning", Namespace(iris.ID_BASE + "twinning/"))
    g.bind("series", Namespace(iris.ID_BASE + "series/"))
    g.bind("orgs", Namespace(iris.ID_BASE + "org/"))
    g.bind("person", Namespace(iris.ID_BASE + "person/"))
    g.bind("document", Namespace(iris.ID_BASE + "document/"))
    g.bind("source", Namespace(iris.ID_BASE + "source/"))
    g.bind("skos", SKOS)
    g.bind("dcterms", DCTERMS)
    g.bind("prov", PROV)
    g.bind("schema", SCHEMA)
    g.bind("geo", GEO)
    g.bind("wd", WD)
    g.bind("owl", OWL)
    return g


class _Builder:
    def __init__(self, tables: Tables, citations: Citations) -> None:
        self.tables = tables
        self.citations = citations
        self.g = new_graph()
        self.origins: dict[URIRef, Origin] = {}
        self.series_of_number: dict[str, str] = {
            r.get("number"): r.get("series") for r in tables.rows["meetings"]
        }
        self.row: Row | None = None
        #: value triple -> the ids of the sources that support it, and where it was curated
        self.support: dict[Triple, tuple[set[str], Origin]] = {}
        #: fact node -> the ids of the sources its own row cites
        self.own: dict[URIRef, frozenset[str]] = {}
        #: value triple -> its confidence (its citation's, else its row's); fact node -> its
        #: row's confidence. A value graded otherwise than its subject gets a cited value.
        self.graded: dict[Triple, str] = {}
        self.own_grade: dict[URIRef, str] = {}
        self.ended = _ended_ties(tables)

    def add(self, s: URIRef, p: URIRef, o: Term) -> None:
        """A triple that no source supports by itself (type, provenance, curation)."""
        self.g.add((s, p, o))

    def value(self, s: URIRef, p: URIRef, o: Term, *fields: str) -> None:
        """A value triple supported by the sources of ``fields`` of the current row."""
        assert self.row is not None
        row = self.row
        self.g.add((s, p, o))
        sources: set[str] = set()
        for name in fields:
            sources.update(value_sources(row, name, self.citations))
            self._grade((s, p, o), row, self.citations.get((row.table, row.key, name)))
        origin = self._origin(row, fields)
        entry = self.support.setdefault((s, p, o), (set(), origin))
        entry[0].update(sources)
        if p in DATE_BOUNDS and isinstance(o, Literal):
            earliest, latest = date_bounds(str(o))
            self.value(s, DATE_BOUNDS[p][0], Literal(earliest, datatype=XSD.date), *fields)
            self.value(s, DATE_BOUNDS[p][1], Literal(latest, datatype=XSD.date), *fields)

    def _grade(self, triple: Triple, row: Row, cited: Citation | None) -> None:
        """Keep the lowest confidence the value is given: its citation's, else its row's."""
        grade = cited.confidence if cited is not None and cited.confidence else ""
        grade = grade or row.get("confidence")
        known = self.graded.get(triple)
        if known is None or _RANK[grade] < _RANK[known]:
            self.graded[triple] = grade

    def _origin(self, row: Row, fields: tuple[str, ...]) -> Origin:
        for name in fields:
            cited = self.citations.get((row.table, row.key, name))
            if cited is not None:
                return Origin("citations.csv", cited.line)
        return Origin(row.file, row.line)

    def cell(self, s: URIRef, name: str) -> None:
        """The value of column ``name`` of the current row, if filled in."""
        assert self.row is not None
        text = self.row.get(name)
        if text:
            table = self.row.table
            self.value(s, property_of(table, name), term(table, name, text), name)

    def fact(self, node: URIRef, cls: URIRef, row: Row) -> None:
        """Type, provenance, confidence, note and origin shared by every fact node."""
        self.add(node, RDF.type, cls)
        for source_id in row.list("sources"):
            self.add(node, PROV.wasDerivedFrom, URIRef(iris.source(source_id)))
        self.own[node] = frozenset(row.list("sources"))
        self.own_grade[node] = row.get("confidence")
        self.add(node, RUJP.confidence, _CONFIDENCE[row.get("confidence")])
        if row.get("note"):
            self.add(node, RDFS.comment, Literal(row.get("note"), lang="en"))
        self.add(node, RUJP.curatedIn, Literal(row.file))
        self.origins[node] = Origin(row.file, row.line)

    def labels(self, node: URIRef) -> None:
        for lang in ("en", "ru", "ja"):
            self.cell(node, f"label_{lang}")
        assert self.row is not None
        for item in self.row.list("alt_labels"):
            text, _, lang = item.rpartition("@")
            self.value(node, SKOS.altLabel, Literal(text.strip(), lang=lang), "alt_labels")

    def cited_values(self) -> None:
        """One ``rujp:CitedValue`` per value whose sources or confidence are not its
        subject's own; each carries the value's own ``rujp:confidence`` (its citation's,
        else that of the row it comes from), so a node never depends on another row's."""
        for (s, p, o), (sources, origin) in sorted(self.support.items()):
            grade = self.graded[(s, p, o)]
            if self.own.get(s) == frozenset(sources) and grade == self.own_grade.get(s):
                continue
            digest = hashlib.sha256(o.n3().encode("utf-8")).hexdigest()[:12]
            node = URIRef(iris.cited_value(str(s), _local(p), digest))
            self.add(node, RDF.type, RUJP.CitedValue)
            self.add(node, RUJP.citedSubject, s)
            self.add(node, RUJP.citedProperty, p)
            self.add(node, RUJP.citedValue, o)
            for source_id in sorted(sources):
                self.add(node, PROV.wasDerivedFrom, URIRef(iris.source(source_id)))
            self.add(node, RUJP.confidence, _CONFIDENCE[grade])
            self.origins[node] = origin

    def node_of(self, table: str, row: Row) -> str:
        """The IRI of the node a row of ``table`` produces."""
        get = row.get
        if table == "sources":
            return iris.source(get("id"))
        if table == "municipalities":
            return iris.place(get("id"))
        if table == "twinnings":
            return iris.agreement(get("id"))
        if table == "twinning_status":
            return iris.status_change(get("agreement"), get("date"), get("status"))
        if table == "series":
            return iris.series(get("id"))
        if table == "meetings":
            return iris.meeting(get("series"), get("number"))
        if table == "participations":
            number = get("meeting")
            return iris.participation(self.series_of_number[number], number, get("municipality"))
        if table == "organisations":
            return iris.organisation(get("id"))
        if table == "memberships":
            return iris.membership(get("organisation"), get("municipality"), get("from"))
        if table == "people":
            return iris.person(get("id"))
        if table == "posts":
            return iris.post(get("person"), get("post"), get("of"), get("from"), get("as_of"))
        if table == "documents":
            return iris.document(get("id"))
        if table == "visits":
            return iris.visit(get("id"))
        raise KeyError(table)

    # -- one method per table -------------------------------------------------

    def sources(self, row: Row) -> None:
        node = URIRef(iris.source(row.get("id")))
        self.add(node, RDF.type, RUJP.Source)
        self.add(node, SCHEMA.url, URIRef(row.get("url")))
        if row.get("title"):
            self.add(node, DCTERMS.title, Literal(row.get("title"), lang=row.get("language")))
        self.add(node, DCTERMS.publisher, Literal(row.get("publisher")))
        if row.get("published"):
            self.add(node, DCTERMS.issued, date_literal(row.get("published")))
        self.add(node, RUJP.accessed, Literal(row.get("accessed"), datatype=XSD.date))
        self.add(node, DCTERMS.language, Literal(row.get("language")))
        self.add(node, RUJP.sourceKind, _SOURCE_KIND[row.get("kind")])
        if row.get("publisher_kind"):
            self.add(node, RUJP.publisherKind, _PUBLISHER_KIND[row.get("publisher_kind")])
        if row.get("note"):
            self.add(node, RDFS.comment, Literal(row.get("note"), lang="en"))
        self.add(node, RUJP.curatedIn, Literal(row.file))
        self.origins[node] = Origin(row.file, row.line)

    def municipalities(self, row: Row) -> None:
        node = URIRef(iris.place(row.get("id")))
        level = row.get("level")
        cls = RUJP.Municipality if level in LEVELS_MUNICIPAL else RUJP.RegionalGovernment
        self.fact(node, cls, row)
        for name in ("level", "country", "region"):
            self.cell(node, name)
        self.labels(node)
        for name in ("lat", "lon", "wikidata", "geonames", "jis_code", "oktmo"):
            self.cell(node, name)
        # Close matches, not owl:sameAs: a GeoNames feature is a populated place, not the
        # government; a Wikidata item may be drawn wider or narrower than the node.
        if row.get("wikidata"):
            self.value(node, SKOS.closeMatch, WD[row.get("wikidata")], "wikidata")
        if row.get("geonames"):
            self.value(node, SKOS.closeMatch, GEONAMES[row.get("geonames") + "/"], "geonames")

    def twinnings(self, row: Row) -> None:
        node = URIRef(iris.agreement(row.get("id")))
        self.fact(node, RUJP.TwinningAgreement, row)
        japan = URIRef(iris.place(row.get("japan")))
        russia = URIRef(iris.place(row.get("russia")))
        self.cell(node, "japan")
        self.cell(node, "russia")
        # Derived, never curated: the generic party links and the symmetric direct ties,
        # cited by the agreement's own sources.
        self.value(node, RUJP.party, japan, "japan")
        self.value(node, RUJP.party, russia, "russia")
        links = [RUJP.partnerOf]
        if row.get("kind") in ("sister", "friendship") and row.get("id") not in self.ended:
            links.append(RUJP.twinnedWith)
        for link in links:
            self.value(japan, link, russia, "japan", "russia", "kind")
            self.value(russia, link, japan, "japan", "russia", "kind")
        for name in ("kind", "kind_local", "established", "document"):
            self.cell(node, name)
        label = self._agreement_label(row)
        if label:
            self.value(node, RDFS.label, Literal(label, lang="en"), "japan", "russia", "kind")

    def _agreement_label(self, row: Row) -> str:
        places = self.tables.by_key("municipalities")
        japan, russia = places.get(row.get("japan")), places.get(row.get("russia"))
        if japan is None or russia is None:
            return ""
        return f"{japan.get('label_en')} – {russia.get('label_en')} ({row.get('kind')})"

    def twinning_status(self, row: Row) -> None:
        node = URIRef(iris.status_change(row.get("agreement"), row.get("date"), row.get("status")))
        self.fact(node, RUJP.StatusChange, row)
        agreement = URIRef(iris.agreement(row.get("agreement")))
        self.value(agreement, RUJP.statusChange, node, "agreement")
        for name in ("status", "date", "predecessor"):
            self.cell(node, name)

    def series(self, row: Row) -> None:
        node = URIRef(iris.series(row.get("id")))
        self.fact(node, RUJP.MeetingSeries, row)
        self.labels(node)
        self.cell(node, "first_year")
        self.cell(node, "frequency")
        for org in row.list("organisers"):
            self.value(node, RUJP.organiser, URIRef(iris.organisation(org)), "organisers")

    def meetings(self, row: Row) -> None:
        series, number = row.get("series"), row.get("number")
        node = URIRef(iris.meeting(series, number))
        self.fact(node, RUJP.Meeting, row)
        self.value(node, RUJP.inSeries, URIRef(iris.series(series)), "series")
        self.value(node, RUJP.number, Literal(number, datatype=XSD.positiveInteger), "number")
        for name in ("start", "end", "host", "venue", "count_jp", "count_ru"):
            self.cell(node, name)
        label = Literal(f"Coastal Mayors' Conference no. {number}", lang="en")
        self.value(node, RDFS.label, label, "number")

    def participations(self, row: Row) -> None:
        number = row.get("meeting")
        series = self.series_of_number[number]
        node = URIRef(iris.participation(series, number, row.get("municipality")))
        self.fact(node, RUJP.Participation, row)
        self.value(node, RUJP.meeting, URIRef(iris.meeting(series, number)), "meeting")
        for name in ("municipality", "person", "role"):
            self.cell(node, name)

    def organisations(self, row: Row) -> None:
        node = URIRef(iris.organisation(row.get("id")))
        self.fact(node, RUJP.Organisation, row)
        self.labels(node)
        for name in ("country", "seat", "founded"):
            self.cell(node, name)

    def memberships(self, row: Row) -> None:
        org, member = row.get("organisation"), row.get("municipality")
        node = URIRef(iris.membership(org, member, row.get("from")))
        self.fact(node, RUJP.Membership, row)
        self.value(node, RUJP.organisation, URIRef(iris.organisation(org)), "organisation")
        self.value(node, RUJP.member, URIRef(iris.place(member)), "municipality")
        for name in ("from", "to", "as_of"):
            self.cell(node, name)

    def people(self, row: Row) -> None:
        node = URIRef(iris.person(row.get("id")))
        self.fact(node, RUJP.Person, row)
        self.labels(node)
        self.cell(node, "wikidata")
        if row.get("wikidata"):
            self.value(node, SKOS.closeMatch, WD[row.get("wikidata")], "wikidata")

    def posts(self, row: Row) -> None:
        of = row.get("of")
        node = URIRef(
            iris.post(row.get("person"), row.get("post"), of, row.get("from"), row.get("as_of"))
        )
        self.fact(node, RUJP.PostHolding, row)
        self.value(node, RUJP.holder, URIRef(iris.person(row.get("person"))), "person")
        self.cell(node, "post")
        org_ids = self.tables.ids("organisations")
        target = iris.organisation(of) if of in org_ids else iris.place(of)
        self.value(node, RUJP.postIn, URIRef(target), "of")
        for name in ("from", "to", "as_of"):
            self.cell(node, name)

    def documents(self, row: Row) -> None:
        node = URIRef(iris.document(row.get("id")))
        self.fact(node, RUJP.Document, row)
        self.labels(node)
        self.cell(node, "kind")
        self.cell(node, "date")
        org_ids = self.tables.ids("organisations")
        for party in row.list("parties"):
            if party in _COUNTRY:
                target = _COUNTRY[party]
            elif party in org_ids:
                target = URIRef(iris.organisation(party))
            else:
                target = URIRef(iris.place(party))
            self.value(node, RUJP.documentParty, target, "parties")

    def claims(self, row: Row) -> None:
        table, key, fld, value = (
            row.get("table"),
            row.get("key"),
            row.get("field"),
            row.get("value"),
        )
        try:
            prop, claimed = property_of(table, fld), term(table, fld, value)
        except UnknownFieldError:
            raise InputError(
                [
                    Problem(
                        row.file,
                        row.line,
                        "field",
                        f"column {fld!r} of {table}.csv stands for no property of the graph",
                        "claim a value of a column that holds a fact (a date, kind, host, ...)",
                    )
                ]
            ) from None
        node = URIRef(iris.claim(table, key, fld, value))
        self.fact(node, RUJP.Claim, row)
        about = self.node_of(table, self.tables.by_key(table)[key])
        self.add(node, RUJP.claimAbout, URIRef(about))
        self.add(node, RUJP.claimProperty, prop)
        self.add(node, RUJP.claimValue, claimed)

    def visits(self, row: Row) -> None:
        node = URIRef(iris.visit(row.get("id")))
        self.fact(node, RUJP.Visit, row)
        for name in ("from", "to", "start", "end", "purpose"):
            self.cell(node, name)
        for person in row.list("people"):
            self.value(node, RUJP.ledBy, URIRef(iris.person(person)), "people")
        places = self.tables.by_key("municipalities")
        names = [places[row.get(c)].get("label_en") for c in ("from", "to") if row.get(c) in places]
        when = f", {row.get('start')}" if row.get("start") else ""
        label = Literal(f"Delegation visit: {' to '.join(names)}{when}", lang="en")
        self.value(node, RDFS.label, label, "from", "to", "start")


def _local(prop: URIRef) -> str:
    text = str(prop)
    return text[max(text.rfind("#"), text.rfind("/")) + 1 :]


def _ended_ties(tables: Tables) -> frozenset[str]:
    """Agreements whose latest change of state (suspended, ended, resumed, reaffirmed) is an end."""
    latest: dict[str, tuple[tuple[str, str], str]] = {}
    for row in tables.rows.get("twinning_status", []):
        if row.get("status") not in codes.STATUS_STATES or not row.get("date"):
            continue
        when = date_bounds(row.get("date"))
        agreement = row.get("agreement")
        if agreement not in latest or when >= latest[agreement][0]:
            latest[agreement] = (when, row.get("status"))
    return frozenset(a for a, (_, status) in latest.items() if status == "ended")


def build_graph(tables: Tables) -> BuiltGraph:
    """Build the RDF graph of all curated tables, with ``citations.csv`` beside them.

    >>> from kg.paths import data_dir
    >>> from kg.tables import load_tables
    >>> built = build_graph(load_tables(data_dir()))
    >>> len(built.graph) > 0
    True
    """
    builder = _Builder(tables, load_citations(tables))
    for name in TABLES:  # citations are read above, not built as rows
        method = getattr(builder, name)
        for row in tables.rows.get(name, []):
            builder.row = row
            method(row)
    builder.row = None
    builder.cited_values()
    return BuiltGraph(builder.g, builder.origins)
