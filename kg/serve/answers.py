"""The answer to one query, as a query worker of ``kg serve`` computes it: the store a worker
queries, the evaluation, the row cap and the bytes in the asked format.

:class:`WorkerStore` gives a worker its own copy of the store in memory when the store has
at most ``memory_triples`` triples (RocksDB costs ~15x more per query on the real data: every
join step opens an iterator on disk; the store is immutable while served, so the copy stays
right), else the store on disk, read-only; the copy is loaded on a thread while the worker
already answers from the disk.

:func:`answer` evaluates a query and serialises its answer. Solutions in SPARQL JSON, XML
and TSV are written by pyoxigraph itself, without a Python object per term (JSON
byte-identical to :func:`kg.query.results.serialize_rows`; XML also escapes ``"`` as
``&quot;``; TSV writes numbers in their short Turtle form); CSV by
:func:`~kg.query.results.serialize_rows`, because pyoxigraph does not quote an IRI that holds
a comma. The row cap stays exact: pyoxigraph writes into a sink bounded to
:data:`BYTES_PER_ROW` bytes a row; an answer that fits and whose bytes show at most ``cap``
rows (a bound read from them, :func:`_most_rows`) is sent; otherwise the query is evaluated
again and its rows counted, one by one, up to ``cap + 1`` (413 above). Graphs
(``CONSTRUCT``, ``DESCRIBE``) are read triple by triple up to the cap and written by
:func:`kg.export.serialise.serialize`; an ``ASK`` by
:func:`~kg.query.results.serialize_boolean`. Imports pyoxigraph.
"""

from __future__ import annotations

import threading
from typing import Any

import pyoxigraph as ox

from kg import formats
from kg.export.serialise import serialize
from kg.query.results import serialize_boolean, serialize_rows

__all__ = ["BYTES_PER_ROW", "TooLargeError", "WorkerStore", "answer"]

#: Bytes a row may take, on average, before the exact count decides (an answer this large
#: is evaluated twice: once to write it, once to count its rows).
BYTES_PER_ROW = 1024
_NATIVE = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "tsv": ox.QueryResultsFormat.TSV,
}


class TooLargeError(Exception):
    """The answer has more rows or triples than the cap."""


class _OverBudgetError(Exception):
    pass


class _Sink:
    """A file-like object that keeps what is written, up to ``budget`` bytes."""

    def __init__(self, budget: int) -> None:
        self.parts: list[bytes] = []
        self.size = 0
        self.budget = budget

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.budget:
            raise _OverBudgetError
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def _most_rows(body: bytes, fmt: str) -> int:
    """An upper bound of the rows in ``body``, whatever the terms hold: a JSON row is an
    object (the document, its head and its results are three more), an XML row a
    ``<result>`` element (``<`` is escaped in text), a TSV row a line after the header (a
    newline in a literal is escaped)."""
    if fmt == "json":
        return body.count(b"{") - 3
    if fmt == "xml":
        return body.count(b"<result") - body.count(b"<results")
    return body.count(b"\n") - 1


class WorkerStore:
    """The store a worker queries, :attr:`current`: the store on disk (read-only) from the
    start, so a fresh worker answers at once; when it has at most ``memory_triples``
    triples, a copy in memory loaded on a thread takes its place (:attr:`loaded` is set
    then, or at once when no copy is made)."""

    def __init__(self, path: str, memory_triples: int) -> None:
        self.current: Any = ox.Store.read_only(path)
        self.loaded = threading.Event()
        if len(self.current) <= memory_triples:
            threading.Thread(target=self._load, name="kg-store-copy", daemon=True).start()
        else:
            self.loaded.set()

    def _load(self) -> None:
        try:
            memory = ox.Store()
            memory.bulk_extend(self.current.quads_for_pattern(None, None, None, None))
            self.current = memory
        finally:  # no copy (out of memory): the worker stays on the store on disk
            self.loaded.set()


def _count_rows(store: Any, query: str, cap: int) -> int:
    """The rows of ``query``'s answer, counted up to ``cap + 1``."""
    rows = 0
    for _ in store.query(query):
        rows += 1
        if rows > cap:
            break
    return rows


def _too_many(cap: int) -> TooLargeError:
    return TooLargeError(f"the result has more than {cap} rows")


def _solutions(store: Any, query: str, result: Any, fmt: str, cap: int) -> bytes:
    if fmt not in _NATIVE:
        variables = [v.value for v in result.variables]
        rows = []
        for solution in result:
            rows.append([solution[v] for v in variables])
            if len(rows) > cap:
                raise _too_many(cap)
        return serialize_rows(variables, rows, fmt)
    sink = _Sink(max(cap, 1) * BYTES_PER_ROW)
    try:
        result.serialize(sink, format=_NATIVE[fmt])
    except _OverBudgetError:
        if _count_rows(store, query, cap) > cap:
            raise _too_many(cap) from None
        body = store.query(query).serialize(format=_NATIVE[fmt])
        return bytes(body)
    body = b"".join(sink.parts)
    if _most_rows(body, fmt) > cap and _count_rows(store, query, cap) > cap:
        raise _too_many(cap)
    return body


def answer(store: Any, query: str, rfmt: str, gfmt: str, cap: int) -> tuple[str, bytes]:
    """``(content type, body)`` of a query's answer: solutions and booleans in the results
    format ``rfmt``, graphs in the graph format ``gfmt``; :class:`TooLargeError` above
    ``cap`` rows or triples."""
    result = store.query(query)
    if isinstance(result, ox.QueryBoolean):
        return formats.get(rfmt).content_type, serialize_boolean(bool(result), rfmt)
    if isinstance(result, ox.QueryTriples):
        triples = []
        for triple in result:
            triples.append(triple)
            if len(triples) > cap:
                raise TooLargeError(f"the result has more than {cap} triples")
        return formats.get(gfmt).content_type, serialize(triples, gfmt)
    return formats.get(rfmt).content_type, _solutions(store, query, result, rfmt, cap)
