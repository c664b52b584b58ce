"""What ``kg serve`` says about itself: the SPARQL service description and the served VoID.

Both name the server by its public address (``--base-url``, else the validated ``Host`` of
the request, see :mod:`kg.serve.limits`) and are built as RDF terms and written by
pyoxigraph's serialisers -- no text is pasted into Turtle, so no header can add a triple.
The VoID is the build's ``void.ttl`` with its SPARQL endpoint (``void:sparqlEndpoint``,
``dcat:endpointURL``) replaced by this server's ``/sparql``. Light: pyoxigraph and kg's
light modules.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg import formats
from kg.export.serialise import serialize
from kg.vocab import terms

__all__ = ["SD", "service_description", "void_description"]

#: The SPARQL 1.1 Service Description vocabulary.
SD = "http://www.w3.org/ns/sparql-service-description#"
_VOID = "http://rdfs.org/ns/void#"
_DCAT = "http://www.w3.org/ns/dcat#"
_ENDPOINTS = {_VOID + "sparqlEndpoint", _DCAT + "endpointURL"}
_PREFIXES = {"sd": SD, "void": _VOID, "dcterms": terms.DCT}
_INTEGER = ox.NamedNode(terms.XSD + "integer")
_TITLE = "Russia–Japan municipal ties knowledge graph"


def service_description(base: str, triples: int, fmt: str = "ttl") -> bytes:
    """The SPARQL 1.1 service description of ``base + "/sparql"`` in graph format ``fmt``;
    ``ValueError`` when ``base`` does not make a valid IRI."""
    endpoint = ox.NamedNode(base + "/sparql")
    dataset, graph = ox.BlankNode("dataset"), ox.BlankNode("graph")
    facts: list[tuple[ox.NamedNode | ox.BlankNode, str, ox.NamedNode | ox.BlankNode | ox.Literal]]
    facts = [
        (endpoint, terms.RDF + "type", ox.NamedNode(SD + "Service")),
        (endpoint, SD + "endpoint", endpoint),
        (endpoint, SD + "supportedLanguage", ox.NamedNode(SD + "SPARQL11Query")),
        (endpoint, terms.DCT + "title", ox.Literal(_TITLE, language="en")),
        (endpoint, SD + "defaultDataset", dataset),
        (dataset, terms.RDF + "type", ox.NamedNode(SD + "Dataset")),
        (dataset, SD + "defaultGraph", graph),
        (graph, terms.RDF + "type", ox.NamedNode(SD + "Graph")),
        (graph, _VOID + "triples", ox.Literal(str(triples), datatype=_INTEGER)),
    ]
    for answer in [*formats.select("results"), *formats.select("graph", quads=False)]:
        facts.append((endpoint, SD + "resultFormat", ox.NamedNode(answer.w3c_iri)))
    triples_out = [ox.Triple(s, ox.NamedNode(p), o) for s, p, o in facts]
    return serialize(triples_out, fmt, _PREFIXES)


def void_description(void_file: Path, base: str, fmt: str = "ttl") -> bytes:
    """The build's VoID with this server's SPARQL endpoint, in graph format ``fmt``."""
    endpoint = ox.NamedNode(base + "/sparql")
    prefixes: dict[str, str] = {}
    out: list[ox.Triple] = []
    parser = ox.parse(path=str(void_file), format=ox.RdfFormat.TURTLE)
    for triple in parser:
        if triple.predicate.value in _ENDPOINTS and isinstance(triple.object, ox.NamedNode):
            out.append(ox.Triple(triple.subject, triple.predicate, endpoint))
        else:
            out.append(triple)
    prefixes.update(parser.prefixes)
    return serialize(out, fmt, prefixes)
