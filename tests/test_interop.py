"""Interoperability proven with independent tools: rapper (raptor2), PyLD, pyoxigraph and
headless Chromium read what the build publishes."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable, Iterator
from html import escape
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.export import DATASET_FORMATS as FORMATS
from kg.query.store import open_store
from kg.serve.pages import resource_html
from kg.vocab.namespaces import GEO, RUJP
from tests.test_publish import expected_named_graphs

from .conftest import PageVisit

RAPPER_SYNTAX = {
    "ttl": "turtle",
    "nt": "ntriples",
    "rdfxml": "rdfxml",
    "trig": "trig",
    "nq": "nquads",
}


def _ox_triples(source: bytes | Path, syntax: ox.RdfFormat) -> set[ox.Triple]:
    """The distinct triples of a default-graph document, read by pyoxigraph. It lower-cases
    language tags, as RDF 1.1 compares them case-insensitively and raptor and JSON-LD
    processors lower-case them (``ja-Latn`` becomes ``ja-latn``)."""
    if isinstance(source, Path):
        return {q.triple for q in ox.parse(path=source, format=syntax)}
    return {q.triple for q in ox.parse(source, syntax)}


def _isomorphic(a: set[ox.Triple], b: set[ox.Triple]) -> bool:
    """Whether two graphs are isomorphic: without blank nodes that is equality of their
    triple sets; with blank nodes, rdflib's isomorphism check decides."""
    if not any(isinstance(t, ox.BlankNode) for triple in a | b for t in triple):
        return a == b
    graphs = [
        Graph().parse(data=ox.serialize(g, format=ox.RdfFormat.N_TRIPLES), format="nt")
        for g in (a, b)
    ]
    return isomorphic(*graphs)


@pytest.fixture(scope="module")
def graph_triples(graph: Graph) -> set[ox.Triple]:
    """The built graph's triples as pyoxigraph reads its N-Triples (tags lower-cased)."""
    return _ox_triples(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)


# -- rapper -----------------------------------------------------------------------------------


def _rapper(rapper: str, path: Path, syntax: str, output: str) -> tuple[bytes, int]:
    result = subprocess.run(
        [rapper, "-i", syntax, "-o", output, str(path)], capture_output=True, check=False
    )
    assert result.returncode == 0, result.stderr.decode()
    found = re.search(rb"Parsing returned (\d+) (?:triples|statements)", result.stderr)
    assert found, result.stderr.decode()
    return result.stdout, int(found.group(1))


@pytest.mark.parametrize("key", ["ttl", "nt", "rdfxml"])
def test_rapper_parses_the_triple_exports(
    key: str,
    built_out: Path,
    graph: Graph,
    graph_triples: set[ox.Triple],
    require_tool: Callable[[str], str],
) -> None:
    rapper = require_tool("rapper")
    ntriples, count = _rapper(rapper, built_out / FORMATS[key].file, RAPPER_SYNTAX[key], "ntriples")
    assert count == len(graph)
    parsed = _ox_triples(ntriples, ox.RdfFormat.N_TRIPLES)
    assert _isomorphic(parsed, graph_triples)  # tags lower-cased on both sides


@pytest.mark.parametrize("key", ["trig", "nq"])
def test_rapper_parses_the_named_graphs(
    key: str, built_out: Path, graph: Graph, require_tool: Callable[[str], str]
) -> None:
    rapper = require_tool("rapper")
    nquads, count = _rapper(rapper, built_out / FORMATS[key].file, RAPPER_SYNTAX[key], "nquads")
    named = expected_named_graphs(graph)
    assert count == len(graph) + sum(len(t) for t in named.values())
    dataset = Dataset()
    dataset.parse(data=nquads, format="nquads")
    assert set(dataset.default_graph) == set(graph)
    for source, triples in named.items():
        assert set(dataset.graph(source)) == triples, source


# -- PyLD ---------------------------------------------------------------------------------------


def test_pyld_expands_the_jsonld_to_the_turtle_graph(built_out: Path) -> None:
    from pyld import jsonld

    document = json.loads((built_out / "rujp.jsonld").read_text(encoding="utf-8"))
    expanded = jsonld.expand(document)
    assert all("@id" in node and not node["@id"].startswith("_:") for node in expanded)
    # PyLD's to_rdf expands what it is given: handed the document, it expands it once (the
    # same expansion as above); handed `expanded`, it would expand it again, slower.
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    from_jsonld = _ox_triples(nquads.encode(), ox.RdfFormat.N_TRIPLES)  # no named graph
    turtle = _ox_triples(built_out / "rujp.ttl", ox.RdfFormat.TURTLE)
    assert len(from_jsonld) == len(turtle)
    assert _isomorphic(from_jsonld, turtle)


# -- pyoxigraph ---------------------------------------------------------------------------------


def _ox_strings(graph: Graph) -> set[str]:
    """A graph as pyoxigraph's N-Triples strings (parsed from rdflib's N-Triples)."""
    data = graph.serialize(format="nt", encoding="utf-8")
    return {
        str(ox.Triple(q.subject, q.predicate, q.object))
        for q in ox.parse(data, ox.RdfFormat.N_TRIPLES)
    }


@pytest.mark.parametrize("key", list(FORMATS))
def test_pyoxigraph_reloads_every_export(key: str, built_out: Path, graph: Graph) -> None:
    fmt = FORMATS[key]
    rdf_format = ox.RdfFormat.from_media_type(fmt.media_type)
    assert rdf_format is not None
    graphs: dict[str, set[str]] = {}
    for quad in ox.parse(path=built_out / fmt.file, format=rdf_format):
        name = "" if quad.graph_name == ox.DefaultGraph() else str(quad.graph_name.value)
        triple = ox.Triple(quad.subject, quad.predicate, quad.object)
        graphs.setdefault(name, set()).add(str(triple))
    assert graphs.pop("") == _ox_strings(graph)
    expected: dict[str, set[str]] = {}
    if key in ("nq", "trig"):  # the JSON-LD export has the default graph only
        for source, triples in expected_named_graphs(graph).items():
            named = Graph()
            for triple in triples:
                named.add(triple)
            expected[str(source)] = _ox_strings(named)
    assert graphs == expected


# -- headless Chromium --------------------------------------------------------------------------


def _most(nodes: set[Any], score: Callable[[Any], int]) -> URIRef:
    best = min(nodes, key=lambda n: (-score(n), str(n)))
    assert isinstance(best, URIRef)
    return best


def _label(graph: Graph, node: Any) -> str:
    labels = {o.language: str(o) for o in graph.objects(node, RDFS.label) if isinstance(o, Literal)}
    return labels["en"]


@pytest.fixture(scope="module")
def store(built_out: Path) -> Iterator[Any]:
    yield open_store(built_out / "store")


@pytest.fixture(scope="module")
def chromium_console(
    browse: Callable[..., PageVisit],
) -> Callable[[Path], tuple[str, list[str]]]:
    """The rendered DOM and the console errors of a page (shared Playwright `browse`)."""

    def run(page: Path) -> tuple[str, list[str]]:
        visit = browse(page.as_uri())
        return visit.html, visit.errors

    return run


def test_console_check_catches_a_script_error(
    chromium_console: Callable[[Path], tuple[str, list[str]]], tmp_path: Path
) -> None:
    page = tmp_path / "broken.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>t</title></head><body>"
        "<script>notDefinedAnywhere();</script></body></html>",
        encoding="utf-8",
    )
    _, console = chromium_console(page)
    assert any("notDefinedAnywhere" in line for line in console)


def _pages(graph: Graph) -> dict[str, tuple[URIRef, list[str]]]:
    """A municipality, an agreement and a meeting, chosen from the graph, with the labels
    their page must show."""
    places = {p for p in graph.subjects(RDF.type, RUJP.Municipality) if graph.value(p, GEO.lat)}
    place = _most(places, lambda p: len(set(graph.subjects(RUJP.party, p))))
    partners = [_label(graph, o) for o in graph.objects(place, RUJP.twinnedWith)]
    agreements = {
        a
        for a in graph.subjects(RDF.type, RUJP.TwinningAgreement)
        if all(graph.value(p, GEO.lat) for p in graph.objects(a, RUJP.party))
    }
    agreement = _most(agreements, lambda a: len(set(graph.objects(a, RUJP.statusChange))))
    parties = [_label(graph, p) for p in graph.objects(agreement, RUJP.party)]
    meetings = set(graph.subjects(RDF.type, RUJP.Meeting))
    meeting = _most(meetings, lambda m: len(set(graph.subjects(RUJP.meeting, m))))
    participants = [
        _label(graph, graph.value(part, RUJP.participant))
        for part in graph.subjects(RUJP.meeting, meeting)
    ]
    return {
        "municipality": (place, [_label(graph, place), *partners]),
        "agreement": (agreement, parties),
        "meeting": (meeting, participants),
    }


@pytest.mark.parametrize("kind", ["municipality", "agreement", "meeting"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_chromium_opens_resource_pages_without_console_errors(
    kind: str,
    lang: str,
    graph: Graph,
    store: Any,
    chromium_console: Callable[[Path], tuple[str, list[str]]],
    tmp_path: Path,
) -> None:
    iri, labels = _pages(graph)[kind]
    assert labels
    html = resource_html(store, str(iri), lang)
    assert html is not None
    page = tmp_path / f"{kind}-{lang}.html"
    page.write_text(html, encoding="utf-8")
    dom, console = chromium_console(page)
    assert console == []
    assert f'<html lang="{lang}">' in dom
    if lang == "en":
        missing = [label for label in labels if escape(label, quote=False) not in dom]
        assert missing == []
    if kind != "meeting":
        assert "<svg" in dom and 'class="here"' in dom
