"""Asking the graph: SPARQL over the embedded store or a remote store, light on purpose.

- :mod:`kg.query.store` -- open the built store read-only, run a query, render the answer;
- :mod:`kg.query.named` -- the named competency queries (``queries/*.rq``) and their typed
  parameters, bound as RDF terms;
- :mod:`kg.query.results` -- the SPARQL 1.1 results formats (JSON, XML, CSV, TSV);
- :mod:`kg.query.ask` -- one question from a file, a text or a name, answered locally or
  remotely (what ``kg query`` and ``kg load`` do);
- :mod:`kg.query.remote` -- the SPARQL 1.1 Protocol and Graph Store Protocol client;
- :mod:`kg.query.auth` -- credentials for remote stores (Basic and Digest);
- :mod:`kg.query.compare` -- what "the same answer" means across stores.

Every module here uses pyoxigraph and the standard library only: never rdflib, pySHACL or
matplotlib. Import the modules themselves; this package imports none of them.
"""
