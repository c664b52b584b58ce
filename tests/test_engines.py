"""A second SHACL engine (rudof) agrees with pySHACL on the real graph and on every
fixture, compared as the set of (focus node, source shape) of top-level results.

Known difference, by feature: rudof writes its own message for sh:disjoint and sh:node
results instead of the shape's sh:message; messages are therefore not compared.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kg.paths import ONTOLOGY_FILE, SHAPES_FILE
from kg.validate import Report, validate, validate_rudof

from .test_shapes import FIXTURES, fixture_graph


def _pairs(report: Report) -> set[tuple[str, str]]:
    return {(r.focus, r.shape) for r in report.results}


def _rudof(graph: Graph, ontology_dir: Path) -> Report:
    return validate_rudof(
        graph, shapes_file=ontology_dir / SHAPES_FILE, ontology_file=ontology_dir / ONTOLOGY_FILE
    )


def test_engines_agree_on_real_graph(
    graph: Graph, shapes: Graph, ontology: Graph, ontology_dir: Path
) -> None:
    reference = validate(graph, shapes=shapes, ontology=ontology)
    other = _rudof(graph, ontology_dir)
    assert reference.conforms and other.conforms


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_engines_agree_on_fixture(
    name: str, shapes: Graph, ontology: Graph, ontology_dir: Path
) -> None:
    data = fixture_graph(name)
    reference = validate(data, shapes=shapes, ontology=ontology)
    other = _rudof(data, ontology_dir)
    assert reference.conforms == other.conforms
    assert _pairs(reference) == _pairs(other)
