"""``kg serve``: the SPARQL endpoint, the query page and the dereferenceable resources.

- :mod:`kg.serve.app` -- the HTTP server (Starlette on uvicorn) and its route table;
- :mod:`kg.serve.protocol` -- the HTTP/1.1 connection: deadlines and size limit on headers;
- :mod:`kg.serve.headers` -- the checks of every request and the headers of every response;
- :mod:`kg.serve.limits` -- the federation allow-list, the ``Host`` check, the public address;
- :mod:`kg.serve.workers` -- the query worker processes behind a bounded queue;
- :mod:`kg.serve.answers` -- the answer a worker computes: its store, the row cap, the bytes;
- :mod:`kg.serve.cache` -- the caches, bounded in entries and bytes;
- :mod:`kg.serve.resources` -- resource pages rendered once, cached, with validators;
- :mod:`kg.serve.service` -- the service description and the served VoID;
- :mod:`kg.serve.conneg` -- content negotiation over the formats of :mod:`kg.formats`;
- :mod:`kg.serve.querypage` -- the query page;
- :mod:`kg.serve.config` -- the server's configuration and replies;
- :mod:`kg.serve.pages` -- the RDF and HTML views of a resource.

The names below are imported on first use, so that importing the package (or its
configuration) starts no server machinery.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.lazy import lazy_exports

if TYPE_CHECKING:
    from kg.serve.app import make_server, serve_forever
    from kg.serve.config import Reply, ServerConfig
    from kg.serve.conneg import negotiate
    from kg.serve.pages import (
        LANGS,
        describe,
        iri_path,
        ontology_html,
        resource_html,
        resource_rdf,
    )
    from kg.serve.workers import QueryPool

__all__ = [
    "LANGS",
    "QueryPool",
    "Reply",
    "ServerConfig",
    "describe",
    "iri_path",
    "make_server",
    "negotiate",
    "ontology_html",
    "resource_html",
    "resource_rdf",
    "serve_forever",
]

_HOMES = {
    "make_server": "app",
    "serve_forever": "app",
    "Reply": "config",
    "ServerConfig": "config",
    "negotiate": "conneg",
    "LANGS": "pages",
    "describe": "pages",
    "iri_path": "pages",
    "ontology_html": "pages",
    "resource_html": "pages",
    "resource_rdf": "pages",
    "QueryPool": "workers",
}


__getattr__, __dir__ = lazy_exports(__name__, _HOMES, __all__)
