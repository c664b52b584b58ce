"""Dereferenceable resources: the RDF and HTML views of one IRI, for ``kg serve``.

The functions take the built store (``build/store``, opened read-only with
:func:`kg.query.store.open_store`), which holds the data and the ontology, and answer
``None`` for an IRI the store does not describe, which the server turns into a 404.

- :func:`describe` -- the triples of a resource: its outgoing triples plus incoming links;
- :func:`resource_rdf` -- those triples in an RDF format of :mod:`kg.formats` that holds
  triples (Turtle, N-Triples, JSON-LD, RDF/XML);
- :func:`resource_html` -- a page in English, Russian or Japanese (``?lang=en|ru|ja``);
- :func:`ontology_html` -- the ontology documentation written by ``kg build``.

Light: pyoxigraph only (no rdflib), so the server stays light.

>>> from kg.paths import store_dir
>>> from kg.query.store import open_store
>>> from kg.vocab import iris
>>> store = open_store(store_dir())
>>> page = resource_html(store, iris.place("jp-niigata"), "ja")
>>> "新潟市" in page
True
>>> resource_html(store, iris.place("no-such-place"), "en") is None
True
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg import formats
from kg.errors import UsageError
from kg.export.jsonld import default_context, jsonld_bytes
from kg.export.serialise import serialize
from kg.paths import ONTOLOGY_HTML
from kg.serve.pages.frame import page_html
from kg.serve.pages.geo import region_map
from kg.serve.pages.html import esc, iri_path
from kg.serve.pages.i18n import LANGS
from kg.serve.pages.sections import (
    claims_section,
    incoming_section,
    sources_section,
    statements_section,
    type_sections,
)
from kg.serve.pages.summary import fact_box, title_html
from kg.serve.pages.view import View
from kg.vocab import terms
from kg.vocab.terms import PREFIXES

__all__ = [
    "RDF_FORMATS",
    "describe",
    "ontology_html",
    "resource_html",
    "resource_rdf",
]

#: The formats a resource is served in, besides HTML: the graph formats that hold triples.
RDF_FORMATS: tuple[str, ...] = formats.names("graph", quads=False)


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


def resource_rdf(
    store: ox.Store, iri: str, fmt: str, *, context: dict[str, Any] | None = None
) -> bytes | None:
    """The triples of :func:`describe` in ``fmt`` (one of :data:`RDF_FORMATS`); JSON-LD is
    compacted with ``context`` [``ontology/context.jsonld``].

    ``None`` for an unknown IRI; ``ValueError`` for an unknown format.
    """
    if fmt not in RDF_FORMATS:
        raise UsageError(f"unknown format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
    triples = describe(store, iri)
    if not triples:
        return None
    if fmt == "jsonld":
        return jsonld_bytes(triples, context or default_context())
    return serialize(triples, fmt, PREFIXES)  # N-Triples has no prefixes: ignored


def resource_html(store: ox.Store, iri: str, lang: str = "en") -> str | None:
    """The HTML page of a resource in ``lang`` (en, ru or ja; others fall back to en).

    ``None`` for an unknown IRI.
    """
    lang = lang if lang in LANGS else "en"
    triples = describe(store, iri)
    if not triples:
        return None
    view = View(store, lang)
    node = ox.NamedNode(iri)
    outgoing = [t for t in triples if t.subject == node]
    incoming = [t for t in triples if t.object == node]
    types = view.types(iri)
    title, _ = view.label(iri)
    sourced = bool(view.sources_of(iri))
    is_place = bool(types & {terms.RUJP.Municipality, terms.RUJP.RegionalGovernment})

    body = [title_html(view, iri), f'<p class="iri">{esc(iri)}</p>']
    if types:
        type_links = ", ".join(view.link(t) for t in sorted(types))
        body.append(f'<p class="types">{esc(view.ui["type"])}: {type_links}</p>')
    facts = fact_box(view, iri, types)
    place_map = region_map(view, iri) if is_place else ""
    if facts or place_map:
        figure = f'<figure class="map" id="map">{place_map}</figure>' if place_map else ""
        body.append(f'<div class="summary">{facts}{figure}</div>')
    body.extend(type_sections(view, iri, types))
    body.append(claims_section(view, iri))
    body.append(statements_section(view, iri, outgoing, sourced))
    body.append(incoming_section(view, incoming))
    body.append(sources_section(view))

    path = iri_path(iri)
    alternates = ""
    head_links = ""
    if path is not None and "#" not in path:
        links = []
        for fmt in formats.select("graph", quads=False):
            target = esc(path + fmt.suffix)
            links.append(f'<a href="{target}">{esc(fmt.title)}</a>')
            head_links += f'<link rel="alternate" type="{fmt.media_type}" href="{target}">'
        alternates = f'<p class="formats">{esc(view.ui["formats"])}: {" · ".join(links)}</p>'
    return page_html(view, title, "\n".join(b for b in body if b) + alternates, head_links)


def ontology_html(out: Path) -> bytes | None:
    """The ontology documentation (``ontology.html``) that ``kg build`` wrote into ``out``;
    ``None`` when there is none (not built yet)."""
    path = out / ONTOLOGY_HTML
    try:
        return path.read_bytes()
    except OSError:
        return None
