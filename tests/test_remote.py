"""Scale-out: `kg load` pushes the built graph into a real triple store (Oxigraph server,
started and stopped here) through the Graph Store Protocol, and `kg query --endpoint` runs
the same named queries there with the same output as the embedded store."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.query.remote import load_graph, sparql_request
from tests.helpers import run_cli

GRAPH = "https://w3id.org/rujp/graph/test"
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = Path(sys.executable).with_name("oxigraph")
    assert binary.exists(), "the oxigraph CLI comes with the test extras (pip install -e '.[test]')"
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen(
        [str(binary), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(10)


def _count(base: str) -> int:
    _, body = sparql_request(f"{base}/query", COUNT, accept="text/csv")
    return int(body.decode().split()[1])


def test_load_then_query_remote_matches_local(oxigraph: str, built_out: Path) -> None:
    loaded = run_cli(
        ["load", "--endpoint", f"{oxigraph}/store", "--graph", GRAPH, "--out", str(built_out)]
    )
    assert loaded.exit_code == 0, loaded.output
    assert _count(oxigraph) > 0
    for name in ("conferences", "twinnings", "participants", "members"):
        local = run_cli(
            ["query", "--name", name, "--format", "csv", "--store", str(built_out / "store")]
        )
        remote = run_cli(
            [
                "query",
                "--name",
                name,
                "--format",
                "csv",
                "--endpoint",
                f"{oxigraph}/query",
                "--graph",
                GRAPH,
            ],
        )
        assert remote.exit_code == 0, remote.output
        assert remote.stdout == local.stdout, name
    partners = run_cli(
        [
            "query",
            "--name",
            "partners",
            "--param",
            "city=jp-niigata",
            "--endpoint",
            f"{oxigraph}/query",
            "--graph",
            GRAPH,
            "--format",
            "json",
        ],
    )
    assert partners.exit_code == 0 and "Khabarovsk" in partners.stdout


def test_load_replaces_the_graph_as_a_whole(oxigraph: str, built_out: Path) -> None:
    data = (built_out / "rujp.nt").read_bytes()
    lines = data.splitlines(keepends=True)
    load_graph(f"{oxigraph}/store", data, graph=GRAPH)
    full = _count(oxigraph)
    load_graph(f"{oxigraph}/store", b"".join(lines[:10]), graph=GRAPH)
    assert _count(oxigraph) == 10 < full  # replaced, not merged


def test_failed_load_leaves_previous_version(oxigraph: str, built_out: Path) -> None:
    data = (built_out / "rujp.nt").read_bytes()
    load_graph(f"{oxigraph}/store", data, graph=GRAPH)
    before = _count(oxigraph)
    with pytest.raises(InputError):
        load_graph(f"{oxigraph}/store", data + b"<broken triple .\n", graph=GRAPH)
    with pytest.raises(InputError):  # the store refuses: still nothing half-written
        load_graph(f"{oxigraph}/no-such-service", data, graph=GRAPH)
    assert _count(oxigraph) == before


def test_unreachable_endpoint_exits_2(built_out: Path) -> None:
    port = _free_port()
    result = run_cli(
        ["query", "--name", "conferences", "--endpoint", f"http://127.0.0.1:{port}/query"]
    )
    assert result.exit_code == 2 and "cannot reach" in result.stderr
