"""SPARQL benchmarks, run on demand.

``python -m tests.benchmarks.bench_sparql [--scales 1,10,100]``.

For each scale (1 = the real data; N = synthetic graphs of the real shape, see
:mod:`tests.benchmarks.synthetic`) it measures:

- whole-process latency of ``kg query --name`` vs the ``oxigraph query`` CLI on the same store;
- in-process latency of pyoxigraph vs rdflib's SPARQL engine on a 2-hop query;
- endpoint throughput on loopback with wrk: ``kg serve`` (cached and uncached) vs
  ``oxigraph serve-read-only`` on the same data and query, with error counts.

Figures are printed, never asserted in tests.
"""

from __future__ import annotations

import argparse
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from tests.benchmarks.bench import time_command

__all__ = ["TWO_HOP", "main"]

TWO_HOP = """PREFIX rujp: <https://w3id.org/rujp/ontology#>
SELECT ?city (COUNT(DISTINCT ?m) AS ?n) WHERE {
  ?p rujp:participant ?city ; rujp:meeting ?m .
  ?m rujp:host ?host . ?host rujp:country rujp:Russia .
} GROUP BY ?city ORDER BY DESC(?n) ?city"""
NAMED = ("conferences", "twinnings", "participation-per-city")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str) -> None:
    for _ in range(200):
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server at {url} did not start")


def _wrk(url: str, seconds: int) -> tuple[float, int]:
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            "-c8",
            f"-d{seconds}s",
            "-H",
            "Accept: application/sparql-results+json",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    errors = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, errors + (int(non2xx.group(1)) if non2xx else 0)


def _throughput(argv: list[str], path: str, query: str, seconds: int) -> tuple[float, int]:
    """Start a server (``{port}`` in argv is filled in), load it with wrk, stop it."""
    port = _free_port()
    proc = subprocess.Popen(
        [a.replace("{port}", str(port)) for a in argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait(f"http://127.0.0.1:{port}{path}?query=ASK%7B%7D")
        return _wrk(f"http://127.0.0.1:{port}{path}?{query}", seconds)
    finally:
        proc.terminate()
        proc.wait(10)


def _prepare(scale: int, work: Path) -> Path:
    """A build folder (store + N-Triples) for the real data (1) or a synthetic scale."""
    from kg.export.rdf import write_store
    from kg.paths import ONTOLOGY_FILE, ontology_dir, out_dir

    folder = work / f"x{scale}"
    folder.mkdir(parents=True)
    if scale == 1:
        shutil.copy(out_dir() / "rujp.nt", folder / "rujp.nt")
    else:
        from tests.benchmarks.synthetic import write_synthetic_ntriples

        write_synthetic_ntriples(folder / "rujp.nt", scale)
    write_store(
        (folder / "rujp.nt").read_bytes(), (ontology_dir() / ONTOLOGY_FILE).read_bytes(), folder
    )
    return folder


def bench_scale(scale: int, work: Path, runs: int, seconds: int) -> list[tuple[str, str]]:
    import pyoxigraph as ox

    from kg.query.named import get_query

    folder = _prepare(scale, work)
    store = folder / "store"
    kg = str(Path(sys.executable).with_name("kg"))
    oxi = str(Path(sys.executable).with_name("oxigraph"))
    with (folder / "rujp.nt").open("rb") as handle:
        triples = sum(1 for _ in handle)
    rows: list[tuple[str, str]] = [(f"x{scale} triples", f"{triples}")]
    for name in NAMED:
        qfile = folder / f"{name}.rq"
        qfile.write_text(get_query(name).text, encoding="utf-8")
        ours = time_command(
            [kg, "query", "--name", name, "--store", str(store), "--format", "csv"], runs
        )
        theirs = time_command(
            [
                oxi,
                "query",
                "--location",
                str(store),
                "--query-file",
                str(qfile),
                "--results-format",
                "csv",
            ],
            runs,
        )
        rows.append(
            (
                f"x{scale} process {name}: kg query / oxigraph query (s)",
                f"{ours:.3f} / {theirs:.3f} = {ours / theirs:.2f}x",
            )
        )
    oxstore = ox.Store.read_only(str(store))
    start = time.perf_counter()
    for _ in range(runs):
        for _ in oxstore.query(TWO_HOP):  # type: ignore[union-attr]
            pass
    ox_time = (time.perf_counter() - start) / runs
    del oxstore
    from rdflib import Graph

    graph = Graph()
    graph.parse(folder / "rujp.nt", format="nt")
    start = time.perf_counter()
    rdflib_rows = len(list(graph.query(TWO_HOP)))
    rdf_time = time.perf_counter() - start
    rows.append(
        (
            f"x{scale} in-process 2-hop: pyoxigraph / rdflib (s)",
            f"{ox_time:.4f} / {rdf_time:.3f} = {rdf_time / ox_time:.0f}x faster"
            f" ({rdflib_rows} rows)",
        )
    )
    ours = time_command(
        [kg, "query", "-e", TWO_HOP, "--store", str(store), "--format", "csv"], runs
    )
    script = (
        "import sys, rdflib; g = rdflib.Graph(); g.parse(sys.argv[1], format='nt'); "
        "list(g.query(sys.argv[2]))"
    )
    theirs = time_command([sys.executable, "-c", script, str(folder / "rujp.nt"), TWO_HOP], 1)
    rows.append(
        (
            f"x{scale} process 2-hop: kg query / python+rdflib (s)",
            f"{ours:.3f} / {theirs:.3f} = {theirs / ours:.0f}x faster",
        )
    )
    if shutil.which("wrk"):
        query = urllib.parse.urlencode({"query": get_query("conferences").text})
        servers = [
            (
                "kg serve (cache)",
                [kg, "serve", "--store", str(store), "--cache-size", "512", "--port", "{port}"],
                "/sparql",
            ),
            (
                "kg serve (no cache)",
                [kg, "serve", "--store", str(store), "--cache-size", "0", "--port", "{port}"],
                "/sparql",
            ),
            (
                "oxigraph serve",
                [oxi, "serve-read-only", "--location", str(store), "--bind", "127.0.0.1:{port}"],
                "/query",
            ),
        ]
        for label, argv, path in servers:
            rps, errors = _throughput(argv, path, query, seconds)
            rows.append((f"x{scale} throughput {label} (req/s, errors)", f"{rps:.0f}, {errors}"))
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scales", default="1,10,100", help="comma-separated scales")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        for scale in (int(s) for s in args.scales.split(",")):
            for name, value in bench_scale(scale, Path(tmp), args.runs, args.seconds):
                print(f"{name:70s} {value}", flush=True)


if __name__ == "__main__":
    main()
