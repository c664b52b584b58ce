"""Provenance as named graphs: the dataset of the TriG and N-Quads exports.

- the **default graph** holds the whole graph, exactly the triples of ``rujp.ttl``, so a
  tool that reads only the default graph (or merges all graphs) gets the complete data;
- each **named graph** is named by the IRI of a source (``…/id/source/…``,
  the ``rujp:Source`` node that describes it) and holds the triples whose subject is a fact
  node citing that source (``?fact prov:wasDerivedFrom <source>``): what that source supports.
  A fact citing several sources appears in each of their graphs; source descriptions and
  other nodes that cite no source appear only in the default graph.

Light: pyoxigraph only.

>>> import pyoxigraph as ox
>>> from kg.vocab import terms
>>> fact, source = ox.NamedNode("https://example.org/fact"), ox.NamedNode("https://example.org/s")
>>> cites = ox.Triple(fact, ox.NamedNode(terms.PROV + "wasDerivedFrom"), source)
>>> [str(q.graph_name) for q in provenance_quads([cites])]
['DEFAULT', '<https://example.org/s>']
"""

from __future__ import annotations

import pyoxigraph as ox

from kg.vocab import terms

__all__ = ["provenance_quads", "triples_of"]

_DEFAULT = ox.DefaultGraph()
_DERIVED_FROM = terms.PROV + "wasDerivedFrom"


def triples_of(ntriples: bytes) -> list[ox.Triple]:
    """The triples of canonical N-Triples, in their (sorted) order."""
    parsed = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    return [ox.Triple(q.subject, q.predicate, q.object) for q in parsed]


def _quad_key(quad: ox.Quad) -> tuple[str, str, str, str]:
    graph = "" if quad.graph_name == _DEFAULT else str(quad.graph_name)
    return graph, str(quad.subject), str(quad.predicate), str(quad.object)


def provenance_quads(triples: list[ox.Triple]) -> list[ox.Quad]:
    """The dataset of the TriG and N-Quads exports, sorted (default graph first).

    The default graph is the whole graph; the named graph ``<source>`` holds the triples
    whose subject cites that source with ``prov:wasDerivedFrom``.
    """
    sources: dict[str, list[ox.NamedNode]] = {}
    for t in triples:
        if t.predicate.value == _DERIVED_FROM and isinstance(t.object, ox.NamedNode):
            sources.setdefault(str(t.subject), []).append(t.object)
    quads = [ox.Quad(t.subject, t.predicate, t.object, _DEFAULT) for t in triples]
    for t in triples:
        for source in sources.get(str(t.subject), []):
            quads.append(ox.Quad(t.subject, t.predicate, t.object, source))
    return sorted(set(quads), key=_quad_key)
