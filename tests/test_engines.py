"""A second SHACL engine (rudof) agrees with pySHACL on the real graph and on every
fixture, compared as the set of (focus node, source shape) of top-level results.

Messages are not compared: for a Core result, :mod:`kg.validate` replaces rudof's own
wording by the shape's sh:message, and for a SPARQL result it keeps rudof's text, which
names the values in its own words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef

from kg.paths import ONTOLOGY_FILE, SHAPES_FILE
from kg.pipeline import Checked
from kg.validate import Report, shape_batches, validate_rudof
from kg.vocab.namespaces import SH
from tests.helpers import FIXTURES, SHAPE_FIXTURES, fixture_graph


def _pairs(report: Report) -> set[tuple[str, str]]:
    return {(r.focus, r.shape) for r in report.results}


def _rudof(graph: Graph, ontology_dir: Path) -> Report:
    return validate_rudof(
        graph, shapes_file=ontology_dir / SHAPES_FILE, ontology_file=ontology_dir / ONTOLOGY_FILE
    )


def test_engines_agree_on_real_graph(checked: Checked, ontology_dir: Path) -> None:
    reference = checked.report
    other = _rudof(checked.built.graph, ontology_dir)
    assert reference.conforms and other.conforms


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_engines_agree_on_fixture(
    name: str, ontology_dir: Path, fixture_report: Callable[[str], Report]
) -> None:
    reference = fixture_report(name)
    other = _rudof(fixture_graph(name), ontology_dir)
    assert reference.conforms == other.conforms
    assert _pairs(reference) == _pairs(other)


def _every_fixture_at_once() -> Graph:
    """valid.ttl with every fixture applied: one graph that breaks every shape it can."""
    data = Graph().parse(SHAPE_FIXTURES / "valid.ttl")
    for remove, add in FIXTURES.values():
        for triple in remove:
            data.remove(triple)
        for triple in add:
            data.add(triple)
    return data


def test_shape_batches_cover_every_shape(ontology_dir: Path) -> None:
    shapes = Graph().parse(ontology_dir / SHAPES_FILE)
    node_shapes = {s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
    batches = [
        Graph().parse(data=text, format="turtle")
        for text in shape_batches(ontology_dir / SHAPES_FILE, 4)
    ]
    assert len(batches) == -(-len(node_shapes) // 4)
    found: set[URIRef] = set()
    for batch in batches:
        assert set(batch.objects(None, SH.declare)), "prefix declarations in every batch"
        found.update(s for s in batch.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef))
    assert found == node_shapes


def _masked(report: Report) -> tuple[bool, list[tuple[str, ...]]]:
    """The report with rudof's blank-node labels masked: its own messages for sh:not name
    an internal shape by a label that changes from run to run, even between whole runs."""
    return report.conforms, sorted(
        (str(r.severity), r.focus, r.path, r.value, r.shape, re.sub(r"_:\w+", "_:b", r.message))
        for r in report.results
    )


@pytest.mark.parametrize("batch", [1, 7])
def test_rudof_in_shape_batches_gives_the_whole_run_report(
    batch: int, checked: Checked, ontology_dir: Path
) -> None:
    shapes, ontology = ontology_dir / SHAPES_FILE, ontology_dir / ONTOLOGY_FILE
    broken = _every_fixture_at_once()
    whole = validate_rudof(broken, shapes_file=shapes, ontology_file=ontology)
    assert not whole.conforms and len(whole.shapes_fired()) > 10
    batched = validate_rudof(broken, shapes_file=shapes, ontology_file=ontology, batch=batch)
    assert _masked(batched) == _masked(whole)
    real = checked.built.graph
    assert _masked(
        validate_rudof(real, shapes_file=shapes, ontology_file=ontology, batch=batch)
    ) == (_masked(validate_rudof(real, shapes_file=shapes, ontology_file=ontology)))
