"""Stage 1: load the curated CSV tables and check them before anything is built.

Checks: the file exists and parses; the header has every required column and no unknown
one; required cells are filled; enumerations, dates, numbers, URLs and ids are well formed;
keys are unique; every reference (municipality, source, meeting, ...) resolves. Every
problem names file, row, field and what to do; all problems are collected before raising
:class:`kg.errors.InputError`.
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import InputError, Problem
from kg.tables.checks import check_keys, check_references, jis_check_digit, read_table
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
    "Row",
    "TableSpec",
    "Tables",
    "jis_check_digit",
    "load_tables",
    "parse_date",
]


def load_tables(folder: Path) -> Tables:
    """Read and check every table under ``folder``.

    Raises :class:`InputError` listing every problem found.
    """
    tables = Tables(folder)
    problems: list[Problem] = []
    for spec in TABLES.values():
        rows, found = read_table(spec, folder)
        problems.extend(found)
        problems.extend(check_keys(spec, rows))
        tables.rows[spec.name] = rows
    problems.extend(check_references(tables))
    problems.extend(duplicate_urls(tables))
    if problems:
        raise InputError(problems)
    return tables
