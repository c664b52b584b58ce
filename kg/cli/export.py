"""CLI commands for linked-data publishing: ``kg export``.

Thin: parse options, call one library function, write through :mod:`kg.export.rdf`, exit.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

__all__ = ["COMMANDS"]

#: The keys of :data:`kg.export.publish.FORMATS` (not imported here: it loads rdflib).
_FORMATS = ("ttl", "nt", "nq", "trig", "jsonld", "rdfxml")


@click.command(name="export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(_FORMATS),
    default="ttl",
    show_default=True,
    help="Serialisation: Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (atomically) [standard output].",
)
@click.option(
    "--data",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of the CSV tables [data/].",
)
@click.option(
    "--ontology",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Ontology folder with context.jsonld [ontology/].",
)
def export_cmd(fmt: str, output: Path | None, data: Path | None, ontology: Path | None) -> None:
    """Serialise the validated graph in one format (deterministic, byte-identical on rerun).

    TriG and N-Quads carry provenance: the default graph is the whole graph, and one named
    graph per source (named by the source's IRI) holds the facts citing that source.
    Exit 0 written, 1 the graph does not conform (nothing written), 2 unreadable input.
    """
    from kg import paths
    from kg.cli import EXIT_INPUT, EXIT_VIOLATIONS
    from kg.errors import InputError
    from kg.export.publish import export
    from kg.export.rdf import write_atomic
    from kg.pipeline import check
    from kg.serve.pages import CONTEXT_FILE
    from kg.validate import format_report

    onto_dir = ontology or paths.ontology_dir()
    try:
        checked = check(data or paths.data_dir(), onto_dir)
        if not checked.report.conforms:
            click.echo(format_report(checked.report), err=True, nl=False)
            click.echo("The graph does not conform; nothing was written.", err=True)
            sys.exit(EXIT_VIOLATIONS)
        serialised = export(checked.built.graph, fmt, context=onto_dir / CONTEXT_FILE)
    except InputError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo(f"{len(exc.problems)} input problem(s); nothing was written.", err=True)
        sys.exit(EXIT_INPUT)
    if output is None:
        sys.stdout.buffer.write(serialised)
        sys.stdout.buffer.flush()
        return
    write_atomic(output, serialised)
    click.echo(f"wrote {output} ({len(serialised)} bytes)", err=True)


COMMANDS: list[click.Command] = [export_cmd]
