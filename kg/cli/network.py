"""CLI commands for network analytics and figures: ``kg network ...``, ``kg plot``, ``kg view``.

Thin: each command parses options, calls one library function, renders, exits. Heavy imports
(networkx, matplotlib, rdflib) happen inside the commands. Every command reads the built
graph (``build/rujp.nt``, or ``--rdf FILE``); a missing or unreadable file exits 2.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

__all__ = ["COMMANDS"]

EXIT_INPUT = 2
GRAPH_CHOICES = ("twinning", "coparticipation", "bipartite")
PLOT_CHOICES = ("map", "twinnings-over-time", "conference-timeline", "heatmap", "ranking")

_rdf_option = click.option(
    "--rdf",
    "rdf",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Built graph to read (.nt or .ttl) [build/rujp.nt].",
)
_graph_option = click.option(
    "--graph",
    "name",
    type=click.Choice(GRAPH_CHOICES),
    default="twinning",
    show_default=True,
    help="Which projection.",
)
_year_option = click.option(
    "--year", type=int, default=None, help="Snapshot: ties and conferences up to this year."
)


def _fail(message: str, hint: str, where: str) -> None:
    click.echo(f"[ERROR] {where} {message} -> {hint}", err=True)
    sys.exit(EXIT_INPUT)


def _load(rdf: Path | None) -> Any:
    """The network facts of the built graph; exits 2 when the file is missing or broken."""
    from kg import paths
    from kg.network.projections import extract, load_rdf

    path = rdf or (paths.out_dir() / paths.GRAPH_FILE).with_suffix(".nt")
    if not path.is_file():
        _fail("no built graph here", "run `kg build` first (or give --rdf FILE)", str(path))
    try:
        graph = load_rdf(path)
    except Exception as exc:  # rdflib raises many parser exception types
        _fail(f"cannot parse: {exc}", "give a graph written by `kg build`", str(path))
        raise  # unreachable
    return extract(graph)


@click.group()
def network() -> None:
    """Network projections of the graph: measures and exports."""


@network.command("metrics")
@_graph_option
@_year_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed (Louvain, sampling).")
@_rdf_option
def metrics_cmd(name: str, year: int | None, fmt: str, seed: int, rdf: Path | None) -> None:
    """Centralities, k-core, communities, components and aggregates of one projection."""
    from kg.network.metrics import compute, render
    from kg.network.projections import project

    g = project(_load(rdf), name, year)
    click.echo(render(compute(g, name, year, seed=seed), fmt), nl=False)


@network.command("rankings")
@_graph_option
@click.option(
    "--measure",
    type=click.Choice(["degree", "weighted_degree", "pagerank", "eigenvector", "closeness"]),
    default="degree",
    show_default=True,
)
@click.option(
    "--years",
    default=None,
    help="Comma-separated years [every year in which the projection changes].",
)
@click.option("--top", type=int, default=10, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
@_rdf_option
def rankings_cmd(
    name: str, measure: str, years: str | None, top: int, fmt: str, rdf: Path | None
) -> None:
    """How places rank by a measure across yearly snapshots."""
    from kg.network.metrics import ranking_changes, render_rows
    from kg.network.projections import snapshots, years_of

    data = _load(rdf)
    try:
        chosen = [int(y) for y in years.split(",")] if years else years_of(data, name)
    except ValueError:
        raise click.BadParameter("give years as 1991,2000,2022", param_hint="--years") from None
    rows = ranking_changes(snapshots(data, name, chosen), measure, top)
    click.echo(render_rows(rows, fmt), nl=False)


@network.command("export")
@_graph_option
@_year_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["graphml", "gexf", "json", "csv"]),
    required=True,
    help="GraphML, GEXF (Gephi), node-link JSON or CSV edge list.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@_rdf_option
def export_cmd(name: str, year: int | None, fmt: str, output: Path, rdf: Path | None) -> None:
    """Write a projection as GraphML, GEXF, node-link JSON or a CSV edge list."""
    from kg.export.rdf import write_atomic
    from kg.network.projections import export_bytes, project

    g = project(_load(rdf), name, year)
    write_atomic(output, export_bytes(g, fmt))
    click.echo(f"wrote {output} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)")


@click.command("plot")
@click.argument("name", type=click.Choice([*PLOT_CHOICES, "all"]))
@click.option("--lang", type=click.Choice(["en", "ru", "ja"]), default="en", show_default=True)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder [build/figures].",
)
@_rdf_option
def plot(name: str, lang: str, out: Path | None, rdf: Path | None) -> None:
    """Draw figure NAME (or all) as PNG and SVG."""
    from kg import paths
    from kg.export.rdf import write_atomic
    from kg.figures.plots import render_figures

    folder = out or paths.out_dir() / "figures"
    names = list(PLOT_CHOICES) if name == "all" else [name]
    for filename, data in render_figures(_load(rdf), names, lang).items():
        write_atomic(folder / filename, data)
        click.echo(f"wrote {folder / filename}")


@click.command("view")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="HTML file to write [build/network.html].",
)
@_rdf_option
def view(output: Path | None, rdf: Path | None) -> None:
    """Write a self-contained interactive page of the twinning network (works offline)."""
    from kg import paths
    from kg.export.rdf import write_atomic
    from kg.figures.interactive import render_html

    target = output or paths.out_dir() / "network.html"
    write_atomic(target, render_html(_load(rdf)).encode("utf-8"))
    click.echo(f"wrote {target}")


COMMANDS: list[click.Command] = [network, plot, view]
