"""Commands over the network projections: ``kg network ...``, ``kg plot`` and ``kg view``.

Every command reads the built graph (``build/rujp.nt``, or ``--rdf FILE``); a missing or
unreadable file is an input error (exit 2). NetworkX, matplotlib and rdflib are imported by
the handlers, never by this module.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kg.errors import EXIT_OK, UsageError

__all__ = ["register"]

# The choices repeat the library's lists (kg.network, kg.figures), so that building the
# parser imports neither NetworkX nor matplotlib; tests/test_cli.py keeps them equal.
GRAPH_CHOICES = ("twinning", "coparticipation", "bipartite")
PLOT_CHOICES = ("map", "twinnings-over-time", "conference-timeline", "heatmap", "ranking")
RANKED = ("degree", "weighted_degree", "pagerank", "eigenvector", "closeness", "betweenness")
TABLE_FORMATS = ("table", "csv", "json")
EXPORT_FORMATS = ("graphml", "gexf", "json", "csv")
LANGS = ("en", "ru", "ja")


def _data(args: argparse.Namespace) -> Any:
    from kg.network import load_network

    return load_network(args.rdf)


def _metrics(args: argparse.Namespace) -> int:
    from kg.network import compute, project, render

    g = project(_data(args), args.graph, args.year)
    sys.stdout.write(render(compute(g, args.graph, args.year, seed=args.seed), args.format))
    return EXIT_OK


def _rankings(args: argparse.Namespace) -> int:
    from kg.network import ranking_changes, render_rows, snapshots, years_of

    data = _data(args)
    try:
        chosen = [int(y) for y in args.years.split(",")] if args.years else None
    except ValueError:
        raise UsageError(f"--years {args.years!r}", "give years as 1991,2000,2022") from None
    years = chosen if chosen is not None else years_of(data, args.graph)
    rows = ranking_changes(snapshots(data, args.graph, years), args.measure, args.top)
    sys.stdout.write(render_rows(rows, args.format))
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from kg.export import check_writable, write_atomic
    from kg.network import export_bytes, project

    check_writable(args.output)
    g = project(_data(args), args.graph, args.year)
    write_atomic(args.output, export_bytes(g, args.format))
    print(f"wrote {args.output} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)")
    return EXIT_OK


def _plot(args: argparse.Namespace) -> int:
    from kg import paths
    from kg.export import check_writable, write_atomic
    from kg.figures import render_figures

    folder = args.out or paths.out_dir() / "figures"
    check_writable(folder, folder=True)
    names = list(PLOT_CHOICES) if args.name == "all" else [args.name]
    for filename, data in render_figures(_data(args), names, args.lang).items():
        write_atomic(folder / filename, data)
        print(f"wrote {folder / filename}")
    return EXIT_OK


def _view(args: argparse.Namespace) -> int:
    from kg import paths
    from kg.export import check_writable, write_atomic
    from kg.figures import render_html
    from kg.figures.names import alt_labels
    from kg.network.extract import extract
    from kg.network.load import load_graph

    target = args.output or paths.out_dir() / "network.html"
    check_writable(target)
    graph = load_graph(args.rdf)
    page = render_html(extract(graph), alt_labels=alt_labels(graph), lang=args.lang)
    write_atomic(target, page.encode("utf-8"))
    print(f"wrote {target}")
    return EXIT_OK


def _rdf_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--rdf", type=Path, default=None, help="built graph to read (.nt or .ttl) [build/rujp.nt]"
    )


def _graph_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--graph", choices=GRAPH_CHOICES, default="twinning", help="which projection")


def register(commands: Any) -> None:
    """Add ``network``, ``plot`` and ``view`` to the command tree."""
    fmt = argparse.ArgumentDefaultsHelpFormatter
    network = commands.add_parser(
        "network",
        help="network projections of the graph: measures and exports",
        formatter_class=fmt,
    )
    sub = network.add_subparsers(title="commands", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "metrics",
        help="centralities, k-core, communities, components and aggregates of one projection",
        formatter_class=fmt,
    )
    _graph_option(p)
    p.add_argument("--year", type=int, default=None, help="snapshot: ties and meetings up to Y")
    p.add_argument(
        "--format",
        choices=TABLE_FORMATS,
        default="table",
        help="output format, one of: %(choices)s (default: %(default)s)",
    )
    p.add_argument("--seed", type=int, default=0, help="seed (Louvain, sampling)")
    _rdf_option(p)
    p.set_defaults(handler=_metrics)

    p = sub.add_parser(
        "rankings", help="how places rank by a measure across yearly snapshots", formatter_class=fmt
    )
    _graph_option(p)
    p.add_argument("--measure", choices=RANKED, default="degree", help="the measure ranked")
    p.add_argument(
        "--years",
        default=None,
        help="comma-separated years [every year in which the projection changes]",
    )
    p.add_argument("--top", type=int, default=10, help="places per year")
    p.add_argument(
        "--format",
        choices=TABLE_FORMATS,
        default="table",
        help="output format, one of: %(choices)s (default: %(default)s)",
    )
    _rdf_option(p)
    p.set_defaults(handler=_rankings)

    p = sub.add_parser(
        "export",
        help="write a projection as GraphML, GEXF, node-link JSON or a CSV edge list",
        formatter_class=fmt,
    )
    _graph_option(p)
    p.add_argument("--year", type=int, default=None, help="snapshot: ties and meetings up to Y")
    p.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        required=True,
        default=argparse.SUPPRESS,
        help="required, one of: %(choices)s (GraphML, GEXF for Gephi, node-link JSON, CSV "
        "edge list); no default",
    )
    p.add_argument("-o", "--output", type=Path, required=True, help="file to write")
    _rdf_option(p)
    p.set_defaults(handler=_export)

    p = commands.add_parser(
        "plot", help="draw a figure (or all) as PNG and SVG", formatter_class=fmt
    )
    p.add_argument(
        "name",
        choices=(*PLOT_CHOICES, "all"),
        metavar="NAME",
        help=", ".join((*PLOT_CHOICES, "all")),
    )
    p.add_argument("--lang", choices=LANGS, default="en", help="label language")
    p.add_argument("--out", type=Path, default=None, help="output folder [build/figures]")
    _rdf_option(p)
    p.set_defaults(handler=_plot)

    p = commands.add_parser(
        "view",
        help="write a self-contained interactive page of the twinning network",
        formatter_class=fmt,
    )
    p.add_argument("-o", "--output", type=Path, default=None, help="HTML file [build/network.html]")
    p.add_argument(
        "--lang", choices=LANGS, default="en", help="language the page opens in (en, ru, ja)"
    )
    _rdf_option(p)
    p.set_defaults(handler=_view)
