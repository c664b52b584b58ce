"""The HTTP/1.1 connection of ``kg serve``: uvicorn's httptools protocol with deadlines.

Every connection sends without delay (``TCP_NODELAY``: a response's headers and body are
two writes, and the second would otherwise wait for the client's delayed ACK, ~40 ms).
uvicorn closes a kept-alive connection that stays idle, but not one that never sends a
request or drips its headers a byte at a time. :class:`Protocol` gives every request's
headers a deadline (``idle_timeout``, from the connection's start or the previous answer)
and a size limit (:data:`MAX_HEADER_BYTES`): past either the connection is closed (408 or
431 when the request has begun). Its own 400 for a malformed request carries the security
headers too. Light: uvicorn and httptools.
"""

from __future__ import annotations

import asyncio
import socket
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from kg.serve.config import TEXT
from kg.serve.headers import BASE_POLICY, COMMON_HEADERS

__all__ = ["MAX_HEADER_BYTES", "Protocol"]

#: The most bytes a request line and its headers may take.
MAX_HEADER_BYTES = 64 * 1024


class Protocol(HttpToolsProtocol):
    """uvicorn's HTTP/1.1 protocol with a deadline and a size limit on request headers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None
        self._head_bytes = 0
        self._in_head = True

    def _arm(self) -> None:
        self._disarm()
        self._in_head, self._head_bytes = True, 0
        self._deadline = self.loop.call_later(self.timeout_keep_alive, self._expire)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        if self._head_bytes:
            self._reply(408, "the request's headers took too long")
        else:
            self.transport.close()

    def _reply(self, status: int, text: str) -> None:
        reason = {
            400: b"Bad Request",
            408: b"Request Timeout",
            431: b"Request Header Fields Too Large",
        }
        body = (text + "\n").encode("utf-8")
        head = [b"HTTP/1.1 %d %s\r\n" % (status, reason[status])]
        for name, value in [*self.server_state.default_headers, *COMMON_HEADERS]:
            head.append(name + b": " + value + b"\r\n")
        head += [
            b"content-type: " + TEXT.encode() + b"\r\n",
            b"content-security-policy: " + BASE_POLICY.encode() + b"\r\n",
            b"content-length: %d\r\n" % len(body),
            b"connection: close\r\n\r\n",
            body,
        ]
        self.transport.write(b"".join(head))
        self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            # asyncio sets it only on sockets made with IPPROTO_TCP, not on those accepted
            # from a listening socket made by socket.create_server
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._in_head and not self.transport.is_closing():
            self._head_bytes += len(data)
            if self._head_bytes > MAX_HEADER_BYTES:
                self._disarm()
                self._reply(431, f"the request's headers are over {MAX_HEADER_BYTES} bytes")

    def send_400_response(self, msg: str) -> None:
        self._disarm()
        self._reply(400, msg)

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._disarm()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self.timeout_keep_alive_task is not None:
            self._arm()
