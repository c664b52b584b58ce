"""Synthetic graphs: the real classes, properties and proportions at N times the size."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib import RDF, Graph

from kg.network import bipartite_network, extract, twinning_network
from kg.validate import Report, load_ontology, load_shapes, validate
from kg.vocab.namespaces import RUJP
from tests.benchmarks.synthetic import synthetic_graph, synthetic_tables, write_synthetic_ntriples


@pytest.fixture(scope="module")
def triple() -> Graph:
    return synthetic_graph(3, seed=0)


@pytest.fixture(scope="module")
def double() -> Graph:
    """A synthetic graph twice the size (seed 2), read by the validation and writer tests."""
    return synthetic_graph(2, seed=2)


def _classes(g: Graph) -> Counter[str]:
    return Counter(str(o) for o in g.objects(None, RDF.type))


def test_same_classes_and_properties_in_the_real_proportions(graph: Graph, triple: Graph) -> None:
    real, synth = _classes(graph), _classes(triple)
    # Cited values are derived where a value's sources differ from its subject's; rewired
    # ties change which place pairs share sources, so their count is only about 3x.
    derived = str(RUJP.CitedValue)
    assert synth.pop(derived) == pytest.approx(3 * real.pop(derived), rel=0.05)
    assert synth == Counter({cls: 3 * n for cls, n in real.items()})
    assert set(triple.predicates()) == set(graph.predicates())
    assert len(triple) == pytest.approx(3 * len(graph), rel=0.01)


def test_degrees_and_attendance_are_kept_while_ties_are_rewired(
    graph: Graph, triple: Graph
) -> None:
    real, synth = extract(graph), extract(triple)
    real_t, synth_t = twinning_network(real), twinning_network(synth)
    assert Counter(d for _, d in synth_t.degree()) == Counter(
        {d: 3 * n for d, n in Counter(d for _, d in real_t.degree()).items()}
    )
    real_b, synth_b = bipartite_network(real), bipartite_network(synth)
    assert sorted(d for _, d in synth_b.degree()) == sorted(3 * [d for _, d in real_b.degree()])
    copies = {(u.rsplit("-s", 1)[-1], v.rsplit("-s", 1)[-1]) for u, v in synth_t.edges()}
    assert any(a != b for a, b in copies), "the Russian side should be rewired across copies"


def test_deterministic_by_seed(triple: Graph) -> None:
    assert set(synthetic_graph(3, seed=0)) == set(triple)
    assert set(synthetic_graph(3, seed=1)) != set(triple)


def test_synthetic_graph_conforms_to_the_shapes(ontology_dir: Path, double: Graph) -> None:
    report: Report = validate(
        double,
        shapes=load_shapes(ontology_dir),
        ontology=load_ontology(ontology_dir),
        origins={},
    )
    assert report.conforms, report


def test_ntriples_writer_matches_the_graph(tmp_path: Path, double: Graph) -> None:
    first, second = tmp_path / "a.nt", tmp_path / "b.nt"
    count = write_synthetic_ntriples(first, 2, seed=2, chunk=1)
    write_synthetic_ntriples(second, 2, seed=2, chunk=1)
    assert first.read_bytes() == second.read_bytes()
    parsed = Graph().parse(first, format="nt")
    assert count == len(double)
    assert set(parsed) == set(double)


def test_tables_scale_and_bad_scale() -> None:
    tables = synthetic_tables(2)
    assert len(tables.rows["twinnings"]) == 2 * len(synthetic_tables(1).rows["twinnings"])
    with pytest.raises(ValueError, match="positive"):
        synthetic_graph(0)
