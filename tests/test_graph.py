"""The graph built from the real tables: the founding document's facts, derived links,
IRIs, and an isomorphic snapshot."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.compare import graph_diff, to_isomorphic

from kg.values import date_literal
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
        graph.value(c, RUJP.claimValue)
        for c in claims
        if graph.value(c, RUJP.claimProperty) == RUJP.role
    }
    # A claim's value has the type of the property it competes on: the role's code term.
    assert claimed == {RUJP.RoleMayor}


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


def _ended(graph: Graph, agreement: Any) -> bool:
    """Whether the latest change of state of an agreement (by its latest day) is an end."""
    states = {RUJP.StatusSuspended, RUJP.StatusEnded, RUJP.StatusResumed, RUJP.StatusReaffirmed}
    events = [
        (str(graph.value(sc, RUJP.dateLatest)), graph.value(sc, RUJP.status))
        for sc in graph.objects(agreement, RUJP.statusChange)
        if graph.value(sc, RUJP.status) in states
    ]
    return bool(events) and max(events, key=lambda e: e[0])[1] == RUJP.StatusEnded


def test_twinned_with_only_for_sister_and_friendship_ties_not_ended(graph: Graph) -> None:
    twinned = set(graph.subject_objects(RUJP.twinnedWith))
    partners = set(graph.subject_objects(RUJP.partnerOf))
    assert twinned and all((b, a) in twinned for a, b in twinned)
    assert all((b, a) in partners for a, b in partners)
    expected_twinned, expected_partners = set(), set()
    for agreement in graph.subjects(RDF.type, RUJP.TwinningAgreement):
        jp = graph.value(agreement, RUJP.japaneseParty)
        ru = graph.value(agreement, RUJP.russianParty)
        assert set(graph.objects(agreement, RUJP.party)) == {jp, ru}
        expected_partners |= {(jp, ru), (ru, jp)}
        kind = graph.value(agreement, RUJP.agreementKind)
        if kind in (RUJP.KindSister, RUJP.KindFriendship) and not _ended(graph, agreement):
            expected_twinned |= {(jp, ru), (ru, jp)}
    assert twinned == expected_twinned
    assert partners == expected_partners
    assert twinned < partners  # the "other" and "partner" ties are partners only


def test_derived_ties_cite_the_agreements_sources(graph: Graph) -> None:
    """rujp:twinnedWith and rujp:partnerOf on a place cite the sources of the agreement(s)
    between the two places, not the place's own sources."""
    prov = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
    by_pair: dict[tuple[Any, Any], set[Any]] = {}
    for agreement in graph.subjects(RDF.type, RUJP.TwinningAgreement):
        jp = graph.value(agreement, RUJP.japaneseParty)
        ru = graph.value(agreement, RUJP.russianParty)
        cited = set(graph.objects(agreement, prov))
        by_pair.setdefault((jp, ru), set()).update(cited)
        by_pair.setdefault((ru, jp), set()).update(cited)
    checked = 0
    for link in (RUJP.twinnedWith, RUJP.partnerOf):
        for a, b in graph.subject_objects(link):
            nodes = [
                n
                for n in graph.subjects(RUJP.citedSubject, a)
                if graph.value(n, RUJP.citedProperty) == link
                and graph.value(n, RUJP.citedValue) == b
            ]
            if nodes:
                assert len(nodes) == 1
                assert set(graph.objects(nodes[0], prov)) == by_pair[(a, b)]
            else:  # no cited value: the place's own sources are exactly the agreement's
                assert set(graph.objects(a, prov)) == by_pair[(a, b)]
            checked += 1
    assert checked == len(set(graph.subject_objects(RUJP.partnerOf))) + len(
        set(graph.subject_objects(RUJP.twinnedWith))
    )


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
