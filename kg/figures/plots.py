"""Figures of the networks, headless and deterministic (PNG and SVG): the entry points.

Owns the list of figures (:data:`FIGURES`), drawing one by name (:func:`figure`), saving it
(:func:`figure_bytes`) and rendering several at once (:func:`render_figures`). The figures
themselves are drawn in :mod:`kg.figures.map` (``map``) and :mod:`kg.figures.charts`
(``twinnings-over-time``, ``conference-timeline``, ``heatmap``, ``ranking``).

matplotlib is imported inside the functions (``import kg.figures.plots`` is light). Figures are
:class:`matplotlib.figure.Figure` objects drawn with the Agg/SVG canvases, never pyplot, so
nothing depends on a display. Rebuilds are byte-identical: seeded layouts, a fixed
``svg.hashsalt`` and no dates in the file metadata. Fonts and the English fallback for
Japanese without a CJK font: :mod:`kg.figures.fonts`. The drawing modules and
:mod:`kg.figures.style` (which refuses a code list without colours) are imported when a
figure is drawn, so ``import kg.figures`` stays light and never fails on a new code.

>>> FIGURES[0], FORMATS
('map', ('png', 'svg'))
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from kg.errors import UsageError
from kg.figures.fonts import font_families, language

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from kg.network import NetworkData

__all__ = ["FIGURES", "FORMATS", "figure", "figure_bytes", "render_figures"]

FIGURES = ("map", "twinnings-over-time", "conference-timeline", "heatmap", "ranking")
FORMATS = ("png", "svg")


def _builders() -> dict[str, Callable[[NetworkData, str], Figure]]:
    from kg.figures import charts
    from kg.figures.map import draw_map

    return {
        "map": draw_map,
        "twinnings-over-time": charts.twinnings_over_time,
        "conference-timeline": charts.conference_timeline,
        "heatmap": charts.heatmap,
        "ranking": charts.ranking,
    }


def figure(data: NetworkData, name: str, lang: str = "en") -> Figure:
    """Draw figure ``name`` (one of :data:`FIGURES`) with labels in ``lang``.

    Rendering settings (font, SVG salt) apply when the figure is saved through
    :func:`figure_bytes` or :func:`render_figures`.
    """
    if name not in FIGURES:
        raise UsageError(f"unknown figure {name!r}; choose one of {', '.join(FIGURES)}")
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from kg.figures.style import rc

    shown = language(lang)
    with matplotlib.rc_context(rc(font_families())):
        fig = _builders()[name](data, shown)
    FigureCanvasAgg(fig)  # headless: the Agg canvas, whatever backend pyplot would pick
    return fig


def figure_bytes(fig: Figure, fmt: str) -> bytes:
    """The figure as PNG or SVG bytes, without dates, so equal figures give equal bytes."""
    import matplotlib

    from kg.figures.style import DPI, rc

    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose png or svg")
    buffer = io.BytesIO()
    metadata: dict[str, str | None] = (
        {"Date": None, "Creator": "rujp-kg"} if fmt == "svg" else {"Software": "rujp-kg"}
    )
    with matplotlib.rc_context(rc(font_families())):
        fig.savefig(buffer, format=fmt, dpi=DPI, metadata=metadata)
    return buffer.getvalue()


def render_figures(data: NetworkData, names: Sequence[str], lang: str = "en") -> dict[str, bytes]:
    """Each figure of ``names`` as ``<name>-<lang>.png`` and ``.svg`` bytes, by file name."""
    out: dict[str, bytes] = {}
    for name in names:
        fig = figure(data, name, lang)
        for fmt in FORMATS:
            out[f"{name}-{lang}.{fmt}"] = figure_bytes(fig, fmt)
    return out
