"""The chart figures: twinnings over time, the conference timeline, the heatmap, the ranking.

- :func:`twinnings_over_time` — cumulative number of ties by kind, the ties in force each
  year (so the 2022 suspensions show), the end of the USSR and 2022 marked;
- :func:`conference_timeline` — every edition by number, at its date, with host and host
  country; editions whose date or host is not yet sourced are marked as such;
- :func:`heatmap` — which municipality attended which conference (and in what role);
- :func:`ranking` — the top places by degree, betweenness and PageRank in the twinning
  network.

Kinds, roles and countries are drawn in the order of their code lists (:mod:`kg.vocab.codes`)
with the colours of :mod:`kg.figures.style`. matplotlib is imported inside the functions.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

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
    Agreement,
    Meeting,
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
#: Statuses after which a tie is not in force.
_INACTIVE = frozenset({SUSPENDED, "ended"})
#: 26 December 1991, the end of the USSR, as a fractional year.
_USSR_END = 1991 + 359 / 365


def _active(agreement: Agreement, year: int) -> bool:
    """Whether a tie dated up to ``year`` was in force in ``year``: neither suspended nor
    ended by its latest status change up to then."""
    if agreement.year is None or agreement.year > year:
        return False
    latest = status_as_of(agreement, year)
    return latest is None or latest.status not in _INACTIVE


def twinnings_over_time(data: NetworkData, lang: str) -> Figure:
    """Cumulative ties by kind and in total, the ties in force each year (the status history
    of the graph), the dissolution of the USSR and the 2022 suspensions marked."""
    from matplotlib.figure import Figure

    text = TEXT[lang]
    dated = [a for a in data.agreements if a.year is not None]
    undated = len(data.agreements) - len(dated)
    first = min((a.year for a in dated if a.year is not None), default=1990) - 2
    years = list(range(first, 2027))
    fig = Figure(figsize=(9.5, 5.0), layout="constrained")
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
    ax.step(years, total, where="post", color="black", linewidth=1.6, label=text["total"])
    active = [sum(1 for a in dated if _active(a, year)) for year in years]
    ax.step(
        years,
        active,
        where="post",
        color="#c0392b",
        linewidth=1.6,
        linestyle=(0, (4, 2)),
        label=text["active"],
    )
    suspended = sum(
        1
        for a in data.agreements
        if (e := status_as_of(a, 2022)) is not None
        and e.status == SUSPENDED
        and e.date.startswith("2022")
    )
    top = max(total, default=1)
    ax.set_ylim(0, top * 1.45)
    ax.set_xlim(years[0], years[-1])
    # The USSR ended on 26 December 1991: a tie of 1991 (drawn from 1991 on) is left of the
    # marker, in the Soviet era.
    ax.axvline(_USSR_END, color="#888888", linestyle=":", linewidth=1)
    ax.text(_USSR_END - 0.4, top * 1.38, text["y1991"], fontsize=7, ha="right", va="top")
    ax.axvline(2022, color="#888888", linestyle=":", linewidth=1)
    note = text["y2022"]
    if suspended:
        note += "\n" + text["n_suspended"].format(n=suspended)
    ax.text(2021.6, top * 1.38, note, fontsize=7, ha="right", va="top")
    ax.set_xlabel(text["year"])
    ax.set_ylabel(text["ties"])
    ax.set_title(text["time"])
    fig.legend(loc="outside right upper", fontsize=7)
    if undated:
        ax.text(
            0.01,
            0.97,
            f"{undated} {text['undated']}",
            transform=ax.transAxes,
            fontsize=7,
            va="top",
            color="#555555",
        )
    return fig


def conference_timeline(data: NetworkData, lang: str) -> Figure:
    """Every edition of the conferences, one row each, at its date and with its host; an
    edition whose date is not yet sourced is drawn as the span between the editions before
    and after it, and said so; one whose host is not yet sourced is grey and said so."""
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    text = TEXT[lang]
    by_number = {m.number: m for m in data.meetings.values() if m.number > 0}
    last = max(by_number, default=0)
    numbers = list(range(1, last + 1))
    when = {n: _when(by_number[n]) for n in numbers if n in by_number}
    known = {n: w for n, w in when.items() if w is not None}
    lo = min(known.values(), default=1970.0)
    hi = max(known.values(), default=2020.0)
    fig = Figure(figsize=(9, 0.24 * max(len(numbers), 4) + 1.6), layout="constrained")
    ax = fig.add_subplot()
    for n in numbers:
        m = by_number.get(n)
        host = data.places.get(m.host) if m else None
        country = str(host.attrs.get("country", "")) if host else ""
        color = COUNTRY_COLOR.get(country, _UNKNOWN_COLOR)
        name = label(host.attrs, lang) if host else text["host_unknown"]
        at = known.get(n)
        if at is not None and m is not None:
            ax.scatter([at], [n], s=34, color=color, zorder=3, edgecolors="white", linewidths=0.5)
            ax.text(
                at + 0.7, n, f"{_date_text(m)} · {name}", va="center", fontsize=6.8, color="#222222"
            )
            continue
        before = [known[k] for k in known if k < n]
        after = [known[k] for k in known if k > n]
        start = max(before, default=lo - 2)
        end = min(after, default=hi + 2)
        ax.barh(
            [n],
            [end - start],
            left=[start],
            height=0.5,
            color="#eeeeee",
            edgecolor="#999999",
            hatch="////",
            linewidth=0.5,
            zorder=2,
        )
        ax.text(
            end + 0.7,
            n,
            f"{text['no_date']} · {name}",
            va="center",
            fontsize=6.8,
            color="#555555",
            style="italic",
        )
    ax.set_ylim(last + 0.8, 0.2)
    ax.set_xlim(lo - 3, hi + 16)
    ax.set_yticks(numbers)
    ax.set_yticklabels([text["conf"].format(n=n) for n in numbers], fontsize=6.8)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.5)
    ax.set_axisbelow(True)
    ax.set_xlabel(text["year"])
    ax.set_title(text["timeline"])
    for spine in ("left", "right", "top"):
        ax.spines[spine].set_visible(False)
    handles: list[Any] = [
        Line2D(
            [], [], marker="o", linestyle="", color=color, label=code_label(lang, codes.COUNTRY, c)
        )
        for c, color in COUNTRY_COLOR.items()
    ]
    handles.append(
        Line2D([], [], marker="o", linestyle="", color=_UNKNOWN_COLOR, label=text["host_unknown"])
    )
    handles.append(
        Patch(facecolor="#eeeeee", edgecolor="#999999", hatch="////", label=text["no_date_span"])
    )
    fig.legend(handles=handles, loc="outside lower center", ncol=len(handles), fontsize=7)
    return fig


def _when(meeting: Meeting) -> float | None:
    """The position of a meeting on a time axis: its year, plus its month when known."""
    if meeting.year is None:
        return None
    month = meeting.start[5:7]
    return meeting.year + ((int(month) - 0.5) / 12 if month.isdigit() else 0.5)


def _date_text(meeting: Meeting) -> str:
    """The sourced date of a meeting as written in the data: ``2009-08-18–20``, ``1993``."""
    start, end = meeting.start, meeting.end
    if not end or end == start:
        return start
    if len(start) == len(end) == 10 and start[:8] == end[:8]:
        return f"{start}–{end[8:]}"
    if len(start) == len(end) == 10 and start[:5] == end[:5]:
        return f"{start}–{end[5:]}"
    return f"{start}–{end}"


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
    fig = Figure(figsize=(7.5, max(4.0, 0.2 * len(places) + 2.4)), layout="constrained")
    ax = fig.add_subplot()
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
        [f"{b.nodes[m]['number']} ({b.nodes[m].get('year', '?')})" for m in meetings],
        fontsize=6.5,
        rotation=90,
    )
    ax.set_yticks(range(len(places)))
    ax.set_yticklabels(
        [f"{label(b.nodes[p], lang)} ({b.nodes[p].get('country', '?')})" for p in places],
        fontsize=6.5,
    )
    ax.set_xticks([x - 0.5 for x in range(len(meetings) + 1)], minor=True)
    ax.set_yticks([y - 0.5 for y in range(len(places) + 1)], minor=True)
    ax.grid(which="minor", color="#c8c8c8", linewidth=0.4)
    ax.tick_params(which="minor", length=0)
    ax.set_xlabel(text["conf_axis"], fontsize=7.5)
    ax.set_title(text["heatmap"])
    names = [
        text["absent"],
        text["attended"],
        *(code_label(lang, codes.ROLE, r) for r in ROLE_COLOR),
    ]
    fig.legend(
        handles=[
            Patch(facecolor=colors[i], edgecolor="#888888", linewidth=0.5, label=name)
            for i, name in enumerate(names)
        ],
        loc="outside lower center",
        ncol=3,
        fontsize=6.5,
    )
    return fig


def ranking(data: NetworkData, lang: str, top: int = 15) -> Figure:
    """The ``top`` places by degree, betweenness and PageRank, side by side."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    from kg.network import betweenness, pagerank, simple

    text = TEXT[lang]
    g = twinning_network(data)
    s = simple(g)
    measures: list[tuple[str, dict[str, float]]] = [
        ("degree", {n: float(d) for n, d in g.degree()}),
        ("betweenness", betweenness(s).values),
        ("pagerank", pagerank(s)),
    ]
    fig = Figure(figsize=(11, 5.4), layout="constrained")
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
    fig.legend(
        handles=[
            Patch(color=color, label=code_label(lang, codes.COUNTRY, c))
            for c, color in COUNTRY_COLOR.items()
        ],
        loc="outside lower center",
        ncol=len(COUNTRY_COLOR),
        fontsize=7.5,
        title=text["colour_country"],
        title_fontsize=7.5,
    )
    return fig
