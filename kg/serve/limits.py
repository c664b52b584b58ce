"""Who may be named in a request to ``kg serve``: the federation allow-list, the ``Host``
header and the server's public address.

- :func:`service_refusal` -- why a query's ``SERVICE`` clauses may not run (``None``: they
  may). Federation is off unless ``kg serve --allow-service HOST...`` lists hosts; a
  listed name whose address is loopback, private, link-local or reserved is refused unless
  that address is listed too; a variable or unresolvable endpoint is always refused.
- :func:`valid_host` -- a ``Host`` header that is a host name or IP address and an optional
  port, nothing else (no ``>``, spaces, paths, user info).
- :func:`public_base` -- the address the service description and VoID name: ``--base-url``
  if given, else ``http://`` + the validated ``Host``.

Light: the standard library and :mod:`kg.query.guard`.

>>> valid_host("example.org:8000"), valid_host("evil> <x")
(True, False)
>>> service_refusal("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", ())
'federated queries (SERVICE) are off on this server: the query calls 127.0.0.1'
"""

from __future__ import annotations

import ipaddress
import re
import socket
import urllib.parse

from kg.query.guard import service_targets

__all__ = ["check_base_url", "public_base", "service_refusal", "valid_host"]

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST = re.compile(rf"(?:{_LABEL}(?:\.{_LABEL})*\.?|\[[0-9A-Fa-f:.]+\])(?::[0-9]{{1,5}})?")


def valid_host(host: str) -> bool:
    """Whether ``host`` is ``name[:port]``, ``IPv4[:port]`` or ``[IPv6][:port]``."""
    if len(host) > 255 or not _HOST.fullmatch(host):
        return False
    if host.startswith("["):
        try:
            ipaddress.IPv6Address(host[1:].split("]", maxsplit=1)[0])
        except ValueError:
            return False
    return True


def check_base_url(url: str) -> str:
    """``url`` without a trailing slash if it is an absolute ``http(s)`` address with a valid
    host and no query or fragment; ``ValueError`` otherwise."""
    parts = urllib.parse.urlsplit(url)
    if (
        parts.scheme not in ("http", "https")
        or not valid_host(parts.netloc)
        or parts.query
        or parts.fragment
        or any(c in parts.path for c in '<>"{}|\\^` ')
    ):
        raise ValueError(f"not an http(s) base address: {url!r}")
    return url.rstrip("/")


def public_base(base_url: str | None, host: str | None, port: int) -> str | None:
    """The server's public address; ``None`` when it must come from ``Host`` and that header
    is not a valid host."""
    if base_url:
        return base_url
    if host is None:
        return f"http://127.0.0.1:{port}"
    return f"http://{host}" if valid_host(host) else None


def _entry(entry: str) -> tuple[str, int | None]:
    if _ip(entry) is not None:  # a bare address, IPv6 included
        return entry.lower(), None
    parts = urllib.parse.urlsplit("//" + entry)
    try:
        return (parts.hostname or entry).lower(), parts.port
    except ValueError:
        return entry.lower(), None


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _addresses(host: str) -> set[str]:
    try:
        return {str(info[4][0]) for info in socket.getaddrinfo(host, None)}
    except (OSError, UnicodeError):
        return set()


def _target_refusal(target: str, allowed: tuple[str, ...]) -> str | None:
    parts = urllib.parse.urlsplit(target)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        return f"SERVICE <{target}> is not an http(s) address"
    entries = [_entry(a) for a in allowed]
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if not any(h == host and p in (None, port) for h, p in entries):
        listed = ", ".join(allowed)
        return f"SERVICE to {host} is not allowed on this server; it allows: {listed}"
    if _ip(host) is not None:
        return None  # an address listed as such
    listed_ips = {h for h, _ in entries if _ip(h) is not None}
    addresses = _addresses(host)
    if not addresses:
        return f"SERVICE host {host} does not resolve"
    for address in addresses:
        ip = _ip(address)
        if ip is not None and not ip.is_global and address not in listed_ips:
            return (
                f"SERVICE host {host} resolves to the non-public address {address}; "
                "list that address with --allow-service to allow it"
            )
    return None


def service_refusal(query: str, allowed: tuple[str, ...]) -> str | None:
    """Why ``query`` may not run its ``SERVICE`` clauses; ``None`` when it has none or every
    one names an allowed host."""
    targets = service_targets(query)
    if not targets:
        return None
    if None in targets:
        return "a SERVICE clause must name its endpoint by a full IRI (not a variable)"
    if not allowed:
        hosts = sorted({urllib.parse.urlsplit(t or "").hostname or str(t) for t in targets})
        called = ", ".join(hosts)
        return f"federated queries (SERVICE) are off on this server: the query calls {called}"
    for target in targets:
        refusal = _target_refusal(target or "", allowed)
        if refusal:
            return refusal
    return None
