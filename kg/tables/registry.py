"""The source registry's URL rules: normalisation and one row per distinct page.

Owns what makes two cited addresses the same page (scheme http/https, host case and a
trailing dot, a trailing slash, ``utm_*`` and other tracking parameters, the ``#fragment``)
and the check that ``sources.csv`` lists each page once. Raw-IP hosts and unmarked mirror
hosts are rejected by the shapes (``ontology/shapes.ttl``), so ``kg validate`` reports them
beside the other source rules. Light: standard library only.

>>> normalise_url("HTTP://Example.org./a/?utm_source=x&id=3#top")
'https://example.org/a?id=3'
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from kg.errors import Problem
from kg.tables.schema import Tables

__all__ = ["TRACKING_PARAMETERS", "duplicate_urls", "normalise_url"]

#: Query parameters that only track the reader and never change the page.
TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "yclid", "mc_cid", "mc_eid", "from_inject", "ref", "ref_src"}
)


def normalise_url(url: str) -> str:
    """The address that identifies a page: https, lower-case host without a trailing dot,
    no default port, no trailing slash, no tracking parameters, no fragment."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").rstrip(".")
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    path = parts.path.rstrip("/")
    query = urlencode(
        sorted(
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not k.lower().startswith("utm_") and k.lower() not in TRACKING_PARAMETERS
        )
    )
    return urlunsplit(("https", netloc, path, query, ""))


def duplicate_urls(tables: Tables) -> list[Problem]:
    """One problem per row of ``sources.csv`` whose page an earlier row already lists."""
    seen: dict[str, tuple[str, int]] = {}
    problems = []
    for row in tables.rows.get("sources", []):
        key = normalise_url(row.get("url"))
        if key in seen:
            first, line = seen[key]
            problems.append(
                Problem(
                    row.file,
                    row.line,
                    "url",
                    f"the same page as source {first!r} (line {line}): {key}",
                    "merge the two rows into one and cite that id everywhere",
                )
            )
        else:
            seen[key] = (row.get("id"), row.line)
    return problems
