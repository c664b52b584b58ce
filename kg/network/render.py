"""Rendering of network measures: a :class:`~kg.network.metrics.Metrics` value or a list of
rows as a plain-text ``table``, ``csv`` (header first) or ``json``.

Floats print with six significant digits in tables and CSV; JSON keeps the values as
:func:`kg.network.metrics.compute` rounded them.

>>> print(render_rows([{"node": "a", "degree": 2}], "csv"), end="")
node,degree
a,2
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.network.metrics import Metrics

__all__ = ["FORMATS", "NODE_COLUMNS", "render", "render_rows"]

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
_AGGREGATE_COLUMNS = ("by", "group", "nodes", "degree_sum", "degree_mean", "pagerank_share")


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


def _unknown(fmt: str) -> ValueError:
    return ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


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
        raise _unknown(fmt)
    return _table(rows, columns) if rows else "(no rows)\n"


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
        raise _unknown(fmt)
    title = metrics.graph + (f" network as of {metrics.year}" if metrics.year else " network")
    out = [f"# {title}"]
    out += [f"{k}: {_cell(v)}" for k, v in metrics.summary.items()]
    out += [f"note: {n}" for n in metrics.notes]
    out += [
        "",
        _table(metrics.nodes, _TABLE_COLUMNS),
        _table(metrics.aggregates, _AGGREGATE_COLUMNS),
    ]
    return "\n".join(out)
