"""Benchmark of ``kg ingest``: 200 articles of about 2,000 characters, including loading the
tables, the gazetteer and the morphology dictionaries; prints wall time and peak memory.

Run with ``python -m tests.benchmarks.bench_ingest`` (goal: under 60 s and 1.5 GiB on two
cores). The articles are the development set's, repeated and concatenated to ~2,000 chars.
"""

from __future__ import annotations

import resource
import time
from pathlib import Path

__all__ = ["main"]

DEV = Path(__file__).resolve().parent.parent / "ingest"


def _articles(n: int = 200, size: int = 2000) -> list[tuple[str, str, str]]:
    import json

    golds = sorted(DEV.rglob("*.json"))
    base = [
        (p.with_suffix(".txt").read_text(encoding="utf-8"), json.loads(p.read_text())["lang"],
         json.loads(p.read_text())["published"])
        for p in golds
    ]  # fmt: skip
    out = []
    for i in range(n):
        text, lang, pub = base[i % len(base)]
        same = [t for t, lg, _ in base if lg == lang]
        k = i
        while len(text) < size:
            text += "\n\n" + same[k % len(same)]
            k += 7
        out.append((text, lang, pub))
    return out


def main() -> None:
    articles = _articles()
    start = time.perf_counter()
    from kg.ingest.run import Ingester
    from kg.paths import data_dir
    from kg.tables import load_tables

    ingester = Ingester(load_tables(data_dir()))
    loaded = time.perf_counter()
    facts = 0
    for text, _, pub in articles:
        facts += len(ingester.article(text, published=pub).facts)
    end = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    chars = sum(len(t) for t, _, _ in articles)
    print(f"{len(articles)} articles, {chars} characters, {facts} facts")
    print(f"loading {loaded - start:.2f} s, extraction {end - loaded:.2f} s, "
          f"total {end - start:.2f} s; peak memory {peak:.0f} MiB")  # fmt: skip


if __name__ == "__main__":
    main()
