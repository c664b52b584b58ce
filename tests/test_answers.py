"""The answers of the query workers (`kg.serve.answers`): the store copy in memory, the
bytes pyoxigraph writes against the project's own serialiser, and a row cap that stays
exact whichever way the answer is written."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.query.named import get_query
from kg.query.results import serialize_rows
from kg.serve import answers
from kg.serve.answers import TooLargeError, WorkerStore, answer

TWINNINGS = get_query("twinnings").text
PARSE = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}
PARSE["tsv"] = ox.QueryResultsFormat.TSV
TRICKY = [
    ox.Literal('tab\t"q", nl\n\\ <&> é 新潟 😀', language="ja"),
    ox.Literal("1.5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
    ox.Literal("{},{}"),
    ox.Literal(""),
]


@pytest.fixture(scope="module")
def store(built_out: Path) -> Iterator[ox.Store]:
    copy = WorkerStore(str(built_out / "store"), 10**9)
    assert copy.loaded.wait(120)
    yield copy.current


def _rows(body: bytes, fmt: str) -> list[dict[str, ox.Term]]:
    """The solutions in ``body`` as maps from variable name to term."""
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(body.decode("utf-8"))))  # type: ignore[arg-type]
    result = ox.parse_query_results(body, format=PARSE[fmt])
    variables = result.variables  # type: ignore[union-attr]
    return [
        {v.value: s[v] for v in variables if s[v] is not None}
        for s in result  # type: ignore[union-attr]
    ]


def _ours(store: ox.Store, query: str, fmt: str) -> bytes:
    result = store.query(query)
    variables = [v.value for v in result.variables]  # type: ignore[union-attr]
    return serialize_rows(variables, [[s[v] for v in variables] for s in result], fmt)


def test_copy_in_memory_only_up_to_the_limit(built_out: Path) -> None:
    disk = WorkerStore(str(built_out / "store"), 10)
    assert disk.loaded.is_set()  # nothing to wait for: no copy
    on_disk = disk.current
    copy = WorkerStore(str(built_out / "store"), 10**9)
    assert len(copy.current) == len(on_disk)  # answers at once, from the disk, meanwhile
    assert copy.loaded.wait(120)
    in_memory = copy.current
    in_memory.add(ox.Quad(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal("o")))
    in_memory.remove(ox.Quad(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal("o")))
    assert len(on_disk) == len(in_memory) > 10
    assert set(on_disk.quads_for_pattern(None, None, None, None)) == set(
        in_memory.quads_for_pattern(None, None, None, None)
    )
    # read-only: the store on disk is never written
    with pytest.raises(RuntimeError, match="read-write"):
        on_disk.add(ox.Quad(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal("o")))


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv", "csv"])
def test_answer_equals_the_project_serialiser(store: ox.Store, fmt: str) -> None:
    ctype, body = answer(store, TWINNINGS, fmt, "ttl", 10_000)
    assert ctype.startswith(
        {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml"}.get(
            fmt, {"tsv": "text/tab-separated-values", "csv": "text/csv"}.get(fmt, "")
        )
    )
    ours = _ours(store, TWINNINGS, fmt)
    assert _rows(body, fmt) == _rows(ours, fmt) and len(_rows(body, fmt)) > 10
    if fmt == "json":
        assert body == ours


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv", "csv"])
def test_tricky_terms_survive(fmt: str) -> None:
    memory = ox.Store()
    for i, term in enumerate(TRICKY):
        memory.add(ox.Quad(ox.NamedNode(f"urn:x:{i},1"), ox.NamedNode("urn:x:p"), term))
    memory.add(ox.Quad(ox.BlankNode("b1"), ox.NamedNode("urn:x:p"), ox.NamedNode("urn:x:o")))
    query = "SELECT ?s ?o ?none WHERE { ?s <urn:x:p> ?o OPTIONAL { ?s <urn:x:q> ?none } }"
    _, body = answer(memory, query, fmt, "ttl", 100)
    found = _rows(body, fmt)
    assert len(found) == len(TRICKY) + 1
    if fmt == "csv":  # an IRI with a comma is one field
        assert sorted(r["s"] for r in found)[0] == "_:b1"
        assert {r["s"] for r in found} >= {f"urn:x:{i},1" for i in range(len(TRICKY))}
    else:
        assert sorted(found, key=str) == sorted(_rows(_ours(memory, query, fmt), fmt), key=str)


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv", "csv"])
@pytest.mark.parametrize("small_budget", [False, True])
def test_row_cap_is_exact(
    store: ox.Store, fmt: str, small_budget: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if small_budget:  # every answer overflows the sink: the rows are counted instead
        monkeypatch.setattr(answers, "BYTES_PER_ROW", 1)
    rows = len(
        json.loads(answer(store, TWINNINGS, "json", "ttl", 10_000)[1])["results"]["bindings"]
    )
    assert len(_rows(answer(store, TWINNINGS, fmt, "ttl", rows)[1], fmt)) == rows
    with pytest.raises(TooLargeError, match=f"more than {rows - 1} rows"):
        answer(store, TWINNINGS, fmt, "ttl", rows - 1)


def test_graphs_and_booleans_are_capped_and_written(store: ox.Store) -> None:
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 7"
    ctype, body = answer(store, construct, "json", "nt", 7)
    assert ctype.startswith("application/n-triples")
    assert len(list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))) == 7
    with pytest.raises(TooLargeError, match="more than 6 triples"):
        answer(store, construct, "json", "nt", 6)
    assert json.loads(answer(store, "ASK { ?s ?p ?o }", "json", "ttl", 1)[1])["boolean"] is True
