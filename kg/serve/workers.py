"""The query workers of ``kg serve``: SPARQL evaluated in separate processes, behind a
bounded queue.

Each worker queries its own copy of the store in memory (or, for a store over
``memory_triples`` triples, the store on disk, read-only) and answers one query at a time
(:mod:`kg.serve.answers`: the answer written by pyoxigraph, the row cap). Processes, not
threads, although pyoxigraph releases the GIL while it evaluates: a thread cannot be stopped
in the middle of an evaluation, a process can, and a crash of the engine takes only its
worker down. A query waits for a free worker in a queue of at most ``queue`` places (full:
503 with ``Retry-After``); its time limit counts from its arrival, waiting included, and a
query over it is killed with its process (503) and the worker replaced. A query whose client
disconnects leaves the queue, or, already running, is killed the same way after a grace of
:data:`GRACE` seconds (a query about to end may end and keep its worker). An answer over the
row cap gets 413; a worker that dies (the engine crashed) is replaced and the client told so
(500). The store is immutable while served, so answers are cached, bounded in entries and
bytes (:mod:`kg.serve.cache`), and a query that arrives while the same one (same text
and formats) is being evaluated waits for that answer, within its own time limit, instead
of taking a worker or a queue place (a crowd asking one uncached query costs one
evaluation); an evaluation that gives nothing to share (its client left, it ran out of
time, it failed) leaves each of them to be evaluated on its own. The pool runs on the
server's event loop; a worker's answer is awaited on a thread of its own so the loop never
blocks.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import multiprocessing.connection
import time
from collections import deque
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from kg.serve.cache import ByteCache
from kg.serve.config import TEXT, Reply, ServerConfig

__all__ = ["GRACE", "QueryPool"]


#: Seconds a query whose client went away may still run before it is killed: a worker
#: costs a second or more to replace, a query that ends soon costs less to finish.
GRACE = 1.0


def _worker_main(
    conn: multiprocessing.connection.Connection, store_path: str, cap: int, memory: int
) -> None:
    from kg.serve.answers import TooLargeError, WorkerStore, answer

    store = WorkerStore(store_path, memory)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):  # the server is gone
            return
        if message is None:
            return
        query, rfmt, gfmt = message
        try:
            ctype, body = answer(store.current, query, rfmt, gfmt, cap)
            conn.send((200, ctype, body))
        except SyntaxError as exc:
            conn.send((400, TEXT, f"SPARQL syntax error: {exc}".encode()))
        except TooLargeError as exc:
            text = f"{exc}; the server's cap is {cap}: add a LIMIT or narrow the query"
            conn.send((413, TEXT, text.encode()))
        except Exception as exc:  # report evaluation errors to the client
            conn.send((500, TEXT, f"query failed: {exc}".encode()))


class _Worker:
    def __init__(self, ctx: Any, config: ServerConfig) -> None:
        parent, child = ctx.Pipe()
        self.conn: multiprocessing.connection.Connection = parent
        self.process = ctx.Process(
            target=_worker_main,
            args=(child, str(config.store), config.max_rows, config.memory_triples),
            daemon=True,
        )
        self.process.start()
        child.close()

    def ask(self, message: tuple[str, str, str], seconds: float) -> tuple[int, str, bytes] | None:
        """Send a query and wait up to ``seconds``: the answer, or ``None`` (too slow)."""
        self.conn.send(message)
        if not self.conn.poll(max(seconds, 0.0)):
            return None
        status, ctype, body = self.conn.recv()
        return status, ctype, body

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


def _consume(future: asyncio.Future[Any]) -> None:
    """Retrieve a finished answer's exception: the answer of a killed query is nobody's."""
    if not future.cancelled():
        future.exception()


#: Statuses an answer shared with the same queries waiting for it may have: the answer, a
#: syntax error and a result over the cap are the same for every one of them.
_SHARED = (200, 400, 413)


class _NothingSharedError(Exception):
    """The same query evaluated meanwhile gave no answer to share: evaluate it again."""


class QueueFullError(Exception):
    """Every worker is busy and the queue is full."""


class QueryPool:
    """Worker processes behind a bounded queue; see the module's description."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self._ctx = multiprocessing.get_context("spawn")
        self._threads = ThreadPoolExecutor(max(2, config.workers) * 2, "kg-query")
        self._idle: deque[_Worker] = deque()
        self._waiting: deque[asyncio.Future[_Worker]] = deque()
        self._all: set[_Worker] = set()
        self._closed = False
        self._running: dict[tuple[str, str, str], asyncio.Future[Reply | None]] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        for _ in range(max(1, config.workers)):
            worker = _Worker(self._ctx, config)
            self._all.add(worker)
            self._idle.append(worker)
        self.cache = ByteCache[tuple[str, str, str], Reply](config.cache_size, config.cache_bytes)

    @property
    def processes(self) -> list[int]:
        """The process ids of the live workers."""
        return [w.process.pid for w in self._all if w.process.pid is not None]

    def _release(self, worker: _Worker) -> None:
        while self._waiting:
            future = self._waiting.popleft()
            if not future.done():
                future.set_result(worker)
                return
        self._idle.append(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and start another (on a thread: spawning takes a moment)."""
        self._all.discard(worker)
        loop = asyncio.get_running_loop()

        def respawn() -> None:
            worker.kill()
            while not self._closed:
                try:
                    fresh = _Worker(self._ctx, self.config)
                    break
                except OSError:  # out of processes or files for now: try again
                    time.sleep(1)
            else:
                return
            self._all.add(fresh)
            if self._closed:  # the pool closed while this one started
                self._all.discard(fresh)
                fresh.kill()
                return
            loop.call_soon_threadsafe(self._release, fresh)

        loop.run_in_executor(self._threads, respawn)

    async def _acquire(self, deadline: float) -> _Worker:
        if self._idle:
            return self._idle.popleft()
        if len(self._waiting) >= self.config.queue:
            raise QueueFullError
        loop = asyncio.get_running_loop()
        future: asyncio.Future[_Worker] = loop.create_future()
        self._waiting.append(future)
        try:
            return await asyncio.wait_for(future, max(0.0, deadline - loop.time()))
        except (TimeoutError, asyncio.CancelledError):
            with contextlib.suppress(ValueError):
                self._waiting.remove(future)
            if future.done() and not future.cancelled():
                self._release(future.result())
            raise

    def _too_slow(self) -> Reply:
        text = (
            f"the query took longer than the server's limit of {self.config.timeout:g} s "
            "(waiting included) and was stopped: narrow it or add a LIMIT"
        )
        return Reply.text(503, text)

    async def execute(
        self,
        query: str,
        rfmt: str,
        gfmt: str,
        *,
        arrival: float,
        gone: Callable[[], Awaitable[None]] | None = None,
    ) -> Reply | None:
        """The answer to ``query`` (SELECT/ASK in ``rfmt``, CONSTRUCT/DESCRIBE in ``gfmt``),
        within the time limit counted from ``arrival`` (the loop's clock); ``None`` when the
        client went away first (``gone`` returns when it does)."""
        key = (query, rfmt, gfmt)
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        watcher = asyncio.ensure_future(gone()) if gone is not None else None
        try:
            running = self._running.get(key)
            if running is not None:
                try:
                    return await self._follow(running, arrival, watcher)
                except _NothingSharedError:
                    cached = self.cache.get(key)
                    if cached is not None:
                        return cached
            return await self._lead(key, arrival, watcher)
        finally:
            if watcher is not None:
                watcher.cancel()

    async def _lead(
        self, key: tuple[str, str, str], arrival: float, watcher: asyncio.Future[None] | None
    ) -> Reply | None:
        """Evaluate ``key``; the same queries arriving meanwhile wait for this answer."""
        future: asyncio.Future[Reply | None] = asyncio.get_running_loop().create_future()
        self._running.setdefault(key, future)
        reply: Reply | None = None
        try:
            reply = await self._run(key, arrival, watcher)
            return reply
        finally:
            if self._running.get(key) is future:
                del self._running[key]
            future.set_result(reply)

    async def _follow(
        self, running: asyncio.Future[Reply | None], arrival: float, watcher: Any
    ) -> Reply | None:
        """The answer of the same query already running, within this request's own time
        limit; ``None`` when this client went away; :class:`_NothingSharedError` when that
        evaluation gave no answer to share (its client went away, it ran out of time, or it
        failed)."""
        loop = asyncio.get_running_loop()
        waits = {running} if watcher is None else {running, watcher}
        left = max(0.0, arrival + self.config.timeout - loop.time())
        done, _ = await asyncio.wait(waits, timeout=left, return_when=asyncio.FIRST_COMPLETED)
        if running in done:
            reply = running.result()
            if reply is None or reply.status not in _SHARED:
                raise _NothingSharedError
            return reply
        if watcher is not None and watcher in done:
            return None
        return self._too_slow()

    async def _run(
        self, key: tuple[str, str, str], arrival: float, watcher: asyncio.Future[None] | None
    ) -> Reply | None:
        loop = asyncio.get_running_loop()
        deadline = arrival + self.config.timeout
        acquiring = asyncio.ensure_future(self._acquire(deadline))
        waits: set[asyncio.Future[Any]] = {acquiring} if watcher is None else {acquiring, watcher}
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        if not acquiring.done():  # the client went away while its query waited
            acquiring.cancel()
            # a worker handed over just as the wait was cancelled goes back
            with contextlib.suppress(asyncio.CancelledError, TimeoutError, QueueFullError):
                self._release(await acquiring)
            return None
        try:
            worker = acquiring.result()
        except QueueFullError:
            retry = max(1, round(self.config.timeout))
            text = "the server is busy: every query worker is taken and the queue is full"
            return Reply.text(503, text, ("Retry-After", str(retry)))
        except TimeoutError:
            return self._too_slow()
        task = loop.run_in_executor(self._threads, worker.ask, key, deadline - loop.time())
        task.add_done_callback(_consume)
        waits = {task} if watcher is None else {task, watcher}
        try:
            await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
            gone = not task.done()
            if gone:  # the client went away: its query may end within the grace, else stop it
                await asyncio.wait({task}, timeout=min(GRACE, max(0.0, deadline - loop.time())))
        except BaseException:  # cancelled (the server stops): the worker goes with the query
            self._replace(worker)
            raise
        if not task.done():
            self._replace(worker)
            return None
        try:
            answer = task.result()
        except (EOFError, OSError):
            self._replace(worker)
            return Reply.text(500, "the query engine stopped while evaluating this query")
        if answer is None:
            self._replace(worker)
            return self._too_slow()
        self._release(worker)
        status, ctype, body = answer
        reply = Reply(status, ctype, body)
        if status == 200:
            self.cache.put(key, reply, len(body) + len(key[0]))
        return None if gone else reply

    def close(self) -> None:
        """Stop every worker and wait for them."""
        self._closed = True
        for _ in range(2):  # again after the threads end: one may have started a worker
            for worker in list(self._all):
                self._all.discard(worker)
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
                worker.kill()
            self._threads.shutdown(wait=True, cancel_futures=True)
