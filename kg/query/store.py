"""Run SPARQL over the embedded store or a remote endpoint. Light: imports pyoxigraph only.

>>> from kg.paths import store_dir
>>> rows = select(open_store(store_dir()), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
>>> int(rows[0]["n"]) > 0
True
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg import formats
from kg.errors import InputError, Problem
from kg.query.results import render, term_text

__all__ = ["FORMATS", "open_store", "parse_remote", "render", "run", "select", "term_text"]

_RESULTS = formats.names("results")
#: The output formats of :func:`render`: an aligned text table or a SPARQL results format.
FORMATS = ("table", *_RESULTS)


def open_store(path: Path) -> Any:
    """Open the built store read-only; a missing store is an input error."""
    if not (path / "CURRENT").exists():
        raise InputError(
            [Problem(str(path), None, None, "no built store here", "run `kg build` first")]
        )
    try:
        # the build switches versions by a link: stay on the one that is current now
        return ox.Store.read_only(str(path.resolve()))
    except OSError as exc:
        raise InputError(
            [Problem(str(path), None, None, f"cannot open store: {exc}", "run `kg build` again")]
        ) from exc


def run(
    store: Any,
    sparql: str,
    *,
    source: str = "<query>",
    bindings: dict[str, Any] | None = None,
) -> Any:
    """Evaluate a SPARQL query; ``bindings`` bind variables to RDF terms through an inline
    VALUES block of serialised terms (see :func:`kg.query.named.with_values`).

    A syntax error, or a query too long or too deeply nested for the engine to parse
    safely (:mod:`kg.query.guard`), is an input error naming ``source``.
    """
    from kg.query.guard import QueryRejectedError, check

    if bindings:
        from kg.query.named import with_values

        sparql = with_values(sparql, bindings)
    try:
        check(sparql)
    except QueryRejectedError as exc:
        raise InputError([Problem(source, None, None, exc.message, exc.hint)]) from exc
    try:
        return store.query(sparql)
    except SyntaxError as exc:
        raise InputError(
            [Problem(source, None, None, f"SPARQL syntax error: {exc}", "fix the query")]
        ) from exc


def parse_remote(data: bytes) -> Any:
    """Parse SPARQL JSON results fetched from an endpoint into pyoxigraph results."""
    return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)


def select(store: Any, sparql: str, **kwargs: Any) -> list[dict[str, str]]:
    """Run a SELECT and return rows of plain strings (unbound variables as '')."""
    solutions = run(store, sparql, **kwargs)
    names = [v.value for v in solutions.variables]
    return [{name: term_text(sol[name]) for name in names} for sol in solutions]
