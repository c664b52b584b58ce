"""Network exports: a projection as GraphML, GEXF (Gephi), node-link JSON or a CSV edge list.

:func:`export_bytes` serialises a NetworkX graph deterministically (the same graph gives the
same bytes, so exports diff well and rebuilds are stable); :func:`flatten` turns the list
attributes of the projections into ``;``-joined strings for the formats that hold scalars only.

>>> import networkx as nx
>>> g = nx.Graph()
>>> g.add_edge("a", "b", sources=["s1", "s2"])
>>> export_bytes(g, "csv").decode()
'source,target,sources\\na,b,s1;s2\\n'
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import networkx as nx  # type: ignore[import-untyped, unused-ignore]

__all__ = ["EXPORT_FORMATS", "export_bytes", "flatten"]

#: Export formats: GraphML, GEXF (Gephi), node-link JSON and a CSV edge list.
EXPORT_FORMATS = ("graphml", "gexf", "json", "csv")


def _flat_value(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    return value


def flatten(g: Any) -> Any:
    """A copy of ``g`` whose list attributes are ``;``-joined strings (GraphML, GEXF and CSV
    hold scalars only)."""
    out = g.__class__()
    out.graph.update({k: _flat_value(v) for k, v in g.graph.items()})
    for node, attrs in g.nodes(data=True):
        out.add_node(node, **{k: _flat_value(v) for k, v in attrs.items()})
    if g.is_multigraph():
        for u, v, key, attrs in g.edges(keys=True, data=True):
            out.add_edge(u, v, key=key, **{k: _flat_value(x) for k, x in attrs.items()})
    else:
        for u, v, attrs in g.edges(data=True):
            out.add_edge(u, v, **{k: _flat_value(x) for k, x in attrs.items()})
    return out


def _edge_rows(g: Any) -> tuple[list[str], list[dict[str, Any]]]:
    rows: list[dict[str, Any]] = []
    names: set[str] = set()
    if g.is_multigraph():
        edges = [(u, v, k, d) for u, v, k, d in g.edges(keys=True, data=True)]
    else:
        edges = [(u, v, None, d) for u, v, d in g.edges(data=True)]
    for u, v, key, attrs in edges:
        row: dict[str, Any] = {"source": u, "target": v}
        if key is not None:
            row["key"] = key
        row.update({k: _flat_value(x) for k, x in attrs.items()})
        names |= set(attrs)
        rows.append(row)
    head = ["source", "target"] + (["key"] if g.is_multigraph() else [])
    return head + sorted(names - set(head)), rows


def _gexf(g: Any) -> bytes:
    flat = flatten(g)
    for _, attrs in flat.nodes(data=True):  # Gephi shows ``label``
        attrs["label"] = attrs.get("label_en", attrs.get("data_key", ""))
    if flat.is_multigraph():  # the edge id is the agreement IRI
        for _, _, key, attrs in flat.edges(keys=True, data=True):
            attrs["id"] = key
    text = "\n".join(nx.generate_gexf(flat))
    # the writer stamps today's date; a fixed file is better for diffs and rebuilds
    text = re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)
    return text.encode("utf-8") + b"\n"


def _csv(g: Any) -> bytes:
    columns, rows = _edge_rows(g)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def export_bytes(g: Any, fmt: str) -> bytes:
    """Serialise ``g`` as ``graphml``, ``gexf``, ``json`` (node-link) or ``csv`` (one row per
    edge: ``source``, ``target``, [``key``,] attributes). Deterministic for a given graph."""
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(flatten(g))).encode("utf-8") + b"\n"
    if fmt == "gexf":
        return _gexf(g)
    if fmt == "json":
        data = nx.node_link_data(g, edges="edges")
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    if fmt == "csv":
        return _csv(g)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
