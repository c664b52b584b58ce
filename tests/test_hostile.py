"""`kg serve` under hostile input: every attack of the security review answers with its
documented status and the server keeps serving. Real sockets against a real started
server; a local listener stands in for an internal service that must never be called."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.query.guard import QueryRejectedError, check, service_targets
from kg.serve.app import Server
from kg.serve.cache import ByteCache
from kg.serve.limits import service_refusal, valid_host
from kg.vocab import iris
from tests.helpers import running_server

from .helpers import run_cli

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
DEEP = "SELECT * WHERE " + "{" * 5000 + "}" * 5000
CHAIN = "SELECT * WHERE { BIND(" + "+".join(["1"] * 20000) + " AS ?x) }"
NIIGATA = iris.place("jp-niigata").removeprefix("https://w3id.org/rujp")


class Listener:
    """A TCP listener on loopback that records every connection it gets."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.received: list[bytes] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    self.received.append(conn.recv(65536))
                except OSError:
                    self.received.append(b"")

    def close(self) -> None:
        self.sock.close()


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()


def _start(built_out: Path, **kwargs: object) -> Iterator[Server]:
    yield from running_server(built_out, **kwargs)


@pytest.fixture(scope="module")
def server(built_out: Path) -> Iterator[Server]:
    yield from _start(built_out, idle_timeout=1.0, max_body=100_000, timeout=30.0)


@pytest.fixture(scope="module")
def tiny(built_out: Path) -> Iterator[Server]:
    yield from _start(built_out, workers=1, queue=1, timeout=4.0, cache_size=0)


@pytest.fixture(scope="module")
def capped(built_out: Path) -> Iterator[Server]:
    yield from _start(built_out, max_rows=5)


def url(server: Server, path: str) -> str:
    return f"http://127.0.0.1:{server.server_port}{path}"


def fetch(
    target: str, *, data: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, Message, bytes]:
    request = urllib.request.Request(target, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def query(server: Server, text: str) -> tuple[int, Message, bytes]:
    return fetch(url(server, "/sparql?" + urllib.parse.urlencode({"query": text})))


def raw(server: Server, data: bytes, *, wait: float = 10.0) -> bytes:
    """Send ``data`` on a fresh connection and read until the server closes it."""
    with socket.create_connection(("127.0.0.1", server.server_port), timeout=wait) as sock:
        sock.sendall(data)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except (TimeoutError, ConnectionResetError):
            pass
    return b"".join(chunks)


def status(response: bytes) -> int:
    return int(response.split(b" ", 2)[1]) if response.startswith(b"HTTP/1.1 ") else 0


def still_serving(server: Server) -> bool:
    code, _, body = query(server, "ASK { ?s ?p ?o }")
    return code == 200 and json.loads(body)["boolean"] is True


# -- federation --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/admin> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ service silent <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}",
        "PREFIX in: <http://127.0.0.1:{port}/> SELECT * {{ SERVICE in:sparql {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ BIND(<http://127.0.0.1:{port}/> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ # SERVICE\n SERVICE <http://localhost:{port}/> {{ ?s ?p ?o }} }}",
    ],
    ids=["iri", "silent-lowercase", "prefixed", "variable", "after-comment"],
)
def test_service_is_refused_and_nothing_is_called(
    server: Server, listener: Listener, template: str
) -> None:
    code, headers, body = query(server, template.format(port=listener.port))
    assert code == 400, body
    assert b"SERVICE" in body
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    time.sleep(0.2)
    assert listener.received == []
    assert still_serving(server)


def test_allow_list_is_exact_and_private_needs_listing(listener: Listener) -> None:
    loop = f"SELECT * {{ SERVICE <http://127.0.0.1:{listener.port}/> {{ ?s ?p ?o }} }}"
    assert service_refusal(loop, ()) is not None
    assert service_refusal(loop, ("example.org",)) is not None
    assert service_refusal(loop, (f"127.0.0.1:{listener.port + 1}",)) is not None
    assert service_refusal(loop, (f"127.0.0.1:{listener.port}",)) is None
    named = f"SELECT * {{ SERVICE <http://localhost:{listener.port}/> {{ ?s ?p ?o }} }}"
    refusal = service_refusal(named, ("localhost",))
    assert refusal is not None and "non-public" in refusal
    assert service_refusal(named, ("localhost", "127.0.0.1", "::1")) is None
    assert service_refusal("SELECT * { ?s ?p 'SERVICE <http://x/>' }", ()) is None


def test_listed_host_is_called(built_out: Path, listener: Listener) -> None:
    """The positive control: a listed loopback address is called (so the refusals above are
    the allow-list at work, not a listener that cannot be reached)."""
    before = len(listener.received)
    allowed = (f"127.0.0.1:{listener.port}",)
    text = f"SELECT * {{ SERVICE <http://127.0.0.1:{listener.port}/q> {{ ?s ?p ?o }} }}"
    for running in _start(built_out, allow_service=allowed, timeout=5.0):
        query(running, text)
    assert len(listener.received) > before
    assert b"/q" in listener.received[-1]


# -- sizes -------------------------------------------------------------------------------------


def test_huge_declared_body_is_413_before_reading(server: Server) -> None:
    head = (
        b"POST /sparql HTTP/1.1\r\nHost: localhost\r\n"
        b"Content-Type: application/sparql-query\r\nContent-Length: 400000000\r\n\r\n"
    )
    response = raw(server, head + b"SELECT * WHERE { ?s ?p ?o }")
    assert status(response) == 413 and b"limit" in response
    assert still_serving(server)


def test_chunked_body_over_the_limit_is_413(server: Server) -> None:
    chunk = b"#" * 50_000
    body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(3)) + b"0\r\n\r\n"
    head = (
        b"POST /sparql HTTP/1.1\r\nHost: localhost\r\n"
        b"Content-Type: application/sparql-query\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    assert status(raw(server, head + body)) == 413
    assert still_serving(server)


def test_long_query_is_413_and_deep_queries_are_400(server: Server) -> None:
    long = "SELECT * WHERE { ?s ?p ?o }" + "#" * 100_001
    code, _, _ = fetch(
        url(server, "/sparql"),
        data=long.encode(),
        headers={"Content-Type": "application/sparql-query"},
    )
    assert code == 413
    for text in (DEEP, CHAIN):
        code, _, body = fetch(
            url(server, "/sparql"),
            data=text.encode(),
            headers={"Content-Type": "application/sparql-query"},
        )
        assert code == 400 and b"query" in body
    assert still_serving(server)


def test_oversized_headers_are_431(server: Server) -> None:
    request = b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: " + b"a" * 1_000_000 + b"\r\n\r\n"
    assert status(raw(server, request)) == 431
    assert still_serving(server)


def test_the_cli_refuses_deep_queries_without_crashing(built_out: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kg.cli", "query", "--store", str(built_out / "store"), "-e", DEEP],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "nests brackets deeper" in done.stderr


def test_guard_measures_only_code() -> None:
    assert check("SELECT * WHERE { ?s ?p '{{{{{{' } # {{{{{{{\n").depth == 1
    with pytest.raises(QueryRejectedError) as caught:
        check(DEEP)
    assert caught.value.status == 400
    with pytest.raises(QueryRejectedError):
        check(CHAIN)
    many_rows = "SELECT * { VALUES (?a ?b) { " + "(1 2) " * 5000 + "} }"
    assert check(many_rows).operators < 10
    escaped = "SELECT * { \\u0053ERVICE <http://10.0.0.1/> { ?s ?p ?o } }"
    assert service_targets(escaped) == ["http://10.0.0.1/"]


# -- malformed requests ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("request_bytes", "expected"),
    [
        (b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n", 400),
        (b"GET /id/\x00place HTTP/1.1\r\nHost: localhost\r\n\r\n", 400),
        (b"GET /static/%00.js HTTP/1.1\r\nHost: localhost\r\n\r\n", 400),
        (b"GET /sparql HTTP/1.1\r\nHost: a> <http://evil/x\r\n\r\n", 400),
        (b"GET /sparql HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 200),
        (b"BREW /sparql HTTP/1.1\r\nHost: localhost\r\n\r\n", 400),
        (b"PUT /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n", 405),
        (b"GET /nowhere HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 404),
    ],
    ids=[
        "content-length-abc",
        "nul-in-path",
        "encoded-nul",
        "gt-in-host",
        "two-hosts",
        "method",
        "put",
        "404",
    ],
)
def test_malformed_requests(server: Server, request_bytes: bytes, expected: int) -> None:
    response = raw(server, request_bytes)
    assert status(response) == expected, response[:300]
    head = response.split(b"\r\n\r\n", 1)[0].lower()
    assert b"x-content-type-options: nosniff" in head
    assert b"frame-ancestors 'none'" in head
    assert b"\r\nserver:" not in head
    assert still_serving(server)


def test_head_has_no_body_on_a_kept_alive_connection(server: Server) -> None:
    ask = urllib.parse.quote("ASK { ?s ?p ?o }")
    head = "HEAD /id/place/jp-niigata HTTP/1.1\r\nHost: localhost\r\nAccept: text/turtle\r\n\r\n"
    get = f"GET /sparql?query={ask} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    response = raw(server, (head + get).encode())
    first, rest = response.split(b"\r\n\r\n", 1)
    assert status(first) == 200 and b"content-length: " in first.lower()
    assert rest.startswith(b"HTTP/1.1 200 OK\r\n"), rest[:100]
    assert rest.split(b"\r\n\r\n", 1)[1].endswith(b"true}") or b'"boolean":true' in rest


# -- slow and idle clients ---------------------------------------------------------------------


def test_idle_connection_is_closed(server: Server) -> None:
    with socket.create_connection(("127.0.0.1", server.server_port), timeout=10) as sock:
        assert sock.recv(100) == b""  # closed by the server, not by our 10 s timeout


def test_slowloris_headers_get_408(server: Server) -> None:
    with socket.create_connection(("127.0.0.1", server.server_port), timeout=10) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\n")
        answer = b""
        for _ in range(20):
            try:
                sock.sendall(b"X-a: b\r\n")
            except OSError:
                break
            time.sleep(0.2)
        with contextlib.suppress(OSError):
            answer = sock.recv(1000)
    assert status(answer) == 408
    assert still_serving(server)


def test_slow_body_gets_408(server: Server) -> None:
    head = (
        b"POST /sparql HTTP/1.1\r\nHost: localhost\r\n"
        b"Content-Type: application/sparql-query\r\nContent-Length: 50\r\n\r\nSELECT"
    )
    assert status(raw(server, head)) == 408
    assert still_serving(server)


def test_many_idle_sockets_do_not_block_others(server: Server) -> None:
    sockets = [socket.create_connection(("127.0.0.1", server.server_port)) for _ in range(200)]
    try:
        assert still_serving(server)
    finally:
        for sock in sockets:
            sock.close()


# -- the service description -------------------------------------------------------------------


def test_host_cannot_inject_triples(server: Server) -> None:
    evil = "a.example> <http://evil/p> <http://evil/o> . <http://evil/s"
    response = raw(server, f"GET /sparql HTTP/1.1\r\nHost: {evil}\r\n\r\n".encode())
    assert status(response) == 400
    assert not valid_host(evil)
    code, headers, body = fetch(url(server, "/sparql"), headers={"Host": "kg.example:8080"})
    assert code == 200 and headers["Content-Type"] == "text/turtle; charset=utf-8"
    triples = list(ox.parse(body, format=ox.RdfFormat.TURTLE))
    named = {t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)}
    assert named == {"http://kg.example:8080/sparql"}


def test_base_url_names_the_service_and_void(built_out: Path) -> None:
    for running in _start(built_out, base_url="https://kg.example/rujp"):
        _, _, sd = fetch(url(running, "/sparql"), headers={"Host": "elsewhere.example"})
        _, _, void = fetch(url(running, "/void.ttl"), headers={"Host": "elsewhere.example"})
    assert b"<https://kg.example/rujp/sparql>" in sd and b"elsewhere" not in sd
    endpoints = {
        t.object.value
        for t in ox.parse(void, format=ox.RdfFormat.TURTLE)
        if t.predicate.value.endswith(("sparqlEndpoint", "endpointURL"))
    }
    assert endpoints == {"https://kg.example/rujp/sparql"}


# -- admission, cancellation, caches -----------------------------------------------------------


def test_full_queue_is_503_with_retry_after(tiny: Server) -> None:
    results: list[tuple[int, Message]] = []

    def heavy(i: int) -> None:
        code, headers, _ = query(tiny, HEAVY + f" # {i}")
        results.append((code, headers))

    threads = [threading.Thread(target=heavy, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
        time.sleep(0.1)
    for thread in threads:
        thread.join(60)
    codes = sorted(code for code, _ in results)
    assert codes == [503] * 4
    busy = [h for code, h in results if code == 503 and h.get("Retry-After")]
    assert busy and int(busy[0]["Retry-After"]) >= 1
    assert still_serving(tiny)


def test_identical_queries_share_one_evaluation(tiny: Server) -> None:
    """One worker, one queue place, no cache: six identical queries at once would leave
    four refused with 503; sharing the evaluation running, all six get its answer."""
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?a a ?c . ?d a ?f } # shared"
    start = threading.Barrier(6)
    results: list[tuple[int, bytes]] = []

    def ask() -> None:
        start.wait(30)
        code, _, body = query(tiny, text)
        results.append((code, body))

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert [code for code, _ in results] == [200] * 6
    counts = {json.loads(body)["results"]["bindings"][0]["n"]["value"] for _, body in results}
    assert len(counts) == 1 and int(counts.pop()) > 1000
    assert still_serving(tiny)


def test_disconnected_client_query_is_killed(tiny: Server) -> None:
    before = set(tiny.workers)
    with socket.create_connection(("127.0.0.1", tiny.server_port)) as sock:
        target = "/sparql?" + urllib.parse.urlencode({"query": HEAVY + " # gone"})
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
        time.sleep(0.5)
    for _ in range(100):
        if tiny.workers and set(tiny.workers) != before:
            break
        time.sleep(0.05)
    assert set(tiny.workers).isdisjoint(before)
    assert still_serving(tiny)


def test_clients_that_leave_at_any_moment_leave_every_worker(tiny: Server) -> None:
    """Clients that hang up while their query waits, starts or ends: afterwards the one
    worker still answers a query nobody asked before (none was lost on the way)."""
    for i in range(40):
        with socket.create_connection(("127.0.0.1", tiny.server_port)) as sock:
            text = f"SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT {i % 7 + 1} # leave {i}"
            target = "/sparql?" + urllib.parse.urlencode({"query": text})
            sock.sendall(f"GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
            time.sleep((i % 5) * 0.01)
    code, _, body = query(tiny, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 2 # after the crowd")
    assert code == 200 and len(json.loads(body)["results"]["bindings"]) == 2
    assert len(tiny.workers) == 1


def test_answer_cache_is_bounded_in_bytes() -> None:
    cache = ByteCache[int, bytes](max_entries=1000, max_bytes=10_000)
    for i in range(100):
        cache.put(i, b"x" * 1000, 1000)
        assert cache.size <= 10_000
    assert cache.get(99) is not None and cache.get(0) is None


def test_pages_have_validators_and_304(server: Server) -> None:
    code, headers, body = fetch(url(server, NIIGATA), headers={"Accept": "text/html"})
    assert code == 200 and body
    etag, modified = headers["ETag"], headers["Last-Modified"]
    assert "script-src" in headers["Content-Security-Policy"]
    again = fetch(url(server, NIIGATA), headers={"Accept": "text/html", "If-None-Match": etag})
    assert again[0] == 304 and again[2] == b""
    since = {"Accept": "text/html", "If-Modified-Since": modified}
    assert fetch(url(server, NIIGATA), headers=since)[0] == 304
    other = fetch(url(server, NIIGATA), headers={"Accept": "text/turtle", "If-None-Match": etag})
    assert other[0] == 200


def test_big_resource_is_capped_with_a_link_to_the_rest(capped: Server) -> None:
    code, headers, body = fetch(url(capped, NIIGATA), headers={"Accept": "application/n-triples"})
    assert code == 200
    assert len([line for line in body.splitlines() if line.strip()]) == 5
    link = headers["Link"]
    assert link.endswith('rel="next"')
    rest = link.split(">", 1)[0].lstrip("<")
    more = fetch(url(capped, rest), headers={"Accept": "application/n-triples"})
    assert more[0] == 200 and more[2].strip()
    html = fetch(url(capped, NIIGATA), headers={"Accept": "text/html"})
    assert html[0] == 200 and b'class="capped"' in html[2]


def test_no_worker_is_left_after_stop(built_out: Path) -> None:
    for running in _start(built_out, workers=2):
        pids = running.workers
        assert len(pids) == 2 and still_serving(running)
    for pid in pids:  # killed and reaped: no such process any more
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


@pytest.mark.parametrize(
    "option",
    [
        ["--base-url", "http://a> <b"],
        ["--allow-service", "http://x/"],
        ["--max-body", "0"],
    ],
)
def test_bad_serve_options_are_usage_errors(built_out: Path, option: list[str]) -> None:
    result = run_cli(["serve", "--store", str(built_out / "store"), "--port", "0", *option])
    assert result.exit_code == 2
    assert "usage" in result.stderr and option[0] in result.stderr
