"""The main job: tables + ontology -> graph -> validation -> outputs.

>>> from kg.paths import data_dir, ontology_dir
>>> checked = check(data_dir(), ontology_dir())
>>> checked.report.conforms
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.graph import BuiltGraph, build_graph
from kg.paths import ONTOLOGY_FILE, SHAPES_FILE
from kg.tables import Tables, load_tables
from kg.validate import Report, load_ontology, load_shapes, validate, validate_rudof

__all__ = ["BuildResult", "Checked", "build", "check"]


@dataclass
class Checked:
    """Tables, the graph built from them and its validation report."""

    tables: Tables
    built: BuiltGraph
    report: Report


@dataclass
class BuildResult:
    """What ``kg build`` did: the validation report and the files it wrote."""

    checked: Checked
    outputs: list[Path] = field(default_factory=list)

    @property
    def report(self) -> Report:
        return self.checked.report


def check(data: Path, ontology: Path, *, engine: str = "pyshacl") -> Checked:
    """Load the tables, build the graph and validate it; write nothing.

    ``engine`` is ``pyshacl`` (the reference) or ``rudof`` (faster; needs pyrudof).
    Raises :class:`kg.errors.InputError` for unreadable or inconsistent input.
    """
    tables = load_tables(data)
    built = build_graph(tables)
    shapes = load_shapes(ontology)
    onto = load_ontology(ontology)
    if engine == "rudof":
        report = validate_rudof(
            built.graph,
            shapes_file=ontology / SHAPES_FILE,
            ontology_file=ontology / ONTOLOGY_FILE,
            origins=built.origins,
        )
    else:
        report = validate(built.graph, shapes=shapes, ontology=onto, origins=built.origins)
    return Checked(tables, built, report)


def build(data: Path, ontology: Path, out: Path) -> BuildResult:
    """Run the whole pipeline; write outputs only when the graph conforms."""
    from kg.export.publish import write_publication
    from kg.export.rdf import write_graph_outputs
    from kg.serve.pages import CONTEXT_FILE

    checked = check(data, ontology)
    result = BuildResult(checked)
    if checked.report.conforms:
        ontology_ttl = (ontology / ONTOLOGY_FILE).read_bytes()
        result.outputs = write_graph_outputs(checked.built.graph, ontology_ttl, out)
        result.outputs += write_publication(
            checked.built.graph, load_ontology(ontology), out, context=ontology / CONTEXT_FILE
        )
    return result
