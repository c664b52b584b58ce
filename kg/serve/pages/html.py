"""HTML building blocks of the resource pages: escaping, safe links, tables, sections, CSS.

Every text taken from the data goes through :func:`esc`; only ``http``/``https`` addresses
become external links; links to other resources of the project use their IRI paths
(the place ``jp-niigata`` is linked as ``/id/place/jp-niigata``). Light: the standard
library only.

>>> from kg.vocab import iris
>>> iri_path(iris.place("jp-niigata"))
'/id/place/jp-niigata'
>>> path_iri("/id/place/jp-niigata") == iris.place("jp-niigata")
True
>>> link_html("javascript:alert(1)", "<b>")
'<span>&lt;b&gt;</span>'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from urllib.parse import urlsplit

from kg.vocab import terms

__all__ = [
    "CSS",
    "Sources",
    "esc",
    "iri_path",
    "link_html",
    "path_iri",
    "safe_href",
    "section_html",
    "short_name",
    "table_html",
]

#: The style sheet of every page (inline: the pages load nothing else).
CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK JP",sans-serif;
margin:0 auto;max-width:60rem;padding:0 1rem 2rem;line-height:1.45;color:#1b1b1b}
header{display:flex;justify-content:space-between;align-items:baseline;
border-bottom:1px solid #ccc;padding:.5rem 0}
header a{margin-left:.6rem}
a{color:#0b5394}
h1{margin:.8rem 0 .2rem;font-size:1.7rem}
h2{font-size:1.2rem;margin-top:1.6rem;border-bottom:1px solid #e3e3e3}
.iri{font-family:ui-monospace,monospace;font-size:.85rem;color:#555;word-break:break-all}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.25rem .5rem;border-bottom:1px solid #eee}
th{font-weight:600;color:#444}
td{overflow-wrap:anywhere}
table.statements,table.claims{table-layout:fixed}
.claims th:nth-child(1),.claims th:nth-child(2){width:18%}.claims th:nth-child(4){width:16%}
.statements th:nth-child(1){width:22%}.statements th:nth-child(3){width:18%}
.dt,.muted{color:#777;font-size:.8rem}
.refs{font-size:.85rem}.refs a{margin-right:.15rem}
.url{word-break:break-all;font-size:.85rem}
svg{border:1px solid #ccc;background:#f3f7fb;max-width:100%;height:auto}
.other{fill:#9aa7b4}
.here{fill:#c62828;stroke:#fff;stroke-width:1}
.line{stroke:#c62828;stroke-width:1.5;stroke-dasharray:4 3;fill:none}
.grid{stroke:#dde4ec;stroke-width:1}
.gridlabel{fill:#8a97a5;font-size:9px}
footer{margin-top:2rem;border-top:1px solid #ccc;padding-top:.5rem;font-size:.85rem;color:#555}
"""


def esc(text: str) -> str:
    """Text escaped for HTML content and attribute values."""
    return escape(text, quote=True)


def iri_path(iri: str) -> str | None:
    """The path at which ``kg serve`` serves a project IRI (``/id/...``, ``/ontology#...``)."""
    if iri.startswith(terms.BASE):
        return "/" + iri[len(terms.BASE) :]
    return None


def path_iri(path: str) -> str:
    """The project IRI that ``kg serve`` serves at a path (the inverse of :func:`iri_path`)."""
    return terms.BASE + path.removeprefix("/")


def safe_href(iri: str) -> str | None:
    """A safe link target: the IRI path of a project IRI, else an http(s) address."""
    path = iri_path(iri)
    if path is not None:
        return path
    try:
        parts = urlsplit(iri)
    except ValueError:
        return None
    if parts.scheme in ("http", "https") and parts.netloc:
        return iri
    return None


def link_html(iri: str, text: str, lang: str = "") -> str:
    """A link to ``iri`` (a plain span when it is not safe to link) showing ``text``."""
    attr = f' lang="{esc(lang)}"' if lang else ""
    href = safe_href(iri)
    if href is None:
        return f"<span{attr}>{esc(text)}</span>"
    return f'<a href="{esc(href)}"{attr}>{esc(text)}</a>'


def short_name(iri: str) -> str:
    """A short name for an IRI: the path under ``id/``, else a compact ``prefix:name``."""
    if iri.startswith(terms.ID_BASE):
        return iri[len(terms.ID_BASE) :]
    for name, base in terms.PREFIXES.items():
        if iri.startswith(base) and len(iri) > len(base):
            return f"{name}:{iri[len(base) :]}"
    return iri


@dataclass
class Sources:
    """The sources cited on a page, numbered in order of first citation."""

    order: list[str] = field(default_factory=list)

    def refs(self, sources: list[str]) -> str:
        links = []
        for iri in sources:
            if iri not in self.order:
                self.order.append(iri)
            n = self.order.index(iri) + 1
            links.append(f'<a href="#src-{n}">[{n}]</a>')
        return f'<span class="refs">{"".join(links)}</span>'


def table_html(headers: list[str], rows: list[list[str]], css: str = "") -> str:
    """A table; ``headers`` are escaped here, the cells are HTML already."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    attr = f' class="{css}"' if css else ""
    return f"<table{attr}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def section_html(title: str, body: str, ident: str = "") -> str:
    """A section with a heading; ``body`` is HTML already."""
    attr = f' id="{esc(ident)}"' if ident else ""
    return f"<section{attr}><h2>{esc(title)}</h2>{body}</section>"
