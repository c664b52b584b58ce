"""The headers of every ``kg serve`` response and the checks every request passes first.

:class:`Guard` is the outermost ASGI layer:

- every response carries ``X-Content-Type-Options: nosniff``, a Content-Security-Policy
  with ``frame-ancestors 'none'`` (and ``X-Frame-Options: DENY`` for old browsers),
  ``Referrer-Policy`` and open CORS (``Access-Control-Allow-Origin: *``, never with
  credentials: the endpoint is public and read-only, and federation is off, so a web page
  that drives it reads only what anyone may read); no ``Server`` banner (uvicorn's is off);
- ``OPTIONS`` is the CORS preflight (204), on any path;
- a request whose ``Host`` is not a host name or address with an optional port, or whose
  path holds a NUL or control character, is refused with 400 before any route sees it.

HTML pages get a policy that allows only this server's own scripts and styles plus the
inline scripts named by hash in :func:`page_policy`; everything else gets
``default-src 'none'``. Light: the standard library.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from kg.serve.config import TEXT
from kg.serve.limits import valid_host

__all__ = ["BASE_POLICY", "COMMON_HEADERS", "Guard", "page_policy"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

#: The policy of every response that is not an HTML page of this server.
BASE_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
#: The headers of every response, the server's own refusals included.
COMMON_HEADERS = _COMMON = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"access-control-allow-origin", b"*"),
]
_PREFLIGHT = [
    (b"access-control-allow-methods", b"GET, HEAD, POST, OPTIONS"),
    (b"access-control-allow-headers", b"Content-Type, Accept"),
    (b"access-control-max-age", b"86400"),
    (b"content-length", b"0"),
]


def page_policy(page: bytes) -> str:
    """The policy of an HTML page: own scripts, styles and fetches, images from data:
    addresses, and the page's inline scripts by their SHA-256."""
    scripts = ["'self'"] + [
        "'sha256-" + base64.b64encode(hashlib.sha256(m.group(1)).digest()).decode() + "'"
        for m in _SCRIPT.finditer(page)
    ]
    return (
        f"default-src 'none'; script-src {' '.join(scripts)}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    )


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return bytes(value)
    return None


class Guard:
    """ASGI middleware: the checks of every request and the headers of every response."""

    def __init__(self, app: App) -> None:
        self.app = app

    async def _refuse(self, send: Send, status: int, text: str) -> None:
        body = (text + "\n").encode("utf-8")
        headers = [
            (b"content-type", TEXT.encode()),
            (b"content-length", str(len(body)).encode()),
            (b"content-security-policy", BASE_POLICY.encode()),
            (b"connection", b"close"),
            *_COMMON,
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = _header(scope, b"host")
        if host is not None and not valid_host(host.decode("latin-1")):
            await self._refuse(send, 400, "bad Host header: send a host name or address")
            return
        if _CONTROL.search(scope["path"]):
            await self._refuse(send, 400, "bad path: control characters are not allowed")
            return
        if scope["method"] == "OPTIONS":
            headers = [*_COMMON, *_PREFLIGHT, (b"content-security-policy", BASE_POLICY.encode())]
            await send({"type": "http.response.start", "status": 204, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                if not any(k == b"content-security-policy" for k, _ in headers):
                    headers.append((b"content-security-policy", BASE_POLICY.encode()))
                message["headers"] = headers + _COMMON
            await send(message)

        await self.app(scope, receive, send_with_headers)
