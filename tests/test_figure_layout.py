"""Figures as a reader sees them: measured text boxes, legends, series and markers.

Every figure is drawn in en, ru and ja and its texts are measured with the renderer
(:mod:`kg.figures.overlap`): no two texts overlap, none is clipped by the edge of the figure or
hidden under a legend or the map's inset, and no annotation of a chart sits on a line. The
measurement itself is checked on figures made to fail. Places without coordinates and
conferences without a sourced date or host are tested on a copy of the tables with values
blanked.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from kg.figures import FIGURES, cjk_font, figure, geo, positions
from kg.figures import fonts as fonts_module
from kg.figures.fonts import font_families
from kg.figures.i18n import TEXT
from kg.figures.overlap import problems, texts_on_lines
from kg.figures.style import DPI, ROLE_COLOR, rc
from kg.graph import build_graph
from kg.network import NetworkData, extract, twinning_network
from kg.tables import load_tables
from tests.helpers import blank_cells, run_cli

LANGS = ("en", "ru", "ja")


@pytest.fixture(scope="module")
def data(network_data: NetworkData) -> NetworkData:
    return network_data


@pytest.fixture(scope="module")
def need_cjk() -> None:
    if cjk_font() is None:
        message = "fonts-noto-cjk is not installed; run `bash .ci/system-deps`"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def drawn(drawn_figure: Callable[[str, str], Any]) -> Callable[[str, str], Figure]:
    """Each figure drawn once per language for the session (the figure tests share them)."""

    def draw(name: str, lang: str) -> Figure:
        fig: Figure = drawn_figure(name, lang).figure
        fig.set_dpi(DPI)
        return fig

    return draw


def _measure(fig: Figure, *, lines: bool = True) -> dict[str, list[Any]]:
    with matplotlib.rc_context(rc(font_families())):
        return problems(fig, lines=lines)


def _texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def _tables_data(folder: Path) -> NetworkData:
    return extract(build_graph(load_tables(folder)).graph)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", FIGURES)
def test_no_text_overlaps_is_clipped_or_covered(
    drawn: Callable[[str, str], Figure], need_cjk: None, name: str, lang: str
) -> None:
    found = _measure(drawn(name, lang), lines=name != "map")
    assert found == {k: [] for k in found}, found


def test_the_measurement_catches_overlaps_clipping_and_lines() -> None:
    fig = Figure(figsize=(4, 3), dpi=DPI)
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1], label="diagonal")
    ax.text(0.5, 0.5, "on the line")
    ax.text(0.1, 0.8, "first label")
    ax.text(0.12, 0.8, "second label")
    fig.text(0.95, 0.5, "beyond the right edge")
    ax.text(0.0, 1.0, "under the legend", va="top")
    ax.legend(loc="upper left")
    found = _measure(fig)
    assert ("first label", "second label") in found["overlapping"]
    assert "beyond the right edge" in found["clipped"]
    assert found["covered"] == ["under the legend"]
    assert ("on the line", "diagonal") in found["on_lines"]


def test_the_old_annotation_on_the_line_is_caught() -> None:
    """The 2022 note of the former time chart sat on the friendship line: caught."""
    fig = Figure(figsize=(8, 4.5), dpi=DPI)
    ax = fig.add_subplot()
    ax.step([2005, 2010, 2015, 2025], [15, 18, 18, 19], where="post", label="friendship")
    ax.set_ylim(0, 58)
    ax.text(2021.4, 16.8, "2022: exchanges suspended", fontsize=7, ha="right")
    with matplotlib.rc_context(rc(font_families())):
        assert texts_on_lines(fig) == [("2022: exchanges suspended", "friendship")]


@pytest.mark.parametrize("lang", LANGS)
def test_legends_say_what_colours_mean(
    drawn: Callable[[str, str], Figure], need_cjk: None, lang: str
) -> None:
    text = TEXT[lang]
    ranking = drawn("ranking", lang)
    entries = [t.get_text() for legend in ranking.legends for t in legend.get_texts()]
    assert entries == [text["country:JP"], text["country:RU"]]
    heat = drawn("heatmap", lang)
    assert heat.axes[0].get_xlabel() == text["conf_axis"]
    legend = heat.legends[0]
    names = [t.get_text() for t in legend.get_texts()]
    assert names[:2] == [text["absent"], text["attended"]]
    assert text["role:other"] in names
    colours = [tuple(p.get_facecolor()) for p in legend.get_patches()]
    other = colours[names.index(text["role:other"])]
    assert other != colours[0], "the 'other' role looks like an empty cell"
    assert matplotlib.colors.to_hex(other) == ROLE_COLOR["other"]
    assert sum(other[:3]) < 2.6, "the 'other' role is too close to white"


def _line(fig: Figure, label: str) -> Any:
    lines = [line for line in fig.axes[0].get_lines() if line.get_label() == label]
    assert len(lines) == 1, label
    return lines[0]


def _value_at(line: Any, x: float) -> float:
    xs, ys = line.get_xdata(), line.get_ydata()
    return float(next(y for xv, y in zip(xs[::-1], ys[::-1], strict=True) if xv <= x))


def test_time_chart_shows_ties_in_force_and_the_soviet_era(
    drawn: Callable[[str, str], Figure], data: NetworkData
) -> None:
    fig = drawn("twinnings-over-time", "en")
    text = TEXT["en"]
    active = _line(fig, text["active"])
    total = _line(fig, text["total"])
    in_2022 = twinning_network(data, 2022)
    expected = sum(1 for *_, s in in_2022.edges(data="status") if s not in ("suspended", "ended"))
    assert _value_at(active, 2022) == expected
    assert _value_at(active, 2021) - _value_at(active, 2022) >= 10  # the 2022 suspensions
    assert _value_at(total, 2022) >= _value_at(total, 2021)
    markers = [
        line.get_xdata()[0]
        for line in fig.axes[0].get_lines()
        if len(set(line.get_xdata())) == 1 and len(line.get_xdata()) == 2
    ]
    ussr = min(markers)
    assert 1991 < ussr < 1992  # 26 December 1991
    soviet = sum(1 for a in data.agreements if a.year is not None and a.year <= 1991)
    assert _value_at(total, ussr - 1e-6) == soviet  # ties of 1991 read as Soviet era
    assert any(t.startswith("26 Dec 1991") for t in _texts(fig))


def test_timeline_shows_every_edition(
    drawn: Callable[[str, str], Figure], data: NetworkData
) -> None:
    fig = drawn("conference-timeline", "en")
    last = max(m.number for m in data.meetings.values())
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert ticks == [TEXT["en"]["conf"].format(n=n) for n in range(1, last + 1)]
    dated = {m.number for m in data.meetings.values() if m.year is not None}
    undated_rows = [t for t in _texts(fig) if t.startswith(TEXT["en"]["no_date"] + " ·")]
    assert len(undated_rows) == last - len(dated)


def test_blanked_dates_hosts_and_coordinates(data_copy: Path) -> None:
    """Values blanked in a copy of the tables: the conference stays in the timeline, marked;
    the place leaves the map and is named under it, never drawn at a made-up position (a
    city that is no region's administrative centre, so no other marker shares its spot)."""
    before = _tables_data(data_copy)
    (lon, lat) = next(v for k, v in positions(before, before.places).items() if "/jp-maizuru" in k)
    blank_cells(data_copy / "meetings.csv", "number", "22", ("start", "end", "host"))
    blank_cells(data_copy / "municipalities.csv", "id", "jp-maizuru", ("lat", "lon"))
    blanked = _tables_data(data_copy)
    timeline = figure(blanked, "conference-timeline", "en")
    text = TEXT["en"]
    rows = _texts(timeline)
    assert f"{text['no_date']} · {text['host_unknown']}" in rows
    assert text["conf"].format(n=22) in [t.get_text() for t in timeline.axes[0].get_yticklabels()]
    assert not any(r.startswith("2009-08-18") for r in rows)
    g = twinning_network(blanked)
    maizuru = next(n for n in g if n.endswith("/jp-maizuru"))
    assert maizuru not in positions(blanked, g)
    the_map = figure(blanked, "map", "en")
    note = next(t for t in _texts(the_map) if t.startswith(text["map_note"]))
    assert "Maizuru" in note.split(text["unplaced"], 1)[1]
    offsets = the_map.axes[0].collections[-1].get_offsets()
    assert not any(abs(x - lon) < 1e-6 and abs(y - lat) < 1e-6 for x, y in offsets)
    assert _measure(timeline) == {"overlapping": [], "clipped": [], "covered": [], "on_lines": []}


def test_japanese_without_a_cjk_font_fails_and_writes_nothing(
    built_out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: NetworkData
) -> None:
    monkeypatch.setattr(fonts_module, "CJK_FAMILIES", ())
    from kg.errors import OperatingSystemError

    with pytest.raises(OperatingSystemError, match="no font with Japanese glyphs"):
        figure(data, "heatmap", "ja")
    result = run_cli(
        ["plot", "all", "--lang", "ja", "--out", str(tmp_path), "--rdf", str(built_out / "rujp.nt")]
    )
    assert result.exit_code == 2, result.output
    assert "fonts-noto-cjk" in result.output and "--lang ja" in result.output
    assert list(tmp_path.iterdir()) == []
    assert geo.MAP_EXTENT  # the English figures are unaffected
    assert figure(data, "heatmap", "en").axes


@pytest.mark.parametrize("lang", LANGS)
def test_map_labels_keep_off_the_markers(
    drawn: Callable[[str, str], Figure], need_cjk: None, lang: str
) -> None:
    import numpy as np
    from matplotlib.collections import PathCollection

    fig = drawn("map", lang)
    with matplotlib.rc_context(rc(font_families())):
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        for ax in fig.axes:
            markers = [c for c in ax.collections if isinstance(c, PathCollection)]
            labels = [t for t in ax.texts if t.get_zorder() == 4]
            assert markers and labels
            centres = ax.transData.transform(np.asarray(markers[-1].get_offsets()))
            radii = np.sqrt(markers[-1].get_sizes()) / 2 * fig.dpi / 72
            for text in labels:
                box = text.get_window_extent(renderer)
                for (x, y), r in zip(centres, radii, strict=True):
                    inside_x = box.x0 + 1 < x + r and x - r < box.x1 - 1
                    inside_y = box.y0 + 1 < y + r and y - r < box.y1 - 1
                    assert not (inside_x and inside_y), (text.get_text(), x, y)
