"""Named competency queries shipped in ``kg/query/queries/*.rq``.

Each file starts with comment lines that document it::

    # question: Which local governments is a given city twinned with?
    # param: city place Id of the municipality or region, e.g. jp-niigata
    # columns: partner, partner_label, kind, established, status

Parameters are bound as RDF terms: each value becomes a pyoxigraph term (an IRI or a typed
literal, validated and escaped by pyoxigraph), serialised into an inline ``VALUES`` block at
the start of the WHERE group — the same for the local store and remote endpoints. A value's
text is never pasted into the query. Light: imports pyoxigraph only.

>>> sorted(q.name for q in list_queries())[:2]
['conferences', 'conferences-by-host-country']
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

import pyoxigraph as ox

from kg.errors import InputError, Problem, UsageError
from kg.paths import queries_dir
from kg.vocab import iris

__all__ = ["NamedQuery", "Param", "bind", "get_query", "list_queries", "with_values"]

PARAM_KINDS = ("place", "iri", "string", "integer")


class Param(NamedTuple):
    """A typed parameter of a named query (bound as an RDF term, never pasted as text)."""

    name: str
    kind: str
    doc: str


class NamedQuery(NamedTuple):
    """A documented SPARQL query file (named tuples keep ``kg query`` free of the
    :mod:`dataclasses` import cost)."""

    name: str
    question: str
    columns: tuple[str, ...]
    params: tuple[Param, ...]
    note: str
    text: str
    path: Path


def _parse(path: Path) -> NamedQuery:
    meta: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^#\s*(\w+):\s*(.*)$", line)
        if not m:
            if line.strip() and not line.startswith("#"):
                break
            continue
        meta.setdefault(m.group(1), []).append(m.group(2).strip())
    params = []
    for spec in meta.get("param", []):
        name, kind, *doc = spec.split(maxsplit=2)
        params.append(Param(name, kind, doc[0] if doc else ""))
    columns = tuple(c.strip() for c in " ".join(meta.get("columns", [])).split(",") if c.strip())
    return NamedQuery(
        name=path.stem,
        question=" ".join(meta.get("question", [])),
        columns=columns,
        params=tuple(params),
        note=" ".join(meta.get("note", [])),
        text=path.read_text(encoding="utf-8"),
        path=path,
    )


def list_queries(folder: Path | None = None) -> list[NamedQuery]:
    """Every named query, sorted by name."""
    return [_parse(p) for p in sorted((folder or queries_dir()).glob("*.rq"))]


def get_query(name: str, folder: Path | None = None) -> NamedQuery:
    path = (folder or queries_dir()) / f"{name}.rq"
    if not path.is_file():
        known = ", ".join(q.name for q in list_queries(folder))
        raise InputError(
            [Problem(f"--name {name}", None, None, "no such named query", f"use one of: {known}")]
        )
    return _parse(path)


def _term(param: Param, value: str, query: str) -> Any:
    where = f"--param {param.name}={value}"
    try:
        if param.kind == "place":
            iri = value if value.startswith(("http://", "https://")) else iris.place(value)
            return ox.NamedNode(iri)
        if param.kind == "iri":
            return ox.NamedNode(value)
        if param.kind == "integer":
            return ox.Literal(
                str(int(value)), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
            )
        return ox.Literal(value)
    except ValueError as exc:
        raise InputError(
            [
                Problem(
                    where,
                    None,
                    param.name,
                    f"not a valid {param.kind}: {exc}",
                    f"see `kg queries` for the parameters of {query}",
                )
            ]
        ) from exc


def bind(query: NamedQuery, values: dict[str, str]) -> dict[str, Any]:
    """Turn ``--param`` strings into RDF terms keyed by variable; check names and presence."""
    known = {p.name: p for p in query.params}
    problems = [
        Problem(
            f"--param {name}",
            None,
            name,
            "unknown parameter",
            f"{query.name} takes: {', '.join(known) or 'no parameters'}",
        )
        for name in values
        if name not in known
    ]
    problems += [
        Problem(
            f"--name {query.name}",
            None,
            p.name,
            "missing parameter",
            f"add --param {p.name}=... ({p.doc})",
        )
        for p in query.params
        if p.name not in values
    ]
    if problems:
        raise InputError(problems)
    return {name: _term(known[name], value, query.name) for name, value in values.items()}


def with_values(text: str, terms: dict[str, Any]) -> str:
    """The query with an inline VALUES block of serialised RDF terms (for remote endpoints).

    The block is placed at the start of the outermost WHERE group, which is equivalent to
    substitution for the shipped queries.
    """
    if not terms:
        return text
    names = sorted(terms)
    block = "VALUES ({}) {{ ({}) }}".format(
        " ".join(f"?{n}" for n in names), " ".join(str(terms[n]) for n in names)
    )
    m = re.search(r"\bWHERE\s*\{", text, flags=re.IGNORECASE)
    if not m:
        raise UsageError("query has no WHERE clause to bind parameters in")
    return text[: m.end()] + "\n  " + block + text[m.end() :]
