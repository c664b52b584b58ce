"""Measures of the network projections (:mod:`kg.network.projections`) and :func:`compute`.

Each measure is a function of a NetworkX graph returning a dict keyed by node (or a number);
:func:`compute` runs them all and returns a :class:`Metrics` value that
:mod:`kg.network.render` prints. Betweenness, closeness, eigenvector centrality and PageRank
and degree live in :mod:`kg.network.centrality` (NetworkX or igraph engine, with their
conventions); the others are NetworkX's. Conventions, stated once:

- weighted degree and Louvain use ``weight`` (the number of agreements between a pair, or of
  conferences two places shared);
- a ``MultiGraph`` (twinning: one edge per agreement) is collapsed to a simple graph whose
  ``weight`` is the number of parallel edges before measures that need a simple graph;
- communities are Louvain communities with a fixed seed, numbered by decreasing size;
- components are numbered by decreasing size (ties by smallest node id).

>>> import networkx as nx
>>> component_index(nx.Graph([("a", "b"), ("b", "c"), ("x", "y")]))["y"]
1
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx  # type: ignore[import-untyped, unused-ignore]
import numpy as np

from kg.network.centrality import (
    EXACT_BETWEENNESS_LIMIT,
    betweenness,
    closeness,
    degree,
    eigenvector,
    pagerank,
    simple,
    weighted_degree,
)

__all__ = [
    "MEASURES",
    "Communities",
    "Metrics",
    "aggregates",
    "assortativity",
    "bipartite_degree",
    "communities",
    "component_index",
    "components",
    "compute",
    "core_number",
]


def _simple(g: Any) -> Any:
    return simple(g) if g.is_multigraph() else g


def component_index(g: Any) -> dict[Any, int]:
    """Connected component of each node: 0 is the largest (ties by smallest node id)."""
    return {node: i for i, comp in enumerate(components(g)) for node in comp}


def components(g: Any) -> list[list[Any]]:
    """Connected components as sorted node lists, largest first."""
    comps = [sorted(c, key=str) for c in nx.connected_components(g)]
    return sorted(comps, key=lambda c: (-len(c), str(c[0])))


def core_number(g: Any) -> dict[Any, int]:
    """k-core number of each node (the largest k such that it lies in the k-core)."""
    return {node: int(k) for node, k in nx.core_number(_simple(g)).items()}


@dataclass(frozen=True)
class Communities:
    """A partition (largest community first) and its modularity."""

    groups: list[list[Any]]
    modularity: float
    method: str

    def index(self) -> dict[Any, int]:
        return {node: i for i, group in enumerate(self.groups) for node in group}


def communities(g: Any, *, seed: int = 0, weight: str = "weight") -> Communities:
    """Louvain communities (seeded, weighted) and the modularity of the partition."""
    s = _simple(g)
    if s.number_of_edges() == 0:
        groups = [[node] for node in sorted(s, key=str)]
        return Communities(groups, 0.0, "louvain")
    found = nx.community.louvain_communities(s, weight=weight, seed=seed)
    groups = sorted(
        (sorted(c, key=str) for c in found), key=lambda c: (-len(c), str(c[0]) if c else "")
    )
    q = nx.community.modularity(s, [set(c) for c in groups], weight=weight)
    return Communities(groups, float(q), "louvain")


def assortativity(g: Any) -> float | None:
    """Degree assortativity coefficient; ``None`` where it is undefined."""
    s = _simple(g)
    if s.number_of_edges() < 2:
        return None
    with np.errstate(all="ignore"):
        value = float(nx.degree_assortativity_coefficient(s))
    return None if math.isnan(value) else value


def _bipartite_sets(g: Any) -> tuple[set[Any], set[Any]] | None:
    zero = {n for n, b in g.nodes(data="bipartite") if b == 0}
    one = {n for n, b in g.nodes(data="bipartite") if b == 1}
    if len(zero) + len(one) != g.number_of_nodes():
        return None
    if any((u in zero) == (v in zero) for u, v in g.edges()):
        return None
    return zero, one


def bipartite_degree(g: Any) -> dict[Any, float] | None:
    """Degree divided by the size of the other side (``bipartite`` 0/1); ``None`` when the
    graph is not bipartite along that attribute."""
    sets = _bipartite_sets(g)
    if sets is None:
        return None
    zero, one = sets
    s = _simple(g)
    out = {}
    for node in s:
        other = len(one) if node in zero else len(zero)
        out[node] = s.degree(node) / other if other else 0.0
    return out


def aggregates(g: Any, node_values: Mapping[Any, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Per-country and per-region totals: nodes, edges at them, mean degree, PageRank share.

    Regions group municipalities by their ``region`` attribute; a regional government
    counts in its own region.
    """
    groups: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for node, attrs in g.nodes(data=True):
        if attrs.get("node_type") == "conference":
            groups[("type", "conference")].append(node)
            continue
        groups[("country", str(attrs.get("country", "?")))].append(node)
        if attrs.get("government") == "regional":
            region = str(attrs.get("data_key", node))
        else:
            region = str(attrs.get("region", "")).rsplit("/", 1)[-1] or "(no region)"
        groups[("region", region)].append(node)
    rows = []
    for (by, name), members in sorted(groups.items()):
        degrees = [int(node_values[m]["degree"]) for m in members]
        pr = sum(float(node_values[m]["pagerank"]) for m in members)
        rows.append(
            {
                "by": by,
                "group": name,
                "nodes": len(members),
                "degree_sum": sum(degrees),
                "degree_mean": round(sum(degrees) / len(members), 6),
                "pagerank_share": round(pr, 6),
            }
        )
    return rows


# -- all together -------------------------------------------------------------------


@dataclass
class Metrics:
    """Every measure of one projection: a row per node, a summary and aggregates."""

    graph: str
    year: int | None
    nodes: list[dict[str, Any]] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)
    aggregates: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _r(value: float) -> float:
    return round(value, 6)


def _summary(
    g: Any, s: Any, core: Mapping[Any, int], found: Communities, seed: int
) -> dict[str, Any]:
    """The graph-level figures, in the order the CLI prints them."""
    comps = components(s)
    return {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "density": _r(float(nx.density(s))) if s.number_of_nodes() > 1 else 0.0,
        "components": len(comps),
        "largest_component": len(comps[0]) if comps else 0,
        "communities": len(found.groups),
        "community_method": f"{found.method} (seed {seed})",
        "modularity": _r(found.modularity),
        "degree_assortativity": None if (a := assortativity(s)) is None else _r(a),
        "max_core_number": max(core.values(), default=0),
    }


def compute(g: Any, name: str = "", year: int | None = None, *, seed: int = 0) -> Metrics:
    """Run every measure on ``g``; nodes ordered by PageRank, then degree, then id."""
    s = _simple(g)
    deg = degree(g)
    wdeg = weighted_degree(g)
    btw = betweenness(s, seed=seed)
    clo = closeness(s)
    eig = eigenvector(s)
    pr = pagerank(s)
    core = core_number(s)
    bdeg = bipartite_degree(s)
    comms = communities(s, seed=seed)
    comm_of = comms.index()
    comp_of = component_index(s)
    rows: dict[Any, dict[str, Any]] = {}
    for node, attrs in g.nodes(data=True):
        row: dict[str, Any] = {
            "node": str(node),
            "label_en": str(attrs.get("label_en", attrs.get("data_key", ""))),
            "country": str(attrs.get("country", "")),
            "level": str(attrs.get("level", attrs.get("node_type", ""))),
            "degree": deg[node],
            "weighted_degree": _r(wdeg[node]),
            "betweenness": _r(btw.values[node]),
            "closeness": _r(clo[node]),
            "eigenvector": _r(eig[node]),
            "pagerank": _r(pr[node]),
            "core_number": core[node],
            "bipartite_degree": _r(bdeg[node]) if bdeg is not None else "",
            "community": comm_of[node],
            "component": comp_of[node],
        }
        rows[node] = row
    ordered = sorted(rows.values(), key=lambda r: (-r["pagerank"], -r["degree"], r["node"]))
    summary = _summary(g, s, core, comms, seed)
    summary["betweenness_sampled"] = btw.sampled
    summary["betweenness_sources"] = btw.sources
    sets = _bipartite_sets(s)
    if sets is not None:
        zero, one = sets
        summary["bipartite_density"] = _r(
            s.number_of_edges() / (len(zero) * len(one)) if zero and one else 0.0
        )
    notes = []
    if btw.sampled:
        notes.append(
            f"betweenness sampled from {btw.sources} sources (seed {seed}) in every connected "
            f"component of more than {EXACT_BETWEENNESS_LIMIT} nodes"
        )
    raw = {node: {"degree": deg[node], "pagerank": pr[node]} for node in g}
    return Metrics(name, year, ordered, summary, aggregates(g, raw), notes)


#: Every measure by name, for benchmarks: a function of a graph.
MEASURES: dict[str, Callable[[Any], object]] = {
    "degree": degree,
    "weighted_degree": weighted_degree,
    "betweenness": betweenness,
    "closeness": closeness,
    "eigenvector": eigenvector,
    "pagerank": pagerank,
    "core_number": core_number,
    "bipartite_degree": bipartite_degree,
    "communities": communities,
    "components": components,
    "assortativity": assortativity,
}
