"""The dataset description (``void.ttl``): VoID statistics and DCAT distributions.

Owns what is said about the dataset as a whole: titles and descriptions in English, Russian
and Japanese, licence, creator, the counts and class/property partitions of VoID, example
resources, the SPARQL endpoint as a DCAT data service, and one DCAT distribution per dataset
format of :mod:`kg.formats` with its byte size and SHA-256 checksum. Deterministic: nothing
carries a timestamp.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from urllib.parse import quote

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, VOID

from kg import __version__, formats
from kg.export.lines import TextTriple, iri_of, split_ntriples
from kg.vocab import terms
from kg.vocab.namespaces import ID, ONTOLOGY_IRI, RUJP

__all__ = ["DATASET_IRI", "DOWNLOAD_BASE", "LICENCE", "SPARQL_ENDPOINT", "dataset_description"]

SPDX = Namespace("http://spdx.org/rdf/terms#")
DCAT3 = Namespace(str(DCAT))  # rdflib's closed DCAT is DCAT 2, which lacks dcat:version
IANA = "https://www.iana.org/assignments/media-types/"

#: The dataset described by ``void.ttl``; its distributions and partitions live below it.
DATASET_IRI = URIRef(terms.DATASET_IRI)
#: Where the export files are published (``kg serve`` may serve ``build/`` there).
DOWNLOAD_BASE = terms.BASE + "download/"
#: The default address of ``kg serve``'s SPARQL endpoint.
SPARQL_ENDPOINT = URIRef("http://127.0.0.1:8000/sparql")
LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")

_TITLE = {
    "en": "Russia–Japan municipal ties knowledge graph",
    "ru": "Граф знаний о связях муниципальных образований России и Японии",
    "ja": "日露自治体間交流ナレッジグラフ",
}
_DESCRIPTION = {
    "en": (
        "Twinning agreements between Japanese and Russian local governments and what became "
        "of them, the Japan–Russia Coastal Mayors' Conferences held since 1970 and who took "
        "part, the two associations behind them with their members and officers, and the "
        "documents involved. Every fact cites its sources (PROV-O) with a confidence grade; "
        "conflicting claims are kept side by side."
    ),
    "ru": (
        "Соглашения о побратимстве между органами местного и регионального самоуправления "
        "Японии и России и их дальнейшая судьба, встречи мэров городов Дальнего Востока и "
        "Сибири России и западного побережья Японии, проводимые с 1970 года, и их участники, "
        "две ассоциации, которые их проводят, с их членами и руководителями, а также "
        "связанные документы. Каждый факт ссылается на свои источники (PROV-O) и имеет "
        "оценку достоверности; противоречащие друг другу сведения сохраняются рядом."
    ),
    "ja": (
        "日本とロシアの地方公共団体の姉妹・友好提携とその後の経緯、1970年から開かれている"
        "日ロ沿岸市長会議とその参加者、会議を支える両国の団体とその会員・役員、関連文書。"
        "すべての事実に出典（PROV-O）と確度が付き、食い違う主張は併記される。"
    ),
}
_KEYWORDS = {
    "en": ("sister cities", "twinning", "municipal diplomacy", "Japan", "Russia"),
    "ru": ("города-побратимы", "побратимство", "муниципальная дипломатия", "Япония", "Россия"),
    "ja": ("姉妹都市", "友好都市", "自治体外交", "日本", "ロシア"),
}
_CREATOR = URIRef(terms.DATASET_IRI + "/creator/rujp-kg-developers")
_SPARQL_SERVICE = URIRef(terms.DATASET_IRI + "/sparql")
#: The classes whose best-linked instance is given as an example resource.
_EXAMPLE_CLASSES = (
    RUJP.Municipality,
    RUJP.RegionalGovernment,
    RUJP.TwinningAgreement,
    RUJP.Meeting,
    RUJP.Organisation,
)
_TYPE = f"<{terms.RDF}type>"
_NAMED_GRAPHS_NOTE = (
    "Default graph: the whole graph (as rujp.ttl). Named graph <source IRI>: the triples "
    "whose subject is a fact node citing that source with prov:wasDerivedFrom."
)


def _slug(iri: str) -> str:
    for name, base in terms.PREFIXES.items():
        if iri.startswith(base) and len(iri) > len(base):
            return quote(f"{name}-{iri[len(base) :]}", safe="-_.~")
    return hashlib.sha256(iri.encode("utf-8")).hexdigest()[:12]


def _vocabulary(iri: str) -> URIRef | None:
    for base in sorted(terms.PREFIXES.values(), key=len, reverse=True):
        if iri.startswith(base) and not base.startswith(terms.ID_BASE):
            return URIRef(base)
    return None


def _count(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


def _describe_dataset(d: Graph, triples: list[TextTriple]) -> None:
    """Titles, licence, creator, version, endpoint and sources of the dataset."""
    ds = DATASET_IRI
    d.add((ds, RDF.type, VOID.Dataset))
    d.add((ds, RDF.type, DCAT.Dataset))
    for lang in ("en", "ru", "ja"):
        d.add((ds, DCTERMS.title, Literal(_TITLE[lang], lang=lang)))
        d.add((ds, DCTERMS.description, Literal(_DESCRIPTION[lang], lang=lang)))
        for word in _KEYWORDS[lang]:
            d.add((ds, DCAT.keyword, Literal(word, lang=lang)))
    d.add((ds, DCTERMS.license, LICENCE))
    d.add((ds, DCTERMS.creator, _CREATOR))
    d.add((ds, DCTERMS.publisher, _CREATOR))
    d.add((_CREATOR, RDF.type, FOAF.Agent))
    d.add((_CREATOR, FOAF.name, Literal("rujp-kg developers")))
    d.add((ds, DCAT3.version, Literal(__version__)))
    d.add((ds, OWL.versionInfo, Literal(__version__)))
    d.add((ds, DCAT.landingPage, URIRef(terms.BASE)))
    d.add((ds, DCTERMS.conformsTo, ONTOLOGY_IRI))
    d.add((ds, VOID.uriSpace, Literal(str(ID))))
    d.add((ds, VOID.sparqlEndpoint, SPARQL_ENDPOINT))
    source_class = f"<{RUJP.Source}>"
    sources = {s for s, p, o in triples if p == _TYPE and o == source_class}
    for source in sorted(iri for iri in map(iri_of, sources) if iri is not None):
        d.add((ds, DCTERMS.source, URIRef(source)))


def _statistics(d: Graph, triples: list[TextTriple]) -> None:
    """VoID counts, class and property partitions, vocabularies and example resources,
    counted on the N-Triples texts of the terms (equal terms are equal texts)."""
    ds = DATASET_IRI
    subjects = {s for s, _, _ in triples if s.startswith("<")}
    entity_space = f"<{ID}"
    entities = {s for s in subjects if s.startswith(entity_space)}
    objects = {o for _, _, o in triples}
    predicates = Counter(p for _, p, _ in triples)
    classes: dict[str, set[str]] = {}
    for s, p, o in triples:
        if p == _TYPE and o.startswith("<") and s.startswith("<"):
            classes.setdefault(o[1:-1], set()).add(s[1:-1])
    d.add((ds, VOID.triples, _count(len(triples))))
    d.add((ds, VOID.entities, _count(len(entities))))
    d.add((ds, VOID.distinctSubjects, _count(len(subjects))))
    d.add((ds, VOID.distinctObjects, _count(len(objects))))
    d.add((ds, VOID.properties, _count(len(predicates))))
    d.add((ds, VOID.classes, _count(len(classes))))
    for cls, members in sorted(classes.items()):
        part = URIRef(f"{ds}/class/{_slug(cls)}")
        d.add((ds, VOID.classPartition, part))
        d.add((part, VOID["class"], URIRef(cls)))
        d.add((part, VOID.entities, _count(len(members))))
    properties = sorted((p[1:-1], n) for p, n in predicates.items() if p.startswith("<"))
    for prop, n in properties:
        part = URIRef(f"{ds}/property/{_slug(prop)}")
        d.add((ds, VOID.propertyPartition, part))
        d.add((part, VOID.property, URIRef(prop)))
        d.add((part, VOID.triples, _count(n)))
    vocabularies = {_vocabulary(p) for p, _ in properties} | {_vocabulary(c) for c in classes}
    for vocabulary in sorted(str(v) for v in vocabularies if v is not None):
        d.add((ds, VOID.vocabulary, URIRef(vocabulary)))
    degree = Counter(s for s, _, _ in triples) + Counter(o for _, _, o in triples)
    for cls in _EXAMPLE_CLASSES:
        members = classes.get(str(cls), set())
        if members:
            best = min(members, key=lambda m: (-degree[f"<{m}>"], m))
            d.add((ds, VOID.exampleResource, URIRef(best)))


def _sparql_service(d: Graph) -> None:
    """The SPARQL endpoint as a DCAT data service."""
    service = _SPARQL_SERVICE
    d.add((service, RDF.type, DCAT.DataService))
    d.add((service, DCTERMS.title, Literal("rujp-kg SPARQL endpoint (kg serve)", lang="en")))
    d.add((service, DCAT.endpointURL, SPARQL_ENDPOINT))
    d.add((service, DCAT.servesDataset, DATASET_IRI))
    d.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))


def _distributions(d: Graph, files: dict[str, bytes]) -> None:
    """One distribution per dataset format, with its size and checksum."""
    ds = DATASET_IRI
    for fmt in formats.dataset_formats():
        data = files[fmt.name]
        dist = URIRef(f"{ds}/distribution/{fmt.name}")
        checksum = URIRef(f"{dist}/checksum")
        download = URIRef(DOWNLOAD_BASE + fmt.file)
        format_iri = URIRef(fmt.w3c_iri)
        d.add((ds, DCAT.distribution, dist))
        d.add((ds, VOID.dataDump, download))
        d.add((ds, VOID.feature, format_iri))
        d.add((dist, RDF.type, DCAT.Distribution))
        d.add((dist, DCTERMS.title, Literal(f"{fmt.file} ({fmt.title})", lang="en")))
        if fmt.quads:
            d.add((dist, DCTERMS.description, Literal(_NAMED_GRAPHS_NOTE, lang="en")))
        d.add((dist, DCAT.mediaType, URIRef(IANA + fmt.media_type)))
        d.add((dist, DCTERMS["format"], format_iri))
        d.add((dist, DCAT.downloadURL, download))
        d.add((dist, DCAT.accessURL, download))
        d.add((dist, DCTERMS.license, LICENCE))
        d.add((dist, DCAT.byteSize, Literal(len(data), datatype=XSD.nonNegativeInteger)))
        d.add((dist, SPDX.checksum, checksum))
        d.add((checksum, RDF.type, SPDX.Checksum))
        d.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        digest = hashlib.sha256(data).hexdigest()
        d.add((checksum, SPDX.checksumValue, Literal(digest, datatype=XSD.hexBinary)))


def dataset_description(graph: Graph, files: dict[str, bytes]) -> Graph:
    """VoID and DCAT description of the graph and of its serialisations ``files``
    (format name -> the exact bytes published; the statistics are counted on its canonical
    N-Triples, ``files["nt"]``, made here when absent)."""
    from kg.export.rdf import canonical_ntriples

    triples = split_ntriples(files["nt"] if "nt" in files else canonical_ntriples(graph))
    d = Graph(bind_namespaces="core")
    for prefix, ns in (
        ("void", VOID),
        ("dcat", DCAT),
        ("dcterms", DCTERMS),
        ("foaf", FOAF),
        ("spdx", SPDX),
        ("rujp", RUJP._NS),
        ("source", Namespace(terms.PREFIXES["source"])),
        ("owl", OWL),
    ):
        d.bind(prefix, ns)
    _describe_dataset(d, triples)
    _statistics(d, triples)
    _sparql_service(d)
    _distributions(d, files)
    return d
