"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint, a query page and resource pages.

- ``/sparql`` — GET and POST (form-encoded or ``application/sparql-query``); results as SPARQL
  JSON, XML, CSV or TSV and graphs as Turtle, N-Triples, JSON-LD or RDF/XML, chosen by
  ``Accept`` (or ``?format=``); a service description when no query is given; CORS.
- SPARQL Update is refused with 403. Queries run in worker processes: one that exceeds the
  time limit is killed (503) and replaced, a result over the row cap gets 413; the server
  keeps serving. The store is immutable while served, so answers are cached (LRU).
- ``/`` — the query page (YASGUI shipped with the package, works offline) with the named
  queries as examples; ``/id/...`` and ``/ontology`` — dereferenceable resources.

Light: the standard library, pyoxigraph and kg's light modules only.
"""

from __future__ import annotations

import contextlib
import html
import json
import multiprocessing
import multiprocessing.connection
import queue
import re
import socket
import threading
import urllib.parse
from collections import OrderedDict
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from kg.paths import resource_dir

__all__ = [
    "QueryPool",
    "Reply",
    "ServerConfig",
    "make_server",
    "negotiate",
    "serialize_rdf",
    "serve_forever",
    "turtle_as",
]

STATIC_DIR = resource_dir("kg.serve", "static")

RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "ttl",
    "application/n-triples": "nt",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
}
GRAPH_CONTENT = {v: k for k, v in GRAPH_TYPES.items()}
FORMAT_ALIASES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv"}
_UPDATE_RE = re.compile(
    r"^\s*((PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ServerConfig:
    store: Path
    out: Path
    timeout: float = 10.0
    max_rows: int = 10000
    workers: int = 2
    cache_size: int = 512


@dataclass(frozen=True)
class Reply:
    status: int
    content_type: str
    body: bytes


def negotiate(accept: str, offers: dict[str, str], default: str) -> str | None:
    """Pick the offered format with the highest q in an Accept header (None: nothing fits)."""
    if not accept.strip():
        return default
    best: tuple[float, int, str] | None = None
    for order, part in enumerate(accept.split(",")):
        media, *args = (x.strip() for x in part.split(";"))
        q = 1.0
        for arg in args:
            if arg.startswith("q="):
                try:
                    q = float(arg[2:])
                except ValueError:
                    q = 0.0
        if q <= 0:
            continue
        if media in ("*/*", "application/*", "text/*"):
            choice = default
        elif media in offers:
            choice = offers[media]
        else:
            continue
        key = (q, -order, choice)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best else None


# --------------------------------------------------------------------------- workers


def serialize_rdf(triples: Any, fmt: str) -> bytes:
    """Triples as ``ttl``, ``nt``, ``jsonld`` or ``rdfxml`` bytes (pyoxigraph)."""
    import pyoxigraph as ox

    formats = {
        "ttl": ox.RdfFormat.TURTLE,
        "nt": ox.RdfFormat.N_TRIPLES,
        "jsonld": ox.RdfFormat.JSON_LD,
        "rdfxml": ox.RdfFormat.RDF_XML,
    }
    data: bytes | None = ox.serialize(triples, format=formats[fmt])
    return data or b""


def turtle_as(data: bytes, fmt: str) -> bytes:
    """Turtle bytes converted to another RDF format (unchanged for ``ttl``)."""
    import pyoxigraph as ox

    if fmt == "ttl":
        return data
    return serialize_rdf(ox.parse(data, format=ox.RdfFormat.TURTLE), fmt)


class _TooLargeError(Exception):
    pass


def _execute(store: Any, query: str, rfmt: str, gfmt: str, cap: int) -> tuple[str, bytes]:
    import pyoxigraph as ox

    from kg.query.results import CONTENT_TYPES, serialize_boolean, serialize_rows

    result = store.query(query)
    if isinstance(result, ox.QueryBoolean):
        return CONTENT_TYPES[rfmt], serialize_boolean(bool(result), rfmt)
    if isinstance(result, ox.QueryTriples):
        triples = []
        for triple in result:
            triples.append(triple)
            if len(triples) > cap:
                raise _TooLargeError(f"the result has more than {cap} triples")
        return GRAPH_CONTENT[gfmt], serialize_rdf(triples, gfmt)
    variables = [v.value for v in result.variables]
    rows = []
    for solution in result:
        rows.append([solution[v] for v in variables])
        if len(rows) > cap:
            raise _TooLargeError(f"the result has more than {cap} rows")
    return CONTENT_TYPES[rfmt], serialize_rows(variables, rows, rfmt)


def _worker_main(conn: multiprocessing.connection.Connection, store_path: str, cap: int) -> None:
    import pyoxigraph as ox

    store = ox.Store.read_only(store_path)
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        query, rfmt, gfmt = message
        try:
            ctype, body = _execute(store, query, rfmt, gfmt, cap)
            conn.send((200, ctype, body))
        except SyntaxError as exc:
            conn.send((400, "text/plain; charset=utf-8", f"SPARQL syntax error: {exc}".encode()))
        except _TooLargeError as exc:
            text = f"{exc}; the server's cap is {cap}: add a LIMIT or narrow the query"
            conn.send((413, "text/plain; charset=utf-8", text.encode()))
        except Exception as exc:  # report evaluation errors to the client
            conn.send((500, "text/plain; charset=utf-8", f"query failed: {exc}".encode()))


class _Worker:
    def __init__(self, ctx: Any, config: ServerConfig) -> None:
        parent, child = ctx.Pipe()
        self.conn: multiprocessing.connection.Connection = parent
        self.process = ctx.Process(
            target=_worker_main, args=(child, str(config.store), config.max_rows), daemon=True
        )
        self.process.start()
        child.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class QueryPool:
    """Worker processes that evaluate queries; a query over the time limit is killed."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        for _ in range(max(1, config.workers)):
            self._add()
        self._cache: OrderedDict[tuple[str, str, str], Reply] = OrderedDict()
        self._lock = threading.Lock()

    def _add(self) -> None:
        worker = _Worker(self._ctx, self.config)
        self._all.append(worker)
        self._idle.put(worker)

    def execute(self, query: str, rfmt: str, gfmt: str) -> Reply:
        key = (query, rfmt, gfmt)
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached
        worker = self._idle.get()
        try:
            worker.conn.send((query, rfmt, gfmt))
            ready = worker.conn.poll(self.config.timeout)
            if not ready:
                raise TimeoutError
            status, ctype, body = worker.conn.recv()
        except (TimeoutError, EOFError, OSError):
            worker.kill()
            self._all.remove(worker)
            self._add()
            text = (
                f"the query ran longer than the server's limit of {self.config.timeout:g} s "
                "and was stopped: narrow it or add a LIMIT"
            )
            return Reply(503, "text/plain; charset=utf-8", text.encode())
        self._idle.put(worker)
        reply = Reply(status, ctype, body)
        if status == 200 and self.config.cache_size > 0:
            with self._lock:
                self._cache[key] = reply
                if len(self._cache) > self.config.cache_size:
                    self._cache.popitem(last=False)
        return reply

    def close(self) -> None:
        for worker in self._all:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
            worker.kill()


# --------------------------------------------------------------------------- pages


def _service_description(endpoint: str, triples: int) -> str:
    formats = "".join(
        f"    sd:resultFormat <http://www.w3.org/ns/formats/{f}> ;\n"
        for f in (
            "SPARQL_Results_JSON",
            "SPARQL_Results_XML",
            "SPARQL_Results_CSV",
            "SPARQL_Results_TSV",
            "Turtle",
            "N-Triples",
            "JSON-LD",
            "RDF_XML",
        )
    )
    return (
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n"
        "@prefix void: <http://rdfs.org/ns/void#> .\n"
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n\n"
        f"<{endpoint}> a sd:Service ;\n"
        f"    sd:endpoint <{endpoint}> ;\n"
        "    sd:supportedLanguage sd:SPARQL11Query ;\n"
        f"{formats}"
        '    dcterms:title "Russia–Japan municipal ties knowledge graph"@en ;\n'
        "    sd:defaultDataset [ a sd:Dataset ;\n"
        f"        sd:defaultGraph [ a sd:Graph ; void:triples {triples} ] ] .\n"
    )


def _query_page() -> bytes:
    from kg.query.named import list_queries

    examples = [
        {"name": q.name, "question": q.question, "query": q.text}
        for q in list_queries()
        if not q.params
    ]
    items = "\n".join(
        f'<li><button type="button" data-i="{i}" title="{html.escape(q["question"])}">'
        f"{html.escape(q['name'])}</button></li>"
        for i, q in enumerate(examples)
    )
    data = json.dumps(examples, ensure_ascii=False).replace("</", "<\\/")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Russia–Japan municipal ties — SPARQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/yasgui/yasgui.min.css">
<style>body{{font-family:sans-serif;margin:0;display:flex}}
nav{{width:16rem;padding:.5rem;border-right:1px solid #ccc;height:100vh;overflow:auto}}
nav button{{width:100%;text-align:left;margin:2px 0;cursor:pointer}}
main{{flex:1;min-width:0}}</style></head>
<body><nav><h1 style="font-size:1rem">Named queries</h1>
<ul id="examples" style="padding:0;list-style:none">
{items}
</ul><p><a href="/sparql">Service description</a> · <a href="/ontology">Ontology</a></p></nav>
<main><div id="yasgui"></div></main>
<script src="/static/yasgui/yasgui.min.js"></script>
<script>
const EXAMPLES = {data};
const yasgui = new Yasgui(document.getElementById("yasgui"), {{
  requestConfig: {{ endpoint: new URL("/sparql", window.location.href).href, method: "POST" }},
  copyEndpointOnNewTab: false, persistenceId: null
}});
if (EXAMPLES.length) yasgui.getTab().setQuery(EXAMPLES[0].query);
document.getElementById("examples").addEventListener("click", (event) => {{
  const i = event.target.getAttribute("data-i");
  if (i !== null) yasgui.getTab().setQuery(EXAMPLES[Number(i)].query);
}});
</script></body></html>
"""
    return page.encode("utf-8")


# --------------------------------------------------------------------------- HTTP


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    wbufsize = 1 << 16  # one write per response; flushed by handle_one_request
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        return

    def _send(self, reply: Reply, *, vary: bool = False, head: bool = False) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        if vary:
            self.send_header("Vary", "Accept")
        self.end_headers()
        if not head:
            self.wfile.write(reply.body)

    def _text(self, status: int, text: str) -> None:
        self._send(Reply(status, "text/plain; charset=utf-8", (text + "\n").encode("utf-8")))

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
            self._send(Reply(200, "text/html; charset=utf-8", self.server.page), head=head)
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
        forced = params.get("format", [""])[0]
        rfmt = FORMAT_ALIASES.get(forced) or negotiate(accept, RESULT_TYPES, "json")
        gfmt = {
            "ttl": "ttl",
            "turtle": "ttl",
            "nt": "nt",
            "jsonld": "jsonld",
            "rdfxml": "rdfxml",
        }.get(forced) or negotiate(accept, GRAPH_TYPES, "ttl")
        if rfmt is None and gfmt is None:
            self._text(406, f"cannot produce any of: {accept}")
            return
        reply = self.server.pool.execute(query, rfmt or "json", gfmt or "ttl")
        self._send(reply, vary=True)

    def _describe_service(self, head: bool) -> None:
        host = self.headers.get("Host") or f"127.0.0.1:{self.server.server_port}"
        ttl = _service_description(f"http://{host}/sparql", self.server.triples)
        fmt = negotiate(self.headers.get("Accept", ""), GRAPH_TYPES, "ttl") or "ttl"
        body = turtle_as(ttl.encode("utf-8"), fmt)
        self._send(Reply(200, GRAPH_CONTENT[fmt], body), vary=True, head=head)

    def _static(self, rel: str, head: bool) -> None:
        target = (STATIC_DIR / rel).resolve()
        if not target.is_file() or STATIC_DIR.resolve() not in target.parents:
            self._text(404, f"not found: /static/{rel}")
            return
        types = {".js": "text/javascript", ".css": "text/css", ".map": "application/json"}
        ctype = types.get(target.suffix, "application/octet-stream") + "; charset=utf-8"
        self._send(Reply(200, ctype, target.read_bytes()), head=head)

    def _download(self, name: str, head: bool) -> None:
        """The export files of the build (the distributions listed in void.ttl)."""
        types = {
            "rujp.ttl": "text/turtle; charset=utf-8",
            "rujp.nt": "application/n-triples; charset=utf-8",
            "rujp.nq": "application/n-quads; charset=utf-8",
            "rujp.trig": "application/trig; charset=utf-8",
            "rujp.jsonld": "application/ld+json",
            "rujp.rdf": "application/rdf+xml",
            "void.ttl": "text/turtle; charset=utf-8",
            "ontology.ttl": "text/turtle; charset=utf-8",
        }
        target = self.server.out / name
        if name not in types or not target.is_file():
            self._text(404, f"not found: /download/{name}")
            return
        self._send(Reply(200, types[name], target.read_bytes()), head=head)

    def _resource(self, path: str, params: dict[str, list[str]], head: bool) -> None:
        reply = resource_reply(self.server, path, params, self.headers.get("Accept", ""))
        self._send(reply, vary=True, head=head)


SUFFIXES = {".ttl": "ttl", ".nt": "nt", ".jsonld": "jsonld", ".rdf": "rdfxml", ".html": "html"}
RESOURCE_TYPES = {"text/html": "html", "application/xhtml+xml": "html", **GRAPH_TYPES}


def resource_reply(server: _Server, path: str, params: dict[str, list[str]], accept: str) -> Reply:
    """Answer GET on an instance or term IRI path by Accept or suffix; 404 when unknown."""
    fmt: str | None = None
    for suffix, name in SUFFIXES.items():
        if path.endswith(suffix):
            path, fmt = path[: -len(suffix)], name
            break
    if fmt is None:
        fmt = negotiate(accept, RESOURCE_TYPES, "html")
    if fmt is None:
        return Reply(
            406,
            "text/plain; charset=utf-8",
            b"acceptable formats: HTML, Turtle, N-Triples, JSON-LD, RDF/XML\n",
        )
    lang = params.get("lang", ["en"])[0]
    if lang not in ("en", "ru", "ja"):
        lang = "en"
    from kg.serve import pages

    if path == "/void":
        data = server.out / "void.ttl"
        if data.is_file():
            return Reply(200, "text/turtle; charset=utf-8", data.read_bytes())
        return Reply(404, "text/plain; charset=utf-8", b"no dataset description: run kg build\n")
    if path == "/ontology":
        if fmt == "html":
            body = pages.ontology_html(server.out)
            if body is None:
                return Reply(
                    404, "text/plain; charset=utf-8", b"no ontology documentation: run kg build\n"
                )
            return Reply(200, "text/html; charset=utf-8", body)
        return _ontology_rdf(server.out, fmt)
    iri = "https://w3id.org/rujp" + path
    with server.store_lock:
        if fmt == "html":
            text = pages.resource_html(server.store, iri, lang)
            if text is None:
                return Reply(404, "text/plain; charset=utf-8", f"unknown resource {iri}\n".encode())
            return Reply(200, "text/html; charset=utf-8", text.encode("utf-8"))
        data_bytes = pages.resource_rdf(server.store, iri, fmt)
    if data_bytes is None:
        return Reply(404, "text/plain; charset=utf-8", f"unknown resource {iri}\n".encode())
    ctype = GRAPH_CONTENT[fmt] + ("; charset=utf-8" if fmt in ("ttl", "nt") else "")
    return Reply(200, ctype, data_bytes)


def _ontology_rdf(out: Path, fmt: str) -> Reply:
    """The whole ontology, in the requested RDF format."""
    source = out / "ontology.ttl"
    if not source.is_file():
        return Reply(404, "text/plain; charset=utf-8", b"no ontology: run kg build\n")
    data = turtle_as(source.read_bytes(), fmt)
    ctype = GRAPH_CONTENT[fmt] + ("; charset=utf-8" if fmt in ("ttl", "nt") else "")
    return Reply(200, ctype, data)


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
        self.page = _query_page()
        super().__init__(address, _Handler)

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


def make_server(host: str, port: int, config: ServerConfig) -> _Server:
    """A ready server (call ``serve_forever()``; ``server_port`` tells the bound port)."""
    return _Server((host, port), config)


def serve_forever(host: str, port: int, config: ServerConfig) -> None:
    server = make_server(host, port, config)
    print(f"Serving on http://{host}:{server.server_port}/ (SPARQL at /sparql); Ctrl-C stops.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
