"""Helpers shared by the test modules (test modules never import each other)."""

from __future__ import annotations

import contextlib
import csv
import io
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph

from kg.cli import main

__all__ = [
    "FIXTURES",
    "ONTOLOGY_DOCS",
    "SHACL_ANSWERS",
    "SHAPE_FIXTURES",
    "CliResult",
    "documentation_once",
    "dump_shacl_answers",
    "fixture_graph",
    "graph_key",
    "install_shacl_answers",
    "publish_killed_at",
    "pyshacl_once",
    "run_cli",
]

SHAPE_FIXTURES = Path(__file__).resolve().parent / "shapes"


@dataclass(frozen=True)
class CliResult:
    """What one ``kg`` command did: its exit code and what it printed."""

    exit_code: int
    stdout_bytes: bytes
    stderr_bytes: bytes

    @property
    def stdout(self) -> str:
        return self.stdout_bytes.decode("utf-8")

    @property
    def stderr(self) -> str:
        return self.stderr_bytes.decode("utf-8")

    @property
    def output(self) -> str:
        """Standard output, then standard error (for assertion messages)."""
        return self.stdout + self.stderr


@contextlib.contextmanager
def _captured() -> Iterator[tuple[io.BytesIO, io.BytesIO]]:
    out, err = io.BytesIO(), io.BytesIO()
    saved = sys.stdout, sys.stderr
    wrappers = (
        io.TextIOWrapper(out, encoding="utf-8", write_through=True),
        io.TextIOWrapper(err, encoding="utf-8", write_through=True),
    )
    sys.stdout, sys.stderr = wrappers
    try:
        yield out, err
    finally:
        sys.stdout, sys.stderr = saved
        for wrapper in wrappers:
            wrapper.flush()
            wrapper.detach()  # keep the buffers open for reading


def run_cli(args: Sequence[str]) -> CliResult:
    """Run ``kg ARGS`` in this process, capturing its output as bytes; never raises
    ``SystemExit`` (argparse's usage errors become exit code 2)."""
    with _captured() as (out, err):
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return CliResult(code, out.getvalue(), err.getvalue())


def _fixtures() -> dict[str, tuple[Graph, Graph]]:
    ds = Dataset()
    ds.parse(SHAPE_FIXTURES / "fixtures.trig", format="trig")
    out: dict[str, tuple[Graph, Graph]] = {}
    for graph in ds.graphs():
        name = str(graph.identifier)
        if not name.startswith("urn:fixture:"):
            continue
        _, _, shape, op = name.split(":")
        remove, add = out.get(shape, (Graph(), Graph()))
        target = add if op == "add" else remove
        for triple in graph:
            target.add(triple)
        out[shape] = (remove, add)
    return out


FIXTURES = _fixtures()


def fixture_graph(name: str) -> Graph:
    """valid.ttl with fixture ``name`` applied (its triples removed, then added)."""
    remove, add = FIXTURES[name]
    data = Graph().parse(SHAPE_FIXTURES / "valid.ttl")
    for triple in remove:
        assert triple in data, f"fixture {name} removes a triple valid.ttl does not have"
        data.remove(triple)
    for triple in add:
        data.add(triple)
    return data


def blank_cells(path: Path, key: str, value: str, fields: tuple[str, ...]) -> None:
    """Blank ``fields`` of the rows of table ``path`` whose ``key`` column is ``value``, and
    drop those fields from their per-value citations (a blank value cites nothing)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        names = list(reader.fieldnames or [])
        rows = list(reader)
    hit = [r for r in rows if r[key] == value]
    assert hit, f"{value} not in {path.name}"
    for row in hit:
        for name in fields:
            row[name] = ""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    # a blanked value has no sources any more: drop it from its per-value citations
    keys = {f"{r['series']}/{r['number']}" if "series" in r else r[key] for r in hit}
    citations = path.parent / "citations.csv"
    with citations.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        names = list(reader.fieldnames or [])
        cited = []
        for row in reader:
            if row["table"] == path.stem and row["key"] in keys:
                left = [f for f in row["field"].split(";") if f not in fields]
                if not left:
                    continue
                row["field"] = ";".join(left)
            cited.append(row)
    with citations.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        writer.writerows(cited)


def running_server(built_out: Path, **options: object) -> Iterator[Any]:
    """A ``kg serve`` server on a free port over the build in ``built_out`` (``options`` go
    to :class:`~kg.serve.config.ServerConfig`), serving in a thread until the generator is
    closed; yields the server (its URL is ``http://127.0.0.1:<server_port>``)."""
    import threading

    from kg.serve.app import make_server
    from kg.serve.config import ServerConfig

    config = ServerConfig(store=built_out / "store", out=built_out, **options)  # type: ignore[arg-type]
    server = make_server("127.0.0.1", 0, config)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def graph_key(graph: Graph) -> str:
    """A digest of ``graph``'s triples that two isomorphic graphs share: each blank node
    stands for the (recursive) digest of what it says, so a freshly parsed copy of the same
    shapes gets the same key. Blank nodes in a cycle make the key unique (never a false hit)."""
    import hashlib

    from rdflib import BNode

    signatures: dict[BNode, str] = {}
    visiting: set[BNode] = set()

    def key(term: Any) -> str:
        if not isinstance(term, BNode):
            return str(term.n3())
        if term in signatures:
            return signatures[term]
        if term in visiting:
            raise _CyclicError
        visiting.add(term)
        lines = sorted(f"{key(p)} {key(o)}" for p, o in graph.predicate_objects(term))
        visiting.discard(term)
        signatures[term] = "_:" + hashlib.sha256("\n".join(lines).encode()).hexdigest()
        return signatures[term]

    try:
        lines = sorted(f"{key(s)} {key(p)} {key(o)}" for s, p, o in graph)
    except _CyclicError:
        return f"unique:{id(graph)}:{len(graph)}"
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


class _CyclicError(Exception):
    """Blank nodes that refer to each other in a cycle (no content digest)."""


#: The ontology documentation made in this process, by :func:`graph_key` of the ontology.
ONTOLOGY_DOCS: dict[str, bytes] = {}


def documentation_once(
    original: Callable[[Graph], bytes], made: dict[str, bytes]
) -> Callable[[Graph], bytes]:
    """``original`` (:func:`kg.export.docs.ontology_documentation`) computed once per
    ontology content: ``made`` keeps each answer by :func:`graph_key` of the ontology."""

    def documentation(ontology: Graph) -> bytes:
        key = graph_key(ontology)
        if key not in made:
            made[key] = original(ontology)
        return made[key]

    return documentation


#: Graphs of at least this many triples are whole builds (the real graph has about 13,000);
#: smaller ones (the shape fixtures) are kept per fixture by the ``fixture_report`` fixture.
WHOLE_GRAPH = 5_000

#: pySHACL's answers for whole graphs in this process, by :func:`graph_key` of the data graph
#: and of the shapes graph and by the options: (conforms, results graph, text).
SHACL_ANSWERS: dict[tuple[str, str, str], tuple[Any, Graph, Any]] = {}


def pyshacl_once(
    original: Callable[..., Any], answers: dict[tuple[str, str, str], tuple[Any, Graph, Any]]
) -> Callable[..., Any]:
    """``original`` (:func:`pyshacl.validate`) computed once per whole data graph, shapes
    graph and options: ``answers`` keeps each answer by content and hands out a copy of its
    results graph. A graph that differs in any triple is validated anew; small graphs and
    calls without a shapes graph go straight to ``original``."""

    def validate(data_graph: Graph, *args: Any, **kwargs: Any) -> Any:
        shapes = kwargs.get("shacl_graph")
        if (
            args
            or not isinstance(data_graph, Graph)
            or not isinstance(shapes, Graph)
            or len(data_graph) < WHOLE_GRAPH
        ):
            return original(data_graph, *args, **kwargs)
        options = repr(sorted((k, v) for k, v in kwargs.items() if k != "shacl_graph"))
        key = (graph_key(data_graph), graph_key(shapes), options)
        if key not in answers:
            answers[key] = original(data_graph, *args, **kwargs)
        conforms, results, text = answers[key]
        copy = Graph()
        copy.addN((s, p, o, copy) for s, p, o in results)
        return conforms, copy, text

    return validate


def dump_shacl_answers(path: Path) -> None:
    """Write the pySHACL answers of this process (:data:`SHACL_ANSWERS`) to ``path``, the
    results graphs as N-Triples, for :func:`install_shacl_answers` in another process."""
    import pickle

    answers = {
        key: (bool(conforms), results.serialize(format="nt", encoding="utf-8"), text)
        for key, (conforms, results, text) in SHACL_ANSWERS.items()
    }
    path.write_bytes(pickle.dumps(answers))


def install_shacl_answers(path: str) -> None:
    """In another process (a notebook's kernel): answer :func:`pyshacl.validate` from the
    answers :func:`dump_shacl_answers` wrote to ``path`` for the same content, as this
    process would (:func:`pyshacl_once`); any other input is validated by pySHACL."""
    import pickle

    import pyshacl

    for key, (conforms, ntriples, text) in pickle.loads(Path(path).read_bytes()).items():
        SHACL_ANSWERS[key] = (conforms, Graph().parse(data=ntriples, format="nt"), text)
    pyshacl.validate = pyshacl_once(pyshacl.validate, SHACL_ANSWERS)


def _publish_and_die(
    nt: str, data: str, ontology: str, out: str, point: int, docs: dict[str, bytes]
) -> None:
    """In a child process: publish the graph of ``nt`` into ``out`` and kill this process
    with SIGKILL after ``point`` steps (odd points: 5 ms later, in the middle of the next
    step). ``docs``: the ontology documentation the parent made, by ontology content."""
    import importlib
    import os
    import signal
    import threading

    from kg.graph import new_graph
    from kg.pipeline import publish

    publishing = importlib.import_module("kg.export.publish")
    publishing.ontology_documentation = documentation_once(
        publishing.ontology_documentation, dict(docs)
    )

    graph = new_graph().parse(nt, format="nt")
    steps = [0]

    def step(_: str) -> None:
        steps[0] += 1
        if steps[0] == point // 2 + 1:
            if point % 2:
                threading.Timer(0.005, os.kill, (os.getpid(), signal.SIGKILL)).start()
            else:
                os.kill(os.getpid(), signal.SIGKILL)

    publish(graph, Path(data), Path(ontology), Path(out), step=step)


def publish_killed_at(nt: Path, data: Path, ontology: Path, out: Path, point: int) -> int:
    """Publish the graph of ``nt`` into ``out`` in another process killed with SIGKILL after
    ``point`` steps; return that process's exit code (``-SIGKILL`` when it was killed).

    The process is forked from a server process that has imported the pipeline once
    (multiprocessing's ``forkserver``), so each attempt starts in milliseconds; the server
    never opened a store, so no storage thread is lost in the fork. The ontology
    documentation this process made is handed over (:func:`documentation_once`).
    """
    import multiprocessing

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.helpers", "kg.pipeline", "kg.export", "pyoxigraph"])
    process = context.Process(
        target=_publish_and_die,
        args=(str(nt), str(data), str(ontology), str(out), point, ONTOLOGY_DOCS),
    )
    process.start()
    process.join()
    assert process.exitcode is not None
    return process.exitcode
