"""The format registry: every serialisation the project reads or writes, in one table.

Modelled on rdflib's plugin registry: one entry per format, keyed by a short name, with its
aliases, media types and file suffix as other ways to find it, and the name of the function
that writes it, imported on first use. This table drives the CLI's ``--format`` choices, the
server's content negotiation, the file names of ``kg build`` and the distributions of the
dataset description. Light: the standard library only, so the CLI can offer choices without
loading rdflib or pyoxigraph.

Kinds: ``graph`` (RDF triples or quads), ``results`` (SPARQL SELECT/ASK results) and
``page`` (HTML).

>>> get("turtle").name
'ttl'
>>> by_media_type("application/n-triples").suffix
'.nt'
>>> [f.file for f in dataset_formats()]
['rujp.ttl', 'rujp.nt', 'rujp.nq', 'rujp.trig', 'rujp.jsonld', 'rujp.rdf']
>>> names("results")
('json', 'xml', 'csv', 'tsv')
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, NamedTuple

__all__ = [
    "FORMATS",
    "Format",
    "by_media_type",
    "by_suffix",
    "dataset_formats",
    "get",
    "media_types",
    "names",
    "select",
]

_W3C_FORMATS = "http://www.w3.org/ns/formats/"


class Format(NamedTuple):
    """One serialisation.

    ``media_types[0]`` is the one the project sends; the others are accepted. ``file`` is the
    output file name of a dataset format (written by ``kg build`` and ``kg export``), empty
    otherwise. ``writer`` names the function that serialises it, as ``module:function``,
    imported by :meth:`load` on first use. ``charset`` is set for text formats whose media
    type does not fix the encoding. ``quads`` is set for the syntaxes that carry named graphs
    (N-Quads, TriG): the dataset is published in them, but a set of triples (a resource, a
    ``CONSTRUCT`` answer) is not offered in them.
    """

    name: str
    kind: str
    title: str
    media_types: tuple[str, ...]
    suffix: str
    aliases: tuple[str, ...] = ()
    file: str = ""
    w3c: str = ""
    writer: str = ""
    charset: bool = False
    quads: bool = False

    @property
    def media_type(self) -> str:
        """The media type the project sends."""
        return self.media_types[0]

    @property
    def content_type(self) -> str:
        """The ``Content-Type`` header value, with ``charset=utf-8`` for text formats."""
        return f"{self.media_type}; charset=utf-8" if self.charset else self.media_type

    @property
    def w3c_iri(self) -> str:
        """The format's IRI in the W3C format registry (``http://www.w3.org/ns/formats/``)."""
        return _W3C_FORMATS + self.w3c if self.w3c else ""

    @property
    def dataset(self) -> bool:
        """Whether the whole dataset is published in this format."""
        return bool(self.file)

    def load(self) -> Callable[..., Any]:
        """The writer function, imported now."""
        module, _, function = self.writer.partition(":")
        if not module or not function:
            raise LookupError(f"format {self.name!r} has no writer")
        writer: Callable[..., Any] = getattr(importlib.import_module(module), function)
        return writer


_EXPORT = "kg.export.serialise"

#: Every format, in the order the CLI and the dataset description list them.
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "ttl",
            "graph",
            "Turtle",
            ("text/turtle", "application/x-turtle"),
            ".ttl",
            ("turtle",),
            "rujp.ttl",
            "Turtle",
            f"{_EXPORT}:turtle",
            charset=True,
        ),
        Format(
            "nt",
            "graph",
            "N-Triples",
            ("application/n-triples",),
            ".nt",
            ("ntriples", "n-triples"),
            "rujp.nt",
            "N-Triples",
            f"{_EXPORT}:ntriples",
            charset=True,
        ),
        Format(
            "nq",
            "graph",
            "N-Quads",
            ("application/n-quads",),
            ".nq",
            ("nquads", "n-quads"),
            "rujp.nq",
            "N-Quads",
            f"{_EXPORT}:nquads",
            charset=True,
            quads=True,
        ),
        Format(
            "trig",
            "graph",
            "TriG",
            ("application/trig",),
            ".trig",
            (),
            "rujp.trig",
            "TriG",
            f"{_EXPORT}:trig",
            charset=True,
            quads=True,
        ),
        Format(
            "jsonld",
            "graph",
            "JSON-LD",
            ("application/ld+json",),
            ".jsonld",
            ("json-ld",),
            "rujp.jsonld",
            "JSON-LD",
            f"{_EXPORT}:jsonld",
        ),
        Format(
            "rdfxml",
            "graph",
            "RDF/XML",
            ("application/rdf+xml",),
            ".rdf",
            ("xml-rdf", "rdf"),
            "rujp.rdf",
            "RDF_XML",
            f"{_EXPORT}:rdfxml",
        ),
        Format(
            "json",
            "results",
            "SPARQL Results JSON",
            ("application/sparql-results+json", "application/json"),
            ".srj",
            w3c="SPARQL_Results_JSON",
        ),
        Format(
            "xml",
            "results",
            "SPARQL Results XML",
            ("application/sparql-results+xml", "application/xml"),
            ".srx",
            w3c="SPARQL_Results_XML",
        ),
        Format(
            "csv",
            "results",
            "SPARQL Results CSV",
            ("text/csv",),
            ".csv",
            w3c="SPARQL_Results_CSV",
            charset=True,
        ),
        Format(
            "tsv",
            "results",
            "SPARQL Results TSV",
            ("text/tab-separated-values",),
            ".tsv",
            w3c="SPARQL_Results_TSV",
            charset=True,
        ),
        Format(
            "html",
            "page",
            "HTML",
            ("text/html", "application/xhtml+xml"),
            ".html",
            charset=True,
        ),
    )
}


def select(*kinds: str, quads: bool = True) -> list[Format]:
    """The formats of the given kinds, in registry order; without the named-graph syntaxes
    (N-Quads, TriG) unless ``quads``: what a set of triples can be written in.

    >>> [f.name for f in select("graph", "page", quads=False)]
    ['ttl', 'nt', 'jsonld', 'rdfxml', 'html']
    """
    return [f for f in FORMATS.values() if f.kind in kinds and (quads or not f.quads)]


def names(kind: str, *, dataset: bool = False, quads: bool = True) -> tuple[str, ...]:
    """The names of every format of a kind (only the dataset formats if ``dataset``; without
    the named-graph syntaxes unless ``quads``)."""
    return tuple(f.name for f in select(kind, quads=quads) if f.dataset or not dataset)


def dataset_formats() -> list[Format]:
    """The formats the whole dataset is published in, in their documented order."""
    return [f for f in FORMATS.values() if f.dataset]


def get(name: str) -> Format:
    """A format by its name or an alias (``KeyError`` names the choices)."""
    key = name.strip().lower()
    for f in FORMATS.values():
        if key == f.name or key in f.aliases:
            return f
    raise KeyError(f"unknown format {name!r}; use one of {', '.join(FORMATS)}")


def by_media_type(media_type: str, kind: str | None = None) -> Format | None:
    """The format a media type names (parameters such as ``charset`` are ignored)."""
    media = media_type.split(";", maxsplit=1)[0].strip().lower()
    for f in FORMATS.values():
        if media in f.media_types and (kind is None or f.kind == kind):
            return f
    return None


def by_suffix(suffix: str, kind: str | None = None) -> Format | None:
    """The format a file suffix names (``.ttl``)."""
    for f in FORMATS.values():
        if f.suffix == suffix.lower() and (kind is None or f.kind == kind):
            return f
    return None


def media_types(*kinds: str, quads: bool = True) -> dict[str, str]:
    """``{media type: format name}`` for every media type of the given kinds (without the
    named-graph syntaxes unless ``quads``), for content negotiation."""
    return {m: f.name for f in select(*kinds, quads=quads) for m in f.media_types}
