"""``kg serve``: the HTTP server — a read-only SPARQL 1.1 Protocol endpoint, a query page and
resource pages.

- ``/sparql`` — GET and POST (form-encoded or ``application/sparql-query``); results as SPARQL
  JSON, XML, CSV or TSV and graphs as Turtle, N-Triples, JSON-LD or RDF/XML, chosen by
  ``Accept`` (or ``?format=``, see :mod:`kg.serve.conneg`); a service description when no
  query is given; CORS.
- SPARQL Update is refused with 403. Queries run in worker processes
  (:mod:`kg.serve.workers`): one that exceeds the time limit is killed (503) and replaced, a
  result over the row cap gets 413; the server keeps serving.
- ``/`` — the query page (:mod:`kg.serve.querypage`); ``/id/...`` and ``/ontology`` —
  dereferenceable resources (:mod:`kg.serve.pages`); ``/download/...`` — the files of the
  build listed in ``void.ttl``.

Light: the standard library, pyoxigraph and kg's light modules only.
"""

from __future__ import annotations

import re
import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from kg import formats
from kg.paths import ONTOLOGY_COPY, VOID_FILE, resource_dir
from kg.serve.config import Reply, ServerConfig
from kg.serve.conneg import GRAPH_OFFERS, negotiate, query_formats, resource_format
from kg.serve.querypage import query_page, service_description
from kg.serve.workers import QueryPool

__all__ = ["make_server", "resource_reply", "serve_forever"]

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


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    wbufsize = 1 << 16  # one write per response; flushed by handle_one_request
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        return

    def _send(
        self, reply: Reply, *, vary: bool = False, head: bool = False, language: bool = False
    ) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        if vary:
            self.send_header("Vary", "Accept, Accept-Language" if language else "Accept")
        self.end_headers()
        if not head:
            self.wfile.write(reply.body)

    def _text(self, status: int, text: str) -> None:
        self._send(Reply.text(status, text + "\n"))

    def do_OPTIONS(self) -> None:
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self) -> None:
        self.do_GET(head=True)

    def do_GET(self, head: bool = False) -> None:
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query)
        path = url.path
        if path == "/sparql":
            if "update" in params:
                self._refuse_update()
            elif "query" in params:
                self._query(params["query"][0], params)
            else:
                self._describe_service(head)
            return
        if path == "/favicon.ico":
            self._send(Reply(204, "image/x-icon", b""), head=head)
            return
        if path in ("/", "/index.html"):
            html = formats.get("html").content_type
            page = query_page(self._lang(params))
            self._send(Reply(200, html, page), vary=True, head=head, language=True)
            return
        if path in ("/dataset", "/dataset.html"):
            self._dataset(params, head)
            return
        if path.startswith("/download/"):
            self._download(path[len("/download/") :], head)
            return
        if path.startswith("/static/"):
            self._static(path[len("/static/") :], head)
            return
        if path.startswith(("/id/", "/ontology")) or path == "/void.ttl":
            self._resource(path, params, head)
            return
        self._text(404, f"not found: {path}")

    def _lang(self, params: dict[str, list[str]]) -> str:
        from kg.serve.pages import pick_lang

        return pick_lang(params.get("lang", [""])[0], self.headers.get("Accept-Language", ""))

    def _dataset(self, params: dict[str, list[str]], head: bool) -> None:
        from kg.serve.pages import dataset_html

        host = self.headers.get("Host") or f"127.0.0.1:{self.server.server_port}"
        with self.server.store_lock:
            text = dataset_html(
                self.server.store, self.server.out, f"http://{host}", self._lang(params)
            )
        if text is None:
            self._text(404, "no dataset description: run kg build")
            return
        html = formats.get("html").content_type
        self._send(Reply(200, html, text.encode("utf-8")), vary=True, head=head, language=True)

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/sparql":
            self._text(404, f"not found: {url.path}")
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = urllib.parse.parse_qs(url.query)
        if ctype == "application/sparql-update":
            self._refuse_update()
        elif ctype == "application/sparql-query":
            self._query(body, params)
        elif ctype in ("application/x-www-form-urlencoded", ""):
            form = urllib.parse.parse_qs(body)
            if "update" in form:
                self._refuse_update()
            elif "query" in form:
                self._query(form["query"][0], {**params, **form})
            else:
                self._text(400, "no query: send query=... form-encoded or application/sparql-query")
        else:
            self._text(415, f"unsupported Content-Type {ctype!r} for a SPARQL query")

    def _refuse_update(self) -> None:
        self._text(403, "this endpoint is read-only: SPARQL Update is not allowed")

    def _query(self, query: str, params: dict[str, list[str]]) -> None:
        if _UPDATE_RE.match(re.sub(r"#[^\n]*", "", query)):
            self._refuse_update()
            return
        accept = self.headers.get("Accept", "")
        rfmt, gfmt = query_formats(accept, params.get("format", [""])[0])
        if rfmt is None and gfmt is None:
            self._text(406, f"cannot produce any of: {accept}")
            return
        reply = self.server.pool.execute(query, rfmt or "json", gfmt or "ttl")
        self._send(reply, vary=True)

    def _describe_service(self, head: bool) -> None:
        from kg.export.serialise import turtle_as

        host = self.headers.get("Host") or f"127.0.0.1:{self.server.server_port}"
        ttl = service_description(f"http://{host}/sparql", self.server.triples)
        fmt = negotiate(self.headers.get("Accept", ""), GRAPH_OFFERS, "ttl") or "ttl"
        body = turtle_as(ttl.encode("utf-8"), fmt)
        self._send(Reply(200, formats.get(fmt).content_type, body), vary=True, head=head)

    def _static(self, rel: str, head: bool) -> None:
        target = (STATIC_DIR / rel).resolve()
        if not target.is_file() or STATIC_DIR.resolve() not in target.parents:
            self._text(404, f"not found: /static/{rel}")
            return
        ctype = _STATIC_TYPES.get(target.suffix, "application/octet-stream") + "; charset=utf-8"
        self._send(Reply(200, ctype, target.read_bytes()), head=head)

    def _download(self, name: str, head: bool) -> None:
        """The export files of the build (the distributions listed in void.ttl)."""
        target = self.server.out / name
        if name not in _DOWNLOADS or not target.is_file():
            self._text(404, f"not found: /download/{name}")
            return
        self._send(Reply(200, _DOWNLOADS[name], target.read_bytes()), head=head)

    def _resource(self, path: str, params: dict[str, list[str]], head: bool) -> None:
        accept, language = self.headers.get("Accept", ""), self.headers.get("Accept-Language", "")
        reply = resource_reply(self.server, path, params, accept, language)
        self._send(reply, vary=True, head=head, language=True)


def resource_reply(
    server: _Server, path: str, params: dict[str, list[str]], accept: str, accept_language: str = ""
) -> Reply:
    """Answer GET on an instance or term IRI path by Accept or suffix; 404 when unknown."""
    path, fmt = resource_format(path, accept)
    if fmt is None:
        offered = [*formats.select("page"), *formats.select("graph", quads=False)]
        names = ", ".join(f.title for f in offered)
        return Reply.text(406, f"acceptable formats: {names}\n")
    from kg.serve import pages

    lang = pages.pick_lang(params.get("lang", [""])[0], accept_language)
    if path == "/void":
        data = server.out / VOID_FILE
        if data.is_file():
            return Reply(200, formats.get("ttl").content_type, data.read_bytes())
        return Reply.text(404, "no dataset description: run kg build\n")
    if path == "/ontology":
        if fmt == "html":
            body = pages.ontology_html(server.out)
            if body is None:
                return Reply.text(404, "no ontology documentation: run kg build\n")
            return Reply(200, formats.get("html").content_type, body)
        return _ontology_rdf(server.out, fmt)
    iri = pages.path_iri(path)
    with server.store_lock:
        if fmt == "html":
            text = pages.resource_html(server.store, iri, lang)
            if text is None:
                return Reply.text(404, f"unknown resource {iri}\n")
            return Reply(200, formats.get("html").content_type, text.encode("utf-8"))
        data_bytes = pages.resource_rdf(server.store, iri, fmt)
    if data_bytes is None:
        return Reply.text(404, f"unknown resource {iri}\n")
    return Reply(200, formats.get(fmt).content_type, data_bytes)


def _ontology_rdf(out: Path, fmt: str) -> Reply:
    """The whole ontology, in the requested RDF format."""
    from kg.export.serialise import turtle_as

    source = out / ONTOLOGY_COPY
    if not source.is_file():
        return Reply.text(404, "no ontology: run kg build\n")
    return Reply(200, formats.get(fmt).content_type, turtle_as(source.read_bytes(), fmt))


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], config: ServerConfig) -> None:
        import pyoxigraph as ox

        self.config = config
        self.out = config.out
        self.pool = QueryPool(config)
        self.store = ox.Store.read_only(str(config.store))
        self.store_lock = threading.Lock()
        self.triples = len(self.store)
        super().__init__(address, _Handler)

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


def make_server(host: str, port: int, config: ServerConfig) -> _Server:
    """A ready server (call ``serve_forever()``; ``server_port`` tells the bound port)."""
    return _Server((host, port), config)


def serve_forever(host: str, port: int, config: ServerConfig) -> None:
    """Serve until interrupted (Ctrl-C)."""
    server = make_server(host, port, config)
    print(f"Serving on http://{host}:{server.server_port}/ (SPARQL at /sparql); Ctrl-C stops.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
