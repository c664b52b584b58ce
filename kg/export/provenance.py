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

The work is done on the N-Triples texts of the terms (:mod:`kg.export.lines`), in time
linear in the graph; :func:`provenance_lines` gives it as sorted N-Quads lines and
:func:`provenance_quads` as pyoxigraph quads.
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

from kg.export.lines import TextTriple, lower_language
from kg.vocab import terms

__all__ = [
    "TextQuad",
    "provenance_lines",
    "provenance_quads",
    "provenance_text",
    "supporting_sources",
    "triples_of",
]

_DERIVED_FROM = f"<{terms.PROV}wasDerivedFrom>"
_CITED_VALUE = f"<{terms.RUJP.CitedValue}>"
_TYPE = f"<{terms.RDF}type>"
_CITED_SUBJECT = f"<{terms.RUJP.citedSubject}>"
_CITED_PROPERTY = f"<{terms.RUJP.citedProperty}>"
_CITED_OBJECT = f"<{terms.RUJP.citedValue}>"
_CURATION = frozenset(f"<{p}>" for p in terms.CURATION_PREDICATES)

Key = TextTriple
#: One quad as the N-Triples texts of subject, predicate, object and graph name (``""`` for
#: the default graph).
TextQuad = tuple[str, str, str, str]


def triples_of(ntriples: bytes) -> list[ox.Triple]:
    """The triples of canonical N-Triples, in their (sorted) order."""
    parsed = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    return [ox.Triple(q.subject, q.predicate, q.object) for q in parsed]


def supporting_sources(triples: list[TextTriple]) -> dict[Key, list[str]]:
    """Every value triple with the sources (IRI terms ``<…>``) that support it, sorted."""
    cites: dict[str, list[str]] = {}
    cited_values: set[str] = set()
    parts: dict[str, dict[str, str]] = {}
    for s, p, o in triples:
        if p == _DERIVED_FROM and o.startswith("<"):
            cites.setdefault(s, []).append(o)
        elif p == _TYPE and o == _CITED_VALUE:
            cited_values.add(s)
        elif p in (_CITED_SUBJECT, _CITED_PROPERTY, _CITED_OBJECT):
            parts.setdefault(s, {})[p] = o
    overrides: dict[Key, list[str]] = {}
    for node in cited_values:
        part = parts.get(node, {})
        cited = (part.get(_CITED_SUBJECT), part.get(_CITED_PROPERTY), part.get(_CITED_OBJECT))
        if cited[0] is not None and cited[1] is not None and cited[2] is not None:
            overrides[(cited[0], cited[1], cited[2])] = cites.get(node, [])
    out: dict[Key, list[str]] = {}
    for triple in triples:
        s, p, _ = triple
        if p in _CURATION or s in cited_values:
            continue
        sources = overrides.get(triple, cites.get(s))
        if sources:
            out[triple] = sorted(set(sources))
    return out


def provenance_text(triples: list[TextTriple]) -> set[TextQuad]:
    """The dataset of the TriG and N-Quads exports as text quads, in no order.

    The default graph is the whole graph; the named graph ``<source>`` holds the value
    triples that source supports.
    """
    support = supporting_sources(triples)
    quads = {(s, p, o, "") for s, p, o in triples}
    for triple, sources in support.items():
        quads.update((*triple, source) for source in sources)
    return quads


def provenance_lines(triples: list[TextTriple]) -> dict[str, list[bytes]]:
    """:func:`provenance_text` as N-Quads lines by graph name (``""`` for the default graph),
    each graph's lines sorted, language tags in lower case as pyoxigraph writes them: what
    the N-Quads and TriG writers and :func:`provenance_quads` read."""
    graphs: dict[str, list[bytes]] = {}
    for s, p, o, g in provenance_text(triples):
        term = lower_language(o)
        line = f"{s} {p} {term} {g} ." if g else f"{s} {p} {term} ."
        graphs.setdefault(g, []).append(line.encode("utf-8"))
    for lines in graphs.values():
        lines.sort()  # UTF-8 bytes sort as their code points do
    return graphs


def provenance_quads(triples: list[ox.Triple]) -> list[ox.Quad]:
    """:func:`provenance_lines` of pyoxigraph triples, as pyoxigraph quads sorted by graph
    name (default graph first), subject, predicate and object."""
    text = [(str(t.subject), str(t.predicate), str(t.object)) for t in triples]
    graphs = provenance_lines(text)
    nquads = b"".join(line + b"\n" for g in sorted(graphs) for line in graphs[g])
    return list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
