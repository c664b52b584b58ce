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


def test_rewritten_rules_are_core_constraints(shapes: Graph) -> None:
    """The mirror, mirror-only and inheritance rules are SHACL Core (linear, and the same
    rule in every engine); only rules Core cannot state stay SPARQL (ontology/README.md)."""
    named = _named_shapes(shapes)
    for name in ("MirrorMarkedShape", "Source-mirror-host-marked", "MirrorOnlyShape"):
        assert (named[name], SH.sparql, None) not in shapes, name
    assert (named["InheritanceShape"], SH.sparql, None) not in shapes
    assert len(set(shapes.objects(named["InheritanceShape"], SH["or"]))) == 3


_PREFIXES = """PREFIX rujp: <https://w3id.org/rujp/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX s: <https://w3id.org/rujp/id/source/>
PREFIX p: <https://w3id.org/rujp/id/place/>
PREFIX t: <https://w3id.org/rujp/id/twinning/>
"""
_EVENT = "t:a1\\/status\\/2005-inherited"
_CITED = "p:jp-city\\/value\\/lat\\/0a1b2c3d4e5f"

#: Further cases of the rules rewritten in Core, beyond their fixtures: (case, triples taken
#: out of valid.ttl, triples put in, the shape that must fire or None when the graph conforms).
CASES = {
    "predecessor on a suspension": (
        "",
        "t:a1\\/status\\/2022-03-suspended rujp:predecessor p:jp-town .",
        "InheritanceShape",
    ),
    "predecessor is the Japanese party": (
        f"{_EVENT} rujp:predecessor p:jp-town .",
        f"{_EVENT} rujp:predecessor p:jp-city .",
        "InheritanceShape",
    ),
    "predecessor is the Russian party": (
        f"{_EVENT} rujp:predecessor p:jp-town .",
        f"{_EVENT} rujp:predecessor p:ru-city .",
        "InheritanceShape",
    ),
    "event without a status is left to its own shape": (
        f"{_EVENT} rujp:status rujp:StatusInherited ; rujp:predecessor p:jp-town .",
        f"{_EVENT} rujp:predecessor p:jp-city .",
        "StatusChange-status",
    ),
    "cited value on a mirror takes its subject's high grade": (
        f"{_CITED} prov:wasDerivedFrom s:s2 .",
        f"{_CITED} prov:wasDerivedFrom s:s3 .",
        "MirrorOnlyShape",
    ),
    "cited value on a mirror graded low itself": (
        f"{_CITED} prov:wasDerivedFrom s:s2 .",
        f"{_CITED} prov:wasDerivedFrom s:s3 ; rujp:confidence rujp:ConfidenceLow .",
        None,
    ),
    "a mirror and a publisher's page": (
        "p:jp-town rujp:confidence rujp:ConfidenceLow .",
        "p:jp-town rujp:confidence rujp:ConfidenceHigh ; prov:wasDerivedFrom s:s1 .",
        None,
    ),
    "mirror host under a subdomain, with a port": (
        "s:s2 schema:url <https://example.com/story> .",
        "s:s2 schema:url <http://m.wikiwand.com:8080/ja/X> .",
        "Source-mirror-host-marked",
    ),
    "mirror host after user information": (
        "s:s2 schema:url <https://example.com/story> .",
        "s:s2 schema:url <https://user@paperzz.com/doc> .",
        "Source-mirror-host-marked",
    ),
    "mirror host followed by a query": (
        "s:s2 schema:url <https://example.com/story> .",
        "s:s2 schema:url <https://wikizero.org?x=1> .",
        "Source-mirror-host-marked",
    ),
    "a host that only ends like a mirror host": (
        "s:s2 schema:url <https://example.com/story> .",
        "s:s2 schema:url <https://notwikiwand.com/ja/X> .",
        None,
    ),
    "a mirror host's name in the path": (
        "s:s2 schema:url <https://example.com/story> .",
        "s:s2 schema:url <https://example.com/wikiwand.com/x> .",
        None,
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_rewritten_rules_on_further_cases(case: str, shapes: Graph, ontology: Graph) -> None:
    from kg.paths import ONTOLOGY_FILE, SHAPES_FILE, ontology_dir
    from kg.validate import validate_rudof

    remove, add, expected = CASES[case]
    data = Graph().parse(HERE / "valid.ttl")
    for triple in Graph().parse(data=_PREFIXES + remove, format="turtle"):
        assert triple in data, triple
        data.remove(triple)
    for triple in Graph().parse(data=_PREFIXES + add, format="turtle"):
        data.add(triple)
    report = validate(data, shapes=shapes, ontology=ontology)
    fired = {shape.rsplit("#", 1)[-1] for shape in report.shapes_fired()}
    if expected is None:
        assert report.conforms and not report.results, [str(r) for r in report.results]
    else:
        assert expected in fired, fired
        assert "InheritanceShape" not in fired or expected == "InheritanceShape"
    other = validate_rudof(
        data,
        shapes_file=ontology_dir() / SHAPES_FILE,
        ontology_file=ontology_dir() / ONTOLOGY_FILE,
    )
    assert {(r.focus, r.shape) for r in other.results} == {
        (r.focus, r.shape) for r in report.results
    }


@pytest.mark.parametrize("name", ["MirrorOnlyShape", "InheritanceShape", "Agreement-distinct"])
def test_both_engines_report_the_shapes_own_message(
    name: str, shapes: Graph, fixture_report: Callable[[str], Report]
) -> None:
    """rudof's own words for sh:or, sh:not and sh:disjoint ("OR not satisfied") give way to
    the shape's sh:message, as pySHACL reports it."""
    from kg.paths import ONTOLOGY_FILE, SHAPES_FILE, ontology_dir
    from kg.validate import validate_rudof
    from tests.helpers import fixture_graph

    expected = str(shapes.value(_named_shapes(shapes)[name], SH.message))
    other = validate_rudof(
        fixture_graph(name),
        shapes_file=ontology_dir() / SHAPES_FILE,
        ontology_file=ontology_dir() / ONTOLOGY_FILE,
    )
    for report in (fixture_report(name), other):
        found = [r.message for r in report.results if r.shape.endswith(f"#{name}")]
        assert found and set(found) == {expected}, (report.engine, found)


def test_a_mirror_result_names_the_address(fixture_report: Callable[[str], Report]) -> None:
    report = fixture_report("Source-mirror-host-marked")
    (found,) = [r for r in report.results if r.shape.endswith("#Source-mirror-host-marked")]
    assert found.value == "https://JA.Wikipedia.COM./wiki/City"
    assert "publisher_kind" in found.message and "sources.csv" in found.message
