"""One question, asked: a query from a file, a text or a name, answered locally or remotely.

Owns what ``kg query`` does between reading its options and printing: pick the query text
(a ``.rq`` file, an expression or a named query with typed parameters bound as RDF terms),
run it over the embedded store or send it to a remote SPARQL endpoint, and render the
answer (table, CSV, TSV or JSON); and what ``kg load`` does (:func:`upload`). Remote calls
ask the project's named graph by default (:data:`kg.query.remote.DEFAULT_GRAPH`, the graph
``kg load`` replaces), log in when given a user (:mod:`kg.query.auth`), and say through
``warn`` when an empty answer comes from an empty or absent graph. Light: pyoxigraph and
the standard library only.

>>> from kg.paths import store_dir
>>> q = prepare(name="conferences")
>>> answer(q, "csv", store=store_dir()).splitlines()[0]
b'number,start,end,host,host_label,host_country'
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from kg.errors import InputError, Problem, RemoteError, UsageError

if TYPE_CHECKING:
    from kg.query.auth import Credentials

__all__ = ["Question", "Upload", "answer", "prepare", "remote_graph", "upload"]


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


def remote_graph(graph: str | None) -> str | None:
    """The named graph a remote call asks: ``graph``, the project's graph when ``None``, no
    graph at all (the store's own default graph) when empty.

    >>> remote_graph(None)
    'https://w3id.org/rujp/graph'
    >>> remote_graph(""), remote_graph("urn:g")
    (None, 'urn:g')
    """
    from kg.vocab.terms import GRAPH_IRI

    if graph is None:
        return GRAPH_IRI
    return graph or None


def _login(user: str | None, password: str | None, endpoint: str) -> Credentials | None:
    from kg.query.auth import Credentials, credentials

    if user and password is not None:
        return Credentials(user, password)
    return credentials(user, where=endpoint)


def _empty(ctype: str, body: bytes) -> bool:
    """Whether a remote answer has no rows (SELECT) or no triples (CONSTRUCT, DESCRIBE)."""
    if "sparql-results+json" not in ctype:
        return not body.strip()
    from kg.query.store import parse_remote

    result = parse_remote(body)
    return hasattr(result, "variables") and next(iter(result), None) is None


def _ask_remote(
    question: Question,
    fmt: str,
    endpoint: str,
    graph: str | None,
    auth: Credentials | None,
    timeout: float | None,
    warn: Callable[[str], None] | None,
) -> bytes:
    from kg.query.named import with_values
    from kg.query.remote import graph_has_triples, sparql_request
    from kg.query.store import parse_remote, render

    target = remote_graph(graph)
    ctype, body = sparql_request(
        endpoint,
        with_values(question.text, question.terms),
        accept="application/sparql-results+json, application/n-triples;q=0.9",
        default_graph=target,
        timeout=timeout,
        auth=auth,
    )
    try:
        output = render(parse_remote(body), fmt) if "sparql-results+json" in ctype else body
        empty = _empty(ctype, body)
    except (SyntaxError, ValueError) as exc:
        raise RemoteError(
            endpoint, f"the answer is not SPARQL JSON results: {exc}", "is it a query endpoint?"
        ) from exc
    if warn is None or target is None or not empty:
        return output
    if not graph_has_triples(endpoint, target, timeout=timeout, auth=auth):
        warn(
            f"[WARNING] {endpoint} the graph <{target}> is empty or absent, so nothing can "
            "match -> load it with `kg load --endpoint STORE`, or name the graph that holds "
            "the data with --graph"
        )
    return output


def answer(
    question: Question,
    fmt: str,
    *,
    store: Path | None = None,
    endpoint: str | None = None,
    graph: str | None = None,
    user: str | None = None,
    password: str | None = None,
    timeout: float | None = None,
    warn: Callable[[str], None] | None = None,
) -> bytes:
    """The rendered answer from the embedded ``store`` or from a remote ``endpoint``.

    Remotely, the question is asked inside ``graph`` (see :func:`remote_graph`), as ``user``
    (password given, else from ``$KG_PASSWORD`` or a prompt), with a ``timeout`` in seconds
    (``None``: :data:`kg.query.remote.QUERY_TIMEOUT`).
    When the answer is empty because the graph is empty or absent, ``warn`` is told.
    """
    from kg.query.store import open_store, render, run

    if endpoint:
        auth = _login(user, password, endpoint)
        return _ask_remote(question, fmt, endpoint, graph, auth, timeout, warn)
    if store is None:
        raise UsageError("no store to query", "give --store or run `kg build` first")
    result = run(open_store(store), question.text, source=question.source, bindings=question.terms)
    return render(result, fmt)


class Upload(NamedTuple):
    """What :func:`upload` sent: the number of triples, the graph and the HTTP status."""

    triples: int
    graph: str
    status: int


def upload(
    out: Path,
    endpoint: str,
    graph: str | None = None,
    *,
    user: str | None = None,
    password: str | None = None,
    timeout: float | None = None,
) -> Upload:
    """Replace a named graph of a remote store with the built data and ontology, logged in
    as ``user`` when given (password given, else from ``$KG_PASSWORD`` or a prompt)."""
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
    auth = _login(user, password, endpoint)
    status = load_graph(endpoint, payload, graph=target, auth=auth, timeout=timeout)
    triples = sum(1 for line in data.splitlines() if line.strip()) + len(ontology)
    return Upload(triples, target, status)
