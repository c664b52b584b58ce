"""One question, asked: a query from a file, a text or a name, answered locally or remotely.

Owns what ``kg query`` does between reading its options and printing: pick the query text
(a ``.rq`` file, an expression or a named query with typed parameters bound as RDF terms),
run it over the embedded store or send it to a remote SPARQL endpoint, and render the
answer (table, CSV, TSV or JSON). Light: pyoxigraph and the standard library only.

>>> from kg.paths import store_dir
>>> q = prepare(name="conferences")
>>> answer(q, "csv", store=store_dir()).splitlines()[0]
b'number,start,end,host,host_label,host_country'
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from kg.errors import InputError, Problem, UsageError

__all__ = ["Question", "answer", "prepare", "upload"]


class Question(NamedTuple):
    """A query text, where it came from (for error messages) and its bound parameters."""

    text: str
    source: str
    terms: dict[str, Any] = {}  # noqa: RUF012 (never mutated)


def prepare(
    *,
    file: Path | None = None,
    expr: str | None = None,
    name: str | None = None,
    params: dict[str, str] | None = None,
) -> Question:
    """The question to ask: exactly one of ``file``, ``expr`` or ``name``.

    ``params`` (for a named query) are checked against the query's declared parameters.
    """
    if sum(x is not None for x in (file, expr, name)) != 1:
        raise UsageError("give exactly one of FILE.rq, -e 'SPARQL' or --name NAME")
    if params and name is None:
        raise UsageError("--param goes with --name")
    if name is not None:
        from kg.query.named import bind, get_query

        named = get_query(name)
        return Question(named.text, f"--name {name}", bind(named, params or {}))
    if file is not None:
        if not file.is_file():
            raise InputError([Problem(str(file), None, None, "file is missing", "check the path")])
        return Question(file.read_text(encoding="utf-8"), str(file))
    return Question(str(expr), "-e")


def answer(
    question: Question,
    fmt: str,
    *,
    store: Path | None = None,
    endpoint: str | None = None,
    graph: str | None = None,
) -> bytes:
    """The rendered answer from the embedded ``store`` or from a remote ``endpoint``."""
    from kg.query.store import open_store, parse_remote, render, run

    if endpoint:
        from kg.query.named import with_values
        from kg.query.remote import sparql_request

        ctype, body = sparql_request(
            endpoint,
            with_values(question.text, question.terms),
            accept="application/sparql-results+json, application/n-triples;q=0.9",
            default_graph=graph,
        )
        return render(parse_remote(body), fmt) if "sparql-results+json" in ctype else body
    if store is None:
        raise UsageError("no store to query", "give --store or run `kg build` first")
    result = run(open_store(store), question.text, source=question.source, bindings=question.terms)
    return render(result, fmt)


class Upload(NamedTuple):
    """What :func:`upload` sent: the number of triples, the graph and the HTTP status."""

    triples: int
    graph: str
    status: int


def upload(out: Path, endpoint: str, graph: str | None = None) -> Upload:
    """Replace a named graph of a remote store with the built data and ontology."""
    import pyoxigraph as ox

    from kg.paths import NTRIPLES_FILE, ONTOLOGY_COPY
    from kg.query.remote import DEFAULT_GRAPH, load_graph

    files = [out / NTRIPLES_FILE, out / ONTOLOGY_COPY]
    missing = [f for f in files if not f.is_file()]
    if missing:
        raise InputError(
            [Problem(str(f), None, None, "missing", "run `kg build` first") for f in missing]
        )
    data = files[0].read_bytes()
    ontology = list(ox.parse(files[1].read_bytes(), format=ox.RdfFormat.TURTLE))
    payload = data + (ox.serialize(ontology, format=ox.RdfFormat.N_TRIPLES) or b"")
    target = graph or DEFAULT_GRAPH
    status = load_graph(endpoint, payload, graph=target)
    triples = sum(1 for line in data.splitlines() if line.strip()) + len(ontology)
    return Upload(triples, target, status)
