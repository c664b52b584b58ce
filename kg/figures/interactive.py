"""A self-contained interactive page of the twinning network (``kg view``).

One HTML file (``kg/figures/static/network.html``) with the graph, the script and the style inlined
(``kg/figures/static/network.js`` and ``network.css``): no CDN, no library, it works offline. Nodes
are placed by a seeded spring layout; the page draws them as SVG and offers search by name
in English, Russian or Japanese, hover details (labels, agreement kind and dates, status
history, sources), a year filter (the snapshot semantics of
:func:`kg.network.projections.twinning_network`) and a kind filter.

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
from importlib import resources
from typing import TYPE_CHECKING, Any

from kg.vocab import codes

if TYPE_CHECKING:
    from kg.network import NetworkData

__all__ = ["graph_payload", "render_html", "script_json"]

_WIDTH, _HEIGHT, _MARGIN = 1000.0, 700.0, 40.0


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


def _layout(g: Any, seed: int) -> dict[str, tuple[float, float]]:
    import networkx as nx  # type: ignore[import-untyped, unused-ignore]

    if g.number_of_nodes() == 0:
        return {}
    simple: Any = nx.Graph(g)
    raw = nx.spring_layout(simple, seed=seed, k=2.0 / max(1, len(simple)) ** 0.5)
    xs = [float(p[0]) for p in raw.values()]
    ys = [float(p[1]) for p in raw.values()]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    return {
        str(node): (
            round(_MARGIN + (float(p[0]) - min(xs)) / span_x * (_WIDTH - 2 * _MARGIN), 2),
            round(_MARGIN + (float(p[1]) - min(ys)) / span_y * (_HEIGHT - 2 * _MARGIN), 2),
        )
        for node, p in raw.items()
    }


def graph_payload(data: NetworkData, seed: int = 7) -> dict[str, Any]:
    """The nodes (labels, country, level, degree, position) and edges (agreements with
    kind, dates, status history and sources) the page shows."""
    from kg.network import twinning_network

    g = twinning_network(data)
    pos = _layout(g, seed)
    order = {node: i for i, node in enumerate(g.nodes)}
    nodes = []
    for node, attrs in g.nodes(data=True):
        x, y = pos.get(node, (_WIDTH / 2, _HEIGHT / 2))
        nodes.append(
            {
                "id": node,
                "key": attrs.get("data_key", ""),
                "label_en": attrs.get("label_en", ""),
                "label_ru": attrs.get("label_ru", ""),
                "label_ja": attrs.get("label_ja", ""),
                "country": attrs.get("country", ""),
                "level": attrs.get("level", ""),
                "degree": g.degree(node),
                "x": x,
                "y": y,
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
        "viewBox": [0, 0, _WIDTH, _HEIGHT],
        "years": [min(years, default=1950), max(years, default=2025)],
    }


def render_html(
    data: NetworkData, *, seed: int = 7, title: str = "Russia–Japan twinning network"
) -> str:
    """The interactive page as one HTML string.

    Write it with :func:`kg.export.rdf.write_atomic`.
    """
    payload = graph_payload(data, seed)
    kinds = "".join(
        f'<label><input type="checkbox" name="kind" value="{k}" checked> {k}</label> '
        for k in codes.KIND.notations
    )
    return _static("network.html").format(
        title=html.escape(title),
        css=_static("network.css"),
        js=_static("network.js"),
        data=script_json(payload),
        kinds=kinds,
        year_min=payload["years"][0],
        year_max=payload["years"][1],
        node_count=len(payload["nodes"]),
        edge_count=len(payload["edges"]),
    )
