"""Network analytics: the RDF graph projected to NetworkX graphs, measured, ranked, exported.

The stages, one module each: :mod:`~kg.network.extract` reads the network facts from the
graph once; :mod:`~kg.network.projections` builds the twinning, co-participation and
bipartite networks and their yearly snapshots; :mod:`~kg.network.centrality` computes degree,
betweenness, closeness, eigenvector centrality and PageRank on NetworkX (the reference) or
igraph (for large graphs); :mod:`~kg.network.metrics` adds the other measures and runs them
all; :mod:`~kg.network.rankings` follows ranks through the snapshots;
:mod:`~kg.network.render` prints measures as a table, CSV or JSON; :mod:`~kg.network.export`
writes GraphML, GEXF, node-link JSON or CSV; :mod:`~kg.network.load` reads a built graph
file for the CLI. This package re-exports their public names, so
``from kg.network import extract, project, compute, render`` is all a caller needs.

>>> from kg.paths import data_dir, ontology_dir
>>> from kg.pipeline import check
>>> g = project(extract(check(data_dir(), ontology_dir()).built.graph), "twinning")
>>> compute(g, "twinning").summary["edges"] == g.number_of_edges()
True
"""

from __future__ import annotations

from kg.network.centrality import (
    BETWEENNESS_SAMPLES,
    ENGINE_TOLERANCE,
    ENGINES,
    EXACT_BETWEENNESS_LIMIT,
    IGRAPH_FROM,
    Betweenness,
    Engine,
    betweenness,
    closeness,
    degree,
    eigenvector,
    pagerank,
    simple,
    uses_igraph,
    weighted_degree,
)
from kg.network.export import EXPORT_FORMATS, export_bytes, flatten
from kg.network.extract import (
    LANGS,
    Agreement,
    Meeting,
    NetworkData,
    Participation,
    Place,
    StatusEvent,
    date_year,
    extract,
    label,
    load_rdf,
    place_key,
    status_as_of,
)
from kg.network.load import load_network
from kg.network.metrics import (
    MEASURES,
    Communities,
    Metrics,
    aggregates,
    assortativity,
    bipartite_degree,
    communities,
    component_index,
    components,
    compute,
    core_number,
)
from kg.network.projections import (
    GRAPHS,
    bipartite_network,
    coparticipation_network,
    project,
    snapshots,
    twinning_network,
    years_of,
)
from kg.network.rankings import RANK_DIGITS, RANKING_MEASURES, rank, ranking_changes
from kg.network.render import FORMATS, NODE_COLUMNS, render, render_rows

__all__ = [
    "BETWEENNESS_SAMPLES",
    "ENGINES",
    "ENGINE_TOLERANCE",
    "EXACT_BETWEENNESS_LIMIT",
    "EXPORT_FORMATS",
    "FORMATS",
    "GRAPHS",
    "IGRAPH_FROM",
    "LANGS",
    "MEASURES",
    "NODE_COLUMNS",
    "RANKING_MEASURES",
    "RANK_DIGITS",
    "Agreement",
    "Betweenness",
    "Communities",
    "Engine",
    "Meeting",
    "Metrics",
    "NetworkData",
    "Participation",
    "Place",
    "StatusEvent",
    "aggregates",
    "assortativity",
    "betweenness",
    "bipartite_degree",
    "bipartite_network",
    "closeness",
    "communities",
    "component_index",
    "components",
    "compute",
    "coparticipation_network",
    "core_number",
    "date_year",
    "degree",
    "eigenvector",
    "export_bytes",
    "extract",
    "flatten",
    "label",
    "load_network",
    "load_rdf",
    "pagerank",
    "place_key",
    "project",
    "rank",
    "ranking_changes",
    "render",
    "render_rows",
    "simple",
    "snapshots",
    "status_as_of",
    "twinning_network",
    "uses_igraph",
    "weighted_degree",
    "years_of",
]
