"""Which sources support each value of a node: value-level provenance for pages and views.

Owns the one rule, as a SPARQL query over the store: a value ``s p o`` named by a
``rujp:CitedValue`` node (``citedSubject s``, ``citedProperty p``, ``citedValue o``) is
supported by that node's ``prov:wasDerivedFrom`` sources; any other value of a fact node by
the sources the node cites. Curation triples (sources, confidence, table, note) are not
values. The subject is bound as an RDF term (validated and serialised by pyoxigraph into an
inline ``VALUES`` block, as the named queries bind their parameters). Light: pyoxigraph only.

>>> import pyoxigraph as ox
>>> from kg.vocab import terms
>>> store = ox.Store()
>>> s, src = ox.NamedNode("https://example.org/m"), ox.NamedNode("https://example.org/src")
>>> store.add(ox.Quad(s, ox.NamedNode(terms.PROV + "wasDerivedFrom"), src))
>>> store.add(ox.Quad(s, ox.NamedNode(terms.RUJP.venue), ox.Literal("Hall")))
>>> value_sources(store, "https://example.org/m")
{'https://w3id.org/rujp/ontology#venue': ['https://example.org/src']}
"""

from __future__ import annotations

from typing import Any, NamedTuple

import pyoxigraph as ox

from kg.vocab import terms

__all__ = ["VALUE_SOURCES_QUERY", "ValueSources", "sources_per_value", "value_sources"]

_CURATION = ", ".join(f"<{iri}>" for iri in terms.CURATION_PREDICATES)
_CITED = "rujp:citedSubject ?s ; rujp:citedProperty ?property ; rujp:citedValue ?value"

#: ``?property ?value ?source`` for every value of the node put in place of ``SUBJECT``.
VALUE_SOURCES_QUERY = f"""
PREFIX rujp: <{terms.ONTOLOGY_NS}>
PREFIX prov: <{terms.PROV}>
SELECT ?property ?value ?source WHERE {{
  VALUES ?s {{ SUBJECT }}
  ?s ?property ?value .
  FILTER (?property NOT IN ({_CURATION}))
  OPTIONAL {{ ?cited {_CITED} . }}
  BIND (COALESCE(?cited, ?s) AS ?holder)
  ?holder prov:wasDerivedFrom ?source .
}}
"""


class ValueSources(NamedTuple):
    """One value of a node (its property IRI and the value as an RDF term) and the IRIs of
    the sources that support it, sorted."""

    property: str
    value: ox.NamedNode | ox.Literal
    sources: tuple[str, ...]


def _rows(store: Any, subject_iri: str) -> list[tuple[str, Any, str]]:
    subject = str(ox.NamedNode(subject_iri))  # raises ValueError for a malformed IRI
    solutions = store.query(VALUE_SOURCES_QUERY.replace("SUBJECT", subject, 1))
    return [
        (sol["property"].value, sol["value"], sol["source"].value)
        for sol in solutions
        if isinstance(sol["source"], ox.NamedNode)
    ]


def sources_per_value(store: Any, subject_iri: str) -> list[ValueSources]:
    """Every value of ``subject_iri`` with its supporting sources, sorted by property and
    value (a property with several values, such as labels in three languages, appears once
    per value)."""
    grouped: dict[tuple[str, str], tuple[Any, set[str]]] = {}
    for prop, value, source in _rows(store, subject_iri):
        entry = grouped.setdefault((prop, str(value)), (value, set()))
        entry[1].add(source)
    return [
        ValueSources(prop, value, tuple(sorted(sources)))
        for (prop, _), (value, sources) in sorted(grouped.items())
    ]


def value_sources(store: Any, subject_iri: str) -> dict[str, list[str]]:
    """``{property IRI: sorted IRIs of the sources that support its value(s)}`` for a node;
    for a property with several values, the sources of any of them."""
    out: dict[str, set[str]] = {}
    for prop, _, source in _rows(store, subject_iri):
        out.setdefault(prop, set()).add(source)
    return {prop: sorted(sources) for prop, sources in sorted(out.items())}
