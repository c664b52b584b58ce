"""Resource pages of ``kg serve``: the RDF and HTML views of one IRI.

- :mod:`~kg.serve.pages.resource` -- :func:`describe`, :func:`resource_rdf`,
  :func:`resource_html`, :func:`ontology_html`;
- :mod:`~kg.serve.pages.view` -- one page's reading of the store (labels, values, sources);
- :mod:`~kg.serve.pages.sections` -- the sections of a page, common and per type;
- :mod:`~kg.serve.pages.geo` -- the offline SVG map;
- :mod:`~kg.serve.pages.html` -- escaping, safe links, tables, CSS;
- :mod:`~kg.serve.pages.i18n` -- the texts in English, Russian and Japanese;
- :mod:`~kg.serve.pages.predicates` -- the terms of other vocabularies the pages read.

Light: pyoxigraph and the standard library (no rdflib). JSON-LD and the RDF serialisations
come from :mod:`kg.export.jsonld` and :mod:`kg.export.serialise`.
"""

from __future__ import annotations

from kg.serve.pages.html import iri_path, path_iri
from kg.serve.pages.i18n import LANGS
from kg.serve.pages.resource import (
    RDF_FORMATS,
    describe,
    ontology_html,
    resource_html,
    resource_rdf,
)

__all__ = [
    "LANGS",
    "RDF_FORMATS",
    "describe",
    "iri_path",
    "ontology_html",
    "path_iri",
    "resource_html",
    "resource_rdf",
]
