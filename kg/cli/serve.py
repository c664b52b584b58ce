"""``kg serve``: the SPARQL endpoint, query page and resource pages of the built graph.

A busy port or an unreadable store is said in one line by :func:`kg.cli.main` (exit 2).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kg.errors import EXIT_OK, OperatingSystemError

__all__ = ["register"]


def _serve(args: argparse.Namespace) -> int:
    from kg import paths
    from kg.query.store import open_store
    from kg.serve import ServerConfig, serve_forever

    folder = args.store or paths.store_dir()
    open_store(folder)  # fail early and clearly when there is no build
    config = ServerConfig(
        store=folder,
        out=folder.parent,
        timeout=args.timeout,
        max_rows=args.max_rows,
        workers=args.workers,
        cache_size=args.cache_size,
    )
    try:
        serve_forever(args.host, args.port, config)
    except OSError as exc:
        if exc.filename:
            raise
        where = f"{args.host}:{args.port}"
        raise OperatingSystemError.from_os_error(exc, where=where) from exc
    return EXIT_OK


def register(commands: Any) -> None:
    """Add ``serve`` to the command tree."""
    p = commands.add_parser(
        "serve",
        help="serve the graph: SPARQL endpoint, query page, resource pages",
        description="SPARQL 1.1 Protocol endpoint at /sparql, query page at /, resource "
        "pages at /id/..., ontology at /ontology.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on")
    p.add_argument("--port", type=int, default=8000, help="port to listen on")
    p.add_argument("--store", type=Path, default=None, help="store folder [build/store]")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run")
    p.add_argument("--max-rows", type=int, default=10000, help="result cap (rows or triples)")
    p.add_argument("--workers", type=int, default=2, help="query worker processes")
    p.add_argument(
        "--cache-size", type=int, default=512, help="cached answers (0 disables the cache)"
    )
    p.set_defaults(handler=_serve)
