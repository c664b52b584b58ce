"""rdflib namespaces for the graph builder, derived from :mod:`kg.vocab.terms`.

``RUJP`` is a closed :class:`rdflib.namespace.DefinedNamespace` built from
:data:`kg.vocab.terms.TERMS`: a misspelt term raises ``AttributeError`` instead of silently
minting a new IRI. Only modules that already use rdflib import this one; light modules use
the plain strings of :mod:`kg.vocab.terms`.

>>> RUJP.Meeting
rdflib.term.URIRef('https://w3id.org/rujp/ontology#Meeting')
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kg.vocab import terms

__all__ = ["GEO", "GEONAMES", "ID", "ONTOLOGY_IRI", "RUJP", "SCHEMA", "SH", "SH_NS", "WD"]

BASE = terms.BASE
ONTOLOGY_IRI = URIRef(terms.ONTOLOGY_IRI)
ID = Namespace(terms.ID_BASE)
SH_NS = Namespace(terms.SHAPES_NS)
SH = Namespace(terms.SH)
SCHEMA = Namespace(terms.SCHEMA)
GEO = Namespace(terms.GEO)
WD = Namespace(terms.WD)
GEONAMES = Namespace(terms.GEONAMES)


def _closed(name: str, namespace: str, names: tuple[str, ...]) -> type[DefinedNamespace]:
    body = {
        "_NS": Namespace(namespace),
        "_fail": True,
        "__annotations__": dict.fromkeys(names, URIRef),
        "__doc__": f"Closed namespace <{namespace}>.",
    }
    return type(name, (DefinedNamespace,), body)


#: The ontology's terms; closed.
RUJP = _closed("RUJP", terms.ONTOLOGY_NS, terms.TERMS)
