"""Stage 2: turn checked tables into an RDF graph.

Every node is an IRI from :mod:`kg.vocab.iris` (no blank nodes), so the graph and its
serialisations are deterministic. Alongside the graph the builder returns where each
node was curated (file and line) so that validation reports can point curators at rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.tables import LEVELS_MUNICIPAL, Row, Tables, parse_date
from kg.vocab import codes, iris
from kg.vocab.namespaces import GEO, GEONAMES, RUJP, SCHEMA, WD

__all__ = ["BuiltGraph", "Origin", "build_graph", "canonical_decimal", "date_literal", "new_graph"]


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
_SOURCE_KIND = _code_terms(codes.SOURCE_KIND)

#: For claims.csv: which property a disputed column stands for.
FIELD_PROPERTY: dict[tuple[str, str], URIRef] = {
    ("twinnings", "established"): RUJP.established,
    ("twinnings", "kind"): RUJP.agreementKind,
    ("twinnings", "kind_local"): RUJP.kindLocal,
    ("twinnings", "japan"): RUJP.japaneseParty,
    ("twinnings", "russia"): RUJP.russianParty,
    ("twinning_status", "date"): RUJP.date,
    ("meetings", "start"): RUJP.startDate,
    ("meetings", "end"): RUJP.endDate,
    ("meetings", "host"): RUJP.host,
    ("meetings", "venue"): RUJP.venue,
    ("meetings", "count_jp"): RUJP.reportedJapaneseCount,
    ("meetings", "count_ru"): RUJP.reportedRussianCount,
    ("participations", "person"): RUJP.representedBy,
    ("participations", "role"): RUJP.role,
    ("organisations", "founded"): RUJP.founded,
    ("organisations", "seat"): RUJP.seat,
    ("memberships", "from"): RUJP.startDate,
    ("memberships", "to"): RUJP.endDate,
    ("posts", "from"): RUJP.startDate,
    ("posts", "to"): RUJP.endDate,
    ("documents", "date"): RUJP.date,
    ("series", "first_year"): RUJP.firstYear,
    ("municipalities", "lat"): GEO.lat,
    ("municipalities", "lon"): GEO.long,
    ("municipalities", "region"): RUJP.region,
    ("municipalities", "level"): RUJP.level,
    ("municipalities", "label_en"): RDFS.label,
    ("municipalities", "label_ru"): RDFS.label,
    ("municipalities", "label_ja"): RDFS.label,
    ("municipalities", "wikidata"): RUJP.wikidataId,
    ("municipalities", "geonames"): RUJP.geonamesId,
    ("municipalities", "jis_code"): RUJP.jisCode,
    ("municipalities", "oktmo"): RUJP.oktmoCode,
    ("people", "label_en"): RDFS.label,
    ("people", "label_ru"): RDFS.label,
    ("people", "label_ja"): RDFS.label,
}


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
    g.bind("organisation", Namespace(iris.ID_BASE + "org/"))
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


def canonical_decimal(text: str) -> str:
    """The canonical xsd:decimal form: no exponent, no trailing zeros, one digit after the point.

    >>> canonical_decimal("34.40000"), canonical_decimal("140"), canonical_decimal("-0.50")
    ('34.4', '140.0', '-0.5')
    """
    from decimal import Decimal

    out = format(Decimal(text), "f")
    if "." not in out:
        return out + ".0"
    out = out.rstrip("0")
    return out + "0" if out.endswith(".") else out


def date_literal(text: str) -> Literal:
    """A date typed at its precision: xsd:gYear, xsd:gYearMonth or xsd:date.

    >>> date_literal("2019-08").datatype == XSD.gYearMonth
    True
    """
    parsed = parse_date(text)
    if parsed is None:  # tables.load_tables has rejected it already
        raise ValueError(f"not a date: {text!r}")
    _, month, day = parsed
    if day is not None:
        return Literal(text, datatype=XSD.date)
    if month is not None:
        return Literal(text, datatype=XSD.gYearMonth)
    return Literal(text, datatype=XSD.gYear)


class _Builder:
    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.g = new_graph()
        self.origins: dict[URIRef, Origin] = {}
        self.series_of_number: dict[str, str] = {
            r.get("number"): r.get("series") for r in tables.rows["meetings"]
        }

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.g.add((s, p, o))

    def opt_date(self, s: URIRef, p: URIRef, text: str) -> None:
        if text:
            self.add(s, p, date_literal(text))

    def fact(self, node: URIRef, cls: URIRef, row: Row) -> None:
        """Type, provenance, confidence, note and origin shared by every fact node."""
        self.add(node, RDF.type, cls)
        for source_id in row.list("sources"):
            self.add(node, PROV.wasDerivedFrom, URIRef(iris.source(source_id)))
        self.add(node, RUJP.confidence, _CONFIDENCE[row.get("confidence")])
        if row.get("note"):
            self.add(node, RDFS.comment, Literal(row.get("note"), lang="en"))
        self.add(node, RUJP.curatedIn, Literal(row.file))
        self.origins[node] = Origin(row.file, row.line)

    def labels(self, node: URIRef, row: Row, prefix: str = "label_") -> None:
        for lang in ("en", "ru", "ja"):
            if row.get(prefix + lang):
                self.add(node, RDFS.label, Literal(row.get(prefix + lang), lang=lang))
        for item in row.list("alt_labels"):
            text, _, lang = item.rpartition("@")
            self.add(node, SKOS.altLabel, Literal(text.strip(), lang=lang))

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
        self.add(node, DCTERMS.title, Literal(row.get("title"), lang=row.get("language")))
        self.add(node, DCTERMS.publisher, Literal(row.get("publisher")))
        self.opt_date(node, DCTERMS.issued, row.get("published"))
        self.add(node, RUJP.accessed, Literal(row.get("accessed"), datatype=XSD.date))
        self.add(node, DCTERMS.language, Literal(row.get("language")))
        self.add(node, RUJP.sourceKind, _SOURCE_KIND[row.get("kind")])
        if row.get("note"):
            self.add(node, RDFS.comment, Literal(row.get("note"), lang="en"))
        self.add(node, RUJP.curatedIn, Literal(row.file))
        self.origins[node] = Origin(row.file, row.line)

    def municipalities(self, row: Row) -> None:
        node = URIRef(iris.place(row.get("id")))
        level = row.get("level")
        cls = RUJP.Municipality if level in LEVELS_MUNICIPAL else RUJP.RegionalGovernment
        self.fact(node, cls, row)
        self.add(node, RUJP.level, _LEVEL[level])
        self.add(node, RUJP.country, _COUNTRY[row.get("country")])
        if row.get("region"):
            self.add(node, RUJP.region, URIRef(iris.place(row.get("region"))))
        self.labels(node, row)
        for col, prop in (("lat", GEO.lat), ("lon", GEO.long)):
            if row.get(col):
                self.add(node, prop, Literal(canonical_decimal(row.get(col)), datatype=XSD.decimal))
        if row.get("wikidata"):
            self.add(node, RUJP.wikidataId, Literal(row.get("wikidata")))
            self.add(node, OWL.sameAs, WD[row.get("wikidata")])
        if row.get("geonames"):
            self.add(node, RUJP.geonamesId, Literal(row.get("geonames")))
            self.add(node, OWL.sameAs, GEONAMES[row.get("geonames") + "/"])
        if row.get("jis_code"):
            self.add(node, RUJP.jisCode, Literal(row.get("jis_code")))
        if row.get("oktmo"):
            self.add(node, RUJP.oktmoCode, Literal(row.get("oktmo")))

    def twinnings(self, row: Row) -> None:
        node = URIRef(iris.agreement(row.get("id")))
        self.fact(node, RUJP.TwinningAgreement, row)
        japan = URIRef(iris.place(row.get("japan")))
        russia = URIRef(iris.place(row.get("russia")))
        self.add(node, RUJP.japaneseParty, japan)
        self.add(node, RUJP.russianParty, russia)
        # Derived, never curated: the generic party links and the symmetric direct tie.
        self.add(node, RUJP.party, japan)
        self.add(node, RUJP.party, russia)
        self.add(japan, RUJP.twinnedWith, russia)
        self.add(russia, RUJP.twinnedWith, japan)
        self.add(node, RUJP.agreementKind, _KIND[row.get("kind")])
        if row.get("kind_local"):
            self.add(node, RUJP.kindLocal, Literal(row.get("kind_local")))
        self.opt_date(node, RUJP.established, row.get("established"))
        if row.get("document"):
            self.add(node, RUJP.foundingDocument, URIRef(iris.document(row.get("document"))))
        label = self._agreement_label(row)
        if label:
            self.add(node, RDFS.label, Literal(label, lang="en"))

    def _agreement_label(self, row: Row) -> str:
        places = self.tables.by_key("municipalities")
        japan, russia = places.get(row.get("japan")), places.get(row.get("russia"))
        if japan is None or russia is None:
            return ""
        return f"{japan.get('label_en')} – {russia.get('label_en')} ({row.get('kind')})"

    def twinning_status(self, row: Row) -> None:
        node = URIRef(iris.status_change(row.get("agreement"), row.get("date"), row.get("status")))
        self.fact(node, RUJP.StatusChange, row)
        self.add(URIRef(iris.agreement(row.get("agreement"))), RUJP.statusChange, node)
        self.add(node, RUJP.status, _STATUS[row.get("status")])
        self.opt_date(node, RUJP.date, row.get("date"))

    def series(self, row: Row) -> None:
        node = URIRef(iris.series(row.get("id")))
        self.fact(node, RUJP.MeetingSeries, row)
        self.labels(node, row)
        if row.get("first_year"):
            self.add(node, RUJP.firstYear, Literal(row.get("first_year"), datatype=XSD.gYear))
        if row.get("frequency"):
            self.add(node, RUJP.frequency, Literal(row.get("frequency"), datatype=XSD.duration))
        for org in row.list("organisers"):
            self.add(node, RUJP.organiser, URIRef(iris.organisation(org)))

    def meetings(self, row: Row) -> None:
        series, number = row.get("series"), row.get("number")
        node = URIRef(iris.meeting(series, number))
        self.fact(node, RUJP.Meeting, row)
        self.add(node, RUJP.inSeries, URIRef(iris.series(series)))
        self.add(node, RUJP.number, Literal(number, datatype=XSD.positiveInteger))
        self.opt_date(node, RUJP.startDate, row.get("start"))
        self.opt_date(node, RUJP.endDate, row.get("end"))
        if row.get("host"):
            self.add(node, RUJP.host, URIRef(iris.place(row.get("host"))))
        if row.get("venue"):
            self.add(node, RUJP.venue, Literal(row.get("venue")))
        for col, prop in (
            ("count_jp", RUJP.reportedJapaneseCount),
            ("count_ru", RUJP.reportedRussianCount),
        ):
            if row.get(col):
                self.add(node, prop, Literal(row.get(col), datatype=XSD.nonNegativeInteger))
        self.add(node, RDFS.label, Literal(f"Coastal Mayors' Conference no. {number}", lang="en"))

    def participations(self, row: Row) -> None:
        number = row.get("meeting")
        series = self.series_of_number[number]
        node = URIRef(iris.participation(series, number, row.get("municipality")))
        self.fact(node, RUJP.Participation, row)
        self.add(node, RUJP.meeting, URIRef(iris.meeting(series, number)))
        self.add(node, RUJP.participant, URIRef(iris.place(row.get("municipality"))))
        if row.get("person"):
            self.add(node, RUJP.representedBy, URIRef(iris.person(row.get("person"))))
        if row.get("role"):
            self.add(node, RUJP.role, _ROLE[row.get("role")])

    def organisations(self, row: Row) -> None:
        node = URIRef(iris.organisation(row.get("id")))
        self.fact(node, RUJP.Organisation, row)
        self.labels(node, row)
        self.add(node, RUJP.country, _COUNTRY[row.get("country")])
        if row.get("seat"):
            self.add(node, RUJP.seat, URIRef(iris.place(row.get("seat"))))
        self.opt_date(node, RUJP.founded, row.get("founded"))

    def memberships(self, row: Row) -> None:
        org, member = row.get("organisation"), row.get("municipality")
        node = URIRef(iris.membership(org, member, row.get("from")))
        self.fact(node, RUJP.Membership, row)
        self.add(node, RUJP.organisation, URIRef(iris.organisation(org)))
        self.add(node, RUJP.member, URIRef(iris.place(member)))
        self.opt_date(node, RUJP.startDate, row.get("from"))
        self.opt_date(node, RUJP.endDate, row.get("to"))
        self.opt_date(node, RUJP.asOf, row.get("as_of"))

    def people(self, row: Row) -> None:
        node = URIRef(iris.person(row.get("id")))
        self.fact(node, RUJP.Person, row)
        self.labels(node, row)
        if row.get("wikidata"):
            self.add(node, RUJP.wikidataId, Literal(row.get("wikidata")))
            self.add(node, OWL.sameAs, WD[row.get("wikidata")])

    def posts(self, row: Row) -> None:
        of = row.get("of")
        node = URIRef(
            iris.post(row.get("person"), row.get("post"), of, row.get("from"), row.get("as_of"))
        )
        self.fact(node, RUJP.PostHolding, row)
        self.add(node, RUJP.holder, URIRef(iris.person(row.get("person"))))
        self.add(node, RUJP.postKind, _POST[row.get("post")])
        org_ids = self.tables.ids("organisations")
        target = iris.organisation(of) if of in org_ids else iris.place(of)
        self.add(node, RUJP.postIn, URIRef(target))
        self.opt_date(node, RUJP.startDate, row.get("from"))
        self.opt_date(node, RUJP.endDate, row.get("to"))
        self.opt_date(node, RUJP.asOf, row.get("as_of"))

    def documents(self, row: Row) -> None:
        node = URIRef(iris.document(row.get("id")))
        self.fact(node, RUJP.Document, row)
        self.labels(node, row)
        self.add(node, RUJP.documentKind, _DOC[row.get("kind")])
        self.opt_date(node, RUJP.date, row.get("date"))
        org_ids = self.tables.ids("organisations")
        for party in row.list("parties"):
            if party in _COUNTRY:
                target = _COUNTRY[party]
            elif party in org_ids:
                target = URIRef(iris.organisation(party))
            else:
                target = URIRef(iris.place(party))
            self.add(node, RUJP.documentParty, target)

    def claims(self, row: Row) -> None:
        table, key, fld, value = (
            row.get("table"),
            row.get("key"),
            row.get("field"),
            row.get("value"),
        )
        node = URIRef(iris.claim(table, key, fld, value))
        self.fact(node, RUJP.Claim, row)
        about = self.node_of(table, self.tables.by_key(table)[key])
        self.add(node, RUJP.claimAbout, URIRef(about))
        prop = FIELD_PROPERTY.get((table, fld), RUJP[_camel(fld)] if _is_term(fld) else None)
        self.add(node, RUJP.claimProperty, prop if prop is not None else RDFS.comment)
        self.add(node, RUJP.claimValue, Literal(value))

    def visits(self, row: Row) -> None:
        node = URIRef(iris.visit(row.get("id")))
        self.fact(node, RUJP.Visit, row)
        self.add(node, RUJP.visitor, URIRef(iris.place(row.get("from"))))
        self.add(node, RUJP.destination, URIRef(iris.place(row.get("to"))))
        self.opt_date(node, RUJP.startDate, row.get("start"))
        self.opt_date(node, RUJP.endDate, row.get("end"))
        for person in row.list("people"):
            self.add(node, RUJP.ledBy, URIRef(iris.person(person)))
        if row.get("purpose"):
            self.add(node, RUJP.purpose, Literal(row.get("purpose")))
        places = self.tables.by_key("municipalities")
        names = [places[row.get(c)].get("label_en") for c in ("from", "to") if row.get(c) in places]
        when = f", {row.get('start')}" if row.get("start") else ""
        self.add(
            node, RDFS.label, Literal(f"Delegation visit: {' to '.join(names)}{when}", lang="en")
        )


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _is_term(name: str) -> bool:
    try:
        RUJP[_camel(name)]
    except AttributeError:
        return False
    return True


def build_graph(tables: Tables) -> BuiltGraph:
    """Build the RDF graph of all curated tables.

    >>> from kg.paths import data_dir
    >>> from kg.tables import load_tables
    >>> built = build_graph(load_tables(data_dir()))
    >>> len(built.graph) > 0
    True
    """
    builder = _Builder(tables)
    for name, rows in tables.rows.items():
        method = getattr(builder, name)
        for row in rows:
            method(row)
    return BuiltGraph(builder.g, builder.origins)
