"""Data integrity of the curated tables, and clear errors for bad input."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.pipeline import check
from kg.tables import TABLES, jis_check_digit, load_tables
from tests.helpers import blank_cells


@pytest.fixture(scope="module")
def tables(data_dir: Path):  # type: ignore[no-untyped-def]
    return load_tables(data_dir)


def test_every_table_loads_every_row(tables, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    for name, spec in TABLES.items():
        with (data_dir / spec.file).open(encoding="utf-8", newline="") as handle:
            data_rows = [r for r in list(csv.reader(handle))[1:] if any(c.strip() for c in r)]
        assert len(tables.rows[name]) == len(data_rows) > 0, name
        assert [r.line for r in tables.rows[name]][:1] == [2], name


def _first_row_where(rows: list[list[str]], column: str, test) -> int:  # type: ignore[no-untyped-def]
    index = rows[0].index(column)
    return next(i for i, row in enumerate(rows) if i and test(row[index]))


def test_a_row_citing_an_unknown_source_is_reported(data_copy: Path) -> None:
    def edit(rows: list[list[str]]) -> None:
        rows[3][rows[0].index("sources")] = "no-such-source"

    _rewrite(data_copy / "twinnings.csv", edit)
    problems = _problems(data_copy)
    assert any("twinnings.csv:4 [sources]" in p and "no-such-source" in p for p in problems)


def test_a_missing_english_label_is_reported(data_copy: Path) -> None:
    def edit(rows: list[list[str]]) -> None:
        rows[5][rows[0].index("label_en")] = ""

    _rewrite(data_copy / "people.csv", edit)
    problems = _problems(data_copy)
    assert any("people.csv:6 [label_en]" in p and "required" in p for p in problems), problems


def test_a_place_without_russian_or_japanese_label_is_reported(
    data_copy: Path, ontology_dir: Path
) -> None:
    path = data_copy / "municipalities.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    line = _first_row_where(rows, "label_ja", bool) + 1
    place = rows[line - 1][rows[0].index("id")]
    blank_cells(path, "id", place, ("label_ru", "label_ja"))
    report = check(data_copy, ontology_dir).report  # a shape, not the loader, checks this
    assert not report.conforms
    lines = [str(r) for r in report.results]
    assert any(f"municipalities.csv:{line} " in r and "label" in r for r in lines), lines


def test_an_impossible_date_is_reported(data_copy: Path) -> None:
    def edit(rows: list[list[str]]) -> None:
        rows[2][rows[0].index("established")] = "1991-02-30"

    _rewrite(data_copy / "twinnings.csv", edit)
    problems = _problems(data_copy)
    assert any("twinnings.csv:3 [established]" in p and "1991-02-30" in p for p in problems)


def test_a_wrong_jis_check_digit_is_reported(data_copy: Path) -> None:
    line = 0

    def edit(rows: list[list[str]]) -> None:
        nonlocal line
        line = _first_row_where(rows, "jis_code", lambda c: len(c) == 6) + 1
        code = rows[line - 1][rows[0].index("jis_code")]
        wrong = str((int(code[5]) + 1) % 10)
        rows[line - 1][rows[0].index("jis_code")] = code[:5] + wrong

    _rewrite(data_copy / "municipalities.csv", edit)
    problems = _problems(data_copy)
    assert any(f"municipalities.csv:{line} [jis_code]" in p for p in problems), problems


def test_a_source_without_access_date_or_with_a_relative_url_is_reported(
    data_copy: Path,
) -> None:
    def edit(rows: list[list[str]]) -> None:
        rows[1][rows[0].index("accessed")] = ""
        rows[2][rows[0].index("url")] = "/news/item.html"

    _rewrite(data_copy / "sources.csv", edit)
    problems = _problems(data_copy)
    assert any("sources.csv:2 [accessed]" in p for p in problems), problems
    assert any("sources.csv:3 [url]" in p for p in problems), problems


def test_jis_check_digit_known_values() -> None:
    assert jis_check_digit("01100") == 2  # Sapporo 011002
    assert jis_check_digit("13000") == 1  # Tokyo 130001
    assert jis_check_digit("01000") == 6  # Hokkaido 010006


# --- bad input: every problem names file, row and field ------------------------


def _rewrite(path: Path, edit) -> None:  # type: ignore[no-untyped-def]
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    edit(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _problems(folder: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        load_tables(folder)
    return [str(p) for p in info.value.problems]


def test_bad_date_is_reported_with_file_row_field(data_copy: Path) -> None:
    def edit(rows: list[list[str]]) -> None:
        rows[1][rows[0].index("start")] = "2019-13-01"

    _rewrite(data_copy / "meetings.csv", edit)
    problems = _problems(data_copy)
    assert any("meetings.csv:2 [start]" in p and "2019-13-01" in p for p in problems), problems


def test_unknown_reference_is_reported(data_copy: Path) -> None:
    def edit(rows: list[list[str]]) -> None:
        rows[1][rows[0].index("host")] = "ru-atlantis"

    _rewrite(data_copy / "meetings.csv", edit)
    problems = _problems(data_copy)
    assert any("meetings.csv:2 [host]" in p and "ru-atlantis" in p for p in problems)


def test_duplicate_key_is_reported(data_copy: Path) -> None:
    _rewrite(data_copy / "people.csv", lambda rows: rows.append(list(rows[1])))
    problems = _problems(data_copy)
    assert any("people.csv" in p and "duplicate key" in p for p in problems), problems


def test_missing_file_is_reported(data_copy: Path) -> None:
    (data_copy / "series.csv").unlink()
    assert any("series.csv" in p and "missing" in p for p in _problems(data_copy))


def test_ragged_row_is_reported(data_copy: Path) -> None:
    with (data_copy / "documents.csv").open("a", encoding="utf-8") as handle:
        handle.write("broken,row\n")
    assert any("documents.csv" in p and "cells but the header" in p for p in _problems(data_copy))


def test_row_without_source_is_reported(data_copy: Path) -> None:
    def edit(rows: list[list[str]]) -> None:
        rows[1][rows[0].index("sources")] = ""

    _rewrite(data_copy / "twinnings.csv", edit)
    assert any("twinnings.csv:2 [sources] is empty" in p for p in _problems(data_copy))


def test_unknown_column_is_reported(data_copy: Path) -> None:
    def edit(rows: list[list[str]]) -> None:
        rows[0].append("colour")
        for row in rows[1:]:
            row.append("")

    _rewrite(data_copy / "people.csv", edit)
    assert any("people.csv:1 [colour] unknown column" in p for p in _problems(data_copy))


def test_bad_enum_and_claim_target_are_reported(data_copy: Path) -> None:
    def edit(rows: list[list[str]]) -> None:
        rows[1][rows[0].index("kind")] = "cousin"

    _rewrite(data_copy / "twinnings.csv", edit)
    with (data_copy / "claims.csv").open("a", encoding="utf-8") as handle:
        handle.write(
            "twinnings,no-such-tie,established,1999,tass-2019-08-22-kamchatka-mayors,low,\n"
        )
    problems = _problems(data_copy)
    assert any("twinnings.csv:2 [kind]" in p and "cousin" in p for p in problems)
    assert any("claims.csv" in p and "[key]" in p and "no-such-tie" in p for p in problems)
