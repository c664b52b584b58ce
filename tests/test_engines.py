"""A second SHACL engine (rudof) agrees with pySHACL on the real graph and on every
fixture, compared as the set of (focus node, source shape) of top-level results.

Known difference, by feature: rudof writes its own message for sh:disjoint and sh:node
results instead of the shape's sh:message; messages are therefore not compared.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph

from kg.paths import ONTOLOGY_FILE, SHAPES_FILE
from kg.pipeline import Checked
from kg.validate import Report, validate_rudof
from tests.helpers import FIXTURES, fixture_graph


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
