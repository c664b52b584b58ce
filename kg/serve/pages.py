"""Dereferenceable resources: the RDF and HTML views of one IRI, for ``kg serve``.

Light: imports pyoxigraph only (no rdflib), so the server stays light. The functions take the
built store (``build/store``, opened read-only with :func:`kg.query.store.open_store`), which holds
the data and the ontology, and answer ``None`` for an IRI the store does not describe, which
the server turns into a 404.

- :func:`describe` -- the triples of a resource: its outgoing triples plus incoming links;
- :func:`resource_rdf` -- those triples as Turtle, N-Triples, JSON-LD or RDF/XML;
- :func:`resource_html` -- a page in English, Russian or Japanese (``?lang=en|ru|ja``);
- :func:`ontology_html` -- the ontology documentation written by ``kg build``;
- :func:`jsonld_document` -- compaction with ``ontology/context.jsonld`` (also used for the
  JSON-LD export, see :mod:`kg.export.publish`).

Every text taken from the data is HTML-escaped; only ``http``/``https`` addresses become
external links; links to other resources of the project use their IRI paths
(``https://w3id.org/rujp/id/place/jp-niigata`` is linked as ``/id/place/jp-niigata``).

>>> from kg.paths import store_dir
>>> from kg.query.store import open_store
>>> store = open_store(store_dir())
>>> page = resource_html(store, "https://w3id.org/rujp/id/place/jp-niigata", "ja")
>>> "新潟市" in page
True
>>> resource_html(store, "https://w3id.org/rujp/id/place/no-such-place", "en") is None
True
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyoxigraph as ox

from kg.errors import InputError, Problem

__all__ = [
    "CONTEXT_FILE",
    "LANGS",
    "MEDIA_TYPES",
    "ONTOLOGY_HTML",
    "PREFIXES",
    "SUFFIXES",
    "describe",
    "iri_path",
    "jsonld_document",
    "load_context",
    "ontology_html",
    "resource_html",
    "resource_rdf",
    "serialize",
]

BASE = "https://w3id.org/rujp/"
ID_BASE = BASE + "id/"
_RUJP = BASE + "ontology#"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCT = "http://purl.org/dc/terms/"
_PROV = "http://www.w3.org/ns/prov#"
_SCHEMA = "https://schema.org/"
_GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"
_OWL = "http://www.w3.org/2002/07/owl#"

#: The JSON-LD context shipped in ``ontology/``.
CONTEXT_FILE = "context.jsonld"
#: The ontology documentation the build writes into the output folder.
ONTOLOGY_HTML = "ontology.html"
#: Languages of the resource pages.
LANGS = ("en", "ru", "ja")
#: Media type of each RDF format a resource is served in.
MEDIA_TYPES = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
#: File suffix that picks each format (``/id/place/jp-niigata.ttl``).
SUFFIXES = {".ttl": "ttl", ".nt": "nt", ".jsonld": "jsonld", ".rdf": "rdfxml"}

#: Prefixes of the Turtle, TriG and RDF/XML serialisations; the same as the JSON-LD context's.
PREFIXES = {
    "claim": ID_BASE + "claim/",
    "dcterms": _DCT,
    "document": ID_BASE + "document/",
    "geo": _GEO,
    "geonames": "https://sws.geonames.org/",
    "org": ID_BASE + "org/",
    "owl": _OWL,
    "person": ID_BASE + "person/",
    "place": ID_BASE + "place/",
    "prov": _PROV,
    "rdf": _RDF,
    "rdfs": _RDFS,
    "rujp": _RUJP,
    "schema": _SCHEMA,
    "series": ID_BASE + "series/",
    "skos": _SKOS,
    "source": ID_BASE + "source/",
    "twinning": ID_BASE + "twinning/",
    "wd": "http://www.wikidata.org/entity/",
    "xsd": _XSD,
}

_OX_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
}

_TYPE = _RDF + "type"
_LABEL = _RDFS + "label"
_ALT = _SKOS + "altLabel"
_COMMENT = _RDFS + "comment"
_DEFINITION = _SKOS + "definition"
_TITLE = _DCT + "title"
_SOURCE = _PROV + "wasDerivedFrom"
_XSD_STRING = _XSD + "string"
_LANG_STRING = _RDF + "langString"

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def _key(triple: ox.Triple) -> tuple[str, str, str]:
    return str(triple.subject), str(triple.predicate), str(triple.object)


def _named(iri: str) -> ox.NamedNode | None:
    try:
        return ox.NamedNode(iri)
    except ValueError:
        return None


def _known(store: ox.Store, node: ox.NamedNode) -> bool:
    return next(iter(store.quads_for_pattern(node, None, None)), None) is not None


def describe(store: ox.Store, iri: str) -> list[ox.Triple]:
    """The resource's outgoing triples plus the triples that link to it, sorted.

    Empty when the store has no triple with ``iri`` as subject (an unknown IRI).
    """
    node = _named(iri)
    if node is None or not _known(store, node):
        return []
    triples = {
        ox.Triple(q.subject, q.predicate, q.object)
        for q in (
            *store.quads_for_pattern(node, None, None),
            *store.quads_for_pattern(None, None, node),
        )
    }
    return sorted(triples, key=_key)


# -- JSON-LD -----------------------------------------------------------------------------------


def load_context(path: Path) -> dict[str, Any]:
    """Read a JSON-LD context file (``{"@context": {...}}``)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(
            [Problem(str(path), None, None, f"cannot read the JSON-LD context: {exc}", "fix it")]
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("@context"), dict):
        raise InputError(
            [Problem(str(path), None, None, "no @context object", 'write {"@context": {...}}')]
        )
    return data


@dataclass(frozen=True)
class _TermDef:
    name: str
    iri: str
    coerce: str | None  # "@id", "@vocab", a datatype IRI, or None
    container: str | None


@dataclass
class _Compactor:
    """Compaction with a context of simple terms, prefixes, type coercion and language maps.

    A value is written under a term only when it matches the term's coercion exactly;
    any other value goes under a compact IRI key in expanded form, so expansion always
    gives back the same triples.
    """

    context: dict[str, Any]
    prefixes: dict[str, str] = field(default_factory=dict)
    terms: dict[str, _TermDef] = field(default_factory=dict)

    def __post_init__(self) -> None:
        raw = self.context
        for name, value in raw.items():
            if isinstance(value, str) and not value.startswith("@") and value[-1:] in "/#":
                self.prefixes[name] = value
        for name, value in sorted(raw.items()):
            if name in self.prefixes or name.startswith("@"):
                continue
            if isinstance(value, str):
                if value.startswith("@"):
                    continue
                definition = _TermDef(name, self._expand(value), None, None)
            elif isinstance(value, dict) and isinstance(value.get("@id"), str):
                coerce = value.get("@type")
                if coerce not in (None, "@id", "@vocab"):
                    coerce = self._expand(str(coerce))
                definition = _TermDef(
                    name, self._expand(value["@id"]), coerce, value.get("@container")
                )
            else:
                continue
            self.terms.setdefault(definition.iri, definition)

    def _expand(self, value: str) -> str:
        prefix, colon, suffix = value.partition(":")
        if colon and prefix in self.prefixes and not suffix.startswith("//"):
            return self.prefixes[prefix] + suffix
        return value

    def compact_iri(self, iri: str, *, vocab: bool) -> str:
        if vocab and iri in self.terms:
            return self.terms[iri].name
        best = ""
        for name, base in self.prefixes.items():
            suffix = iri[len(base) :]
            fits = iri.startswith(base) and suffix and not suffix.startswith("//")
            if fits and len(base) > len(self.prefixes.get(best, "")):
                best = name
        if best:
            return f"{best}:{iri[len(self.prefixes[best]) :]}"
        return iri

    def _expanded(self, term: Term) -> dict[str, str]:
        if isinstance(term, ox.NamedNode):
            return {"@id": self.compact_iri(term.value, vocab=False)}
        if isinstance(term, ox.Literal):
            if term.language:
                return {"@value": term.value, "@language": term.language}
            if term.datatype.value != _XSD_STRING:
                return {
                    "@value": term.value,
                    "@type": self.compact_iri(term.datatype.value, vocab=True),
                }
            return {"@value": term.value}
        raise ValueError(f"cannot write {term} in JSON-LD without blank nodes")

    def _value(self, definition: _TermDef | None, term: Term) -> Any:
        """The compact value under the term, or None when it does not fit the term."""
        if definition is None:
            return None
        if isinstance(term, ox.NamedNode):
            if definition.container is not None:
                return None
            if definition.coerce == "@id":
                return self.compact_iri(term.value, vocab=False)
            if definition.coerce == "@vocab":
                return self.compact_iri(term.value, vocab=True)
            if definition.coerce is None:
                return self._expanded(term)
            return None
        if not isinstance(term, ox.Literal):
            return None
        if definition.container == "@language":
            return (term.language, term.value) if term.language else None
        if definition.container is not None:
            return None
        if definition.coerce in ("@id", "@vocab"):
            return None
        if definition.coerce is not None:
            fits = not term.language and term.datatype.value == definition.coerce
            return term.value if fits else None
        if not term.language and term.datatype.value == _XSD_STRING:
            return term.value
        return self._expanded(term)

    def node(self, subject: str, pairs: list[tuple[str, Term]]) -> dict[str, Any]:
        types: list[str] = []
        values: dict[str, list[Any]] = {}
        languages: dict[str, dict[str, list[str]]] = {}
        for predicate, obj in pairs:
            if predicate == _TYPE and isinstance(obj, ox.NamedNode):
                types.append(self.compact_iri(obj.value, vocab=True))
                continue
            definition = self.terms.get(predicate)
            value = self._value(definition, obj)
            if definition is not None and value is not None:
                if definition.container == "@language":
                    lang, text = value
                    languages.setdefault(definition.name, {}).setdefault(lang, []).append(text)
                else:
                    values.setdefault(definition.name, []).append(value)
            else:
                key = self.compact_iri(predicate, vocab=False)
                values.setdefault(key, []).append(self._expanded(obj))
        result: dict[str, Any] = {"id": self.compact_iri(subject, vocab=False)}
        if types:
            result["type"] = _one_or_list(sorted(types))
        for key in sorted({*values, *languages}):
            if key in languages:
                result[key] = {
                    lang: _one_or_list(sorted(texts))
                    for lang, texts in sorted(languages[key].items())
                }
            else:
                result[key] = _one_or_list(
                    sorted(values[key], key=lambda v: json.dumps(v, sort_keys=True))
                )
        return result


def _one_or_list(items: list[Any]) -> Any:
    return items[0] if len(items) == 1 else items


def jsonld_document(triples: Iterable[ox.Triple], context: dict[str, Any]) -> dict[str, Any]:
    """A compacted JSON-LD document: the context inline, one node object per subject.

    Deterministic: nodes sorted by IRI, keys and values sorted. ``context`` is the content
    of ``ontology/context.jsonld``.
    """
    compactor = _Compactor(context["@context"])
    by_subject: dict[str, list[tuple[str, Term]]] = {}
    for triple in triples:
        if not isinstance(triple.subject, ox.NamedNode):
            raise ValueError(f"cannot write {triple.subject} in JSON-LD without blank nodes")
        by_subject.setdefault(triple.subject.value, []).append(
            (triple.predicate.value, triple.object)
        )
    graph = [compactor.node(s, by_subject[s]) for s in sorted(by_subject)]
    return {"@context": context["@context"], "@graph": graph}


def _default_context() -> dict[str, Any]:
    from kg.paths import ontology_dir

    return load_context(ontology_dir() / CONTEXT_FILE)


def resource_rdf(
    store: ox.Store, iri: str, fmt: str, *, context: dict[str, Any] | None = None
) -> bytes | None:
    """The triples of :func:`describe` in ``fmt`` (``ttl``, ``nt``, ``jsonld``, ``rdfxml``).

    ``None`` for an unknown IRI; ``ValueError`` for an unknown format.
    """
    if fmt not in MEDIA_TYPES:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(MEDIA_TYPES)}")
    triples = describe(store, iri)
    if not triples:
        return None
    if fmt == "jsonld":
        document = jsonld_document(triples, context or _default_context())
        return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    prefixes = None if fmt == "nt" else PREFIXES
    return serialize(triples, _OX_FORMATS[fmt], prefixes)


def serialize(
    items: Iterable[ox.Triple] | Iterable[ox.Quad],
    fmt: ox.RdfFormat,
    prefixes: dict[str, str] | None = None,
) -> bytes:
    """pyoxigraph serialisation into bytes."""
    data = ox.serialize(items, format=fmt, prefixes=prefixes)
    if data is None:  # only when an output stream is given
        raise ValueError("no serialisation produced")
    return data


# -- HTML --------------------------------------------------------------------------------------

_UI: dict[str, dict[str, str]] = {
    "en": {
        "statements": "Statements",
        "property": "property",
        "value": "value",
        "sources": "Sources",
        "sourced": "sources",
        "derived": "derived by the build",
        "names": "Names",
        "incoming": "Linked from",
        "more": "more",
        "map": "Map",
        "parties": "Parties",
        "status": "Status changes",
        "statuslabel": "status",
        "participants": "Participants",
        "twinnings": "Twinning agreements",
        "agreement": "agreement",
        "attended": "Conferences attended",
        "members": "Members",
        "memberships": "Memberships",
        "posts": "Posts",
        "meetings": "Meetings",
        "claims": "Other claims",
        "claim": "claimed value",
        "note": "note",
        "date": "date",
        "country": "country",
        "partner": "partner",
        "kind": "kind",
        "established": "established",
        "role": "role",
        "person": "person",
        "meeting": "meeting",
        "organisation": "organisation",
        "period": "period",
        "municipality": "local government",
        "host": "host",
        "formats": "Data",
        "type": "type",
        "licence": "Data licence",
        "osm": "OpenStreetMap",
        "open": "page",
    },
    "ru": {
        "statements": "Утверждения",
        "property": "свойство",
        "value": "значение",
        "sources": "Источники",
        "sourced": "источники",
        "derived": "выведено при сборке",
        "names": "Названия",
        "incoming": "Ссылки на этот ресурс",
        "more": "ещё",
        "map": "Карта",
        "parties": "Стороны",
        "status": "Изменения статуса",
        "statuslabel": "статус",
        "participants": "Участники",
        "twinnings": "Соглашения о побратимстве",
        "agreement": "соглашение",
        "attended": "Участие в конференциях",
        "members": "Члены",
        "memberships": "Членство",
        "posts": "Должности",
        "meetings": "Встречи",
        "claims": "Другие утверждения",
        "claim": "утверждаемое значение",
        "note": "примечание",
        "date": "дата",
        "country": "страна",
        "partner": "партнёр",
        "kind": "вид",
        "established": "установлено",
        "role": "роль",
        "person": "лицо",
        "meeting": "встреча",
        "organisation": "организация",
        "period": "период",
        "municipality": "орган самоуправления",
        "host": "принимающая сторона",
        "formats": "Данные",
        "type": "тип",
        "licence": "Лицензия данных",
        "osm": "OpenStreetMap",
        "open": "страница",
    },
    "ja": {
        "statements": "記述",
        "property": "プロパティ",
        "value": "値",
        "sources": "出典",
        "sourced": "出典",
        "derived": "ビルド時に導出",
        "names": "名称",
        "incoming": "このリソースへのリンク",
        "more": "件以上",
        "map": "地図",
        "parties": "当事者",
        "status": "状態の変化",
        "statuslabel": "状態",
        "participants": "参加者",
        "twinnings": "姉妹・友好提携",
        "agreement": "提携",
        "attended": "参加した会議",
        "members": "会員",
        "memberships": "所属団体",
        "posts": "役職",
        "meetings": "会議",
        "claims": "異なる主張",
        "claim": "主張された値",
        "note": "注記",
        "date": "日付",
        "country": "国",
        "partner": "相手",
        "kind": "種類",
        "established": "提携日",
        "role": "役割",
        "person": "人物",
        "meeting": "会議",
        "organisation": "団体",
        "period": "期間",
        "municipality": "自治体",
        "host": "開催地",
        "formats": "データ",
        "type": "型",
        "licence": "データのライセンス",
        "osm": "OpenStreetMap",
        "open": "ページ",
    },
}

_LANG_NAMES = {"en": "English", "ru": "Русский", "ja": "日本語"}
_FORMAT_NAMES = {".ttl": "Turtle", ".nt": "N-Triples", ".jsonld": "JSON-LD", ".rdf": "RDF/XML"}
#: Triples the build derives from other rows; a page does not credit them to the node's sources.
_DERIVED = {_RUJP + "twinnedWith", _RUJP + "party", _RUJP + "statusChange"}
#: Shown elsewhere on the page: types in the header, names, sources as references.
_NOT_IN_TABLE = {_TYPE, _LABEL, _ALT, _SOURCE}
_INCOMING_LIMIT = 100
#: Names of the terms of other vocabularies used in the data (the store has no labels for them).
_TERM_NAMES = {
    _TYPE: ("type", "тип", "型"),
    _LABEL: ("name", "название", "名称"),
    _ALT: ("other name", "другое название", "別名"),
    _COMMENT: ("note", "примечание", "注記"),
    _DEFINITION: ("definition", "определение", "定義"),
    _TITLE: ("title", "заглавие", "表題"),
    _DCT + "publisher": ("publisher", "издатель", "発行者"),
    _DCT + "issued": ("published", "опубликовано", "公開日"),
    _DCT + "language": ("language", "язык", "言語"),
    _SCHEMA + "url": ("address", "адрес", "URL"),
    _OWL + "sameAs": ("same as", "то же, что", "同一の資源"),
    _GEO + "lat": ("latitude", "широта", "緯度"),
    _GEO + "long": ("longitude", "долгота", "経度"),
    _SOURCE: ("source", "источник", "出典"),
}

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK JP",sans-serif;
margin:0 auto;max-width:60rem;padding:0 1rem 2rem;line-height:1.45;color:#1b1b1b}
header{display:flex;justify-content:space-between;align-items:baseline;
border-bottom:1px solid #ccc;padding:.5rem 0}
header a{margin-left:.6rem}
a{color:#0b5394}
h1{margin:.8rem 0 .2rem;font-size:1.7rem}
h2{font-size:1.2rem;margin-top:1.6rem;border-bottom:1px solid #e3e3e3}
.iri{font-family:ui-monospace,monospace;font-size:.85rem;color:#555;word-break:break-all}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.25rem .5rem;border-bottom:1px solid #eee}
th{font-weight:600;color:#444}
td{overflow-wrap:anywhere}
table.statements,table.claims{table-layout:fixed}
.claims th:nth-child(1),.claims th:nth-child(2){width:18%}.claims th:nth-child(4){width:16%}
.statements th:nth-child(1){width:22%}.statements th:nth-child(3){width:18%}
.dt,.muted{color:#777;font-size:.8rem}
.refs{font-size:.85rem}.refs a{margin-right:.15rem}
.url{word-break:break-all;font-size:.85rem}
svg{border:1px solid #ccc;background:#f3f7fb;max-width:100%;height:auto}
.other{fill:#9aa7b4}
.here{fill:#c62828;stroke:#fff;stroke-width:1}
.line{stroke:#c62828;stroke-width:1.5;stroke-dasharray:4 3;fill:none}
.grid{stroke:#dde4ec;stroke-width:1}
.gridlabel{fill:#8a97a5;font-size:9px}
footer{margin-top:2rem;border-top:1px solid #ccc;padding-top:.5rem;font-size:.85rem;color:#555}
"""


def _e(text: str) -> str:
    return escape(text, quote=True)


def iri_path(iri: str) -> str | None:
    """The path at which ``kg serve`` serves a project IRI (``/id/...``, ``/ontology#...``)."""
    if iri.startswith(BASE):
        return "/" + iri[len(BASE) :]
    return None


def _href(iri: str) -> str | None:
    """A safe link target: the IRI path of a project IRI, else an http(s) address."""
    path = iri_path(iri)
    if path is not None:
        return path
    try:
        parts = urlsplit(iri)
    except ValueError:
        return None
    if parts.scheme in ("http", "https") and parts.netloc:
        return iri
    return None


def _link(iri: str, text: str, lang: str = "") -> str:
    attr = f' lang="{_e(lang)}"' if lang else ""
    href = _href(iri)
    if href is None:
        return f"<span{attr}>{_e(text)}</span>"
    return f'<a href="{_e(href)}"{attr}>{_e(text)}</a>'


def _local(iri: str) -> str:
    if iri.startswith(ID_BASE):
        return iri[len(ID_BASE) :]
    for name, base in PREFIXES.items():
        if iri.startswith(base) and len(iri) > len(base):
            return f"{name}:{iri[len(base) :]}"
    return iri


@dataclass
class _Sources:
    """The sources cited on a page, numbered in order of first citation."""

    order: list[str] = field(default_factory=list)

    def refs(self, sources: list[str]) -> str:
        links = []
        for iri in sources:
            if iri not in self.order:
                self.order.append(iri)
            n = self.order.index(iri) + 1
            links.append(f'<a href="#src-{n}">[{n}]</a>')
        return f'<span class="refs">{"".join(links)}</span>'


class _View:
    """Reads one page's worth of the store, with labels in the chosen language."""

    def __init__(self, store: ox.Store, lang: str) -> None:
        self.store = store
        self.lang = lang
        self.ui = _UI[lang]
        self.sources = _Sources()
        self._labels: dict[str, tuple[str, str]] = {}

    def objects(self, subject: str, predicate: str) -> list[Term]:
        quads = self.store.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(predicate), None)
        return sorted({q.object for q in quads}, key=str)

    def subjects(self, predicate: str, obj: str) -> list[str]:
        quads = self.store.quads_for_pattern(None, ox.NamedNode(predicate), ox.NamedNode(obj))
        return sorted({q.subject.value for q in quads if isinstance(q.subject, ox.NamedNode)})

    def iris(self, subject: str, predicate: str) -> list[str]:
        return [o.value for o in self.objects(subject, predicate) if isinstance(o, ox.NamedNode)]

    def first_iri(self, subject: str, predicate: str) -> str | None:
        found = self.iris(subject, predicate)
        return found[0] if found else None

    def literal(self, subject: str, predicate: str) -> str:
        values = [o.value for o in self.objects(subject, predicate) if isinstance(o, ox.Literal)]
        return values[0] if values else ""

    def types(self, subject: str) -> set[str]:
        return set(self.iris(subject, _TYPE))

    def pick(self, literals: list[ox.Literal]) -> tuple[str, str] | None:
        """The literal in the page language, else English, else the first; with its tag."""
        for want in (self.lang, "en"):
            for lit in literals:
                if lit.language == want:
                    return lit.value, want
        if literals:
            return literals[0].value, literals[0].language or ""
        return None

    def label(self, iri: str, depth: int = 0) -> tuple[str, str]:
        """(text, language tag) naming ``iri`` on this page."""
        if iri not in self._labels:
            self._labels[iri] = self._label(iri, depth)
        return self._labels[iri]

    def _label(self, iri: str, depth: int) -> tuple[str, str]:
        for predicate in (_LABEL, _SKOS + "prefLabel", _TITLE, _SCHEMA + "name"):
            lits = [o for o in self.objects(iri, predicate) if isinstance(o, ox.Literal)]
            picked = self.pick(lits)
            if picked is not None:
                return picked
        if iri in _TERM_NAMES:
            return _TERM_NAMES[iri][LANGS.index(self.lang)], self.lang
        if depth < 2:
            composed = self._composed(iri, depth + 1)
            if composed:
                return composed, ""
        return _local(iri), ""

    def _composed(self, iri: str, depth: int) -> str:
        """A name for an n-ary node from the names of the nodes it links."""

        def name(predicate: str) -> str:
            target = self.first_iri(iri, predicate)
            return self.label(target, depth)[0] if target else ""

        types = self.types(iri)
        parts: list[str] = []
        if _RUJP + "Participation" in types:
            parts = [name(_RUJP + "participant"), name(_RUJP + "meeting")]
        elif _RUJP + "Membership" in types:
            parts = [name(_RUJP + "member"), name(_RUJP + "organisation")]
        elif _RUJP + "PostHolding" in types:
            parts = [name(_RUJP + "holder"), name(_RUJP + "postKind"), name(_RUJP + "postIn")]
        elif _RUJP + "StatusChange" in types:
            parts = [name(_RUJP + "status"), self.literal(iri, _RUJP + "date")]
        elif _RUJP + "Claim" in types:
            parts = [name(_RUJP + "claimProperty"), self.literal(iri, _RUJP + "claimValue")]
        return " — ".join(p for p in parts if p)

    def link(self, iri: str) -> str:
        text, lang = self.label(iri)
        return _link(iri, text, lang)

    def value(self, term: Term) -> str:
        if isinstance(term, ox.NamedNode):
            if iri_path(term.value) is None and _href(term.value) is not None:
                text, _ = self.label(term.value)
                return _link(term.value, text if text != _local(term.value) else term.value)
            return self.link(term.value)
        if isinstance(term, ox.Literal):
            attr = f' lang="{_e(term.language)}"' if term.language else ""
            text = f"<span{attr}>{_e(term.value)}</span>"
            datatype = term.datatype.value
            if not term.language and datatype != _XSD_STRING:
                text += f' <span class="dt">{_e(_local(datatype))}</span>'
            return text
        return _e(str(term))

    def sources_of(self, iri: str) -> list[str]:
        return self.iris(iri, _SOURCE)

    def refs(self, iri: str) -> str:
        found = self.sources_of(iri)
        return self.sources.refs(found) if found else ""


def _table(headers: list[str], rows: list[list[str]], css: str = "") -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    attr = f' class="{css}"' if css else ""
    return f"<table{attr}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _section(title: str, body: str, ident: str = "") -> str:
    attr = f' id="{_e(ident)}"' if ident else ""
    return f"<section{attr}><h2>{_e(title)}</h2>{body}</section>"


def _point(view: _View, iri: str) -> tuple[float, float] | None:
    lat, lon = view.literal(iri, _GEO + "lat"), view.literal(iri, _GEO + "long")
    try:
        y, x = float(lat), float(lon)
    except ValueError:
        return None
    if math.isfinite(x) and math.isfinite(y) and -90 <= y <= 90 and -180 <= x <= 180:
        return x, y
    return None


def _all_points(store: ox.Store) -> list[tuple[float, float]]:
    points = []
    lat_p, lon_p = ox.NamedNode(_GEO + "lat"), ox.NamedNode(_GEO + "long")
    for quad in store.quads_for_pattern(None, lat_p, None):
        lons = [q.object for q in store.quads_for_pattern(quad.subject, lon_p, None)]
        if not (lons and isinstance(lons[0], ox.Literal) and isinstance(quad.object, ox.Literal)):
            continue
        try:
            lat, lon = float(quad.object.value), float(lons[0].value)
        except ValueError:
            continue
        if math.isfinite(lat) and math.isfinite(lon):
            points.append((lon, lat))
    return sorted(set(points))


def _map_svg(
    view: _View, here: list[tuple[str, tuple[float, float]]], *, line: bool = False
) -> str:
    """A small offline map: every place of the graph as a grey dot, these places in red."""
    everything = _all_points(view.store) + [p for _, p in here]
    lons, lats = [p[0] for p in everything], [p[1] for p in everything]
    west, east = math.floor(min(lons) / 10) * 10 - 5, math.ceil(max(lons) / 10) * 10 + 5
    south, north = math.floor(min(lats) / 10) * 10 - 5, math.ceil(max(lats) / 10) * 10 + 5
    aspect = math.cos(math.radians((north + south) / 2))
    width = 600.0
    scale = width / ((east - west) * aspect)
    height = round((north - south) * scale, 1)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return round((lon - west) * aspect * scale, 1), round((north - lat) * scale, 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height}" '
        f'viewBox="0 0 {width:.0f} {height}" role="img" aria-label="{_e(view.ui["map"])}">'
    ]
    for meridian in range(west + 5, east, 10):
        x, _ = xy(meridian, north)
        parts.append(f'<line class="grid" x1="{x}" y1="0" x2="{x}" y2="{height}"/>')
        parts.append(f'<text class="gridlabel" x="{x + 2}" y="{height - 3}">{meridian}°E</text>')
    for parallel in range(south + 5, north, 10):
        _, y = xy(west, parallel)
        parts.append(f'<line class="grid" x1="0" y1="{y}" x2="{width:.0f}" y2="{y}"/>')
        parts.append(f'<text class="gridlabel" x="2" y="{y - 2}">{parallel}°N</text>')
    for lon, lat in _all_points(view.store):
        x, y = xy(lon, lat)
        parts.append(f'<circle class="other" cx="{x}" cy="{y}" r="2"/>')
    if line and len(here) == 2:
        (x1, y1), (x2, y2) = xy(*here[0][1]), xy(*here[1][1])
        parts.append(f'<line class="line" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>')
    for name, (lon, lat) in here:
        x, y = xy(lon, lat)
        parts.append(
            f'<circle class="here" cx="{x}" cy="{y}" r="5"><title>{_e(name)}</title></circle>'
        )
    parts.append("</svg>")
    captions = []
    for name, (lon, lat) in here:
        osm = f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=9/{lat}/{lon}"
        captions.append(
            f"{_e(name)}: {abs(lat):.4f}°{'N' if lat >= 0 else 'S'}, "
            f"{abs(lon):.4f}°{'E' if lon >= 0 else 'W'} "
            f'(<a href="{_e(osm)}">{_e(view.ui["osm"])}</a>)'
        )
    return "".join(parts) + "<p>" + "<br>".join(captions) + "</p>"


def _statements(view: _View, iri: str, outgoing: list[ox.Triple], sourced: bool) -> str:
    rows = []
    own_refs = view.refs(iri) if sourced else ""
    for triple in outgoing:
        predicate = triple.predicate.value
        if predicate in _NOT_IN_TABLE:
            continue
        prop_text, prop_lang = view.label(predicate)
        cells = [_link(predicate, prop_text, prop_lang), view.value(triple.object)]
        if sourced:
            derived = f'<span class="muted">{_e(view.ui["derived"])}</span>'
            cells.append(derived if predicate in _DERIVED else own_refs)
        rows.append((prop_text.casefold(), str(triple.object), cells))
    rows.sort(key=lambda r: (r[0], r[1]))
    headers = [view.ui["property"], view.ui["value"]]
    if sourced:
        headers.append(view.ui["sourced"])
    table = _table(headers, [r[2] for r in rows], "statements" if sourced else "")
    return _section(view.ui["statements"], table, "statements")


def _names(view: _View, outgoing: list[ox.Triple]) -> str:
    items = []
    for triple in outgoing:
        obj = triple.object
        if triple.predicate.value in (_LABEL, _ALT) and isinstance(obj, ox.Literal):
            tag = obj.language or ""
            items.append(
                (
                    tag,
                    obj.value,
                    f'<li><span lang="{_e(tag)}">{_e(obj.value)}</span> '
                    f'<span class="dt">{_e(tag)}</span></li>',
                )
            )
    if len(items) < 2:
        return ""
    return _section(view.ui["names"], "<ul>" + "".join(i[2] for i in sorted(items)) + "</ul>")


def _agreement(view: _View, iri: str) -> str:
    rows = []
    here = []
    for predicate in (_RUJP + "japaneseParty", _RUJP + "russianParty"):
        for party in view.iris(iri, predicate):
            country = view.first_iri(party, _RUJP + "country")
            rows.append([view.link(country) if country else "", view.link(party)])
            point = _point(view, party)
            if point:
                here.append((view.label(party)[0], point))
    parts = _table([view.ui["country"], view.ui["municipality"]], rows)
    if len(here) == 2:
        parts += _map_svg(view, here, line=True)
    html = _section(view.ui["parties"], parts, "parties")
    changes = []
    for change in view.iris(iri, _RUJP + "statusChange"):
        status = view.first_iri(change, _RUJP + "status")
        note = view.objects(change, _COMMENT)
        changes.append(
            (
                view.literal(change, _RUJP + "date"),
                [
                    _link(change, view.literal(change, _RUJP + "date") or _local(change)),
                    view.link(status) if status else "",
                    "".join(view.value(n) for n in note),
                    view.refs(change),
                ],
            )
        )
    if changes:
        headers = [view.ui["date"], view.ui["statuslabel"], view.ui["note"], view.ui["sourced"]]
        table = _table(headers, [c[1] for c in sorted(changes, key=lambda c: c[0])])
        html += _section(view.ui["status"], table, "status")
    return html


def _meeting(view: _View, iri: str) -> str:
    rows = []
    here = []
    host = view.first_iri(iri, _RUJP + "host")
    if host and (point := _point(view, host)):
        here.append((view.label(host)[0], point))
    for participation in view.subjects(_RUJP + "meeting", iri):
        place = view.first_iri(participation, _RUJP + "participant")
        person = view.first_iri(participation, _RUJP + "representedBy")
        role = view.first_iri(participation, _RUJP + "role")
        country = view.first_iri(place, _RUJP + "country") if place else None
        sort_key = (
            view.label(country)[0] if country else "",
            view.label(place)[0] if place else "",
        )
        rows.append(
            (
                sort_key,
                [
                    view.link(place) if place else _link(participation, _local(participation)),
                    view.link(country) if country else "",
                    view.link(person) if person else "",
                    view.link(role) if role else "",
                    view.refs(participation),
                ],
            )
        )
    html = ""
    if here:
        html += _section(view.ui["map"], _map_svg(view, here), "map")
    if rows:
        headers = [
            view.ui["municipality"],
            view.ui["country"],
            view.ui["person"],
            view.ui["role"],
            view.ui["sourced"],
        ]
        table = _table(headers, [r[1] for r in sorted(rows, key=lambda r: r[0])])
        html += _section(view.ui["participants"], table, "participants")
    return html


def _place(view: _View, iri: str) -> str:
    html = ""
    point = _point(view, iri)
    if point:
        html += _section(view.ui["map"], _map_svg(view, [(view.label(iri)[0], point)]), "map")
    rows = []
    for predicate, other in (
        (_RUJP + "japaneseParty", _RUJP + "russianParty"),
        (_RUJP + "russianParty", _RUJP + "japaneseParty"),
    ):
        for agreement in view.subjects(predicate, iri):
            partner = view.first_iri(agreement, other)
            kind = view.first_iri(agreement, _RUJP + "agreementKind")
            established = view.literal(agreement, _RUJP + "established")
            rows.append(
                (
                    view.label(partner)[0] if partner else "",
                    [
                        view.link(partner) if partner else "",
                        view.link(kind) if kind else "",
                        _e(established),
                        view.link(agreement),
                        view.refs(agreement),
                    ],
                )
            )
    if rows:
        headers = [
            view.ui["partner"],
            view.ui["kind"],
            view.ui["established"],
            view.ui["agreement"],
            view.ui["sourced"],
        ]
        table = _table(headers, [r[1] for r in sorted(rows, key=lambda r: r[0])])
        html += _section(view.ui["twinnings"], table, "twinnings")
    attended = []
    for participation in view.subjects(_RUJP + "participant", iri):
        meeting = view.first_iri(participation, _RUJP + "meeting")
        role = view.first_iri(participation, _RUJP + "role")
        start = view.literal(meeting, _RUJP + "startDate") if meeting else ""
        attended.append(
            (
                start,
                [
                    view.link(meeting) if meeting else "",
                    _e(start),
                    view.link(role) if role else "",
                    view.refs(participation),
                ],
            )
        )
    if attended:
        headers = [view.ui["meeting"], view.ui["date"], view.ui["role"], view.ui["sourced"]]
        table = _table(headers, [r[1] for r in sorted(attended, key=lambda r: r[0])])
        html += _section(view.ui["attended"], table, "attended")
    memberships = []
    for membership in view.subjects(_RUJP + "member", iri):
        org = view.first_iri(membership, _RUJP + "organisation")
        memberships.append(
            [view.link(org) if org else "", _period(view, membership), view.refs(membership)]
        )
    if memberships:
        headers = [view.ui["organisation"], view.ui["period"], view.ui["sourced"]]
        html += _section(view.ui["memberships"], _table(headers, memberships), "memberships")
    return html


def _period(view: _View, node: str) -> str:
    start = view.literal(node, _RUJP + "startDate")
    end = view.literal(node, _RUJP + "endDate")
    as_of = view.literal(node, _RUJP + "asOf")
    text = f"{start}–{end}" if start or end else ""
    if as_of:
        text = f"{text} ({as_of})" if text else as_of
    return _e(text)


def _organisation(view: _View, iri: str) -> str:
    rows = []
    for membership in view.subjects(_RUJP + "organisation", iri):
        member = view.first_iri(membership, _RUJP + "member")
        rows.append(
            (
                view.label(member)[0] if member else "",
                [
                    view.link(member) if member else "",
                    _period(view, membership),
                    view.refs(membership),
                ],
            )
        )
    if not rows:
        return ""
    headers = [view.ui["municipality"], view.ui["period"], view.ui["sourced"]]
    table = _table(headers, [r[1] for r in sorted(rows, key=lambda r: r[0])])
    return _section(view.ui["members"], table, "members")


def _person(view: _View, iri: str) -> str:
    rows = []
    for post in view.subjects(_RUJP + "holder", iri):
        kind = view.first_iri(post, _RUJP + "postKind")
        where = view.first_iri(post, _RUJP + "postIn")
        rows.append(
            [
                view.link(kind) if kind else "",
                view.link(where) if where else "",
                _period(view, post),
                view.refs(post),
            ]
        )
    if not rows:
        return ""
    headers = [view.ui["posts"], view.ui["organisation"], view.ui["period"], view.ui["sourced"]]
    return _section(view.ui["posts"], _table(headers, rows), "posts")


def _series(view: _View, iri: str) -> str:
    rows = []
    for meeting in view.subjects(_RUJP + "inSeries", iri):
        number = view.literal(meeting, _RUJP + "number")
        host = view.first_iri(meeting, _RUJP + "host")
        rows.append(
            (
                int(number) if number.isdigit() else 0,
                [
                    view.link(meeting),
                    _e(view.literal(meeting, _RUJP + "startDate")),
                    view.link(host) if host else "",
                    view.refs(meeting),
                ],
            )
        )
    if not rows:
        return ""
    headers = [view.ui["meeting"], view.ui["date"], view.ui["host"], view.ui["sourced"]]
    table = _table(headers, [r[1] for r in sorted(rows, key=lambda r: r[0])])
    return _section(view.ui["meetings"], table, "meetings")


def _claims(view: _View, iri: str) -> str:
    rows = []
    for claim in view.subjects(_RUJP + "claimAbout", iri):
        prop = view.first_iri(claim, _RUJP + "claimProperty")
        rows.append(
            [
                view.link(prop) if prop else "",
                _link(claim, view.literal(claim, _RUJP + "claimValue")),
                "".join(view.value(n) for n in view.objects(claim, _COMMENT)),
                view.refs(claim),
            ]
        )
    if not rows:
        return ""
    headers = [view.ui["property"], view.ui["claim"], view.ui["note"], view.ui["sourced"]]
    return _section(view.ui["claims"], _table(headers, rows, "claims"), "claims")


def _incoming(view: _View, incoming: list[ox.Triple]) -> str:
    groups: dict[str, list[str]] = {}
    for triple in incoming:
        if isinstance(triple.subject, ox.NamedNode):
            groups.setdefault(triple.predicate.value, []).append(triple.subject.value)
    if not groups:
        return ""
    blocks = []
    for predicate in sorted(groups, key=lambda p: view.label(p)[0].casefold()):
        subjects = groups[predicate]
        shown = sorted(subjects[:_INCOMING_LIMIT], key=lambda s: view.label(s)[0].casefold())
        items = "".join(f"<li>{view.link(s)}</li>" for s in shown)
        more = len(subjects) - len(shown)
        if more > 0:
            items += f'<li class="muted">+{more} {_e(view.ui["more"])}</li>'
        blocks.append(f"<h3>{view.link(predicate)}</h3><ul>{items}</ul>")
    return _section(view.ui["incoming"], "".join(blocks), "incoming")


def _source_list(view: _View) -> str:
    if not view.sources.order:
        return ""
    items = []
    for n, source in enumerate(view.sources.order, start=1):
        title, lang = view.label(source)
        publisher = view.literal(source, _DCT + "publisher")
        issued = view.literal(source, _DCT + "issued")
        urls = view.iris(source, _SCHEMA + "url")
        external = ""
        for url in urls:
            href = _href(url)
            if href is not None and iri_path(url) is None:
                external += f' <a class="url" href="{_e(href)}" rel="nofollow">{_e(url)}</a>'
            else:
                external += f' <span class="url">{_e(url)}</span>'
        meta = ", ".join(_e(x) for x in (publisher, issued) if x)
        items.append(
            f'<li id="src-{n}">{_link(source, title, lang)}'
            f"{' — ' + meta if meta else ''}{external}</li>"
        )
    return _section(view.ui["sources"], "<ol>" + "".join(items) + "</ol>", "sources")


def resource_html(store: ox.Store, iri: str, lang: str = "en") -> str | None:
    """The HTML page of a resource in ``lang`` (en, ru or ja; others fall back to en).

    ``None`` for an unknown IRI.
    """
    lang = lang if lang in LANGS else "en"
    triples = describe(store, iri)
    if not triples:
        return None
    view = _View(store, lang)
    outgoing = [t for t in triples if t.subject == ox.NamedNode(iri)]
    incoming = [t for t in triples if t.object == ox.NamedNode(iri)]
    types = view.types(iri)
    title, title_lang = view.label(iri)
    sourced = bool(view.sources_of(iri))

    body = [
        f'<h1 lang="{_e(title_lang)}">{_e(title)}</h1>' if title_lang else f"<h1>{_e(title)}</h1>"
    ]
    body.append(f'<p class="iri">{_e(iri)}</p>')
    if types:
        type_links = ", ".join(view.link(t) for t in sorted(types))
        body.append(f"<p>{_e(view.ui['type'])}: {type_links}</p>")
    body.append(_names(view, outgoing))
    if _RUJP + "TwinningAgreement" in types:
        body.append(_agreement(view, iri))
    if _RUJP + "Meeting" in types:
        body.append(_meeting(view, iri))
    if types & {_RUJP + "Municipality", _RUJP + "RegionalGovernment"}:
        body.append(_place(view, iri))
    if _RUJP + "Organisation" in types:
        body.append(_organisation(view, iri))
    if _RUJP + "Person" in types:
        body.append(_person(view, iri))
    if _RUJP + "MeetingSeries" in types:
        body.append(_series(view, iri))
    body.append(_statements(view, iri, outgoing, sourced))
    body.append(_claims(view, iri))
    body.append(_incoming(view, incoming))
    body.append(_source_list(view))

    path = iri_path(iri)
    alternates = ""
    head_links = ""
    if path is not None and "#" not in path:
        links = []
        for suffix, name in _FORMAT_NAMES.items():
            fmt = SUFFIXES[suffix]
            target = _e(path + suffix)
            links.append(f'<a href="{target}">{_e(name)}</a>')
            head_links += f'<link rel="alternate" type="{MEDIA_TYPES[fmt]}" href="{target}">'
        alternates = f"<p>{_e(view.ui['formats'])}: {' · '.join(links)}</p>"
    switch = " ".join(
        f'<strong lang="{code}" aria-current="page">{_LANG_NAMES[code]}</strong>'
        if code == lang
        else f'<a href="?lang={code}" lang="{code}" hreflang="{code}">{_LANG_NAMES[code]}</a>'
        for code in LANGS
    )
    licence = (
        f"{_e(view.ui['licence'])}: "
        '<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a> · '
        '<a href="/ontology">rujp ontology</a>'
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{_e(title)} — rujp</title>\n"
        '<link rel="icon" href="data:,">\n'
        f"{head_links}\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f'<header><a href="/">rujp-kg</a><nav>{switch}</nav></header>\n'
        "<main>\n" + "\n".join(b for b in body if b) + f"\n{alternates}\n</main>\n"
        f"<footer>{licence}</footer>\n</body>\n</html>\n"
    )


def ontology_html(out: Path) -> bytes | None:
    """The ontology documentation (``ontology.html``) that ``kg build`` wrote into ``out``;
    ``None`` when there is none (not built yet)."""
    path = out / ONTOLOGY_HTML
    try:
        return path.read_bytes()
    except OSError:
        return None
