"""The ``kg`` command: a thin layer that parses options, calls one library function,
renders its value and exits.

Exit codes: 0 success (the graph conforms), 1 the graph does not conform to the shapes,
2 unreadable or inconsistent input (or bad usage). Heavy libraries are imported inside the
commands that need them, so ``kg query`` loads neither rdflib, pySHACL nor matplotlib.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from kg import __version__
from kg.errors import InputError, Problem

__all__ = ["main"]

EXIT_OK, EXIT_VIOLATIONS, EXIT_INPUT = 0, 1, 2

_dir = click.Path(file_okay=False, path_type=Path)


def _fail_input(exc: InputError) -> None:
    for problem in exc.problems:
        click.echo(str(problem), err=True)
    click.echo(f"{len(exc.problems)} input problem(s); nothing was written.", err=True)
    sys.exit(EXIT_INPUT)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """Russia–Japan municipal ties knowledge graph."""


@main.command()
@click.option("--data", type=_dir, default=None, help="Folder of the CSV tables [data/].")
@click.option("--ontology", type=_dir, default=None, help="Ontology folder [ontology/].")
@click.option("--out", type=_dir, default=None, help="Output folder [build/].")
def build(data: Path | None, ontology: Path | None, out: Path | None) -> None:
    """Build, validate and export the graph (writes only if it conforms)."""
    from kg import paths
    from kg.pipeline import build as run_build
    from kg.validate import format_report

    try:
        result = run_build(
            data or paths.data_dir(), ontology or paths.ontology_dir(), out or paths.out_dir()
        )
    except InputError as exc:
        _fail_input(exc)
        return
    if not result.report.conforms:
        click.echo(format_report(result.report), err=True, nl=False)
        click.echo("The graph does not conform; nothing was written.", err=True)
        sys.exit(EXIT_VIOLATIONS)
    graph = result.checked.built.graph
    click.echo(f"Built {len(graph)} triples; the graph conforms to every shape.")
    for path in result.outputs:
        click.echo(f"  wrote {path}")


@main.command(name="validate")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--data", type=_dir, default=None, help="Folder of the CSV tables [data/].")
@click.option("--ontology", type=_dir, default=None, help="Ontology folder [ontology/].")
@click.option(
    "--engine",
    type=click.Choice(["pyshacl", "rudof"]),
    default="pyshacl",
    help="SHACL engine: pySHACL (reference) or rudof (faster; needs pyrudof).",
)
def validate_cmd(
    files: tuple[Path, ...], data: Path | None, ontology: Path | None, engine: str
) -> None:
    """Validate the graph built from the tables, or the given RDF FILES.

    Exit 0 conforms, 1 violations, 2 unreadable input.
    """
    from kg import paths
    from kg.validate import format_report

    data_dir = data or paths.data_dir()
    onto_dir = ontology or paths.ontology_dir()
    try:
        if files:
            from kg.paths import ONTOLOGY_FILE, SHAPES_FILE
            from kg.validate import load_ontology, load_rdf, load_shapes, validate, validate_rudof

            graph = load_rdf(files)
            origins = _origins_if_available(data_dir)
            if engine == "rudof":
                report = validate_rudof(
                    graph,
                    shapes_file=onto_dir / SHAPES_FILE,
                    ontology_file=onto_dir / ONTOLOGY_FILE,
                    origins=origins,
                )
            else:
                report = validate(
                    graph,
                    shapes=load_shapes(onto_dir),
                    ontology=load_ontology(onto_dir),
                    origins=origins,
                )
        else:
            from kg.pipeline import check

            report = check(data_dir, onto_dir, engine=engine).report
    except InputError as exc:
        _fail_input(exc)
        return
    click.echo(format_report(report), nl=False)
    sys.exit(EXIT_OK if report.conforms else EXIT_VIOLATIONS)


def _origins_if_available(data_dir: Path) -> dict[Any, Any]:
    """Map nodes to table rows when the tables load; files from elsewhere get none."""
    from kg.graph import build_graph
    from kg.tables import load_tables

    try:
        return dict(build_graph(load_tables(data_dir)).origins)
    except InputError:
        return {}


@main.command()
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-e", "--expr", "expr", help="SPARQL query text.")
@click.option("-n", "--name", help="A named query (see `kg queries`).")
@click.option("-p", "--param", "params", multiple=True, help="key=value for a named query.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table"
)
@click.option("--store", type=_dir, default=None, help="Store folder [build/store].")
@click.option("--endpoint", help="Query this SPARQL endpoint instead of the local store.")
@click.option("--graph", "graph_iri", default=None, help="With --endpoint: query this named graph.")
def query(
    file: Path | None,
    expr: str | None,
    name: str | None,
    params: tuple[str, ...],
    fmt: str,
    store: Path | None,
    endpoint: str | None,
    graph_iri: str | None,
) -> None:
    """Run a SPARQL query (FILE.rq, -e TEXT or --name NAME) over the built graph."""
    from kg import paths
    from kg.query.store import open_store, render, run

    if sum(x is not None for x in (file, expr, name)) != 1:
        raise click.UsageError("give exactly one of FILE.rq, -e 'SPARQL' or --name NAME")
    if params and name is None:
        raise click.UsageError("--param goes with --name")
    try:
        terms: dict[str, Any] = {}
        if name is not None:
            from kg.query.named import bind, get_query

            named = get_query(name)
            terms = bind(named, _parse_params(params))
            text, source = named.text, f"--name {name}"
        elif file is not None:
            if not file.is_file():
                raise InputError([_missing(file)])
            text, source = file.read_text(encoding="utf-8"), str(file)
        else:
            text, source = str(expr), "-e"
        if endpoint:
            from kg.query.named import with_values
            from kg.query.remote import sparql_request
            from kg.query.store import parse_remote

            ctype, body = sparql_request(
                endpoint,
                with_values(text, terms),
                accept="application/sparql-results+json, application/n-triples;q=0.9",
                default_graph=graph_iri,
            )
            is_results = "sparql-results+json" in ctype
            output = render(parse_remote(body), fmt) if is_results else body
        else:
            result = run(
                open_store(store or paths.store_dir()), text, source=source, bindings=terms
            )
            output = render(result, fmt)
    except InputError as exc:
        _fail_input(exc)
        return
    sys.stdout.buffer.write(output)


def _parse_params(params: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.UsageError(f"--param {item!r}: write key=value")
        out[key.strip()] = value.strip()
    return out


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def queries(fmt: str) -> None:
    """List the named competency queries with their questions, parameters and columns."""
    from kg.query.named import list_queries

    named = list_queries()
    if fmt == "json":
        import json

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
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    for q in named:
        click.echo(f"{q.name}\n  {q.question}")
        for p in q.params:
            click.echo(f"  --param {p.name}=<{p.kind}>  {p.doc}")
        click.echo(f"  columns: {', '.join(q.columns)}\n")


@main.command()
@click.option("--endpoint", required=True, help="Graph Store HTTP Protocol endpoint of the store.")
@click.option("--graph", "graph_iri", default=None, help="Named graph to replace.")
@click.option("--out", type=_dir, default=None, help="Build folder to load from [build/].")
def load(endpoint: str, graph_iri: str | None, out: Path | None) -> None:
    """Push the built graph (data and ontology) to a SPARQL 1.1 store, replacing the named
    graph as a whole."""
    from kg import paths
    from kg.query.remote import DEFAULT_GRAPH, load_graph

    folder = out or paths.out_dir()
    try:
        files = [folder / "rujp.nt", folder / "ontology.ttl"]
        for f in files:
            if not f.is_file():
                raise InputError([Problem(str(f), None, None, "missing", "run `kg build` first")])
        import pyoxigraph as ox

        ontology = ox.parse(files[1].read_bytes(), format=ox.RdfFormat.TURTLE)
        ontology_nt = ox.serialize(ontology, format=ox.RdfFormat.N_TRIPLES) or b""
        payload = files[0].read_bytes() + ontology_nt
        status = load_graph(endpoint, payload, graph=graph_iri or DEFAULT_GRAPH)
    except InputError as exc:
        _fail_input(exc)
        return
    lines = payload.count(b"\n")
    click.echo(f"Loaded {lines} triples into <{graph_iri or DEFAULT_GRAPH}> (HTTP {status}).")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--store", type=_dir, default=None, help="Store folder [build/store].")
@click.option("--timeout", default=10.0, show_default=True, help="Seconds a query may run.")
@click.option("--max-rows", default=10000, show_default=True, help="Result cap (rows/triples).")
@click.option("--workers", default=2, show_default=True, help="Query worker processes.")
@click.option(
    "--cache-size", default=512, show_default=True, help="Cached answers (0 disables the cache)."
)
def serve(
    host: str,
    port: int,
    store: Path | None,
    timeout: float,
    max_rows: int,
    workers: int,
    cache_size: int,
) -> None:
    """Serve the graph: SPARQL endpoint at /sparql, query page at /, resource pages."""
    from kg import paths
    from kg.serve.app import ServerConfig, serve_forever

    folder = store or paths.store_dir()
    try:
        from kg.query.store import open_store

        open_store(folder)  # fail early and clearly when there is no build
    except InputError as exc:
        _fail_input(exc)
        return
    config = ServerConfig(
        store=folder,
        out=folder.parent,
        timeout=timeout,
        max_rows=max_rows,
        workers=workers,
        cache_size=cache_size,
    )
    serve_forever(host, port, config)


@main.command()
@click.option("--data", type=_dir, default=None, help="Folder of the CSV tables [data/].")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def stats(data: Path | None, fmt: str) -> None:
    """Print the coverage of the curated data."""
    from kg import paths
    from kg.stats import coverage, render_json, render_text
    from kg.tables import load_tables

    try:
        report = coverage(load_tables(data or paths.data_dir()))
    except InputError as exc:
        _fail_input(exc)
        return
    click.echo(render_json(report) if fmt == "json" else render_text(report), nl=False)


def _missing(path: Path) -> Problem:
    return Problem(str(path), None, None, "file is missing", "check the path")


def _register() -> None:
    from kg.cli.export import COMMANDS as PUBLISH_COMMANDS
    from kg.cli.network import COMMANDS as NETWORK_COMMANDS

    for command in (*NETWORK_COMMANDS, *PUBLISH_COMMANDS):
        main.add_command(command)


_register()
