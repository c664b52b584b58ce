"""Dereferenceable IRIs on `kg serve`: content negotiation, suffixes, 404s, language switch,
the ontology documentation, and the pages opened in headless Chromium."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.vocab import iris
from tests.helpers import running_server

from .conftest import PageVisit
from .test_server import fetch

NIIGATA = iris.place("jp-niigata")
TIE = iris.agreement("jp-niigata--ru-khabarovsk")
MEETING = iris.meeting("coastal-mayors-conference", "27")


@pytest.fixture(scope="module")
def base(built_out: Path) -> Iterator[str]:
    for server in running_server(built_out):
        yield f"http://127.0.0.1:{server.server_port}"


def _path(iri: str) -> str:
    return iri.removeprefix("https://w3id.org/rujp")


@pytest.mark.parametrize(
    ("accept", "ctype", "fmt"),
    [
        ("text/turtle", "text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", "application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", "application/rdf+xml", ox.RdfFormat.RDF_XML),
    ],
)
def test_rdf_by_accept(base: str, accept: str, ctype: str, fmt: object) -> None:
    status, headers, body = fetch(base + _path(NIIGATA), headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(ctype)
    assert headers["Vary"] == "Accept, Accept-Language"
    subjects = {t.subject.value for t in ox.parse(body, format=fmt, base_iri=NIIGATA)}
    assert NIIGATA in subjects


@pytest.mark.parametrize(
    ("suffix", "ctype"),
    [
        (".ttl", "text/turtle"),
        (".nt", "application/n-triples"),
        (".jsonld", "application/ld+json"),
        (".rdf", "application/rdf+xml"),
        (".html", "text/html"),
    ],
)
def test_suffix_picks_format(base: str, suffix: str, ctype: str) -> None:
    status, headers, _ = fetch(base + _path(TIE) + suffix, headers={"Accept": "text/html"})
    assert status == 200 and headers["Content-Type"].startswith(ctype)


def test_html_for_browsers_and_language_switch(base: str) -> None:
    status, headers, body = fetch(base + _path(NIIGATA), headers={"Accept": "text/html,*/*;q=0.8"})
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "Niigata" in body.decode()
    ja = fetch(base + _path(NIIGATA) + "?lang=ja", headers={"Accept": "text/html"})[2].decode()
    assert "新潟市" in ja


def test_unknown_iri_is_404(base: str) -> None:
    for path in ("/id/place/jp-atlantis", "/id/place/jp-atlantis.ttl", "/id/nothing"):
        assert fetch(base + path, headers={"Accept": "text/turtle"})[0] == 404


def test_ontology_iri_serves_documentation(base: str) -> None:
    status, headers, body = fetch(base + "/ontology", headers={"Accept": "text/html"})
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b"TwinningAgreement" in body
    status, headers, body = fetch(base + "/ontology.ttl")
    assert status == 200 and b"TwinningAgreement" in body


@pytest.mark.parametrize(
    "iri", [NIIGATA, TIE, MEETING], ids=["municipality", "agreement", "meeting"]
)
def test_pages_in_headless_chromium(base: str, iri: str, browse: Callable[..., PageVisit]) -> None:
    visit = browse(base + _path(iri))
    assert not visit.errors, visit.errors
    assert "<h1" in visit.html
