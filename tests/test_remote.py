"""Scale-out: `kg load` pushes the built graph into real triple stores — an Oxigraph server
and an OpenLink Virtuoso server, started and stopped here (tests/stores.py) — through the
Graph Store Protocol, and `kg query --endpoint` runs the same named queries there with the
same answers as the embedded store (``kg.query.compare`` says what "the same" means). Every
remote call has a timeout, logs in with Basic or Digest, and never returns a cut answer."""

from __future__ import annotations

import base64
import http.server
import json
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import InputError, RemoteError, UsageError
from kg.query.ask import upload
from kg.query.auth import PASSWORD_ENV, Credentials, credentials
from kg.query.compare import answer_of, differences
from kg.query.named import bind, list_queries, with_values
from kg.query.remote import graph_has_triples, load_graph, sparql_request
from kg.query.store import open_store, parse_remote
from kg.vocab.terms import GRAPH_IRI
from tests import stores
from tests.helpers import run_cli
from tests.stores import RemoteStore, free_port

GRAPH = "https://w3id.org/rujp/graph/test"
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"
#: Real values for the parameters of the named queries.
PARAMS = {
    "partners": {"city": "jp-niigata"},
    "sources-of": {"resource": "https://w3id.org/rujp/id/twinning/jp-niigata--ru-khabarovsk"},
}


@pytest.fixture(scope="module")
def oxigraph_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RemoteStore]:
    with stores.oxigraph(tmp_path_factory.mktemp("oxigraph")) as store:
        yield store


@pytest.fixture(scope="module")
def virtuoso_store(
    tmp_path_factory: pytest.TempPathFactory, require_tool: Callable[[str], str]
) -> Iterator[RemoteStore]:
    binary, isql = require_tool("virtuoso-t"), require_tool("isql-vt")
    with stores.virtuoso(binary, isql, tmp_path_factory.mktemp("virtuoso")) as store:
        yield store


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def store(request: pytest.FixtureRequest) -> RemoteStore:
    """Each real store in turn (the whole module runs against both)."""
    found: RemoteStore = request.getfixturevalue(f"{request.param}_store")
    return found


@pytest.fixture(scope="module")
def loaded(store: RemoteStore, built_out: Path) -> RemoteStore:
    """The store with the built graph in the project's named graph (the default)."""
    upload(built_out, store.store_url, user=store.user, password=store.password)
    return store


@pytest.fixture
def login(store: RemoteStore, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """``--user NAME`` for the store's Graph Store endpoint, the password in the environment."""
    if store.password is not None:
        monkeypatch.setenv(PASSWORD_ENV, store.password)
    return store.user_args()


def _count(store: RemoteStore) -> int:
    _, body = sparql_request(store.query_url, COUNT, accept="text/csv")
    return int(body.decode().split()[1])


def test_load_then_query_remote_matches_local(
    store: RemoteStore, built_out: Path, login: list[str]
) -> None:
    loaded = run_cli(
        ["load", "--endpoint", store.store_url, "--graph", GRAPH, "--out", str(built_out), *login]
    )
    assert loaded.exit_code == 0, loaded.output
    assert _count(store) > 0
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
                store.query_url,
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
            store.query_url,
            "--graph",
            GRAPH,
            "--format",
            "json",
        ],
    )
    assert partners.exit_code == 0 and "Khabarovsk" in partners.stdout


def test_load_replaces_the_graph_as_a_whole(store: RemoteStore, built_out: Path) -> None:
    data = (built_out / "rujp.nt").read_bytes()
    lines = data.splitlines(keepends=True)
    load_graph(store.store_url, data, graph=GRAPH, auth=store.auth)
    full = _count(store)
    load_graph(store.store_url, b"".join(lines[:10]), graph=GRAPH, auth=store.auth)
    assert _count(store) == 10 < full  # replaced, not merged


def test_failed_load_leaves_previous_version(store: RemoteStore, built_out: Path) -> None:
    data = (built_out / "rujp.nt").read_bytes()
    load_graph(store.store_url, data, graph=GRAPH, auth=store.auth)
    before = _count(store)
    with pytest.raises(InputError):
        load_graph(store.store_url, data + b"<broken triple .\n", graph=GRAPH, auth=store.auth)
    with pytest.raises(RemoteError):  # the store refuses: still nothing half-written
        load_graph(f"{store.base}/no-such-service", data, graph=GRAPH, auth=store.auth)
    assert _count(store) == before


def test_unreachable_endpoint_exits_2(built_out: Path) -> None:
    port = free_port()
    result = run_cli(
        ["query", "--name", "conferences", "--endpoint", f"http://127.0.0.1:{port}/query"]
    )
    assert result.exit_code == 2 and "cannot reach" in result.stderr


def test_load_and_query_default_to_the_same_graph(
    store: RemoteStore, built_out: Path, login: list[str]
) -> None:
    loaded = run_cli(["load", "--endpoint", store.store_url, "--out", str(built_out), *login])
    assert loaded.exit_code == 0, loaded.output
    assert f"<{GRAPH_IRI}>" in loaded.stdout
    asked = run_cli(
        ["query", "--endpoint", store.query_url, "--name", "twinnings", "--format", "csv"]
    )
    assert asked.exit_code == 0, asked.output
    assert len(asked.stdout.splitlines()) > 10  # rows, not just the header
    assert f"# graph: <{GRAPH_IRI}>" in asked.stderr and "#" not in asked.stdout
    assert "empty or absent" not in asked.stderr


def test_no_rows_from_an_empty_graph_says_so(loaded: RemoteStore) -> None:
    absent = run_cli(
        [
            "query",
            "--endpoint",
            loaded.query_url,
            "--name",
            "twinnings",
            "--format",
            "csv",
            "--graph",
            "https://w3id.org/rujp/graph/absent",
        ]
    )
    assert absent.exit_code == 0, absent.output
    assert absent.stdout.count("\n") == 1  # the header only
    assert "<https://w3id.org/rujp/graph/absent> is empty or absent" in absent.stderr
    assert not graph_has_triples(loaded.query_url, "https://w3id.org/rujp/graph/absent")
    assert graph_has_triples(loaded.query_url, GRAPH_IRI)
    nowhere = run_cli(
        [
            "query",
            "--endpoint",
            loaded.query_url,
            "--name",
            "partners",
            "--param",
            "city=jp-nowhere",
            "--format",
            "csv",
        ]
    )
    assert nowhere.exit_code == 0 and nowhere.stdout.count("\n") == 1
    assert "empty or absent" not in nowhere.stderr  # the graph is there: a genuine no


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_named_queries_give_the_same_answer(
    loaded: RemoteStore, built_out: Path, name: str
) -> None:
    """Embedded store, Oxigraph and Virtuoso agree on every named query (see the README:
    numbers by value, durations by value, language tags case-insensitively, ORDER BY keys
    in order, GROUP_CONCAT parts as a multiset)."""
    (query,) = [q for q in list_queries() if q.name == name]
    assert {p.name for p in query.params} == set(PARAMS.get(name, {})), "give real values"
    terms = bind(query, PARAMS.get(name, {}))
    local = answer_of(open_store(built_out / "store").query(with_values(query.text, terms)))
    assert local.rows, f"{name} answers nothing locally: the comparison would prove nothing"
    _, body = sparql_request(
        loaded.query_url, with_values(query.text, terms), default_graph=GRAPH_IRI
    )
    remote = answer_of(parse_remote(body))
    assert differences(query.text, local, remote, ("embedded", loaded.name)) == []


REWRITTEN = b"""\
<urn:t:a> <urn:t:p> "137.0"^^<http://www.w3.org/2001/XMLSchema#decimal> .
<urn:t:b> <urn:t:p> "P2Y"^^<http://www.w3.org/2001/XMLSchema#duration> .
<urn:t:c> <urn:t:p> "P3D"^^<http://www.w3.org/2001/XMLSchema#duration> .
<urn:t:d> <urn:t:p> "Tokyo"@ja-Latn .
<urn:t:e> <urn:t:p> "13"^^<http://www.w3.org/2001/XMLSchema#positiveInteger> .
<urn:t:f> <urn:t:p> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .
"""


def test_literal_rewrites_compare_equal(store: RemoteStore) -> None:
    graph = "urn:t:rewrites"
    load_graph(store.store_url, REWRITTEN, graph=graph, auth=store.auth)
    query = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s"
    _, body = sparql_request(store.query_url, query, default_graph=graph)
    remote = answer_of(parse_remote(body))
    memory = ox.Store()
    memory.load(REWRITTEN, format=ox.RdfFormat.N_TRIPLES)
    local = answer_of(memory.query(query))
    assert differences(query, local, remote) == []
    if store.name == "virtuoso":  # the rewrites really happen there
        values = {str(row[1].value) for row in remote.rows}
        assert {"137", "24", "259200.0"} <= values
    wrong = answer_of(memory.query(query.replace("?o }", "?o FILTER(?s != <urn:t:a>) }")))
    assert differences(query, wrong, remote)  # and a real difference is still one


def test_order_counts_as_far_as_sparql_defines_it(store: RemoteStore) -> None:
    """Labels (language-tagged) have no SPARQL order: Virtuoso puts "Niigata 3"@en before
    "Niigata 20"@en, Oxigraph after. Plain strings and numbers must be in order."""
    query = (
        'SELECT ?label ?n WHERE { VALUES (?label ?n) { ("Niigata 20"@en 1) ("Niigata 3"@en 2)'
        ' ("Ab 20" 3) ("Ab 3" 4) ("Ab 3" 10) } } ORDER BY ?label DESC(?n)'
    )
    _, body = sparql_request(store.query_url, query)
    remote = answer_of(parse_remote(body))
    local = answer_of(ox.Store().query(query))
    assert differences(query, local, remote) == []
    rows = list(remote.rows)
    i, j = (k for k, row in enumerate(rows) if row[0].value == "Ab 3")  # n = 10, then 4
    rows[i], rows[j] = rows[j], rows[i]
    (found,) = differences(query, local, remote._replace(rows=tuple(rows)))
    assert 'breaks the ORDER BY: "Ab 3" | "10"^^' in found and 'after "Ab 3" | "4"^^' in found


def test_row_limit_is_never_a_silent_cut(virtuoso_store: RemoteStore) -> None:
    values = "SELECT ?x WHERE { VALUES ?x { 1 2 3 4 5 6 7 8 9 10 } }"
    with stores.max_rows(virtuoso_store, 5):
        cut = run_cli(["query", "--endpoint", virtuoso_store.query_url, "-e", values])
        short = run_cli(
            [
                "query",
                "--endpoint",
                virtuoso_store.query_url,
                "-e",
                values.replace(" 9 10", ""),
                "--format",
                "csv",
            ]
        )
    assert cut.exit_code == 2, cut.output
    assert "X-SPARQL-MaxRows" in cut.stderr and "ResultSetMaxRows" in cut.stderr
    assert cut.stdout == ""
    assert short.exit_code == 2  # 8 rows > 5 too
    whole = run_cli(
        ["query", "--endpoint", virtuoso_store.query_url, "-e", values, "--format", "csv"]
    )
    assert whole.exit_code == 0 and whole.stdout.count("\n") == 11, whole.output


def test_digest_login(
    virtuoso_store: RemoteStore, built_out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = (built_out / "rujp.nt").read_bytes()
    with pytest.raises(RemoteError, match="wants a login") as anonymous:
        load_graph(virtuoso_store.store_url, data, graph=GRAPH)
    assert "--user" in anonymous.value.hint
    bad = Credentials("dba", "wrong")
    with pytest.raises(RemoteError, match="login was refused"):  # said so, not a broken pipe
        load_graph(virtuoso_store.store_url, data, graph=GRAPH, auth=bad)
    monkeypatch.setenv(PASSWORD_ENV, "wrong")
    refused = run_cli(
        ["load", "--endpoint", virtuoso_store.store_url, "--user", "dba", "--out", str(built_out)]
    )
    assert refused.exit_code == 2 and "password" in refused.stderr
    assert "wrong" not in refused.output  # the password is never echoed


class _Silent:
    """A TCP port that accepts connections and never answers."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"


def test_every_remote_call_times_out(built_out: Path) -> None:
    silent = _Silent()
    try:
        with pytest.raises(RemoteError, match=r"no answer within 0\.3 s"):
            sparql_request(f"{silent.url}/sparql", "ASK {}", timeout=0.3)
        with pytest.raises(RemoteError, match=r"no answer within 0\.3 s"):
            load_graph(f"{silent.url}/store", b"", timeout=0.3)
        asked = run_cli(
            ["query", "--endpoint", f"{silent.url}/sparql", "-e", "ASK {}", "--timeout", "0.3"]
        )
        assert asked.exit_code == 2 and "--timeout" in asked.stderr, asked.output
        pushed = run_cli(
            [
                "load",
                "--endpoint",
                f"{silent.url}/store",
                "--out",
                str(built_out),
                "--timeout",
                "0.3",
            ]
        )
        assert pushed.exit_code == 2 and "no answer within" in pushed.stderr, pushed.output
    finally:
        silent.sock.close()


class _BasicStore(http.server.BaseHTTPRequestHandler):
    """A store behind HTTP Basic (user ``u``, password ``p``) that answers any query with
    one row and accepts any PUT."""

    def _allowed(self) -> bool:
        expected = "Basic " + base64.b64encode(b"u:p").decode()
        if self.headers.get("Authorization") == expected:
            return True
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="store"')
        self.send_header("Content-Length", "0")
        self.end_headers()
        return False

    def do_HEAD(self) -> None:
        if self._allowed():
            self.send_response(200)
            self.end_headers()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self._allowed():
            body = json.dumps(
                {
                    "head": {"vars": ["x"]},
                    "results": {"bindings": [{"x": {"type": "literal", "value": "hi"}}]},
                }
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self._allowed():
            self.send_response(204)
            self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def basic_store() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _BasicStore)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_basic_login(basic_store: str, built_out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ask = ["query", "--endpoint", f"{basic_store}/sparql", "-e", "SELECT ?x {}", "--format", "csv"]
    anonymous = run_cli(ask)
    assert anonymous.exit_code == 2 and "--user" in anonymous.stderr
    monkeypatch.setenv(PASSWORD_ENV, "p")
    asked = run_cli([*ask, "--user", "u"])
    assert asked.exit_code == 0 and asked.stdout == "x\r\nhi\r\n", asked.output
    pushed = run_cli(
        ["load", "--endpoint", f"{basic_store}/store", "--user", "u", "--out", str(built_out)]
    )
    assert pushed.exit_code == 0 and "HTTP 204" in pushed.stdout, pushed.output
    monkeypatch.setenv(PASSWORD_ENV, "nope")
    refused = run_cli([*ask, "--user", "u"])
    assert refused.exit_code == 2 and "HTTP 401" in refused.stderr


def test_password_comes_from_environment_or_prompt_never_arguments() -> None:
    assert credentials("u", env={PASSWORD_ENV: "p"}) == Credentials("u", "p")
    assert credentials("u", env={}, prompt=lambda text: "typed") == Credentials("u", "typed")

    def no_terminal(text: str) -> str:
        raise EOFError

    with pytest.raises(UsageError, match="no password") as missing:
        credentials("u", env={}, prompt=no_terminal)
    assert PASSWORD_ENV in missing.value.hint
    assert run_cli(["load", "--endpoint", "http://127.0.0.1:9/s", "--password", "p"]).exit_code == 2
    stray = run_cli(["query", "-e", "ASK {}", "--user", "u"])
    assert stray.exit_code == 2 and "--endpoint" in stray.stderr
