"""The ``map`` figure: the twinning network over the Sea of Japan and the Russian Far East.

Drawn on the Natural Earth land of :mod:`kg.figures.geo`, with an inset (in the open Pacific,
where it hides no place) showing the ties to the rest of Russia. Node size is the degree
(number of agreements), node colour the country, tie colour the agreement kind, dashed when
its latest status is suspended. Place labels are in the chosen language, set apart from each
other, from the markers and from the inset by :func:`kg.figures.labels.place_labels`, with a
leader line where a label had to move away from its place.
A place without coordinates is not drawn: the note under the map names it. matplotlib is imported
inside the functions.
"""

from __future__ import annotations

import math
import textwrap
from typing import TYPE_CHECKING, Any

from kg.figures.geo import INSET_EXTENT, MAP_EXTENT, Extent, land_polygons, positions
from kg.figures.i18n import TEXT, code_label
from kg.figures.labels import place_labels
from kg.figures.style import COUNTRY_COLOR, KIND_COLOR, NEUTRAL_COLOR, SUSPENDED
from kg.network import NetworkData, label, twinning_network
from kg.vocab import codes

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.collections import PathCollection
    from matplotlib.figure import Figure

__all__ = ["draw_map"]

#: Where the inset sits in the main axes (fractions): the open Pacific south-east of Japan.
_INSET_BOX = (0.5, 0.012, 0.488, 0.25)


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
    pos: dict[str, tuple[float, float]],
    sizes: dict[str, float],
    *,
    width: float,
) -> PathCollection:
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
    nodes = sorted(pos)
    return ax.scatter(
        [pos[n][0] for n in nodes],
        [pos[n][1] for n in nodes],
        s=[sizes[n] for n in nodes],
        c=[COUNTRY_COLOR.get(str(g.nodes[n].get("country")), NEUTRAL_COLOR) for n in nodes],
        edgecolors="white",
        linewidths=0.6,
        zorder=2,
    )


def draw_map(data: NetworkData, lang: str) -> Figure:
    """The twinning network on the map, with the inset and the legend, labels in ``lang``."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    from kg.figures.style import DPI

    text = TEXT[lang]
    g = twinning_network(data)
    pos = positions(data, g.nodes)
    sizes = {node: 12.0 + 22.0 * g.degree(node) for node in g.nodes}
    fig = Figure(figsize=(8.5, 10.4), dpi=DPI)
    FigureCanvasAgg(fig)  # labels are placed by measuring them: the Agg renderer
    ax = fig.add_axes((0.06, 0.17, 0.9, 0.78))
    _draw_land(ax, MAP_EXTENT, 0.02)
    markers = _draw_ties(ax, g, pos, sizes, width=1.0)
    ax.set_title(text["map"], fontsize=11)
    ax.tick_params(labelsize=6)
    inset = ax.inset_axes(_INSET_BOX)
    _draw_land(inset, INSET_EXTENT, 0.3)
    inset.set_anchor("SE")
    inset_markers = _draw_ties(
        inset, g, pos, {n: 4.0 + 4.0 * g.degree(n) for n in g.nodes}, width=0.4
    )
    inset.set_xticks([])
    inset.set_yticks([])
    inset.set_title(text["inset"], fontsize=7, loc="left", pad=2)
    lon0, lon1, lat0, lat1 = MAP_EXTENT
    inset.add_patch(
        Rectangle((lon0, lat0), lon1 - lon0, lat1 - lat0, fill=False, linewidth=0.6, zorder=4)
    )
    shown = sorted(
        (n for n, (lon, lat) in pos.items() if lon0 < lon < lon1 and lat0 < lat < lat1),
        key=lambda n: (-g.degree(n), n),
    )
    dropped = place_labels(
        ax,
        [(label(g.nodes[n], lang), *pos[n]) for n in shown],
        markers,
        fontsize=6.2,
        avoid=[inset],
    )
    west = sorted((n for n, (lon, _) in pos.items() if lon < lon0), key=lambda n: (pos[n], n))
    dropped += place_labels(
        inset,
        [(label(g.nodes[n], lang), *pos[n]) for n in west],
        inset_markers,
        fontsize=5.2,
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
    fig.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.145), ncol=2, fontsize=7)
    unplaced = sorted(label(g.nodes[n], lang) for n in g.nodes if n not in pos)
    note = text["map_note"]
    width = 75 if lang == "ja" else 150
    if unplaced:
        note += "\n" + textwrap.fill(f"{text['unplaced']}: " + ", ".join(unplaced), width)
    if dropped:
        note += "\n" + textwrap.fill(f"{text['unlabelled']}: " + ", ".join(sorted(dropped)), width)
    fig.text(0.02, 0.01, note, fontsize=6.5, va="bottom")
    return fig
