"""Stage 4, publishing: the files ``kg build`` and ``kg export`` write.

- :mod:`kg.export.rdf` -- canonical Turtle and N-Triples, the embedded store, atomic writes;
- :mod:`kg.export.lines` -- canonical N-Triples split into the texts of its terms;
- :mod:`kg.export.turtle` -- the Turtle writer (sorted, grouped by subject, linear time);
- :mod:`kg.export.serialise` -- the writers of the dataset formats of :mod:`kg.formats`,
  :func:`export` and the pyoxigraph serialiser;
- :mod:`kg.export.jsonld` -- JSON-LD compaction with ``ontology/context.jsonld``;
- :mod:`kg.export.provenance` -- the named graphs of the TriG and N-Quads exports;
- :mod:`kg.export.void` -- the dataset description (VoID and DCAT);
- :mod:`kg.export.docs` -- the ontology documentation (pyLODE);
- :mod:`kg.export.publish` -- the build step that writes them all.

The names below are imported on first use, so that the light modules of this package (the
JSON-LD writer and the serialiser, used by ``kg serve``) load neither rdflib nor pyLODE.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.lazy import lazy_exports

if TYPE_CHECKING:
    from kg.export.docs import ontology_documentation
    from kg.export.jsonld import jsonld_document, load_context
    from kg.export.provenance import provenance_quads
    from kg.export.publish import write_publication
    from kg.export.rdf import (
        canonical_ntriples,
        canonical_turtle,
        check_writable,
        write_atomic,
        write_graph_outputs,
        write_store,
    )
    from kg.export.serialise import DATASET_FORMATS, export, export_all, serialize
    from kg.export.void import DATASET_IRI, SPARQL_ENDPOINT, dataset_description

__all__ = [
    "DATASET_FORMATS",
    "DATASET_IRI",
    "SPARQL_ENDPOINT",
    "canonical_ntriples",
    "canonical_turtle",
    "check_writable",
    "dataset_description",
    "export",
    "export_all",
    "jsonld_document",
    "load_context",
    "ontology_documentation",
    "provenance_quads",
    "serialize",
    "write_atomic",
    "write_graph_outputs",
    "write_publication",
    "write_store",
]

_HOMES = {
    "ontology_documentation": "docs",
    "jsonld_document": "jsonld",
    "load_context": "jsonld",
    "provenance_quads": "provenance",
    "write_publication": "publish",
    "canonical_ntriples": "rdf",
    "canonical_turtle": "rdf",
    "check_writable": "rdf",
    "write_atomic": "rdf",
    "write_graph_outputs": "rdf",
    "write_store": "rdf",
    "DATASET_FORMATS": "serialise",
    "export": "serialise",
    "export_all": "serialise",
    "serialize": "serialise",
    "DATASET_IRI": "void",
    "SPARQL_ENDPOINT": "void",
    "dataset_description": "void",
}


__getattr__, __dir__ = lazy_exports(__name__, _HOMES, __all__)
