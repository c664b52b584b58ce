"""The small offline map of the resource pages: an SVG of every place of the graph as a grey
dot with the page's places in red, a graticule, and OpenStreetMap links in the caption.

No tiles and no script: the pages work offline and under a strict Content-Security-Policy.
Light: pyoxigraph only.
"""

from __future__ import annotations

import math

import pyoxigraph as ox

from kg.serve.pages.html import esc
from kg.serve.pages.predicates import LAT, LONG
from kg.serve.pages.view import View

__all__ = ["all_points", "map_svg", "place_point"]


def place_point(view: View, iri: str) -> tuple[float, float] | None:
    """``(longitude, latitude)`` of a node, ``None`` without valid coordinates."""
    lat, lon = view.literal(iri, LAT), view.literal(iri, LONG)
    try:
        y, x = float(lat), float(lon)
    except ValueError:
        return None
    if math.isfinite(x) and math.isfinite(y) and -90 <= y <= 90 and -180 <= x <= 180:
        return x, y
    return None


def all_points(store: ox.Store) -> list[tuple[float, float]]:
    """``(longitude, latitude)`` of every node of the store with coordinates, sorted."""
    points = []
    lat_p, lon_p = ox.NamedNode(LAT), ox.NamedNode(LONG)
    for quad in store.quads_for_pattern(None, lat_p, None):
        lons = [q.object for q in store.quads_for_pattern(quad.subject, lon_p, None)]
        if not (lons and isinstance(lons[0], ox.Literal) and isinstance(quad.object, ox.Literal)):
            continue
        try:
            lat, lon = float(quad.object.value), float(lons[0].value)
        except ValueError:
            continue
        if math.isfinite(lat) and math.isfinite(lon):
            points.append((lon, lat))
    return sorted(set(points))


def map_svg(view: View, here: list[tuple[str, tuple[float, float]]], *, line: bool = False) -> str:
    """A small offline map: every place of the graph as a grey dot, these places in red."""
    everything = all_points(view.store) + [p for _, p in here]
    lons, lats = [p[0] for p in everything], [p[1] for p in everything]
    west, east = math.floor(min(lons) / 10) * 10 - 5, math.ceil(max(lons) / 10) * 10 + 5
    south, north = math.floor(min(lats) / 10) * 10 - 5, math.ceil(max(lats) / 10) * 10 + 5
    aspect = math.cos(math.radians((north + south) / 2))
    width = 600.0
    scale = width / ((east - west) * aspect)
    height = round((north - south) * scale, 1)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return round((lon - west) * aspect * scale, 1), round((north - lat) * scale, 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height}" '
        f'viewBox="0 0 {width:.0f} {height}" role="img" aria-label="{esc(view.ui["map"])}">'
    ]
    for meridian in range(west + 5, east, 10):
        x, _ = xy(meridian, north)
        parts.append(f'<line class="grid" x1="{x}" y1="0" x2="{x}" y2="{height}"/>')
        parts.append(f'<text class="gridlabel" x="{x + 2}" y="{height - 3}">{meridian}°E</text>')
    for parallel in range(south + 5, north, 10):
        _, y = xy(west, parallel)
        parts.append(f'<line class="grid" x1="0" y1="{y}" x2="{width:.0f}" y2="{y}"/>')
        parts.append(f'<text class="gridlabel" x="2" y="{y - 2}">{parallel}°N</text>')
    for lon, lat in all_points(view.store):
        x, y = xy(lon, lat)
        parts.append(f'<circle class="other" cx="{x}" cy="{y}" r="2"/>')
    if line and len(here) == 2:
        (x1, y1), (x2, y2) = xy(*here[0][1]), xy(*here[1][1])
        parts.append(f'<line class="line" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>')
    for name, (lon, lat) in here:
        x, y = xy(lon, lat)
        parts.append(
            f'<circle class="here" cx="{x}" cy="{y}" r="5"><title>{esc(name)}</title></circle>'
        )
    parts.append("</svg>")
    captions = []
    for name, (lon, lat) in here:
        osm = f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=9/{lat}/{lon}"
        captions.append(
            f"{esc(name)}: {abs(lat):.4f}°{'N' if lat >= 0 else 'S'}, "
            f"{abs(lon):.4f}°{'E' if lon >= 0 else 'W'} "
            f'(<a href="{esc(osm)}">{esc(view.ui["osm"])}</a>)'
        )
    return "".join(parts) + "<p>" + "<br>".join(captions) + "</p>"
