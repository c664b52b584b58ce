"""The `kg` command: every exit code, readable reports, nothing half-written."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

from tests.helpers import run_cli

TESTS = Path(__file__).resolve().parent


def _run(*args: str) -> tuple[int, str, str]:
    result = run_cli(args)
    return result.exit_code, result.stdout, result.stderr


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file a reader sees in ``folder`` (not the versions behind them, named by time)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "store" not in p.parts and ".versions" not in p.parts
    }


def test_build_writes_outputs_and_exits_0(
    process_build: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    out, done = process_build
    assert done.returncode == 0, done.stderr
    assert "conforms" in done.stdout
    written = {line.split("wrote ", 1)[1] for line in done.stdout.splitlines() if "wrote " in line}
    assert {str(out / "rujp.ttl"), str(out / "store")} <= written
    assert (out / "rujp.ttl").stat().st_size > 0
    assert (out / "store" / "CURRENT").exists()


def test_rebuild_is_byte_identical(
    process_build: tuple[Path, subprocess.CompletedProcess[str]], built_out: Path
) -> None:
    out, done = process_build
    assert done.returncode == 0
    assert _snapshot(out) == _snapshot(built_out)  # a second build, in another process


def test_validate_real_data_exits_0() -> None:
    code, out, _ = _run("validate")
    assert code == 0
    # The source rules that the tables are being brought into line with report warnings
    # (tests/test_shapes.py WARNING_SHAPES); there is no violation.
    assert "[VIOLATION]" not in out
    assert out.splitlines()[-1].startswith("Conforms")


def test_validate_violation_exits_1_and_names_row(data_copy: Path) -> None:
    path = data_copy / "meetings.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    header = rows[0]
    for row in rows[1:]:
        if row[header.index("number")] == "27":
            row[header.index("end")] = "2019-08-01"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    code, out, _ = _run("validate", "--data", str(data_copy))
    assert code == 1
    line = next(x for x in out.splitlines() if "2019-08-01" in x)
    assert "[VIOLATION] data/meetings.csv:" in line and "ends" in line


def test_build_with_violation_exits_1_and_writes_nothing(
    tmp_path: Path, data_copy: Path, built_out: Path
) -> None:
    out_dir = tmp_path / "out"
    shutil.copytree(built_out, out_dir)  # a previous, good build
    before = _snapshot(out_dir)
    path = data_copy / "twinnings.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    rows[1][rows[0].index("russia")] = rows[1][rows[0].index("japan")]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    code, _, err = _run("build", "--data", str(data_copy), "--out", str(out_dir))
    assert code == 1
    assert "twinnings.csv:2" in err
    assert _snapshot(out_dir) == before


def test_malformed_input_exits_2_and_writes_nothing(tmp_path: Path, data_copy: Path) -> None:
    out_dir = tmp_path / "out"
    with (data_copy / "people.csv").open("a", encoding="utf-8") as handle:
        handle.write('x,"unterminated\n')
    code, _, err = _run("build", "--data", str(data_copy), "--out", str(out_dir))
    assert code == 2
    assert "people.csv" in err and "nothing was written" in err
    assert not out_dir.exists()


def test_validate_unparseable_turtle_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    code, _, err = _run("validate", str(bad))
    assert code == 2
    assert "bad.ttl" in err and "cannot be parsed" in err


def test_validate_missing_file_exits_2(tmp_path: Path) -> None:
    code, _, err = _run("validate", str(tmp_path / "nope.ttl"))
    assert code == 2 and "missing" in err


def test_validate_turtle_files(tmp_path: Path) -> None:
    assert _run("validate", str(TESTS / "shapes" / "valid.ttl"))[0] == 0


def test_validate_built_turtle_maps_rows(built_out: Path, tmp_path: Path) -> None:
    code, out, _ = _run("validate", str(built_out / "rujp.ttl"))
    assert code == 0, out
    assert "[VIOLATION]" not in out
    assert out.splitlines()[-1].startswith("Conforms")
    meeting = "<https://w3id.org/rujp/id/series/coastal-mayors-conference/27>"
    broken = tmp_path / "broken.ttl"
    broken.write_bytes(
        (built_out / "rujp.ttl").read_bytes()
        + f'\n{meeting} <https://w3id.org/rujp/ontology#endDate> "2019-08-01"^^'
        "<http://www.w3.org/2001/XMLSchema#date> .\n".encode()
    )
    code, out, _ = _run("validate", str(broken))
    assert code == 1
    line = next(x for x in out.splitlines() if "2019-08-01" in x)
    assert "[VIOLATION] data/meetings.csv:" in line


def test_query_csv_has_header_row(built_out: Path) -> None:
    q = "SELECT ?n WHERE { ?m <https://w3id.org/rujp/ontology#number> ?n } ORDER BY ?n LIMIT 3"
    code, out, _ = _run("query", "-e", q, "--format", "csv", "--store", str(built_out / "store"))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "n"
    assert lines[1] == "1"


def test_query_file_json_and_table(built_out: Path, tmp_path: Path) -> None:
    rq = tmp_path / "hosts.rq"
    rq.write_text(
        "PREFIX rujp: <https://w3id.org/rujp/ontology#>\n"
        "SELECT ?host WHERE { ?m rujp:number 27 ; rujp:host ?host }\n",
        encoding="utf-8",
    )
    store = str(built_out / "store")
    code, out, _ = _run("query", str(rq), "--format", "json", "--store", store)
    assert code == 0
    bindings = json.loads(out)["results"]["bindings"]
    assert bindings[0]["host"]["value"].endswith("/place/ru-petropavlovsk-kamchatsky")
    code, out, _ = _run("query", str(rq), "--store", store)
    assert "id:place/ru-petropavlovsk-kamchatsky" in out and "(1 row)" in out


def test_query_errors_exit_2(built_out: Path, tmp_path: Path) -> None:
    store = str(built_out / "store")
    code, _, err = _run("query", "-e", "SELECT WHERE {", "--store", store)
    assert code == 2 and "SPARQL syntax error" in err
    code, _, err = _run("query", "-e", "ASK {}", "--store", str(tmp_path / "none"))
    assert code == 2 and "kg build" in err
    code, _, err = _run("query", str(tmp_path / "missing.rq"), "--store", store)
    assert code == 2 and "missing" in err
    assert _run("query", "--store", store)[0] == 2  # neither FILE nor -e


def test_missing_ontology_exits_2(tmp_path: Path) -> None:
    onto = tmp_path / "ontology"
    shutil.copytree(TESTS.parent / "ontology", onto)
    (onto / "shapes.ttl").write_text("@prefix broken", encoding="utf-8")
    code, _, err = _run("build", "--ontology", str(onto), "--out", str(tmp_path / "o"))
    assert code == 2 and "shapes.ttl" in err


def test_light_choice_lists_equal_the_library_lists() -> None:
    import kg.figures
    import kg.figures.i18n
    import kg.network
    from kg.cli import network as cli

    assert cli.GRAPH_CHOICES == kg.network.GRAPHS
    assert cli.EXPORT_FORMATS == kg.network.EXPORT_FORMATS
    assert cli.TABLE_FORMATS == kg.network.FORMATS
    assert cli.LANGS == kg.network.LANGS == kg.figures.i18n.LANGUAGES
    assert tuple(kg.network.RANKING_MEASURES) == cli.RANKED
    assert cli.PLOT_CHOICES == kg.figures.FIGURES
