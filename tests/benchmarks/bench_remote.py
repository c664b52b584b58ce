"""Scale-out benchmark, run on demand (``python -m tests.benchmarks.bench_remote
[--scales 1,100] [--runs 5]``), never collected as a test.

For each scale (1 = the real data, i.e. ``kg build`` output; N = synthetic graphs of the real
shape, see :mod:`tests.benchmarks.synthetic`) and each real store — Oxigraph (``oxigraph
serve``) and OpenLink Virtuoso (``virtuoso-t``), started fresh in a scratch folder exactly as
the tests start them (:mod:`tests.stores`) — it measures:

- the load: what ``kg load`` does (read the build, check the N-Triples locally, one Graph
  Store Protocol PUT of data + ontology into the project's graph, Digest login on
  Virtuoso), wall-clock seconds and triples per second;
- query latency: the median over ``--runs`` (after one warm-up) of a named query or a
  2-hop aggregate sent as ``kg query --endpoint`` sends it (form POST, the project's graph as
  ``default-graph-uri``), including reading and parsing the JSON results;
- whether the two stores give the same answers (:mod:`kg.query.compare`).

Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from kg.query.ask import upload
from kg.query.compare import Answer, answer_of, differences
from kg.query.named import get_query
from kg.query.remote import sparql_request
from kg.query.store import parse_remote
from kg.vocab.terms import GRAPH_IRI
from tests import stores
from tests.benchmarks.bench_sparql import TWO_HOP

__all__ = ["QUERIES", "main"]

#: Named queries timed at every scale (a selection, an aggregate, GROUP_CONCAT, a join).
QUERIES = (
    "conferences",
    "twinnings",
    "participation-per-city",
    "ties-by-region",
    "repeat-attendees",
)


def _build(scale: int, work: Path) -> Path:
    """A build folder with ``rujp.nt`` and the ontology copy, as ``kg load`` reads it."""
    from kg.paths import NTRIPLES_FILE, ONTOLOGY_COPY, out_dir

    if scale == 1:
        return out_dir()
    folder = work / f"x{scale}"
    folder.mkdir(parents=True)
    from tests.benchmarks.synthetic import write_synthetic_ntriples

    start = time.perf_counter()
    write_synthetic_ntriples(folder / NTRIPLES_FILE, scale)
    print(f"# x{scale}: synthetic graph written in {time.perf_counter() - start:.0f} s", flush=True)
    shutil.copy(out_dir() / ONTOLOGY_COPY, folder / ONTOLOGY_COPY)
    return folder


def _ask(store: stores.RemoteStore, text: str) -> Answer:
    _, body = sparql_request(store.query_url, text, default_graph=GRAPH_IRI, timeout=3600)
    return answer_of(parse_remote(body))


def _time_queries(
    store: stores.RemoteStore, runs: int
) -> tuple[list[tuple[str, str]], dict[str, Answer]]:
    rows: list[tuple[str, str]] = []
    answers: dict[str, Answer] = {}
    texts = {name: get_query(name).text for name in QUERIES} | {"2-hop": TWO_HOP}
    for name, text in texts.items():
        answers[name] = _ask(store, text)  # warm-up
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            _ask(store, text)
            samples.append(time.perf_counter() - start)
        rows.append(
            (
                f"query {name} (s, rows)",
                f"{statistics.median(samples):.3f}, {len(answers[name].rows)}",
            )
        )
    return rows, answers


def _bench_store(
    name: str, folder: Path, build: Path, runs: int, buffers: int
) -> tuple[list[tuple[str, str]], dict[str, Answer]]:
    context: Any
    if name == "oxigraph":
        context = stores.oxigraph(folder)
    else:
        binary, isql = stores.tools()
        if not binary or not isql:
            raise SystemExit("virtuoso-t is not installed; run `bash .ci/system-deps`")
        context = stores.virtuoso(binary, isql, folder, buffers=buffers)
    start = time.perf_counter()
    with context as store:
        started = time.perf_counter() - start
        start = time.perf_counter()
        done = upload(
            build, store.store_url, user=store.user, password=store.password, timeout=3600
        )
        seconds = time.perf_counter() - start
        rows = [
            ("start (s)", f"{started:.1f}"),
            ("load: kg load (s, triples/s)", f"{seconds:.1f}, {done.triples / seconds:,.0f}"),
        ]
        timed, answers = _time_queries(store, runs)
    return rows + timed, answers


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scales", default="1,100", help="comma-separated scales")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--buffers", type=int, default=100_000, help="Virtuoso NumberOfBuffers (8 KB pages)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for scale in (int(s) for s in args.scales.split(",")):
            build = _build(scale, work)
            with (build / "rujp.nt").open("rb") as handle:
                triples = sum(1 for _ in handle)
            print(f"x{scale}: {triples:,} data triples (+ ontology)", flush=True)
            answers: dict[str, dict[str, Answer]] = {}
            for name in ("oxigraph", "virtuoso"):
                folder = work / f"{name}-x{scale}"
                folder.mkdir()
                rows, answers[name] = _bench_store(name, folder, build, args.runs, args.buffers)
                for label, value in rows:
                    print(f"x{scale} {name:9s} {label:45s} {value}", flush=True)
                shutil.rmtree(folder, ignore_errors=True)
            texts = {q: get_query(q).text for q in QUERIES} | {"2-hop": TWO_HOP}
            for query, text in texts.items():
                diff = differences(
                    text,
                    answers["oxigraph"][query],
                    answers["virtuoso"][query],
                    ("oxigraph", "virtuoso"),
                )
                print(f"x{scale} same answer {query:30s} {'yes' if not diff else diff[:2]}")


if __name__ == "__main__":
    main()
