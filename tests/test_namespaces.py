"""The closed namespace class and the ontology file stay in sync, both ways."""

from __future__ import annotations

import typing

from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef

from kg.vocab.namespaces import RUJP


def _ontology_terms(ontology: Graph) -> set[str]:
    base = str(RUJP._NS)
    return {str(s)[len(base) :] for s in ontology.subjects() if str(s).startswith(base)}


def _class_terms() -> set[str]:
    return {name for name in typing.get_type_hints(RUJP) if not name.startswith("_")}


def test_every_ontology_term_is_in_the_namespace_class(ontology: Graph) -> None:
    missing = _ontology_terms(ontology) - _class_terms()
    assert not missing, f"add these terms to kg/namespaces.py RUJP: {sorted(missing)}"


def test_every_namespace_term_is_in_the_ontology(ontology: Graph) -> None:
    extra = _class_terms() - _ontology_terms(ontology)
    assert not extra, f"declare these terms in ontology/rujp.ttl: {sorted(extra)}"


def test_misspelt_term_is_an_error() -> None:
    try:
        RUJP.Meetng  # noqa: B018
    except AttributeError:
        return
    raise AssertionError("RUJP must be closed")


def test_every_term_has_labels_in_three_languages_and_a_definition(ontology: Graph) -> None:
    problems = []
    for name in sorted(_ontology_terms(ontology)):
        term = URIRef(str(RUJP._NS) + name)
        langs = {lit.language for lit in ontology.objects(term, RDFS.label)}  # type: ignore[union-attr]
        if not {"en", "ru", "ja"} <= langs:
            problems.append(f"{name}: labels {sorted(filter(None, langs))}")
        if (term, SKOS.definition, None) not in ontology:
            problems.append(f"{name}: no skos:definition")
    assert not problems, problems


def test_classes_and_properties_are_typed(ontology: Graph) -> None:
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}
    untyped = [
        name
        for name in _ontology_terms(ontology)
        if not kinds & set(ontology.objects(URIRef(str(RUJP._NS) + name), RDF.type))
    ]
    assert not untyped
