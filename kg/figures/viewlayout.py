"""Where the interactive view puts each place: a geographic layout and a force layout.

Owns the coordinates of ``kg view`` (one ``viewBox`` of :data:`WIDTH` × :data:`HEIGHT`):

- :func:`geo_layout` — places at their coordinates on an equirectangular map of the Sea of
  Japan and the Russian Far East (:data:`kg.figures.geo.MAP_EXTENT`, scaled by the cosine of
  its middle latitude), with :func:`land_path`, the Natural Earth coastline of that map as
  one SVG path. Places west of the map (Moscow, Saint Petersburg, Siberia) go into a panel
  at the left edge, by latitude and in longitude order but compressed, and are marked as
  such; places without coordinates go into a panel at the right edge, listed, never at a
  position made up from other places;
- :func:`force_layout` — a seeded spring layout, then nodes pushed apart until no two
  markers (with a margin) overlap.

Each returns ``{node: (x, y, where)}`` with ``where`` one of :data:`WHERE`. networkx is
imported inside the functions.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from kg.figures.geo import MAP_EXTENT, land_polygons

if TYPE_CHECKING:
    from kg.network import NetworkData

__all__ = [
    "HEIGHT",
    "MAP_BOX",
    "NONE_BOX",
    "WEST_BOX",
    "WHERE",
    "WIDTH",
    "force_layout",
    "geo_layout",
    "land_path",
    "radius",
    "view_box",
]

WIDTH, HEIGHT = 1110.0, 700.0
#: ``map``: at its coordinates; ``west``: in the compressed panel of places west of the map;
#: ``none``: in the panel of places without coordinates.
WHERE = ("map", "west", "none")
_MARGIN = 12.0
_LON0, _LON1, _LAT0, _LAT1 = MAP_EXTENT
_SCALE = (HEIGHT - 2 * _MARGIN) / (_LAT1 - _LAT0)
_KX = _SCALE * math.cos(math.radians((_LAT0 + _LAT1) / 2))
#: (x0, y0, x1, y1) of the map, the west panel and the no-coordinates panel.
MAP_BOX = (250.0, _MARGIN, 250.0 + (_LON1 - _LON0) * _KX, HEIGHT - _MARGIN)
WEST_BOX = (14.0, _MARGIN, 236.0, HEIGHT - _MARGIN)
NONE_BOX = (MAP_BOX[2] + 14.0, _MARGIN, WIDTH - 8.0, HEIGHT - _MARGIN)
#: Westmost longitude of the west panel.
_WEST_LON = 25.0


def radius(degree: int) -> float:
    """A node's marker radius (the page draws the same)."""
    return 4.0 + 2.2 * math.sqrt(degree)


def _project(lon: float, lat: float) -> tuple[float, float]:
    return MAP_BOX[0] + (lon - _LON0) * _KX, MAP_BOX[1] + (_LAT1 - lat) * _SCALE


def land_path(tolerance: float = 0.12) -> str:
    """The land of the map as SVG path data in view coordinates (the page clips it to the
    map); vertices far outside are pulled to a margin around the map."""
    margin = 3.0
    parts = []
    for ring in land_polygons(MAP_EXTENT, tolerance):
        points: list[tuple[float, float]] = []
        for lon, lat in ring:
            x, y = _project(
                min(max(lon, _LON0 - margin), _LON1 + margin),
                min(max(lat, _LAT0 - margin), _LAT1 + margin),
            )
            point = (round(x, 1), round(y, 1))
            if not points or points[-1] != point:
                points.append(point)
        if len(points) >= 3:
            parts.append("M" + "L".join(f"{x:g} {y:g}" for x, y in points) + "Z")
    return "".join(parts)


def geo_layout(data: NetworkData, nodes: list[str]) -> dict[str, tuple[float, float, str]]:
    """Places on the map, in the west panel or in the no-coordinates panel."""
    out: dict[str, tuple[float, float, str]] = {}
    unplaced: list[str] = []
    for node in nodes:
        place = data.places.get(node)
        attrs = place.attrs if place else {}
        if "lat" not in attrs or "lon" not in attrs:
            unplaced.append(node)
            continue
        lon, lat = float(attrs["lon"]), float(attrs["lat"])
        lat_c = min(max(lat, _LAT0), _LAT1)
        if lon >= _LON0:
            x, y = _project(min(lon, _LON1), lat_c)
            out[node] = (round(x, 2), round(y, 2), "map")
        else:
            share = (max(lon, _WEST_LON) - _WEST_LON) / (_LON0 - _WEST_LON)
            x = WEST_BOX[0] + 24 + share * (WEST_BOX[2] - WEST_BOX[0] - 48)
            out[node] = (round(x, 2), round(_project(lon, lat_c)[1], 2), "west")
    columns = 1 if len(unplaced) <= 30 else 2
    rows = math.ceil(len(unplaced) / columns) if unplaced else 1
    step = min(22.0, (NONE_BOX[3] - NONE_BOX[1] - 40) / rows)
    width = (NONE_BOX[2] - NONE_BOX[0]) / columns
    order = sorted(
        unplaced,
        key=lambda n: (
            str(data.places[n].attrs.get("country", "")) if n in data.places else "",
            str(data.places[n].attrs.get("label_en", n)) if n in data.places else n,
        ),
    )
    for i, node in enumerate(order):
        column, row = divmod(i, rows)
        x = NONE_BOX[0] + 14 + column * width
        y = NONE_BOX[1] + 40 + row * step
        out[node] = (round(x, 2), round(y, 2), "none")
    return out


def view_box(where: set[str]) -> list[float]:
    """The part of the drawing the geographic layout needs: the map, with the west panel
    and the no-coordinates panel only when some place is in them."""
    x0 = 0.0 if "west" in where else MAP_BOX[0] - 10
    x1 = WIDTH if "none" in where else MAP_BOX[2] + 10
    return [x0, 0.0, x1 - x0, HEIGHT]


def force_layout(g: Any, seed: int) -> dict[str, tuple[float, float, str]]:
    """A seeded spring layout scaled to the view, markers pushed apart (a margin of 8)."""
    import networkx as nx  # type: ignore[import-untyped, unused-ignore]

    if g.number_of_nodes() == 0:
        return {}
    simple: Any = nx.Graph(g)
    raw = nx.spring_layout(simple, seed=seed, k=2.2 / max(1, len(simple)) ** 0.5)
    nodes = sorted(raw)
    xs = [float(raw[n][0]) for n in nodes]
    ys = [float(raw[n][1]) for n in nodes]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    pad = 50.0
    pos = {
        n: [
            pad + (x - min(xs)) / span_x * (WIDTH - 2 * pad),
            pad + (y - min(ys)) / span_y * (HEIGHT - 2 * pad),
        ]
        for n, x, y in zip(nodes, xs, ys, strict=True)
    }
    size = {n: radius(g.degree(n)) + 8.0 for n in nodes}
    for _ in range(200):
        moved = False
        for i, a in enumerate(nodes):
            for b in nodes[i + 1 :]:
                dx = pos[b][0] - pos[a][0]
                dy = pos[b][1] - pos[a][1]
                gap = size[a] + size[b]
                dist = math.hypot(dx, dy)
                if dist >= gap:
                    continue
                if dist < 1e-9:
                    dx, dy, dist = 1.0, 0.0, 1.0
                push = (gap - dist) / 2 + 0.01
                ux, uy = dx / dist * push, dy / dist * push
                pos[a][0] -= ux
                pos[a][1] -= uy
                pos[b][0] += ux
                pos[b][1] += uy
                moved = True
        for n in nodes:
            pos[n][0] = min(max(pos[n][0], 12.0), WIDTH - 12.0)
            pos[n][1] = min(max(pos[n][1], 12.0), HEIGHT - 12.0)
        if not moved:
            break
    return {n: (round(pos[n][0], 2), round(pos[n][1], 2), "map") for n in nodes}
