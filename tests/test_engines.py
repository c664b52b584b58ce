"""A second SHACL engine (rudof) agrees with pySHACL on the real graph and on every
fixture, compared as the set of (focus node, source shape) of top-level results; the
default engine ``auto`` answers with rudof's report when rudof finds nothing, and with
pySHACL's (the reference) otherwise.

Messages are not compared: for a Core result, :mod:`kg.validate` replaces rudof's own
wording by the shape's sh:message, and for a SPARQL result it keeps rudof's text, which
names the values in its own words. ``auto``'s report is compared whole with pySHACL's.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import RDF, Graph, URIRef

import kg.validate
from kg.cli import build_parser
from kg.paths import ONTOLOGY_FILE, SHAPES_FILE
from kg.pipeline import Checked
from kg.validate import (
    ENGINES,
    Report,
    format_report,
    shape_batches,
    validate_rudof,
    validate_with,
)
from kg.vocab.namespaces import SH
from tests.helpers import FIXTURES, SHAPE_FIXTURES, fixture_graph, run_cli


def _pairs(report: Report) -> set[tuple[str, str]]:
    return {(r.focus, r.shape) for r in report.results}


def _rudof(graph: Graph, ontology_dir: Path) -> Report:
    return validate_rudof(
        graph, shapes_file=ontology_dir / SHAPES_FILE, ontology_file=ontology_dir / ONTOLOGY_FILE
    )


def test_engines_agree_on_real_graph(
    checked: Checked, reference_report: Report, ontology_dir: Path
) -> None:
    reference = reference_report
    other = _rudof(checked.built.graph, ontology_dir)
    assert reference.conforms and other.conforms
    assert reference.engine == "pyshacl" and other.engine == "rudof"
    assert _pairs(reference) == _pairs(other)


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_engines_agree_on_fixture(
    name: str, ontology_dir: Path, fixture_report: Callable[[str], Report]
) -> None:
    reference = fixture_report(name)
    other = _rudof(fixture_graph(name), ontology_dir)
    assert reference.conforms == other.conforms
    assert _pairs(reference) == _pairs(other)


def _every_fixture_at_once() -> Graph:
    """valid.ttl with every fixture applied: one graph that breaks every shape it can."""
    data = Graph().parse(SHAPE_FIXTURES / "valid.ttl")
    for remove, add in FIXTURES.values():
        for triple in remove:
            data.remove(triple)
        for triple in add:
            data.add(triple)
    return data


def test_shape_batches_cover_every_shape(ontology_dir: Path) -> None:
    shapes = Graph().parse(ontology_dir / SHAPES_FILE)
    node_shapes = {s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
    batches = [
        Graph().parse(data=text, format="turtle")
        for text in shape_batches(ontology_dir / SHAPES_FILE, 4)
    ]
    assert len(batches) == -(-len(node_shapes) // 4)
    found: set[URIRef] = set()
    for batch in batches:
        assert set(batch.objects(None, SH.declare)), "prefix declarations in every batch"
        found.update(s for s in batch.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef))
    assert found == node_shapes


def _masked(report: Report) -> tuple[bool, list[tuple[str, ...]]]:
    """The report with rudof's blank-node labels masked: its own messages for sh:not name
    an internal shape by a label that changes from run to run, even between whole runs."""
    return report.conforms, sorted(
        (str(r.severity), r.focus, r.path, r.value, r.shape, re.sub(r"_:\w+", "_:b", r.message))
        for r in report.results
    )


@pytest.mark.parametrize("batch", [1, 7])
def test_rudof_in_shape_batches_gives_the_whole_run_report(
    batch: int, checked: Checked, ontology_dir: Path
) -> None:
    shapes, ontology = ontology_dir / SHAPES_FILE, ontology_dir / ONTOLOGY_FILE
    broken = _every_fixture_at_once()
    whole = validate_rudof(broken, shapes_file=shapes, ontology_file=ontology)
    assert not whole.conforms and len(whole.shapes_fired()) > 10
    batched = validate_rudof(broken, shapes_file=shapes, ontology_file=ontology, batch=batch)
    assert _masked(batched) == _masked(whole)
    real = checked.built.graph
    assert _masked(
        validate_rudof(real, shapes_file=shapes, ontology_file=ontology, batch=batch)
    ) == (_masked(validate_rudof(real, shapes_file=shapes, ontology_file=ontology)))


# -- auto: rudof when it finds nothing, else pySHACL's report -------------------------------


def test_auto_is_the_default_and_answers_with_rudof_on_the_real_graph(
    checked: Checked, reference_report: Report
) -> None:
    assert checked.report.engine == "rudof", "check() validates with auto; rudof answers"
    assert checked.report.conforms and not checked.report.results and not checked.report.notes
    assert checked.report == replace(reference_report, engine="rudof")


#: Broken graphs for ``auto``: an sh:disjoint and an sh:node result (rudof's own wording
#: replaced by :mod:`kg.validate`), a SPARQL constraint (rudof's own text), a plain Core one.
#: Every fixture is not needed: that rudof finds something wherever pySHACL does is
#: :func:`test_engines_agree_on_fixture`'s concern.
AUTO_FIXTURES = (
    "Agreement-distinct",
    "RussianParty",
    "MeetingNumberUniqueShape",
    "Source-publisher",
)


@pytest.mark.parametrize("name", AUTO_FIXTURES)
def test_auto_gives_pyshacls_report_on_a_broken_graph(
    name: str,
    ontology_dir: Path,
    shapes: Graph,
    ontology: Graph,
    fixture_report: Callable[[str], Report],
) -> None:
    reference = fixture_report(name)
    assert reference.results, f"fixture {name} breaks no shape"
    auto = validate_with(
        "auto", fixture_graph(name), ontology_dir, shapes=shapes, ontology=ontology
    )
    assert auto.engine == "pyshacl" and not auto.notes
    assert auto == reference  # the same results, messages included
    assert format_report(auto) == format_report(reference)


def test_auto_uses_pyshacl_without_pyrudof(
    monkeypatch: pytest.MonkeyPatch,
    ontology_dir: Path,
    fixture_report: Callable[[str], Report],
) -> None:
    valid = Graph().parse(SHAPE_FIXTURES / "valid.ttl")
    assert validate_with("auto", valid, ontology_dir).engine == "rudof"
    monkeypatch.setitem(sys.modules, "pyrudof", None)  # `import pyrudof` raises ImportError
    report = validate_with("auto", valid, ontology_dir)
    assert report.engine == "pyshacl" and report.conforms and not report.results
    assert not report.notes, "a missing pyrudof is not an error"
    name = sorted(FIXTURES)[0]
    assert validate_with("auto", fixture_graph(name), ontology_dir) == fixture_report(name)
    with pytest.raises(ImportError):
        validate_with("rudof", valid, ontology_dir)  # asked for by name: no fallback


class _Panic(BaseException):
    """Like pyo3's PanicException (a Rust panic), which is not an Exception."""


@pytest.mark.parametrize("error", [ValueError("SHACL error: cannot read"), _Panic("panicked")])
def test_auto_falls_back_to_pyshacl_when_rudof_raises_and_says_so(
    error: BaseException,
    monkeypatch: pytest.MonkeyPatch,
    ontology_dir: Path,
    fixture_report: Callable[[str], Report],
) -> None:
    def failing(*args: object, **kwargs: object) -> Report:
        raise error

    monkeypatch.setattr(kg.validate, "validate_rudof", failing)
    name = sorted(FIXTURES)[-1]
    report = validate_with("auto", fixture_graph(name), ontology_dir)
    assert report == fixture_report(name) and report.engine == "pyshacl"
    assert report.notes == (
        f"rudof failed ({type(error).__name__}: {error}); "
        "the graph was validated with pySHACL alone",
    )
    valid = Graph().parse(SHAPE_FIXTURES / "valid.ttl")
    report = validate_with("auto", valid, ontology_dir)
    assert report.engine == "pyshacl" and report.conforms and len(report.notes) == 1
    with pytest.raises(type(error)):
        validate_with("rudof", valid, ontology_dir)


def test_auto_lets_interrupts_through(monkeypatch: pytest.MonkeyPatch, ontology_dir: Path) -> None:
    def interrupted(*args: object, **kwargs: object) -> Report:
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.validate, "validate_rudof", interrupted)
    with pytest.raises(KeyboardInterrupt):
        validate_with("auto", Graph().parse(SHAPE_FIXTURES / "valid.ttl"), ontology_dir)


def test_cli_prints_the_note_when_rudof_fails(
    monkeypatch: pytest.MonkeyPatch, reference_report: Report
) -> None:
    def failing(*args: object, **kwargs: object) -> Report:
        raise ValueError("rudof is broken")

    monkeypatch.setattr(kg.validate, "validate_rudof", failing)
    done = run_cli(["validate"])
    assert done.exit_code == 0, done.output
    assert done.stdout == format_report(reference_report)
    assert "[WARNING] rudof failed (ValueError: rudof is broken)" in done.stderr


def test_engine_choices_equal_the_library_list() -> None:
    from kg.cli import build as cli

    assert cli.ENGINES == ENGINES
    assert build_parser("validate").parse_args(["validate"]).engine == "auto"
    with pytest.raises(ValueError, match="engine"):
        validate_with("jena", Graph(), Path())  # type: ignore[arg-type]
