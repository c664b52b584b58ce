"""Data integrity of the curated tables, and clear errors for bad input."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.tables import TABLES, jis_check_digit, load_tables, parse_date


@pytest.fixture(scope="module")
def tables(data_dir: Path):  # type: ignore[no-untyped-def]
    return load_tables(data_dir)


def test_every_table_loads_without_problems(tables) -> None:  # type: ignore[no-untyped-def]
    for name in TABLES:
        assert name in tables.rows


def test_every_fact_row_cites_a_known_source(tables) -> None:  # type: ignore[no-untyped-def]
    source_ids = tables.ids("sources")
    for row in tables:
        if row.table == "sources":
            continue
        cited = row.list("sources")
        assert cited, f"{row.file}:{row.line} cites no source"
        assert set(cited) <= source_ids, f"{row.file}:{row.line} cites unknown sources"


def test_keys_are_unique(tables) -> None:  # type: ignore[no-untyped-def]
    for name, rows in tables.rows.items():
        keys = [r.key for r in rows]
        assert len(keys) == len(set(keys)), name


def test_every_labelled_row_has_an_english_label(tables) -> None:  # type: ignore[no-untyped-def]
    for name in ("municipalities", "organisations", "people", "series", "documents"):
        for row in tables.rows[name]:
            assert row.get("label_en"), f"{row.file}:{row.line}"


def test_municipalities_have_a_russian_or_japanese_label(tables) -> None:  # type: ignore[no-untyped-def]
    for row in tables.rows["municipalities"]:
        assert row.get("label_ru") or row.get("label_ja"), f"{row.file}:{row.line}"


def test_every_date_parses(tables) -> None:  # type: ignore[no-untyped-def]
    for row in tables:
        for col in TABLES[row.table].columns:
            if col.kind == "date" and row.get(col.name):
                assert parse_date(row.get(col.name)), f"{row.file}:{row.line} {col.name}"


def test_jis_codes_have_correct_check_digits(tables) -> None:  # type: ignore[no-untyped-def]
    for row in tables.rows["municipalities"]:
        code = row.get("jis_code")
        if len(code) == 6:
            assert jis_check_digit(code[:5]) == int(code[5]), row.get("id")


def test_sources_were_read_and_dated(tables) -> None:  # type: ignore[no-untyped-def]
    for row in tables.rows["sources"]:
        assert row.get("url").startswith(("http://", "https://"))
        assert parse_date(row.get("accessed")), row.get("id")


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
