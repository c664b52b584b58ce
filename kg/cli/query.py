"""Commands that ask the graph: ``kg query``, ``kg queries`` and ``kg load``.

Light on purpose: importing this module loads only argparse and :mod:`kg.formats`; the
handlers import pyoxigraph-based modules when they run, never rdflib or pySHACL.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kg.errors import EXIT_OK, UsageError
from kg.query.auth import PASSWORD_ENV
from kg.vocab.terms import GRAPH_IRI

__all__ = ["register"]

#: Output formats of ``kg query``: a readable table, or a SPARQL 1.1 results format.
QUERY_FORMATS = ("table", "csv", "tsv", "json")


def _params(items: list[str]) -> dict[str, str]:
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--param {item!r}: write key=value")
        out[key.strip()] = value.strip()
    return out


def _warn(message: str) -> None:
    sys.stderr.write(message + "\n")


def _query(args: argparse.Namespace) -> int:
    from kg import paths
    from kg.query.ask import answer, prepare, remote_graph

    params = _params(args.params)
    if args.name is not None and params and not args.endpoint:
        from kg.query.named import get_query, resolve
        from kg.query.store import open_store, select

        store = open_store(args.store or paths.store_dir())
        params = resolve(get_query(args.name), params, lambda sparql: select(store, sparql))
        del store
    question = prepare(file=args.file, expr=args.expr, name=args.name, params=params)
    if args.endpoint:  # standard error, so that CSV, TSV and JSON output stay clean
        target = remote_graph(args.graph)
        _warn(f"# graph: <{target}>" if target else "# graph: the store's default graph")
    elif args.user or args.timeout is not None:
        raise UsageError("--user and --timeout go with --endpoint")
    output = answer(
        question,
        args.format,
        store=None if args.endpoint else (args.store or paths.store_dir()),
        endpoint=args.endpoint,
        graph=args.graph,
        user=args.user,
        timeout=args.timeout,
        warn=_warn,
    )
    sys.stdout.buffer.write(output)
    return EXIT_OK


def _queries(args: argparse.Namespace) -> int:
    if args.format == "json":
        import json

        from kg.query.named import list_queries

        named = list_queries()
        doc = [
            {
                "name": q.name,
                "question": q.question,
                "params": [{"name": p.name, "kind": p.kind, "doc": p.doc} for p in q.params],
                "columns": list(q.columns),
                "note": q.note,
            }
            for q in named
        ]
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    from kg.query.catalogue import listing

    sys.stdout.write(listing())
    return EXIT_OK


def _load(args: argparse.Namespace) -> int:
    from kg import paths
    from kg.query.ask import upload

    done = upload(
        args.out or paths.out_dir(),
        args.endpoint,
        args.graph,
        user=args.user,
        timeout=args.timeout,
    )
    print(f"Loaded {done.triples} triples into <{done.graph}> (HTTP {done.status}).")
    return EXIT_OK


def _timeout(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive number of seconds")
    return value


def _remote_options(p: argparse.ArgumentParser, default_timeout: int) -> None:
    p.add_argument(
        "--user",
        default=None,
        metavar="NAME",
        help=f"log in as NAME (HTTP Basic or Digest); the password is read from ${PASSWORD_ENV}"
        " or asked for, never given on the command line",
    )
    p.add_argument(
        "--timeout",
        type=_timeout,
        default=None,
        metavar="SECONDS",
        help=f"give up when the store stays silent this long [{default_timeout}]",
    )


def register(commands: Any) -> None:
    """Add ``query``, ``queries`` and ``load`` to the command tree."""
    fmt = argparse.ArgumentDefaultsHelpFormatter
    p = commands.add_parser(
        "query",
        help="run a SPARQL query (FILE.rq, -e TEXT or --name NAME) over the built graph",
        description="Run SPARQL over the embedded store (read-only) or a remote endpoint. "
        "CSV, TSV and JSON are the SPARQL 1.1 results formats. Exit 0 answered, 2 bad query, "
        "missing store or failed endpoint.",
        formatter_class=fmt,
    )
    p.add_argument("file", nargs="?", type=Path, default=None, metavar="FILE.rq")
    p.add_argument("-e", "--expr", default=None, help="SPARQL query text")
    p.add_argument("-n", "--name", default=None, help="a named query (see `kg queries`)")
    p.add_argument(
        "-p",
        "--param",
        dest="params",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a parameter of the named query (repeat for several); a place may be given by id "
        "or by name (Niigata, 新潟市), an IRI in full or under id/ (twinning/...)",
    )
    p.add_argument(
        "--format",
        choices=QUERY_FORMATS,
        default="table",
        help="one of: %(choices)s; table is readable (aligned, also with CJK text), csv, tsv "
        "and json are the SPARQL 1.1 results formats (default: %(default)s)",
    )
    p.add_argument("--store", type=Path, default=None, help="store folder [build/store]")
    p.add_argument("--endpoint", default=None, help="query this SPARQL endpoint instead")
    p.add_argument(
        "--graph",
        default=None,
        metavar="IRI",
        help=f"with --endpoint: the named graph to query [{GRAPH_IRI}, the graph `kg load` "
        "fills]; '' for the store's default graph",
    )
    _remote_options(p, 60)
    p.set_defaults(handler=_query)

    p = commands.add_parser(
        "queries",
        help="list the named competency queries with their parameters and columns",
        formatter_class=fmt,
    )
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="output format, one of: %(choices)s (default: %(default)s)",
    )
    p.set_defaults(handler=_queries)

    p = commands.add_parser(
        "load",
        help="push the built graph to a SPARQL 1.1 store (Graph Store Protocol)",
        description="Replace one named graph of a store with the built data and ontology, "
        "in one Graph Store Protocol PUT.",
        formatter_class=fmt,
    )
    p.add_argument("--endpoint", required=True, help="Graph Store HTTP Protocol endpoint")
    p.add_argument("--graph", default=None, help=f"named graph to replace [{GRAPH_IRI}]")
    p.add_argument("--out", type=Path, default=None, help="build folder to load from [build/]")
    _remote_options(p, 300)
    p.set_defaults(handler=_load)
