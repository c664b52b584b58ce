"""``kg ingest``: facts from news reports and official pages, scored, reviewed and merged.

Each handler reads its options and calls :mod:`kg.ingest` (imported inside the handler, so
the light commands never load the NLP libraries): print facts per article (a progress bar on
a terminal, one summary line per article otherwise; a failing file is reported and
skipped), score against gold files (``--evaluate``), write review files (``--candidates``)
or merge reviewed ones into the tables (``--accept``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kg.cli.build import add_data_options
from kg.errors import EXIT_INPUT, EXIT_OK, UsageError

__all__ = ["register"]


def _progress(total: int) -> Any:
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="article", file=sys.stderr)


def _check_extra() -> None:
    """A usage error, not a traceback, when the optional NLP libraries are missing."""
    import importlib.util

    missing = [m for m in ("pymorphy3", "trafilatura", "tqdm") if not importlib.util.find_spec(m)]
    if missing:
        raise UsageError(
            f"kg ingest needs {', '.join(missing)} (the optional 'ingest' dependencies)",
            "pip install 'rujp-kg[ingest]'",
        )


def _ingest(args: argparse.Namespace) -> int:
    from datetime import date

    from kg import paths
    from kg.tables import load_tables

    if args.published:
        try:
            date.fromisoformat(args.published)
        except ValueError:
            raise UsageError(
                f"--published '{args.published}' is not a date", "write YYYY-MM-DD"
            ) from None

    data = args.data or paths.data_dir()
    if args.accept is not None:
        from kg.ingest.review import accept

        for line in accept(args.accept, data, args.ontology or paths.ontology_dir()):
            print(line)
        return EXIT_OK
    _check_extra()  # reading articles needs the NLP libraries; merging reviews does not
    from kg.ingest.run import Failure, Ingester, collect, render

    ingester = Ingester(load_tables(data))
    if args.evaluate is not None:
        from kg.ingest.evaluate import evaluate, format_scores

        sys.stdout.write(format_scores(evaluate(args.evaluate, ingester), args.verbose))
        return EXIT_OK
    if not args.files:
        raise UsageError("give FILE... or a folder, --evaluate DIR or --accept DIR")
    files = collect(args.files)
    if args.url and len(files) > 1:
        raise UsageError("--url names one article; give one file with it")
    options = {"url": args.url or "", "lang": args.lang, "published": args.published or "",
               "publisher": args.publisher or ""}  # fmt: skip
    articles, failed = [], 0
    bar = _progress(len(files)) if len(files) > 1 else None
    for path, result in ingester.files(files, **options):
        if isinstance(result, Failure):
            failed += 1
            sys.stderr.write(f"[ERROR] {result.path} skipped: {result.message}\n")
        else:
            articles.append(result)
            if bar is None and len(files) > 1:
                counts = {s: sum(f.status == s for f in result.facts) for s in
                          ("new", "known", "conflicting")}  # fmt: skip
                sys.stderr.write(
                    f"{path}: {result.lang}, {len(result.facts)} facts ({counts['new']} new, "
                    f"{counts['known']} known, {counts['conflicting']} conflicting)\n"
                )
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    if args.candidates is not None:
        from kg.ingest.review import write_candidates

        for line in write_candidates(articles, args.candidates):
            print(line)
    elif articles:
        sys.stdout.write(render(articles, args.format))
    return EXIT_INPUT if failed and not articles else EXIT_OK


def register(commands: Any) -> None:
    """Add ``ingest`` to the command tree."""
    p = commands.add_parser(
        "ingest",
        help="facts from news reports (ru/ja/en): print, score, review, merge",
        description="Reads plain text, Markdown or HTML reports and prints the meetings, "
        "participations, visits, twinnings and signed agreements they state, each with its "
        "evidence offsets and its status against the graph (new, known, conflicting). "
        "Needs the optional 'ingest' dependencies.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    p.add_argument("files", nargs="*", type=Path, metavar="FILE", help="articles or folders")
    p.add_argument("--url", help="the article's address (one file only)")
    p.add_argument("--published", help="publication date YYYY-MM-DD (for relative dates)")
    p.add_argument("--publisher", help="who published the article")
    p.add_argument(
        "--lang",
        choices=("auto", "ru", "ja", "en"),
        default="auto",
        help="the article's language, one of: %(choices)s (default: %(default)s)",
    )
    p.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="how facts are printed, one of: %(choices)s (default: %(default)s)",
    )
    p.add_argument("--candidates", type=Path, metavar="DIR", help="write review files to DIR")
    p.add_argument("--accept", type=Path, metavar="DIR", help="merge reviewed files from DIR")
    p.add_argument("--evaluate", type=Path, metavar="DIR", help="score against gold files")
    p.add_argument("-v", "--verbose", action="store_true", help="with --evaluate: list misses")
    add_data_options(p)
    p.set_defaults(handler=_ingest)
