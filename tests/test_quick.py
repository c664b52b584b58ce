"""The quick start of `kg query` answers exactly what the full command answers, falls back to
it for everything else, and loads neither re, typing, argparse nor pathlib."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg import paths
from kg.cli.quick import answer, quick_options, surely_within_limits
from kg.query.ask import answer as full_answer
from kg.query.ask import prepare
from kg.query.catalogue import header, listing, query_files
from kg.query.guard import check
from kg.query.named import list_queries
from kg.query.results import csv_line
from tests.helpers import run_cli

FORMATS = ("table", "csv", "tsv", "json")
#: Queries whose answers hold what the writers must get right: CJK and Cyrillic labels,
#: language tags and datatypes, unbound cells, commas, quotes and line breaks, IRIs, ASK and
#: CONSTRUCT.
QUERIES = (
    "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } "
    "ORDER BY ?s ?label LIMIT 60",
    'SELECT ?a ?b WHERE { VALUES (?a ?b) { ("x, \\"y\\"" UNDEF) ("line\\nbreak" 3) '
    '(<urn:x:a,b> "新潟"@ja) ("" 2.5) } }',
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "ASK { ?s ?p ?o }",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 5",
)


@pytest.fixture(scope="module")
def store(built_out: Path) -> str:
    return str(built_out / "store")


def _full(query: str, fmt: str, store: str) -> bytes:
    return full_answer(prepare(expr=query), fmt, store=Path(store))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("query", QUERIES, ids=["labels", "tricky", "count", "ask", "construct"])
def test_quick_answer_is_the_full_answer(store: str, query: str, fmt: str) -> None:
    quick = answer(["query", "-e", query, "--format", fmt, "--store", store])
    assert quick is not None
    assert quick == _full(query, fmt, store)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_named_query_without_parameters_answers_the_same(store: str, fmt: str) -> None:
    named = [q for q in list_queries() if not q.params]
    assert len(named) >= 5
    for q in named:
        expected = full_answer(prepare(name=q.name), fmt, store=Path(store))
        for words in (["--name", q.name], ["-n", q.name], ["-e", q.text]):
            quick = answer(["query", *words, "--format", fmt, "--store", store])
            assert quick == expected, (q.name, words[0])


def test_a_query_file_and_every_spelling_of_the_options(store: str, tmp_path: Path) -> None:
    query = QUERIES[0]
    rq = tmp_path / "labels.rq"
    rq.write_text(query, encoding="utf-8")
    expected = _full(query, "csv", store)
    for words in (
        ["query", str(rq), "--format", "csv", "--store", store],
        ["query", "--format=csv", f"--store={store}", str(rq)],
        ["query", "--expr", query, "--format", "csv", "--store", store],
        ["query", f"--expr={query}", "--store", store, "--format", "csv"],
    ):
        assert answer(words) == expected, words


@pytest.mark.parametrize(
    "words",
    [
        ["query", "--name", "conferences", "--param", "a=b"],
        ["query", "--name", "conferences", "-e", "ASK {}"],
        ["query", "-e", "ASK {}", "--param", "a=b"],
        ["query", "-e", "ASK {}", "--endpoint", "http://example.org/sparql"],
        ["query", "-e", "ASK {}", "--help"],
        ["query", "-e", "ASK {}", "-e", "ASK {}"],
        ["query", "-e", "ASK {}", "--form", "csv"],
        ["query", "-e", "ASK {}", "--format", "xml"],
        ["query", "-e", "--format"],
        ["query", "-e", ""],
        ["query", "-e", "ASK {}", "--store="],
        ["query", "a.rq", "-e", "ASK {}"],
        ["query"],
        ["queries", "--format", "json"],
        ["--version", "query", "-e", "ASK {}"],
    ],
)
def test_other_forms_are_left_to_the_full_command(words: list[str]) -> None:
    assert quick_options(words) is None
    assert answer(words) is None


@pytest.mark.parametrize("words", [["--name", "partners"], ["-n", "sources-of", "--format", "csv"]])
def test_a_named_query_that_takes_parameters_is_left_to_the_full_command(
    store: str, words: list[str]
) -> None:
    assert quick_options(["query", *words, "--store", store]) is not None
    assert answer(["query", *words, "--store", store]) is None


def test_failures_fall_back_and_read_as_before(store: str, tmp_path: Path) -> None:
    """A syntax error, a missing store or a refused query: the quick path gives way and the
    full command explains, with its exit code."""
    assert answer(["query", "-e", "SELEC * {}", "--store", store]) is None
    assert answer(["query", "-e", "ASK {}", "--store", str(tmp_path)]) is None
    assert answer(["query", "-e", "{" * 5000, "--store", store]) is None
    assert answer(["query", str(tmp_path / "missing.rq"), "--store", store]) is None
    assert answer(["query", "--name", "no-such-query", "--store", store]) is None
    assert answer(["query", "--name", "../queries/conferences", "--store", store]) is None
    result = run_cli(["query", "--name", "partners", "--store", store])
    assert result.exit_code == 2
    assert "missing parameter" in result.stderr
    result = run_cli(["query", "-e", "SELEC * {}", "--store", store])
    assert result.exit_code == 2
    assert "[ERROR] -e SPARQL syntax error" in result.stderr
    result = run_cli(["query", "-e", "{" * 5000, "--store", store])
    assert result.exit_code == 2
    assert "nests brackets deeper than" in result.stderr
    result = run_cli(["query", "-e", "ASK {}", "--store", str(tmp_path)])
    assert result.exit_code == 2
    assert "no built store here" in result.stderr


def test_the_default_store_is_the_one_paths_gives(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("KG_OUT", raising=False)
    assert paths.store_location() == str(paths.store_dir())
    monkeypatch.chdir(tmp_path)
    assert paths.store_location() == str(paths.store_dir())
    (tmp_path / "out").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "out")
    monkeypatch.setenv("KG_OUT", "link")
    assert paths.store_location() == str(paths.store_dir()) == str(tmp_path / "out" / "store")


@pytest.mark.parametrize(
    "query",
    [
        "{" * 64,
        "(" * 30 + "[" * 30 + "{" * 4,
        "." * 2_000,
        "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 30) + " }",
        "ASK { FILTER(" + " && ".join(["1 = 1"] * 150) + ") }",
        "# " + "{" * 60 + "\nASK {}",
    ],
)
def test_a_query_surely_within_limits_passes_the_guard(query: str) -> None:
    """The bound that lets the quick path skip the guard is sound: the guard accepts each."""
    assert surely_within_limits(query)
    check(query)


@pytest.mark.parametrize(
    "query", ["{" * 65, "." * 2_001, "ASK { FILTER(\\u0028true\\u0029) }", "x" * 1_000_001]
)
def test_other_queries_go_through_the_guard(query: str) -> None:
    assert not surely_within_limits(query)


@pytest.mark.parametrize(
    "row",
    [
        ["a", "b"],
        [""],
        ["", ""],
        ['say "x"'],
        ["a,b", "c"],
        ["line\nbreak", "cr\rhere"],
        [" spaced ", "\ttab"],
        ["新潟", "Хабаровск"],
        ["'quote'", "semi;colon"],
    ],
)
def test_csv_line_is_what_the_csv_module_writes(row: list[str]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(row)
    assert csv_line(row) == buffer.getvalue()


@pytest.mark.parametrize("command", ["query", "queries"])
def test_kg_query_starts_without_re_typing_argparse_or_pathlib(store: str, command: str) -> None:
    """Compared with a bare interpreter of the same environment (whose site may import some
    of them), the quick path adds none of the modules that make start-up slow."""
    slow = ("re", "typing", "argparse", "pathlib", "enum", "csv", "json")
    probe = f"import sys\n{{setup}}\nprint(','.join(m for m in {slow!r} if m in sys.modules))\n"
    run = ["import os", "from kg.cli import main", "sys.stdout = open(os.devnull, 'w')"]
    words = ["query", "-e", "ASK {}", "--store", store] if command == "query" else ["queries"]
    setup = "\n".join([*run, f"code = main({words!r})"])
    setup += "\nsys.stdout = sys.__stdout__\nassert code == 0, code"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1])

    def loaded(code: str) -> set[str]:
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        )
        return {m for m in out.stdout.strip().split(",") if m}

    bare = loaded(probe.format(setup=""))
    assert loaded(probe.format(setup=setup)) - bare == set()
    # and the probe sees them when they are imported
    assert loaded(probe.format(setup="import argparse")) - bare >= {"argparse"}


#: The header grammar as a regular expression: the reference the plain parser must equal.
_HEADER_LINE = r"^#\s*(\w+):\s*(.*)$"


def _regex_header(text: str) -> dict[str, list[str]]:
    import re

    meta: dict[str, list[str]] = {}
    for line in text.splitlines():
        m = re.match(_HEADER_LINE, line)
        if not m:
            if line.strip() and not line.startswith("#"):
                break
            continue
        meta.setdefault(m.group(1), []).append(m.group(2).strip())
    return meta


def test_query_headers_read_as_the_regular_expression_reads_them() -> None:
    texts = [Path(path).read_text(encoding="utf-8") for path in query_files()]
    texts.append(
        "#question:no space\n#   note :spaced key\n# two words: no\n# a_b1: yes \n"
        "#: empty key\n# ключ: значение\n\n# after blank: still header\nSELECT ?x {}\n# late: no"
    )
    assert len(texts) > 20
    for text in texts:
        assert header(text) == _regex_header(text)


def test_kg_queries_lists_every_query_with_its_parameters_and_columns() -> None:
    text = listing()
    blocks = text.strip().split("\n\n")
    named = list_queries()
    assert [block.splitlines()[0] for block in blocks] == [q.name for q in named]
    for block, q in zip(blocks, named, strict=True):
        assert f"  {q.question}" in block.splitlines()
        for p in q.params:
            assert f"  --param {p.name}=<{p.kind}>  {p.doc}" in block
        assert block.splitlines()[-1] == f"  columns: {', '.join(q.columns)}"
    assert answer(["queries"]) == text.encode("utf-8")
    assert answer(["queries", "--format", "json"]) is None
    assert run_cli(["queries"]).stdout == text
