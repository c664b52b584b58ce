"""Render time and size of the pages people read on ``kg serve``.

Run on demand: ``python -m tests.benchmarks.bench_pages [--runs N]`` (after ``kg build``).
Times one page of each kind in each language, in process (the server's own call), the first
render apart (it reads the coastlines) and then the median of ``N`` renders; prints the size
of each page too.
"""

from __future__ import annotations

import argparse
import statistics
import time

__all__ = ["main"]


def main() -> None:
    from kg.paths import out_dir, store_dir
    from kg.query.store import open_store
    from kg.serve.pages import dataset_html, resource_html
    from kg.serve.querypage import query_page
    from kg.vocab import iris

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    store = open_store(store_dir())
    pages = {
        "place (Niigata)": lambda lang: resource_html(store, iris.place("jp-niigata"), lang),
        "place (Volgograd)": lambda lang: resource_html(store, iris.place("ru-volgograd"), lang),
        "agreement": lambda lang: resource_html(
            store, iris.agreement("jp-niigata--ru-khabarovsk"), lang
        ),
        "meeting": lambda lang: resource_html(
            store, iris.meeting("coastal-mayors-conference", "27"), lang
        ),
        "dataset": lambda lang: dataset_html(store, out_dir(), "http://127.0.0.1:8000", lang),
        "query page": lambda lang: query_page(lang).decode(),
    }
    start = time.perf_counter()
    pages["place (Niigata)"]("en")
    print(f"first page render (reads the coastlines): {time.perf_counter() - start:.3f} s")
    print(f"{'page':<20} {'lang':<4} {'median s':>9} {'KB':>6}")
    for name, render in pages.items():
        for lang in ("en", "ru", "ja"):
            times = []
            text = ""
            for _ in range(runs):
                start = time.perf_counter()
                text = render(lang) or ""
                times.append(time.perf_counter() - start)
            size = len(text.encode("utf-8")) / 1024
            print(f"{name:<20} {lang:<4} {statistics.median(times):>9.3f} {size:>6.0f}")


if __name__ == "__main__":
    main()
