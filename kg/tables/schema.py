"""The tables' schema: every curated table, its columns, its key, and the row types.

Owns what a curator may write: the column dictionary of ``data/README.md`` in code (kinds of
cell, required columns, allowed values taken from :mod:`kg.vocab.codes`, references between
tables), the :class:`Row` and :class:`Tables` values the later stages read, and
:func:`parse_date` for dates at the precision a source gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kg.vocab import codes

__all__ = [
    "CITATIONS",
    "CONFIDENCE",
    "COUNTRIES",
    "LEVELS_MUNICIPAL",
    "LEVELS_REGIONAL",
    "TABLES",
    "Column",
    "Row",
    "TableSpec",
    "Tables",
    "parse_date",
]

COUNTRIES = codes.COUNTRY.notations
LEVELS_MUNICIPAL = codes.LEVELS_MUNICIPAL
LEVELS_REGIONAL = codes.LEVELS_REGIONAL
CONFIDENCE = codes.CONFIDENCE.notations

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
                Column("title"),  # blank = the source shows no title
                Column("publisher", required=True),
                Column("published", "date"),
                Column("accessed", "date", required=True),
                Column("language", "lang", required=True),
                Column(
                    "kind",
                    "enum",
                    required=True,
                    values=codes.SOURCE_KIND.notations,
                ),
                Column("publisher_kind", "enum", values=codes.PUBLISHER_KIND.notations),
                Column("note"),
            ),
            ("id",),
        ),
        TableSpec(
            "municipalities",
            (
                Column("id", "key", required=True),
                Column("level", "enum", required=True, values=codes.LEVEL.notations),
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
                    values=codes.KIND.notations,
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
                    values=codes.STATUS.notations,
                ),
                Column("predecessor", "ref", refs=("municipalities",)),
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
                    values=codes.ROLE.notations,
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
                    values=codes.POST.notations,
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
                    values=codes.DOCUMENT_KIND.notations,
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
        TableSpec(
            "visits",
            (
                Column("id", "key", required=True),
                Column("from", "ref", required=True, refs=("municipalities",)),
                Column("to", "ref", required=True, refs=("municipalities",)),
                Column("start", "date"),
                Column("end", "date"),
                Column("people", "refs", refs=("people",)),
                Column("purpose"),
                *_fact_columns(),
            ),
            ("id",),
        ),
    )
}

#: Per-value sources (``citations.csv``): optional, read by :mod:`kg.tables.citations`
#: after the other tables, so it is not one of :data:`TABLES`.
CITATIONS = TableSpec(
    "citations",
    (
        Column("table", "enum", required=True, values=()),  # checked against TABLES
        Column("key", required=True),
        Column("field", required=True),
        Column("sources", "refs", required=True, refs=("sources",)),
        Column("confidence", "enum", values=CONFIDENCE),  # blank: the row's confidence
        Column("note"),
    ),
    ("table", "key", "field"),
)

# Tables that are referenced by ids but are not files.
_PSEUDO_TABLES: dict[str, frozenset[str]] = {"countries": frozenset(COUNTRIES)}


def _spec(table: str) -> TableSpec:
    return CITATIONS if table == CITATIONS.name else TABLES[table]


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
        return "/".join(self.get(c) for c in _spec(self.table).key)

    @property
    def file(self) -> str:
        return _spec(self.table).file


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
