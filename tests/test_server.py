"""`kg serve`: SPARQL 1.1 Protocol, content negotiation, read-only, limits, query page —
exercised with real clients (urllib, SPARQLWrapper, roqet, headless Chromium)."""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from email.message import Message
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.query.named import get_query
from kg.serve import negotiate
from tests.helpers import running_server

from .conftest import PageVisit

CONFERENCES = get_query("conferences").text
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
CONSTRUCT = (
    "PREFIX rujp: <https://w3id.org/rujp/ontology#> "
    "CONSTRUCT { ?m rujp:host ?h } WHERE { ?m rujp:host ?h }"
)


def _serve(built_out: Path, **kwargs: object) -> Iterator[str]:
    for server in running_server(built_out, **kwargs):
        yield f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="module")
def base(built_out: Path) -> Iterator[str]:
    yield from _serve(built_out, timeout=30.0, max_rows=10000, workers=2)


@pytest.fixture(scope="module")
def strict(built_out: Path) -> Iterator[str]:
    # 3 s: the time limit counts from arrival, so a query after a killed runaway one also
    # waits for the worker to be replaced; HEAVY (12k^4 rows) runs far longer than this
    yield from _serve(built_out, timeout=3.0, max_rows=5, workers=1, cache_size=0)


def fetch(
    url: str,
    *,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    method: str | None = None,
) -> tuple[int, Message, bytes]:
    """Status, headers (names compared without regard to case, as HTTP says) and body."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def q(base: str, query: str) -> str:
    return f"{base}/sparql?{urllib.parse.urlencode({'query': query})}"


def test_get_json_results(base: str) -> None:
    status, headers, body = fetch(q(base, CONFERENCES))
    assert status == 200
    assert headers["Content-Type"].startswith("application/sparql-results+json")
    assert headers["Access-Control-Allow-Origin"] == "*"
    doc = json.loads(body)
    assert doc["head"]["vars"] == list(get_query("conferences").columns)
    numbers = [int(b["number"]["value"]) for b in doc["results"]["bindings"]]
    assert 1 in numbers and 27 in numbers


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ("text/csv", ox.QueryResultsFormat.CSV),
        ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
        ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ],
)
def test_results_formats_by_accept(base: str, accept: str, fmt: object) -> None:
    status, headers, body = fetch(q(base, CONFERENCES), headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(accept)
    assert headers["Vary"] == "Accept"
    if fmt == ox.QueryResultsFormat.CSV:  # lossy: pyoxigraph does not parse it back
        import csv
        import io

        rows = list(csv.reader(io.StringIO(body.decode())))[1:]
    else:
        rows = list(ox.parse_query_results(body, format=fmt))
    assert len(rows) == len(json.loads(fetch(q(base, CONFERENCES))[2])["results"]["bindings"])


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ],
)
def test_construct_formats_by_accept(base: str, accept: str, fmt: object) -> None:
    status, headers, body = fetch(q(base, CONSTRUCT), headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(accept)
    triples = list(ox.parse(body, format=fmt))
    hosts = [
        b for b in json.loads(fetch(q(base, CONFERENCES))[2])["results"]["bindings"] if "host" in b
    ]
    assert len(triples) == len(hosts)


def test_post_form_and_sparql_query(base: str) -> None:
    form = urllib.parse.urlencode({"query": CONFERENCES}).encode()
    s1, _, b1 = fetch(
        f"{base}/sparql", data=form, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    s2, _, b2 = fetch(
        f"{base}/sparql",
        data=CONFERENCES.encode(),
        headers={"Content-Type": "application/sparql-query"},
    )
    assert s1 == s2 == 200 and json.loads(b1) == json.loads(b2)


def test_service_description_and_cors_preflight(base: str) -> None:
    status, headers, body = fetch(f"{base}/sparql")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    sd = list(ox.parse(body, format=ox.RdfFormat.TURTLE))
    assert any(
        t.object.value.endswith("#Service") for t in sd if t.predicate.value.endswith("type")
    )
    status, headers, _ = fetch(f"{base}/sparql", method="OPTIONS")
    assert status == 204 and "POST" in headers["Access-Control-Allow-Methods"]


def test_updates_are_refused(base: str) -> None:
    for data, ctype in (
        (
            urllib.parse.urlencode({"update": "DROP ALL"}).encode(),
            "application/x-www-form-urlencoded",
        ),
        (b"DROP ALL", "application/sparql-update"),
        (
            urllib.parse.urlencode(
                {"query": "PREFIX x: <urn:x> INSERT DATA { <a:b> <a:c> <a:d> }"}
            ).encode(),
            "application/x-www-form-urlencoded",
        ),
    ):
        status, _, body = fetch(f"{base}/sparql", data=data, headers={"Content-Type": ctype})
        assert status == 403 and b"read-only" in body
    assert fetch(q(base, "ASK { ?s ?p ?o }"))[0] == 200


def test_syntax_error_is_400(base: str) -> None:
    status, _, body = fetch(q(base, "SELECT WHERE {"))
    assert status == 400 and b"syntax" in body


def test_runaway_query_is_stopped_and_server_keeps_serving(strict: str) -> None:
    status, _, body = fetch(q(strict, HEAVY))
    assert status == 503 and b"limit" in body
    status, _, body = fetch(q(strict, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3"))
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 3


def test_result_cap(strict: str) -> None:
    status, _, body = fetch(q(strict, "SELECT ?s WHERE { ?s ?p ?o }"))
    assert status == 413 and b"LIMIT" in body
    assert fetch(q(strict, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 5"))[0] == 200


def test_negotiate() -> None:
    offers = {"text/csv": "csv", "application/sparql-results+json": "json"}
    assert negotiate("text/csv;q=0.5, application/sparql-results+json", offers, "json") == "json"
    assert negotiate("text/csv", offers, "json") == "csv"
    assert negotiate("*/*", offers, "json") == "json"
    assert negotiate("image/png", offers, "json") is None


def test_query_page_and_static_assets(base: str) -> None:
    status, headers, body = fetch(f"{base}/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    page = body.decode()
    for name in ("twinnings", "conferences", "members"):
        assert f">{name}</button>" in page
    assert fetch(f"{base}/static/yasgui/yasgui.min.js")[0] == 200
    assert fetch(f"{base}/static/../server.py")[0] == 404


def test_sparqlwrapper_client(base: str) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(f"{base}/sparql")
    client.setQuery(CONFERENCES)
    client.setReturnFormat(JSON)
    result = client.query().convert()
    rows = {int(b["number"]["value"]): b for b in result["results"]["bindings"]}  # type: ignore[index]
    assert rows[1]["host_label"]["value"] == "Khabarovsk"


def test_roqet_client(base: str, require_tool: Callable[[str], str]) -> None:
    roqet = require_tool("roqet")
    out = subprocess.run(
        [
            roqet,
            "-q",
            "-r",
            "csv",
            "-p",
            f"{base}/sparql",
            "-e",
            "PREFIX rujp: <https://w3id.org/rujp/ontology#> "
            "SELECT ?n WHERE { ?m rujp:number ?n } ORDER BY ?n",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    lines = [line for line in out.stdout.splitlines() if line.strip()]
    assert lines[0].strip() == "n"
    assert lines[1].strip() == "1"


def test_query_page_in_headless_chromium(base: str, browse: Callable[..., PageVisit]) -> None:
    visit = browse(f"{base}/", evaluate="document.querySelectorAll('.CodeMirror').length > 0")
    assert "yasqe" in visit.html
    assert not visit.errors, visit.errors


def test_browser_check_catches_console_errors(
    tmp_path: Path, browse: Callable[..., PageVisit]
) -> None:
    page = tmp_path / "bad.html"
    page.write_text("<script>console.error('boom'); undefinedFn();</script>", encoding="utf-8")
    assert len(browse(page.as_uri()).errors) == 2
