"""Commands of the main job: ``kg build``, ``kg validate``, ``kg export`` and ``kg stats``.

Each handler reads its options, calls one function of :mod:`kg.pipeline` or :mod:`kg.stats`,
prints the value and returns the exit code; errors are rendered by :func:`kg.cli.main`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import formats
from kg.errors import EXIT_OK, EXIT_VIOLATIONS, NonConformanceError

if TYPE_CHECKING:
    from kg.validate import Report

__all__ = ["ENGINES", "add_data_options", "register"]


def add_data_options(parser: argparse.ArgumentParser, *, out: bool = False) -> None:
    """``--data`` and ``--ontology`` (and ``--out``): the folders a command reads or writes."""
    parser.add_argument(
        "--data", type=Path, default=None, help="folder of the CSV tables [the shipped data/]"
    )
    parser.add_argument(
        "--ontology",
        type=Path,
        default=None,
        help="folder of the ontology, shapes and JSON-LD context [the shipped ontology/]",
    )
    if out:
        parser.add_argument(
            "--out", type=Path, default=None, help="output folder [build/, or $KG_OUT]"
        )


def _folders(args: argparse.Namespace) -> tuple[Path, Path]:
    from kg import paths

    return args.data or paths.data_dir(), args.ontology or paths.ontology_dir()


def _notes(notes: list[Any]) -> None:
    """What reading the tables changed, one warning line per file, on standard error."""
    for note in notes:
        sys.stderr.write(f"{note}\n")


def _build(args: argparse.Namespace) -> int:
    from kg import paths
    from kg.pipeline import build
    from kg.validate import format_report

    data, ontology = _folders(args)
    result = build(data, ontology, args.out or paths.out_dir(), engine=args.engine)
    _notes(result.checked.notes)
    _report_notes(result.report)
    if not result.report.conforms:
        raise NonConformanceError(result.report, format_report(result.report))
    print(f"Built {len(result.checked.built.graph)} triples; the graph conforms to every shape.")
    for path in result.outputs:
        print(f"  wrote {path}")
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from kg.pipeline import check, check_files
    from kg.validate import format_report

    data, ontology = _folders(args)
    if args.files:
        report = check_files(args.files, data, ontology, engine=args.engine)
    else:
        checked = check(data, ontology, engine=args.engine)
        _notes(checked.notes)
        report = checked.report
    _report_notes(report)
    sys.stdout.write(format_report(report))
    return EXIT_OK if report.conforms else EXIT_VIOLATIONS


def _export(args: argparse.Namespace) -> int:
    from kg import paths
    from kg.export import check_writable, write_atomic
    from kg.pipeline import export

    data, ontology = _folders(args)
    if args.output is not None:
        check_writable(args.output)
    serialised = export(data, ontology, args.format, out=paths.out_dir())
    if args.output is None:
        sys.stdout.buffer.write(serialised)
        return EXIT_OK
    write_atomic(args.output, serialised)
    sys.stderr.write(f"wrote {args.output} ({len(serialised)} bytes)\n")
    return EXIT_OK


def _stats(args: argparse.Namespace) -> int:
    from kg import paths
    from kg.stats import coverage, render_json, render_text
    from kg.tables import load_tables

    report = coverage(load_tables(args.data or paths.data_dir()))
    sys.stdout.write(render_json(report) if args.format == "json" else render_text(report))
    return EXIT_OK


#: The SHACL engines, as :data:`kg.validate.ENGINES` (kept here so the parser stays light).
ENGINES = ("auto", "rudof", "pyshacl")


def _engine_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="auto",
        help="SHACL engine: auto (rudof, several times faster; when it finds anything, "
        "pySHACL validates again and reports, so every message is the reference's), "
        "rudof (rudof alone; its own wording for some messages) or pyshacl (pySHACL alone, "
        "the reference)",
    )


def _report_notes(report: Report) -> None:
    """How the report was made (e.g. rudof failed and pySHACL answered), on standard error."""
    for note in report.notes:
        sys.stderr.write(f"[WARNING] {note}\n")


def register(commands: Any) -> None:
    """Add ``build``, ``validate``, ``export`` and ``stats`` to the command tree."""
    fmt = argparse.ArgumentDefaultsHelpFormatter
    p = commands.add_parser(
        "build",
        help="build, validate and export the graph (writes only if it conforms)",
        description="Tables + ontology -> graph -> SHACL validation -> every output in --out. "
        "Exit 0 conforms (outputs written), 1 does not conform (nothing written), "
        "2 unreadable input.",
        formatter_class=fmt,
    )
    add_data_options(p, out=True)
    _engine_option(p)
    p.set_defaults(handler=_build)

    p = commands.add_parser(
        "validate",
        help="validate the graph built from the tables, or the given RDF files",
        description="Exit 0 conforms, 1 violations, 2 unreadable input.",
        formatter_class=fmt,
    )
    p.add_argument("files", nargs="*", type=Path, metavar="FILE", help="RDF files to validate")
    add_data_options(p)
    _engine_option(p)
    p.set_defaults(handler=_validate)

    names = formats.names("graph", dataset=True)
    p = commands.add_parser(
        "export",
        help="serialise the validated graph in one format",
        description="Serialise the validated graph (deterministic, byte-identical on rerun). "
        "TriG and N-Quads carry provenance: the default graph is the whole graph, and one "
        "named graph per source holds the facts citing that source. When build/ holds a "
        "build of the same inputs, its file is used. Exit 0 written, 1 the graph does not "
        "conform (nothing written), 2 unreadable input.",
        formatter_class=fmt,
    )
    p.add_argument(
        "--format",
        choices=names,
        default="ttl",
        help="serialisation, one of: "
        + ", ".join(f"{n} ({formats.get(n).title})" for n in names)
        + " (default: %(default)s)",
    )
    p.add_argument(
        "-o", "--output", type=Path, default=None, help="file to write, atomically [stdout]"
    )
    add_data_options(p)
    p.set_defaults(handler=_export)

    p = commands.add_parser(
        "stats", help="print the coverage of the curated data", formatter_class=fmt
    )
    p.add_argument(
        "--data", type=Path, default=None, help="folder of the CSV tables [the shipped data/]"
    )
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="output format, one of: %(choices)s (default: %(default)s)",
    )
    p.set_defaults(handler=_stats)
