"""The dereferenceable resources of ``kg serve``: ``/id/...``, ``/ontology`` and ``/void``,
each rendered once per resource, format and language, and cached.

The store is immutable while served, so a page is rendered on first request -- on a thread,
outside any lock, with concurrent requests for the same page waiting for that one
rendering -- and kept in a cache bounded in bytes (:mod:`kg.serve.cache`). Every page carries
a strong ``ETag`` (a hash of its body) and the build's ``Last-Modified``; a matching
``If-None-Match`` (or, without it, a recent enough ``If-Modified-Since``) gets 304.

A resource with more than ``max_rows`` triples is cut: its RDF holds its outgoing triples
first and then incoming links up to the cap, its page shows as many, and both carry a
``Link: <...>; rel="next"`` to the paged rest (a ``CONSTRUCT`` on ``/sparql`` with
``OFFSET``). Light: pyoxigraph and kg's light modules.
"""

from __future__ import annotations

import asyncio
import email.utils
import hashlib
import itertools
import urllib.parse
from pathlib import Path
from typing import Any, cast

import pyoxigraph as ox

from kg import formats
from kg.paths import ONTOLOGY_COPY, VOID_FILE
from kg.serve.cache import ByteCache
from kg.serve.config import Reply, ServerConfig
from kg.serve.conneg import resource_format
from kg.serve.headers import page_policy

__all__ = ["Resources", "conditional"]

Key = tuple[str, str, str, str]  # path, format, language, public base


class _CappedStore:
    """The store as a page of ``node`` sees it: at most ``cap`` triples out of and into it."""

    def __init__(self, store: ox.Store, node: ox.NamedNode, cap: int) -> None:
        self._store, self._node, self._cap = store, node, cap

    def quads_for_pattern(self, s: Any, p: Any, o: Any, g: Any = None) -> Any:
        found = self._store.quads_for_pattern(s, p, o, g)
        if self._node in (s, o):
            return itertools.islice(found, self._cap)
        return found

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def conditional(reply: Reply, headers: dict[str, str]) -> Reply:
    """304 (no body) when the request's validators match the reply's ``ETag`` or
    ``Last-Modified``; else ``reply``."""
    mine = dict(reply.headers)
    etag, modified = mine.get("ETag"), mine.get("Last-Modified")
    if reply.status != 200 or etag is None:
        return reply
    match = headers.get("if-none-match")
    if match is not None:
        tags = {t.strip().removeprefix("W/") for t in match.split(",")}
        fresh = "*" in tags or etag in tags
    else:
        since = headers.get("if-modified-since")
        try:
            then = email.utils.parsedate_to_datetime(since) if since else None
            now = email.utils.parsedate_to_datetime(modified) if modified else None
            fresh = then is not None and now is not None and now <= then
        except (TypeError, ValueError):
            fresh = False
    return Reply(304, reply.content_type, b"", reply.headers) if fresh else reply


class Resources:
    """The resource pages of one served build."""

    def __init__(self, config: ServerConfig, store: ox.Store) -> None:
        self.config = config
        self.out = config.out
        self.store = store
        built = (config.store / "CURRENT").stat().st_mtime
        self.modified = email.utils.formatdate(built, usegmt=True)
        self.cache = ByteCache[Key, Reply](max(config.cache_size, 1) * 8, config.cache_bytes)
        self._rendering: dict[Key, asyncio.Future[Reply]] = {}

    async def reply(self, path: str, lang: str, accept: str, base: str) -> Reply:
        """The page for a request (cached, rendered once)."""
        path, fmt = resource_format(path, accept)
        if fmt is None:
            offered = [*formats.select("page"), *formats.select("graph", quads=False)]
            names = ", ".join(f.title for f in offered)
            return Reply.text(406, f"acceptable formats: {names}\n")
        from kg.serve.pages import LANGS

        lang = lang if lang in LANGS else "en"
        key = (path, fmt, lang if fmt == "html" else "", base if path == "/void" else "")
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        running = self._rendering.get(key)
        if running is not None:
            return await asyncio.shield(running)
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Reply] = loop.create_future()
        self._rendering[key] = future
        try:
            reply = await loop.run_in_executor(None, self._render, key)
            if reply.status == 200:
                digest = hashlib.sha256(reply.body).hexdigest()[:32]
                validators: tuple[tuple[str, str], ...] = (
                    ("ETag", f'"{digest}"'),
                    ("Last-Modified", self.modified),
                )
                if reply.content_type.startswith("text/html"):
                    validators += (("Content-Security-Policy", page_policy(reply.body)),)
                reply = Reply(200, reply.content_type, reply.body, reply.headers + validators)
                self.cache.put(key, reply, len(reply.body) + 256)
            future.set_result(reply)
            return reply
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: waiting requests get it, nobody else need
            raise
        finally:
            del self._rendering[key]

    def _render(self, key: Key) -> Reply:
        path, fmt, lang, base = key
        from kg.serve import pages

        if path == "/void":
            return self._void(fmt, base)
        if path == "/ontology":
            if fmt == "html":
                body = pages.ontology_html(self.out)
                if body is None:
                    return Reply.text(404, "no ontology documentation: run kg build\n")
                return Reply(200, formats.get("html").content_type, body)
            return self._ontology_rdf(fmt)
        iri = pages.path_iri(path)
        try:
            node = ox.NamedNode(iri)
        except ValueError:
            return Reply.text(404, f"unknown resource {iri}\n")
        cap = self.config.max_rows
        around = itertools.chain(
            self.store.quads_for_pattern(node, None, None),
            self.store.quads_for_pattern(None, None, node),
        )
        capped = sum(1 for _ in itertools.islice(around, cap + 1)) > cap
        link: tuple[tuple[str, str], ...] = ()
        store: Any = self.store
        if capped:
            link = (("Link", f'<{self._rest(iri, cap)}>; rel="next"'),)
            store = _CappedStore(self.store, node, cap)
        if fmt == "html":
            text = pages.resource_html(cast(ox.Store, store), iri, lang)
            if text is None:
                return Reply.text(404, f"unknown resource {iri}\n")
            if capped:
                note = (
                    f'<p class="capped">This page shows {cap:,} of the triples about this '
                    f'resource; <a href="{self._rest(iri, cap)}">the rest</a>.</p>'
                )
                text = text.replace("\n</main>", f"\n{note}\n</main>", 1)
            return Reply(200, formats.get("html").content_type, text.encode("utf-8"), link)
        if capped:
            body = self._capped_rdf(node, fmt, cap)
        else:
            data = pages.resource_rdf(self.store, iri, fmt)
            if data is None:
                return Reply.text(404, f"unknown resource {iri}\n")
            body = data
        return Reply(200, formats.get(fmt).content_type, body, link)

    def _capped_rdf(self, node: ox.NamedNode, fmt: str, cap: int) -> bytes:
        from kg.export.jsonld import default_context, jsonld_bytes
        from kg.export.serialise import serialize
        from kg.vocab.terms import PREFIXES

        quads = itertools.chain(
            self.store.quads_for_pattern(node, None, None),
            self.store.quads_for_pattern(None, None, node),
        )
        first = itertools.islice(quads, cap)
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in first]
        if fmt == "jsonld":
            return jsonld_bytes(triples, default_context())
        return serialize(triples, fmt, PREFIXES)

    @staticmethod
    def _rest(iri: str, cap: int) -> str:
        query = (
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {{ <{iri}> ?p ?o BIND(<{iri}> AS ?s) }} "
            f"UNION {{ ?s ?p <{iri}> BIND(<{iri}> AS ?o) }} }} OFFSET {cap} LIMIT {cap}"
        )
        return "/sparql?" + urllib.parse.urlencode({"query": query})

    def _void(self, fmt: str, base: str) -> Reply:
        from kg.serve.service import void_description

        fmt = "ttl" if fmt == "html" else fmt
        data = self.out / VOID_FILE
        if not data.is_file():
            return Reply.text(404, "no dataset description: run kg build\n")
        return Reply(200, formats.get(fmt).content_type, void_description(data, base, fmt))

    def _ontology_rdf(self, fmt: str) -> Reply:
        from kg.export.serialise import turtle_as

        source: Path = self.out / ONTOLOGY_COPY
        if not source.is_file():
            return Reply.text(404, "no ontology: run kg build\n")
        return Reply(200, formats.get(fmt).content_type, turtle_as(source.read_bytes(), fmt))
