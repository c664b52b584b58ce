"""An OWL 2 RL reasoner (owlrl) over the ontology plus the real graph: the closure is
consistent and no instance gains a class it was not built with (or a superclass of one)."""

from __future__ import annotations

from typing import Any

import owlrl
import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef

from kg.vocab import terms
from kg.vocab.namespaces import RUJP

#: owlrl records inconsistencies (such as an instance of two disjoint classes) as nodes of
#: this type, with the message under ``ERR.error``.
ERR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")


def _closure(*graphs: Graph) -> Graph:
    merged = Graph()
    for graph in graphs:
        for triple in graph:
            merged.add(triple)
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics,
        rdfs_closure=False,
        axiomatic_triples=False,
        datatype_axioms=False,
    ).expand(merged)
    return merged


def _errors(closed: Graph) -> list[str]:
    return sorted(str(m) for m in closed.objects(None, ERR.error))


def _superclasses(ontology: Graph, cls: Any) -> set[Any]:
    out = {cls}
    frontier = [cls]
    while frontier:
        for parent in ontology.objects(frontier.pop(), RDFS.subClassOf):
            if isinstance(parent, URIRef) and parent not in out:
                out.add(parent)
                frontier.append(parent)
    return out


@pytest.fixture(scope="session")
def closed(graph: Graph, ontology: Graph) -> Graph:
    """The closure of the ontology and the real graph, computed once for the session."""
    return _closure(ontology, graph)


def test_closure_is_consistent(closed: Graph) -> None:
    assert _errors(closed) == []
    assert not list(closed.subjects(RDF.type, OWL.Nothing))


def test_no_instance_gains_a_class_it_should_not_have(
    graph: Graph, ontology: Graph, closed: Graph
) -> None:
    problems = []
    for node in set(graph.subjects(RDF.type, None)):
        allowed: set[Any] = set()
        for cls in graph.objects(node, RDF.type):
            allowed |= _superclasses(ontology, cls)
        gained = {
            c
            for c in closed.objects(node, RDF.type)
            if isinstance(c, URIRef) and str(c).startswith(terms.ONTOLOGY_NS)
        }
        if gained - allowed:
            problems.append((node, sorted(gained - allowed)))
    assert problems == []


def test_associations_are_not_local_governments(closed: Graph) -> None:
    organisations = set(closed.subjects(RDF.type, RUJP.Organisation))
    assert organisations
    assert not organisations & set(closed.subjects(RDF.type, RUJP.LocalGovernment))


def test_the_reasoner_catches_a_leaking_domain(ontology: Graph) -> None:
    """The check can fail: with the old domain of rujp:country, an association becomes a
    local government, which the disjointness axioms reject."""
    leaky = Graph()
    leaky.add((RUJP.country, RDFS.domain, RUJP.LocalGovernment))
    org = URIRef(terms.ID_BASE + "org/example")
    leaky.add((org, RDF.type, RUJP.Organisation))
    leaky.add((org, RUJP.country, RUJP.Japan))
    leaky.add((org, RDFS.label, Literal("Example", lang="en")))
    closed = _closure(ontology, leaky)
    assert (org, RDF.type, RUJP.LocalGovernment) in closed
    assert _errors(closed), "owlrl should report the disjointness violation"
