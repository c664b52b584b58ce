"""The query workers of ``kg serve``: SPARQL evaluated in separate processes.

Each worker opens the store read-only and answers one query at a time. A query that runs
longer than the time limit is killed with its process (503) and the worker replaced; an
answer over the row cap gets 413; the server keeps serving. The store is immutable while
served, so answers are cached (LRU). Answers are written in the formats of :mod:`kg.formats`.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import queue
import threading
from collections import OrderedDict
from typing import Any

from kg import formats
from kg.serve.config import TEXT, Reply, ServerConfig

__all__ = ["QueryPool"]


class _TooLargeError(Exception):
    pass


def _execute(store: Any, query: str, rfmt: str, gfmt: str, cap: int) -> tuple[str, bytes]:
    """``(content type, body)`` of a query's answer in the results or graph format."""
    import pyoxigraph as ox

    from kg.export.serialise import serialize
    from kg.query.results import serialize_boolean, serialize_rows

    result = store.query(query)
    if isinstance(result, ox.QueryBoolean):
        return formats.get(rfmt).content_type, serialize_boolean(bool(result), rfmt)
    if isinstance(result, ox.QueryTriples):
        triples = []
        for triple in result:
            triples.append(triple)
            if len(triples) > cap:
                raise _TooLargeError(f"the result has more than {cap} triples")
        return formats.get(gfmt).media_type, serialize(triples, gfmt)
    variables = [v.value for v in result.variables]
    rows = []
    for solution in result:
        rows.append([solution[v] for v in variables])
        if len(rows) > cap:
            raise _TooLargeError(f"the result has more than {cap} rows")
    return formats.get(rfmt).content_type, serialize_rows(variables, rows, rfmt)


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
            conn.send((400, TEXT, f"SPARQL syntax error: {exc}".encode()))
        except _TooLargeError as exc:
            text = f"{exc}; the server's cap is {cap}: add a LIMIT or narrow the query"
            conn.send((413, TEXT, text.encode()))
        except Exception as exc:  # report evaluation errors to the client
            conn.send((500, TEXT, f"query failed: {exc}".encode()))


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
        """The answer to ``query``: SELECT/ASK in ``rfmt``, CONSTRUCT/DESCRIBE in ``gfmt``."""
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
            return Reply.text(503, text)
        self._idle.put(worker)
        reply = Reply(status, ctype, body)
        if status == 200 and self.config.cache_size > 0:
            with self._lock:
                self._cache[key] = reply
                if len(self._cache) > self.config.cache_size:
                    self._cache.popitem(last=False)
        return reply

    def close(self) -> None:
        """Stop every worker."""
        for worker in self._all:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
            worker.kill()
