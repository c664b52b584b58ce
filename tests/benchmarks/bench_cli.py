"""Start-up of the light commands: ``kg query`` against ``oxigraph query`` on the same store.

Run on demand: ``python -m tests.benchmarks.bench_cli [--runs N]`` (after ``kg build``).
Each pair runs the two commands one after the other, so the ratio of a pair holds when the
machine's speed drifts; the table gives the median of each command and of the pair ratios.
``kg --help`` and ``kg queries`` are timed against the same ``oxigraph query``, and so is the
floor any Python command has: an interpreter that imports pyoxigraph, opens the store and
runs the query, with no CLI at all.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

__all__ = ["main"]

QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


#: As a user runs it: Python may cache the package's bytecode (a shell that sets
#: PYTHONDONTWRITEBYTECODE would make every run compile kg's modules anew).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _seconds(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True, env=ENV)
    return time.perf_counter() - start


def _pairs(a: list[str], b: list[str], runs: int) -> tuple[float, float, float]:
    _seconds(a), _seconds(b)  # warm the page cache
    times_a, times_b, ratios = [], [], []
    for _ in range(runs):
        ta, tb = _seconds(a), _seconds(b)
        times_a.append(ta)
        times_b.append(tb)
        ratios.append(ta / tb)
    return statistics.median(times_a), statistics.median(times_b), statistics.median(ratios)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--store", type=Path, default=None, help="built store [build/store]")
    args = parser.parse_args(argv)
    from kg import paths

    store = str(args.store or paths.store_dir())
    kg = str(Path(sys.executable).with_name("kg"))
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    reference = [
        oxigraph,
        "query",
        "--location",
        store,
        "--query",
        QUERY,
        "--results-format",
        "csv",
    ]
    commands = {
        "kg query -e (csv)": [kg, "query", "-e", QUERY, "--format", "csv", "--store", store],
        "kg query --name twinnings": [kg, "query", "--name", "twinnings", "--store", store],
        "kg queries": [kg, "queries"],
        "kg --help": [kg, "--help"],
        "floor: python + pyoxigraph, open, query": [
            sys.executable,
            "-c",
            "import sys, pyoxigraph as ox; "
            "print(list(ox.Store.read_only(sys.argv[1]).query(sys.argv[2])))",
            store,
            QUERY,
        ],
    }
    print(f"{'command':28}  median s  oxigraph query s  ratio (median of pairs)")
    for name, command in commands.items():
        a, b, ratio = _pairs(command, reference, args.runs)
        print(f"{name:28}  {a:8.3f}  {b:16.3f}  {ratio:6.2f}")


if __name__ == "__main__":
    main()
