"""What ``kg serve`` is given and what it answers: :class:`ServerConfig` and :class:`Reply`.

Light: the standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["TEXT", "Reply", "ServerConfig"]

#: The content type of the server's plain-text messages (errors, refusals).
TEXT = "text/plain; charset=utf-8"


@dataclass(frozen=True)
class ServerConfig:
    """The built store and output folder to serve, and every limit of the server.

    - ``timeout``: seconds a query may take, counted from its arrival (waiting included);
    - ``max_rows``: rows or triples of a query's answer (413 above), and triples of a
      resource's page (the rest is linked, paged);
    - ``workers``: query worker processes; ``queue``: queries that may wait for one (503
      with ``Retry-After`` when full); ``memory_triples``: the most triples a store may
      have for each worker to query a copy of it in memory (0: always the store on disk);
    - ``cache_size``: cached answers and reusable responses (pages: eight times as many; 0
      disables the caches); ``cache_bytes``: the most each of the three caches may hold;
    - ``max_body``: bytes of a request body and characters of a query (413 above);
    - ``allow_service``: hosts a ``SERVICE`` clause may call (none by default);
    - ``base_url``: the public address of the server (else a validated ``Host``);
    - ``idle_timeout``: seconds a connection may sit idle, or take to send its request's
      headers or body, before it is closed.
    """

    store: Path
    out: Path
    timeout: float = 10.0
    max_rows: int = 10000
    workers: int = 2
    memory_triples: int = 1_000_000
    cache_size: int = 512
    cache_bytes: int = 64 * 1024 * 1024
    queue: int = 256
    max_body: int = 1_000_000
    allow_service: tuple[str, ...] = ()
    base_url: str | None = None
    idle_timeout: float = 5.0


@dataclass(frozen=True)
class Reply:
    """One HTTP answer: status, ``Content-Type``, body and extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def text(cls, status: int, text: str, *headers: tuple[str, str]) -> Reply:
        """A plain-text answer (UTF-8)."""
        return cls(status, TEXT, text.encode("utf-8"), headers)
