"""The terms of other vocabularies that the resource pages read, as IRI strings.

RDF, RDFS, SKOS, Dublin Core, PROV, schema.org, WGS84 and OWL terms, built from the
namespace strings of :mod:`kg.vocab.terms` (the ontology's own terms are
``terms.RUJP.<name>``). Light: plain strings.

>>> LABEL
'http://www.w3.org/2000/01/rdf-schema#label'
"""

from __future__ import annotations

from typing import Final

from kg.vocab import terms

__all__ = [
    "ALT_LABEL",
    "CLOSE_MATCH",
    "COMMENT",
    "DEFINITION",
    "DERIVED_FROM",
    "ISSUED",
    "LABEL",
    "LANGUAGE",
    "LAT",
    "LONG",
    "PREF_LABEL",
    "PUBLISHER",
    "SAME_AS",
    "SCHEMA_NAME",
    "TITLE",
    "TYPE",
    "URL",
    "XSD_STRING",
]

TYPE: Final = terms.RDF + "type"
LABEL: Final = terms.RDFS + "label"
COMMENT: Final = terms.RDFS + "comment"
ALT_LABEL: Final = terms.SKOS + "altLabel"
PREF_LABEL: Final = terms.SKOS + "prefLabel"
DEFINITION: Final = terms.SKOS + "definition"
TITLE: Final = terms.DCT + "title"
PUBLISHER: Final = terms.DCT + "publisher"
ISSUED: Final = terms.DCT + "issued"
LANGUAGE: Final = terms.DCT + "language"
DERIVED_FROM: Final = terms.PROV + "wasDerivedFrom"
URL: Final = terms.SCHEMA + "url"
SCHEMA_NAME: Final = terms.SCHEMA + "name"
SAME_AS: Final = terms.OWL + "sameAs"
CLOSE_MATCH: Final = terms.SKOS + "closeMatch"
LAT: Final = terms.GEO + "lat"
LONG: Final = terms.GEO + "long"
XSD_STRING: Final = terms.XSD + "string"
