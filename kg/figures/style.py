"""The look shared by every figure: colours keyed by code, resolution and rendering settings.

Owns the colour tables (one colour per country, agreement kind and participant role, keyed by
the codes of :mod:`kg.vocab.codes`; :func:`by_code` refuses a table whose keys are not exactly
the code list, so a new code cannot be left without a colour), the PNG resolution, the SVG
hash salt and the matplotlib ``rc`` settings that make rebuilds byte-identical. No matplotlib
import here.

>>> list(KIND_COLOR) == list(codes.KIND.notations)
True
>>> by_code(codes.COUNTRY, {"JP": "red"})
Traceback (most recent call last):
...
ValueError: colours for country: missing RU, unknown none
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kg.vocab import codes

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

__all__ = [
    "ATTENDED_COLOR",
    "COUNTRY_COLOR",
    "DPI",
    "KIND_COLOR",
    "NEUTRAL_COLOR",
    "ROLE_COLOR",
    "SALT",
    "SUSPENDED",
    "by_code",
    "rc",
]

DPI = 150
#: ``svg.hashsalt``: fixed, so SVG ids are the same on every run.
SALT = "rujp-kg"
#: Ties and places whose code has no colour of its own.
NEUTRAL_COLOR = "#555555"
#: Heatmap cell of a participation whose role is unknown.
ATTENDED_COLOR = "#95a5a6"


def by_code(code_list: codes.CodeList, table: Mapping[str, str]) -> dict[str, str]:
    """``table`` in the order of ``code_list``; ``ValueError`` unless its keys are exactly
    the codes of the list."""
    missing = [c for c in code_list.notations if c not in table]
    unknown = sorted(set(table) - set(code_list.notations))
    if missing or unknown:
        raise ValueError(
            f"colours for {code_list.name}: missing {', '.join(missing) or 'none'}, "
            f"unknown {', '.join(unknown) or 'none'}"
        )
    return {code: table[code] for code in code_list.notations}


COUNTRY_COLOR = by_code(codes.COUNTRY, {"JP": "#c0392b", "RU": "#1f4e9c"})
KIND_COLOR = by_code(
    codes.KIND,
    {"sister": "#2a7f62", "friendship": "#d68910", "partner": "#7d3c98", "other": "#7f8c8d"},
)
ROLE_COLOR = by_code(
    codes.ROLE,
    {
        "mayor": "#1a5276",
        "deputy_mayor": "#2e86c1",
        "representative": "#85c1e9",
        "other": "#e59866",
    },
)
#: The status drawn dashed on the map and counted in 2022 on the time chart.
SUSPENDED = "suspended"
if SUSPENDED not in codes.STATUS.notations:
    raise ValueError(f"{SUSPENDED!r} is not a code of {codes.STATUS.name}")


def rc(fonts: list[str]) -> dict[RcKeyType, Any]:
    """matplotlib settings for drawing and saving: ``fonts`` in order, fixed SVG salt, glyphs
    as paths (no font files referenced by the SVG)."""
    return {
        "font.family": "sans-serif",
        "font.sans-serif": fonts,
        "svg.hashsalt": SALT,
        "svg.fonttype": "path",
        "axes.unicode_minus": False,
        "font.size": 8,
    }
