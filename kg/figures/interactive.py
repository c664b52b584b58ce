"""A self-contained interactive page of the twinning network (``kg view``).

One HTML file (``kg/figures/static/network.html``) with the graph, the script and the style
inlined (``network.js`` and ``network.css`` beside it): no CDN, no library, no request at
view time. The page opens on the geographic layout of :mod:`kg.figures.viewlayout` (places
at their coordinates over the coastline; places west of the map and places without
coordinates in marked panels at the edges) and offers a force layout with collision
avoidance. It places labels so that none overlaps another or a marker (a label that finds no
free spot is left out until zoomed in), shows a legend with the colour of each kind of tie and
of suspended ties, tooltips that stay inside the window and pin on click (sources as links,
addresses decoded and shortened), search over every label and alternative label (folded as
:func:`kg.figures.names.fold` does, romanised Russian included), a year slider (the snapshot
semantics of :func:`kg.network.projections.twinning_network`), a kind filter and touch zoom.
All interface text follows the language menu (:data:`kg.figures.viewtext.UI`).

Every datum is JSON inside ``<script type="application/json">`` with ``<``, ``>`` and ``&``
escaped, and the script inserts text with ``textContent`` only, so no label can inject markup.
The kind filter offers the codes of :data:`kg.vocab.codes.KIND`. networkx and rdflib are
imported inside the functions.

>>> from kg.network import NetworkData
>>> "<svg" in render_html(NetworkData())
True
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any

from kg.figures.names import search_keys
from kg.figures.viewlayout import (
    HEIGHT,
    MAP_BOX,
    NONE_BOX,
    WEST_BOX,
    WIDTH,
    force_layout,
    geo_layout,
    land_path,
    view_box,
)
from kg.figures.viewtext import UI
from kg.vocab import codes

if TYPE_CHECKING:
    from kg.network import NetworkData

__all__ = ["graph_payload", "render_html", "script_json"]


def _static(name: str) -> str:
    return (resources.files("kg.figures") / "static" / name).read_text(encoding="utf-8")


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element (no ``<``, ``>``, ``&``, U+2028/9)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def graph_payload(
    data: NetworkData, seed: int = 7, alt_labels: Mapping[str, Sequence[str]] | None = None
) -> dict[str, Any]:
    """The nodes (labels, search keys, country, level, degree, both layouts) and edges
    (agreements with kind, dates, status history and sources) the page shows, the coastline
    and the panels of the geographic layout, and the interface text."""
    from kg.network import twinning_network

    g = twinning_network(data)
    order = {node: i for i, node in enumerate(g.nodes)}
    geo = geo_layout(data, list(g.nodes))
    force = force_layout(g, seed)
    alts = alt_labels or {}
    nodes = []
    for node, attrs in g.nodes(data=True):
        x, y, where = geo[node]
        fx, fy, _ = force[node]
        nodes.append(
            {
                "id": node,
                "key": attrs.get("data_key", ""),
                "label_en": attrs.get("label_en", ""),
                "label_ru": attrs.get("label_ru", ""),
                "label_ja": attrs.get("label_ja", ""),
                "alt": list(alts.get(node, ())),
                "search": search_keys(attrs, alts.get(node, ())),
                "country": attrs.get("country", ""),
                "level": attrs.get("level", ""),
                "degree": g.degree(node),
                "x": x,
                "y": y,
                "where": where,
                "fx": fx,
                "fy": fy,
            }
        )
    by_iri = {a.iri: a for a in data.agreements}
    edges = []
    for u, v, key in g.edges(keys=True):
        agreement = by_iri[key]
        edges.append(
            {
                "id": key,
                "source": order[u],
                "target": order[v],
                "kind": agreement.kind,
                "kind_local": agreement.kind_local,
                "label": agreement.label_en,
                "established": agreement.established,
                "year": agreement.year,
                "statuses": [{"date": e.date, "status": e.status} for e in agreement.statuses],
                "sources": [{"iri": s, **data.sources.get(s, {})} for s in agreement.sources],
            }
        )
    years = [a.year for a in data.agreements if a.year is not None]
    years += [int(e.date[:4]) for a in data.agreements for e in a.statuses]
    return {
        "nodes": nodes,
        "edges": edges,
        "viewBox": view_box({n["where"] for n in nodes}),
        "forceBox": [0, 0, WIDTH, HEIGHT],
        "years": [min(years, default=1950), max(years, default=2025)],
        "land": land_path() if any(n["where"] == "map" for n in nodes) else "",
        "panels": {"map": MAP_BOX, "west": WEST_BOX, "none": NONE_BOX},
        "ui": UI,
    }


def render_html(
    data: NetworkData,
    *,
    seed: int = 7,
    title: str | None = None,
    alt_labels: Mapping[str, Sequence[str]] | None = None,
    lang: str = "en",
) -> str:
    """The interactive page as one HTML string, its interface first shown in ``lang``.

    Write it with :func:`kg.export.rdf.write_atomic`.
    """
    from kg.figures.style import KIND_COLOR

    if lang not in UI:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(UI)}")
    payload = graph_payload(data, seed, alt_labels)
    text = UI[lang]
    kinds = "".join(
        f'<label class="kind"><input type="checkbox" name="kind" value="{k}" checked>'
        f'<span class="swatch" style="background:{KIND_COLOR[k]}"></span>'
        f'<span data-i18n="kind:{k}">{html.escape(text["kind:" + k])}</span></label> '
        for k in codes.KIND.notations
    )
    langs = "".join(
        f'<option value="{code}"{" selected" if code == lang else ""}>{name}</option>'
        for code, name in (("en", "English"), ("ru", "Русский"), ("ja", "日本語"))
    )
    return _static("network.html").format(
        title=html.escape(title or text["title"]),
        lang=lang,
        css=_static("network.css"),
        js=_static("network.js"),
        data=script_json(payload),
        kinds=kinds,
        langs=langs,
        year_min=payload["years"][0],
        year_max=payload["years"][1],
        node_count=len(payload["nodes"]),
        edge_count=len(payload["edges"]),
        data_=html.escape(text["data"]),
        **{
            k.replace(":", "_"): html.escape(v)
            for k, v in text.items()
            if "{" not in v and k not in ("data", "title")
        },
    )
