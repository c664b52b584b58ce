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
    """The built store and output folder to serve, and the limits of the query workers:
    seconds per query, rows per answer, worker processes and cached answers."""

    store: Path
    out: Path
    timeout: float = 10.0
    max_rows: int = 10000
    workers: int = 2
    cache_size: int = 512


@dataclass(frozen=True)
class Reply:
    """One HTTP answer: status, ``Content-Type`` and body."""

    status: int
    content_type: str
    body: bytes

    @classmethod
    def text(cls, status: int, text: str) -> Reply:
        """A plain-text answer (UTF-8)."""
        return cls(status, TEXT, text.encode("utf-8"))
