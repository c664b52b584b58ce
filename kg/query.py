"""Run SPARQL over the embedded store. Light: imports pyoxigraph only (no rdflib).

>>> from kg.paths import store_dir
>>> rows = select(open_store(store_dir()), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
>>> int(rows[0]["n"]) > 0
True
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import InputError, Problem

__all__ = ["FORMATS", "open_store", "render", "run", "select", "term_text"]

FORMATS = ("table", "csv", "tsv", "json")

_SHORT = {
    "https://w3id.org/rujp/ontology#": "rujp:",
    "https://w3id.org/rujp/id/": "id:",
}


def open_store(path: Path) -> Any:
    """Open the built store read-only; a missing store is an input error."""
    if not (path / "CURRENT").exists():
        raise InputError(
            [Problem(str(path), None, None, "no built store here", "run `kg build` first")]
        )
    try:
        return ox.Store.read_only(str(path))
    except OSError as exc:
        raise InputError(
            [Problem(str(path), None, None, f"cannot open store: {exc}", "run `kg build` again")]
        ) from exc


def run(store: Any, sparql: str, *, source: str = "<query>") -> Any:
    """Evaluate a SPARQL query; a syntax error is an input error naming ``source``."""
    try:
        return store.query(sparql)
    except SyntaxError as exc:
        raise InputError(
            [Problem(source, None, None, f"SPARQL syntax error: {exc}", "fix the query")]
        ) from exc


def term_text(term: Any) -> str:
    """The plain text of an RDF term: IRI string or literal value; '' for unbound."""
    if term is None:
        return ""
    return str(term.value)


def select(store: Any, sparql: str) -> list[dict[str, str]]:
    """Run a SELECT and return rows of plain strings (unbound variables as '')."""
    solutions = run(store, sparql)
    names = [v.value for v in solutions.variables]
    return [{name: term_text(sol[name]) for name in names} for sol in solutions]


def _shorten(text: str) -> str:
    for base, prefix in _SHORT.items():
        if text.startswith(base):
            return prefix + text[len(base) :]
    return text


def _table(variables: list[str], rows: list[list[str]]) -> str:
    widths = [len(v) for v in variables]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [line(variables), line(["-" * w for w in widths])]
    out.extend(line(row) for row in rows)
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def render(result: Any, fmt: str) -> bytes:
    """Render a query result as table, csv, tsv or json (SPARQL 1.1 results formats)."""
    if isinstance(result, ox.QueryBoolean):
        value = bool(result)
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": value}).encode() + b"\n"
        return (b"true" if value else b"false") + b"\n"
    if isinstance(result, ox.QueryTriples):
        buffer = io.BytesIO()
        result.serialize(buffer, ox.RdfFormat.N_TRIPLES)
        return buffer.getvalue()
    if fmt in ("csv", "tsv", "json"):
        formats = {
            "csv": ox.QueryResultsFormat.CSV,
            "tsv": ox.QueryResultsFormat.TSV,
            "json": ox.QueryResultsFormat.JSON,
        }
        data: bytes = result.serialize(format=formats[fmt])
        return data
    variables = [v.value for v in result.variables]
    rows = [[_shorten(term_text(sol[v])) for v in variables] for sol in result]
    return _table(variables, rows).encode("utf-8")
