"""The chart figures: twinnings over time, the conference timeline, the heatmap, the ranking.

- :func:`twinnings_over_time` — cumulative number of ties by kind, 1991 and 2022 marked;
- :func:`conference_timeline` — the conferences by number and year, host and host country;
- :func:`heatmap` — which municipality attended which conference (and in what role);
- :func:`ranking` — the top places by degree, betweenness and PageRank in the twinning
  network.

Kinds, roles and countries are drawn in the order of their code lists (:mod:`kg.vocab.codes`)
with the colours of :mod:`kg.figures.style`. matplotlib is imported inside the functions.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from kg.figures.i18n import TEXT, code_label
from kg.figures.style import (
    ATTENDED_COLOR,
    COUNTRY_COLOR,
    KIND_COLOR,
    NEUTRAL_COLOR,
    ROLE_COLOR,
    SUSPENDED,
)
from kg.network import (
    NetworkData,
    bipartite_network,
    label,
    status_as_of,
    twinning_network,
)
from kg.vocab import codes

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["conference_timeline", "heatmap", "ranking", "twinnings_over_time"]

#: Host country not known.
_UNKNOWN_COLOR = "#999999"


def twinnings_over_time(data: NetworkData, lang: str) -> Figure:
    """Cumulative ties by kind and in total, with 1991 and 2022 marked."""
    from matplotlib.figure import Figure

    text = TEXT[lang]
    dated = [a for a in data.agreements if a.year is not None]
    undated = len(data.agreements) - len(dated)
    first = min((a.year for a in dated if a.year is not None), default=1990) - 2
    years = list(range(first, 2026))
    fig = Figure(figsize=(8, 4.5))
    ax = fig.add_subplot()
    kinds = [k for k in KIND_COLOR if any(a.kind == k for a in dated)]
    total = [0] * len(years)
    for kind in kinds:
        counts = Counter(a.year for a in dated if a.kind == kind)
        running, series = 0, []
        for year in years:
            running += counts.get(year, 0)
            series.append(running)
        ax.step(
            years,
            series,
            where="post",
            color=KIND_COLOR[kind],
            label=code_label(lang, codes.KIND, kind),
        )
        total = [t + s for t, s in zip(total, series, strict=True)]
    ax.step(years, total, where="post", color="black", linewidth=1.6, label="Σ")
    suspended = sum(
        1
        for a in data.agreements
        if (e := status_as_of(a, 2022)) is not None
        and e.status == SUSPENDED
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


def conference_timeline(data: NetworkData, lang: str) -> Figure:
    """The conferences along a time axis, coloured by host country; undated ones listed."""
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    text = TEXT[lang]
    meetings = sorted(data.meetings.values(), key=lambda m: m.number)
    dated = [(m, m.year) for m in meetings if m.year is not None]
    fig = Figure(figsize=(9, 4.2))
    ax = fig.add_subplot()
    ax.axhline(0, color=NEUTRAL_COLOR, linewidth=0.8)
    for i, (m, year) in enumerate(dated):
        host = data.places.get(m.host)
        country = str(host.attrs.get("country", "")) if host else ""
        color = COUNTRY_COLOR.get(country, _UNKNOWN_COLOR)
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
    ax.legend(
        handles=[
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                color=color,
                label=code_label(lang, codes.COUNTRY, c),
            )
            for c, color in COUNTRY_COLOR.items()
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


def heatmap(data: NetworkData, lang: str) -> Figure:
    """Places (by country, then most conferences) against conferences, coloured by role."""
    import numpy as np
    from matplotlib.colors import ListedColormap
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    text = TEXT[lang]
    b = bipartite_network(data)
    meetings = sorted(
        (n for n, t in b.nodes(data="node_type") if t == "conference"),
        key=lambda n: b.nodes[n]["number"],
    )
    places = sorted(
        (n for n, t in b.nodes(data="node_type") if t == "place"),
        key=lambda n: (str(b.nodes[n].get("country")), -b.degree(n), label(b.nodes[n], "en")),
    )
    # Cell values: 0 absent, 1 attended with the role unknown, then one per role code.
    cell = {role: i + 2 for i, role in enumerate(ROLE_COLOR)}
    grid = np.zeros((len(places), len(meetings)), dtype=int)
    for i, place in enumerate(places):
        for j, meeting in enumerate(meetings):
            if b.has_edge(place, meeting):
                grid[i, j] = cell.get(str(b[place][meeting].get("role", "")), 1)
    colors = ["#ffffff", ATTENDED_COLOR, *ROLE_COLOR.values()]
    fig = Figure(figsize=(7, max(4.0, 0.2 * len(places) + 1.6)))
    ax = fig.add_axes((0.3, 0.12, 0.5, 0.8))
    ax.imshow(
        grid,
        cmap=ListedColormap(colors),
        vmin=0,
        vmax=len(colors) - 1,
        aspect="auto",
        interpolation="nearest",
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
    names = [text["attended"], *(code_label(lang, codes.ROLE, r) for r in ROLE_COLOR)]
    ax.legend(
        handles=[Patch(color=colors[i + 1], label=name) for i, name in enumerate(names)],
        loc="upper left",
        bbox_to_anchor=(1.02, 1.0),
        fontsize=6.5,
    )
    return fig


def ranking(data: NetworkData, lang: str, top: int = 15) -> Figure:
    """The ``top`` places by degree, betweenness and PageRank, side by side."""
    from matplotlib.figure import Figure

    from kg.network import betweenness, pagerank, simple

    text = TEXT[lang]
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
            color=[COUNTRY_COLOR.get(str(g.nodes[n].get("country")), NEUTRAL_COLOR) for n in best],
        )
        ax.set_yticks(ys)
        ax.set_yticklabels([label(g.nodes[n], lang) for n in best], fontsize=6.5)
        ax.set_title(text[key], fontsize=9)
        ax.tick_params(axis="x", labelsize=6.5)
    fig.suptitle(text["ranking"])
    fig.subplots_adjust(left=0.1, right=0.98, wspace=0.75)
    return fig
