"""Named competency queries shipped in ``kg/query/queries/*.rq``.

Each file starts with comment lines that document it::

    # question: Which local governments is a given city twinned with?
    # param: city place Id of the municipality or region, e.g. jp-niigata
    # columns: partner, partner_label, kind, established, status

Parameters are bound as RDF terms: each value becomes a pyoxigraph term (an IRI or a typed
literal, validated and escaped by pyoxigraph), serialised into an inline ``VALUES`` block at
the start of the WHERE group — the same for the local store and remote endpoints. A value's
text is never pasted into the query. Before binding, :func:`resolve` checks the values
against the graph: a place may be given by its id or by a name in any language (``Niigata``,
``新潟市``, ``yuzhno sakhalinsk``: case, spacing and punctuation do not count); a name that
fits several places, or none, is an error that lists the matching ids; an id the graph does
not know is an error naming the parameter. Light: imports pyoxigraph only.

>>> sorted(q.name for q in list_queries())[:2]
['conferences', 'conferences-by-host-country']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pyoxigraph as ox

from kg.errors import InputError, Problem, UsageError
from kg.paths import queries_dir
from kg.query.catalogue import describe
from kg.vocab import iris, terms

__all__ = [
    "NamedQuery",
    "Param",
    "bind",
    "get_query",
    "list_queries",
    "normalise",
    "resolve",
    "with_values",
]

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
    text = path.read_text(encoding="utf-8")
    question, columns, params, note = describe(text)
    return NamedQuery(
        name=path.stem,
        question=question,
        columns=columns,
        params=tuple(Param(*p) for p in params),
        note=note,
        text=text,
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


Select = Callable[[str], list[dict[str, str]]]

_PLACES = (
    "SELECT ?place ?label ?lang WHERE { ?place a ?type ; "
    f"<{terms.RDFS}label>|<{terms.SKOS}altLabel> ?label . "
    f"VALUES ?type {{ <{terms.RUJP.Municipality}> <{terms.RUJP.RegionalGovernment}> }} "
    "BIND (LANG(?label) AS ?lang) }"
)
_PLACE_BASE = iris.place("x")[:-1]


def normalise(name: str) -> str:
    """A name as it is matched: NFKC, case-folded, letters and digits only.

    >>> normalise("Yuzhno Sakhalinsk") == normalise("yuzhno-sakhalinsk")
    True
    """
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(c for c in folded if c.isalnum())


def _problem(query: NamedQuery, name: str, value: str, what: str, fix: str) -> InputError:
    return InputError([Problem(f"--param {name}={value}", None, name, what, fix)])


def _place(query: NamedQuery, param: Param, value: str, select: Select) -> str:
    names: dict[str, set[str]] = {}
    english: dict[str, str] = {}
    for row in select(_PLACES):
        if row["place"].startswith(_PLACE_BASE):
            ident = row["place"][len(_PLACE_BASE) :]
            names.setdefault(ident, set()).add(row["label"])
            if row["lang"] == "en":
                english[ident] = min(english.get(ident, row["label"]), row["label"], key=len)
    ident = value.removeprefix(_PLACE_BASE)
    if ident in names:
        return ident
    wanted = normalise(value)
    exact = sorted(i for i, labels in names.items() if wanted in {normalise(x) for x in labels})
    if len(exact) == 1:
        return exact[0]
    candidates = exact or sorted(
        i
        for i, labels in names.items()
        if wanted and any(wanted in normalise(x) for x in labels | {i})
    )

    def listed(ids: list[str]) -> str:
        shown = [f"{i} ({english.get(i) or min(names[i], key=len)})" for i in ids[:12]]
        more = f" and {len(ids) - 12} more" if len(ids) > 12 else ""
        return ", ".join(shown) + more

    if len(exact) > 1:
        raise _problem(
            query,
            param.name,
            value,
            f"the name fits {len(exact)} places: {listed(exact)}",
            f"give one of these ids, e.g. --param {param.name}={exact[0]}",
        )
    if candidates:
        raise _problem(
            query,
            param.name,
            value,
            f"no place has this id or name; close matches: {listed(candidates)}",
            f"give one of these ids, e.g. --param {param.name}={candidates[0]}",
        )
    raise _problem(
        query,
        param.name,
        value,
        "no place has this id or name",
        f"give a place id such as jp-niigata or a name (see the labels in `kg query "
        f"--name ties-by-region`); {param.doc}",
    )


def _iri(query: NamedQuery, param: Param, value: str, select: Select) -> str:
    iri = value if re.match(r"^[a-z][a-z0-9+.-]*:", value, re.I) else terms.ID_BASE + value
    try:
        node = ox.NamedNode(iri)
    except ValueError as exc:
        raise _problem(query, param.name, value, f"not a valid IRI: {exc}", param.doc) from exc
    if not select(f"SELECT ?p WHERE {{ {node} ?p ?o }} LIMIT 1"):
        raise _problem(
            query,
            param.name,
            value,
            "the graph has no resource with this IRI",
            f"give the IRI of a resource of the graph; {param.doc}",
        )
    return iri


def resolve(query: NamedQuery, values: dict[str, str], select: Select) -> dict[str, str]:
    """The ``--param`` values with places given by name replaced by their ids and short IRIs
    completed; ``select`` runs a SELECT over the graph asked. A place name that fits several
    places or none, or an IRI or id the graph does not know, is an :class:`InputError`
    naming the parameter (with the matching ids)."""
    kinds = {p.name: p for p in query.params}
    out = dict(values)
    for name, value in values.items():
        param = kinds.get(name)
        if param is None:
            continue
        if param.kind == "place":
            out[name] = _place(query, param, value, select)
        elif param.kind == "iri":
            out[name] = _iri(query, param, value, select)
    return out
