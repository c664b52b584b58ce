"""Figures of the networks: static PNG/SVG figures and the self-contained interactive page.

The public API of the stage, re-exported from its modules:

- :mod:`kg.figures.plots` — :data:`FIGURES`, :func:`figure`, :func:`figure_bytes`,
  :func:`render_figures` (drawn by :mod:`kg.figures.map` and :mod:`kg.figures.charts`);
- :mod:`kg.figures.fonts` — :func:`cjk_font`, the font with Japanese and Cyrillic glyphs;
- :mod:`kg.figures.geo` — :func:`land_polygons` (Natural Earth) and :func:`positions`;
- :mod:`kg.figures.interactive` — :func:`render_html`, :func:`graph_payload`,
  :func:`script_json` (``kg view``), laid out by :mod:`kg.figures.viewlayout`, worded by
  :mod:`kg.figures.viewtext`, searched through :mod:`kg.figures.names`.

Label placement on the map is :mod:`kg.figures.labels`; :mod:`kg.figures.overlap` measures a
drawn figure (overlapping, clipped, covered texts, texts on lines) for the tests.

Importing the package is light: matplotlib, networkx and rdflib are imported only when a
figure or a page is drawn.

>>> "heatmap" in FIGURES
True
"""

from kg.figures.fonts import cjk_font
from kg.figures.geo import land_polygons, positions
from kg.figures.interactive import graph_payload, render_html, script_json
from kg.figures.plots import FIGURES, FORMATS, figure, figure_bytes, render_figures

__all__ = [
    "FIGURES",
    "FORMATS",
    "cjk_font",
    "figure",
    "figure_bytes",
    "graph_payload",
    "land_polygons",
    "positions",
    "render_figures",
    "render_html",
    "script_json",
]
