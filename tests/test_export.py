"""Deterministic, atomic outputs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.compare import isomorphic

from kg.export.provenance import provenance_quads, triples_of
from kg.export.rdf import canonical_ntriples, canonical_turtle, write_atomic
from kg.export.serialise import export, serialize
from kg.vocab.terms import PREFIXES


def test_turtle_and_ntriples_are_isomorphic_and_stable(graph: Graph) -> None:
    ttl = canonical_turtle(graph)
    nt = canonical_ntriples(graph)
    assert ttl == canonical_turtle(graph)
    assert nt == canonical_ntriples(graph)
    assert isomorphic(Graph().parse(data=ttl, format="turtle"), Graph().parse(data=nt, format="nt"))
    lines = nt.decode().splitlines()
    assert lines == sorted(lines)


def test_write_atomic_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    target.write_bytes(b"old")

    class Boom(bytes):
        pass

    with pytest.raises(TypeError):
        write_atomic(target, 42)  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"


def test_ntriples_are_the_sorted_lines_rdflib_writes(graph: Graph) -> None:
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    lines = sorted({line for line in text.splitlines() if line.strip()})
    assert canonical_ntriples(graph) == ("\n".join(lines) + "\n").encode("utf-8")


def _lower_languages(graph: Graph) -> Graph:
    """The graph with language tags in lower case (pyoxigraph writes them so; RDF 1.1 compares
    them case-insensitively, rdflib's isomorphism does not)."""
    out = Graph()
    for s, p, o in graph:
        tag = o.language if isinstance(o, Literal) else None
        out.add((s, p, Literal(str(o), lang=tag.lower()) if tag else o))
    return out


@pytest.mark.parametrize(
    ("name", "syntax"),
    [("ttl", "turtle"), ("nt", "nt"), ("rdfxml", "xml"), ("jsonld", "json-ld")],
)
def test_every_triple_export_holds_exactly_the_graph(graph: Graph, name: str, syntax: str) -> None:
    data = export(graph, name)
    assert data == export(graph, name)
    parsed = Graph().parse(data=data, format=syntax)
    assert isomorphic(_lower_languages(parsed), _lower_languages(graph)), name
    if name in ("ttl", "nt"):  # written from rdflib's own N-Triples: tags as curated
        assert isomorphic(parsed, graph), name


def test_named_graph_exports_are_what_pyoxigraph_writes(graph: Graph) -> None:
    """The N-Quads and TriG, written from the N-Triples text, are the bytes pyoxigraph's own
    writers make of the provenance dataset (the earlier way of writing them)."""
    nt = canonical_ntriples(graph)
    quads = provenance_quads(triples_of(nt))
    reference = serialize(quads, "nq").decode("utf-8").splitlines()
    assert export(graph, "nq") == ("\n".join(sorted(set(reference))) + "\n").encode("utf-8")
    trig = serialize(quads, "trig", PREFIXES).decode("utf-8").split("\n")
    head = [line for line in trig if line.startswith("@prefix ")]
    assert export(graph, "trig").decode("utf-8").split("\n") == sorted(head) + trig[len(head) :]
    dataset = Dataset()
    dataset.parse(data=export(graph, "trig"), format="trig")
    default = Graph().parse(data=export(graph, "nt"), format="nt")
    assert len(dataset.default_context) == len(default) == len(graph)


def test_turtle_is_grouped_by_subject_sorted_and_declares_the_prefixes_it_uses(
    graph: Graph,
) -> None:
    text = canonical_turtle(graph).decode("utf-8")
    head, _, body = text.partition("\n\n")
    declared = dict(re.findall(r"^PREFIX (\w[\w-]*): <([^>]*)>$", head, flags=re.M))
    assert len(declared) == len(head.splitlines()) and list(declared) == sorted(declared)
    for name in declared:
        assert re.search(rf"(^|[\s^]){re.escape(name)}:", body, flags=re.M), f"{name} unused"
    blocks = body.split("\n.\n")
    subjects = [block.strip().split("\n", 1)[0] for block in blocks if block.strip()]
    parsed = Graph().parse(data=text, format="turtle")

    def expand(term: str) -> str:
        if term.startswith("<"):
            return term
        prefix, _, local = term.partition(":")
        return f"<{declared[prefix]}{local}>"

    iris = [expand(s) for s in subjects]
    assert iris == sorted(iris), "subjects in the order of the N-Triples lines"
    assert len(set(iris)) == len(iris) == len(set(parsed.subjects())), "one block a subject"
    for block in blocks:
        lines = block.strip("\n").split("\n")[1:]
        predicates = [line.split()[0] for line in lines if line[4:5] != " "]
        assert predicates[:1] == ["a"] or "a" not in predicates
