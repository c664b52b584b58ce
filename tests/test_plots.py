"""Figures: every figure in every language, non-empty, deterministic, never tofu boxes."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kg.figures import (
    FIGURES,
    cjk_font,
    figure,
    fonts,
    geo,
    land_polygons,
    positions,
    render_figures,
)
from kg.figures.i18n import missing_labels
from kg.figures.style import COUNTRY_COLOR, KIND_COLOR, ROLE_COLOR
from kg.network import NetworkData, twinning_network
from kg.vocab import codes
from tests.helpers import run_cli

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@pytest.fixture(scope="module")
def data(network_data: NetworkData) -> NetworkData:
    return network_data


@pytest.fixture(scope="module")
def noto() -> Path:
    font = cjk_font()
    if font is None:
        message = "fonts-noto-cjk is not installed; run `bash .ci/system-deps`"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return font


def _texts(fig: object) -> str:
    from matplotlib.text import Text

    return "\n".join(t.get_text() for t in fig.findobj(Text))  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def rendered(
    drawn_figure: Callable[[str, str], Any],
) -> Callable[[str], tuple[dict[str, bytes], list[str]]]:
    """Every figure in one language, as the session drew and saved it (the same calls as
    :func:`kg.figures.render_figures`): the files and the warnings."""

    def render(lang: str) -> tuple[dict[str, bytes], list[str]]:
        files: dict[str, bytes] = {}
        messages: list[str] = []
        for name in FIGURES:
            drawn = drawn_figure(name, lang)
            files.update(drawn.files)
            messages += drawn.warnings
        return files, messages

    return render


@pytest.mark.parametrize("lang", ["en", "ru", "ja"])
def test_every_figure_renders_without_missing_glyphs(
    rendered: Callable[[str], tuple[dict[str, bytes], list[str]]], noto: Path, lang: str
) -> None:
    files, messages = rendered(lang)
    missing = [m for m in messages if "missing from" in m]
    assert not missing, missing[:3]
    assert sorted(files) == sorted(f"{n}-{lang}.{e}" for n in FIGURES for e in ("png", "svg"))
    for name, payload in files.items():
        if name.endswith(".png"):
            assert payload.startswith(PNG_MAGIC) and len(payload) > 10_000, name
        else:
            root = ET.fromstring(payload)
            assert root.tag.endswith("svg"), name
            assert len(root.findall(".//{http://www.w3.org/2000/svg}path")) > 20, name


def test_figures_are_byte_identical_across_runs(
    data: NetworkData, rendered: Callable[[str], tuple[dict[str, bytes], list[str]]]
) -> None:
    first, _ = rendered("en")
    second = render_figures(data, FIGURES, "en")
    assert first.keys() == second.keys()
    for name in first:
        assert first[name] == second[name], name


def test_labels_are_in_the_chosen_language(
    data: NetworkData, noto: Path, drawn_figure: Callable[[str, str], Any]
) -> None:
    japanese = _texts(drawn_figure("ranking", "ja").figure)
    russian = _texts(drawn_figure("ranking", "ru").figure)
    english = _texts(drawn_figure("ranking", "en").figure)
    assert CJK.search(japanese) and not CJK.search(english)
    assert CYRILLIC.search(russian) and not CYRILLIC.search(english)
    g = twinning_network(data)
    top = max(g, key=lambda n: (g.degree(n), n))
    assert g.nodes[top]["label_ja"] in japanese


def test_missing_cjk_font_is_an_error_not_an_english_figure(
    data: NetworkData, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kg.errors import OperatingSystemError

    monkeypatch.setattr(fonts, "CJK_FAMILIES", ("No Such Font For This Test",))
    with pytest.raises(OperatingSystemError, match="no font with Japanese glyphs") as caught:
        figure(data, "heatmap", "ja")
    assert caught.value.exit_code == 2
    assert "install the Debian package fonts-noto-cjk" in caught.value.lines()[0]
    assert "Participation" in _texts(figure(data, "heatmap", "en"))


def test_map_draws_natural_earth_and_places_at_their_coordinates(
    data: NetworkData, data_dir: Path
) -> None:
    rings = land_polygons(geo.MAP_EXTENT, 0.02)
    assert len(rings) > 50
    assert any(  # Honshu around Niigata
        any(137 < x < 141 and 36 < y < 39 for x, y in ring) for ring in rings
    )
    with (data_dir / "municipalities.csv").open(encoding="utf-8") as handle:
        rows = {r["id"]: r for r in csv.DictReader(handle)}
    g = twinning_network(data)
    pos = positions(data, g.nodes)
    for node in g:
        row = rows[g.nodes[node]["data_key"]]
        if row["lat"]:
            assert pos[node] == (pytest.approx(float(row["lon"])), pytest.approx(float(row["lat"])))
        else:  # never a position made up from other places
            assert node not in pos


def test_every_code_has_a_colour_and_a_label() -> None:
    assert list(KIND_COLOR) == list(codes.KIND.notations)
    assert list(ROLE_COLOR) == list(codes.ROLE.notations)
    assert list(COUNTRY_COLOR) == list(codes.COUNTRY.notations)
    assert missing_labels() == []


def test_unknown_figure_or_language(data: NetworkData) -> None:
    with pytest.raises(ValueError):
        figure(data, "pie", "en")
    with pytest.raises(ValueError):
        figure(data, "map", "fr")


def test_kg_plot_writes_png_and_svg(
    built_out: Path,
    tmp_path: Path,
    noto: Path,
    rendered: Callable[[str], tuple[dict[str, bytes], list[str]]],
) -> None:
    result = run_cli(
        ["plot", "all", "--lang", "ja", "--out", str(tmp_path), "--rdf", str(built_out / "rujp.nt")]
    )
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(f"{n}-ja.{e}" for n in FIGURES for e in ("png", "svg"))
    files, _ = rendered("ja")
    assert {name: (tmp_path / name).read_bytes() for name in written} == files


def test_figures_are_byte_identical_across_processes(
    built_out: Path,
    tmp_path: Path,
    rendered: Callable[[str], tuple[dict[str, bytes], list[str]]],
) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "plot",
            "twinnings-over-time",
            "--lang",
            "ru",
            "--out",
            str(tmp_path),
            "--rdf",
            str(built_out / "rujp.nt"),
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    )
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["twinnings-over-time-ru.png", "twinnings-over-time-ru.svg"]
    files, _ = rendered("ru")
    for name in names:
        assert (tmp_path / name).read_bytes() == files[name], name
