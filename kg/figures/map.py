"""The ``map`` figure: the twinning network over the Sea of Japan and the Russian Far East.

Drawn on the Natural Earth land of :mod:`kg.figures.geo`, with an inset showing the ties to
the rest of Russia. Node size is the degree (number of agreements), node colour the country,
tie colour the agreement kind, dashed when its latest status is suspended; labels in the
chosen language. Places without coordinates are drawn hollow at the position of their region,
or listed under the map. matplotlib is imported inside the functions.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from kg.figures.geo import INSET_EXTENT, MAP_EXTENT, Extent, land_polygons, positions
from kg.figures.i18n import TEXT, code_label
from kg.figures.style import COUNTRY_COLOR, KIND_COLOR, NEUTRAL_COLOR, SUSPENDED
from kg.network import NetworkData, label, twinning_network
from kg.vocab import codes

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["draw_map"]


def _draw_land(ax: Axes, extent: Extent, tolerance: float) -> None:
    from matplotlib.collections import PolyCollection

    rings = land_polygons(extent, tolerance)
    ax.add_collection(
        PolyCollection(
            [list(r) for r in rings],
            facecolors="#efece4",
            edgecolors="#9a968c",
            linewidths=0.4,
            zorder=0,
        )
    )
    lon0, lon1, lat0, lat1 = extent
    ax.set_xlim(lon0, lon1)
    ax.set_ylim(lat0, lat1)
    ax.set_facecolor("#dcebf5")
    ax.set_aspect(1 / math.cos(math.radians((lat0 + lat1) / 2)))


def _draw_ties(
    ax: Axes,
    g: Any,
    pos: dict[str, tuple[float, float, bool]],
    sizes: dict[str, float],
    *,
    width: float,
) -> None:
    for u, v, attrs in sorted(g.edges(data=True), key=lambda e: (e[0], e[1])):
        if u not in pos or v not in pos:
            continue
        style = "--" if attrs.get("status") == SUSPENDED else "-"
        ax.plot(
            [pos[u][0], pos[v][0]],
            [pos[u][1], pos[v][1]],
            linestyle=style,
            color=KIND_COLOR.get(str(attrs.get("kind")), NEUTRAL_COLOR),
            linewidth=width,
            alpha=0.8,
            zorder=1,
        )
    for node in sorted(pos):
        lon, lat, exact = pos[node]
        color = COUNTRY_COLOR.get(str(g.nodes[node].get("country")), NEUTRAL_COLOR)
        ax.scatter(
            [lon],
            [lat],
            s=sizes[node],
            facecolors=color if exact else "white",
            edgecolors=color,
            linewidths=0.8,
            zorder=2,
        )


def draw_map(data: NetworkData, lang: str) -> Figure:
    """The twinning network on the map, with the inset and the legend, labels in ``lang``."""
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    text = TEXT[lang]
    g = twinning_network(data)
    pos = positions(data, g.nodes)
    sizes = {node: 12.0 + 22.0 * g.degree(node) for node in g.nodes}
    fig = Figure(figsize=(8.5, 9.0))
    ax = fig.add_axes((0.04, 0.1, 0.92, 0.84))
    _draw_land(ax, MAP_EXTENT, 0.02)
    _draw_ties(ax, g, pos, sizes, width=1.0)
    lon0, lon1, lat0, lat1 = MAP_EXTENT
    for node in sorted(pos, key=lambda n: (-g.degree(n), n)):
        lon, lat, _ = pos[node]
        if lon0 < lon < lon1 and lat0 < lat < lat1 and g.degree(node) >= 2:
            ax.annotate(
                label(g.nodes[node], lang),
                (lon, lat),
                xytext=(4, 3),
                textcoords="offset points",
                fontsize=6.5,
                zorder=3,
            )
    ax.set_title(text["map"], fontsize=11)
    ax.tick_params(labelsize=6)
    inset = ax.inset_axes((0.5, 0.74, 0.49, 0.25))
    _draw_land(inset, INSET_EXTENT, 0.3)
    inset.set_anchor("NE")
    _draw_ties(inset, g, pos, {n: 4.0 + 4.0 * g.degree(n) for n in g.nodes}, width=0.4)
    inset.set_xticks([])
    inset.set_yticks([])
    inset.text(0.01, 0.97, text["inset"], transform=inset.transAxes, va="top", fontsize=7)
    inset.add_patch(
        Rectangle((lon0, lat0), lon1 - lon0, lat1 - lat0, fill=False, linewidth=0.6, zorder=4)
    )
    handles = [
        Line2D([], [], color=color, label=code_label(lang, codes.KIND, kind))
        for kind, color in KIND_COLOR.items()
    ]
    handles.append(Line2D([], [], color=NEUTRAL_COLOR, linestyle="--", label=text["suspended"]))
    handles += [
        Line2D(
            [], [], marker="o", linestyle="", color=color, label=code_label(lang, codes.COUNTRY, c)
        )
        for c, color in COUNTRY_COLOR.items()
    ]
    ax.legend(handles=handles, loc="lower right", fontsize=7, framealpha=0.9)
    unplaced = sorted(label(g.nodes[n], lang) for n in g.nodes if n not in pos)
    note = text["map_note"]
    if unplaced:
        note += f"\n{text['unplaced']}: " + ", ".join(unplaced)
    fig.text(0.04, 0.02, note, fontsize=7, wrap=True, va="bottom")
    return fig
