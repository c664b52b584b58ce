"""The vocabulary modules and the ontology file stay in sync, both ways: every term of
``kg.vocab.terms``, the closed rdflib namespace derived from it, and every code list."""

from __future__ import annotations

import typing

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef

from kg.vocab import codes, terms
from kg.vocab.namespaces import RUJP


def _ontology_terms(ontology: Graph) -> set[str]:
    base = str(RUJP._NS)
    return {str(s)[len(base) :] for s in ontology.subjects() if str(s).startswith(base)}


def _class_terms() -> set[str]:
    return {name for name in typing.get_type_hints(RUJP) if not name.startswith("_")}


def test_the_rdflib_namespace_is_derived_from_the_terms_module() -> None:
    assert _class_terms() == set(terms.TERMS)
    assert all(str(getattr(RUJP, n)) == getattr(terms.RUJP, n) for n in terms.TERMS)
    assert str(RUJP._NS) == terms.ONTOLOGY_NS


def test_every_ontology_term_is_in_the_namespace_class(ontology: Graph) -> None:
    missing = _ontology_terms(ontology) - _class_terms()
    assert not missing, f"add these terms to kg/vocab/terms.py RUJP: {sorted(missing)}"


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
    kinds = {
        OWL.Class,
        OWL.ObjectProperty,
        OWL.DatatypeProperty,
        OWL.AnnotationProperty,
        OWL.NamedIndividual,
    }
    untyped = [
        name
        for name in _ontology_terms(ontology)
        if not kinds & set(ontology.objects(URIRef(str(RUJP._NS) + name), RDF.type))
    ]
    assert not untyped


def _notations(ontology: Graph, scheme: str) -> dict[str, str]:
    """``{skos:notation: term IRI}`` of every individual of an ontology class."""
    out = {}
    for individual in ontology.subjects(RDF.type, URIRef(terms.ONTOLOGY_NS + scheme)):
        notation = ontology.value(individual, SKOS.notation)
        assert isinstance(notation, Literal), f"{individual} has no skos:notation"
        out[str(notation)] = str(individual)
    return out


@pytest.mark.parametrize("name", sorted(codes.CODE_LISTS))
def test_code_list_matches_the_ontology(name: str, ontology: Graph) -> None:
    code_list = codes.CODE_LISTS[name]
    assert _notations(ontology, code_list.scheme) == code_list.as_terms(), (
        f"kg/vocab/codes.py {name} and the rujp:{code_list.scheme} individuals of "
        "ontology/rujp.ttl disagree: change both together"
    )


def test_every_class_of_coded_individuals_has_a_code_list(ontology: Graph) -> None:
    schemes = {
        str(cls)[len(terms.ONTOLOGY_NS) :]
        for individual in ontology.subjects(SKOS.notation, None)
        for cls in ontology.objects(individual, RDF.type)
        if str(cls).startswith(terms.ONTOLOGY_NS)
    }
    assert schemes == {c.scheme for c in codes.CODE_LISTS.values()}


def test_levels_split_into_municipal_and_regional() -> None:
    assert codes.LEVEL.notations == codes.LEVELS_MUNICIPAL + codes.LEVELS_REGIONAL


def test_value_carrying_properties_are_annotation_properties(ontology: Graph) -> None:
    """claimValue and citedValue hold IRIs or literals, so neither may be an OWL object or
    datatype property (OWL 2 DL forbids both at once); every other term is typed as one."""
    annotation = set(ontology.subjects(RDF.type, OWL.AnnotationProperty))
    ours = {t for t in annotation if str(t).startswith(terms.ONTOLOGY_NS)}
    assert ours == {RUJP.claimValue, RUJP.citedValue}


@pytest.mark.parametrize("name", sorted(codes.CODE_LISTS))
def test_code_lists_are_skos_concept_schemes(name: str, ontology: Graph) -> None:
    scheme = URIRef(terms.ONTOLOGY_NS + codes.CODE_LISTS[name].scheme)
    assert (scheme, RDF.type, SKOS.ConceptScheme) in ontology
    for term in codes.CODE_LISTS[name].as_terms().values():
        concept = URIRef(term)
        assert set(ontology.objects(concept, SKOS.inScheme)) == {scheme}, term
        pref = {lit.language: lit for lit in ontology.objects(concept, SKOS.prefLabel)}  # type: ignore[union-attr]
        assert set(pref) == {"en", "ru", "ja"}, term
        labels = {lit.language: lit for lit in ontology.objects(concept, RDFS.label)}  # type: ignore[union-attr]
        assert pref == labels, term


def test_no_reserved_rdf_vocabulary_in_the_ontology(ontology: Graph) -> None:
    """Claims are not rdf:Statement and their properties are not rdf:subject/predicate/object."""
    reserved = {RDF.Statement, RDF.subject, RDF.predicate, RDF.object}
    assert not [t for t in ontology if set(t) & reserved]


def test_wikidata_mappings_use_qualifier_and_reference_namespaces(ontology: Graph) -> None:
    pq, pr = "http://www.wikidata.org/prop/qualifier/", "http://www.wikidata.org/prop/reference/"
    expected = {
        RUJP.established: pq + "P580",
        RUJP.number: pq + "P1545",
        RUJP.accessed: pr + "P813",
    }
    for prop, target in expected.items():
        assert {str(o) for o in ontology.objects(prop, SKOS.closeMatch)} == {target}, prop
    assert (None, OWL.sameAs, None) not in ontology
