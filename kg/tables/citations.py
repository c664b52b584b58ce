"""Per-value sources: the optional table ``citations.csv``.

Owns reading and checking ``citations.csv`` (columns ``table, key, field, sources,
confidence, note``): a row says that the value in column ``field`` of the row ``key`` of
``table`` is supported by exactly the listed sources, with its own ``confidence`` where that
differs from the row's (blank: the row's). Several columns supported by the same sources may
be joined with ``;`` (``lat;lon``). A value not listed is supported by its row's own
``sources``. The file is
optional: without it every value cites its row's sources. Every problem names file, row and
field; all are collected before :class:`kg.errors.InputError` is raised.
"""

from __future__ import annotations

from typing import NamedTuple

from kg.errors import InputError, Problem
from kg.tables.checks import check_keys, read_checked
from kg.tables.schema import CITATIONS, TABLES, Row, Tables

__all__ = ["NOT_CITABLE", "Citation", "Citations", "load_citations", "value_sources"]

#: Columns that are not values: a row's own provenance and curator notes.
NOT_CITABLE = frozenset({"sources", "confidence", "note"})
#: Tables whose values are not cited per value.
_NOT_CITED_TABLES = frozenset({"sources", "claims"})


class Citation(NamedTuple):
    """The sources that support one column of one row, and where that was written."""

    table: str
    key: str
    field: str
    sources: tuple[str, ...]
    line: int
    #: ``high``, ``medium`` or ``low``; empty when the value has its row's confidence
    confidence: str = ""


#: ``(table, key, field) -> Citation``.
Citations = dict[tuple[str, str, str], Citation]


def _problem(line: int, field: str, message: str, hint: str) -> Problem:
    return Problem(CITATIONS.file, line, field, message, hint)


def _check(row: Row, tables: Tables) -> list[Problem]:
    table, key = row.get("table"), row.get("key")
    if table not in TABLES or table in _NOT_CITED_TABLES:
        allowed = ", ".join(t for t in TABLES if t not in _NOT_CITED_TABLES)
        return [_problem(row.line, "table", f"{table!r} is not a table of facts", f"use {allowed}")]
    target = tables.by_key(table).get(key)
    if target is None:
        return [
            _problem(
                row.line,
                "key",
                f"no row with key {key!r} in {TABLES[table].file}",
                f"use the key of an existing row ({'/'.join(TABLES[table].key)})",
            )
        ]
    problems = []
    for name in row.list("field"):
        if TABLES[table].column(name) is None or name in NOT_CITABLE:
            problems.append(
                _problem(
                    row.line,
                    "field",
                    f"{name!r} is not a value column of {TABLES[table].file}",
                    "name the column whose value these sources support",
                )
            )
        elif not target.get(name):
            problems.append(
                _problem(
                    row.line,
                    "field",
                    f"{TABLES[table].file}:{target.line} has no value in {name!r}",
                    "cite only values that are filled in",
                )
            )
    return problems


def load_citations(tables: Tables) -> Citations:
    """Read and check ``citations.csv`` beside the other tables (empty when absent), or the
    rows already given as ``tables.rows["citations"]`` (tables made in memory)."""
    given = tables.rows.get(CITATIONS.name)
    if given is not None:
        rows, problems = list(given), list[Problem]()
    elif not (tables.folder / CITATIONS.file).is_file():
        return {}
    else:
        rows, problems = read_checked(CITATIONS, tables.folder)
    problems.extend(check_keys(CITATIONS, rows))
    known = tables.ids("sources")
    out: Citations = {}
    for row in rows:
        problems.extend(_check(row, tables))
        for source in row.list("sources"):
            if source not in known:
                problems.append(
                    _problem(
                        row.line,
                        "sources",
                        f"{source!r} is not a known id",
                        "add a row with this id to sources.csv, or correct the spelling",
                    )
                )
        for name in row.list("field"):
            where = (row.get("table"), row.get("key"), name)
            if where in out:
                problems.append(
                    _problem(
                        row.line,
                        "field",
                        f"{name!r} of {row.get('key')!r} is already cited on line "
                        f"{out[where].line}",
                        "keep one row per value",
                    )
                )
            out[where] = Citation(
                *where, tuple(row.list("sources")), row.line, row.get("confidence")
            )
    if problems:
        raise InputError(problems)
    return out


def value_sources(row: Row, field: str, citations: Citations) -> tuple[str, ...]:
    """The sources that support the value in ``field`` of ``row``."""
    cited = citations.get((row.table, row.key, field))
    return cited.sources if cited is not None else tuple(row.list("sources"))
