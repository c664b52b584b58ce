"""Clean input: every cell-level and file-level defect of a table is an input error naming
file, row and field with what to do; ``kg validate`` catches what would break ``kg build``;
cells are normalised to NFC and the change is reported; nothing is written on error."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from kg.errors import InputError
from kg.tables import load_tables, read_tables
from kg.vocab import iris
from tests.helpers import run_cli


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _write(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _set_cell(path: Path, line: int, column: str, value: str) -> None:
    rows = _rows(path)
    rows[line - 1][rows[0].index(column)] = value
    _write(path, rows)


def _problems(data: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        load_tables(data)
    return info.value.lines()


def _build_fails(data: Path, out: Path, *needles: str) -> str:
    """``kg validate`` and ``kg build`` both exit 2 with one line naming every needle;
    the build writes nothing."""
    for args in (
        ["validate", "--data", str(data)],
        ["build", "--data", str(data), "--out", str(out)],
    ):
        result = run_cli(args)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.stderr
        lines = [line for line in result.stderr.splitlines() if all(n in line for n in needles)]
        assert len(lines) == 1, result.stderr
    assert not out.exists()
    return lines[0]


def test_a_nul_byte_in_a_cell_is_refused_with_file_row_field(
    data_copy: Path, tmp_path: Path
) -> None:
    _set_cell(data_copy / "people.csv", 3, "label_en", "Boris\x00 Gladkikh")
    line = _build_fails(data_copy, tmp_path / "out", "people.csv:3 [label_en]")
    assert "U+0000" in line and "->" in line


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x7f", "\x85"])
def test_other_control_characters_are_refused(data_copy: Path, char: str) -> None:
    _set_cell(data_copy / "sources.csv", 4, "title", f"A {char}title")
    problems = _problems(data_copy)
    assert any("sources.csv:4 [title]" in p and f"U+{ord(char):04X}" in p for p in problems)


def test_tabs_and_line_breaks_inside_a_note_are_kept(data_copy: Path) -> None:
    _set_cell(data_copy / "people.csv", 3, "note", "first line\nsecond\tline")
    tables = load_tables(data_copy)
    row = next(r for r in tables.rows["people"] if r.line == 3)
    assert row.get("note") == "first line\nsecond\tline"


def test_decomposed_text_is_built_in_nfc_and_reported(data_copy: Path, tmp_path: Path) -> None:
    path = data_copy / "municipalities.csv"
    rows = _rows(path)
    ja = rows[0].index("label_ja")
    line = next(i for i, r in enumerate(rows) if i and r[ja] != unicodedata.normalize("NFD", r[ja]))
    composed = rows[line][ja]
    rows[line][ja] = unicodedata.normalize("NFD", composed)
    ident = rows[line][rows[0].index("id")]
    _write(path, rows)

    tables, notes = read_tables(data_copy)
    assert [n.file for n in notes] == ["municipalities.csv"]
    assert f"rows {line + 1})" in notes[0].message and "1 cell(s)" in notes[0].message
    assert tables.by_key("municipalities")[ident].get("label_ja") == composed

    out = tmp_path / "out"
    result = run_cli(["build", "--data", str(data_copy), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "[WARNING] municipalities.csv 1 cell(s)" in result.stderr
    graph = Graph().parse(out / "rujp.nt")
    label = Literal(composed, lang="ja")
    assert (URIRef(iris.place(ident)), None, label) in graph


@pytest.mark.parametrize("char", ["|", "{", '"', "<", ">", " ", "\\", "^", "`"])
def test_a_url_that_is_no_iri_is_refused_before_the_build(
    data_copy: Path, tmp_path: Path, char: str
) -> None:
    _set_cell(data_copy / "sources.csv", 5, "url", f"https://example.org/a{char}b")
    line = _build_fails(data_copy, tmp_path / "out", "sources.csv:5 [url]")
    encoded = "%" + format(ord(char), "02X")
    assert f"https://example.org/a{encoded}b" in line, line


@pytest.mark.parametrize(
    "url", ["https://example.org/%zz", "https:///nothing", "example.org/page", "ftp://a.jp/x"]
)
def test_a_malformed_or_relative_url_is_refused(data_copy: Path, url: str) -> None:
    _set_cell(data_copy / "sources.csv", 5, "url", url)
    assert any("sources.csv:5 [url]" in p for p in _problems(data_copy))


def test_an_address_with_non_ascii_letters_is_an_iri(data_copy: Path) -> None:
    _set_cell(data_copy / "sources.csv", 5, "url", "https://ru.wikipedia.org/wiki/Ниигата")
    load_tables(data_copy)


def test_ids_that_become_iris_are_checked(data_copy: Path) -> None:
    path = data_copy / "municipalities.csv"
    _set_cell(path, 2, "wikidata", "Q 123")
    _set_cell(path, 3, "geonames", "21131<26")
    problems = _problems(data_copy)
    assert any("municipalities.csv:2 [wikidata]" in p for p in problems), problems
    assert any("municipalities.csv:3 [geonames]" in p for p in problems), problems


def test_a_cp1251_file_is_located_by_row_with_its_likely_encoding(
    data_copy: Path, tmp_path: Path
) -> None:
    path = data_copy / "people.csv"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if re.search("[А-я]", line)) + 1
    cyrillic = "\n".join(re.sub(r"[^\x00-\x7fА-яЁё]", "?", line) for line in lines) + "\n"
    path.write_bytes(cyrillic.encode("cp1251"))
    line = _build_fails(data_copy, tmp_path / "out", f"people.csv:{first} ")
    assert "not UTF-8: looks like cp1251" in line and "iconv -f cp1251" in line, line
    bad = sum(1 for li in cyrillic.splitlines() if re.search("[А-яЁё]", li))
    assert f"({bad} line(s)" in line


def test_a_quote_error_is_located_at_its_row_with_the_cause(data_copy: Path) -> None:
    path = data_copy / "people.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[6] = lines[6].replace(",", ',"broken"quote', 1)
    path.write_text("".join(lines), encoding="utf-8")
    problems = _problems(data_copy)
    assert any("people.csv:7 " in p and "doubled" in p for p in problems), problems


def test_an_unclosed_quote_is_located_where_it_opens(data_copy: Path) -> None:
    path = data_copy / "people.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    # on the last row, so that no later quote in the file closes it by accident
    lines[-1] = lines[-1].rstrip("\n") + ',"never closed\n'
    path.write_text("".join(lines), encoding="utf-8")
    problems = _problems(data_copy)
    where = f"people.csv:{len(lines)} "
    assert any(where in p and "never closed" in p for p in problems), problems


def test_a_folder_instead_of_a_table_is_reported_as_a_folder(
    data_copy: Path, tmp_path: Path
) -> None:
    (data_copy / "people.csv").unlink()
    (data_copy / "people.csv").mkdir()
    line = _build_fails(data_copy, tmp_path / "out", "people.csv")
    assert "is a folder, not a file" in line and "missing" not in line


def test_a_symlink_loop_and_a_dangling_link_are_reported_as_such(data_copy: Path) -> None:
    (data_copy / "people.csv").unlink()
    (data_copy / "people.csv").symlink_to("people.csv")
    (data_copy / "posts.csv").unlink()
    (data_copy / "posts.csv").symlink_to("nowhere.csv")
    problems = _problems(data_copy)
    assert any(p.startswith("[ERROR] people.csv ") and "loops" in p for p in problems), problems
    assert any("posts.csv" in p and "nowhere.csv" in p for p in problems), problems
    assert not any("file is missing" in p for p in problems), problems
