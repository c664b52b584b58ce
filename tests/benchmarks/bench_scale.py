"""Scale benchmark: ``kg build`` and ``kg validate`` on synthetic tables at N times the real
size, as whole processes, with wall time and peak resident memory (``/usr/bin/time -v``),
and optionally the time of each phase of the build in one process.

Run: ``python -m tests.benchmarks.bench_scale [SCALE ...] [--engine pyshacl|rudof]
[--only build|validate] [--phases]`` (default scales 1 and 10). The tables are
:func:`~tests.benchmarks.synthetic.synthetic_tables` written as CSV, so the whole pipeline
runs, reading included. Growth is linear when the time per row stays flat across scales.
``--phases`` times reading, graph, validation, each serialisation, the dataset description,
the documentation and the store in one process (peak RSS so far after each); with
``--engine none`` it skips validation, to time the rest at scales no engine reaches.
"""

from __future__ import annotations

import argparse
import functools
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.benchmarks.synthetic import write_synthetic_tables

__all__ = ["main", "measure", "phases"]


def measure(argv: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB and exit code of ``argv`` run under ``/usr/bin/time -v``."""
    done = subprocess.run(
        ["/usr/bin/time", "-v", *argv], capture_output=True, text=True, check=False
    )
    wall = re.search(r"Elapsed \(wall clock\) time .*: (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    if wall is None or rss is None:
        raise RuntimeError(done.stderr[-2000:])
    hours, minutes, seconds = wall.groups()
    total = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
    return total, int(rss.group(1)) / 1024, done.returncode


def phases(
    data: Path,
    engine: str,
    batch: int | None = None,
    progress: Callable[[str, float, float], None] | None = None,
) -> list[tuple[str, float, float]]:
    """(phase, seconds, peak RSS in MB so far) of each phase of ``kg build`` on ``data``,
    run in this process as :func:`kg.pipeline.build` runs them (nothing is written but the
    store, into a temporary folder). ``batch`` is rudof's number of node shapes per run;
    ``progress`` is called with each phase's row as soon as it ends."""
    from kg.export.docs import ontology_documentation
    from kg.export.rdf import canonical_ntriples, canonical_turtle, write_store
    from kg.export.serialise import DATASET_FORMATS
    from kg.export.void import dataset_description
    from kg.graph import build_graph
    from kg.paths import CONTEXT_FILE, ONTOLOGY_FILE, SHAPES_FILE, ontology_dir
    from kg.tables import read_tables
    from kg.validate import load_ontology, load_shapes, validate, validate_rudof

    onto = ontology_dir()
    rows: list[tuple[str, float, float]] = []
    found: dict[str, Any] = {}

    def run(name: str, work: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        found[name] = result = work()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows.append((name, time.perf_counter() - start, peak))
        if progress is not None:
            progress(*rows[-1])
        return result

    tables = run("read tables", lambda: read_tables(data)[0])
    built = run("build graph", lambda: build_graph(tables))
    graph = built.graph
    nt = run("n-triples", lambda: canonical_ntriples(graph))
    if engine == "rudof":
        report = run(
            "validate (rudof)",
            lambda: validate_rudof(
                graph,
                shapes_file=onto / SHAPES_FILE,
                ontology_file=onto / ONTOLOGY_FILE,
                origins=built.origins,
                ntriples=nt,
                batch=batch,
            ),
        )
    elif engine == "none":
        report = None
    else:
        shapes, ontology = load_shapes(onto), load_ontology(onto)
        report = run(
            "validate (pyshacl)",
            lambda: validate(graph, shapes=shapes, ontology=ontology, origins=built.origins),
        )
    if report is not None and not report.conforms:
        raise RuntimeError("the synthetic graph does not conform")
    files = {"nt": nt}
    for name, fmt in DATASET_FORMATS.items():
        if name != "nt":
            files[name] = run(name, functools.partial(fmt.load(), graph, nt, onto / CONTEXT_FILE))
    run("void", lambda: canonical_turtle(dataset_description(graph, files)))
    run("ontology.html", lambda: ontology_documentation(load_ontology(onto)))
    ontology_ttl = (onto / ONTOLOGY_FILE).read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        run("store", lambda: write_store(nt, ontology_ttl, Path(tmp)))
    return rows


def _print_phase(name: str, seconds: float, peak: float) -> None:
    print(f"  {name:<20} {seconds:8.2f} s {peak:8.0f} MB peak", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scales", nargs="*", type=int, default=[1, 10])
    parser.add_argument(
        "--engine",
        choices=("pyshacl", "rudof", "none"),
        default="pyshacl",
        help="SHACL engine; none (with --phases only) skips validation to time the rest",
    )
    parser.add_argument("--only", choices=("build", "validate"), default=None)
    parser.add_argument("--phases", action="store_true", help="time each phase in-process")
    parser.add_argument("--batch", type=int, default=None, help="rudof: node shapes per run")
    args = parser.parse_args(argv)
    if args.engine == "none" and not args.phases:
        parser.error("--engine none needs --phases")
    kg = str(Path(sys.executable).with_name("kg"))
    if not args.phases:
        header = ("command", "scale", "rows", "wall s", "ms/row", "peak MB")
        print("{:<22} {:>5} {:>7} {:>8} {:>7} {:>8}".format(*header))
    with tempfile.TemporaryDirectory() as tmp:
        for scale in args.scales:
            data = Path(tmp) / f"data-{scale}"
            rows = write_synthetic_tables(data, scale)
            if args.phases:
                print(f"scale {scale} ({rows} rows), engine {args.engine}")
                phases(data, args.engine, args.batch, _print_phase)
                continue
            out = Path(tmp) / f"out-{scale}"
            for name, command in (
                ("kg validate", [kg, "validate", "--data", str(data), "--engine", args.engine]),
                (
                    "kg build",
                    [kg, "build", "--data", str(data), "--out", str(out), "--engine", args.engine],
                ),
            ):
                if args.only and name != f"kg {args.only}":
                    continue
                wall, rss, code = measure(command)
                label = f"{name} ({args.engine})" + ("" if code == 0 else f" exit {code}")
                print(
                    f"{label:<22} {scale:>5} {rows:>7} {wall:>8.1f} "
                    f"{1000 * wall / rows:>7.2f} {rss:>8.0f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
