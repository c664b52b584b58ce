"""The main job: tables + ontology -> graph -> validation -> outputs.

Owns the order of the stages (:mod:`kg.tables` -> :mod:`kg.graph` -> :mod:`kg.validate` ->
:mod:`kg.export`) and the one decision that spans them: outputs are written only when the
graph conforms. ``kg build`` records a digest of its inputs beside its outputs, so ``kg
export`` can hand out what the build wrote while it is current instead of building again.

>>> from kg.paths import data_dir, ontology_dir
>>> checked = check(data_dir(), ontology_dir())
>>> checked.report.conforms
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from kg import __version__
from kg.errors import InputError, NonConformanceError
from kg.graph import BuiltGraph, Origin, build_graph
from kg.paths import CONTEXT_FILE, ONTOLOGY_FILE
from kg.tables import Note, Tables, load_tables, read_tables
from kg.validate import Engine, Report, load_ontology, validate_with

__all__ = [
    "INPUTS_DIGEST_FILE",
    "BuildResult",
    "Checked",
    "build",
    "check",
    "check_files",
    "export",
    "inputs_digest",
    "publish",
]

#: The digest of the inputs a build was made from, written beside its outputs.
INPUTS_DIGEST_FILE = ".inputs.sha256"


@dataclass
class Checked:
    """Tables, the graph built from them and its validation report."""

    tables: Tables
    built: BuiltGraph
    report: Report
    #: What reading the tables changed (cells normalised to NFC), one note per file.
    notes: list[Note] = field(default_factory=list)
    #: The graph's canonical N-Triples, when validation made it (publishing reuses it).
    ntriples: bytes | None = None


@dataclass
class BuildResult:
    """What ``kg build`` did: the validation report and the files it wrote."""

    checked: Checked
    outputs: list[Path] = field(default_factory=list)

    @property
    def report(self) -> Report:
        return self.checked.report


def check(data: Path, ontology: Path, *, engine: Engine = "auto") -> Checked:
    """Load the tables, build the graph and validate it; write nothing.

    ``engine`` is ``auto`` (rudof, and pySHACL, the reference, whenever rudof finds
    anything), ``pyshacl`` or ``rudof``: see :func:`kg.validate.validate_with`.
    Raises :class:`kg.errors.InputError` for unreadable or inconsistent input.
    """
    tables, notes = read_tables(data)
    built = build_graph(tables)
    ntriples = None
    if engine != "pyshacl":
        from kg.export.rdf import canonical_ntriples

        ntriples = canonical_ntriples(built.graph)  # rudof reads it; publishing reuses it
    report = validate_with(engine, built.graph, ontology, origins=built.origins, ntriples=ntriples)
    return Checked(tables, built, report, notes, ntriples)


def build(
    data: Path,
    ontology: Path,
    out: Path,
    *,
    step: Callable[[str], None] | None = None,
    engine: Engine = "auto",
) -> BuildResult:
    """Run the whole pipeline; write outputs only when the graph conforms.

    The outputs replace those in ``out`` in one step (see :func:`publish`). ``engine`` is
    the SHACL engine, as for :func:`check`.
    """
    from kg.export import check_writable

    check_writable(out, folder=True)  # fail before the work, not after it
    checked = check(data, ontology, engine=engine)
    result = BuildResult(checked)
    if checked.report.conforms:
        result.outputs = publish(
            checked.built.graph, data, ontology, out, step=step, ntriples=checked.ntriples
        )
    return result


def publish(
    graph: Graph,
    data: Path,
    ontology: Path,
    out: Path,
    *,
    step: Callable[[str], None] | None = None,
    ntriples: bytes | None = None,
) -> list[Path]:
    """Write every output of ``graph`` (built from ``data``, conforming) into ``out``;
    return the paths readers use. ``ntriples`` is the graph's canonical N-Triples when the
    caller has it already.

    The new set is written into a fresh folder and switched in at once
    (:mod:`kg.export.versions`): a reader, or a build killed at any moment, sees the old
    complete set or the new one. ``step`` is called with a short name after each step.
    """
    from kg.export import export_all, write_atomic, write_graph_outputs, write_publication
    from kg.export.versions import staged

    ontology_ttl = (ontology / ONTOLOGY_FILE).read_bytes()
    digest = inputs_digest(data, ontology).encode("ascii")
    files = export_all(graph, context=ontology / CONTEXT_FILE, ntriples=ntriples)
    with staged(out, step) as stage:
        folder = stage.folder
        written = write_graph_outputs(
            graph, ontology_ttl, folder, step=step, turtle=files["ttl"], ntriples=files["nt"]
        )
        written += write_publication(
            graph,
            load_ontology(ontology),
            folder,
            context=ontology / CONTEXT_FILE,
            step=step,
            files=files,
        )
        write_atomic(folder / INPUTS_DIGEST_FILE, digest)
        stage.step(INPUTS_DIGEST_FILE)
    return [stage.visible(path) for path in written]


def _origins_if_available(data: Path) -> dict[URIRef, Origin]:
    """Map nodes to table rows when the tables load; files from elsewhere get none."""
    try:
        return dict(build_graph(load_tables(data)).origins)
    except InputError:
        return {}


def check_files(
    files: Iterable[Path], data: Path, ontology: Path, *, engine: Engine = "auto"
) -> Report:
    """Validate RDF files (e.g. a built ``rujp.ttl``) against the shapes, by ``engine`` as
    for :func:`check`.

    Results are located by table row when the nodes come from the tables in ``data``.
    """
    from kg.validate import load_rdf

    graph = load_rdf(list(files))
    return validate_with(engine, graph, ontology, origins=_origins_if_available(data))


def inputs_digest(data: Path, ontology: Path) -> str:
    """SHA-256 over the package version and every input file's name and bytes."""
    digest = hashlib.sha256(f"kg {__version__}\n".encode())
    for folder, pattern in ((data, "*.csv"), (ontology, "*.ttl"), (ontology, "*.jsonld")):
        for path in sorted(folder.glob(pattern)):
            digest.update(f"{folder.name}/{path.name}\n".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest() + "\n"


def export(data: Path, ontology: Path, fmt: str, *, out: Path | None = None) -> bytes:
    """The validated graph serialised in one format (a name of :mod:`kg.formats`).

    When ``out`` holds a build made from the same inputs, its file is returned as it is (it
    was validated when written); otherwise the graph is built and validated now. Raises
    :class:`~kg.errors.NonConformanceError` when the graph does not conform.
    """
    from kg import formats

    target = formats.get(fmt)
    if out is not None:
        from kg.export.versions import current_folder

        folder = current_folder(out)  # one set, even if a build switches meanwhile
        stamp = folder / INPUTS_DIGEST_FILE
        written = folder / target.file
        if (
            stamp.is_file()
            and written.is_file()
            and stamp.read_text(encoding="ascii") == inputs_digest(data, ontology)
        ):
            return written.read_bytes()
    checked = check(data, ontology)
    if not checked.report.conforms:
        from kg.validate import format_report

        raise NonConformanceError(checked.report, format_report(checked.report))
    from kg.export import export as serialise

    return serialise(checked.built.graph, target.name, context=ontology / CONTEXT_FILE)
