"""Provenance as named graphs: the dataset of the TriG and N-Quads exports.

- the **default graph** holds the whole graph, exactly the triples of ``rujp.ttl``, so a
  tool that reads only the default graph (or merges all graphs) gets the complete data;
- each **named graph** is named by the IRI of a source (``…/id/source/…``, the
  ``rujp:Source`` node that describes it) and holds exactly the value triples that source
  supports: a triple ``s p o`` with a ``rujp:CitedValue`` node (``citedSubject s``,
  ``citedProperty p``, ``citedValue o``) is supported by that node's sources; any other
  triple of a fact node ``s`` by the sources ``s`` cites (``s prov:wasDerivedFrom``).
  Curation triples (``prov:wasDerivedFrom``, ``rujp:confidence``, ``rujp:curatedIn``, the
  curator's note) and the descriptions of sources and cited values appear only in the
  default graph. So a place's ``rujp:twinnedWith`` lands in the graphs of the agreement's
  sources, and GeoNames coordinates in the graph of the package they come from.

Light: pyoxigraph only.

>>> import pyoxigraph as ox
>>> from kg.vocab import terms
>>> fact, source = ox.NamedNode("https://example.org/fact"), ox.NamedNode("https://example.org/s")
>>> cites = ox.Triple(fact, ox.NamedNode(terms.PROV + "wasDerivedFrom"), source)
>>> value = ox.Triple(fact, ox.NamedNode(terms.RUJP.venue), ox.Literal("Hall"))
>>> [(str(q.graph_name), q.predicate.value[-5:]) for q in provenance_quads([cites, value])]
[('DEFAULT', 'dFrom'), ('DEFAULT', 'venue'), ('<https://example.org/s>', 'venue')]
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.vocab import terms

__all__ = ["provenance_quads", "supporting_sources", "triples_of"]

_DEFAULT = ox.DefaultGraph()
_DERIVED_FROM = terms.PROV + "wasDerivedFrom"
_TYPE = terms.RDF + "type"
_CURATION = frozenset(terms.CURATION_PREDICATES)

Key = tuple[str, str, str]


def triples_of(ntriples: bytes) -> list[ox.Triple]:
    """The triples of canonical N-Triples, in their (sorted) order."""
    parsed = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    return [ox.Triple(q.subject, q.predicate, q.object) for q in parsed]


def _quad_key(quad: ox.Quad) -> tuple[str, str, str, str]:
    graph = "" if quad.graph_name == _DEFAULT else str(quad.graph_name)
    return graph, str(quad.subject), str(quad.predicate), str(quad.object)


def supporting_sources(triples: list[ox.Triple]) -> dict[Key, list[ox.NamedNode]]:
    """Every value triple (as N-Triples terms) with the sources that support it."""
    cites: dict[str, list[ox.NamedNode]] = {}
    cited_values: set[str] = set()
    parts: dict[str, dict[str, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]] = {}
    for t in triples:
        if t.predicate.value == _DERIVED_FROM and isinstance(t.object, ox.NamedNode):
            cites.setdefault(str(t.subject), []).append(t.object)
        elif t.predicate.value == _TYPE and str(t.object) == f"<{terms.RUJP.CitedValue}>":
            cited_values.add(str(t.subject))
        elif t.predicate.value in (
            terms.RUJP.citedSubject,
            terms.RUJP.citedProperty,
            terms.RUJP.citedValue,
        ):
            parts.setdefault(str(t.subject), {})[t.predicate.value] = t.object
    overrides: dict[Key, list[ox.NamedNode]] = {}
    for node in cited_values:
        p = parts.get(node, {})
        s, prop, o = (
            p.get(terms.RUJP.citedSubject),
            p.get(terms.RUJP.citedProperty),
            p.get(terms.RUJP.citedValue),
        )
        if s is not None and prop is not None and o is not None:
            overrides[(str(s), str(prop), str(o))] = cites.get(node, [])
    out: dict[Key, list[ox.NamedNode]] = {}
    for t in triples:
        subject = str(t.subject)
        if t.predicate.value in _CURATION or subject in cited_values:
            continue
        key = (subject, str(t.predicate), str(t.object))
        sources = overrides.get(key, cites.get(subject))
        if sources:
            out[key] = sorted(set(sources), key=str)
    return out


def provenance_quads(triples: list[ox.Triple]) -> list[ox.Quad]:
    """The dataset of the TriG and N-Quads exports, sorted (default graph first).

    The default graph is the whole graph; the named graph ``<source>`` holds the value
    triples that source supports.
    """
    support = supporting_sources(triples)
    quads = [ox.Quad(t.subject, t.predicate, t.object, _DEFAULT) for t in triples]
    for t in triples:
        for source in support.get((str(t.subject), str(t.predicate), str(t.object)), []):
            quads.append(ox.Quad(t.subject, t.predicate, t.object, source))
    return sorted(set(quads), key=_quad_key)
