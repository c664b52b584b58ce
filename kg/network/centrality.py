"""Centralities: degree, and betweenness, closeness, eigenvector and PageRank on two engines.

Each of the last four takes a NetworkX graph and runs on one of two engines, chosen by ``engine``:

- ``"networkx"``: NetworkX's own implementations (PageRank and eigenvector centrality through
  SciPy), the reference;
- ``"igraph"``: python-igraph's compiled ones, for large graphs;
- ``"auto"`` (the default): NetworkX below :data:`IGRAPH_FROM` nodes + edges (the real
  networks, so what the CLI prints is the reference), igraph from there.

The engines agree within :data:`ENGINE_TOLERANCE` (absolute) for PageRank, eigenvector
centrality and closeness, and to rounding for betweenness, sampled or not (the tests check
this on the real networks and on synthetic ones at ten times their size). Semantics, stated
once and adapted on the igraph side where igraph differs:

- betweenness and closeness count hops and ignore weights; PageRank and eigenvector centrality
  use ``weight`` (an edge without it counts 1); a ``MultiGraph`` is first collapsed by
  :func:`simple` (``weight`` = number of parallel edges);
- betweenness is normalised as :func:`networkx.betweenness_centrality` does (igraph counts
  each unordered pair once: doubled and scaled). It is exact up to
  :data:`EXACT_BETWEENNESS_LIMIT` nodes; above, it is computed per connected component,
  exactly for components up to that size and from :data:`BETWEENNESS_SAMPLES` sources within
  larger ones — the sources NetworkX draws (``random.Random(seed).sample`` of the component's
  nodes in graph order), rescaled as NetworkX rescales them — and :class:`Betweenness` says so;
- closeness is Wasserman–Faust scaled for disconnected graphs, as NetworkX computes it
  (igraph's value within the component times ``(reachable - 1) / (n - 1)``; isolated nodes 0);
- eigenvector centrality is computed within each connected component (the Perron vector of
  its adjacency matrix, unit length) and scaled by the square root of the component's share
  of the nodes, so the whole vector has unit length, hubs of a small component do not outrank
  hubs of the giant one, and isolated nodes score 0 (on igraph, the components are solved one
  by one, and a component of two nodes, whose Perron vector is ``(1, 1) / sqrt(2)``, needs
  no solver);
- PageRank has damping 0.85, uniform teleport and dangling nodes spread uniformly
  (NetworkX's defaults; igraph's PRPACK solver does the same); the values sum to 1.

>>> import networkx as nx
>>> path = nx.path_graph(3)
>>> closeness(path)[1] == closeness(path, engine="igraph")[1] == 1.0
True
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx  # type: ignore[import-untyped, unused-ignore]

__all__ = [
    "BETWEENNESS_SAMPLES",
    "ENGINES",
    "ENGINE_TOLERANCE",
    "EXACT_BETWEENNESS_LIMIT",
    "IGRAPH_FROM",
    "Betweenness",
    "Engine",
    "betweenness",
    "closeness",
    "degree",
    "eigenvector",
    "pagerank",
    "simple",
    "uses_igraph",
    "weighted_degree",
]

Engine = Literal["auto", "networkx", "igraph"]
#: The engine names.
ENGINES: tuple[Engine, ...] = ("auto", "networkx", "igraph")
#: Under ``engine="auto"``, graphs of at least this many nodes + edges run on igraph.
IGRAPH_FROM = 1000
#: The engines' PageRank, eigenvector and closeness values agree within this (absolute).
ENGINE_TOLERANCE = 1e-6
EXACT_BETWEENNESS_LIMIT = 2000
BETWEENNESS_SAMPLES = 256
#: Stopping rule of NetworkX's PageRank: L1 change per iteration under ``n * _PAGERANK_TOL``.
_PAGERANK_TOL = 1e-10
_PAGERANK_MAX_ITER = 1000


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


def _simple(g: Any) -> Any:
    return simple(g) if g.is_multigraph() else g


def uses_igraph(g: Any, engine: Engine = "auto") -> bool:
    """Whether a measure of ``g`` runs on igraph with this ``engine`` choice."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if engine == "auto":
        return bool(g.number_of_nodes() + g.number_of_edges() >= IGRAPH_FROM)
    return engine == "igraph"


def _to_igraph(g: Any, weight: str | None = None) -> tuple[list[Any], Any]:
    """``g``'s nodes in order and the igraph graph whose vertex ``i`` is node ``i``, with edge
    attribute ``weight`` (``g``'s ``weight`` attribute, 1 where absent or not asked for)."""
    import igraph as ig  # type: ignore[import-untyped, unused-ignore]

    nodes = list(g)
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in g.edges()]
    if weight is None:
        weights = [1.0] * len(edges)
    else:
        weights = [float(w) for _, _, w in g.edges(data=weight, default=1)]
    return nodes, ig.Graph(n=len(nodes), edges=edges, edge_attrs={"weight": weights})


def _membership(h: Any) -> list[int]:
    """The connected component of each vertex of ``h``."""
    membership: list[int] = h.connected_components().membership
    return membership


def _split(h: Any) -> list[tuple[list[int], Any]]:
    """The connected components of ``h`` with three vertices or more: the vertex ids of each
    (ascending) and the component as its own igraph graph (vertex ``j`` is the ``j``-th id,
    edge ``weight`` kept); built from the edge list, which is far quicker than one induced
    subgraph per component when there are many."""
    import igraph as ig  # type: ignore[import-untyped, unused-ignore]

    membership = _membership(h)
    members: list[list[int]] = [[] for _ in range(max(membership, default=-1) + 1)]
    local = [0] * len(membership)
    for i, c in enumerate(membership):
        local[i] = len(members[c])
        members[c].append(i)
    if len(members) == 1:
        return [(members[0], h)] if len(members[0]) > 2 else []
    edges: list[list[tuple[int, int]]] = [[] for _ in members]
    weights: list[list[float]] = [[] for _ in members]
    for (u, v), w in zip(h.get_edgelist(), h.es["weight"], strict=True):
        c = membership[u]
        edges[c].append((local[u], local[v]))
        weights[c].append(w)
    return [
        (ids, ig.Graph(n=len(ids), edges=edges[c], edge_attrs={"weight": weights[c]}))
        for c, ids in enumerate(members)
        if len(ids) > 2
    ]


def degree(g: Any) -> dict[Any, int]:
    """Number of edges at each node (for the twinning network: agreements)."""
    return {node: int(d) for node, d in g.degree()}


def weighted_degree(g: Any, weight: str = "weight") -> dict[Any, float]:
    """Sum of edge weights at each node (an edge without ``weight`` counts 1)."""
    return {node: float(d) for node, d in g.degree(weight=weight)}


# -- betweenness --------------------------------------------------------------------------


@dataclass(frozen=True)
class Betweenness:
    """Betweenness centrality, and whether (and from how many sources) it was sampled."""

    values: dict[Any, float]
    sampled: bool
    sources: int


def _sample(nodes: list[Any], samples: int, seed: int) -> list[Any]:
    """The sources NetworkX's ``betweenness_centrality(k=samples, seed=seed)`` draws."""
    return random.Random(seed).sample(nodes, samples)


def _betweenness_igraph(
    s: Any, comps: list[list[Any]], exact_limit: int, samples: int, seed: int
) -> tuple[dict[Any, float], bool]:
    """Per component: igraph's pair counts from every source, or from NetworkX's sample
    (doubled to count ordered pairs), rescaled as NetworkX rescales them."""
    nodes, h = _to_igraph(s)
    index = {node: i for i, node in enumerate(nodes)}
    n = len(nodes)
    total = (n - 1) * (n - 2)
    scale = [0.0] * n
    sources: list[int] = []
    sampled = False
    for comp in comps:
        size = len(comp)
        if size < 3:
            continue
        if size <= exact_limit or samples >= size:
            sources += (index[v] for v in comp)
            for v in comp:
                scale[index[v]] = 2 / total
            continue
        sampled = True
        chosen = {index[v] for v in _sample(comp, samples, seed)}
        sources += sorted(chosen)
        # NetworkX: normalised by k * (size - 2) pairs, (k - 1) * (size - 2) for a source,
        # then scaled to the whole graph by (size - 1) * (size - 2) / ((n - 1) * (n - 2))
        for v in comp:
            i = index[v]
            k = samples - 1 if i in chosen else samples
            scale[i] = 2 * (size - 1) / (k * total) if k else math.nan  # as NetworkX for k=1
    if not sources:
        return dict.fromkeys(nodes, 0.0), sampled
    raw = h.betweenness(sources=sources if sampled else None)
    return {node: float(raw[i]) * scale[i] for i, node in enumerate(nodes)}, sampled


def _betweenness_networkx(
    s: Any, comps: list[list[Any]], exact_limit: int, samples: int, seed: int
) -> tuple[dict[Any, float], bool]:
    """Per component: NetworkX's betweenness (sampled in large components), rescaled to
    the whole graph."""
    n = s.number_of_nodes()
    out = dict.fromkeys(s, 0.0)
    sampled = False
    for comp in comps:
        size = len(comp)
        if size < 3:
            continue
        if size == n:
            sub = s
        else:
            sub = nx.Graph()
            sub.add_nodes_from(comp)
            sub.add_edges_from(s.edges(comp))
        if size <= exact_limit or samples >= size:
            part = nx.betweenness_centrality(sub, normalized=True)
        else:
            part = nx.betweenness_centrality(sub, k=samples, normalized=True, seed=seed)
            sampled = True
        factor = (size - 1) * (size - 2) / ((n - 1) * (n - 2))
        for node, value in part.items():
            out[node] = float(value) * factor
    return out, sampled


def betweenness(
    g: Any,
    *,
    exact_limit: int = EXACT_BETWEENNESS_LIMIT,
    samples: int = BETWEENNESS_SAMPLES,
    seed: int = 0,
    engine: Engine = "auto",
) -> Betweenness:
    """Normalised betweenness (hops), as :func:`networkx.betweenness_centrality` computes it.

    Up to ``exact_limit`` nodes it is exact. Above, it is computed per connected component
    (betweenness depends only on a node's component): exactly for components of at most
    ``exact_limit`` nodes, and estimated from ``samples`` sources drawn with ``seed`` for
    larger ones; ``sampled`` says whether any component was sampled.
    """
    s = _simple(g)
    n = s.number_of_nodes()
    if n <= exact_limit:
        comps = [list(s)]
    else:  # each in the graph's node order, so the sampled sources do not depend on hashing
        comp_of = {v: i for i, comp in enumerate(nx.connected_components(s)) for v in comp}
        grouped: dict[int, list[Any]] = {}
        for v in s:
            grouped.setdefault(comp_of[v], []).append(v)
        comps = list(grouped.values())
    if n < 3:
        values, sampled = dict.fromkeys(s, 0.0), False
    elif uses_igraph(s, engine):
        values, sampled = _betweenness_igraph(s, comps, exact_limit, samples, seed)
    else:
        values, sampled = _betweenness_networkx(s, comps, exact_limit, samples, seed)
    return Betweenness(values, sampled, samples if sampled else n)


# -- closeness, eigenvector, PageRank ---------------------------------------------------


def closeness(g: Any, *, engine: Engine = "auto") -> dict[Any, float]:
    """Closeness centrality (hops), Wasserman–Faust scaled for disconnected graphs, as
    :func:`networkx.closeness_centrality` computes it; isolated nodes score 0."""
    s = _simple(g)
    if not uses_igraph(s, engine):
        return {node: float(v) for node, v in nx.closeness_centrality(s).items()}
    nodes, h = _to_igraph(s)
    n = len(nodes)
    raw = h.closeness(normalized=True)  # (reachable - 1) / sum of distances, NaN if none
    membership = _membership(h)
    sizes = Counter(membership)
    out = {}
    for i, node in enumerate(nodes):
        reach = sizes[membership[i]] - 1
        out[node] = float(raw[i]) * reach / (n - 1) if reach else 0.0
    return out


def _unit(values: Iterable[float], share: float) -> list[float]:
    """``values`` scaled to length ``sqrt(share)``."""
    vector = list(values)
    norm = math.sqrt(sum(v * v for v in vector))
    return [v * math.sqrt(share) / norm for v in vector]


def eigenvector(
    g: Any, weight: str | None = "weight", *, engine: Engine = "auto"
) -> dict[Any, float]:
    """Eigenvector centrality that copes with disconnected graphs (see the module notes)."""
    s = _simple(g)
    n = s.number_of_nodes()
    out = dict.fromkeys(s, 0.0)
    if uses_igraph(s, engine):
        nodes, h = _to_igraph(s, weight)
        degrees = h.degree()
        for u, v in h.get_edgelist():  # a component of two nodes: [[0, w], [w, 0]] has the
            if degrees[u] == degrees[v] == 1:  # Perron vector (1, 1) / sqrt(2)
                out[nodes[u]] = out[nodes[v]] = math.sqrt(1 / n)
        for members, sub in _split(h):
            values = sub.eigenvector_centrality(weights="weight")
            for i, value in zip(members, _unit(values, len(members) / n), strict=True):
                out[nodes[i]] = value
        return out
    for comp in nx.connected_components(s):
        if len(comp) < 2:
            continue
        sub = s.subgraph(comp)
        if len(comp) > 2:  # ARPACK (SciPy) needs three nodes at least
            found = nx.eigenvector_centrality_numpy(sub, weight=weight, max_iter=1000)
        else:
            found = nx.eigenvector_centrality(sub, weight=weight)
        for node, value in zip(found, _unit(found.values(), len(comp) / n), strict=True):
            out[node] = value
    return out


def pagerank(
    g: Any, alpha: float = 0.85, weight: str | None = "weight", *, engine: Engine = "auto"
) -> dict[Any, float]:
    """PageRank with uniform teleport and dangling nodes spread uniformly (NetworkX's
    defaults); the values sum to 1."""
    s = _simple(g)
    if s.number_of_nodes() == 0:
        return {}
    if not uses_igraph(s, engine):
        found = nx.pagerank(
            s, alpha=alpha, weight=weight, tol=_PAGERANK_TOL, max_iter=_PAGERANK_MAX_ITER
        )
        return {node: float(v) for node, v in found.items()}
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped, unused-ignore]

    nodes, h = _to_igraph(s, weight)
    # PRPACK runs on OpenMP threads, which busy-wait: on two shared cores a call on the
    # 100x twinning network took 0.01 to 0.7 s; on one thread, 0.01 s every time
    with threadpool_limits(limits=1, user_api="openmp"):
        values = h.pagerank(damping=alpha, weights="weight", implementation="prpack")
    return {node: float(v) for node, v in zip(nodes, values, strict=True)}
