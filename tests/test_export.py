"""Deterministic, atomic outputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.export.rdf import canonical_ntriples, canonical_turtle, write_atomic


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
