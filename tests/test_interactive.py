"""The interactive page: self-contained, escaped, and working in headless Chromium."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph

from kg.figures import graph_payload, render_html, script_json
from kg.figures.style import KIND_COLOR
from kg.network import Agreement, NetworkData, Place, extract, twinning_network
from kg.vocab import codes, iris
from tests.helpers import run_cli

from .conftest import PageVisit

EVIL = "</script><img src=x onerror=\"document.title='pwned'\">&amp;"


@pytest.fixture(scope="module")
def data(graph: Graph) -> NetworkData:
    return extract(graph)


def _chromium(browse: Callable[..., PageVisit], page: Path) -> tuple[str, list[str]]:
    """The DOM after the page's scripts ran, and the console errors (shared `browse`)."""
    visit = browse(page.as_uri())
    return visit.html, visit.errors


def _evil_data() -> NetworkData:
    jp = iris.place("jp-x")
    ru = iris.place("ru-y")
    return NetworkData(
        places={
            jp: Place(jp, {"data_key": "jp-x", "label_en": EVIL, "country": "JP"}),
            ru: Place(ru, {"data_key": "ru-y", "label_en": "Plain", "country": "RU"}),
        },
        agreements=[Agreement(iris.agreement("jp-x--ru-y"), jp, ru, "sister", "1990")],
    )


def test_page_is_self_contained(data: NetworkData) -> None:
    page = render_html(data)
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+href=", page)
    assert "cdn" not in page.lower()
    assert page.count("<script") == 2 and page.count("</script>") == 2


def test_data_is_escaped() -> None:
    page = render_html(_evil_data())
    assert EVIL not in page
    assert page.count("</script>") == 2
    assert "<img" not in page
    assert script_json({"a": "</script>&\u2028"}) == '{"a":"\\u003c/script\\u003e\\u0026\\u2028"}'


def test_kind_filter_and_colours_follow_the_code_list() -> None:
    page = render_html(_evil_data())
    offered = re.findall(r'<input type="checkbox" name="kind" value="([^"]+)"', page)
    assert offered == list(codes.KIND.notations)
    table = re.search(r"var KIND_COLOR = \{([^}]*)\}", page)
    assert table is not None
    script_colours = dict(re.findall(r'(\w+): "(#[0-9a-f]{6})"', table.group(1)))
    assert script_colours == KIND_COLOR


def test_payload_matches_the_twinning_network(data: NetworkData) -> None:
    payload = graph_payload(data)
    g = twinning_network(data)
    assert {n["id"] for n in payload["nodes"]} == set(g.nodes)
    assert {e["id"] for e in payload["edges"]} == {k for *_, k in g.edges(keys=True)}
    assert all(e["sources"] and e["sources"][0].get("title") for e in payload["edges"])
    assert graph_payload(data) == payload  # seeded layout


def test_page_shows_every_node_without_console_errors(
    data: NetworkData, browse: Callable[..., PageVisit], tmp_path: Path
) -> None:
    page = tmp_path / "network.html"
    page.write_text(render_html(data), encoding="utf-8")
    dom, console = _chromium(browse, page)
    assert console == []
    assert 'data-ready="true"' in dom
    nodes = twinning_network(data).number_of_nodes()
    assert len(re.findall(r'<circle[^>]*class="node', dom)) == nodes
    assert f'<span id="visible-count">{nodes}</span>' in dom


def test_year_filter_and_search_in_the_browser(
    data: NetworkData, browse: Callable[..., PageVisit], tmp_path: Path
) -> None:
    probe = """<script>
      var all = document.getElementById("all-years");
      all.checked = false; all.dispatchEvent(new Event("change"));
      var year = document.getElementById("year");
      year.value = "1991"; year.dispatchEvent(new Event("input"));
      document.body.setAttribute("data-1991", document.getElementById("visible-count").textContent);
      var box = document.querySelector("input[name=kind][value=sister]");
      box.checked = false; box.dispatchEvent(new Event("change"));
      document.body.setAttribute("data-1991-nosister",
        document.getElementById("visible-count").textContent);
      var search = document.getElementById("search");
      search.value = "新潟"; search.dispatchEvent(new Event("input"));
      document.body.setAttribute("data-hits", document.querySelectorAll("circle.hit").length);
    </script>
    </body>"""
    page = tmp_path / "probe.html"
    page.write_text(render_html(data).replace("</body>", probe), encoding="utf-8")
    dom, console = _chromium(browse, page)
    assert console == []
    g1991 = twinning_network(data, 1991)
    assert f'data-1991="{g1991.number_of_nodes()}"' in dom
    no_sister = {n for u, v, k in g1991.edges(data="kind") if k != "sister" for n in (u, v)}
    assert f'data-1991-nosister="{len(no_sister)}"' in dom
    hits = [n for n, ja in twinning_network(data).nodes(data="label_ja") if ja and "新潟" in ja]
    assert hits and f'data-hits="{len(hits)}"' in dom


def test_hostile_labels_stay_text_in_the_browser(
    browse: Callable[..., PageVisit], tmp_path: Path
) -> None:
    page = tmp_path / "evil.html"
    page.write_text(render_html(_evil_data()), encoding="utf-8")
    dom, console = _chromium(browse, page)
    assert console == []
    assert "pwned" not in dom.split("<body", 1)[0]
    assert "<img" not in dom
    assert "&lt;/script&gt;&lt;img src=x" in dom


def test_console_errors_are_detected(browse: Callable[..., PageVisit], tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text("<html><body><script>notDefined();</script></body></html>", encoding="utf-8")
    _, console = _chromium(browse, page)
    assert any("notDefined" in line for line in console)


def test_kg_view_writes_the_page(built_out: Path, tmp_path: Path) -> None:
    target = tmp_path / "view.html"
    result = run_cli(
        ["view", "-o", str(target), "--rdf", str(built_out / "rujp.nt")],
    )
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
