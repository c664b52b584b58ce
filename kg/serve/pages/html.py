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
    "date_html",
    "esc",
    "folded_html",
    "iri_path",
    "link_html",
    "path_iri",
    "safe_href",
    "section_html",
    "short_name",
    "short_url",
    "table_html",
    "with_lang",
]

#: The style sheet of every page (inline: the pages load nothing else).
CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK JP",sans-serif;
margin:0 auto;max-width:72rem;padding:0 1rem 2rem;line-height:1.45;color:#1b1b1b}
header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:.3rem;
border-bottom:1px solid #ccc;padding:.5rem 0}
header nav a,header nav strong{margin-right:.8rem}
header .home{font-weight:700;color:#1b1b1b;text-decoration:none}
a{color:#0b5394}
h1{margin:.8rem 0 .1rem;font-size:1.8rem;line-height:1.2}
.names{margin:0 0 .3rem;font-size:1.1rem;color:#333}
h2{font-size:1.2rem;margin-top:1.6rem;border-bottom:1px solid #e3e3e3}
.iri{font-family:ui-monospace,monospace;font-size:.8rem;color:#666;word-break:break-all;
margin:.2rem 0}
.types{margin:.2rem 0 .8rem;color:#444}
.summary{display:grid;grid-template-columns:minmax(16rem,1fr) minmax(0,1.6fr);gap:1.2rem;
align-items:start}
.summary>.facts:only-child{grid-column:1/-1;max-width:44rem}
@media (max-width:760px){.summary{grid-template-columns:minmax(0,1fr)}}
.summary>*{min-width:0}
table{border-collapse:collapse;width:100%}
.scroll{overflow-x:auto;max-width:100%}
th{hyphens:auto}
th,td{text-align:left;vertical-align:top;padding:.25rem .5rem;border-bottom:1px solid #eee}
th{font-weight:600;color:#444}
td{overflow-wrap:break-word}
table.facts{background:#f7f9fb;border:1px solid #dfe5ec}
table.facts th{width:38%;font-weight:500;color:#555}
table.statements,table.claims{table-layout:fixed}
.claims th:nth-child(1),.claims th:nth-child(2){width:18%}.claims th:nth-child(4){width:16%}
.statements th:nth-child(1){width:22%}.statements th:nth-child(3){width:18%}
.status.stopped,.status.stopped a{color:#a33}.status.active{color:#2e7d32}
.dt,.muted{color:#777;font-size:.8rem}
.refs{font-size:.8rem;white-space:nowrap}.refs a{margin-right:.1rem;text-decoration:none}
.url{word-break:break-all;font-size:.85rem}.date{white-space:nowrap}
.changes td:nth-child(-n+2),.ties td:nth-child(3){white-space:nowrap}
details.fold{margin-top:1.4rem}
details.fold>summary{cursor:pointer}
details.fold>summary h2{display:inline;border:0;font-size:1.1rem}
figure.map{margin:0}
svg{border:1px solid #ccc;background:#f3f7fb;max-width:100%;height:auto}
svg.placemap{width:100%;display:block;box-sizing:border-box}
.sea{fill:#eaf2fa}.land{fill:#f4f1e8;stroke:#b9b09b;stroke-width:.6}
.other{fill:#9aa7b4}
.here{fill:#c62828;stroke:#fff;stroke-width:1.5}
.partner{fill:#1565c0;stroke:#fff;stroke-width:1}.partner.stopped{fill:#8a8a8a}
.tie{stroke:#1565c0;stroke-width:1.4;stroke-dasharray:5 3;fill:none;opacity:.8}
.tie.stopped{stroke:#8a8a8a}
.label{font-size:15px;fill:#1b1b1b;paint-order:stroke;stroke:#fff;stroke-width:3px}
.here-label{font-size:18px;font-weight:700}
.legend{font-size:.8rem;color:#444;margin:.3rem 0}
.key{display:inline-block;width:.7rem;height:.7rem;border-radius:50%;margin:0 .25rem 0 .6rem;
vertical-align:-.05rem}
.here-key{background:#c62828}.partner-key{background:#1565c0}.stopped-key{background:#8a8a8a}
.other-key{background:#9aa7b4}
.coords{font-size:.8rem;color:#555;margin:.2rem 0}
.formats{margin-top:1.5rem}
footer{margin-top:2rem;border-top:1px solid #ccc;padding-top:.5rem;font-size:.85rem;color:#555}
@media (max-width:600px){body{padding:0 .6rem 1.5rem}h1{font-size:1.45rem}
svg.placemap .label{font-size:26px;stroke-width:4px}svg.placemap .here-label{font-size:30px}
.scroll table,.scroll tbody,.scroll tr,.scroll td{display:block;width:100%}
.scroll thead{display:none}.scroll tr{border-bottom:1px solid #ddd;padding:.3rem 0}
.scroll td{border:0;padding:.05rem .2rem}
.scroll td[data-label]:not(:empty)::before{content:attr(data-label) ": ";color:#666;font-size:.8rem}
th,td{padding:.2rem .3rem}
.downloads th:nth-child(3),.downloads td:nth-child(3){display:none}}
.downloads td:first-child{white-space:nowrap}
section>figure.map{max-width:44rem}
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


def with_lang(path: str, lang: str) -> str:
    """A local path that keeps the page language: ``?lang=`` before any fragment.

    >>> with_lang("/ontology#StatusSuspended", "ja")
    '/ontology?lang=ja#StatusSuspended'
    """
    if not lang:
        return path
    base, hash_, fragment = path.partition("#")
    joiner = "&" if "?" in base else "?"
    return f"{base}{joiner}lang={lang}{hash_}{fragment}"


def safe_href(iri: str, page_lang: str = "") -> str | None:
    """A safe link target: the IRI path of a project IRI (keeping ``page_lang``), else an
    http(s) address."""
    path = iri_path(iri)
    if path is not None:
        return with_lang(path, page_lang)
    try:
        parts = urlsplit(iri)
    except ValueError:
        return None
    if parts.scheme in ("http", "https") and parts.netloc:
        return iri
    return None


def link_html(iri: str, text: str, lang: str = "", page_lang: str = "") -> str:
    """A link to ``iri`` (a plain span when it is not safe to link) showing ``text`` in
    ``lang``; local links keep ``page_lang``."""
    attr = f' lang="{esc(lang)}"' if lang else ""
    href = safe_href(iri, page_lang)
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
        """Links to the numbers of ``sources`` (numbered here on first citation); runs of
        three or more consecutive numbers are written as one range, ``[1]–[10]``."""
        numbers = []
        for iri in sources:
            if iri not in self.order:
                self.order.append(iri)
            numbers.append(self.order.index(iri) + 1)
        numbers = sorted(set(numbers))
        runs: list[list[int]] = []
        for n in numbers:
            if runs and n == runs[-1][-1] + 1:
                runs[-1].append(n)
            else:
                runs.append([n])
        links = []
        for run in runs:
            if len(run) >= 3:
                links.append(f"{_ref(run[0])}–{_ref(run[-1])}")
            else:
                links.extend(_ref(n) for n in run)
        return f'<span class="refs">{"".join(links)}</span>'


def _ref(n: int) -> str:
    return f'<a href="#src-{n}">[{n}]</a>'


def table_html(headers: list[str], rows: list[list[str]], css: str = "") -> str:
    """A table; ``headers`` are escaped here, the cells are HTML already."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    labels = [f' data-label="{esc(h)}"' for h in headers]
    body = "".join(
        "<tr>" + "".join(f"<td{a}>{c}</td>" for a, c in zip(labels, row, strict=False)) + "</tr>"
        for row in rows
    )
    attr = f' class="{css}"' if css else ""
    table = f"<table{attr}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return f'<div class="scroll">{table}</div>'


def section_html(title: str, body: str, ident: str = "") -> str:
    """A section with a heading; ``body`` is HTML already."""
    attr = f' id="{esc(ident)}"' if ident else ""
    return f"<section{attr}><h2>{esc(title)}</h2>{body}</section>"


def folded_html(title: str, body: str, ident: str) -> str:
    """A folded section (``<details>``): the title shows, the body opens on demand."""
    return (
        f'<details id="{esc(ident)}" class="fold"><summary><h2>{esc(title)}</h2></summary>'
        f"{body}</details>"
    )


def date_html(text: str) -> str:
    """A date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) that does not wrap."""
    return f'<span class="date">{esc(text)}</span>' if text else ""


def short_url(url: str, limit: int = 60) -> str:
    """An address as a reader sees it: decoded, without the scheme, shortened in the middle.

    >>> short_url("https://ja.wikipedia.org/wiki/%E6%96%B0%E6%BD%9F%E5%B8%82")
    'ja.wikipedia.org/wiki/新潟市'
    """
    from urllib.parse import unquote

    text = unquote(url.split("://", 1)[-1]).rstrip("/")
    if len(text) <= limit:
        return text
    head = limit * 2 // 3
    return text[:head] + "…" + text[-(limit - head - 1) :]
