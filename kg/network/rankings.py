"""Rankings over time: how nodes rank by a measure in each yearly snapshot of a projection.

:func:`rank` gives competition ranks (equal values share a rank); :func:`ranking_changes`
follows the nodes that reach the top of any year through the snapshots made by
:func:`kg.network.projections.snapshots`, one row per node with its rank and value per year.

>>> rank({"a": 0.1 + 0.2, "b": 0.3, "c": 0.1})
{'a': 1, 'b': 1, 'c': 3}
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from kg.network.centrality import (
    betweenness,
    closeness,
    degree,
    eigenvector,
    pagerank,
    weighted_degree,
)

__all__ = ["RANKING_MEASURES", "RANK_DIGITS", "rank", "ranking_changes"]


def _betweenness(g: Any) -> Mapping[Any, float]:
    return betweenness(g).values


#: Significant digits of a value that decide its rank.
RANK_DIGITS = 12

#: The measures a ranking can follow, by name.
RANKING_MEASURES: dict[str, Callable[[Any], Mapping[Any, float]]] = {
    "degree": degree,
    "weighted_degree": weighted_degree,
    "pagerank": pagerank,
    "eigenvector": eigenvector,
    "closeness": closeness,
    "betweenness": _betweenness,
}


def rank(values: Mapping[Any, float]) -> dict[Any, int]:
    """Competition ranks (1 is highest; equal values share a rank).

    Values equal to :data:`RANK_DIGITS` significant digits are equal, so that rounding
    noise (a tie computed in two orders of summation) does not split a tie.
    """
    ordered = sorted(
        ((node, float(f"{value:.{RANK_DIGITS}g}")) for node, value in values.items()),
        key=lambda kv: (-kv[1], str(kv[0])),
    )
    ranks: dict[Any, int] = {}
    last: float | None = None
    current = 0
    for position, (node, value) in enumerate(ordered, start=1):
        if value != last:
            current, last = position, value
        ranks[node] = current
    return ranks


def ranking_changes(
    snapshots: Mapping[int, Any], measure: str = "degree", top: int = 10
) -> list[dict[str, Any]]:
    """How nodes rank by ``measure`` in each yearly snapshot: one row per node that is in
    the top ``top`` of any year, with its rank (``None`` when absent) and value per year."""
    func = RANKING_MEASURES[measure]
    per_year: dict[int, dict[Any, float]] = {
        year: {k: float(v) for k, v in func(g).items()} for year, g in sorted(snapshots.items())
    }
    ranks = {year: rank(values) for year, values in per_year.items()}
    chosen: set[Any] = set()
    for year_ranks in ranks.values():
        chosen |= {node for node, r in year_ranks.items() if r <= top}
    labels: dict[Any, str] = {}
    for g in snapshots.values():
        for node, attrs in g.nodes(data=True):
            labels[node] = str(attrs.get("label_en", node))
    last_year = max(per_year, default=0)
    rows = []
    for node in chosen:
        row: dict[str, Any] = {"node": str(node), "label_en": labels[node]}
        for year, values in per_year.items():
            row[f"rank_{year}"] = ranks[year].get(node)
            row[f"{measure}_{year}"] = round(values[node], 6) if node in values else None
        rows.append(row)
    return sorted(
        rows,
        key=lambda r: (r[f"rank_{last_year}"] is None, r[f"rank_{last_year}"] or 0, r["node"]),
    )
