"""The interactive page: self-contained, escaped, and working in headless Chromium."""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from kg.figures import graph_payload, render_html, script_json
from kg.figures.names import alt_labels
from kg.figures.style import KIND_COLOR
from kg.figures.viewlayout import radius
from kg.figures.viewtext import UI
from kg.graph import build_graph
from kg.network import Agreement, NetworkData, Place, extract, twinning_network
from kg.tables import load_tables
from kg.vocab import codes, iris
from tests.helpers import blank_cells, run_cli

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
    # a source's title is optional (blank when the page shows none); publisher and URL are not
    assert all(
        e["sources"] and all(s.get("publisher") and s.get("url") for s in e["sources"])
        for e in payload["edges"]
    )
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


# -- the view as a reader uses it: layout, labels, language, search, slider, tooltips ------

PROBE = """<script>
(function () {
  var out = {};
  var lang = document.getElementById("lang");
  lang.value = "%(lang)s"; lang.dispatchEvent(new Event("change"));
  function boxes(selector) {
    return Array.prototype.filter.call(document.querySelectorAll(selector), function (t) {
      return t.style.display !== "none" && t.getBoundingClientRect().width > 0;
    }).map(function (t) {
      var r = t.getBoundingClientRect();
      return [r.left, r.top, r.right, r.bottom];
    });
  }
  var labels = boxes("#labels text");
  var overlaps = 0;
  for (var i = 0; i < labels.length; i += 1) {
    for (var j = i + 1; j < labels.length; j += 1) {
      var a = labels[i], b = labels[j];
      if (a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]) { overlaps += 1; }
    }
  }
  var markers = boxes("circle.node");
  out.onMarkers = 0;
  labels.forEach(function (a) {
    markers.forEach(function (b) {
      var hit = a[0] + 1 < b[2] && b[0] < a[2] - 1 && a[1] + 1 < b[3] && b[1] < a[3] - 1;
      if (hit) { out.onMarkers += 1; }
    });
  });
  var stage = document.getElementById("canvas").getBoundingClientRect();
  out.labels = labels.length;
  out.overlaps = overlaps;
  out.outside = labels.filter(function (r) {
    return r[0] < stage.left - 1 || r[2] > stage.right + 1 ||
      r[1] < stage.top - 1 || r[3] > stage.bottom + 1;
  }).length;
  out.scrollWidth = document.documentElement.scrollWidth;
  out.stageHeight = stage.height;
  out.ui = Array.prototype.map.call(document.querySelectorAll("[data-i18n]"), function (n) {
    return [n.getAttribute("data-i18n"), n.textContent];
  });
  out.legend = Array.prototype.map.call(document.querySelectorAll("#legend .item"), function (n) {
    return n.textContent;
  });
  out.swatches = Array.prototype.map.call(document.querySelectorAll("label.kind"), function (n) {
    var swatch = n.querySelector(".swatch");
    return [n.querySelector("input").value, getComputedStyle(swatch).backgroundColor];
  });
  out.touchAction = getComputedStyle(document.getElementById("canvas")).touchAction;
  out.htmlLang = document.documentElement.lang;
  out.layout = document.getElementById("layout").value;
  document.body.setAttribute("data-probe", JSON.stringify(out));
})();
</script>
</body>"""


def _probe(dom: str, name: str = "data-probe") -> Any:
    found = re.search(name + r'="([^"]*)"', dom)
    assert found, f"{name} missing"
    return json.loads(html.unescape(found.group(1)))


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


@pytest.fixture(scope="module")
def page_html(graph: Graph, data: NetworkData) -> str:
    return render_html(data, alt_labels=alt_labels(graph))


@pytest.mark.parametrize("size", [(1400, 900), (390, 844)], ids=["desktop", "phone"])
@pytest.mark.parametrize("lang", ["en", "ru", "ja"])
def test_labels_never_overlap_and_the_interface_follows_the_language(
    page_html: str,
    data: NetworkData,
    browse: Callable[..., PageVisit],
    tmp_path: Path,
    lang: str,
    size: tuple[int, int],
) -> None:
    page = tmp_path / "view.html"
    page.write_text(page_html.replace("</body>", PROBE % {"lang": lang}), encoding="utf-8")
    shot = tmp_path / f"view-{lang}-{size[0]}.png"
    visit = browse(page.as_uri(), viewport=size, screenshot=shot)
    assert visit.errors == [], shot
    found = _probe(visit.html)
    nodes = twinning_network(data).number_of_nodes()
    assert found["overlaps"] == 0, shot
    assert found["onMarkers"] == 0, shot
    assert found["outside"] == 0, shot
    share = 0.7 if size[0] > 1000 else 0.3
    assert found["labels"] >= share * nodes, (found["labels"], nodes, shot)
    assert found["scrollWidth"] <= size[0], shot  # no sideways scrolling
    assert found["stageHeight"] >= 0.5 * size[1], shot
    assert found["layout"] == "geo" and found["htmlLang"] == lang
    assert found["touchAction"] == "none"
    table = UI[lang]
    assert found["ui"] and all(text == table[key] for key, text in found["ui"]), found["ui"]
    kinds = {a.kind for a in data.agreements}
    expected = [table[f"kind:{k}"] for k in codes.KIND.notations if k in kinds]
    expected += [table["suspended"], table["country:JP"], table["country:RU"]]
    assert found["legend"][: len(expected)] == expected
    assert found["swatches"] == [[k, _rgb(KIND_COLOR[k])] for k in codes.KIND.notations]
    if lang != "en":  # no English interface word left
        shown = " ".join(text for _, text in found["ui"]) + " ".join(found["legend"])
        for word in ("Search", "Kind", "Filters", "suspended", "Places shown"):
            assert word not in shown


def test_geographic_layout_keeps_places_where_they_are(data: NetworkData) -> None:
    payload = graph_payload(data)
    placed = [n for n in payload["nodes"] if n["where"] == "map"]
    assert len(placed) > 30
    coords = {
        p.iri: (float(p.attrs["lon"]), float(p.attrs["lat"]))
        for p in data.places.values()
        if "lat" in p.attrs
    }
    for a in placed:
        for b in placed:
            (lon_a, lat_a), (lon_b, lat_b) = coords[a["id"]], coords[b["id"]]
            if lon_a < lon_b:
                assert a["x"] < b["x"]
            if lat_a < lat_b:
                assert a["y"] > b["y"]
    for n in payload["nodes"]:
        if n["id"] not in coords:
            assert n["where"] == "none" and n["x"] >= payload["panels"]["none"][0]
        elif coords[n["id"]][0] < payload["panels"]["map"][0] and n["where"] == "west":
            assert n["x"] <= payload["panels"]["west"][2]
    assert {n["where"] for n in payload["nodes"] if n["key"] == "ru-moscow"} <= {"west", "none"}
    assert payload["land"].count("M") > 20  # the coastline is drawn


def test_force_layout_markers_do_not_collide(data: NetworkData) -> None:
    nodes = graph_payload(data)["nodes"]
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            gap = radius(a["degree"]) + radius(b["degree"])
            assert math.hypot(a["fx"] - b["fx"], a["fy"] - b["fy"]) >= gap, (a["key"], b["key"])


def test_place_without_coordinates_goes_to_the_panel(data_copy: Path) -> None:
    blank_cells(data_copy / "municipalities.csv", "id", "jp-niigata", ("lat", "lon"))
    blanked = extract(build_graph(load_tables(data_copy)).graph)
    niigata = next(n for n in graph_payload(blanked)["nodes"] if n["key"] == "jp-niigata")
    assert niigata["where"] == "none"


SEARCH_PROBE = """<script>
(function () {
  var search = document.getElementById("search");
  var out = {};
  %(queries)s.forEach(function (q) {
    search.value = q; search.dispatchEvent(new Event("input"));
    out[q] = Array.prototype.map.call(document.querySelectorAll("circle.hit"), function (c) {
      return c.getAttribute("data-id");
    });
  });
  search.value = ""; search.dispatchEvent(new Event("input"));
  var year = document.getElementById("year");
  year.value = "1991"; year.dispatchEvent(new Event("input"));
  out.year1991 = document.getElementById("visible-count").textContent;
  out.allYears = document.getElementById("all-years").checked;
  document.body.setAttribute("data-probe", JSON.stringify(out));
})();
</script>
</body>"""


def test_search_finds_alternative_names_and_the_slider_just_works(
    page_html: str, data: NetworkData, browse: Callable[..., PageVisit], tmp_path: Path
) -> None:
    wanted = {
        "Приморье": "ru-primorsky-krai",
        "Primorye": "ru-primorsky-krai",
        "Yuzhno Sakhalinsk": "ru-yuzhno-sakhalinsk",
        "moskva": "ru-moscow",
        "YUZHNO-sakhalinsk!": "ru-yuzhno-sakhalinsk",
    }
    probe = SEARCH_PROBE % {"queries": json.dumps(list(wanted), ensure_ascii=False)}
    page = tmp_path / "search.html"
    page.write_text(page_html.replace("</body>", probe), encoding="utf-8")
    visit = browse(page.as_uri(), viewport=(1400, 900))
    assert visit.errors == []
    found = _probe(visit.html)
    for query, key in wanted.items():
        assert iris.place(key) in found[query], query
    # the slider works without unticking "all ties" first
    assert found["allYears"] is False
    assert found["year1991"] == str(twinning_network(data, 1991).number_of_nodes())


TOOLTIP_PROBE = """<script>
(function () {
  var out = {};
  var W = window.innerWidth, H = window.innerHeight;
  function inside() {
    var r = document.getElementById("tooltip").getBoundingClientRect();
    return r.left >= 0 && r.top >= 0 && r.right <= W && r.bottom <= H && r.width > 0;
  }
  // the node nearest the bottom-right corner: its tooltip must flip or clamp
  var best = null, far = -1;
  document.querySelectorAll("circle.node").forEach(function (c) {
    var r = c.getBoundingClientRect();
    if (r.width && r.right + r.bottom > far) { far = r.right + r.bottom; best = c; }
  });
  var r = best.getBoundingClientRect();
  best.dispatchEvent(new MouseEvent("click",
    { bubbles: true, clientX: r.right - 1, clientY: r.bottom - 1 }));
  out.nodeInside = inside();
  out.nodePinned = document.getElementById("tooltip").classList.contains("pinned");
  // an edge citing a source with a percent-escaped address, clicked at the window's corner
  var edge = document.querySelector('line.edge[data-id="%(edge)s"]');
  edge.dispatchEvent(new MouseEvent("click", { bubbles: true, clientX: W - 2, clientY: H - 2 }));
  var tip = document.getElementById("tooltip");
  out.edgeInside = inside();
  out.pinned = tip.classList.contains("pinned") && getComputedStyle(tip).pointerEvents === "auto";
  out.links = Array.prototype.map.call(tip.querySelectorAll("a"), function (a) {
    return [a.getAttribute("href"), a.textContent];
  });
  tip.querySelector("button.close").click();
  out.closed = tip.hidden;
  document.body.setAttribute("data-probe", JSON.stringify(out));
})();
</script>
</body>"""


@pytest.mark.parametrize("size", [(1400, 900), (390, 844)], ids=["desktop", "phone"])
def test_tooltips_stay_inside_pin_and_show_decoded_short_links(
    page_html: str,
    data: NetworkData,
    browse: Callable[..., PageVisit],
    tmp_path: Path,
    size: tuple[int, int],
) -> None:
    payload = graph_payload(data)
    edge = next(e for e in payload["edges"] if any("%" in s.get("url", "") for s in e["sources"]))
    page = tmp_path / "tooltip.html"
    page.write_text(page_html.replace("</body>", TOOLTIP_PROBE % {"edge": edge["id"]}), "utf-8")
    shot = tmp_path / "tooltip.png"
    visit = browse(page.as_uri(), viewport=size, screenshot=shot)
    assert visit.errors == [], shot
    found = _probe(visit.html)
    assert found["nodeInside"] and found["nodePinned"], shot
    assert found["edgeInside"] and found["pinned"], shot
    urls = [s["url"] for s in edge["sources"] if s.get("url")]
    assert [href for href, _ in found["links"]] == urls
    for href, text in found["links"]:
        assert len(text) <= 49 and not text.startswith("http")
        if "%" in href:
            assert not re.search(r"%[0-9A-Fa-f]{2}", text), text
    assert found["closed"]


PINCH_PROBE = """<script>
(function () {
  var svg = document.getElementById("canvas");
  var before = parseFloat(svg.getAttribute("viewBox").split(" ")[2]);
  function ev(type, id, x, y) {
    var target = type === "pointerdown" ? svg : window;
    target.dispatchEvent(new PointerEvent(type, { pointerId: id, clientX: x, clientY: y,
      bubbles: true, pointerType: "touch", isPrimary: id === 1 }));
  }
  ev("pointerdown", 1, 150, 400); ev("pointerdown", 2, 240, 400);
  ev("pointermove", 2, 250, 400); ev("pointermove", 1, 100, 400); ev("pointermove", 2, 300, 400);
  ev("pointerup", 1, 100, 400); ev("pointerup", 2, 300, 400);
  var after = parseFloat(svg.getAttribute("viewBox").split(" ")[2]);
  document.body.setAttribute("data-probe", JSON.stringify({ before: before, after: after }));
})();
</script>
</body>"""


def test_pinch_zooms_on_a_phone(
    page_html: str, browse: Callable[..., PageVisit], tmp_path: Path
) -> None:
    page = tmp_path / "pinch.html"
    page.write_text(page_html.replace("</body>", PINCH_PROBE), encoding="utf-8")
    visit = browse(page.as_uri(), viewport=(390, 844))
    assert visit.errors == []
    found = _probe(visit.html)
    assert found["after"] < 0.75 * found["before"]  # fingers apart: zoomed in


def test_kg_view_opens_in_the_chosen_language(built_out: Path, tmp_path: Path) -> None:
    target = tmp_path / "view-ja.html"
    result = run_cli(
        ["view", "--lang", "ja", "-o", str(target), "--rdf", str(built_out / "rujp.nt")]
    )
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    assert '<html lang="ja">' in page and UI["ja"]["search"] in page
    assert '"Приморье"' in page  # alternative labels reach the page
