"""The offline maps of the resource pages, as inline SVG.

- :func:`agreement_map`, :func:`meeting_map` -- an agreement's two parties; a meeting's
  host and the places that took part;
- :func:`region_map` -- a place page's map: the place, the other places of its region and
  its partners (labelled; ties suspended or ended in grey), on the Natural Earth coastlines
  (read through :func:`kg.figures.geo.land_polygons`; without them the map has no land).

No tiles and no script: the pages work offline and under a strict Content-Security-Policy.
Light: pyoxigraph and pyshp.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

import pyoxigraph as ox

from kg.serve.pages.html import esc, iri_path
from kg.serve.pages.predicates import LAT, LONG
from kg.serve.pages.summary import ENDED, tie_status, ties_of
from kg.serve.pages.view import View
from kg.vocab import terms

__all__ = ["agreement_map", "all_points", "meeting_map", "place_point", "region_map"]

#: Width of a place map in SVG units, and the bounds of its height.
_WIDTH, _MIN_HEIGHT, _MAX_HEIGHT = 800.0, 420.0, 620.0
#: Label sizes the placement keeps apart: those of a phone screen, where the map is drawn
#: smaller and its labels larger (the style sheet shows 15 and 18 units on wider screens).
_LABEL_SIZE, _HERE_SIZE = 26.0, 30.0


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


def _extent(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """(west, east, south, north) around the points, padded, at least 4 degrees of latitude,
    shaped to the map's proportions."""
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    pad_x, pad_y = max((east - west) * 0.12, 1.0), max((north - south) * 0.12, 1.0)
    west, east, south, north = west - pad_x, east + pad_x, south - pad_y, north + pad_y
    aspect = math.cos(math.radians((north + south) / 2))
    width, height = (east - west) * aspect, north - south
    ratio = _WIDTH / _MAX_HEIGHT if width / max(height, 1e-9) < _WIDTH / _MAX_HEIGHT else 0.0
    if ratio:  # too tall: widen
        grow = (height * ratio - width) / aspect / 2
        west, east = west - grow, east + grow
    elif width / height > _WIDTH / _MIN_HEIGHT:  # too wide: heighten
        grow = (width / (_WIDTH / _MIN_HEIGHT) - height) / 2
        south, north = south - grow, north + grow
    return west, east, max(south, -85.0), min(north, 85.0)


Box = tuple[float, float, float, float]
#: A coastline ring: an array of (longitude, latitude) rows.
Ring = Any

#: The part of the world any page's map may show, read once, and the thinning of its coasts
#: in degrees (about a pixel on a regional map; five times more on a map over 40° wide).
_WORLD: tuple[float, float, float, float] = (15.0, 180.0, 10.0, 82.0)
_TOLERANCE = 0.03
#: The smallest step between two drawn points of a coast, in map units (800 across).
_PIXEL = 1.5


@cache
def _world(tolerance: float) -> list[tuple[Box, Ring]]:
    """Every coastline ring of :data:`_WORLD` thinned to ``tolerance`` degrees, with its
    bounding box; read once per process and tolerance (empty without Natural Earth)."""
    try:
        from kg.figures.geo import land_polygons

        rings = land_polygons(_WORLD, tolerance)
    except (ImportError, OSError, ValueError):
        return []
    import numpy as np

    boxes = []
    for ring in rings:
        points = np.asarray(ring, dtype=float)
        low, high = points.min(axis=0), points.max(axis=0)
        boxes.append(((float(low[0]), float(low[1]), float(high[0]), float(high[1])), points))
    return boxes


def _land(extent: tuple[float, float, float, float]) -> list[Ring]:
    """Coastline rings meeting the extent, thinned for its width."""
    west, east, south, north = extent
    tolerance = _TOLERANCE if east - west < 40 else _TOLERANCE * 5
    return [
        ring
        for (x0, y0, x1, y1), ring in _world(tolerance)
        if x0 <= east and x1 >= west and y0 <= north and y1 >= south
    ]


def _clamped(ring: Ring, origin: tuple[float, float, float, float], height: float) -> str:
    """A ring's points on the map (``origin``: west, north, x and y scale), those outside
    pulled onto a frame just outside it and runs of points within a pixel cell of each other
    dropped: what the map shows is unchanged, the page much smaller. Empty when the ring's
    bounding box misses the map."""
    import numpy as np

    west, north, x_scale, y_scale = origin
    xs = (ring[:, 0] - west) * x_scale
    ys = (north - ring[:, 1]) * y_scale
    if xs.min() > _WIDTH or xs.max() < 0 or ys.min() > height or ys.max() < 0:
        return ""
    margin = 20.0
    points = np.stack(
        [np.clip(xs, -margin, _WIDTH + margin), np.clip(ys, -margin, height + margin)], axis=1
    )
    cells = np.floor(points / _PIXEL)
    keep = np.ones(len(points), dtype=bool)
    keep[1:] = np.any(cells[1:] != cells[:-1], axis=1)
    kept = np.round(points[keep], 1).tolist()
    return " ".join(f"{x:g},{y:g}" for x, y in kept)


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _place_label(
    x: float, y: float, text: str, size: float, taken: list[Box]
) -> tuple[float, float, str, Box]:
    """A label position next to (x, y) that overlaps no taken box: right, left, above, below,
    then further out. Returns (x, y, text-anchor, box)."""
    width = sum(size * (1.0 if ord(c) > 0x2E80 else 0.6) for c in text)
    tries = []
    for step in (0.0, 1.0, 2.0):
        off = 8 + step * size
        tries += [
            (x + off, y + size * 0.35, "start"),
            (x - off, y + size * 0.35, "end"),
            (x, y - off, "middle"),
            (x, y + off + size * 0.7, "middle"),
        ]
    best: tuple[int, float, float, str, Box] | None = None  # fewest overlaps, in the frame
    for tx, ty, anchor in tries:
        left = tx if anchor == "start" else tx - width if anchor == "end" else tx - width / 2
        box = (left - 2, ty - size, left + width + 2, ty + size * 0.3)
        if box[0] < 0 or box[2] > _WIDTH:
            continue  # never cut off by the frame
        hits = sum(_overlaps(box, t) for t in taken)
        if hits == 0:
            return tx, ty, anchor, box
        if best is None or hits < best[0]:
            best = (hits, tx, ty, anchor, box)
    if best is not None:
        return best[1:]
    tx, ty, anchor = tries[0]  # wider than the frame on every side: start at the point
    left = tx if anchor == "start" else tx - width
    return tx, ty, anchor, (left, ty - size, left + width, ty + size * 0.3)


def region_map(view: View, iri: str) -> str:
    """The map of a place page: the place, its region's places and its partners."""
    here = place_point(view, iri)
    if here is None:
        return ""
    partners: list[tuple[str, str, tuple[float, float], bool]] = []
    for agreement, partner in ties_of(view, iri):
        point = place_point(view, partner) if partner else None
        if partner and point:
            stopped = tie_status(view, agreement)[0] in ENDED
            partners.append((partner, view.label(partner)[0], point, stopped))
    region = view.first_iri(iri, terms.RUJP.region) or iri
    neighbours = [
        p
        for s in view.subjects(terms.RUJP.region, region)
        if s != iri and (p := place_point(view, s)) is not None
    ]
    keys = [("here-key", "legend_here"), ("partner-key", "legend_partner")]
    keys += [("stopped-key", "legend_suspended"), ("other-key", "legend_other")]
    return _draw(view, iri, here, partners, neighbours, keys)


Marked = list[tuple[str, str, tuple[float, float], bool]]


def _draw(
    view: View,
    iri: str,
    here: tuple[float, float],
    partners: Marked,
    neighbours: list[tuple[float, float]],
    keys: list[tuple[str, str]],
) -> str:
    """A map around ``here`` (the node ``iri``, in red) and the ``partners`` (blue, grey
    when ``stopped``), framing the ``neighbours`` too, on the coastlines; with a legend of
    ``keys`` (css class, text key) and the OpenStreetMap link of ``here``."""
    extent = _extent([here, *[p[2] for p in partners], *neighbours])
    west, east, south, north = extent
    aspect = math.cos(math.radians((north + south) / 2))
    scale = _WIDTH / ((east - west) * aspect)
    height = round((north - south) * scale, 1)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return round((lon - west) * aspect * scale, 1), round((north - lat) * scale, 1)

    parts = [
        f'<svg class="placemap" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH:.0f} '
        f'{height}" role="img" aria-label="{esc(view.ui["map"])}">'
        f'<rect class="sea" width="{_WIDTH:.0f}" height="{height}"/>'
    ]
    origin = (west, north, aspect * scale, scale)
    for ring in _land(extent):
        points = _clamped(ring, origin, height)
        if points:
            parts.append(f'<polygon class="land" points="{points}"/>')
    marked = {here, *[p[2] for p in partners]}
    for lon, lat in all_points(view.store):
        if west <= lon <= east and south <= lat <= north and (lon, lat) not in marked:
            x, y = xy(lon, lat)
            parts.append(f'<circle class="other" cx="{x}" cy="{y}" r="2.5"/>')
    hx, hy = xy(*here)
    taken: list[Box] = [(hx - 7, hy - 7, hx + 7, hy + 7)]
    for _, _, point, stopped in partners:
        x, y = xy(*point)
        css = "tie stopped" if stopped else "tie"
        parts.append(f'<line class="{css}" x1="{hx}" y1="{hy}" x2="{x}" y2="{y}"/>')
        taken.append((x - 6, y - 6, x + 6, y + 6))
    labels = []
    name = view.label(iri)
    tx, ty, anchor, box = _place_label(hx, hy, name[0], _HERE_SIZE, taken)
    taken.append(box)
    labels.append(
        f'<text class="label here-label" x="{tx}" y="{ty}" text-anchor="{anchor}">'
        f"{esc(name[0])}</text>"
    )
    drawn = {here}
    for partner, label, point, stopped in sorted(partners, key=lambda p: p[1]):
        if point in drawn:  # a region drawn at its centre, where a marker already is
            continue
        drawn.add(point)
        x, y = xy(*point)
        css = "partner stopped" if stopped else "partner"
        parts.append(
            f'<a href="{esc(view.href(_path(partner)))}"><circle class="{css}" cx="{x}" '
            f'cy="{y}" r="5.5"><title>{esc(label)}</title></circle></a>'
        )
        tx, ty, anchor, box = _place_label(x, y, label, _LABEL_SIZE, taken)
        taken.append(box)
        labels.append(
            f'<text class="label" x="{tx}" y="{ty}" text-anchor="{anchor}">{esc(label)}</text>'
        )
    parts.append(
        f'<circle class="here" cx="{hx}" cy="{hy}" r="7"><title>{esc(name[0])}</title></circle>'
    )
    parts += labels
    parts.append("</svg>")
    ui = view.ui
    legend = (
        '<p class="legend">'
        + " ".join(f'<span class="key {css}"></span>{esc(ui[key])}' for css, key in keys)
        + "</p>"
    )
    lon, lat = here
    osm = f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=9/{lat}/{lon}"
    caption = (
        f'<p class="coords">{esc(name[0])}: {abs(lat):.4f}°{"N" if lat >= 0 else "S"}, '
        f"{abs(lon):.4f}°{'E' if lon >= 0 else 'W'} "
        f'(<a href="{esc(osm)}">{esc(ui["osm"])}</a>)</p>'
    )
    return "".join(parts) + legend + caption


def _path(iri: str) -> str:
    return iri_path(iri) or iri


def agreement_map(view: View, iri: str) -> str:
    """The map of an agreement: its two parties, joined (grey when the tie is suspended or
    ended)."""
    japan = view.first_iri(iri, terms.RUJP.japaneseParty)
    russia = view.first_iri(iri, terms.RUJP.russianParty)
    here = place_point(view, japan) if japan else None
    there = place_point(view, russia) if russia else None
    if not (japan and russia and here and there):
        return ""
    stopped = tie_status(view, iri)[0] in ENDED
    keys = [("here-key", "legend_party"), ("partner-key", "legend_party")]
    keys += [("stopped-key", "legend_suspended"), ("other-key", "legend_other")]
    return _draw(view, japan, here, [(russia, view.label(russia)[0], there, stopped)], [], keys)


def meeting_map(view: View, iri: str) -> str:
    """The map of a meeting: its host and the places that took part."""
    host = view.first_iri(iri, terms.RUJP.host)
    here = place_point(view, host) if host else None
    if not (host and here):
        return ""
    taking_part: Marked = []
    for participation in view.subjects(terms.RUJP.meeting, iri):
        place = view.first_iri(participation, terms.RUJP.participant)
        point = place_point(view, place) if place and place != host else None
        if place and point and all(p[0] != place for p in taking_part):
            taking_part.append((place, view.label(place)[0], point, False))
    keys = [("here-key", "legend_host"), ("partner-key", "legend_participant")]
    keys += [("other-key", "legend_other")]
    return _draw(view, host, here, taking_part, [], keys)
