"""Talk to a real triple store: SPARQL 1.1 Protocol queries and Graph Store HTTP Protocol
loads. Standard library HTTP only.

``load_graph`` replaces a named graph as a whole with one HTTP PUT. Stores apply a PUT in a
single transaction (Oxigraph, Jena Fuseki, GraphDB, Virtuoso), so a failed load leaves the
previous version intact; the payload is also parsed locally before anything is sent.
Queries are sent as a form-encoded POST (a POST of ``application/sparql-query`` hangs on
Virtuoso). Every call has a client-side timeout; a store that does not answer in time, cannot
be reached, refuses, or cuts an answer at its row limit (Virtuoso's ``ResultSetMaxRows``,
signalled only by an ``X-SPARQL-MaxRows`` header on an HTTP 200; or an "anytime" partial
answer, signalled by ``X-SQL-State``) raises
:class:`kg.errors.RemoteError` — never a silently shortened answer. Credentials
(:mod:`kg.query.auth`) answer Basic and Digest challenges.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from typing import NamedTuple

from kg.errors import InputError, Problem, RemoteError, UsageError
from kg.query.auth import PASSWORD_ENV, Credentials, authorization, opener
from kg.vocab import terms

__all__ = [
    "DEFAULT_GRAPH",
    "LOAD_TIMEOUT",
    "MAX_ROWS_HEADER",
    "QUERY_TIMEOUT",
    "Reply",
    "graph_has_triples",
    "load_graph",
    "sparql_request",
]

#: The named graph ``kg load`` replaces and ``kg query --endpoint`` asks by default.
DEFAULT_GRAPH = terms.GRAPH_IRI
#: Seconds a store may stay silent before a query is given up.
QUERY_TIMEOUT = 60.0
#: Seconds a store may stay silent before a load is given up.
LOAD_TIMEOUT = 300.0
#: The response header by which Virtuoso says it cut an answer at ``ResultSetMaxRows``.
MAX_ROWS_HEADER = "X-SPARQL-MaxRows"


class Reply(NamedTuple):
    """What a store answered: HTTP status, content type, the headers that say an answer
    is incomplete (row limit; Virtuoso's "anytime" partial answers), body."""

    status: int
    content_type: str
    max_rows: str | None
    sql_state: str | None
    body: bytes


def _refusal_hint(code: int, auth: Credentials | None) -> str:
    if code == 401:
        if auth is None:
            return f"the store wants a login: give --user NAME (password in ${PASSWORD_ENV})"
        return f"check the user name and the password (${PASSWORD_ENV})"
    if code == 403:
        return (
            "this user may not do that here: use the store's authenticated endpoint with "
            "--user (Virtuoso: /sparql-graph-crud-auth as dba)"
        )
    if code == 404:
        return "check the endpoint URL (query and graph store endpoints differ)"
    return "check the endpoint URL and the request"


def _open(
    request: urllib.request.Request, timeout: float, auth: Credentials | None = None
) -> Reply:
    url = request.full_url
    try:
        with opener(auth, url).open(request, timeout=timeout) as response:
            headers = response.headers
            return Reply(
                response.status,
                headers.get("Content-Type", ""),
                headers.get(MAX_ROWS_HEADER),
                headers.get("X-SQL-State"),
                response.read(),
            )
    except urllib.error.HTTPError as exc:
        body = exc.read().decode("utf-8", "replace")[:2000] if exc.fp else ""
        if "<" in body:  # an HTML error page: keep its words (Virtuoso puts them in <xmp>)
            body = re.sub(r"<title>.*?</title>|<[^>]*>", " ", body, flags=re.I | re.S)
        message = f"HTTP {exc.code}: {' '.join(body.split())[:300] or exc.reason}"
        raise RemoteError(url, message, _refusal_hint(exc.code, auth)) from exc
    except OSError as exc:  # URLError, TimeoutError, connection errors
        raise _unreachable(url, exc, timeout) from exc


def _timed_out(exc: OSError) -> bool:
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    return isinstance(reason, TimeoutError)


def _unreachable(url: str, exc: OSError, timeout: float) -> RemoteError:
    """The error for a store that did not answer in time or could not be reached."""
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if _timed_out(exc):
        return RemoteError(
            url,
            f"no answer within {timeout:g} s",
            "is the store busy or the request heavy? give it more time with --timeout",
        )
    return RemoteError(url, f"cannot reach the endpoint: {reason}", "is the store running?")


def _challenges(url: str, header: str | None, timeout: float) -> list[str] | None:
    """The login challenges of a HEAD request to ``url`` (``header``: its Authorization),
    ``None`` when the server does not answer 401 (HEAD changes nothing in a graph store)."""
    request = urllib.request.Request(url, method="HEAD")
    if header:
        request.add_unredirected_header("Authorization", header)
    try:
        with urllib.request.build_opener().open(request, timeout=timeout):
            return None
    except urllib.error.HTTPError as exc:
        return (exc.headers.get_all("WWW-Authenticate") or []) if exc.code == 401 else None
    except OSError as exc:
        if _timed_out(exc):  # do not wait a second time for the request itself
            raise _unreachable(url, exc, timeout) from exc
        return None  # the request itself will say what is wrong


def _sign(request: urllib.request.Request, auth: Credentials | None, timeout: float) -> None:
    """Log in before a large body is sent, so that it is sent once and only when welcome.

    Some stores (Virtuoso) answer a request that needs a login with 401 and close the
    connection while the body is still being sent: the client then sees a broken pipe
    instead of the answer. So: ask with a bodiless HEAD which login the store wants (none:
    send as is; one but no credentials: say so), check the credentials with a signed HEAD
    (a refusal is reported as such), and sign ``request`` against a fresh challenge.
    """
    url = request.full_url
    challenges = _challenges(url, None, timeout)
    if challenges is None:
        return  # no login asked: the request goes as it is
    if auth is None:
        raise RemoteError(url, "HTTP 401: the store wants a login", _refusal_hint(401, auth))
    header = authorization(auth, challenges, "HEAD", url)
    if header is None:
        return  # a login scheme we cannot answer in advance: the opener will try
    if _challenges(url, header, timeout) is not None:
        raise RemoteError(url, "HTTP 401: the login was refused", _refusal_hint(401, auth))
    fresh = _challenges(url, None, timeout) or challenges
    signed = authorization(auth, fresh, request.get_method(), url)
    if signed:
        request.add_unredirected_header("Authorization", signed)


def sparql_request(
    endpoint: str,
    query: str,
    *,
    accept: str = "application/sparql-results+json",
    default_graph: str | None = None,
    timeout: float | None = None,
    auth: Credentials | None = None,
) -> tuple[str, bytes]:
    """POST a query (form-encoded, SPARQL 1.1 Protocol); return (content type, body).

    ``default_graph`` is sent as ``default-graph-uri``; ``timeout`` defaults to
    :data:`QUERY_TIMEOUT`. An answer the store cut at its row
    limit is a :class:`~kg.errors.RemoteError`.
    """
    timeout = QUERY_TIMEOUT if timeout is None else timeout
    fields = [("query", query)]
    if default_graph:
        fields.append(("default-graph-uri", default_graph))
    request = urllib.request.Request(
        endpoint,
        data=urllib.parse.urlencode(fields).encode("utf-8"),
        headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    reply = _open(request, timeout, auth)
    if reply.max_rows is not None:
        raise RemoteError(
            endpoint,
            f"the store cut the answer at its row limit of {reply.max_rows} rows "
            f"({MAX_ROWS_HEADER} header)",
            "raise the limit (Virtuoso: ResultSetMaxRows in the [SPARQL] section of "
            "virtuoso.ini) or page the query with LIMIT and OFFSET",
        )
    if reply.sql_state is not None:  # Virtuoso stopped at MaxQueryExecutionTime
        raise RemoteError(
            endpoint,
            f"the store returned an incomplete answer (X-SQL-State {reply.sql_state})",
            "raise MaxQueryExecutionTime in the [SPARQL] section of virtuoso.ini, or "
            "narrow the query",
        )
    return reply.content_type, reply.body


def graph_has_triples(
    endpoint: str,
    graph: str,
    *,
    timeout: float | None = None,
    auth: Credentials | None = None,
) -> bool:
    """Whether the named ``graph`` of the store behind ``endpoint`` holds any triple: a
    cheap one-row SELECT inside that graph, never over the store's own system triples (a
    SELECT rather than an ASK, whose JSON form Virtuoso writes as a one-column table)."""
    import pyoxigraph as ox

    try:
        iri = str(ox.NamedNode(graph))  # validated and serialised, never pasted
    except ValueError as exc:
        raise UsageError(f"--graph {graph}: not an IRI ({exc})", "give an absolute IRI") from exc
    _, body = sparql_request(
        endpoint,
        f"SELECT ?s WHERE {{ GRAPH {iri} {{ ?s ?p ?o }} }} LIMIT 1",
        accept="application/sparql-results+json",
        timeout=timeout,
        auth=auth,
    )
    try:
        rows = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError):
        rows = None
    if not isinstance(rows, ox.QuerySolutions):
        raise RemoteError(
            endpoint, "the answer is not SPARQL JSON results", "is it a query endpoint?"
        )
    return next(iter(rows), None) is not None


def load_graph(
    store_endpoint: str,
    ntriples: bytes,
    *,
    graph: str = DEFAULT_GRAPH,
    timeout: float | None = None,
    auth: Credentials | None = None,
) -> int:
    """Replace ``graph`` at a Graph Store Protocol endpoint; return the HTTP status.
    ``timeout`` defaults to :data:`LOAD_TIMEOUT`.

    A payload that is not N-Triples is an :class:`~kg.errors.InputError` (nothing is sent);
    a store that refuses or fails is a :class:`~kg.errors.RemoteError`.
    """
    import pyoxigraph as ox

    timeout = LOAD_TIMEOUT if timeout is None else timeout
    try:
        for _ in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES):
            pass
    except SyntaxError as exc:
        raise InputError(
            [Problem("payload", None, None, f"not valid N-Triples: {exc}", "run `kg build` again")]
        ) from exc
    sep = "&" if "?" in store_endpoint else "?"
    url = f"{store_endpoint}{sep}{urllib.parse.urlencode({'graph': graph})}"
    request = urllib.request.Request(
        url, data=ntriples, headers={"Content-Type": "application/n-triples"}, method="PUT"
    )
    _sign(request, auth, timeout)
    return _open(request, timeout, auth).status
