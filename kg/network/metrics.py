"""Measures of the network projections (:mod:`kg.network.projections`).

Each measure is a function of a NetworkX graph returning a dict keyed by node (or a number);
:func:`compute` runs them all and returns a :class:`Metrics` value that the CLI renders.

Conventions, stated once:

- path-based measures (betweenness, closeness) count hops and ignore weights; weighted
  degree, PageRank, eigenvector centrality and Louvain use ``weight`` (the number of
  agreements between a pair, or of conferences two places shared);
- a ``MultiGraph`` (twinning: one edge per agreement) is collapsed to a simple graph whose
  ``weight`` is the number of parallel edges before measures that need a simple graph;
- betweenness is exact up to :data:`EXACT_BETWEENNESS_LIMIT` nodes; above, it is computed
  per connected component, exactly for components up to that size and estimated from
  :data:`BETWEENNESS_SAMPLES` sources (fixed seed) within larger ones, and the summary says
  so (``betweenness_sampled``);
- closeness is exact (Wasserman–Faust, as NetworkX computes it for disconnected graphs),
  computed by a bit-parallel breadth-first search, 64 sources at a time;
- eigenvector centrality is computed within each connected component (the dominant
  eigenvector of ``A + I`` restricted to it, unit length) and scaled by the square root of the
  component's share of the nodes, so the whole vector has unit length, hubs of a small
  component do not outrank hubs of the giant one, and isolated nodes score 0;
- PageRank (damping 0.85) is computed with numpy (NetworkX's own needs SciPy) and agrees
  with NetworkX's reference implementation;
- communities are Louvain communities with a fixed seed, numbered by decreasing size.

>>> import networkx as nx
>>> round(closeness(nx.path_graph(3))[1], 3)
1.0
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx  # type: ignore[import-untyped, unused-ignore]
import numpy as np

__all__ = [
    "BETWEENNESS_SAMPLES",
    "EXACT_BETWEENNESS_LIMIT",
    "FORMATS",
    "MEASURES",
    "NODE_COLUMNS",
    "Betweenness",
    "Communities",
    "Metrics",
    "aggregates",
    "assortativity",
    "betweenness",
    "bipartite_degree",
    "closeness",
    "communities",
    "component_index",
    "components",
    "compute",
    "core_number",
    "degree",
    "eigenvector",
    "pagerank",
    "rank",
    "ranking_changes",
    "render",
    "render_rows",
    "simple",
    "weighted_degree",
]

EXACT_BETWEENNESS_LIMIT = 2000
BETWEENNESS_SAMPLES = 256
FORMATS = ("table", "csv", "json")

#: Columns of the per-node table, in order.
NODE_COLUMNS = (
    "node",
    "label_en",
    "country",
    "level",
    "degree",
    "weighted_degree",
    "betweenness",
    "closeness",
    "eigenvector",
    "pagerank",
    "core_number",
    "bipartite_degree",
    "community",
    "component",
)


# -- helpers ------------------------------------------------------------------------


def simple(g: Any) -> Any:
    """A simple undirected graph: parallel edges merged, ``weight`` summed (default 1)."""
    out: Any = nx.Graph(name=g.graph.get("name", ""))
    out.add_nodes_from(g.nodes(data=True))
    for u, v, data in g.edges(data=True):
        if u == v:
            continue
        w = float(data.get("weight", 1))
        if out.has_edge(u, v):
            out[u][v]["weight"] += w
        else:
            out.add_edge(u, v, weight=w)
    return out


@dataclass(frozen=True)
class _Arrays:
    """The graph as arrays: node order, directed edge lists (both ways) and weights."""

    nodes: list[Any]
    src: np.ndarray
    dst: np.ndarray
    weight: np.ndarray
    indptr: np.ndarray  # CSR over src-sorted edges
    indices: np.ndarray


def _arrays(g: Any, weight: str | None = "weight") -> _Arrays:
    s = g if not g.is_multigraph() else simple(g)
    nodes = list(s)
    index = {node: i for i, node in enumerate(nodes)}
    src: list[int] = []
    dst: list[int] = []
    wts: list[float] = []
    for u, v, data in s.edges(data=True):
        if u == v:
            continue
        w = float(data.get(weight, 1)) if weight else 1.0
        iu, iv = index[u], index[v]
        src += (iu, iv)
        dst += (iv, iu)
        wts += (w, w)
    src_a = np.asarray(src, dtype=np.int64)
    dst_a = np.asarray(dst, dtype=np.int64)
    order = np.argsort(src_a, kind="stable")
    counts = np.bincount(src_a, minlength=len(nodes))
    indptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return _Arrays(
        nodes, src_a, dst_a, np.asarray(wts, dtype=float), indptr, dst_a[order].astype(np.int64)
    )


# -- measures -----------------------------------------------------------------------


def degree(g: Any) -> dict[Any, int]:
    """Number of edges at each node (for the twinning network: agreements)."""
    return {node: int(d) for node, d in g.degree()}


def weighted_degree(g: Any, weight: str = "weight") -> dict[Any, float]:
    """Sum of edge weights at each node (an edge without ``weight`` counts 1)."""
    return {node: float(d) for node, d in g.degree(weight=weight)}


@dataclass(frozen=True)
class Betweenness:
    """Betweenness centrality, and whether (and from how many sources) it was sampled."""

    values: dict[Any, float]
    sampled: bool
    sources: int


def betweenness(
    g: Any,
    *,
    exact_limit: int = EXACT_BETWEENNESS_LIMIT,
    samples: int = BETWEENNESS_SAMPLES,
    seed: int = 0,
) -> Betweenness:
    """Normalised betweenness (hops), as :func:`networkx.betweenness_centrality` computes it.

    Up to ``exact_limit`` nodes it is exact. Above, it is computed per connected component
    (betweenness depends only on a node's component): exactly for components of at most
    ``exact_limit`` nodes, and estimated from ``samples`` sources drawn with ``seed`` for
    larger ones; ``sampled`` says whether any component was sampled.
    """
    s = simple(g) if g.is_multigraph() else g
    n = s.number_of_nodes()
    if n <= exact_limit:
        values = nx.betweenness_centrality(s, normalized=True)
        return Betweenness({k: float(v) for k, v in values.items()}, False, n)
    out = dict.fromkeys(s, 0.0)
    sampled = False
    for comp in nx.connected_components(s):
        size = len(comp)
        if size < 3:
            continue
        if size == n:
            sub = s
        else:  # in the graph's node order, so the sampled sources do not depend on hashing
            sub = nx.Graph()
            sub.add_nodes_from(v for v in s if v in comp)
            sub.add_edges_from(s.edges(sub.nodes))
        if size <= exact_limit or samples >= size:
            part = nx.betweenness_centrality(sub, normalized=True)
        else:
            part = nx.betweenness_centrality(sub, k=samples, normalized=True, seed=seed)
            sampled = True
        factor = (size - 1) * (size - 2) / ((n - 1) * (n - 2))
        for node, value in part.items():
            out[node] = float(value) * factor
    return Betweenness(out, sampled, samples if sampled else n)


def _popcounts(bits: np.ndarray) -> np.ndarray:
    """For an array of uint64 bit sets, how many of them have each of the 64 bits set."""
    if bits.size == 0:
        return np.zeros(64, dtype=np.int64)
    as_bytes = bits.astype("<u8").view(np.uint8).reshape(-1, 8)
    unpacked = np.unpackbits(as_bytes, axis=1, bitorder="little")
    counts: np.ndarray = unpacked.sum(axis=0, dtype=np.int64)
    return counts


def _bfs_distances(
    indptr: np.ndarray, indices: np.ndarray, sources: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For up to 64 ``sources``: the sum of hop distances to the nodes each reaches and how
    many it reaches (itself excluded), by a bit-parallel breadth-first search."""
    n = len(indptr) - 1
    degree_zero = np.diff(indptr) == 0
    starts = indptr[:-1]
    bits = np.left_shift(np.uint64(1), np.arange(len(sources), dtype=np.uint64))
    visited = np.zeros(n, dtype=np.uint64)
    visited[sources] = bits
    frontier = visited.copy()
    total = np.zeros(len(sources), dtype=np.int64)
    reach = np.zeros(len(sources), dtype=np.int64)
    level = 0
    while True:
        level += 1
        gathered = np.append(frontier[indices], np.uint64(0))
        reached = np.bitwise_or.reduceat(gathered, starts)
        reached[degree_zero] = 0
        new = reached & ~visited
        nonzero = new[new != 0]
        if nonzero.size == 0:
            return total, reach
        visited |= new
        frontier = new
        counts = _popcounts(nonzero)[: len(sources)]
        total += level * counts
        reach += counts


def closeness(g: Any) -> dict[Any, float]:
    """Closeness centrality (hops), Wasserman–Faust scaled for disconnected graphs; equal to
    :func:`networkx.closeness_centrality` but computed 64 sources at a time.

    Nodes are renumbered component by component, so a batch of sources only walks the
    components it lies in.
    """
    a = _arrays(g, weight=None)
    n = len(a.nodes)
    if n <= 1:
        return dict.fromkeys(a.nodes, 0.0)
    comp_of = component_index(g)
    comp = np.asarray([comp_of[node] for node in a.nodes], dtype=np.int64)
    order = np.argsort(comp, kind="stable")  # new position -> old index
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n)
    degrees = np.diff(a.indptr)[order]
    indptr = np.concatenate([[0], np.cumsum(degrees)]).astype(np.int64)
    edge_pos = np.repeat(a.indptr[:-1][order] - indptr[:-1], degrees) + np.arange(indptr[-1])
    indices = position[a.indices[edge_pos]]
    sizes = np.bincount(comp)
    comp_sorted = comp[order]
    comp_start = np.concatenate([[0], np.cumsum(sizes)])
    total = np.zeros(n, dtype=np.int64)
    reach = np.ones(n, dtype=np.int64)
    for first in range(0, n, 64):
        last = min(n, first + 64)
        lo = int(comp_start[comp_sorted[first]])
        hi = int(comp_start[comp_sorted[last - 1] + 1])
        sub_indptr = indptr[lo : hi + 1] - indptr[lo]
        sub_indices = indices[indptr[lo] : indptr[hi]] - lo
        t, r = _bfs_distances(sub_indptr, sub_indices, np.arange(first - lo, last - lo))
        total[first:last] = t
        reach[first:last] += r
    values = np.zeros(n)
    ok = total > 0
    r_ok = reach[ok] - 1
    values[ok] = (r_ok / total[ok]) * (r_ok / (n - 1))
    return {a.nodes[old]: float(values[new]) for new, old in enumerate(order)}


def component_index(g: Any) -> dict[Any, int]:
    """Connected component of each node: 0 is the largest (ties by smallest node id)."""
    return {node: i for i, comp in enumerate(components(g)) for node in comp}


def components(g: Any) -> list[list[Any]]:
    """Connected components as sorted node lists, largest first."""
    comps = [sorted(c, key=str) for c in nx.connected_components(g)]
    return sorted(comps, key=lambda c: (-len(c), str(c[0])))


def eigenvector(
    g: Any, weight: str = "weight", tol: float = 1e-10, max_iter: int = 10_000
) -> dict[Any, float]:
    """Eigenvector centrality that copes with disconnected graphs (see the module notes)."""
    a = _arrays(g, weight=weight)
    n = len(a.nodes)
    if n == 0:
        return {}
    comp_of = component_index(g)
    comp = np.asarray([comp_of[node] for node in a.nodes], dtype=np.int64)
    sizes = np.bincount(comp)
    x = np.ones(n)
    for _ in range(max_iter):
        y = x + np.bincount(a.dst, weights=x[a.src] * a.weight, minlength=n)
        norms = np.sqrt(np.bincount(comp, weights=y * y))
        y = y / norms[comp]
        done = float(np.abs(y - x).max()) < tol
        x = y
        if done:
            break
    x = x * np.sqrt(sizes[comp] / n)
    x[sizes[comp] == 1] = 0.0
    return {node: float(x[i]) for i, node in enumerate(a.nodes)}


def pagerank(
    g: Any, alpha: float = 0.85, weight: str = "weight", tol: float = 1e-10, max_iter: int = 1000
) -> dict[Any, float]:
    """PageRank with uniform teleport and dangling nodes spread uniformly (NetworkX's
    defaults); the values sum to 1."""
    a = _arrays(g, weight=weight)
    n = len(a.nodes)
    if n == 0:
        return {}
    out_w = np.bincount(a.src, weights=a.weight, minlength=n)
    dangling = out_w == 0
    share = np.where(out_w[a.src] > 0, a.weight / np.where(out_w > 0, out_w, 1)[a.src], 0.0)
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = alpha * (np.bincount(a.dst, weights=last[a.src] * share, minlength=n))
        x += (alpha * last[dangling].sum() + 1.0 - alpha) / n
        if float(np.abs(x - last).sum()) < n * tol:
            break
    return {node: float(x[i]) for i, node in enumerate(a.nodes)}


def core_number(g: Any) -> dict[Any, int]:
    """k-core number of each node (the largest k such that it lies in the k-core)."""
    s = simple(g) if g.is_multigraph() else g
    return {node: int(k) for node, k in nx.core_number(s).items()}


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
    s = simple(g) if g.is_multigraph() else g
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
    s = simple(g) if g.is_multigraph() else g
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
    s = simple(g) if g.is_multigraph() else g
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


def compute(g: Any, name: str = "", year: int | None = None, *, seed: int = 0) -> Metrics:
    """Run every measure on ``g``; nodes ordered by PageRank, then degree, then id."""
    s = simple(g) if g.is_multigraph() else g
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
    comps = components(s)
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
    summary: dict[str, Any] = {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "density": _r(float(nx.density(s))) if s.number_of_nodes() > 1 else 0.0,
        "components": len(comps),
        "largest_component": len(comps[0]) if comps else 0,
        "communities": len(comms.groups),
        "community_method": f"{comms.method} (seed {seed})",
        "modularity": _r(comms.modularity),
        "degree_assortativity": None if (a := assortativity(s)) is None else _r(a),
        "max_core_number": max(core.values(), default=0),
        "betweenness_sampled": btw.sampled,
        "betweenness_sources": btw.sources,
    }
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


# -- rankings over time ---------------------------------------------------------------


def rank(values: Mapping[Any, float]) -> dict[Any, int]:
    """Competition ranks (1 is highest; equal values share a rank)."""
    ordered = sorted(values.items(), key=lambda kv: (-kv[1], str(kv[0])))
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
    funcs: dict[str, Callable[[Any], Mapping[Any, float]]] = {
        "degree": degree,
        "weighted_degree": weighted_degree,
        "pagerank": pagerank,
        "eigenvector": eigenvector,
        "closeness": closeness,
        "betweenness": lambda g: betweenness(g).values,
    }
    func = funcs[measure]
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
            row[f"{measure}_{year}"] = _r(values[node]) if node in values else None
        rows.append(row)
    return sorted(
        rows,
        key=lambda r: (r[f"rank_{last_year}"] is None, r[f"rank_{last_year}"] or 0, r["node"]),
    )


# -- rendering ----------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def _table(rows: Iterable[Mapping[str, Any]], columns: tuple[str, ...]) -> str:
    body = [[_cell(r.get(c)) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(line[i]) for line in body]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines += [
        "  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip() for line in body
    ]
    return "\n".join(lines) + "\n"


def render_rows(rows: list[dict[str, Any]], fmt: str) -> str:
    """Rows with the same keys as a ``table``, ``csv`` (header first) or ``json`` array."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    columns = tuple(rows[0]) if rows else ()
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_cell(r.get(c)) for c in columns] for r in rows)
        return buffer.getvalue()
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return _table(rows, columns) if rows else "(no rows)\n"


_TABLE_COLUMNS = (
    "label_en",
    "country",
    "degree",
    "weighted_degree",
    "betweenness",
    "closeness",
    "eigenvector",
    "pagerank",
    "core_number",
    "community",
    "component",
)


def render(metrics: Metrics, fmt: str) -> str:
    """``table`` (summary, nodes, aggregates), ``csv`` (one row per node, header first) or
    ``json`` (everything)."""
    if fmt == "json":
        payload = {
            "graph": metrics.graph,
            "year": metrics.year,
            "summary": metrics.summary,
            "notes": metrics.notes,
            "nodes": metrics.nodes,
            "aggregates": metrics.aggregates,
        }
        return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(NODE_COLUMNS), lineterminator="\n")
        writer.writeheader()
        for row in metrics.nodes:
            writer.writerow({k: _cell(row.get(k)) for k in NODE_COLUMNS})
        return buffer.getvalue()
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    title = metrics.graph + (f" network as of {metrics.year}" if metrics.year else " network")
    out = [f"# {title}"]
    out += [f"{k}: {_cell(v)}" for k, v in metrics.summary.items()]
    out += [f"note: {n}" for n in metrics.notes]
    out += ["", _table(metrics.nodes, _TABLE_COLUMNS)]
    out += [
        _table(
            metrics.aggregates,
            ("by", "group", "nodes", "degree_sum", "degree_mean", "pagerank_share"),
        )
    ]
    return "\n".join(out)
