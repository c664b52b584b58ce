"""Stage 3: validate a graph against the SHACL shapes and report it for curators.

pySHACL is the reference validator; rudof, a native engine tested to agree with it, answers
routine validations (:func:`validate_with`, engine ``auto``). The report is a typed value;
only the CLI prints it. Each result names the data file and row that produced the focus node
(when known), the property, the value and the shape's curator-facing message.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import functools
import threading
import typing
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import InputError, Problem
from kg.graph import Origin
from kg.paths import ONTOLOGY_FILE, SHAPES_FILE
from kg.vocab import terms
from kg.vocab.namespaces import SH

__all__ = [
    "ENGINES",
    "Engine",
    "Report",
    "Severity",
    "ValidationResult",
    "format_report",
    "load_ontology",
    "load_rdf",
    "load_shapes",
    "shape_batches",
    "validate",
    "validate_rudof",
    "validate_with",
]

#: The SHACL engines (:func:`validate_with`): ``auto`` (rudof, and pySHACL whenever rudof
#: finds anything), ``rudof`` alone, ``pyshacl`` (the reference) alone.
Engine = typing.Literal["auto", "rudof", "pyshacl"]
ENGINES: tuple[Engine, ...] = ("auto", "rudof", "pyshacl")


class Severity(enum.IntEnum):
    """SHACL severities, most severe first."""

    VIOLATION = 0
    WARNING = 1
    INFO = 2

    @classmethod
    def from_iri(cls, iri: Node | None) -> Severity:
        if iri == SH.Warning:
            return cls.WARNING
        if iri == SH.Info:
            return cls.INFO
        return cls.VIOLATION


@dataclass(frozen=True, order=True)
class ValidationResult:
    """One SHACL result, with the data row it comes from when known."""

    severity: Severity
    origin: Origin | None
    focus: str
    path: str
    value: str
    shape: str
    message: str

    def location(self) -> str:
        return str(self.origin) if self.origin else f"<{self.focus}>"

    def __str__(self) -> str:
        parts = [f"[{self.severity.name}] {self.location()}"]
        if self.path:
            parts.append(f"{_short(self.path)}")
        if self.value:
            parts.append(f"value={self.value!r}")
        parts.append(f"{self.message} (shape {_short(self.shape)})")
        return " ".join(parts)


@dataclass(frozen=True)
class Report:
    """The outcome of one validation run."""

    conforms: bool
    results: tuple[ValidationResult, ...]
    engine: str = "pyshacl"
    #: How the report was made, for the curator (e.g. rudof failed and pySHACL answered);
    #: not part of the answer, so not compared.
    notes: tuple[str, ...] = dataclasses.field(default=(), compare=False)

    def by_severity(self) -> dict[Severity, list[ValidationResult]]:
        groups: dict[Severity, list[ValidationResult]] = {}
        for result in self.results:
            groups.setdefault(result.severity, []).append(result)
        return groups

    def shapes_fired(self) -> frozenset[str]:
        return frozenset(r.shape for r in self.results)


_PREFIXES = {
    terms.ONTOLOGY_NS: "rujp:",
    terms.SHAPES_NS: "",
    terms.RDFS: "rdfs:",
    terms.PROV: "prov:",
    terms.DCT: "dcterms:",
    terms.SCHEMA: "schema:",
    terms.GEO: "geo:",
}


def _short(iri: str) -> str:
    for base, prefix in _PREFIXES.items():
        if iri.startswith(base):
            return prefix + iri[len(base) :]
    return iri


def load_rdf(paths: Iterable[Path], *, what: str = "RDF") -> Graph:
    """Parse RDF files into one graph; unreadable input raises :class:`InputError`."""
    graph = Graph()
    problems = []
    for path in paths:
        try:
            graph.parse(path)
        except FileNotFoundError:
            problems.append(Problem(str(path), None, None, "file is missing", "check the path"))
        except Exception as exc:  # rdflib raises many parser-specific errors
            problems.append(
                Problem(
                    str(path),
                    None,
                    None,
                    f"cannot be parsed as {what}: {exc}".splitlines()[0],
                    "fix the syntax (the parser's message gives the line)",
                )
            )
    if problems:
        raise InputError(problems)
    return graph


def load_shapes(ontology_dir: Path) -> Graph:
    return load_rdf([ontology_dir / SHAPES_FILE], what="SHACL Turtle")


def load_ontology(ontology_dir: Path) -> Graph:
    return load_rdf([ontology_dir / ONTOLOGY_FILE], what="OWL Turtle")


def _text(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, Literal):
        return str(node)
    if isinstance(node, URIRef):
        return str(node)
    return ""


_axioms_of: weakref.WeakKeyDictionary[Graph, Graph] = weakref.WeakKeyDictionary()


def _axioms(ontology: Graph) -> Graph:
    """The triples pySHACL copies from an ontology into every data graph it validates
    (class and property axioms, named individuals), computed once per ontology graph.

    pySHACL would clone them node by node on every validation (about 40% of the time a small
    graph takes); they depend on the ontology alone, so they are taken once and added to a
    copy of the data, which is then validated without an ontology. Same triples, same report.
    """
    cached = _axioms_of.get(ontology)
    if cached is None:
        from pyshacl.rdfutil.inoculate import inoculate

        cached = inoculate(Graph(), ontology)  # type: ignore[arg-type]
        _axioms_of[ontology] = cached
    return cached


_patch_lock = threading.Lock()
_patch_users = [0]  # how many validations run with the prepared-query processor


@functools.lru_cache(maxsize=1024)
def _translated(text: str, base: str | None, namespaces: tuple[tuple[str, str], ...]) -> Any:
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    return translateQuery(parseQuery(text), base, dict(namespaces) or None)


@contextlib.contextmanager
def _prepared_queries() -> Iterator[None]:
    """Let rdflib translate each SPARQL text once while pySHACL runs.

    pySHACL hands rdflib every SPARQL-based constraint as text on every validation, and
    rdflib parses it anew each time (about 60% of a validation of a small graph). A
    translated query is reusable (that is what rdflib's ``prepareQuery`` is for), so the
    processor is given the cached translation instead; answers are unchanged.
    """
    from rdflib.plugins.sparql import processor

    cls = processor.SPARQLProcessor
    with _patch_lock:
        if _patch_users[0] == 0:
            original = cls.query

            def query(
                self: Any,
                str_or_query: Any,
                initBindings: Any = None,  # noqa: N803 (rdflib's keyword names)
                initNs: Any = None,  # noqa: N803
                base: str | None = None,
                DEBUG: bool = False,  # noqa: N803
            ) -> Any:
                if isinstance(str_or_query, str):
                    spaces = tuple(sorted((str(k), str(v)) for k, v in (initNs or {}).items()))
                    str_or_query = _translated(str_or_query, base, spaces)
                return original(self, str_or_query, initBindings, initNs, base, DEBUG)

            cls._kg_original_query = original  # type: ignore[attr-defined]
            cls.query = query  # type: ignore[method-assign,assignment]
        _patch_users[0] += 1
    try:
        yield
    finally:
        with _patch_lock:
            _patch_users[0] -= 1
            if _patch_users[0] == 0:
                cls.query = cls._kg_original_query  # type: ignore[attr-defined,method-assign]


def validate(
    data: Graph,
    *,
    shapes: Graph,
    ontology: Graph,
    origins: Mapping[URIRef, Origin] | None = None,
) -> Report:
    """Validate ``data`` (with the ontology's class hierarchy) against ``shapes`` with pySHACL."""
    from pyshacl import validate as pyshacl_validate

    mixed = Graph()  # the data with the ontology's axioms, as pySHACL would mix them in
    mixed.addN((s, p, o, mixed) for s, p, o in data)
    mixed.addN((s, p, o, mixed) for s, p, o in _axioms(ontology))
    with _prepared_queries():
        conforms, results_graph, _ = pyshacl_validate(
            mixed,
            shacl_graph=shapes,
            ont_graph=None,
            inference="none",
            inplace=True,
            abort_on_first=False,
            allow_warnings=True,
            meta_shacl=False,
            advanced=False,
        )
    return Report(bool(conforms), parse_results(results_graph, origins or {}))


def shape_batches(shapes_file: Path, size: int) -> list[str]:
    """The shapes of ``shapes_file`` as Turtle documents of at most ``size`` node shapes each
    (in IRI order), each with the shapes those reference (``sh:node``, named property
    shapes) and every triple that belongs to no shape (the prefix declarations)."""
    from rdflib import BNode

    shapes = Graph().parse(shapes_file, format="turtle")
    named = {
        s
        for kind in (SH.NodeShape, SH.PropertyShape)
        for s in shapes.subjects(RDF.type, kind)
        if isinstance(s, URIRef)
    }

    def closure(node: Node, out: set[tuple[Node, Node, Node]]) -> None:
        for p, o in shapes.predicate_objects(node):
            if (node, p, o) not in out:
                out.add((node, p, o))
                if isinstance(o, BNode) or o in named:
                    closure(o, out)

    roots = sorted(s for s in named if (s, RDF.type, SH.NodeShape) in shapes)
    parts: dict[URIRef, set[tuple[Node, Node, Node]]] = {}
    for root in roots:
        closure(root, parts.setdefault(root, set()))
    shared = set(shapes) - set().union(*parts.values())
    batches = []
    for start in range(0, len(roots), max(1, size)):
        batch = Graph()
        for prefix, namespace in shapes.namespaces():
            batch.bind(prefix, namespace)
        for triple in shared.union(*(parts[r] for r in roots[start : start + size])):
            batch.add(triple)
        batches.append(batch.serialize(format="turtle"))
    return batches


def validate_rudof(
    data: Graph,
    *,
    shapes_file: Path,
    ontology_file: Path,
    origins: Mapping[URIRef, Origin] | None = None,
    ntriples: bytes | None = None,
    batch: int | None = None,
    shapes: Graph | None = None,
) -> Report:
    """Validate with rudof's native SHACL engine (much faster than pySHACL).

    Tests check that it agrees with pySHACL on the real graph and on every shape fixture.
    ``ntriples`` is ``data`` as N-Triples when the caller has it already. With ``batch``,
    the shapes are checked ``batch`` node shapes at a time (:func:`shape_batches`): rudof
    keeps what it builds for each shape until the end of a run, so this lowers the peak
    memory, at the cost of time (rudof prepares the data again for each run); the report is
    the same. ``shapes`` is ``shapes_file`` parsed, when the caller has it (for the shapes'
    own messages).
    """
    import pyrudof

    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    text = ntriples.decode("utf-8") if ntriples is not None else data.serialize(format="nt")
    rudof.read_data(text, format=pyrudof.RDFFormat.NTriples)
    del text
    rudof.read_data(str(ontology_file), merge=True)
    entries: list[Any] = []
    for document in shape_batches(shapes_file, batch) if batch else [str(shapes_file)]:
        rudof.reset_shacl()
        rudof.read_shacl(document)
        entries.extend(rudof.validate_shacl())
        rudof.reset_shacl_validation()
    origins = origins or {}
    messages = _core_messages(
        shapes if shapes is not None else Graph().parse(shapes_file, format="turtle")
    )
    results = []
    for entry in entries:
        focus = str(entry.focus_node)
        path = entry.path
        results.append(
            ValidationResult(
                severity={"Warning": Severity.WARNING, "Info": Severity.INFO}.get(
                    str(entry.severity), Severity.VIOLATION
                ),
                origin=origins.get(URIRef(focus)),
                focus=focus,
                path=str(path) if path is not None else "",
                value=str(entry.value) if entry.value is not None else "",
                shape=str(entry.source_shape),
                message=messages.get(str(entry.source_shape))
                or str(entry.message or "").strip('"'),
            )
        )
    # As with pySHACL (allow_warnings): only violations make a graph non-conforming.
    conforms = all(r.severity is not Severity.VIOLATION for r in results)
    return Report(conforms, tuple(sorted(set(results))), engine="rudof")


def validate_with(
    engine: Engine,
    data: Graph,
    ontology_dir: Path,
    *,
    origins: Mapping[URIRef, Origin] | None = None,
    ntriples: bytes | None = None,
    shapes: Graph | None = None,
    ontology: Graph | None = None,
) -> Report:
    """Validate ``data`` against the shapes of ``ontology_dir`` (with its ontology) by
    ``engine``; ``ntriples``, ``shapes`` and ``ontology`` are passed when the caller has them.

    ``pyshacl`` is the reference and ``rudof`` rudof alone (both files are parsed first, so
    an unreadable one is an :class:`InputError` either way). ``auto`` asks rudof first: when
    rudof finds nothing at all (no violation, warning or info), its report is the answer;
    when it finds anything, or pyrudof cannot be imported, or rudof raises, pySHACL validates
    the graph again and its report is returned, so every result a curator reads is
    pySHACL's. That rudof raised is said in the report's ``notes``; pySHACL's own errors, and
    the input's, are raised as with ``pyshacl``.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r}: one of {', '.join(ENGINES)}")
    # parsed once for both engines (an unreadable file is an InputError whichever runs)
    shapes = shapes if shapes is not None else load_shapes(ontology_dir)
    rudof = functools.partial(
        validate_rudof,
        data,
        shapes_file=ontology_dir / SHAPES_FILE,
        ontology_file=ontology_dir / ONTOLOGY_FILE,
        origins=origins,
        ntriples=ntriples,
        shapes=shapes,
    )
    if engine == "rudof":
        if ontology is None:
            load_ontology(ontology_dir)  # unreadable: an InputError, as with pySHACL
        return rudof()
    notes: tuple[str, ...] = ()
    if engine == "auto":
        first, notes = _unless_it_fails(rudof)
        if first is not None and not first.results:
            return first
    report = validate(
        data,
        shapes=shapes,
        ontology=ontology if ontology is not None else load_ontology(ontology_dir),
        origins=origins,
    )
    return dataclasses.replace(report, notes=notes) if notes else report


def _unless_it_fails(rudof: Callable[[], Report]) -> tuple[Report | None, tuple[str, ...]]:
    """rudof's report; none when pyrudof is missing, or when rudof raised (with a note)."""
    try:
        import pyrudof  # noqa: F401  (a dependency, but a platform may have no wheel of it)
    except ImportError:
        return None, ()
    try:
        return rudof(), ()
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # pyrudof's errors; a Rust panic is a BaseException (pyo3)
        said = (str(exc).strip().splitlines() or [""])[0]
        return None, (
            f"rudof failed ({type(exc).__name__}: {said}); the graph was validated with "
            "pySHACL alone",
        )


def _core_messages(shapes: Graph) -> dict[str, str]:
    """The ``sh:message`` of each shape without SPARQL constraints (of several, the one
    :func:`_longest` picks, as :func:`parse_results` does). rudof reports its own words (``OR not
    satisfied``) for ``sh:or``, ``sh:not``, ``sh:node`` and ``sh:disjoint`` where pySHACL
    reports the shape's; a SPARQL constraint's message, naming the values, is rudof's own."""
    texts: dict[str, list[str]] = {}
    for shape, text in shapes.subject_objects(SH.message):
        if (shape, SH.sparql, None) not in shapes:
            texts.setdefault(str(shape), []).append(_text(text))
    return {shape: _longest(found) for shape, found in texts.items()}


def parse_results(results: Graph, origins: Mapping[URIRef, Origin]) -> tuple[ValidationResult, ...]:
    """Turn a SHACL validation report graph into sorted :class:`ValidationResult` values."""
    out = []
    top_level = [
        node
        for report in results.subjects(RDF.type, SH.ValidationReport)
        for node in results.objects(report, SH.result)
    ]
    for node in top_level:
        focus = results.value(node, SH.focusNode)
        path = results.value(node, SH.resultPath)
        out.append(
            ValidationResult(
                severity=Severity.from_iri(results.value(node, SH.resultSeverity)),
                origin=origins.get(focus) if isinstance(focus, URIRef) else None,
                focus=_text(focus),
                path=_text(path) if isinstance(path, URIRef) else "",
                value=_text(results.value(node, SH.value)),
                shape=_text(results.value(node, SH.sourceShape)),
                # a shape's own message and its SPARQL constraint's: the one naming values
                message=_longest([_text(m) for m in results.objects(node, SH.resultMessage)]),
            )
        )
    return tuple(sorted(set(out)))


def _longest(texts: list[str]) -> str:
    """The longest message (it names the values), ties broken by text: never by order."""
    return max(texts, key=lambda text: (len(text), text), default="")


def format_report(report: Report) -> str:
    """Readable, greppable report grouped by severity, location first."""
    if report.conforms and not report.results:
        return "Conforms: the graph satisfies every shape.\n"
    lines = []
    for severity, results in sorted(report.by_severity().items()):
        lines.append(f"{severity.name.title()}s ({len(results)}):")
        lines.extend(f"  {result}" for result in results)
    verdict = "Conforms" if report.conforms else "Does not conform"
    lines.append(f"{verdict}: {len(report.results)} result(s).")
    return "\n".join(lines) + "\n"
