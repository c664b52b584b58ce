"""Place labels at points of an axes so that no two labels overlap and none covers a marker.

Owns :func:`place_labels`: the labels are first spread by adjustText (the maintained
label-placement library for matplotlib; seeded, a fixed number of steps, never a time limit,
so rebuilds are identical), then every label still touching an earlier one, a marker or an
obstacle (an inset, a legend) is moved to the nearest free spot on rings around its point,
in a fixed order of candidates. A label that ends up away from its point gets a thin grey
leader line; one for which no spot is free is left out and named to the caller. Positions
are measured with the figure's renderer, in display pixels, through
:mod:`kg.figures.overlap`. matplotlib and adjustText are imported inside the functions.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from kg.figures.overlap import Box, boxes_overlap

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.collections import PathCollection
    from matplotlib.text import Text

__all__ = ["place_labels"]

#: adjustText steps.
_STEPS = 30
#: Gap kept between a label and anything else, in display pixels.
_GAP = 1.5
#: Radii (in multiples of the label height) and directions tried for a label that collides.
_RADII = (0.6, 1.0, 1.5, 2.1, 2.8, 3.6, 4.6, 5.8, 7.2, 9.0)
_ANGLES = tuple(math.radians(a) for a in (30, 330, 150, 210, 0, 180, 90, 270, 60, 300, 120, 240))


def _box(text: Text, renderer: Any) -> Box:
    ext = text.get_window_extent(renderer)
    return Box(ext.x0, ext.y0, ext.x1, ext.y1)


def _marker_boxes(markers: PathCollection, ax: Axes) -> list[Box]:
    import adjustText  # type: ignore[import-untyped, unused-ignore]

    boxes = []
    for bbox in adjustText.get_bboxes_pathcollection(markers, ax):
        ext = bbox.transformed(ax.transData)
        boxes.append(Box(ext.x0, ext.y0, ext.x1, ext.y1))
    return boxes


def _inside(box: Box, frame: Box) -> bool:
    return box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0 and box.y1 <= frame.y1


def _resolve(
    texts: list[Text],
    anchors: list[tuple[float, float]],
    fixed: list[Box],
    frame: Box,
    ax: Axes,
    renderer: Any,
) -> list[Text]:
    """Move each label that touches an earlier label or a fixed box to the first free spot;
    the labels for which there is none are removed from the axes and returned."""
    to_data = ax.transData.inverted()
    placed: list[Box] = []
    dropped: list[Text] = []
    for text, (px, py) in zip(texts, anchors, strict=True):
        box = _box(text, renderer)
        if _inside(box, frame) and not any(
            boxes_overlap(box, other, _GAP) for other in (*placed, *fixed)
        ):
            placed.append(box)
            continue
        width, height = box.x1 - box.x0, box.y1 - box.y0
        best = box
        for radius in _RADII:
            free = None
            for angle in _ANGLES:
                # the label's nearest corner or edge at `radius` label heights from the point
                cx = px + math.cos(angle) * (radius * height + width / 2)
                cy = py + math.sin(angle) * (radius * height + height / 2)
                candidate = Box(cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
                if _inside(candidate, frame) and not any(
                    boxes_overlap(candidate, other, _GAP) for other in (*placed, *fixed)
                ):
                    free = candidate
                    break
            if free is not None:
                best = free
                break
        else:
            text.remove()
            dropped.append(text)
            continue
        if best is not box:
            text.set_horizontalalignment("left")
            text.set_verticalalignment("bottom")
            x, y = to_data.transform((best.x0, best.y0))
            text.set_position((float(x), float(y)))
        placed.append(_box(text, renderer))
    return dropped


def _leader(text: Text, anchor: tuple[float, float], ax: Axes, renderer: Any) -> None:
    """A thin line from the label's nearest edge to its point, when the label is away."""
    from matplotlib.lines import Line2D

    box = _box(text, renderer)
    px, py = anchor
    nx = min(max(px, box.x0), box.x1)
    ny = min(max(py, box.y0), box.y1)
    if math.hypot(nx - px, ny - py) < 7.0:
        return
    to_data = ax.transData.inverted()
    (x0, y0), (x1, y1) = to_data.transform([(px, py), (nx, ny)])
    ax.add_line(
        Line2D([x0, x1], [y0, y1], color="#666666", linewidth=0.5, zorder=3, label="_leader")
    )


def place_labels(
    ax: Axes,
    points: list[tuple[str, float, float]],
    markers: PathCollection,
    *,
    fontsize: float,
    avoid: list[Any] | None = None,
) -> list[str]:
    """Label each ``(text, x, y)`` (data coordinates) of ``ax``, earlier ones first: no two
    labels overlap, none covers a marker of ``markers`` or an artist of ``avoid``, all stay
    inside the axes. Returns the labels left out because no free spot was near their point
    (the caller says so in the figure)."""
    import matplotlib.patheffects as effects
    from adjustText import adjust_text  # type: ignore[import-untyped, unused-ignore]

    halo = [effects.withStroke(linewidth=2.2, foreground="white")]
    texts = [
        ax.text(x, y, name, fontsize=fontsize, zorder=4, path_effects=halo, ha="left", va="bottom")
        for name, x, y in points
    ]
    if not texts:
        return []
    fig: Any = ax.figure
    fig.draw_without_rendering()  # lays the figure out; no pixels are needed yet
    renderer = fig.canvas.get_renderer()
    to_data = ax.transData.inverted()
    marker_boxes = _marker_boxes(markers, ax)
    obstacles = [a.get_tightbbox(renderer) for a in avoid or []]  # with titles
    adjust_text(
        texts,
        ax=ax,
        objects=[b.transformed(to_data) for b in obstacles]
        + [
            _bbox(b).transformed(to_data)  # adjustText takes obstacles in data coordinates
            for b in marker_boxes
        ],
        expand=(1.1, 1.25),
        force_text=(0.3, 0.5),
        force_static=(0.3, 0.5),
        iter_lim=_STEPS,
        time_lim=None,
    )
    frame_ext = ax.get_window_extent(renderer)
    frame = Box(frame_ext.x0 + 2, frame_ext.y0 + 2, frame_ext.x1 - 2, frame_ext.y1 - 2)
    fixed = marker_boxes + [Box(b.x0, b.y0, b.x1, b.y1) for b in obstacles]
    anchors = [tuple(ax.transData.transform((x, y))) for _, x, y in points]
    dropped = _resolve(texts, anchors, fixed, frame, ax, renderer)
    for text, anchor in zip(texts, anchors, strict=True):
        if text not in dropped:
            _leader(text, anchor, ax, renderer)
    return [text.get_text() for text in dropped]


def _bbox(box: Box) -> Any:
    from matplotlib.transforms import Bbox

    return Bbox.from_extents(box.x0, box.y0, box.x1, box.y1)
