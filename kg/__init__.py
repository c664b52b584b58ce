"""A sourced knowledge graph of the ties between Russian and Japanese local governments.

Importing :mod:`kg` has no side effects and imports neither rdflib, pySHACL nor matplotlib;
each pipeline stage lives in its own module:

- :mod:`kg.tables`   load and check the curated CSV tables (``data/``)
- :mod:`kg.graph`    turn the tables into an RDF graph
- :mod:`kg.validate` validate a graph against the SHACL shapes (``ontology/shapes.ttl``)
- :mod:`kg.export.rdf`   write deterministic serialisations and the embedded store
- :mod:`kg.query.store`    run SPARQL over the embedded store (pyoxigraph only)
- :mod:`kg.cli`      the ``kg`` command, a thin layer over the above
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
