"""``kg serve``: the HTTP server — a read-only SPARQL 1.1 Protocol endpoint, a query page and
resource pages — as a Starlette application on uvicorn.

The route table is :data:`ROUTES`; one line adds a route. uvicorn owns the connection
(HTTP/1.1 parsing, keep-alive, ``HEAD`` without a body, a listen backlog of
:data:`BACKLOG`) on the event loop :data:`EVENT_LOOP`; :mod:`kg.serve.protocol` adds
deadlines and a size limit on request headers, :mod:`kg.serve.headers` the checks of every
request and the headers of every response.

- ``/sparql`` — GET and POST (form-encoded or ``application/sparql-query``); results as SPARQL
  JSON, XML, CSV or TSV and graphs as Turtle, N-Triples, JSON-LD or RDF/XML, chosen by
  ``Accept`` (or ``?format=``, see :mod:`kg.serve.conneg`); a service description
  (:mod:`kg.serve.service`) when no query is given. SPARQL Update is refused with 403; a
  body over ``max_body`` bytes or a query too long or too deeply nested
  (:mod:`kg.query.guard`) with 413 or 400; a ``SERVICE`` to a host not allowed
  (:mod:`kg.serve.limits`) with 400. Queries run in worker processes behind a bounded queue
  (:mod:`kg.serve.workers`).
- ``/`` — the query page (:mod:`kg.serve.querypage`); ``/dataset`` — the dataset page
  (:func:`kg.serve.pages.dataset_html`); pages come in en, ru or ja (``?lang=``, else
  ``Accept-Language``); ``/id/...``, ``/ontology`` and
  ``/void.ttl`` — dereferenceable resources, cached, with validators
  (:mod:`kg.serve.resources`); ``/download/...`` — the files of the build listed in
  ``void.ttl``; ``/static/...`` — the query page's scripts and styles.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import re
import socket
import threading
import urllib.parse
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from kg import formats
from kg.paths import ONTOLOGY_COPY, VOID_FILE, resource_dir
from kg.query.guard import Limits, QueryRejectedError, check
from kg.serve.config import Reply, ServerConfig
from kg.serve.conneg import GRAPH_OFFERS, negotiate, query_formats
from kg.serve.headers import Guard, page_policy
from kg.serve.hot import REUSABLE, Hot
from kg.serve.limits import public_base, service_refusal
from kg.serve.pages.i18n import LANGS, pick_lang
from kg.serve.querypage import query_page
from kg.serve.resources import Resources, conditional
from kg.serve.workers import QueryPool

__all__ = ["BACKLOG", "EVENT_LOOP", "ROUTES", "Server", "make_server", "serve_forever"]

#: Connections the kernel queues before the server accepts them.
BACKLOG = 2048
#: The event loop: Python's own (selectors on epoll). uvloop serves a little faster on
#: average but not fairly: at 256 kept-alive connections on 2 cores about 1% of its
#: requests waited 2.5-4 s and some past 5 s, even behind an application that only sends
#: fixed bytes, where this loop kept every request under 0.2 s (tests/benchmarks/bench_load).
EVENT_LOOP = "asyncio"
STATIC_DIR = resource_dir("kg.serve", "static")
_STATIC_TYPES = {".js": "text/javascript", ".css": "text/css", ".map": "application/json"}
#: The files of the build served under ``/download/``, with their content types.
_DOWNLOADS = {
    **{f.file: f.content_type for f in formats.dataset_formats()},
    VOID_FILE: formats.get("ttl").content_type,
    ONTOLOGY_COPY: formats.get("ttl").content_type,
}
_UPDATE_RE = re.compile(
    r"^\s*((PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)
_TEXTUAL = ("application/sparql-results", "application/ld+json", "application/rdf+xml")


class State:
    """What the routes share: the configuration, the store, the workers and the caches."""

    def __init__(self, config: ServerConfig, port: int) -> None:
        # the build switches versions by a link: the server and its workers stay on the
        # version that was current when it started
        config = dataclasses.replace(config, store=config.store.resolve())
        self.config = config
        self.port = port
        self.store = ox.Store.read_only(str(config.store))
        self.triples = len(self.store)
        self.pool = QueryPool(config)
        self.resources = Resources(config, self.store)
        self.pages = {lang: query_page(lang) for lang in LANGS}
        self.page_policies = {lang: page_policy(page) for lang, page in self.pages.items()}
        self.limits = Limits(max_length=config.max_body)

    def close(self) -> None:
        self.pool.close()


def _state(request: Request) -> State:
    state: State = request.app.state.kg
    return state


def _content_type(ctype: str) -> str:
    """``ctype`` with ``charset=utf-8`` when it is text and says no charset."""
    if "charset=" in ctype or not (ctype.startswith("text/") or ctype.startswith(_TEXTUAL)):
        return ctype
    return ctype + "; charset=utf-8"


def respond(reply: Reply, *, vary: bool = False, language: bool = False) -> Response:
    """The HTTP response of a :class:`Reply`; ``vary`` when it depends on ``Accept``,
    ``language`` when also on ``Accept-Language``."""
    headers = dict(reply.headers)
    if vary or language:
        headers["Vary"] = "Accept, Accept-Language" if language else "Accept"
    headers["Content-Type"] = _content_type(reply.content_type)
    return Response(reply.body, status_code=reply.status, headers=headers)


def _text(status: int, text: str, *headers: tuple[str, str]) -> Response:
    return respond(Reply.text(status, text + "\n", *headers))


def _params(request: Request) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(request.scope["query_string"].decode("latin-1"))


async def _body(request: Request, config: ServerConfig) -> bytes | Response:
    """The request body, at most ``max_body`` bytes (413) read within the idle timeout
    per chunk (408)."""
    too_big = _text(
        413,
        f"the request body is over the server's limit of {config.max_body:,} bytes",
        ("Connection", "close"),
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > config.max_body:
        return too_big
    chunks, size = [], 0
    while True:
        try:
            message = await asyncio.wait_for(request.receive(), config.idle_timeout)
        except TimeoutError:
            return _text(408, "the request body took too long to arrive", ("Connection", "close"))
        if message["type"] == "http.disconnect":
            return Response(status_code=400)
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > config.max_body:
            return too_big
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _refuse_update() -> Response:
    return _text(403, "this endpoint is read-only: SPARQL Update is not allowed")


async def sparql(request: Request) -> Response:
    """``/sparql``: the SPARQL 1.1 Protocol (query operation only)."""
    arrival = asyncio.get_running_loop().time()
    state = _state(request)
    params = _params(request)
    if request.method in ("GET", "HEAD"):
        if "update" in params:
            return _refuse_update()
        if "query" in params:
            return await _query(request, params["query"][0], params, arrival)
        return _describe_service(request, state)
    body = await _body(request, state.config)
    if isinstance(body, Response):
        return body
    text = body.decode("utf-8", "replace")
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/sparql-update":
        return _refuse_update()
    if ctype == "application/sparql-query":
        return await _query(request, text, params, arrival)
    if ctype in ("application/x-www-form-urlencoded", ""):
        form = urllib.parse.parse_qs(text)
        if "update" in form:
            return _refuse_update()
        if "query" in form:
            return await _query(request, form["query"][0], {**params, **form}, arrival)
        return _text(400, "no query: send query=... form-encoded or application/sparql-query")
    return _text(415, f"unsupported Content-Type {ctype!r} for a SPARQL query")


async def _query(
    request: Request, query: str, params: dict[str, list[str]], arrival: float
) -> Response:
    state = _state(request)
    accept = request.headers.get("accept", "")
    rfmt, gfmt = query_formats(accept, params.get("format", [""])[0])
    if rfmt is None and gfmt is None:
        return _text(406, f"cannot produce any of: {accept}")
    rfmt, gfmt = rfmt or "json", gfmt or "ttl"
    cached = state.pool.cache.get((query, rfmt, gfmt))
    if cached is not None:
        request.scope[REUSABLE] = True
        return respond(cached, vary=True)
    if _UPDATE_RE.match(re.sub(r"#[^\n]*", "", query)):
        return _refuse_update()
    try:
        check(query, state.limits)
    except QueryRejectedError as exc:
        return _text(exc.status, f"{exc.message}: {exc.hint}")
    refusal = service_refusal(query, state.config.allow_service)
    if refusal:
        return _text(400, refusal)

    async def gone() -> None:
        while (await request.receive())["type"] != "http.disconnect":
            pass

    reply = await state.pool.execute(query, rfmt, gfmt, arrival=arrival, gone=gone)
    if reply is None:  # the client went away: nobody reads this
        return Response(status_code=499)
    request.scope[REUSABLE] = reply.status == 200
    return respond(reply, vary=True)


@functools.lru_cache(maxsize=64)
def _service_description(base: str, triples: int, fmt: str) -> bytes:
    from kg.serve.service import service_description

    return service_description(base, triples, fmt)


def _base(request: Request, state: State) -> str | None:
    return public_base(state.config.base_url, request.headers.get("host"), state.port)


def _describe_service(request: Request, state: State) -> Response:
    base = _base(request, state)
    if base is None:
        return _text(400, "bad Host header: send a host name or address")
    fmt = negotiate(request.headers.get("accept", ""), GRAPH_OFFERS, "ttl") or "ttl"
    body = _service_description(base, state.triples, fmt)
    return respond(Reply(200, formats.get(fmt).content_type, body), vary=True)


def _lang(request: Request) -> str:
    """The page language: ``?lang=``, else ``Accept-Language``, else English."""
    asked = _params(request).get("lang", [""])[0]
    return pick_lang(asked, request.headers.get("accept-language", ""))


async def home(request: Request) -> Response:
    """``/``: the query page."""
    state = _state(request)
    lang = _lang(request)
    reply = Reply(200, formats.get("html").content_type, state.pages[lang])
    request.scope[REUSABLE] = True
    response = respond(reply, language=True)
    response.headers["Content-Security-Policy"] = state.page_policies[lang]
    return response


async def dataset(request: Request) -> Response:
    """``/dataset``: the dataset page (counts, downloads, licence, citation, endpoint)."""
    from kg.serve.pages import dataset_html

    state = _state(request)
    base = _base(request, state)
    if base is None:
        return _text(400, "bad Host header: send a host name or address")
    render = functools.partial(dataset_html, state.store, state.config.out, base, _lang(request))
    text = await asyncio.to_thread(render)
    if text is None:
        return _text(404, "no dataset description: run kg build")
    request.scope[REUSABLE] = state.config.base_url is not None  # else it names the Host
    body = text.encode()
    response = respond(Reply(200, formats.get("html").content_type, body), language=True)
    response.headers["Content-Security-Policy"] = page_policy(body)
    return response


async def favicon(request: Request) -> Response:
    """``/favicon.ico``: nothing (the pages carry their own)."""
    return Response(b"", status_code=204, media_type="image/x-icon")


@functools.lru_cache(maxsize=32)
def _static_file(target: Path) -> bytes:
    return target.read_bytes()


async def static(request: Request) -> Response:
    """``/static/...``: the query page's scripts and styles."""
    rel = request.path_params["rel"]
    target = (STATIC_DIR / rel).resolve()
    if not target.is_file() or STATIC_DIR.resolve() not in target.parents:
        return _text(404, f"not found: /static/{rel}")
    ctype = _STATIC_TYPES.get(target.suffix, "application/octet-stream") + "; charset=utf-8"
    return respond(Reply(200, ctype, _static_file(target)))


async def download(request: Request) -> Response:
    """``/download/...``: the export files of the build (the distributions of void.ttl)."""
    name = request.path_params["name"]
    target = _state(request).config.out / name
    if name not in _DOWNLOADS or not target.is_file():
        return _text(404, f"not found: /download/{name}")
    return FileResponse(target, media_type=_content_type(_DOWNLOADS[name]))


async def resource(request: Request) -> Response:
    """``/id/...``, ``/ontology...``, ``/void.ttl``: a resource by ``Accept`` or suffix."""
    state = _state(request)
    path = request.scope.get("raw_path", b"").decode("latin-1").split("?")[0] or request.url.path
    base = _base(request, state) or ""
    accept = request.headers.get("accept", "")
    reply = await state.resources.reply(path, _lang(request), accept, base)
    request.scope[REUSABLE] = path != "/void.ttl"  # the VoID names the Host
    return respond(conditional(reply, dict(request.headers)), language=True)


async def not_found(request: Request) -> Response:
    """Any other path: 404."""
    return _text(404, f"not found: {request.url.path}")


#: The routes, first match wins (GET routes answer HEAD too).
ROUTES = [
    Route("/sparql", sparql, methods=["GET", "POST"]),
    Route("/", home, methods=["GET"]),
    Route("/index.html", home, methods=["GET"]),
    Route("/dataset", dataset, methods=["GET"]),
    Route("/dataset.html", dataset, methods=["GET"]),
    Route("/favicon.ico", favicon, methods=["GET"]),
    Route("/download/{name}", download, methods=["GET"]),
    Route("/static/{rel:path}", static, methods=["GET"]),
    Route("/void.ttl", resource, methods=["GET"]),
    Route("/ontology{rest:path}", resource, methods=["GET"]),
    Route("/id/{rest:path}", resource, methods=["GET"]),
    Route("/{rest:path}", not_found, methods=["GET", "POST"]),
]


def build_app(state: State) -> Any:
    """The ASGI application: the routes behind the response cache (:mod:`kg.serve.hot`) and
    :class:`~kg.serve.headers.Guard`."""
    app = Starlette(routes=ROUTES)
    app.state.kg = state
    config = state.config
    return Guard(Hot(app, config.cache_size, config.cache_bytes))


class Server:
    """A bound server: ``serve_forever()`` runs it (any thread), ``shutdown()`` stops it,
    ``server_close()`` stops its workers; ``server_port`` is the bound port."""

    def __init__(self, host: str, port: int, config: ServerConfig) -> None:
        import uvicorn

        from kg.serve.protocol import Protocol

        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.socket = socket.create_server((host, port), family=family, backlog=BACKLOG)
        self.server_port: int = self.socket.getsockname()[1]
        self.state = State(config, self.server_port)
        uv_config = uvicorn.Config(
            build_app(self.state),
            http=Protocol,
            loop=EVENT_LOOP,
            proxy_headers=False,  # no proxy is trusted: X-Forwarded-* is not read
            lifespan="off",
            log_level="warning",
            access_log=False,
            server_header=False,
            headers=[],
            backlog=BACKLOG,
            timeout_keep_alive=config.idle_timeout,  # type: ignore[arg-type]
            timeout_graceful_shutdown=5,
        )
        self._server = uvicorn.Server(uv_config)
        self._running = threading.Event()
        self._stopped = threading.Event()

    def serve_forever(self) -> None:
        """Serve until :meth:`shutdown` (or, in the main thread, Ctrl-C)."""
        self._running.set()
        try:
            self._server.run(sockets=[self.socket])
        finally:
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop serving; returns when the server has stopped."""
        self._server.should_exit = True
        if self._running.is_set():
            self._stopped.wait(30)

    def server_close(self) -> None:
        """Stop the workers and close the socket."""
        self.state.close()
        self.socket.close()

    @property
    def workers(self) -> list[int]:
        """The process ids of the live query workers."""
        return self.state.pool.processes


def make_server(host: str, port: int, config: ServerConfig) -> Server:
    """A bound, ready server (call ``serve_forever()``; ``server_port`` tells the port)."""
    return Server(host, port, config)


def serve_forever(host: str, port: int, config: ServerConfig) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM)."""
    server = make_server(host, port, config)
    print(f"Serving on http://{host}:{server.server_port}/ (SPARQL at /sparql); Ctrl-C stops.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
