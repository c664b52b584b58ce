"""The pages people read on `kg serve`, over HTTP and in headless Chromium: the query page
(introduction, every named query with parameter fields, local links, full dates, a table
that fits the window and pages), the place page (tie statuses and their summary, folded raw
statements, sticky language, localised titles), links into the ontology documentation, the
dataset page, Accept-Language and charsets. On failure a screenshot is kept under
``build/test-artefacts/`` (or ``$KG_TEST_ARTEFACTS``)."""

from __future__ import annotations

import os
import re
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, URIRef

from kg.query.named import list_queries
from kg.vocab import iris
from kg.vocab.namespaces import RUJP
from tests.helpers import running_server

from .test_server import fetch

NIIGATA = iris.place("jp-niigata")
MEETING = iris.meeting("coastal-mayors-conference", "27")
ARTEFACTS = Path(os.environ.get("KG_TEST_ARTEFACTS", "build/test-artefacts"))
SIZES = [(1400, 900), (390, 844)]


@pytest.fixture(scope="module")
def base(built_out: Path) -> Iterator[str]:
    for server in running_server(built_out):
        yield f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="module")
def browser(chromium_browser: Any) -> Any:
    """The session's Chromium (one Playwright per process)."""
    return chromium_browser


class Tab:
    """One browser tab that opens pages in turn (see :func:`tab`): each page is loaded anew
    and checked on its own, as :func:`page_at` checks one."""

    def __init__(self, page: Any, size: tuple[int, int]) -> None:
        self.page = page
        self.size = size
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    @contextmanager
    def at(self, url: str, name: str) -> Iterator[Any]:
        """The tab navigated to ``url``; console errors of that page fail the test; on any
        failure a screenshot is kept as an artefact."""
        self.errors.clear()
        try:
            self.page.goto(url, wait_until="load")
            yield self.page
            assert not self.errors, self.errors
        except BaseException:
            ARTEFACTS.mkdir(parents=True, exist_ok=True)
            path = ARTEFACTS / f"{name}-{self.size[0]}.png"
            self.page.screenshot(path=str(path), full_page=True)
            raise


@contextmanager
def tab(browser: Any, size: tuple[int, int]) -> Iterator[Tab]:
    """A tab in a fresh browser context with a window of ``size``. Pages that a test visits
    one after another share it: a new context and a new tab cost more than loading a page."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    try:
        yield Tab(context.new_page(), size)
    finally:
        context.close()


@contextmanager
def page_at(browser: Any, url: str, size: tuple[int, int], name: str) -> Iterator[Any]:
    """A page loaded at ``url`` in a window of ``size``, in a fresh context; console errors
    fail the test; on any failure a screenshot is kept as an artefact."""
    with tab(browser, size) as opened, opened.at(url, name) as page:
        yield page


def _path(iri: str) -> str:
    return urllib.parse.urlsplit(iri).path.removeprefix("/rujp")


def _fits(page: Any) -> bool:
    return bool(page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth + 1"))


# -- the query page ------------------------------------------------------------------------


def test_query_page_offers_every_named_query_with_its_parameters(base: str) -> None:
    body = fetch(f"{base}/")[2].decode()
    named = list_queries()
    assert {"partners", "sources-of"} <= {q.name for q in named}
    for query in named:
        assert f">{query.name}</button>" in body, query.name
        for param in query.params:
            assert f'"name": "{param.name}"' in body


@pytest.mark.parametrize("size", SIZES, ids=["wide", "phone"])
@pytest.mark.parametrize("lang", ["en", "ru", "ja"])
def test_query_page_example_runs_with_local_links(
    base: str, browser: Any, lang: str, size: tuple[int, int]
) -> None:
    from kg.serve.pages.texts import QUERY

    with page_at(browser, f"{base}/?lang={lang}", size, f"query-{lang}") as page:
        assert page.inner_text("h1") == QUERY[lang]["title"]
        page.click(".examples button >> nth=1")  # partners of Niigata: a parameter field
        assert page.input_value("#params input[name=city]") == "jp-niigata"
        page.wait_for_selector("#table tbody tr")
        cells = page.eval_on_selector_all(
            "#table tbody tr", "rows => rows.map(r => [...r.cells].map(c => c.innerText))"
        )
        assert {c[1] for c in cells} == {"Khabarovsk", "Vladivostok", "Birobidzhan"}
        assert "1965-04-23" in {c[3] for c in cells}  # dates in full
        hrefs = page.eval_on_selector_all(
            "#table a", "links => links.map(a => a.getAttribute('href'))"
        )
        assert hrefs and all(
            h.startswith("/id/place/") and h.endswith(f"?lang={lang}") for h in hrefs
        )
        assert page.eval_on_selector("#table a", "a => a.target") == ""
        assert _fits(page)


def test_query_page_pager_and_label_parameter(base: str, browser: Any) -> None:
    with page_at(browser, f"{base}/?lang=en", SIZES[1], "query-pager") as page:
        page.click("nav.queries button:has-text('twinnings')")
        page.click("#run")
        page.wait_for_selector("#table tbody tr")
        page.select_option("#size", "25")
        total = int(re.sub(r"\D", "", page.inner_text("#status")))
        pages = -(-total // 25)
        assert pages >= 2
        assert page.inner_text("#pageinfo") == f"page 1 of {pages}"
        assert page.locator("#table tbody tr").count() == 25
        assert page.is_disabled("#prev")
        page.click("#next")
        assert page.inner_text("#pageinfo") == f"page 2 of {pages}"
        assert page.locator("#pager").is_visible()
        assert _fits(page)
        # a place parameter takes a name as well as an id
        page.click("nav.queries button:has-text('partners')")
        page.fill("#params input[name=city]", "Khabarovsk")
        page.click("#run")
        # a locator wait polls from Playwright's side: the page's CSP forbids eval
        page.locator("#status", has_text=re.compile(r"\d+ rows")).wait_for()
        labels = page.eval_on_selector_all(
            "#table tbody tr", "rows => rows.map(r => r.cells[1].innerText)"
        )
        assert "Niigata" in labels


# -- resource pages in the browser ---------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=["wide", "phone"])
def test_place_page_reads_top_down(
    base: str, browser: Any, graph: Graph, size: tuple[int, int]
) -> None:
    place = URIRef(NIIGATA)
    ties = set(graph.subjects(RUJP.party, place))
    stopped = {
        a
        for a in ties
        if max(
            (
                (str(graph.value(c, RUJP.date)), graph.value(c, RUJP.status))
                for c in graph.objects(a, RUJP.statusChange)
            ),
            default=("", None),
        )[1]
        in (RUJP.StatusSuspended, RUJP.StatusEnded)
    }
    with page_at(browser, f"{base}{_path(NIIGATA)}?lang=ja", size, "place-ja") as page:
        summary = page.inner_text("#facts a.ties")
        assert (
            summary
            == f"提携{len(ties)}件：継続中{len(ties) - len(stopped)}件、停止中{len(stopped)}件"
        )
        assert page.locator("#twinnings .status.stopped").count() == len(stopped)
        assert page.locator("#twinnings tbody tr").count() == len(ties)
        assert not page.locator("#statements table").is_visible()  # folded
        assert not page.locator("#incoming ul").first.is_visible()
        page.click("#statements summary")
        assert page.locator("#statements table").is_visible()
        order = page.evaluate(
            "['facts','twinnings','attended','memberships','statements','incoming','sources']"
            ".map(id => document.getElementById(id).getBoundingClientRect().top + scrollY)"
        )
        assert order == sorted(order)
        local = page.eval_on_selector_all(
            "main a[href^='/']", "links => links.map(a => a.getAttribute('href'))"
        )
        data_files = re.compile(r"\.(ttl|nt|jsonld|rdf)$")  # the RDF of the page: no language
        assert local and all("lang=ja" in h for h in local if not data_files.search(h))
        assert _fits(page)
        box = page.locator("svg.placemap").bounding_box()
        assert box is not None and box["width"] >= min(size[0] - 60, 600)


@pytest.mark.parametrize(("lang", "title"), [("ru", "№ 27"), ("ja", "第27回")], ids=["ru", "ja"])
def test_meeting_titles_are_localised(base: str, lang: str, title: str) -> None:
    body = fetch(f"{base}{_path(MEETING)}?lang={lang}")[2].decode()
    h1 = re.search(r"<h1[^>]*>([^<]*)</h1>", body)
    assert h1 and title in h1.group(1) and "Conference" not in h1.group(1)
    place = fetch(f"{base}{_path(NIIGATA)}?lang={lang}")[2].decode()
    attended = place.split('id="attended"')[1].split("</section>")[0]
    assert "Conference no." not in attended and title in attended


def test_accept_language_picks_the_default(base: str) -> None:
    url = base + _path(NIIGATA)
    ja = fetch(url, headers={"Accept": "text/html", "Accept-Language": "ja-JP,ja;q=0.9,en;q=0.5"})
    assert '<html lang="ja">' in ja[2].decode()
    assert "Accept-Language" in ja[1]["Vary"]
    ru = fetch(url + "?lang=ru", headers={"Accept-Language": "ja"})[2].decode()
    assert '<html lang="ru">' in ru
    assert '<html lang="en">' in fetch(url, headers={"Accept-Language": "fr, de"})[2].decode()
    query = fetch(f"{base}/", headers={"Accept-Language": "ru"})[2].decode()
    assert '<html lang="ru">' in query


def test_code_list_links_resolve_to_ontology_anchors(base: str, graph: Graph) -> None:
    """Every link from a page into the ontology documentation opens at an existing anchor."""
    doc = fetch(f"{base}/ontology", headers={"Accept": "text/html"})[2].decode()
    anchors = set(re.findall(r'\bid="([^"]+)"', doc))
    pages = [NIIGATA, MEETING, iris.agreement("jp-niigata--ru-khabarovsk")]
    pages += [str(s) for s in sorted(graph.subjects(RUJP.statusChange, None))[:3]]
    checked = set()
    for iri in pages:
        for lang in ("en", "ru", "ja"):
            body = fetch(f"{base}{_path(iri)}?lang={lang}")[2].decode()
            for href in re.findall(r'href="(/ontology[^"]*)"', body):
                fragment = href.partition("#")[2]
                if fragment:
                    checked.add(fragment)
    assert {"StatusSuspended", "KindSister", "RoleMayor", "LevelCity"} <= checked
    assert checked <= anchors, sorted(checked - anchors)


def test_dataset_page(base: str, built_out: Path) -> None:
    status, headers, body = fetch(f"{base}/dataset?lang=en")
    assert status == 200 and "charset=utf-8" in headers["Content-Type"]
    page = body.decode()
    assert f'<code id="endpoint-url">{base}/sparql</code>' in page
    assert "127.0.0.1:8000" not in page or base.endswith(":8000")
    sd = fetch(f"{base}/sparql", headers={"Accept": "text/turtle"})
    assert "charset=utf-8" in sd[1]["Content-Type"]
    served = int(re.search(rb"void:triples (\d+)", sd[2]).group(1))  # type: ignore[union-attr]
    data_triples = sum(1 for line in (built_out / "rujp.nt").read_bytes().splitlines() if line)
    numbers = [
        int(n.replace(",", ""))
        for n in re.findall(r"\d[\d,]*", page.split('id="endpoint-triples">')[1].split("</p>")[0])
    ]
    assert numbers[:3] == [served, data_triples, served - data_triples]
    assert f"{data_triples:,} triples" in page
    for href in sorted(set(re.findall(r'href="(/download/[^"]+)"', page))):
        assert fetch(base + href, method="HEAD")[0] == 200, href
    assert "CC BY 4.0" in page and 'id="cite"' in page
    for lang in ("ru", "ja"):
        assert f'<html lang="{lang}">' in fetch(f"{base}/dataset?lang={lang}")[2].decode()


def test_text_responses_carry_a_charset(base: str) -> None:
    for path, accept in [
        ("/sparql", "text/turtle"),
        ("/", "text/html"),
        ("/dataset", "text/html"),
        (_path(NIIGATA), "text/html"),
        (_path(NIIGATA), "text/turtle"),
        ("/static/querypage.js", "*/*"),
        ("/static/querypage.css", "*/*"),
    ]:
        status, headers, _ = fetch(base + path, headers={"Accept": accept})
        assert status == 200 and "charset=utf-8" in headers["Content-Type"], (path, headers)


PAGES = [
    "/",
    "/dataset",
    _path(NIIGATA),
    _path(MEETING),
    _path(iris.agreement("jp-niigata--ru-khabarovsk")),
    "/id/series/coastal-mayors-conference",
    "/id/org/ru-fe-siberia-association",
    "/id/person/gladkikh-boris",
]


@pytest.mark.parametrize("lang", ["en", "ru", "ja"])
def test_pages_fit_a_phone_without_errors(base: str, browser: Any, lang: str) -> None:
    """Every page, in every language, at 390 px: no console error, nothing wider than the
    window, the page's language on the document and in every local link. One tab of a
    fresh context opens the pages of a language in turn."""
    with tab(browser, SIZES[1]) as phone:
        for path in PAGES:
            name = f"fit-{path.strip('/').replace('/', '_') or 'query'}-{lang}"
            with phone.at(f"{base}{path}?lang={lang}", name) as page:
                assert page.evaluate("document.documentElement.lang") == lang, path
                assert _fits(page), path


def test_every_named_query_is_asked_in_every_language(base: str) -> None:
    from html import escape

    from kg.serve.pages.texts import QUESTIONS

    named = list_queries()
    assert sorted(QUESTIONS) == sorted(q.name for q in named)
    for lang, index in (("ru", 0), ("ja", 1)):
        page = fetch(f"{base}/?lang={lang}")[2].decode()
        for query in named:
            assert escape(QUESTIONS[query.name][index]) in page, (lang, query.name)


def test_every_local_link_resolves(base: str) -> None:
    """Every local link of a place, an agreement and a meeting page opens a page (200)."""
    seen: set[str] = set()
    for iri in (NIIGATA, MEETING, iris.agreement("jp-niigata--ru-khabarovsk")):
        body = fetch(f"{base}{_path(iri)}?lang=ru")[2].decode()
        for href in re.findall(r'href="(/[^"#]*)', body):
            if href not in seen:
                seen.add(href)
                assert fetch(base + href.replace("&amp;", "&"), method="HEAD")[0] == 200, href
    assert len(seen) > 50
