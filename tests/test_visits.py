"""Delegation visits in the graph: the table, its nodes and the named query ``visits``."""

from __future__ import annotations

from rdflib import Graph, URIRef

from kg.paths import data_dir
from kg.query.named import get_query
from kg.tables import load_tables
from kg.vocab import iris
from kg.vocab.namespaces import RUJP


def test_every_curated_visit_is_a_node_with_its_places(graph: Graph) -> None:
    rows = load_tables(data_dir()).rows["visits"]
    assert rows
    for row in rows:
        node = URIRef(iris.visit(row.get("id")))
        assert (node, RUJP.visitor, URIRef(iris.place(row.get("from")))) in graph
        assert (node, RUJP.destination, URIRef(iris.place(row.get("to")))) in graph
        for person in row.list("people"):
            assert (node, RUJP.ledBy, URIRef(iris.person(person))) in graph


def test_visits_query_lists_every_visit(graph: Graph) -> None:
    tables = load_tables(data_dir())
    names = {r.get("id"): r.get("label_en") for r in tables.rows["municipalities"]}
    query = get_query("visits")
    assert query.columns == ("from", "to", "date", "person")
    result = graph.query(query.text)
    got = sorted((str(r[0]), str(r[1]), str(r[2] or "")) for r in result)
    want = sorted(
        (names[r.get("from")], names[r.get("to")], r.get("start")) for r in tables.rows["visits"]
    )
    assert got == want
