"""Content negotiation of ``kg serve``: which format of :mod:`kg.formats` to answer in.

A request names its format by ``?format=`` (a name or alias of the registry), by the suffix
of a resource path (``/id/place/jp-niigata.ttl``) or by its ``Accept`` header, weighed by
``q``. SELECT and ASK answers come in a results format; CONSTRUCT and DESCRIBE answers, the
service description and resources in a graph format that holds triples (not N-Quads or TriG);
resources in HTML too. Light: the standard library only.

>>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_OFFERS, "json")
'xml'
>>> resource_format("/id/place/jp-niigata.rdf", "")
('/id/place/jp-niigata', 'rdfxml')
"""

from __future__ import annotations

from kg import formats

__all__ = [
    "GRAPH_OFFERS",
    "RESOURCE_OFFERS",
    "RESULT_OFFERS",
    "negotiate",
    "query_formats",
    "resource_format",
    "weighted",
]

#: ``{media type: format name}`` offered for SELECT and ASK answers.
RESULT_OFFERS = formats.media_types("results")
#: ``{media type: format name}`` offered for graphs (CONSTRUCT, the service description).
GRAPH_OFFERS = formats.media_types("graph", quads=False)
#: ``{media type: format name}`` offered for resources: HTML and the graph formats.
RESOURCE_OFFERS = formats.media_types("graph", "page", quads=False)
_RESOURCE_SUFFIXES = {f.suffix: f.name for f in formats.select("graph", "page", quads=False)}


def weighted(header: str) -> list[tuple[int, str, float]]:
    """The items of an ``Accept``-style header in order, each with its ``q`` (1 when not
    given, 0 when unreadable).

    >>> weighted("text/csv;q=0.5, application/json")
    [(0, 'text/csv', 0.5), (1, 'application/json', 1.0)]
    """
    items = []
    for order, part in enumerate(header.split(",")):
        value, *args = (x.strip() for x in part.split(";"))
        q = 1.0
        for arg in args:
            if arg.startswith("q="):
                try:
                    q = float(arg[2:])
                except ValueError:
                    q = 0.0
        items.append((order, value, q))
    return items


def negotiate(accept: str, offers: dict[str, str], default: str) -> str | None:
    """Pick the offered format with the highest q in an Accept header (None: nothing fits)."""
    if not accept.strip():
        return default
    best: tuple[float, int, str] | None = None
    for order, media, q in weighted(accept):
        if q <= 0:
            continue
        if media in ("*/*", "application/*", "text/*"):
            choice = default
        elif media in offers:
            choice = offers[media]
        else:
            continue
        key = (q, -order, choice)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best else None


def _named(name: str, offers: dict[str, str]) -> str | None:
    """The format ``?format=`` names, if it is one of ``offers``."""
    try:
        fmt = formats.get(name)
    except KeyError:
        return None
    return fmt.name if fmt.name in offers.values() else None


def query_formats(accept: str, forced: str = "") -> tuple[str | None, str | None]:
    """``(results format, graph format)`` for a SPARQL query, each from ``?format=`` or else
    from ``Accept``; ``None`` where nothing fits (both ``None``: 406)."""
    results = _named(forced, RESULT_OFFERS) if forced else None
    graph = _named(forced, GRAPH_OFFERS) if forced else None
    return (
        results or negotiate(accept, RESULT_OFFERS, "json"),
        graph or negotiate(accept, GRAPH_OFFERS, "ttl"),
    )


def resource_format(path: str, accept: str) -> tuple[str, str | None]:
    """``(path without its format suffix, format)`` of a resource request: the suffix picks
    the format, else ``Accept`` (HTML by default); ``None`` where nothing fits (406)."""
    for suffix, name in _RESOURCE_SUFFIXES.items():
        if path.endswith(suffix):
            return path[: -len(suffix)], name
    return path, negotiate(accept, RESOURCE_OFFERS, "html")
