"""`kg query` as a new user types it: places by name, errors that name the parameter,
tables aligned with CJK text, and `--format` options whose help says their choices and
default."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from kg.cli import build_parser
from kg.query.named import list_queries
from kg.query.results import display_width
from tests.helpers import run_cli


@pytest.fixture(scope="module")
def store(built_out: Path) -> str:
    return str(built_out / "store")


def _query(store: str, *args: str) -> tuple[int, str, str]:
    done = run_cli(["query", "--store", store, *args])
    return done.exit_code, done.stdout_bytes.decode(), done.stderr_bytes.decode()


@pytest.mark.parametrize("name", ["Niigata", "niigata", "新潟市", "Ниигата", "jp-niigata"])
def test_a_place_by_name_or_id(store: str, name: str) -> None:
    by_id = _query(store, "--name", "partners", "--param", "city=jp-niigata", "--format", "csv")
    by_name = _query(store, "--name", "partners", "--param", f"city={name}", "--format", "csv")
    assert by_name == by_id
    assert by_id[0] == 0 and "Khabarovsk" in by_id[1]


def test_punctuation_and_case_do_not_count(store: str) -> None:
    code, out, _ = _query(store, "--name", "partners", "--param", "city=yuzhno sakhalinsk")
    assert code == 0 and "Wakkanai" in out


def test_an_unknown_id_is_an_error_naming_the_parameter(store: str) -> None:
    code, out, err = _query(store, "--name", "partners", "--param", "city=jp-atlantis")
    assert code == 2 and out == ""
    assert "--param city=jp-atlantis [city] no place has this id or name" in err
    assert "(0 rows)" not in out + err


def test_a_partial_name_answers_with_the_matching_ids(store: str) -> None:
    code, _, err = _query(store, "--name", "partners", "--param", "city=sakhalin")
    assert code == 2
    assert "ru-sakhalin-oblast" in err and "ru-yuzhno-sakhalinsk" in err
    assert "[city]" in err


def test_an_iri_parameter_is_checked_and_may_be_short(store: str) -> None:
    short = _query(
        store, "--name", "sources-of", "--param", "resource=twinning/jp-niigata--ru-khabarovsk"
    )
    full = _query(
        store,
        "--name",
        "sources-of",
        "--param",
        "resource=https://w3id.org/rujp/id/twinning/jp-niigata--ru-khabarovsk",
    )
    assert short == full and short[0] == 0 and "(0 rows)" not in short[1]
    code, _, err = _query(store, "--name", "sources-of", "--param", "resource=twinning/nothing")
    assert code == 2 and "[resource] the graph has no resource with this IRI" in err


def test_tables_align_with_cjk_text(store: str) -> None:
    code, out, _ = _query(
        store,
        "-e",
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "PREFIX rujp: <https://w3id.org/rujp/ontology#> "
        "SELECT ?ja ?en WHERE { ?p a rujp:Municipality ; rdfs:label ?ja , ?en "
        'FILTER (LANG(?ja) = "ja" && LANG(?en) = "en") } ORDER BY ?en LIMIT 20',
    )
    assert code == 0
    lines = out.splitlines()
    rule = lines[1]
    second = len(rule.split("  ")[0]) + 2  # display column where the second column starts
    rows = lines[2:-1]
    assert any(display_width(r) != len(r) for r in rows)  # there is wide text to align
    for row in rows:
        first, rest = row.split("  ", 1)
        start = display_width(first) + 2 + (len(rest) - len(rest.lstrip(" ")))
        assert start == second, row


def _format_options() -> list[tuple[str, argparse.Action]]:
    found = []

    def walk(parser: argparse.ArgumentParser, path: str) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, f"{path} {name}".strip())
            elif "--format" in action.option_strings:
                found.append((path, action))

    commands = next(
        a for a in build_parser(None)._actions if isinstance(a, argparse._SubParsersAction)
    )
    for command in commands.choices:  # each command's parser is built only when it runs
        walk(build_parser(command), "")
    return sorted(set(found), key=lambda f: f[0])


def test_every_format_option_says_its_choices_and_default() -> None:
    options = _format_options()
    assert {"query", "queries", "export", "stats"} <= {p for p, _ in options}
    for path, action in options:
        done = run_cli([*path.split(), "--help"])
        text = " ".join(done.stdout_bytes.decode().split())
        options = text.split("options:")[1]
        help_text = options.split("--format {")[1].split("} ", 1)[1].split(" -")[0]
        assert action.choices, path
        for choice in action.choices:
            assert str(choice) in help_text, (path, choice, help_text)
        if action.required:
            assert "required" in help_text and "None" not in help_text, path
        else:
            assert f"default: {action.default}" in help_text, (path, help_text)


def test_the_query_page_and_the_cli_know_the_same_queries() -> None:
    from kg.serve.querypage import query_page

    page = query_page("en").decode()
    for query in list_queries():
        assert f">{query.name}</button>" in page
