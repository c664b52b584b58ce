"""RDF serialisations: the writers of the format registry and the pyoxigraph serialiser.

Owns the bytes of every serialisation the project publishes. The dataset writers
(:func:`turtle`, :func:`ntriples`, :func:`nquads`, :func:`trig`, :func:`jsonld`,
:func:`rdfxml`) are named by :data:`kg.formats.FORMATS` and all take the same arguments:
the rdflib graph, its canonical N-Triples and the JSON-LD context file. :func:`export` and
:func:`export_all` go through the registry. :func:`ox_format` is the one mapping from a
registry format to pyoxigraph's :class:`~pyoxigraph.RdfFormat`, and :func:`serialize` the one
pyoxigraph serialiser, used by the server too.

Every output is deterministic and byte-identical on rebuild: the graph has no blank nodes,
triples and quads are sorted, prefixes and namespace declarations are sorted, JSON keys are
ordered, and nothing carries a timestamp. Light at import (pyoxigraph; rdflib is only the
type of the graph passed in).

>>> from kg.paths import data_dir
>>> from kg.graph import build_graph
>>> from kg.tables import load_tables
>>> graph = build_graph(load_tables(data_dir())).graph
>>> export(graph, "nq") == export(graph, "nq")
True
>>> ox_format("rdfxml")
<RdfFormat RDF/XML>
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg import formats
from kg.errors import UsageError
from kg.export.jsonld import default_context, jsonld_bytes, load_context
from kg.export.lines import split_ntriples
from kg.export.provenance import provenance_lines, triples_of
from kg.export.rdf import canonical_ntriples, canonical_turtle
from kg.vocab.terms import PREFIXES

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = [
    "DATASET_FORMATS",
    "export",
    "export_all",
    "jsonld",
    "nquads",
    "ntriples",
    "ox_format",
    "rdfxml",
    "serialize",
    "trig",
    "turtle",
    "turtle_as",
]

#: The formats the whole dataset is published in, by name (``ttl``, ``nt``, ...).
DATASET_FORMATS: dict[str, formats.Format] = {f.name: f for f in formats.dataset_formats()}


def ox_format(name: str) -> ox.RdfFormat:
    """pyoxigraph's format for a graph format of the registry (by name or alias)."""
    fmt = formats.get(name)
    found = ox.RdfFormat.from_media_type(fmt.media_type) if fmt.kind == "graph" else None
    if found is None:
        raise UsageError(f"{fmt.name!r} is not an RDF format")
    return found


def serialize(
    items: Iterable[ox.Triple] | Iterable[ox.Quad],
    fmt: str,
    prefixes: dict[str, str] | None = None,
) -> bytes:
    """Triples or quads in a graph format of the registry, by pyoxigraph, as bytes."""
    data = ox.serialize(items, format=ox_format(fmt), prefixes=prefixes)
    if data is None:  # only when an output stream is given
        raise ValueError("no serialisation produced")
    return data


def turtle_as(data: bytes, fmt: str) -> bytes:
    """Turtle bytes converted to another graph format (unchanged for Turtle)."""
    if formats.get(fmt).name == "ttl":
        return data
    return serialize(ox.parse(data, format=ox.RdfFormat.TURTLE), fmt)


# -- the post-processing that makes pyoxigraph's output canonical ------------------------------


def _sorted_prefixes(turtle: bytes) -> bytes:
    """Turtle/TriG with its leading ``@prefix`` lines sorted (pyoxigraph writes them in
    hash-map order)."""
    lines = turtle.decode("utf-8").split("\n")
    n = 0
    while n < len(lines) and lines[n].startswith("@prefix "):
        n += 1
    return "\n".join([*sorted(lines[:n]), *lines[n:]]).encode("utf-8")


_XMLNS = re.compile(r' xmlns(?::[A-Za-z_][\w.-]*)?="[^"]*"')


def _sorted_xmlns(xml: bytes) -> bytes:
    """RDF/XML with the namespace declarations of its root element sorted."""
    text = xml.decode("utf-8")
    start = text.index("<rdf:RDF")
    end = text.index(">", start)
    root = text[start:end]
    declarations = _XMLNS.findall(root)
    rest = _XMLNS.sub("", root)
    return (text[:start] + rest + "".join(sorted(declarations)) + text[end:]).encode("utf-8")


# -- the writers of the dataset formats ---------------------------------------------------------


def turtle(graph: Graph, nt: bytes, context: Path | None = None) -> bytes:
    """Canonical Turtle (:mod:`kg.export.turtle`), written from the sorted lines ``nt``."""
    return canonical_turtle(graph, nt)


def ntriples(graph: Graph, nt: bytes, context: Path | None = None) -> bytes:
    """Canonical N-Triples: the sorted lines ``nt`` themselves."""
    return nt


@functools.lru_cache(maxsize=1)
def _provenance(nt: bytes) -> dict[str, list[bytes]]:
    """The provenance dataset of ``nt`` (:func:`~kg.export.provenance.provenance_lines`),
    computed once for the N-Quads and TriG writers."""
    return provenance_lines(split_ntriples(nt))


def nquads(graph: Graph, nt: bytes, context: Path | None = None) -> bytes:
    """N-Quads with provenance named graphs, lines sorted."""
    lines = sorted(line for lines in _provenance(nt).values() for line in lines)
    return b"\n".join(lines) + b"\n"


def trig(graph: Graph, nt: bytes, context: Path | None = None) -> bytes:
    """TriG with provenance named graphs and the project's prefixes, sorted."""
    graphs = _provenance(nt)
    text = b"".join(line + b"\n" for g in sorted(graphs) for line in graphs[g])
    quads = ox.parse(text, format=ox.RdfFormat.N_QUADS)
    return _sorted_prefixes(serialize(quads, "trig", PREFIXES))


def jsonld(graph: Graph, nt: bytes, context: Path | None = None) -> bytes:
    """Compact JSON-LD with the context file ``context`` [``ontology/context.jsonld``]."""
    ctx = load_context(context) if context else default_context()
    return jsonld_bytes(triples_of(nt), ctx)


def rdfxml(graph: Graph, nt: bytes, context: Path | None = None) -> bytes:
    """RDF/XML with the project's prefixes, namespace declarations sorted."""
    return _sorted_xmlns(serialize(triples_of(nt), "rdfxml", PREFIXES))


# -- entry points --------------------------------------------------------------------------------


def export(graph: Graph, fmt: str, *, context: Path | None = None) -> bytes:
    """The graph serialised in a dataset format (``ttl``, ``nt``, ``nq``, ``trig``, ``jsonld``,
    ``rdfxml``); ``context`` is the JSON-LD context file [``ontology/context.jsonld``]."""
    if fmt not in DATASET_FORMATS:
        raise UsageError(f"unknown format {fmt!r}; use one of {', '.join(DATASET_FORMATS)}")
    writer = DATASET_FORMATS[fmt].load()
    data: bytes = writer(graph, canonical_ntriples(graph), context)
    return data


def export_all(
    graph: Graph, *, context: Path | None = None, ntriples: bytes | None = None
) -> dict[str, bytes]:
    """Every dataset serialisation of the graph, by format name, in registry order.

    ``ntriples`` is the graph's canonical N-Triples when the caller has it already."""
    nt = ntriples if ntriples is not None else canonical_ntriples(graph)
    try:
        return {name: fmt.load()(graph, nt, context) for name, fmt in DATASET_FORMATS.items()}
    finally:
        _provenance.cache_clear()  # the quads' lines are as large as the N-Quads file
