"""Resource pages for `kg serve`: describe, RDF views, HTML views (escaping, languages,
sources, links), the ontology documentation, and a light import."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV

from kg.query.store import open_store
from kg.serve.pages import (
    LANGS,
    describe,
    iri_path,
    ontology_html,
    resource_html,
    resource_rdf,
)
from kg.serve.pages import (
    RDF_FORMATS as MEDIA_TYPES,
)
from kg.serve.pages.i18n import UI
from kg.vocab import iris, terms
from kg.vocab.namespaces import GEO, RUJP, SCHEMA

UNKNOWN = "https://w3id.org/rujp/id/place/no-such-place"


@pytest.fixture(scope="module")
def store(built_out: Path) -> Iterator[Any]:
    yield open_store(built_out / "store")


def _agreement_with_status(graph: Graph) -> URIRef:
    found = sorted(
        a
        for a in graph.subjects(RDF.type, RUJP.TwinningAgreement)
        if graph.value(a, RUJP.statusChange) is not None
    )
    assert found and isinstance(found[0], URIRef)
    return found[0]


def _trilingual_place(graph: Graph) -> URIRef:
    for place in sorted(graph.subjects(RDF.type, RUJP.Municipality)):
        langs = {o.language for o in graph.objects(place, RDFS.label) if isinstance(o, Literal)}
        if {"en", "ru", "ja"} <= langs and graph.value(place, GEO.lat) is not None:
            assert isinstance(place, URIRef)
            return place
    raise AssertionError("no municipality with labels in en, ru and ja and coordinates")


def _busiest_meeting(graph: Graph) -> URIRef:
    meetings = sorted(graph.subjects(RDF.type, RUJP.Meeting))
    best = max(meetings, key=lambda m: len(set(graph.subjects(RUJP.meeting, m))))
    assert isinstance(best, URIRef)
    return best


def _rdflib(triples: list[ox.Triple]) -> Graph:
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    assert data is not None
    return Graph().parse(data=data, format="nt")


def _local(iri: object, lang: str) -> str:
    """The link a page in ``lang`` makes to a project IRI: its path, keeping the language."""
    path = iri_path(str(iri))
    assert path is not None, iri
    return f"{path}?lang={lang}"


def _hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


# -- describe and RDF views --------------------------------------------------------------------


def test_describe_is_outgoing_plus_incoming(store: Any, graph: Graph) -> None:
    place = _trilingual_place(graph)
    triples = describe(store, str(place))
    by_sparql = store.query(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {{ <{place}> ?p ?o BIND(<{place}> AS ?s) }} "
        f"UNION {{ ?s ?p <{place}> BIND(<{place}> AS ?o) }} }}"
    )
    assert {str(t) for t in triples} == {str(t) for t in by_sparql}
    in_graph = set(graph.triples((place, None, None))) | set(graph.triples((None, None, place)))
    assert len(triples) == len(in_graph)
    keys = [(str(t.subject), str(t.predicate), str(t.object)) for t in triples]
    assert keys == sorted(keys)


def test_unknown_iris_give_none(store: Any) -> None:
    for iri in (UNKNOWN, "not an iri", "https://example.org/elsewhere"):
        assert describe(store, iri) == []
        assert resource_html(store, iri, "en") is None
        for fmt in MEDIA_TYPES:
            assert resource_rdf(store, iri, fmt) is None
    with pytest.raises(ValueError, match="unknown format"):
        resource_rdf(store, str(RUJP.Municipality), "pdf")


@pytest.mark.parametrize("fmt", ["ttl", "nt", "rdfxml"])
def test_resource_rdf_parses_to_the_description(fmt: str, store: Any, graph: Graph) -> None:
    iri = str(_agreement_with_status(graph))
    data = resource_rdf(store, iri, fmt)
    assert data is not None
    parser = {"ttl": "turtle", "nt": "nt", "rdfxml": "xml"}[fmt]
    parsed = Graph().parse(data=data, format=parser)
    assert isomorphic(parsed, _rdflib(describe(store, iri)))


def test_resource_jsonld_expands_to_the_description(store: Any, graph: Graph) -> None:
    from pyld import jsonld

    iri = str(_busiest_meeting(graph))
    data = resource_rdf(store, iri, "jsonld")
    assert data is not None
    document = json.loads(data)
    meetings = [n for n in document["@graph"] if n.get("type") == "Meeting"]
    assert len(meetings) == 1
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    expected = _rdflib(describe(store, iri))
    assert isomorphic(Graph().parse(data=nquads, format="nt"), expected)


def test_ontology_terms_are_described_too(store: Any, ontology: Graph) -> None:
    data = resource_rdf(store, str(RUJP.TwinningAgreement), "ttl")
    assert data is not None
    parsed = Graph().parse(data=data, format="turtle")
    assert set(ontology.triples((RUJP.TwinningAgreement, None, None))) <= set(parsed)


# -- HTML --------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_page_title_and_switch_follow_the_language(lang: str, store: Any, graph: Graph) -> None:
    place = _trilingual_place(graph)
    label = next(
        str(o)
        for o in graph.objects(place, RDFS.label)
        if isinstance(o, Literal) and o.language == lang
    )
    html = resource_html(store, str(place), lang)
    assert html is not None
    assert f'<html lang="{lang}">' in html
    assert f'<h1 lang="{lang}">{escape(label)}</h1>' in html
    others = [code for code in LANGS if code != lang]
    for code in others:
        assert f'href="?lang={code}"' in html
    assert f'href="?lang={lang}"' not in html


def test_unknown_language_falls_back_to_english(store: Any, graph: Graph) -> None:
    place = str(_trilingual_place(graph))
    assert resource_html(store, place, "fr") == resource_html(store, place, "en")


def test_every_fact_links_to_its_sources(store: Any, graph: Graph) -> None:
    agreement = _agreement_with_status(graph)
    html = resource_html(store, str(agreement), "en")
    assert html is not None
    hrefs = set(_hrefs(html))
    facts = [agreement, *graph.objects(agreement, RUJP.statusChange)]
    for fact in facts:
        sources = list(graph.objects(fact, PROV.wasDerivedFrom))
        assert sources, fact
        for source in sources:
            url = graph.value(source, SCHEMA.url)
            title = graph.value(source, DCTERMS.title)
            assert escape(str(url)) in hrefs, url
            assert _local(source, "en") in hrefs, source
            assert escape(str(title)) in html, title


@pytest.mark.parametrize("lang", LANGS)
def test_curation_statements_credit_no_source(store: Any, graph: Graph, lang: str) -> None:
    """The table, confidence and note of a record are about the record: the statements table
    shows them without source references, and every value row keeps its references."""
    meeting = _busiest_meeting(graph)
    html = resource_html(store, str(meeting), lang)
    assert html is not None
    table = html.split('id="statements"')[1].split("</table>")[0]
    last_cells = [
        re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[-1] for row in table.split("<tr")[2:]
    ]
    curation = [c for c in last_cells if escape(UI[lang]["curation"]) in c]
    expected = {p for p in terms.CURATION_PREDICATES if p != str(PROV.wasDerivedFrom)} & {
        str(p) for p in graph.predicates(meeting)
    }
    assert len(curation) == len(expected) >= 2
    assert not any(re.search(r"\[\d+\]", c) for c in curation)
    values = [c for c in last_cells if c not in curation and escape(UI[lang]["derived"]) not in c]
    assert values
    assert all(re.search(r"\[\d+\]", c) for c in values)


def test_agreement_page_shows_parties_and_status(store: Any, graph: Graph) -> None:
    agreement = _agreement_with_status(graph)
    html = resource_html(store, str(agreement), "en")
    assert html is not None
    parties = html.split('id="parties"')[1].split("</section>")[0]
    for prop in (RUJP.japaneseParty, RUJP.russianParty):
        party = graph.value(agreement, prop)
        assert f'href="{_local(party, "en")}"' in parties, party
    status = html.split('id="status"')[1].split("</section>")[0]
    for change in graph.objects(agreement, RUJP.statusChange):
        assert str(graph.value(change, RUJP.date)) in status


def test_meeting_page_lists_every_participant(store: Any, graph: Graph) -> None:
    meeting = _busiest_meeting(graph)
    html = resource_html(store, str(meeting), "ru")
    assert html is not None
    section = html.split('id="participants"')[1].split("</section>")[0]
    participants = {graph.value(p, RUJP.participant) for p in graph.subjects(RUJP.meeting, meeting)}
    assert participants
    for place in participants:
        assert f'href="{_local(place, "ru")}"' in section, place
    assert section.count("<tr>") == len(participants) + 1


def test_place_page_has_a_map_and_incoming_links(store: Any, graph: Graph) -> None:
    """The map of a place shows the place once, each partner with coordinates (grey when
    the tie's latest status is suspended or ended), the coastlines, and no place twice."""
    place = URIRef(iris.place("jp-niigata"))
    html = resource_html(store, str(place), "ja")
    assert html is not None
    svg = html.split('id="map"')[1].split("</figure>")[0]
    assert svg.count('class="here"') == 1
    partners = {}
    for agreement in set(graph.subjects(RUJP.party, place)):
        partner = next(p for p in graph.objects(agreement, RUJP.party) if p != place)
        changes = sorted(
            graph.objects(agreement, RUJP.statusChange),
            key=lambda c: str(graph.value(c, RUJP.date)),
        )
        latest = graph.value(changes[-1], RUJP.status) if changes else None
        if graph.value(partner, GEO.lat) is not None:
            partners[partner] = latest in (RUJP.StatusSuspended, RUJP.StatusEnded)
    assert len(partners) >= 2
    assert svg.count('class="partner') == len(partners)
    assert svg.count('class="partner stopped"') == sum(partners.values())
    assert '<polygon class="land"' in svg
    centres = re.findall(r'<circle class="[^"]*" cx="([^"]+)" cy="([^"]+)"', svg)
    assert len(centres) == len(set(centres))
    incoming = html.split('id="incoming"')[1].split("</details>")[0]
    for subject in set(graph.subjects(RUJP.party, place)):
        assert f'href="{_local(subject, "ja")}"' in incoming, subject


def test_links_use_iri_paths_and_safe_schemes(store: Any, graph: Graph) -> None:
    meeting = _busiest_meeting(graph)
    html = resource_html(store, str(meeting), "en")
    assert html is not None
    hrefs = _hrefs(html)
    assert any(h.startswith("/id/place/") for h in hrefs)
    assert not [h for h in hrefs if h.startswith("https://w3id.org/rujp/")]
    schemes = {h.split(":", 1)[0] for h in hrefs if ":" in h.split("/", 1)[0]}
    assert schemes <= {"http", "https", "data"}


def test_data_is_escaped(built_out: Path, graph: Graph) -> None:
    """Inject markup into a copy of the data: labels, notes, a source title and a
    javascript: address; the page shows them as text and links none of them."""
    copy = ox.Store()
    copy.bulk_load(path=str(built_out / "rujp.nt"), format=ox.RdfFormat.N_TRIPLES)
    copy.bulk_load(path=str(built_out / "ontology.ttl"), format=ox.RdfFormat.TURTLE)
    place = ox.NamedNode(str(_trilingual_place(graph)))
    evil_source = ox.NamedNode("https://w3id.org/rujp/id/source/evil")
    script = "<script>alert('label')</script>"
    attribute = '"><img src=x onerror=alert(1)>'
    rdfs_label = ox.NamedNode(str(RDFS.label))
    for quad in list(copy.quads_for_pattern(place, rdfs_label, None)):
        copy.remove(quad)
    for triple in (
        (place, rdfs_label, ox.Literal(script, language="en")),
        (place, ox.NamedNode(str(RDFS.comment)), ox.Literal(attribute, language="en")),
        (place, ox.NamedNode(str(PROV.wasDerivedFrom)), evil_source),
        (evil_source, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(RUJP.Source))),
        (evil_source, ox.NamedNode(str(DCTERMS.title)), ox.Literal("</title><script>x()</script>")),
        (evil_source, ox.NamedNode(str(SCHEMA.url)), ox.NamedNode("javascript:alert(1)")),
        (evil_source, ox.NamedNode(str(DCTERMS.publisher)), ox.Literal("A & B <b>")),
    ):
        copy.add(ox.Quad(*triple))
    for lang in LANGS:
        html = resource_html(copy, place.value, lang)
        assert html is not None
        assert "<script" not in html
        assert "<img" not in html
        assert "javascript:" not in " ".join(_hrefs(html))
        assert escape(script) in html
        assert escape(attribute) in html
        assert "A &amp; B &lt;b&gt;" in html
    source_page = resource_html(copy, evil_source.value, "en")
    assert source_page is not None and "<script" not in source_page


# -- ontology documentation and lightness -----------------------------------------------------


def test_ontology_html(built_out: Path, tmp_path: Path) -> None:
    assert ontology_html(built_out) == (built_out / "ontology.html").read_bytes()
    assert ontology_html(tmp_path) is None


def test_pages_stay_light(built_out: Path, graph: Graph) -> None:
    """Serving a page loads neither rdflib, pySHACL nor matplotlib."""
    place = _trilingual_place(graph)
    code = (
        "import sys\n"
        "from kg.serve.pages import resource_html, resource_rdf\n"
        "from kg.query.store import open_store\n"
        f"store = open_store(__import__('pathlib').Path({str(built_out / 'store')!r}))\n"
        f"assert resource_html(store, {str(place)!r}, 'ru')\n"
        f"assert resource_rdf(store, {str(place)!r}, 'jsonld')\n"
        "loaded = {m.split('.')[0] for m in sys.modules}\n"
        "heavy = sorted(loaded & {'rdflib', 'pyshacl', 'matplotlib'})\n"
        "print('HEAVY:' + ','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert "HEAVY:\n" in out.stdout


def test_ontology_documents_every_code_list_value(built_out: Path) -> None:
    """Every code-list value has an anchored row (its local name) in the documentation,
    with its notation and its names in en, ru and ja."""
    from kg.vocab.codes import CODE_LISTS

    doc = (built_out / "ontology.html").read_text(encoding="utf-8")
    ids = re.findall(r'\bid="([^"]+)"', doc)
    section = doc.split('<div id="codelists">')[1]
    for code_list in CODE_LISTS.values():
        assert f'href="#list-{code_list.scheme}"' in doc
        for notation, local in code_list.codes:
            assert ids.count(local) == 1, local  # one entry: a link opens at its row
            row = section.split(f'<tr id="{local}">')[1].split("</tr>")[0]
            assert f"<code>{escape(notation)}</code>" in row
            cells = re.findall(r"<td[^>]*>([^<]*)</td>", row)
            assert len([c for c in cells if c.strip()]) >= 3, (local, cells)


def test_per_value_sources_come_from_one_function(
    store: Any, graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the library offers per-value sources, each value cites its own sources (one
    number per distinct source on the page); without them, the fact node's sources."""
    import sys
    import types

    from kg.serve.pages import provenance

    place = URIRef(iris.place("jp-niigata"))
    node_sources = sorted(str(s) for s in graph.objects(place, PROV.wasDerivedFrom))
    assert len(node_sources) >= 2
    before = resource_html(store, str(place), "en")
    assert before is not None
    facts = before.split('id="facts"')[1].split("</table>")[0]
    assert f'href="#src-{len(node_sources)}"' in facts  # every value: the node's sources

    chosen = node_sources[-1]
    fake = types.ModuleType("kg.query.citations")

    def value_sources(_store: Any, subject: str) -> dict[str, list[str]]:
        return {str(RUJP.country): [chosen]} if subject == str(place) else {}

    fake.__dict__["value_sources"] = value_sources
    monkeypatch.setitem(sys.modules, "kg.query.citations", fake)
    provenance._per_value.cache_clear()
    try:
        after = resource_html(store, str(place), "en")
    finally:
        provenance._per_value.cache_clear()
    assert after is not None
    country_row = after.split('id="facts"')[1].split("</tr>")[0]
    assert re.findall(r'href="#src-(\d+)"', country_row) == ["1"]
    sources = after.split('id="sources"')[1]
    first = sources.split('id="src-1"')[1].split("</li>")[0]
    assert f'href="{_local(chosen, "en")}"' in first
    numbered = re.findall(r'<li id="src-(\d+)"', sources)
    assert numbered == [str(n) for n in range(1, len(numbered) + 1)]


@pytest.mark.parametrize("lang", ["ru", "ja"])
def test_agreement_titles_are_localised(
    store: Any, graph: Graph, ontology: Graph, lang: str
) -> None:
    """An agreement is named in the page language from its parties and kind."""
    agreement = URIRef(iris.agreement("jp-niigata--ru-khabarovsk"))
    html = resource_html(store, str(agreement), lang)
    assert html is not None
    h1 = html.split("<h1")[1].split("</h1>")[0]
    for prop in (RUJP.japaneseParty, RUJP.russianParty, RUJP.agreementKind):
        node = graph.value(agreement, prop)
        labels = graph if prop != RUJP.agreementKind else ontology
        name = next(
            str(o)
            for o in labels.objects(node, RDFS.label)
            if isinstance(o, Literal) and o.language == lang
        )
        assert escape(name) in h1, (prop, name, h1)
    english = str(graph.value(agreement, RDFS.label))
    assert escape(english) not in h1


@pytest.mark.parametrize("lang", LANGS)
def test_a_source_without_a_title_says_so_not_its_id(lang: str, store: Any, graph: Graph) -> None:
    untitled = sorted(
        s
        for s in graph.subjects(RDF.type, RUJP.Source)
        if graph.value(s, DCTERMS.title) is None
        and any(True for _ in graph.subjects(PROV.wasDerivedFrom, s))
    )
    assert untitled, "the data has sources whose page shows no title"
    source = untitled[0]
    fact = sorted(graph.subjects(PROV.wasDerivedFrom, source))[0]
    html = resource_html(store, str(fact), lang)
    assert html is not None
    item = re.search(rf'<li id="src-\d+"><a[^>]*href="[^"]*{re.escape(_local(source, lang))}', html)
    assert item is not None
    entry = html[item.start() : html.index("</li>", item.start())]
    assert f"({UI[lang]['untitled']})" in entry
    assert ">source/" not in entry


def test_map_labels_stay_inside_the_frame_even_when_crowded() -> None:
    from kg.serve.pages import geo

    x, y, size = geo._WIDTH - 4, 100.0, 12.0
    label = "ペトロパヴロフスク・カムチャツキー市"
    crowd = [(x - 300, y - 40, x, y + 40)]  # every spot left of the point is taken
    _, _, _, box = geo._place_label(x, y, label, size, crowd)
    assert box[0] >= 0 and box[2] <= geo._WIDTH
