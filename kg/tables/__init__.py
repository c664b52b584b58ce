"""Stage 1: load the curated CSV tables and check them before anything is built.

Checks: the file is a readable UTF-8 CSV file (:mod:`kg.tables.reader`, which also
normalises every cell to NFC and refuses control characters); the header has every
required column and no unknown one; required cells are filled; enumerations, dates,
numbers, URLs (absolute IRIs) and ids are well formed; keys are unique; every reference
(municipality, source, meeting, ...) resolves. Every problem names file, row, field and
what to do; all problems are collected before raising :class:`kg.errors.InputError`.
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import InputError, Problem
from kg.tables.checks import check_keys, check_references, check_rows, jis_check_digit
from kg.tables.index import IndexedTables
from kg.tables.reader import Note, read_table
from kg.tables.registry import duplicate_urls
from kg.tables.schema import (
    CONFIDENCE,
    COUNTRIES,
    LEVELS_MUNICIPAL,
    LEVELS_REGIONAL,
    TABLES,
    Column,
    Row,
    Tables,
    TableSpec,
    parse_date,
)

__all__ = [
    "CONFIDENCE",
    "COUNTRIES",
    "LEVELS_MUNICIPAL",
    "LEVELS_REGIONAL",
    "TABLES",
    "Column",
    "Note",
    "Row",
    "TableSpec",
    "Tables",
    "jis_check_digit",
    "load_tables",
    "parse_date",
    "read_tables",
]


def read_tables(folder: Path) -> tuple[Tables, list[Note]]:
    """Read and check every table under ``folder``; also return what the reading changed
    (cells normalised to NFC), one :class:`Note` per file.

    Raises :class:`InputError` listing every problem found.
    """
    tables = IndexedTables(folder)
    problems: list[Problem] = []
    notes: list[Note] = []
    unreadable: set[str] = set()
    for spec in TABLES.values():
        rows, found, changed = read_table(spec, folder)
        if found and not rows:
            unreadable.add(spec.name)
        problems.extend(found)
        notes.extend(changed)
        problems.extend(check_rows(spec, rows))
        problems.extend(check_keys(spec, rows))
        tables.rows[spec.name] = rows
    problems.extend(check_references(tables, frozenset(unreadable)))
    problems.extend(duplicate_urls(tables))
    if problems:
        raise InputError(problems)
    return tables, notes


def load_tables(folder: Path) -> Tables:
    """Read and check every table under ``folder`` (see :func:`read_tables`).

    Raises :class:`InputError` listing every problem found.
    """
    return read_tables(folder)[0]
