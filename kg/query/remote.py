"""Talk to a real triple store: SPARQL 1.1 Protocol queries and Graph Store HTTP Protocol
loads. Standard library HTTP only.

``load_graph`` replaces a named graph as a whole with one HTTP PUT. Stores apply a PUT in a
single transaction (Oxigraph, Jena Fuseki, GraphDB, Virtuoso), so a failed load leaves the
previous version intact; the payload is also parsed locally before anything is sent.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

from kg.errors import InputError, Problem

__all__ = ["DEFAULT_GRAPH", "load_graph", "sparql_request"]

DEFAULT_GRAPH = "https://w3id.org/rujp/graph"


def _fail(url: str, message: str, hint: str) -> InputError:
    return InputError([Problem(url, None, None, message, hint)])


def _open(request: urllib.request.Request, timeout: float) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        body = exc.read().decode("utf-8", "replace")[:500]
        raise _fail(
            request.full_url,
            f"HTTP {exc.code}: {body.strip()}",
            "check the endpoint URL and the request",
        ) from exc
    except (urllib.error.URLError, OSError) as exc:
        raise _fail(
            request.full_url, f"cannot reach the endpoint: {exc}", "is the store running?"
        ) from exc


def sparql_request(
    endpoint: str,
    query: str,
    *,
    accept: str = "application/sparql-results+json",
    default_graph: str | None = None,
    timeout: float = 60.0,
) -> tuple[str, bytes]:
    """POST a query (form-encoded, SPARQL 1.1 Protocol); return (content type, body)."""
    fields = [("query", query)]
    if default_graph:
        fields.append(("default-graph-uri", default_graph))
    request = urllib.request.Request(
        endpoint,
        data=urllib.parse.urlencode(fields).encode("utf-8"),
        headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    _, content_type, body = _open(request, timeout)
    return content_type, body


def load_graph(
    store_endpoint: str, ntriples: bytes, *, graph: str = DEFAULT_GRAPH, timeout: float = 300.0
) -> int:
    """Replace ``graph`` at a Graph Store Protocol endpoint; return the HTTP status."""
    import pyoxigraph as ox

    try:
        for _ in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES):
            pass
    except SyntaxError as exc:
        raise _fail("payload", f"not valid N-Triples: {exc}", "run `kg build` again") from exc
    sep = "&" if "?" in store_endpoint else "?"
    url = f"{store_endpoint}{sep}{urllib.parse.urlencode({'graph': graph})}"
    request = urllib.request.Request(
        url, data=ntriples, headers={"Content-Type": "application/n-triples"}, method="PUT"
    )
    status, _, _ = _open(request, timeout)
    return status
