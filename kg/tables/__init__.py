"""Stage 1: load the curated CSV tables and check them before anything is built.

Checks: the file exists and parses; the header has every required column and no unknown
one; required cells are filled; enumerations, dates, numbers, URLs and ids are well formed;
keys are unique; every reference (municipality, source, meeting, ...) resolves. Every
problem names file, row, field and what to do; all problems are collected before raising
:class:`kg.errors.InputError`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kg.errors import InputError, Problem

__all__ = [
    "COUNTRIES",
    "TABLES",
    "Column",
    "Row",
    "TableSpec",
    "Tables",
    "jis_check_digit",
    "load_tables",
    "parse_date",
]

COUNTRIES = ("JP", "RU")
LEVELS_MUNICIPAL = ("city", "town", "village", "district")
LEVELS_REGIONAL = (
    "prefecture",
    "metropolis",
    "krai",
    "oblast",
    "republic",
    "federal_city",
    "autonomous_okrug",
    "autonomous_oblast",
)
CONFIDENCE = ("high", "medium", "low")

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_ID_RE = re.compile(r"^[a-z0-9]+(?:(?:-{1,2}|_)[a-z0-9]+)*$")
_LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$")
_LABEL_RE = re.compile(r"^(.+)@([a-z]{2,3}(?:-[A-Za-z0-9]+)*)$")


@dataclass(frozen=True)
class Column:
    """One column of a table: its kind decides how a cell is checked."""

    name: str
    kind: str = "text"  # text|key|int|decimal|date|enum|lang|url|duration|labels|ref|refs
    required: bool = False
    values: tuple[str, ...] = ()  # for enum
    refs: tuple[str, ...] = ()  # target tables for ref/refs


@dataclass(frozen=True)
class TableSpec:
    """A curated table: file name, columns and the columns that make its key."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    def column(self, name: str) -> Column | None:
        for col in self.columns:
            if col.name == name:
                return col
        return None


def _fact_columns() -> tuple[Column, ...]:
    return (
        Column("sources", "refs", required=True, refs=("sources",)),
        Column("confidence", "enum", required=True, values=CONFIDENCE),
        Column("note"),
    )


def _labels(required_en: bool = True) -> tuple[Column, ...]:
    return (
        Column("label_en", required=required_en),
        Column("label_ru"),
        Column("label_ja"),
    )


TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec(
            "sources",
            (
                Column("id", "key", required=True),
                Column("url", "url", required=True),
                Column("title", required=True),
                Column("publisher", required=True),
                Column("published", "date"),
                Column("accessed", "date", required=True),
                Column("language", "lang", required=True),
                Column(
                    "kind",
                    "enum",
                    required=True,
                    values=("news", "official", "encyclopedia", "dataset", "report"),
                ),
                Column("note"),
            ),
            ("id",),
        ),
        TableSpec(
            "municipalities",
            (
                Column("id", "key", required=True),
                Column("level", "enum", required=True, values=LEVELS_MUNICIPAL + LEVELS_REGIONAL),
                Column("country", "enum", required=True, values=COUNTRIES),
                Column("region", "ref", refs=("municipalities",)),
                *_labels(),
                Column("alt_labels", "labels"),
                Column("lat", "decimal"),
                Column("lon", "decimal"),
                Column("wikidata"),
                Column("geonames"),
                Column("jis_code"),
                Column("oktmo"),
                *_fact_columns(),
            ),
            ("id",),
        ),
        TableSpec(
            "twinnings",
            (
                Column("id", "key", required=True),
                Column("japan", "ref", required=True, refs=("municipalities",)),
                Column("russia", "ref", required=True, refs=("municipalities",)),
                Column(
                    "kind",
                    "enum",
                    required=True,
                    values=("sister", "friendship", "partner", "other"),
                ),
                Column("kind_local"),
                Column("established", "date"),
                Column("document", "ref", refs=("documents",)),
                *_fact_columns(),
            ),
            ("id",),
        ),
        TableSpec(
            "twinning_status",
            (
                Column("agreement", "ref", required=True, refs=("twinnings",)),
                Column("date", "date", required=True),
                Column(
                    "status",
                    "enum",
                    required=True,
                    values=("suspended", "ended", "resumed", "reaffirmed"),
                ),
                *_fact_columns(),
            ),
            ("agreement", "date", "status"),
        ),
        TableSpec(
            "series",
            (
                Column("id", "key", required=True),
                *_labels(),
                Column("alt_labels", "labels"),
                Column("first_year", "int"),
                Column("frequency", "duration"),
                Column("organisers", "refs", refs=("organisations",)),
                *_fact_columns(),
            ),
            ("id",),
        ),
        TableSpec(
            "meetings",
            (
                Column("number", "int", required=True),
                Column("series", "ref", required=True, refs=("series",)),
                Column("start", "date"),
                Column("end", "date"),
                Column("host", "ref", refs=("municipalities",)),
                Column("venue"),
                Column("count_jp", "int"),
                Column("count_ru", "int"),
                *_fact_columns(),
            ),
            ("series", "number"),
        ),
        TableSpec(
            "participations",
            (
                Column("meeting", "ref", required=True, refs=("meetings",)),
                Column("municipality", "ref", required=True, refs=("municipalities",)),
                Column("person", "ref", refs=("people",)),
                Column(
                    "role",
                    "enum",
                    values=("mayor", "deputy_mayor", "representative", "other"),
                ),
                *_fact_columns(),
            ),
            ("meeting", "municipality"),
        ),
        TableSpec(
            "organisations",
            (
                Column("id", "key", required=True),
                *_labels(),
                Column("alt_labels", "labels"),
                Column("country", "enum", required=True, values=COUNTRIES),
                Column("seat", "ref", refs=("municipalities",)),
                Column("founded", "date"),
                *_fact_columns(),
            ),
            ("id",),
        ),
        TableSpec(
            "memberships",
            (
                Column("organisation", "ref", required=True, refs=("organisations",)),
                Column("municipality", "ref", required=True, refs=("municipalities",)),
                Column("from", "date"),
                Column("to", "date"),
                Column("as_of", "date"),
                *_fact_columns(),
            ),
            ("organisation", "municipality", "from"),
        ),
        TableSpec(
            "people",
            (
                Column("id", "key", required=True),
                *_labels(),
                Column("wikidata"),
                *_fact_columns(),
            ),
            ("id",),
        ),
        TableSpec(
            "posts",
            (
                Column("person", "ref", required=True, refs=("people",)),
                Column(
                    "post",
                    "enum",
                    required=True,
                    values=(
                        "mayor",
                        "deputy_mayor",
                        "governor",
                        "deputy_governor",
                        "chair",
                        "vice_chair",
                        "secretariat_head",
                        "other",
                    ),
                ),
                Column("of", "ref", required=True, refs=("municipalities", "organisations")),
                Column("from", "date"),
                Column("to", "date"),
                Column("as_of", "date"),
                *_fact_columns(),
            ),
            ("person", "post", "of", "from", "as_of"),
        ),
        TableSpec(
            "documents",
            (
                Column("id", "key", required=True),
                Column(
                    "kind",
                    "enum",
                    required=True,
                    values=("memorandum", "agreement", "communique", "declaration", "other"),
                ),
                *_labels(),
                Column("date", "date"),
                Column("parties", "refs", refs=("municipalities", "organisations", "countries")),
                *_fact_columns(),
            ),
            ("id",),
        ),
        TableSpec(
            "claims",
            (
                Column("table", "enum", required=True, values=()),  # checked against TABLES
                Column("key", required=True),
                Column("field", required=True),
                Column("value", required=True),
                *_fact_columns(),
            ),
            ("table", "key", "field", "value"),
        ),
    )
}

# Tables that are referenced by ids but are not files.
_PSEUDO_TABLES: dict[str, frozenset[str]] = {"countries": frozenset(COUNTRIES)}


@dataclass(frozen=True)
class Row:
    """One data row: its table, its spreadsheet line number and its cells."""

    table: str
    line: int
    cells: Mapping[str, str]

    def get(self, column: str) -> str:
        """The stripped cell, or '' when empty or absent."""
        return self.cells.get(column, "")

    def list(self, column: str) -> list[str]:
        """A ';'-separated cell as a list of non-empty items."""
        return [item.strip() for item in self.get(column).split(";") if item.strip()]

    @property
    def key(self) -> str:
        """The row's key, its key columns joined by '/' (empty parts kept)."""
        return "/".join(self.get(c) for c in TABLES[self.table].key)

    @property
    def file(self) -> str:
        return TABLES[self.table].file


@dataclass
class Tables:
    """All curated tables, in file order, with an index by key."""

    folder: Path
    rows: dict[str, list[Row]] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Row]:
        for name in TABLES:
            yield from self.rows.get(name, [])

    def by_key(self, table: str) -> dict[str, Row]:
        return {row.key: row for row in self.rows.get(table, [])}

    def ids(self, table: str) -> frozenset[str]:
        if table in _PSEUDO_TABLES:
            return _PSEUDO_TABLES[table]
        spec = TABLES[table]
        if spec.key == ("id",):
            return frozenset(r.get("id") for r in self.rows.get(table, []))
        if table == "meetings":
            return frozenset(r.get("number") for r in self.rows.get(table, []))
        return frozenset(r.key for r in self.rows.get(table, []))


def parse_date(text: str) -> tuple[int, int | None, int | None] | None:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; None when malformed or impossible.

    >>> parse_date("2019-08-22")
    (2019, 8, 22)
    >>> parse_date("2019-02-30") is None
    True
    """
    m = _DATE_RE.match(text)
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return None
    return year, month, day


_DURATION_RE = re.compile(r"^P(?=\d)(\d+Y)?(\d+M)?(\d+D)?$")


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
    if kind == "url" and not re.match(r"^https?://\S+$", value):
        return [problem(f"{value!r} is not an http(s) URL", "paste the full address read")]
    if kind == "duration" and not _DURATION_RE.match(value):
        return [problem(f"{value!r} is not an ISO 8601 duration", "write e.g. P2Y")]
    if kind == "labels":
        bad = [
            item for item in value.split(";") if item.strip() and not _LABEL_RE.match(item.strip())
        ]
        if bad:
            return [problem(f"{bad[0]!r} has no language tag", "write text@lang, e.g. Toyohara@en")]
    return []


def _read_table(spec: TableSpec, folder: Path) -> tuple[list[Row], list[Problem]]:
    path = folder / spec.file
    if not path.is_file():
        return [], [
            Problem(spec.file, None, None, "file is missing", f"create {path} with its header row")
        ]
    problems: list[Problem] = []
    rows: list[Row] = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, strict=True)
            header = next(reader, None)
            if header is None:
                return [], [Problem(spec.file, 1, None, "file is empty", "add the header row")]
            header = [h.strip() for h in header]
            known = {c.name for c in spec.columns}
            for name in header:
                if name not in known:
                    problems.append(
                        Problem(
                            spec.file,
                            1,
                            name,
                            "unknown column",
                            f"remove it or rename it; allowed: {', '.join(sorted(known))}",
                        )
                    )
            for col in spec.columns:
                if col.required and col.name not in header:
                    problems.append(
                        Problem(spec.file, 1, col.name, "required column is missing", "add it")
                    )
            for record in reader:
                line = reader.line_num
                if not any(cell.strip() for cell in record):
                    continue
                if len(record) != len(header):
                    problems.append(
                        Problem(
                            spec.file,
                            line,
                            None,
                            f"has {len(record)} cells but the header has {len(header)}",
                            "quote cells that contain commas; check for missing or extra commas",
                        )
                    )
                    continue
                cells = {h: c.strip() for h, c in zip(header, record, strict=True) if h in known}
                for col in spec.columns:
                    problems.extend(_check_cell(spec, col, cells.get(col.name, ""), line))
                rows.append(Row(spec.name, line, cells))
    except (csv.Error, UnicodeDecodeError) as exc:
        problems.append(
            Problem(
                spec.file, None, None, f"cannot be parsed as CSV: {exc}", "save it as UTF-8 CSV"
            )
        )
    return rows, problems


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


def _check_keys(spec: TableSpec, rows: list[Row]) -> list[Problem]:
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


def _check_references(tables: Tables) -> list[Problem]:
    problems: list[Problem] = []
    for row in tables:
        spec = TABLES[row.table]
        for col in spec.columns:
            if col.kind not in ("ref", "refs") or not row.get(col.name):
                continue
            targets = row.list(col.name) if col.kind == "refs" else [row.get(col.name)]
            valid = frozenset().union(*(tables.ids(t) for t in col.refs))
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
            problems.extend(_check_claim(tables, row))
        if row.table == "municipalities":
            problems.extend(_check_jis(row))
    return problems


def _ref_files(col: Column) -> list[str]:
    return [TABLES[t].file if t in TABLES else t for t in col.refs]


def _check_claim(tables: Tables, row: Row) -> list[Problem]:
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


def load_tables(folder: Path) -> Tables:
    """Read and check every table under ``folder``.

    Raises :class:`InputError` listing every problem found.
    """
    tables = Tables(folder)
    problems: list[Problem] = []
    for spec in TABLES.values():
        rows, found = _read_table(spec, folder)
        problems.extend(found)
        problems.extend(_check_keys(spec, rows))
        tables.rows[spec.name] = rows
    problems.extend(_check_references(tables))
    if problems:
        raise InputError(problems)
    return tables
