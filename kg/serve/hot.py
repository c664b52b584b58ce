"""The response cache in front of the routes of ``kg serve``: an answer already sent for the
same GET is sent again without routing, parsing or negotiating.

A route marks a response as reusable by setting ``scope["kg.reusable"]`` (the answers of the
query cache and the resource pages: the store is immutable while served, and they depend
only on the path, the query string and ``Accept``). :class:`Hot` keeps such a response, by
those three, in a :class:`~kg.serve.cache.ByteCache`, and answers a later GET with the same
three from it. A conditional request (``If-None-Match``, ``If-Modified-Since``) goes to the
routes, which answer 304. It sits inside :class:`kg.serve.headers.Guard`, so the checks
and headers of every request still apply. Light: the standard library.
"""

from __future__ import annotations

from kg.serve.cache import ByteCache
from kg.serve.headers import App, Message, Receive, Scope, Send

__all__ = ["REUSABLE", "Hot"]

#: The scope key a route sets to mark its response as reusable.
REUSABLE = "kg.reusable"
_CONDITIONAL = (b"if-none-match", b"if-modified-since")
Key = tuple[str, bytes, bytes, bytes]
Stored = tuple[int, list[tuple[bytes, bytes]], bytes]


class Hot:
    """ASGI middleware: reuse the reusable responses of earlier GETs."""

    def __init__(self, app: App, max_entries: int, max_bytes: int) -> None:
        self.app = app
        self.cache = ByteCache[Key, Stored](max_entries, max_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        accept = language = b""
        for name, value in scope["headers"]:
            if name == b"accept":
                accept = value
            elif name == b"accept-language":  # pages pick their language by it
                language = value
            elif name in _CONDITIONAL:
                await self.app(scope, receive, send)
                return
        key = (scope["path"], scope["query_string"], accept, language)
        stored = self.cache.get(key)
        if stored is not None:
            status, headers, body = stored
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        start: Message = {}

        async def keep(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif (
                scope.get(REUSABLE)
                and not message.get("more_body", False)
                and start.get("status") == 200
            ):
                headers = list(start.get("headers", ()))
                body = bytes(message.get("body", b""))
                self.cache.put(key, (200, headers, body), len(body) + 512)
            await send(message)

        await self.app(scope, receive, keep)
