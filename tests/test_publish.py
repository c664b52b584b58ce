"""Linked-data publication: exports, provenance named graphs, the JSON-LD context, the
VoID/DCAT description, the ontology documentation, close-match links and `kg export`."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, VOID

from kg.export import DATASET_FORMATS as FORMATS
from kg.export import DATASET_IRI, SPARQL_ENDPOINT, export
from kg.graph import GEONAMES
from kg.paths import CONTEXT_FILE
from kg.paths import data_dir as default_data_dir
from kg.stats import coverage
from kg.tables import load_tables
from kg.vocab.namespaces import ONTOLOGY_IRI, RUJP, SCHEMA, WD
from kg.vocab.terms import PREFIXES
from tests.helpers import run_cli

SPDX = Namespace("http://spdx.org/rdf/terms#")
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")


def expected_named_graphs(graph: Graph) -> dict[URIRef, set[tuple[Any, Any, Any]]]:
    """The provenance scheme, computed independently: graph <source> holds each value triple
    that source supports. A triple named by a rujp:CitedValue node cites that node's sources;
    any other triple of a fact node cites its subject's sources; curation triples (sources,
    confidence, table, note) and cited-value nodes are in no named graph."""
    curation = {PROV.wasDerivedFrom, RUJP.confidence, RUJP.curatedIn, RDFS.comment}
    cited = set(graph.subjects(RDF.type, RUJP.CitedValue))
    override = {
        (
            graph.value(n, RUJP.citedSubject),
            graph.value(n, RUJP.citedProperty),
            graph.value(n, RUJP.citedValue),
        ): set(graph.objects(n, PROV.wasDerivedFrom))
        for n in cited
    }
    named: dict[URIRef, set[tuple[Any, Any, Any]]] = {}
    for s, p, o in graph:
        if p in curation or s in cited:
            continue
        key = (s, p, o)
        sources = override[key] if key in override else set(graph.objects(s, PROV.wasDerivedFrom))
        for source in sources:
            assert isinstance(source, URIRef)
            named.setdefault(source, set()).add(key)
    return named


def _publication_files(folder: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.startswith(".")
    }


def test_build_writes_every_format_and_they_equal_a_fresh_export(
    built_out: Path, graph: Graph
) -> None:
    for key, fmt in FORMATS.items():
        path = built_out / fmt.file
        assert path.is_file(), path
        assert path.read_bytes() == export(graph, key), f"{fmt.file} differs from a re-export"
    for name in ("void.ttl", "ontology.html"):
        assert (built_out / name).stat().st_size > 0


def test_rebuild_in_another_process_is_byte_identical(
    built_out: Path, process_build: tuple[Path, subprocess.CompletedProcess[str]]
) -> None:
    """A second build, in a fresh interpreter with another hash seed, writes the same bytes."""
    out, result = process_build
    assert result.returncode == 0, result.stderr
    first, second = _publication_files(built_out), _publication_files(out)
    assert first.keys() == second.keys()
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []


def test_nquads_and_trig_keep_provenance_as_named_graphs(built_out: Path, graph: Graph) -> None:
    expected = expected_named_graphs(graph)
    assert expected, "the graph cites no source"
    for fmt, parser in (("rujp.nq", "nquads"), ("rujp.trig", "trig")):
        dataset = Dataset()
        dataset.parse(built_out / fmt, format=parser)
        default = set(dataset.default_graph)
        assert default == set(graph), f"{fmt}: the default graph is not the whole graph"
        names = {
            g.identifier
            for g in dataset.graphs()
            if g.identifier != dataset.default_graph.identifier
        }
        assert names == set(expected), fmt
        for source, triples in expected.items():
            assert set(dataset.graph(source)) == triples, f"{fmt}: graph {source}"
    lines = (built_out / "rujp.nq").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)
    assert len(lines) == len(graph) + sum(len(t) for t in expected.values())


def test_named_graphs_are_sources_described_in_the_graph(graph: Graph) -> None:
    for source in expected_named_graphs(graph):
        assert (source, RDF.type, RUJP.Source) in graph
        # the title is optional (blank when the page shows none); address and publisher are not
        assert graph.value(source, SCHEMA.url) is not None
        assert graph.value(source, DCTERMS.publisher) is not None


# -- JSON-LD context --------------------------------------------------------------------------


def _context(ontology_dir: Path) -> dict[str, Any]:
    data = json.loads((ontology_dir / CONTEXT_FILE).read_text(encoding="utf-8"))
    context: dict[str, Any] = data["@context"]
    return context


def _term_iris(context: dict[str, Any]) -> dict[str, str]:
    """term -> expanded IRI, for every term that is not a prefix or a keyword alias."""
    prefixes = {k: v for k, v in context.items() if isinstance(v, str) and v[-1] in "/#"}

    def expand(value: str) -> str:
        head, _, tail = value.partition(":")
        return prefixes[head] + tail if head in prefixes else value

    terms = {}
    for key, value in context.items():
        if key in prefixes or (isinstance(value, str) and value.startswith("@")):
            continue
        terms[key] = expand(value if isinstance(value, str) else value["@id"])
    return terms


def test_context_names_every_term_of_the_ontology_and_the_data(
    ontology_dir: Path, ontology: Graph, graph: Graph
) -> None:
    context = _context(ontology_dir)
    terms = _term_iris(context)
    by_iri = Counter(terms.values())
    assert [iri for iri, n in by_iri.items() if n > 1] == [], "two terms for one IRI"
    ns = str(RUJP._NS)
    ontology_terms = {str(s) for s in ontology.subjects() if str(s).startswith(ns) and str(s) != ns}
    for iri in ontology_terms:
        local = iri[len(ns) :]
        assert terms.get(local) == iri, f"context.jsonld: add {local!r}: 'rujp:{local}'"
    used = {str(p) for p in graph.predicates()} | {str(c) for c in graph.objects(None, RDF.type)}
    used.discard(str(RDF.type))  # written as "type" (@type)
    assert sorted(used - set(by_iri)) == [], "data terms without a natural key"
    prefixes = {k: v for k, v in context.items() if isinstance(v, str) and v[-1] in "/#"}
    assert prefixes == PREFIXES


def test_context_coercions_fit_every_value(
    ontology_dir: Path, ontology: Graph, graph: Graph
) -> None:
    """A term's coercion fits all of the data's values, so the export reads naturally."""
    context = _context(ontology_dir)
    terms = _term_iris(context)
    xsd = "http://www.w3.org/2001/XMLSchema#"
    for key, iri in terms.items():
        definition = context[key]
        values = list(graph.objects(None, URIRef(iri)))
        if not isinstance(definition, dict) or not values:
            continue
        coerce = definition.get("@type")
        if coerce in ("@id", "@vocab"):
            assert all(isinstance(v, URIRef) for v in values), key
        elif coerce:
            datatype = URIRef(xsd + coerce.removeprefix("xsd:"))
            assert {v.datatype for v in values if isinstance(v, Literal)} == {datatype}, key
        if definition.get("@container") == "@language":
            assert all(isinstance(v, Literal) and v.language for v in values), key
    for prop in ontology.subjects(RDF.type, OWL.ObjectProperty):
        local = str(prop)[len(str(RUJP._NS)) :]
        assert context[local].get("@type") in ("@id", "@vocab"), local


def test_jsonld_export_uses_natural_keys(built_out: Path, graph: Graph, ontology_dir: Path) -> None:
    document = json.loads((built_out / "rujp.jsonld").read_text(encoding="utf-8"))
    context = _context(ontology_dir)
    assert document["@context"] == context
    subjects = set(graph.subjects())
    assert len(document["@graph"]) == len(subjects)
    keys: set[str] = set()
    types: set[str] = set()
    for node in document["@graph"]:
        keys.update(node)
        found = node.get("type", [])
        types.update([found] if isinstance(found, str) else found)
    assert sorted(k for k in keys if k not in context) == []
    assert sorted(t for t in types if t not in context) == []
    ids = [node["id"] for node in document["@graph"]]
    assert len(ids) == len(set(ids))


# -- VoID and DCAT ----------------------------------------------------------------------------


def _int(value: Any) -> int:
    assert isinstance(value, Literal)
    return int(value)


def test_void_counts_equal_the_graph(built_out: Path, graph: Graph) -> None:
    void = Graph().parse(built_out / "void.ttl")
    ds = DATASET_IRI
    assert _int(void.value(ds, VOID.triples)) == len(graph)
    subjects = set(graph.subjects())
    assert _int(void.value(ds, VOID.distinctSubjects)) == len(subjects)
    assert _int(void.value(ds, VOID.distinctObjects)) == len(set(graph.objects()))
    id_base = "https://w3id.org/rujp/id/"
    assert _int(void.value(ds, VOID.entities)) == len(
        {s for s in subjects if str(s).startswith(id_base)}
    )
    classes = Counter(c for _, c in set(graph.subject_objects(RDF.type)))
    partitions = {
        void.value(part, VOID["class"]): _int(void.value(part, VOID.entities))
        for part in void.objects(ds, VOID.classPartition)
    }
    assert partitions == dict(classes)
    properties = Counter(p for _, p, _ in graph)
    by_property = {
        void.value(part, VOID.property): _int(void.value(part, VOID.triples))
        for part in void.objects(ds, VOID.propertyPartition)
    }
    assert by_property == dict(properties)
    assert _int(void.value(ds, VOID.classes)) == len(classes)
    assert _int(void.value(ds, VOID.properties)) == len(properties)


def test_void_describes_the_dataset(built_out: Path, graph: Graph) -> None:
    void = Graph().parse(built_out / "void.ttl")
    ds = DATASET_IRI
    assert (ds, RDF.type, VOID.Dataset) in void and (ds, RDF.type, DCAT.Dataset) in void
    for prop in (DCTERMS.title, DCTERMS.description):
        langs = sorted(o.language for o in void.objects(ds, prop) if isinstance(o, Literal))
        assert langs == ["en", "ja", "ru"], prop
    assert void.value(ds, DCTERMS.license) == CC_BY
    creator = void.value(ds, DCTERMS.creator)
    assert creator is not None
    assert void.value(creator, FOAF.name) is not None
    assert set(void.objects(ds, DCTERMS.source)) == set(graph.subjects(RDF.type, RUJP.Source))
    assert void.value(ds, VOID.sparqlEndpoint) == SPARQL_ENDPOINT
    examples = list(void.objects(ds, VOID.exampleResource))
    assert examples
    for example in examples:
        assert (example, None, None) in graph, example


def test_one_distribution_per_format_with_size_and_checksum(built_out: Path) -> None:
    void = Graph().parse(built_out / "void.ttl")
    distributions = list(void.objects(DATASET_IRI, DCAT.distribution))
    assert len(distributions) == len(FORMATS)
    seen = set()
    for dist in distributions:
        media = str(void.value(dist, DCAT.mediaType))
        fmt = next(f for f in FORMATS.values() if media.endswith("/" + f.media_type))
        seen.add(fmt.name)
        data = (built_out / fmt.file).read_bytes()
        assert _int(void.value(dist, DCAT.byteSize)) == len(data), fmt.file
        checksum = void.value(dist, SPDX.checksum)
        assert void.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert str(void.value(checksum, SPDX.checksumValue)) == hashlib.sha256(data).hexdigest()
        assert void.value(dist, DCTERMS.license) == CC_BY
    assert seen == set(FORMATS)


# -- ontology documentation -------------------------------------------------------------------


def test_ontology_documentation(built_out: Path, ontology: Graph) -> None:
    html = (built_out / "ontology.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'\bid="([^"]*)"', html))
    ns = str(RUJP._NS)
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in ontology.subjects(RDF.type, kind):
            local = str(term)[len(ns) :]
            assert local in ids, f"no anchor for {local}"
            for label in ontology.objects(term, RDFS.label):  # en, ru and ja
                assert str(label) in html, label
    dangling = {h for h in re.findall(r'href="#([^"]+)"', html) if h not in ids}
    assert dangling == set()
    titles = {
        t.language: str(t)
        for t in ontology.objects(ONTOLOGY_IRI, DCTERMS.title)
        if isinstance(t, Literal)
    }
    assert f"<title>{titles['en']}</title>" in html
    assert all(title in html for title in titles.values())


# -- links to Wikidata and GeoNames -----------------------------------------------------------


def test_every_known_identifier_is_a_close_match_link(graph: Graph) -> None:
    tables = load_tables(default_data_dir())
    expected: set[tuple[URIRef, URIRef]] = set()
    for row in tables.rows["municipalities"]:
        node = URIRef("https://w3id.org/rujp/id/place/" + row.get("id"))
        if row.get("wikidata"):
            expected.add((node, WD[row.get("wikidata")]))
        if row.get("geonames"):
            expected.add((node, GEONAMES[row.get("geonames") + "/"]))
    for row in tables.rows["people"]:
        if row.get("wikidata"):
            node = URIRef("https://w3id.org/rujp/id/person/" + row.get("id"))
            expected.add((node, WD[row.get("wikidata")]))
    links = {
        (s, o)
        for s, o in graph.subject_objects(SKOS.closeMatch)
        if isinstance(s, URIRef) and "/id/" in str(s)
    }
    assert links == expected
    # A GeoNames feature is a populated place, not the government: no identity claims.
    assert not [t for t in graph if t[1] == OWL.sameAs]
    for row in tables.rows["municipalities"]:
        if row.get("geonames"):
            assert row.get("geonames").isdigit(), row.get("id")
        if row.get("wikidata"):
            assert re.fullmatch(r"Q[1-9]\d*", row.get("wikidata")), row.get("id")


def test_stats_counts_the_places_without_links(graph: Graph) -> None:
    tables = load_tables(default_data_dir())
    places = set(graph.subjects(RDF.type, RUJP.Municipality)) | set(
        graph.subjects(RDF.type, RUJP.RegionalGovernment)
    )
    unlinked = [p for p in places if graph.value(p, SKOS.closeMatch) is None]
    rows = dict(coverage(tables).section("Identifiers and links of municipalities").rows)
    assert rows["without Wikidata or GeoNames link"] == len(unlinked)


# -- kg export --------------------------------------------------------------------------------


def _run(*args: str) -> tuple[int, bytes, str]:
    result = run_cli(list(args))
    return result.exit_code, result.stdout_bytes, result.stderr


@pytest.mark.parametrize("fmt", ["nq", "jsonld", "rdfxml"])
def test_kg_export_writes_the_published_bytes(
    fmt: str, built_out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_OUT", str(built_out))  # a current build: its file is handed out
    target = tmp_path / "out" / f"graph.{fmt}"
    code, _, err = _run("export", "--format", fmt, "-o", str(target))
    assert code == 0, err
    assert target.read_bytes() == (built_out / FORMATS[fmt].file).read_bytes()
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_kg_export_to_stdout_defaults_to_turtle(
    built_out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = tmp_path / "stale"
    shutil.copytree(built_out, stale, ignore=shutil.ignore_patterns("store"))
    (stale / "rujp.ttl").write_bytes(b"# an out-of-date build\n")
    (stale / ".inputs.sha256").write_text("0" * 64 + "\n", encoding="ascii")
    monkeypatch.setenv("KG_OUT", str(stale))  # a build of other inputs is not reused
    code, out, _ = _run("export")
    assert code == 0
    assert out == (built_out / "rujp.ttl").read_bytes()


def test_kg_export_offers_every_format() -> None:
    bad = run_cli(["export", "--format", "no-such-format"])
    assert bad.exit_code == 2
    offered = bad.stderr.split("(choose from ", 1)[1].split(")", 1)[0]
    assert [f.strip(" '") for f in offered.split(",")] == list(FORMATS)
    help_text = run_cli(["export", "--help"]).stdout
    assert all(f in help_text for f in FORMATS) and "default: ttl" in help_text


def test_kg_export_rejects_an_unknown_format() -> None:
    code, _, err = _run("export", "--format", "n3")
    assert code == 2
    assert "n3" in err


def test_kg_export_refuses_a_non_conforming_graph(data_copy: Path, tmp_path: Path) -> None:
    path = data_copy / "twinnings.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    rows[1][rows[0].index("russia")] = rows[1][rows[0].index("japan")]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    target = tmp_path / "x.ttl"
    code, _, err = _run("export", "--data", str(data_copy), "-o", str(target))
    assert code == 1
    assert "nothing was written" in err
    assert not target.exists()


def test_kg_export_reports_unreadable_input(data_copy: Path, tmp_path: Path) -> None:
    (data_copy / "meetings.csv").unlink()
    target = tmp_path / "x.ttl"
    code, _, err = _run("export", "--data", str(data_copy), "-o", str(target))
    assert code == 2
    assert "[ERROR]" in err
    assert not target.exists()
