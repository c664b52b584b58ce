"""Resource pages of ``kg serve``: the RDF and HTML views of one IRI.

- :mod:`~kg.serve.pages.resource` -- :func:`describe`, :func:`resource_rdf`,
  :func:`resource_html`, :func:`ontology_html`;
- :mod:`~kg.serve.pages.dataset` -- :func:`dataset_html`, the dataset page (``/dataset``);
- :mod:`~kg.serve.pages.summary` -- title, fact box and tie statuses of a page;
- :mod:`~kg.serve.pages.provenance` -- the sources of each value (one swappable function);
- :mod:`~kg.serve.pages.frame` -- header, language switch and footer of every page;
- :mod:`~kg.serve.pages.texts` -- the texts of the dataset and query pages;
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

from kg.serve.pages.dataset import dataset_html
from kg.serve.pages.html import iri_path, path_iri
from kg.serve.pages.i18n import LANGS, pick_lang
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
    "dataset_html",
    "describe",
    "iri_path",
    "ontology_html",
    "path_iri",
    "pick_lang",
    "resource_html",
    "resource_rdf",
]
