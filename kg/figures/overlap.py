"""Measuring a drawn figure: where its texts are, and which of them collide.

Owns the measurements that the figure tests assert and that :mod:`kg.figures.map` uses to
check its label placement: the window extents (in display pixels, from the renderer) of every
text that is drawn (titles, tick labels, legend entries, annotations), and four kinds of
trouble a reader trips over:

- :func:`overlapping_texts` — two texts whose boxes intersect;
- :func:`clipped_texts` — a text reaching beyond the edge of the figure;
- :func:`covered_texts` — a text under a legend or an inset axes it does not belong to;
- :func:`texts_on_lines` — a free text (not a tick label or legend entry) that a data line
  of its axes runs through.

:func:`problems` runs them all on one drawing. Tick labels outside the view limits are not
drawn and not measured. matplotlib is imported
inside the functions.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

__all__ = [
    "Box",
    "Placed",
    "boxes_overlap",
    "clipped_texts",
    "covered_texts",
    "drawn_texts",
    "overlapping_texts",
    "problems",
    "texts_on_lines",
]


class Box(NamedTuple):
    """A rectangle in display pixels."""

    x0: float
    y0: float
    x1: float
    y1: float


class Placed(NamedTuple):
    """A drawn text: its string, its box and the artist it belongs to."""

    text: str
    box: Box
    artist: Text
    #: "tick", "legend" or "free" (titles, annotations, notes)
    role: str


def boxes_overlap(a: Box, b: Box, pad: float = 0.0) -> bool:
    """Whether ``a`` and ``b`` (each grown by ``pad`` pixels) intersect with positive area.

    >>> boxes_overlap(Box(0, 0, 10, 10), Box(10, 0, 20, 10))
    False
    >>> boxes_overlap(Box(0, 0, 10, 10), Box(9, 9, 20, 20))
    True
    """
    return (
        a.x0 - pad < b.x1 + pad
        and b.x0 - pad < a.x1 + pad
        and a.y0 - pad < b.y1 + pad
        and b.y0 - pad < a.y1 + pad
    )


def _ticks(ax: Axes) -> Iterator[Text]:
    for axis in (ax.xaxis, ax.yaxis):
        lo, hi = sorted(axis.get_view_interval())
        for ticks in (axis.get_major_ticks(), axis.get_minor_ticks()):
            for tick in ticks:
                loc = tick.get_loc()
                if loc is None or not lo - 1e-9 <= loc <= hi + 1e-9:
                    continue
                yield from (tick.label1, tick.label2)


def drawn_texts(fig: Figure) -> list[Placed]:
    """Every visible, non-empty text of ``fig`` with its box, after drawing the figure."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.legend import Legend
    from matplotlib.text import Text

    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    ticks = {id(t) for ax in fig.axes for t in _ticks(ax)}
    tick_parents = {id(t) for ax in fig.axes for axis in (ax.xaxis, ax.yaxis) for t in _all(axis)}
    legend_texts = {id(t) for legend in fig.findobj(Legend) for t in legend.findobj(Text)}
    placed: list[Placed] = []
    for artist in fig.findobj(Text):
        if not isinstance(artist, Text):
            continue
        if not artist.get_visible() or not artist.get_text().strip():
            continue
        if id(artist) in tick_parents and id(artist) not in ticks:
            continue  # a tick label outside the view: not drawn
        ext = artist.get_window_extent(renderer)
        if ext.width <= 0 or ext.height <= 0:
            continue
        role = "tick" if id(artist) in ticks else "legend" if id(artist) in legend_texts else "free"
        placed.append(Placed(artist.get_text(), Box(ext.x0, ext.y0, ext.x1, ext.y1), artist, role))
    return placed


def _all(axis: object) -> Iterator[Text]:
    from matplotlib.axis import Axis

    assert isinstance(axis, Axis)
    for tick in (*axis.get_major_ticks(), *axis.get_minor_ticks()):
        yield tick.label1
        yield tick.label2


def overlapping_texts(
    fig: Figure, pad: float = 0.0, placed: list[Placed] | None = None
) -> list[tuple[str, str]]:
    """Pairs of drawn texts whose boxes (grown by ``pad`` pixels) intersect."""
    placed = drawn_texts(fig) if placed is None else placed
    return [
        (a.text, b.text)
        for i, a in enumerate(placed)
        for b in placed[i + 1 :]
        if boxes_overlap(a.box, b.box, pad)
    ]


def clipped_texts(fig: Figure, placed: list[Placed] | None = None) -> list[str]:
    """Drawn texts that reach beyond the edge of the figure."""
    placed = drawn_texts(fig) if placed is None else placed
    width, height = fig.canvas.get_width_height()
    return [
        p.text
        for p in placed
        if p.box.x0 < -0.5 or p.box.y0 < -0.5 or p.box.x1 > width + 0.5 or p.box.y1 > height + 0.5
    ]


def _owner_boxes(fig: Figure) -> list[tuple[Artist, Box]]:
    """Legends and inset axes: things drawn over the plot that can hide a text."""
    from matplotlib.axes import Axes
    from matplotlib.legend import Legend

    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    owners: list[tuple[Artist, Box]] = []
    for legend in fig.findobj(Legend):
        if isinstance(legend, Legend) and legend.get_visible():
            ext = legend.get_window_extent(renderer)
            owners.append((legend, Box(ext.x0, ext.y0, ext.x1, ext.y1)))
    for ax in fig.axes:
        for child in ax.child_axes:
            if isinstance(child, Axes):
                ext = child.get_window_extent(renderer)
                owners.append((child, Box(ext.x0, ext.y0, ext.x1, ext.y1)))
    return owners


def covered_texts(fig: Figure, placed: list[Placed] | None = None) -> list[str]:
    """Drawn texts under a legend or an inset axes that they are not part of."""
    placed = drawn_texts(fig) if placed is None else placed
    out = []
    for owner, box in _owner_boxes(fig):
        inside = {id(t) for t in owner.findobj()}
        out += [p.text for p in placed if id(p.artist) not in inside and boxes_overlap(p.box, box)]
    return out


def _segment_hits_box(p: tuple[float, float], q: tuple[float, float], box: Box) -> bool:
    """Whether the segment pq meets the box (Liang–Barsky clipping)."""
    (x0, y0), (x1, y1) = p, q
    dx, dy = x1 - x0, y1 - y0
    lo, hi = 0.0, 1.0
    for edge_p, edge_q in (
        (-dx, x0 - box.x0),
        (dx, box.x1 - x0),
        (-dy, y0 - box.y0),
        (dy, box.y1 - y0),
    ):
        if edge_p == 0:
            if edge_q < 0:
                return False
            continue
        t = edge_q / edge_p
        if edge_p < 0:
            lo = max(lo, t)
        else:
            hi = min(hi, t)
        if lo > hi:
            return False
    return True


def texts_on_lines(fig: Figure, placed: list[Placed] | None = None) -> list[tuple[str, str]]:
    """(text, line label) for each free text of an axes that a data line of the same axes
    (a drawn :class:`~matplotlib.lines.Line2D` with two or more points) runs through."""
    import numpy as np
    from matplotlib.lines import Line2D

    placed = [p for p in (drawn_texts(fig) if placed is None else placed) if p.role == "free"]
    hits: list[tuple[str, str]] = []
    for ax in fig.axes:
        own = [p for p in placed if p.artist.axes is ax and p.artist is not ax.title]
        if not own:
            continue
        for line in ax.get_lines():
            if not isinstance(line, Line2D) or not line.get_visible():
                continue
            xy = np.asarray(line.get_xydata(), dtype=float)
            if len(xy) < 2:
                continue
            points = line.get_transform().transform(xy)
            if line.get_drawstyle().startswith("steps"):
                points = _steps(points, line.get_drawstyle())
            for p in own:
                if any(
                    _segment_hits_box(tuple(a), tuple(b), p.box)
                    for a, b in itertools.pairwise(points)
                ):
                    hits.append((p.text, str(line.get_label())))
    return hits


def problems(fig: Figure, *, lines: bool = True) -> dict[str, list[Any]]:
    """Every measured problem of ``fig`` by kind (each list empty when the figure is clean),
    from one drawing; ``lines=False`` skips :func:`texts_on_lines` (a map's labels sit on
    its ties by nature)."""
    placed = drawn_texts(fig)
    found: dict[str, list[Any]] = {
        "overlapping": overlapping_texts(fig, placed=placed),
        "clipped": clipped_texts(fig, placed=placed),
        "covered": covered_texts(fig, placed=placed),
    }
    if lines:
        found["on_lines"] = texts_on_lines(fig, placed=placed)
    return found


def _steps(points: Any, style: str) -> Any:
    """The corner points of a step line, as matplotlib draws ``steps-post``/``-pre``."""
    import numpy as np

    pts = np.asarray(points)
    out = [pts[0]]
    for a, b in itertools.pairwise(pts):
        corner = (b[0], a[1]) if style == "steps-post" else (a[0], b[1])
        out += [np.array(corner), b]
    return np.asarray(out)
