"""Linked-data publication written by ``kg build``: every standard serialisation, the dataset
description (VoID and DCAT) and the ontology documentation (pyLODE).

Every output is deterministic and byte-identical on rebuild: the graph has no blank nodes,
triples and quads are sorted, JSON keys are ordered, and nothing carries a timestamp.

Named graphs (TriG and N-Quads) keep provenance:

- the **default graph** holds the whole graph, exactly the triples of ``rujp.ttl``, so a
  tool that reads only the default graph (or merges all graphs) gets the complete data;
- each **named graph** is named by the IRI of a source (``https://w3id.org/rujp/id/source/…``,
  the ``rujp:Source`` node that describes it) and holds the triples whose subject is a fact
  node citing that source (``?fact prov:wasDerivedFrom <source>``): what that source supports.
  A fact citing several sources appears in each of their graphs; source descriptions and
  other nodes that cite no source appear only in the default graph.

>>> from kg.paths import data_dir
>>> from kg.graph import build_graph
>>> from kg.tables import load_tables
>>> graph = build_graph(load_tables(data_dir())).graph
>>> export(graph, "nq") == export(graph, "nq")
True
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, PROV, VOID

from kg import __version__
from kg.export.rdf import canonical_ntriples, canonical_turtle, write_atomic
from kg.serve.pages import (
    CONTEXT_FILE,
    ONTOLOGY_HTML,
    PREFIXES,
    jsonld_document,
    load_context,
    serialize,
)
from kg.vocab.namespaces import BASE, ID, ONTOLOGY_IRI, RUJP

__all__ = [
    "DATASET_IRI",
    "FORMATS",
    "SPARQL_ENDPOINT",
    "VOID_FILE",
    "ExportFormat",
    "dataset_description",
    "export",
    "export_all",
    "ontology_documentation",
    "provenance_quads",
    "write_publication",
]

SPDX = Namespace("http://spdx.org/rdf/terms#")
DCAT3 = Namespace(str(DCAT))  # rdflib's closed DCAT is DCAT 2, which lacks dcat:version
FORMATS_NS = Namespace("http://www.w3.org/ns/formats/")
IANA = "https://www.iana.org/assignments/media-types/"

#: The dataset described by ``void.ttl``; its distributions and partitions live below it.
DATASET_IRI = URIRef(BASE + "dataset")
#: Where the export files are published (``kg serve`` may serve ``build/`` there).
DOWNLOAD_BASE = BASE + "download/"
#: The default address of ``kg serve``'s SPARQL endpoint.
SPARQL_ENDPOINT = URIRef("http://127.0.0.1:8000/sparql")
LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")
VOID_FILE = "void.ttl"


@dataclass(frozen=True)
class ExportFormat:
    """One serialisation: file name, media type and W3C format IRI."""

    key: str
    file: str
    media_type: str
    format_iri: URIRef
    title: str


FORMATS: dict[str, ExportFormat] = {
    f.key: f
    for f in (
        ExportFormat("ttl", "rujp.ttl", "text/turtle", FORMATS_NS.Turtle, "Turtle"),
        ExportFormat(
            "nt", "rujp.nt", "application/n-triples", FORMATS_NS["N-Triples"], "N-Triples"
        ),
        ExportFormat("nq", "rujp.nq", "application/n-quads", FORMATS_NS["N-Quads"], "N-Quads"),
        ExportFormat("trig", "rujp.trig", "application/trig", FORMATS_NS.TriG, "TriG"),
        ExportFormat(
            "jsonld", "rujp.jsonld", "application/ld+json", FORMATS_NS["JSON-LD"], "JSON-LD"
        ),
        ExportFormat("rdfxml", "rujp.rdf", "application/rdf+xml", FORMATS_NS.RDF_XML, "RDF/XML"),
    )
}

_DEFAULT = ox.DefaultGraph()


def _triples(ntriples: bytes) -> list[ox.Triple]:
    """The triples of canonical N-Triples, in their (sorted) order."""
    parsed = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    return [ox.Triple(q.subject, q.predicate, q.object) for q in parsed]


def _quad_key(quad: ox.Quad) -> tuple[str, str, str, str]:
    graph = "" if quad.graph_name == _DEFAULT else str(quad.graph_name)
    return graph, str(quad.subject), str(quad.predicate), str(quad.object)


def provenance_quads(triples: list[ox.Triple]) -> list[ox.Quad]:
    """The dataset of the TriG and N-Quads exports, sorted (default graph first).

    The default graph is the whole graph; the named graph ``<source>`` holds the triples
    whose subject cites that source with ``prov:wasDerivedFrom``.
    """
    derived_from = str(PROV.wasDerivedFrom)
    sources: dict[str, list[ox.NamedNode]] = {}
    for t in triples:
        if t.predicate.value == derived_from and isinstance(t.object, ox.NamedNode):
            sources.setdefault(str(t.subject), []).append(t.object)
    quads = [ox.Quad(t.subject, t.predicate, t.object, _DEFAULT) for t in triples]
    for t in triples:
        for source in sources.get(str(t.subject), []):
            quads.append(ox.Quad(t.subject, t.predicate, t.object, source))
    return sorted(set(quads), key=_quad_key)


def _sorted_lines(data: bytes) -> bytes:
    lines = sorted({line for line in data.decode("utf-8").splitlines() if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8")


def _sorted_prefixes(turtle: bytes) -> bytes:
    """Turtle/TriG with its leading ``@prefix`` lines sorted (pyoxigraph writes them in
    hash-map order)."""
    lines = turtle.decode("utf-8").split("\n")
    n = 0
    while n < len(lines) and lines[n].startswith("@prefix "):
        n += 1
    return "\n".join([*sorted(lines[:n]), *lines[n:]]).encode("utf-8")


_XMLNS = re.compile(r' xmlns(?::[A-Za-z_][\w.-]*)?="[^"]*"')


def _sorted_xmlns(xml: bytes) -> bytes:
    """RDF/XML with the namespace declarations of its root element sorted."""
    text = xml.decode("utf-8")
    start = text.index("<rdf:RDF")
    end = text.index(">", start)
    root = text[start:end]
    declarations = _XMLNS.findall(root)
    rest = _XMLNS.sub("", root)
    return (text[:start] + rest + "".join(sorted(declarations)) + text[end:]).encode("utf-8")


def _serialize(fmt: str, graph: Graph, nt: bytes, context: dict[str, Any]) -> bytes:
    if fmt == "ttl":
        return canonical_turtle(graph)
    if fmt == "nt":
        return nt
    triples = _triples(nt)
    if fmt == "nq":
        quads = provenance_quads(triples)
        return _sorted_lines(serialize(quads, ox.RdfFormat.N_QUADS))
    if fmt == "trig":
        quads = provenance_quads(triples)
        return _sorted_prefixes(serialize(quads, ox.RdfFormat.TRIG, PREFIXES))
    if fmt == "jsonld":
        document = jsonld_document(triples, context)
        return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt == "rdfxml":
        return _sorted_xmlns(serialize(triples, ox.RdfFormat.RDF_XML, PREFIXES))
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _context(context: Path | None) -> dict[str, Any]:
    from kg.paths import ontology_dir

    return load_context(context or ontology_dir() / CONTEXT_FILE)


def export(graph: Graph, fmt: str, *, context: Path | None = None) -> bytes:
    """The graph serialised in ``fmt`` (``ttl``, ``nt``, ``nq``, ``trig``, ``jsonld``,
    ``rdfxml``); ``context`` is the JSON-LD context file [``ontology/context.jsonld``]."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    ctx = _context(context) if fmt == "jsonld" else {}
    nt = canonical_ntriples(graph)
    return _serialize(fmt, graph, nt, ctx)


def export_all(graph: Graph, *, context: Path | None = None) -> dict[str, bytes]:
    """Every serialisation of the graph, by format key."""
    ctx = _context(context)
    nt = canonical_ntriples(graph)
    return {fmt: _serialize(fmt, graph, nt, ctx) for fmt in FORMATS}


# -- the dataset description ---------------------------------------------------------------

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
_CREATOR = URIRef(BASE + "dataset/creator/rujp-kg-developers")
_SPARQL_SERVICE = URIRef(BASE + "dataset/sparql")
#: The classes whose best-linked instance is given as an example resource.
_EXAMPLE_CLASSES = (
    RUJP.Municipality,
    RUJP.RegionalGovernment,
    RUJP.TwinningAgreement,
    RUJP.Meeting,
    RUJP.Organisation,
)
_NAMED_GRAPHS_NOTE = (
    "Default graph: the whole graph (as rujp.ttl). Named graph <source IRI>: the triples "
    "whose subject is a fact node citing that source with prov:wasDerivedFrom."
)


def _slug(iri: str) -> str:
    for name, base in PREFIXES.items():
        if iri.startswith(base) and len(iri) > len(base):
            return quote(f"{name}-{iri[len(base) :]}", safe="-_.~")
    return hashlib.sha256(iri.encode("utf-8")).hexdigest()[:12]


def _vocabulary(iri: str) -> URIRef | None:
    for base in sorted(PREFIXES.values(), key=len, reverse=True):
        if iri.startswith(base) and not base.startswith(str(ID)):
            return URIRef(base)
    return None


def _count(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


def dataset_description(graph: Graph, files: dict[str, bytes]) -> Graph:
    """VoID and DCAT description of the graph and of its serialisations ``files``
    (format key -> the exact bytes published)."""
    d = Graph(bind_namespaces="core")
    for prefix, ns in (
        ("void", VOID),
        ("dcat", DCAT),
        ("dcterms", DCTERMS),
        ("foaf", FOAF),
        ("spdx", SPDX),
        ("rujp", RUJP._NS),
        ("source", Namespace(str(ID) + "source/")),
        ("owl", OWL),
    ):
        d.bind(prefix, ns)
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
    d.add((ds, DCAT.landingPage, URIRef(BASE)))
    d.add((ds, DCTERMS.conformsTo, ONTOLOGY_IRI))
    d.add((ds, VOID.uriSpace, Literal(str(ID))))
    d.add((ds, VOID.sparqlEndpoint, SPARQL_ENDPOINT))
    sources = {str(s) for s in graph.subjects(RDF.type, RUJP.Source) if isinstance(s, URIRef)}
    for source in sorted(sources):
        d.add((ds, DCTERMS.source, URIRef(source)))

    # counts
    subjects = {s for s in graph.subjects() if isinstance(s, URIRef)}
    entities = {s for s in subjects if str(s).startswith(str(ID))}
    objects = set(graph.objects())
    predicates = Counter(p for _, p, _ in graph)
    classes: dict[URIRef, set[URIRef]] = {}
    for s, c in graph.subject_objects(RDF.type):
        if isinstance(c, URIRef) and isinstance(s, URIRef):
            classes.setdefault(c, set()).add(s)
    d.add((ds, VOID.triples, _count(len(graph))))
    d.add((ds, VOID.entities, _count(len(entities))))
    d.add((ds, VOID.distinctSubjects, _count(len(subjects))))
    d.add((ds, VOID.distinctObjects, _count(len(objects))))
    d.add((ds, VOID.properties, _count(len(predicates))))
    d.add((ds, VOID.classes, _count(len(classes))))
    for cls, members in sorted(classes.items()):
        part = URIRef(f"{ds}/class/{_slug(str(cls))}")
        d.add((ds, VOID.classPartition, part))
        d.add((part, VOID["class"], cls))
        d.add((part, VOID.entities, _count(len(members))))
    for prop, n in sorted(predicates.items()):
        if not isinstance(prop, URIRef):
            continue
        part = URIRef(f"{ds}/property/{_slug(str(prop))}")
        d.add((ds, VOID.propertyPartition, part))
        d.add((part, VOID.property, prop))
        d.add((part, VOID.triples, _count(n)))
    vocabularies = {_vocabulary(str(p)) for p in predicates} | {
        _vocabulary(str(c)) for c in classes
    }
    for vocabulary in sorted(str(v) for v in vocabularies if v is not None):
        d.add((ds, VOID.vocabulary, URIRef(vocabulary)))
    degree = Counter(s for s, _, _ in graph) + Counter(o for _, _, o in graph)
    for cls in _EXAMPLE_CLASSES:
        members = classes.get(cls, set())
        if members:
            best = min(members, key=lambda m: (-degree[m], str(m)))
            d.add((ds, VOID.exampleResource, best))

    # the SPARQL endpoint as a DCAT data service
    d.add((_SPARQL_SERVICE, RDF.type, DCAT.DataService))
    d.add(
        (_SPARQL_SERVICE, DCTERMS.title, Literal("rujp-kg SPARQL endpoint (kg serve)", lang="en"))
    )
    d.add((_SPARQL_SERVICE, DCAT.endpointURL, SPARQL_ENDPOINT))
    d.add((_SPARQL_SERVICE, DCAT.servesDataset, ds))
    d.add((_SPARQL_SERVICE, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))

    # one distribution per export format
    for key, fmt in FORMATS.items():
        data = files[key]
        dist = URIRef(f"{ds}/distribution/{key}")
        checksum = URIRef(f"{dist}/checksum")
        download = URIRef(DOWNLOAD_BASE + fmt.file)
        d.add((ds, DCAT.distribution, dist))
        d.add((ds, VOID.dataDump, download))
        d.add((ds, VOID.feature, fmt.format_iri))
        d.add((dist, RDF.type, DCAT.Distribution))
        d.add((dist, DCTERMS.title, Literal(f"{fmt.file} ({fmt.title})", lang="en")))
        if key in ("nq", "trig"):
            d.add((dist, DCTERMS.description, Literal(_NAMED_GRAPHS_NOTE, lang="en")))
        d.add((dist, DCAT.mediaType, URIRef(IANA + fmt.media_type)))
        d.add((dist, DCTERMS["format"], fmt.format_iri))
        d.add((dist, DCAT.downloadURL, download))
        d.add((dist, DCAT.accessURL, download))
        d.add((dist, DCTERMS.license, LICENCE))
        d.add((dist, DCAT.byteSize, Literal(len(data), datatype=XSD.nonNegativeInteger)))
        d.add((dist, SPDX.checksum, checksum))
        d.add((checksum, RDF.type, SPDX.Checksum))
        d.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        digest = hashlib.sha256(data).hexdigest()
        d.add((checksum, SPDX.checksumValue, Literal(digest, datatype=XSD.hexBinary)))
    return d


# -- the ontology documentation ------------------------------------------------------------


def _ontpub() -> Any:
    """pyLODE's OntPub, imported without side effects.

    pyLODE 3.4.1 reads its version from a pyproject.toml it does not ship (RDFLib/pyLODE#260):
    give it the installed version instead. Its loader also calls ``logging.basicConfig`` at
    import time; the root logger is restored afterwards.
    """
    import importlib
    import importlib.metadata
    import types

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        try:
            pylode = importlib.import_module("pylode")
        except FileNotFoundError:
            for name in [m for m in sys.modules if m == "pylode" or m.startswith("pylode.")]:
                del sys.modules[name]
            shim = types.ModuleType("pylode.version")
            shim.__dict__["__version__"] = importlib.metadata.version("pylode")
            sys.modules["pylode.version"] = shim
            pylode = importlib.import_module("pylode")
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    return pylode.OntPub


def _documentation_graph(ontology: Graph) -> Graph:
    """A copy of the ontology made for pyLODE, which runs every label of a term together.

    Each term keeps its English label and title; its Russian and Japanese labels are added
    to its definition ("ru: …; ja: …") so the page still shows all three languages.
    """
    from rdflib import RDFS, SKOS

    doc = Graph(bind_namespaces="core")
    for prefix, ns in ontology.namespaces():
        doc.bind(prefix, ns, override=True)
    multilingual = (RDFS.label, DCTERMS.title)
    others: dict[Any, list[str]] = {}
    for s, p, o in ontology:
        if p in multilingual and isinstance(o, Literal) and o.language not in (None, "en"):
            others.setdefault(s, []).append(f"{o.language}: {o}")
            continue
        doc.add((s, p, o))
    for s, names in others.items():
        line = "; ".join(sorted(names))
        definitions = [d for d in doc.objects(s, SKOS.definition) if isinstance(d, Literal)]
        descriptions = [d for d in doc.objects(s, DCTERMS.description) if isinstance(d, Literal)]
        target = SKOS.definition if definitions or not descriptions else DCTERMS.description
        existing = definitions if target == SKOS.definition else descriptions
        for old in existing:
            doc.remove((s, target, old))
        text = " ".join(str(x) for x in sorted(existing))
        doc.add((s, target, Literal(f"{text}\n\n{line}".strip(), lang="en")))
    return doc


_ENTITY = re.compile(r'<div class="property entity" id="([^"]+)">.*?<code>([^<]+)</code>', re.S)
_ANCHOR = re.compile(r'\b(id|href)="(#?)([^"]*)"')


def _term_anchors(html: str, namespace: str) -> str:
    """Rename pyLODE's fragment ids (made from labels) to the terms' local names, so that a
    term IRI such as ``…/ontology#TwinningAgreement`` opens at its entry."""
    ids = set(re.findall(r'\bid="([^"]*)"', html))
    rename: dict[str, str] = {}
    for fid, iri in _ENTITY.findall(html):
        if iri.startswith(namespace) and iri[len(namespace) :]:
            rename.setdefault(fid, iri[len(namespace) :])
    kept = ids - rename.keys()
    rename = {old: new for old, new in rename.items() if new not in kept}

    def sub(match: re.Match[str]) -> str:
        attr, hash_, value = match.groups()
        if value in rename and (attr == "id") != bool(hash_):
            return f'{attr}="{hash_}{rename[value]}"'
        return match.group(0)

    return _ANCHOR.sub(sub, html)


def ontology_documentation(ontology: Graph) -> bytes:
    """HTML documentation of the ontology, generated by pyLODE (deterministic, no dates);
    every class and property has an anchor named by its local name."""
    ontpub = _ontpub()
    html: str = ontpub(ontology=_documentation_graph(ontology), sort_subjects=True).make_html()
    return _term_anchors(html, str(RUJP._NS)).encode("utf-8")


# -- the build step ------------------------------------------------------------------------


def write_publication(
    graph: Graph, ontology: Graph, out: Path, *, context: Path | None = None
) -> list[Path]:
    """Write every serialisation, ``void.ttl`` and ``ontology.html`` into ``out``.

    ``rujp.ttl`` and ``rujp.nt`` are rewritten only when they differ (``kg build`` has just
    written them with the same bytes). Returns the paths written.
    """
    files = export_all(graph, context=context)
    written = []
    for key, fmt in FORMATS.items():
        path = out / fmt.file
        if key in ("ttl", "nt") and path.is_file() and path.read_bytes() == files[key]:
            continue
        write_atomic(path, files[key])
        written.append(path)
    void_path = out / VOID_FILE
    write_atomic(void_path, canonical_turtle(dataset_description(graph, files)))
    html_path = out / ONTOLOGY_HTML
    write_atomic(html_path, ontology_documentation(ontology))
    return [*written, void_path, html_path]
