"""The graph built from the real tables: the founding document's facts, derived links,
IRIs, and an isomorphic snapshot."""

from __future__ import annotations

from pathlib import Path

from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.compare import graph_diff, to_isomorphic

from kg.graph import date_literal
from kg.vocab import iris
from kg.vocab.namespaces import RUJP

SNAPSHOT = Path(__file__).resolve().parent / "snapshots" / "rujp.nt"
P = "PREFIX rujp: <https://w3id.org/rujp/ontology#> "


def _ask(graph: Graph, body: str) -> bool:
    return bool(graph.query(P + "ASK { " + body + " }").askAnswer)


def test_seed_27th_meeting(graph: Graph) -> None:
    m = URIRef(iris.meeting("coastal-mayors-conference", "27"))
    assert (m, RUJP.number, Literal("27", datatype=XSD.positiveInteger)) in graph
    assert (m, RUJP.host, URIRef(iris.place("ru-petropavlovsk-kamchatsky"))) in graph
    assert (m, RUJP.startDate, date_literal("2019-08-22")) in graph
    assert (m, RUJP.endDate, date_literal("2019-08-23")) in graph


def test_seed_participants_and_roles(graph: Graph) -> None:
    expected = {
        "ru-blagoveshchensk": RUJP.RoleMayor,
        "ru-nakhodka": RUJP.RoleMayor,
        "jp-niigata": RUJP.RoleMayor,
        "jp-maizuru": RUJP.RoleMayor,
        "jp-toyama": RUJP.RoleRepresentative,
        "jp-kanazawa": RUJP.RoleRepresentative,
    }
    for place, role in expected.items():
        node = URIRef(iris.participation("coastal-mayors-conference", "27", place))
        assert (node, RUJP.role, role) in graph, place
    # Khabarovsk took part; TASS's "mayor" is kept as a claim beside the city's own account.
    khv = URIRef(iris.participation("coastal-mayors-conference", "27", "ru-khabarovsk"))
    assert (khv, RUJP.participant, URIRef(iris.place("ru-khabarovsk"))) in graph
    # The city's own account (its acting deputy mayor spoke for the mayor) is the accepted
    # value; the seed's "mayor" is a competing claim on the role, with its own sources.
    assert set(graph.objects(khv, RUJP.role)) == {RUJP.RoleDeputyMayor}
    claims = set(graph.subjects(RUJP.claimAbout, khv))
    claimed = {
        str(graph.value(c, RUJP.claimValue))
        for c in claims
        if graph.value(c, RUJP.claimProperty) == RUJP.role
    }
    assert claimed == {"mayor"}


def test_seed_series_history(graph: Graph) -> None:
    s = URIRef(iris.series("coastal-mayors-conference"))
    assert (s, RUJP.firstYear, date_literal("1970")) in graph
    assert str(graph.value(s, RUJP.frequency)) == "P2Y"
    first = URIRef(iris.meeting("coastal-mayors-conference", "1"))
    assert (first, RUJP.host, URIRef(iris.place("ru-khabarovsk"))) in graph
    assert str(graph.value(first, RUJP.startDate)).startswith("1970")
    for host, year in (("ru-vladivostok", "2015"), ("jp-niigata", "2017")):
        pattern = f"?m rujp:host <{iris.place(host)}> ; rujp:startDate ?d ."
        assert _ask(graph, pattern + f' FILTER(STRSTARTS(STR(?d), "{year}"))'), host


def test_seed_associations_and_secretariat_head(graph: Graph) -> None:
    for org in ("jp-coastal-mayors-association", "ru-fe-siberia-association"):
        assert (URIRef(iris.organisation(org)), RDF.type, RUJP.Organisation) in graph
    post = URIRef(
        iris.post(
            "ivanova-tatyana", "secretariat_head", "ru-fe-siberia-association", "", "2019-08-22"
        )
    )
    assert (post, RUJP.postIn, URIRef(iris.organisation("ru-fe-siberia-association"))) in graph
    assert (post, RUJP.holder, URIRef(iris.person("ivanova-tatyana"))) in graph


def test_seed_memorandum(graph: Graph) -> None:
    memo = URIRef(iris.document("memo-2020-2021-exchange-year"))
    assert (memo, RUJP.documentKind, RUJP.DocMemorandum) in graph
    tass = URIRef(iris.source("tass-2019-08-22-kamchatka-mayors"))
    assert (memo, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), tass) in graph


def test_twinned_with_is_symmetric_and_derived_from_agreements(graph: Graph) -> None:
    pairs = set(graph.subject_objects(RUJP.twinnedWith))
    assert pairs
    assert all((b, a) in pairs for a, b in pairs)
    for agreement in graph.subjects(RDF.type, RUJP.TwinningAgreement):
        jp = graph.value(agreement, RUJP.japaneseParty)
        ru = graph.value(agreement, RUJP.russianParty)
        assert (jp, ru) in pairs
        assert set(graph.objects(agreement, RUJP.party)) == {jp, ru}


def test_every_fact_node_has_provenance(graph: Graph) -> None:
    prov = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
    facts = {s for s, _, c in graph.triples((None, RDF.type, None)) if c != RUJP.Source}
    missing = [s for s in facts if (s, prov, None) not in graph]
    assert not missing


def test_no_blank_nodes_and_every_iri_follows_the_scheme(graph: Graph) -> None:
    for s, _, o in graph:
        assert not isinstance(s, BNode) and not isinstance(o, BNode)
        if str(s).startswith(iris.ID_BASE):
            assert iris.IRI_PATTERN.match(str(s)), s


def test_graph_is_isomorphic_to_snapshot(graph: Graph) -> None:
    """Refresh with `make snapshot` after an intended data change, and review the diff."""
    snapshot = Graph().parse(SNAPSHOT, format="nt")
    if to_isomorphic(snapshot) != to_isomorphic(graph):
        _, only_snapshot, only_graph = graph_diff(to_isomorphic(snapshot), to_isomorphic(graph))
        lost = sorted(only_snapshot.serialize(format="nt").splitlines())[:10]
        new = sorted(only_graph.serialize(format="nt").splitlines())[:10]
        raise AssertionError(f"graph differs from snapshot;\nlost: {lost}\nnew: {new}")
