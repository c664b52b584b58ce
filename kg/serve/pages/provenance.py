"""Which sources a resource page cites for each value: the one place the pages ask.

:func:`value_sources` answers ``{property IRI: [source IRI, ...]}`` for one subject. When the
library offers per-value sources (``kg.query.citations.value_sources(store, subject)``),
the pages use them; otherwise, and for every property it does not list, a value is
credited to the sources of its fact node (``prov:wasDerivedFrom``). The page numbers each
distinct source once (:class:`kg.serve.pages.html.Sources`). Light: pyoxigraph only.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache
from typing import Any

import pyoxigraph as ox

from kg.serve.pages.predicates import DERIVED_FROM

__all__ = ["node_sources", "value_sources"]

PerValue = Callable[[Any, str], dict[str, list[str]]]


@cache
def _per_value() -> PerValue | None:
    """The library's per-value sources, when it has them."""
    try:
        module = importlib.import_module("kg.query.citations")
    except ImportError:
        return None
    found: PerValue | None = getattr(module, "value_sources", None)
    return found


def node_sources(store: ox.Store, subject: str) -> list[str]:
    """The sources of a fact node (``prov:wasDerivedFrom``), sorted."""
    quads = store.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(DERIVED_FROM), None)
    return sorted({q.object.value for q in quads if isinstance(q.object, ox.NamedNode)})


def value_sources(store: ox.Store, subject: str) -> dict[str, list[str]]:
    """``{property IRI: [source IRI]}`` for the values of ``subject``; a property missing
    here takes the node's own sources (see :func:`node_sources`)."""
    per_value = _per_value()
    if per_value is None:
        return {}
    return {p: sorted(set(s)) for p, s in per_value(store, subject).items()}
