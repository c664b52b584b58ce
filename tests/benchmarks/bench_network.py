"""Network benchmarks, run on demand (``python -m tests.benchmarks.bench_network``), never in tests.

For each scale (synthetic graphs of :mod:`tests.benchmarks.synthetic`, 10x, 100x and 1000x
the real data) it times generating the RDF graph, reading the network facts from it, each
projection, and every measure of :data:`kg.network.MEASURES` on each projection, and reports
the peak memory of each measure (tracemalloc, in a second run so that tracing does not slow
the timed one). Target: every measure at 100x under 10 s on the project's machine (2 cores).
Betweenness is sampled above :data:`kg.network.EXACT_BETWEENNESS_LIMIT` nodes; the table
says so, and which engine (:mod:`kg.network.centrality`) ran each centrality; ``--engine``
forces one.

    python -m tests.benchmarks.bench_network                 # 10, 100, 1000
    python -m tests.benchmarks.bench_network --scales 10,100 --no-memory
    python -m tests.benchmarks.bench_network --scales 100 --engine networkx
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.network import Engine

__all__ = ["main", "measure_once"]

TARGET_SECONDS = 10.0


def measure_once(func: Callable[[], Any], memory: bool) -> tuple[float, float | None, Any]:
    """Seconds of one call, and (when ``memory``) its peak traced memory in MiB from a second
    call under tracemalloc; also the result of the timed call."""
    start = time.perf_counter()
    result = func()
    seconds = time.perf_counter() - start
    peak = None
    if memory:
        tracemalloc.start()
        try:
            func()
            peak = tracemalloc.get_traced_memory()[1] / 2**20
        finally:
            tracemalloc.stop()
    return seconds, peak, result


#: The measures that run on either engine.
ENGINE_MEASURES = ("betweenness", "closeness", "eigenvector", "pagerank")


def _call(measure: str, func: Callable[..., object], g: Any, seed: int, engine: Engine) -> object:
    kwargs: dict[str, object] = {"engine": engine} if measure in ENGINE_MEASURES else {}
    if measure in ("betweenness", "communities"):
        kwargs["seed"] = seed
    return func(g, **kwargs)


def _row(*cells: object) -> None:
    widths = (6, 16, 8, 8, 18, 9, 10, 0)
    text = "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=False))
    print(text.rstrip(), flush=True)


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(
    scales: list[int], memory: bool = True, seed: int = 0, engine: Engine = "auto"
) -> list[dict[str, Any]]:
    """Run the benchmarks; print a row per measurement and return them all."""
    from kg.network import (
        EXACT_BETWEENNESS_LIMIT,
        GRAPHS,
        MEASURES,
        Betweenness,
        extract,
        project,
        simple,
        uses_igraph,
    )
    from tests.benchmarks.synthetic import synthetic_graph

    rows: list[dict[str, Any]] = []

    def record(
        scale: int,
        graph: str,
        n: int,
        m: int,
        what: str,
        s: float,
        peak: float | None,
        note: str = "",
    ) -> None:
        timed_measure = graph != "rdf" and what != "projection"
        flag = " OVER TARGET" if timed_measure and scale == 100 and s >= TARGET_SECONDS else ""
        rows.append(
            {
                "scale": scale,
                "graph": graph,
                "nodes": n,
                "edges": m,
                "measure": what,
                "seconds": s,
                "peak_mib": peak,
                "note": note + flag,
            }
        )
        _row(
            f"{scale}x",
            graph,
            n,
            m,
            what,
            f"{s:.3f}",
            "" if peak is None else f"{peak:.1f}",
            note + flag,
        )

    _row("scale", "graph", "nodes", "edges", "measure", "seconds", "peak MiB", "note")
    for scale in scales:
        start = time.perf_counter()
        rdf = synthetic_graph(scale, seed=seed)
        record(
            scale,
            "rdf",
            len(rdf),
            0,
            "synthetic_graph",
            time.perf_counter() - start,
            None,
            f"triples; max RSS so far {_rss_mib():.0f} MiB",
        )
        seconds, peak, data = measure_once(partial(extract, rdf), False)
        record(scale, "rdf", len(rdf), 0, "extract", seconds, peak)
        del rdf
        for name in GRAPHS:
            seconds, peak, g = measure_once(partial(project, data, name), memory)
            n, m = g.number_of_nodes(), g.number_of_edges()
            record(scale, name, n, m, "projection", seconds, peak)
            s = simple(g) if g.is_multigraph() else g
            for measure, func in MEASURES.items():
                call = partial(_call, measure, func, s, seed, engine)
                seconds, peak, result = measure_once(call, memory)
                notes = []
                if measure in ENGINE_MEASURES:
                    notes.append("igraph" if uses_igraph(s, engine) else "networkx")
                if isinstance(result, Betweenness):
                    notes.append(
                        f"sampled, {result.sources} sources (n > {EXACT_BETWEENNESS_LIMIT})"
                        if result.sampled
                        else "exact"
                    )
                note = ", ".join(notes)
                record(scale, name, n, m, measure, seconds, peak, note)
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks.bench_network", description=__doc__
    )
    parser.add_argument("--scales", default="10,100,1000", help="comma-separated scales")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--engine",
        default="auto",
        choices=("auto", "networkx", "igraph"),
        help="engine of betweenness, closeness, eigenvector and PageRank (default: auto)",
    )
    args = parser.parse_args(argv)
    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    rows = run(scales, memory=not args.no_memory, seed=args.seed, engine=args.engine)
    over = [r for r in rows if r["note"].endswith("OVER TARGET")]
    print(
        f"max RSS {_rss_mib():.0f} MiB; measures at 100x over {TARGET_SECONDS:.0f} s: {len(over)}",
        flush=True,
    )


if __name__ == "__main__":
    main()
