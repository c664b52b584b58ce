"""Speed benchmarks, run on demand (`make bench`), never collected as tests.

Measures whole-process wall time of `kg build`, `kg validate` (with the default engine,
auto, and with pySHACL alone, the reference) and `kg query` on the real data, the import cost
of the heavy libraries, and in-process validation time. Prints a table of medians.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["main", "time_command"]

QUERY = (
    "PREFIX rujp: <https://w3id.org/rujp/ontology#> "
    "SELECT ?jp ?ru WHERE { ?a rujp:japaneseParty ?jp ; rujp:russianParty ?ru }"
)


def time_command(argv: list[str], runs: int) -> float:
    """Median wall-clock seconds of running ``argv`` as a fresh process."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _import_cost(module: str, runs: int) -> float:
    base = time_command([sys.executable, "-c", "pass"], runs)
    return time_command([sys.executable, "-c", f"import {module}"], runs) - base


def main(runs: int = 5) -> None:
    kg = str(Path(sys.executable).with_name("kg"))
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "out")
        rows = [
            ("kg build (real data)", time_command([kg, "build", "--out", out], runs)),
            (
                "kg build --engine pyshacl",
                time_command([kg, "build", "--out", out, "--engine", "pyshacl"], runs),
            ),
            ("kg validate (real data)", time_command([kg, "validate"], runs)),
            (
                "kg validate --engine pyshacl",
                time_command([kg, "validate", "--engine", "pyshacl"], runs),
            ),
            (
                "kg query -e (real data)",
                time_command([kg, "query", "-e", QUERY, "--store", out + "/store"], runs * 2),
            ),
            ("python -c pass", time_command([sys.executable, "-c", "pass"], runs)),
        ]
    for module in ("pyoxigraph", "rdflib", "pyshacl", "matplotlib.pyplot"):
        rows.append((f"import {module} (extra)", _import_cost(module, runs)))
    from kg.paths import data_dir, ontology_dir
    from kg.pipeline import check

    for engine in ("auto", "pyshacl"):
        start = time.perf_counter()
        check(data_dir(), ontology_dir(), engine=engine)
        rows.append((f"check() in process: load+build+{engine}", time.perf_counter() - start))
    width = max(len(name) for name, _ in rows)
    print(f"{'benchmark'.ljust(width)}  median s")
    for name, seconds in rows:
        print(f"{name.ljust(width)}  {seconds:8.3f}")


if __name__ == "__main__":
    main()
