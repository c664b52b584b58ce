"""Every shape has a name, a curator message and a fixture that makes it fire.

Fixtures live in tests/shapes/fixtures.trig as named-graph pairs applied to
tests/shapes/valid.ttl (which must conform). Deleting a shape from ontology/shapes.ttl
makes its fixture fail; adding a shape without a fixture fails too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Namespace, URIRef

from kg.validate import Report, validate
from tests.helpers import FIXTURES

SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES_NS = "https://w3id.org/rujp/shapes#"
HERE = Path(__file__).resolve().parent / "shapes"


def _named_shapes(shapes: Graph) -> dict[str, URIRef]:
    out = {}
    for kind in (SH.NodeShape, SH.PropertyShape):
        for shape in shapes.subjects(RDF.type, kind):
            if isinstance(shape, URIRef) and str(shape).startswith(SHAPES_NS):
                out[str(shape)[len(SHAPES_NS) :]] = shape
    return out


def _closure(shapes: Graph, shape: URIRef) -> set[URIRef]:
    """The shape, its property shapes, and every shape that reaches it (transitively)
    through sh:property or sh:node; a result from any of them shows the shape at work."""
    members = {shape} | {p for p in shapes.objects(shape, SH.property) if isinstance(p, URIRef)}
    frontier = [shape]
    while frontier:
        current = frontier.pop()
        for link in (SH.property, SH.node):
            for parent in shapes.subjects(link, current):
                if isinstance(parent, URIRef) and parent not in members:
                    members.add(parent)
                    frontier.append(parent)
    return members


def test_every_shape_has_name_and_message(shapes: Graph) -> None:
    missing = [
        name
        for name, shape in _named_shapes(shapes).items()
        if (shape, SH.name, None) not in shapes
        or ((shape, SH.message, None) not in shapes and (shape, SH.sparql, None) not in shapes)
    ]
    assert not missing


def test_every_shape_has_a_fixture_and_every_fixture_a_shape(shapes: Graph) -> None:
    named = set(_named_shapes(shapes))
    assert named - set(FIXTURES) == set(), "write a fixture for these shapes"
    assert set(FIXTURES) - named == set(), "these fixtures name shapes that do not exist"


def test_valid_fixture_conforms(shapes: Graph, ontology: Graph) -> None:
    valid = Graph().parse(HERE / "valid.ttl")
    report = validate(valid, shapes=shapes, ontology=ontology)
    assert report.conforms, [str(r) for r in report.results]


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_fires_its_shape(
    name: str, shapes: Graph, fixture_report: Callable[[str], Report]
) -> None:
    report = fixture_report(name)
    shape = _named_shapes(shapes).get(name)
    assert shape is not None, f"no shape named {name}"
    if (shape, SH.severity, SH.Warning) in shapes:
        assert report.results, f"{name} reported nothing"
    else:
        assert not report.conforms
    expected = {str(s) for s in _closure(shapes, shape)}
    fired = report.shapes_fired()
    assert expected & fired, f"{name} did not fire; fired: {sorted(fired)}"


def test_messages_reach_the_report(fixture_report: Callable[[str], Report]) -> None:
    report = fixture_report("Agreement-kind")
    messages = [r.message for r in report.results]
    assert any("twinnings.csv" in m and "kind" in m for m in messages), messages


#: Shapes reported as warnings rather than violations: none, every rule is a violation.
WARNING_SHAPES: set[str] = set()


def test_only_the_listed_rules_are_warnings(shapes: Graph) -> None:
    warnings = {
        name
        for name, shape in _named_shapes(shapes).items()
        if (shape, SH.severity, SH.Warning) in shapes
    }
    assert warnings == WARNING_SHAPES


def test_region_country_rule_is_a_core_constraint(shapes: Graph) -> None:
    """No SPARQL needed: the region's country equals the municipality's country."""
    shape = _named_shapes(shapes)["RegionCountry-equals"]
    assert (shape, SH.equals, URIRef("https://w3id.org/rujp/ontology#country")) in shapes
    assert (_named_shapes(shapes)["RegionCountryShape"], SH.sparql, None) not in shapes


def test_conflict_message_names_the_row_field_and_source(
    fixture_report: Callable[[str], Report],
) -> None:
    report = fixture_report("ClaimSourceConflictShape")
    found = [r for r in report.results if "ClaimSourceConflictShape" in str(r.shape)]
    assert found, [str(r) for r in report.results]
    text = str(found[0])
    assert "source/s1" in text and "endDate" in text and "citations.csv" in text


def test_a_result_with_two_messages_keeps_the_one_naming_the_values() -> None:
    from rdflib import RDF, BNode, Graph, Literal, Namespace

    from kg.validate import parse_results

    sh = Namespace("http://www.w3.org/ns/shacl#")
    general = "A source is cited by the accepted value and by a claim."
    specific = "Source s1 is cited by this claim and by the accepted value 2020 of endDate."
    chosen = set()
    for order in ((general, specific), (specific, general)):
        report, result = BNode(), BNode()
        graph = Graph()
        graph.add((report, RDF.type, sh.ValidationReport))
        graph.add((report, sh.result, result))
        graph.add((result, sh.resultSeverity, sh.Violation))
        for text in order:
            graph.add((result, sh.resultMessage, Literal(text)))
        (parsed,) = parse_results(graph, {})
        chosen.add(parsed.message)
    assert chosen == {specific}
