"""Per-shape validation cost: each node shape of the shapes file validated alone, by pySHACL
and by rudof, on the real graph or on synthetic tables at N times the real size.

Run: ``python -m tests.benchmarks.bench_shapes [--scale N] [--engine pyshacl|rudof|both]
[--shapes FILE] [--only TEXT] [--repeat K]``. Scale 1 is the real data; a larger scale is
:func:`~tests.benchmarks.synthetic.synthetic_graph`. Each node shape is one Turtle document
of :func:`kg.validate.shape_batches` (``size=1``: the shape, what it references and the
prefix declarations). The row ``(no shape)`` validates a document without node shapes: what
every run pays before any shape is checked (the ontology's axioms for pySHACL, reading the
data for rudof); the other rows are that cost subtracted, best of ``--repeat`` runs, sorted
by the slower engine. Times are CPU seconds of this process (all its threads), so that a
machine shared with other work still gives comparable figures. ``--shapes`` points at
another shapes file (e.g. an older version) to compare before and after on the same graph.
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rdflib import RDF, Graph, URIRef
from rdflib.term import Node

from kg.validate import Report

__all__ = ["main", "per_shape"]

_SH_NODE_SHAPE = URIRef("http://www.w3.org/ns/shacl#NodeShape")
_SH_PROPERTY_SHAPE = URIRef("http://www.w3.org/ns/shacl#PropertyShape")


def _graph(scale: int) -> Graph:
    if scale <= 1:
        from kg.graph import build_graph
        from kg.paths import data_dir
        from kg.tables import load_tables

        return build_graph(load_tables(data_dir())).graph
    from tests.benchmarks.synthetic import synthetic_graph

    return synthetic_graph(scale)


def _name(doc: str) -> str:
    shapes = Graph().parse(data=doc, format="turtle")
    roots = sorted(
        str(s)
        for s in shapes.subjects(RDF.type, _SH_NODE_SHAPE)
        if isinstance(s, URIRef) and not any(shapes.subjects(None, s))
    )
    return ", ".join(r.rsplit("#", 1)[-1] for r in roots) or "(no shape)"


def _wanted(name: str, only: str) -> bool:
    return not only or any(part and part in name for part in only.split(","))


def _without_shapes(shapes_file: Path) -> Graph:
    """The shapes file with every node shape and all it reaches taken out (what is left is
    what every batch of :func:`kg.validate.shape_batches` carries: the prefix declarations)."""
    from rdflib import BNode

    shapes = Graph().parse(shapes_file, format="turtle")
    seen: set[Node] = set()
    frontier = [*shapes.subjects(RDF.type, _SH_NODE_SHAPE)]
    frontier += [*shapes.subjects(RDF.type, _SH_PROPERTY_SHAPE)]
    while frontier:
        node = frontier.pop()
        if node in seen:
            continue
        seen.add(node)
        frontier.extend(o for o in shapes.objects(node) if isinstance(o, BNode))
    for node in seen:
        shapes.remove((node, None, None))
    return shapes


def _best(work: Callable[[], Report], repeat: int) -> tuple[float, Report]:
    best, out = float("inf"), None
    for _ in range(max(1, repeat)):
        start = time.process_time()
        out = work()
        best = min(best, time.process_time() - start)
    assert out is not None
    return best, out


def per_shape(
    data: Graph, shapes_file: Path, engines: tuple[str, ...], repeat: int = 1, only: str = ""
) -> list[tuple[str, dict[str, float], dict[str, int]]]:
    """(node shape, seconds per engine, results per engine) of each node shape alone; the
    first row is ``(no shape)``, the fixed cost, which the other rows have subtracted."""
    from kg.paths import ONTOLOGY_FILE, ontology_dir
    from kg.validate import load_ontology, shape_batches, validate, validate_rudof

    ontology_file = ontology_dir() / ONTOLOGY_FILE
    ontology = load_ontology(ontology_dir())
    nt = data.serialize(format="nt", encoding="utf-8")
    docs = shape_batches(shapes_file, 1)
    empty = _without_shapes(shapes_file)
    docs = [empty.serialize(format="turtle"), *(d for d in docs if _wanted(_name(d), only))]
    rows: list[tuple[str, dict[str, float], dict[str, int]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, doc in [(0, docs[0]), *enumerate(docs)]:  # the first run warms up (imports)
            name = _name(doc)
            seconds: dict[str, float] = {}
            counts: dict[str, int] = {}
            if "pyshacl" in engines:
                shapes = Graph().parse(data=doc, format="turtle")
                took, report = _best(
                    functools.partial(validate, data, shapes=shapes, ontology=ontology), repeat
                )
                seconds["pyshacl"], counts["pyshacl"] = took, len(report.results)
            if "rudof" in engines:
                path = Path(tmp) / f"shape-{i}.ttl"
                path.write_text(doc, encoding="utf-8")
                run = functools.partial(
                    validate_rudof, data, shapes_file=path, ontology_file=ontology_file, ntriples=nt
                )
                took, report = _best(run, repeat)
                seconds["rudof"], counts["rudof"] = took, len(report.results)
            rows.append((name, seconds, counts))
            print(
                f"  {name}: " + ", ".join(f"{k} {v:.3f}s" for k, v in seconds.items()),
                file=sys.stderr,
                flush=True,
            )
    rows = rows[1:]  # the warm-up run is not kept
    base = rows[0][1]
    out = [rows[0]]
    for name, seconds, counts in rows[1:]:
        out.append((name, {k: v - base[k] for k, v in seconds.items()}, counts))
    return out


def main(argv: list[str] | None = None) -> int:
    from kg.paths import SHAPES_FILE, ontology_dir

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=1, help="1: the real data (default)")
    parser.add_argument("--engine", choices=("pyshacl", "rudof", "both"), default="both")
    parser.add_argument("--shapes", type=Path, default=ontology_dir() / SHAPES_FILE)
    parser.add_argument(
        "--only",
        default="",
        help="only node shapes whose name contains one of these (comma-separated)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    args = parser.parse_args(argv)
    engines = ("pyshacl", "rudof") if args.engine == "both" else (args.engine,)
    start = time.perf_counter()
    data = _graph(args.scale)
    print(
        f"scale {args.scale}: {len(data)} triples, built in {time.perf_counter() - start:.1f}s;"
        f" shapes {args.shapes}",
        file=sys.stderr,
    )
    rows = per_shape(data, args.shapes, engines, args.repeat, args.only)
    (fixed_name, fixed, _), body = rows[0], rows[1:]
    body.sort(key=lambda row: -max(row[1].values()))
    header = "| node shape | " + " | ".join(f"{e} s | {e} results" for e in engines) + " |"
    print(header)
    print("|---" * (1 + 2 * len(engines)) + "|")
    fixed_cells = " | ".join(f"{fixed[e]:.3f} | " for e in engines)
    print(f"| {fixed_name} (fixed cost) | {fixed_cells} |")
    for name, seconds, counts in body:
        cells = " | ".join(f"{seconds[e]:.3f} | {counts[e]}" for e in engines)
        print(f"| {name} | {cells} |")
    totals = " | ".join(f"{sum(r[1][e] for r in body):.3f} | " for e in engines)
    print(f"| sum of shapes | {totals} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
