"""Cell, key and reference checks of the curated tables.

Owns every rule a table must pass before a graph is built: cells are well formed for their
kind (dates, numbers, URLs, ids, language tags, enumerations), keys are unique, references
resolve, JIS codes carry a valid check digit and claims name a real table, row and field.
Each problem names file, row, field and what to do.
"""

from __future__ import annotations

import re
from pathlib import Path

from kg.errors import Problem
from kg.tables.reader import read_table
from kg.tables.schema import (
    _ID_RE,
    _LABEL_RE,
    _LANG_RE,
    TABLES,
    Column,
    Row,
    Tables,
    TableSpec,
    parse_date,
)

__all__ = [
    "check_keys",
    "check_references",
    "check_rows",
    "jis_check_digit",
    "read_checked",
    "url_problem",
]

_DURATION_RE = re.compile(r"^P(?=\d)(\d+Y)?(\d+M)?(\d+D)?$")
#: Text columns whose value becomes part of an IRI, with their form and what to write.
_IDENTIFIERS = {
    "wikidata": (re.compile(r"^Q[1-9][0-9]*$"), "write the item id only, e.g. Q26323"),
    "geonames": (re.compile(r"^[1-9][0-9]*$"), "write the GeoNames number only, e.g. 2128295"),
}
#: Characters an IRI cannot hold (RFC 3987), which a source address must percent-encode.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]')


def url_problem(value: str) -> tuple[str, str] | None:
    """Why ``value`` is not an absolute http(s) IRI (message, what to do), or None.

    Characters an IRI cannot hold are refused, not silently encoded: the hint gives the
    address with them percent-encoded, to paste instead. The address is checked with the
    same IRI parser the build's store uses, so what passes here is built.

    >>> url_problem("https://example.org/a|b")[1]
    'write the address percent-encoded: https://example.org/a%7Cb'
    >>> url_problem("https://ru.wikipedia.org/wiki/Ниигата") is None
    True
    """
    from urllib.parse import quote, urlsplit

    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"{value!r} is not an absolute http(s) URL", "paste the full address read"
    bad = _NOT_IN_IRI.search(value)
    if bad is not None:
        encoded = _NOT_IN_IRI.sub(lambda m: quote(m.group(), safe=""), value)
        return (
            f"{value!r} holds {bad.group()!r}, which a URL cannot hold",
            f"write the address percent-encoded: {encoded}",
        )
    import pyoxigraph

    try:
        pyoxigraph.NamedNode(value)
    except ValueError as exc:
        return f"{value!r} is not a valid IRI: {exc}", "copy the address again from the source"
    return None


def _check_cell(spec: TableSpec, col: Column, value: str, line: int) -> list[Problem]:
    def problem(message: str, hint: str) -> Problem:
        return Problem(spec.file, line, col.name, message, hint)

    if not value:
        if col.required:
            return [problem("is empty", f"fill in `{col.name}`; it is required")]
        return []
    kind = col.kind
    if kind == "key" and not _ID_RE.match(value):
        return [
            problem(
                f"id {value!r} is not a valid key",
                "use lower-case ASCII letters and digits joined by '-' (see data/README.md)",
            )
        ]
    if kind == "int" and not re.fullmatch(r"\d+", value):
        return [problem(f"{value!r} is not a whole number", "write digits only, e.g. 27")]
    if kind == "decimal":
        try:
            float(value)
        except ValueError:
            return [problem(f"{value!r} is not a decimal number", "write e.g. 43.1167")]
    if kind == "date" and parse_date(value) is None:
        return [
            problem(
                f"{value!r} is not a valid date",
                "write YYYY, YYYY-MM or YYYY-MM-DD at the precision the source gives",
            )
        ]
    if kind == "enum" and col.values and value not in col.values:
        return [problem(f"{value!r} is not allowed", f"use one of: {', '.join(col.values)}")]
    if kind == "lang" and not _LANG_RE.match(value):
        return [problem(f"{value!r} is not a BCP 47 language tag", "write e.g. en, ru or ja")]
    if kind == "url":
        found = url_problem(value)
        if found is not None:
            return [problem(*found)]
    if kind == "duration" and not _DURATION_RE.match(value):
        return [problem(f"{value!r} is not an ISO 8601 duration", "write e.g. P2Y")]
    if col.name in _IDENTIFIERS and not _IDENTIFIERS[col.name][0].match(value):
        return [problem(f"{value!r} is not a {col.name} id", _IDENTIFIERS[col.name][1])]
    if kind == "labels":
        bad = [
            item for item in value.split(";") if item.strip() and not _LABEL_RE.match(item.strip())
        ]
        if bad:
            return [problem(f"{bad[0]!r} has no language tag", "write text@lang, e.g. Toyohara@en")]
    return []


def check_rows(spec: TableSpec, rows: list[Row]) -> list[Problem]:
    """Every cell of ``rows`` checked against its column's kind."""
    return [
        problem
        for row in rows
        for col in spec.columns
        for problem in _check_cell(spec, col, row.get(col.name), row.line)
    ]


def jis_check_digit(code5: str) -> int:
    """The check digit of a 5-digit JIS X 0402 code.

    >>> jis_check_digit("15100")  # Niigata City, 151009
    9
    """
    total = sum(int(d) * w for d, w in zip(code5, (6, 5, 4, 3, 2), strict=True))
    return (11 - total % 11) % 10


def _check_jis(row: Row) -> list[Problem]:
    code = row.get("jis_code")
    if not code:
        return []
    if not re.fullmatch(r"\d{5}|\d{6}", code):
        return [
            Problem(
                row.file,
                row.line,
                "jis_code",
                f"{code!r} is not a JIS X 0402 code",
                "write 5 digits, or 6 with the check digit, without hyphen (e.g. 151009)",
            )
        ]
    if len(code) == 6 and jis_check_digit(code[:5]) != int(code[5]):
        return [
            Problem(
                row.file,
                row.line,
                "jis_code",
                f"{code!r} has a wrong check digit (expected {jis_check_digit(code[:5])})",
                "copy the code again from the source",
            )
        ]
    return []


def check_keys(spec: TableSpec, rows: list[Row]) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for row in rows:
        if row.key in seen:
            problems.append(
                Problem(
                    spec.file,
                    row.line,
                    ",".join(spec.key),
                    f"duplicate key {row.key!r} (first on line {seen[row.key]})",
                    "merge the two rows or give one a distinct key",
                )
            )
        else:
            seen[row.key] = row.line
    return problems


def check_references(tables: Tables, unreadable: frozenset[str] = frozenset()) -> list[Problem]:
    """Every reference resolves; claims name a real row and field; JIS codes check out.

    References into the ``unreadable`` tables are not checked (their file has an error of
    its own). The sets of valid ids are computed once per target (linear in the rows).
    """
    problems: list[Problem] = []
    ids: dict[tuple[str, ...], frozenset[str]] = {}
    for row in tables:
        spec = TABLES[row.table]
        for col in spec.columns:
            if col.kind not in ("ref", "refs") or not row.get(col.name):
                continue
            if unreadable.intersection(col.refs):
                continue
            targets = row.list(col.name) if col.kind == "refs" else [row.get(col.name)]
            valid = ids.get(col.refs)
            if valid is None:
                valid = ids[col.refs] = frozenset().union(*(tables.ids(t) for t in col.refs))
            for target in targets:
                if target not in valid:
                    problems.append(
                        Problem(
                            spec.file,
                            row.line,
                            col.name,
                            f"{target!r} is not a known id",
                            f"add a row with this id to {' or '.join(_ref_files(col))}, "
                            "or correct the spelling",
                        )
                    )
        if row.table == "claims":
            problems.extend(_check_claim(tables, row, unreadable))
        if row.table == "municipalities":
            problems.extend(_check_jis(row))
    return problems


def _ref_files(col: Column) -> list[str]:
    return [TABLES[t].file if t in TABLES else t for t in col.refs]


def _check_claim(tables: Tables, row: Row, unreadable: frozenset[str]) -> list[Problem]:
    target = row.get("table")
    if target not in TABLES or target == "claims":
        return [
            Problem(
                "claims.csv",
                row.line,
                "table",
                f"{target!r} is not a data table",
                f"use one of: {', '.join(t for t in TABLES if t != 'claims')}",
            )
        ]
    spec = TABLES[target]
    problems = []
    if target in unreadable:
        return []
    if row.get("key") not in tables.by_key(target):
        problems.append(
            Problem(
                "claims.csv",
                row.line,
                "key",
                f"no row with key {row.get('key')!r} in {spec.file}",
                f"use the key of an existing row ({'/'.join(spec.key)})",
            )
        )
    col = spec.column(row.get("field"))
    if col is None:
        problems.append(
            Problem(
                "claims.csv",
                row.line,
                "field",
                f"{row.get('field')!r} is not a column of {spec.file}",
                "name the column whose value is disputed",
            )
        )
    else:
        probe = _check_cell(
            spec, Column("value", col.kind, False, col.values, col.refs), row.get("value"), row.line
        )
        problems.extend(Problem("claims.csv", p.row, "value", p.message, p.hint) for p in probe)
    return problems


def read_checked(spec: TableSpec, folder: Path) -> tuple[list[Row], list[Problem]]:
    """The rows of one table (cells in NFC) and every problem of reading them or of their
    cells, for a caller that reads a single table (citations, review files)."""
    rows, problems, _changed = read_table(spec, folder)
    return rows, problems + check_rows(spec, rows)
