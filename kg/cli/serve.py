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
    from kg.errors import UsageError
    from kg.query.store import open_store
    from kg.serve import ServerConfig, serve_forever
    from kg.serve.limits import check_base_url, valid_host

    folder = args.store or paths.store_dir()
    open_store(folder)  # fail early and clearly when there is no build
    try:
        base_url = check_base_url(args.base_url) if args.base_url else None
    except ValueError as exc:
        raise UsageError(str(exc), "give --base-url as http(s)://HOST[:PORT][/PATH]") from exc
    for host in args.allow_service:
        if not valid_host(host.strip("[]") if host.count(":") > 1 else host):
            raise UsageError(f"--allow-service {host!r} is not a host", "give HOST or HOST:PORT")
    for name, value in (("--workers", args.workers), ("--max-body", args.max_body)):
        if value < 1:
            raise UsageError(f"{name} must be at least 1, not {value}")
    config = ServerConfig(
        store=folder,
        out=folder.parent,
        timeout=args.timeout,
        max_rows=args.max_rows,
        workers=args.workers,
        memory_triples=args.memory_triples,
        cache_size=args.cache_size,
        cache_bytes=args.cache_mb * 1024 * 1024,
        queue=args.queue,
        max_body=args.max_body,
        allow_service=tuple(args.allow_service),
        base_url=base_url,
        idle_timeout=args.idle_timeout,
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
    p.add_argument(
        "--timeout", type=float, default=10.0, help="seconds a query may take, waiting included"
    )
    p.add_argument("--max-rows", type=int, default=10000, help="result cap (rows or triples)")
    p.add_argument("--workers", type=int, default=2, help="query worker processes")
    p.add_argument(
        "--memory-triples",
        type=int,
        default=1_000_000,
        help="each worker queries a copy of the store in memory when it has at most this many "
        "triples (0: the store on disk)",
    )
    p.add_argument(
        "--queue", type=int, default=256, help="queries that may wait for a worker (then 503)"
    )
    p.add_argument(
        "--cache-size", type=int, default=512, help="cached answers (0 disables the cache)"
    )
    p.add_argument(
        "--cache-mb",
        type=int,
        default=64,
        help="megabytes each cache (answers, pages, responses) may hold",
    )
    p.add_argument(
        "--max-body",
        type=int,
        default=1_000_000,
        help="bytes of a request body and characters of a query (413 above)",
    )
    p.add_argument(
        "--allow-service",
        nargs="+",
        default=[],
        metavar="HOST",
        help="hosts (HOST or HOST:PORT) a SERVICE clause may call; federation is off without; "
        "a private or loopback address only if listed itself",
    )
    p.add_argument(
        "--base-url",
        default=None,
        help="public address of the server, named in the service description and VoID "
        "[http:// + the request's Host]",
    )
    p.add_argument(
        "--idle-timeout",
        type=float,
        default=5.0,
        help="seconds a connection may stay idle or take to send a request",
    )
    p.set_defaults(handler=_serve)
