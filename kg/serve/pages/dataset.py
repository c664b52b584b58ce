"""The dataset page of ``kg serve`` (``/dataset``): the dataset description for people.

Read at request time from the VoID/DCAT description that ``kg build`` wrote
(``void.ttl``): title and description in the page language, triple and entity counts by
class, the downloads with size and SHA-256 (served at ``/download/<file>``), the licence,
how to cite, and the SPARQL endpoint of the server actually running (its URL is given by
the caller, from the request). The page says how the dataset's triple count and the
endpoint's differ: the endpoint also holds the ontology. Light: pyoxigraph only.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.paths import ONTOLOGY_COPY, VOID_FILE
from kg.serve.pages.frame import page_html
from kg.serve.pages.html import esc, short_name, table_html
from kg.serve.pages.texts import DATASET
from kg.serve.pages.view import View
from kg.vocab import terms

__all__ = ["dataset_html", "ontology_triples"]

_VOID = "http://rdfs.org/ns/void#"
_DCAT = "http://www.w3.org/ns/dcat#"
_SPDX = "http://spdx.org/rdf/terms#"
_FOAF = "http://xmlns.com/foaf/0.1/"
_DOWNLOAD_BASE = terms.BASE + "download/"


def ontology_triples(out: Path) -> int:
    """The number of triples of the ontology copy that ``kg build`` wrote (0 without one)."""
    path = out / ONTOLOGY_COPY
    if not path.is_file():
        return 0
    return sum(1 for _ in ox.parse(path.read_bytes(), format=ox.RdfFormat.TURTLE))


def _number(n: str | int, lang: str) -> str:
    value = int(n) if str(n).isdigit() else 0
    return f"{value:,}".replace(",", "\u00a0" if lang == "ru" else ",")


def _size(n: str) -> str:
    value = int(n) if n.isdigit() else 0
    return f"{value / 1024:,.0f} KB" if value < 1024 * 1024 else f"{value / 1048576:,.1f} MB"


def dataset_html(store: ox.Store, out: Path, base_url: str, lang: str) -> str | None:
    """The dataset page in ``lang`` for the server at ``base_url`` (``http://host:port``);
    ``None`` when the build has no dataset description."""
    path = out / VOID_FILE
    if not path.is_file():
        return None
    void = ox.Store()
    void.load(path.read_bytes(), format=ox.RdfFormat.TURTLE)
    view = View(void, lang)
    text = DATASET[lang]
    dataset = terms.DATASET_IRI
    title, title_lang = view.label(dataset)
    description = view.pick(
        [d for d in view.objects(dataset, terms.DCT + "description") if isinstance(d, ox.Literal)]
    )
    triples = view.literal(dataset, _VOID + "triples")
    entities = view.literal(dataset, _VOID + "entities")
    endpoint = base_url.rstrip("/") + "/sparql"
    served = len(store)
    onto = ontology_triples(out)
    body = [f'<h1 lang="{esc(title_lang)}">{esc(title)}</h1>']
    if description:
        body.append(f'<p lang="{esc(description[1])}">{esc(description[0])}</p>')
    summary = text["triples"].format(n=_number(triples, lang), e=_number(entities, lang))
    counts = [f'<p id="triples">{esc(summary)}</p>']
    counts.append(
        '<p id="endpoint-triples">'
        + esc(
            text["endpoint_triples"].format(
                t=_number(served, lang), n=_number(triples, lang), o=_number(onto, lang)
            )
        )
        + "</p>"
    )
    rows = []
    for partition in view.iris(dataset, _VOID + "classPartition"):
        cls = view.first_iri(partition, _VOID + "class")
        n = view.literal(partition, _VOID + "entities")
        if cls:
            label = View(store, lang).link(cls)
            rows.append((-int(n or 0), [label, _number(n, lang)]))
    counts.append(
        table_html([text["class"], text["entities"]], [r[1] for r in sorted(rows)], "counts")
    )
    body.append(f'<section id="counts"><h2>{esc(text["counts"])}</h2>{"".join(counts)}</section>')
    files = []
    for dist in view.iris(dataset, _DCAT + "distribution"):
        url = view.first_iri(dist, _DCAT + "downloadURL") or ""
        name = url.removeprefix(_DOWNLOAD_BASE)
        checksum = view.first_iri(dist, _SPDX + "checksum")
        digest = view.literal(checksum, _SPDX + "checksumValue") if checksum else ""
        link = f'<a href="/download/{esc(name)}" download>{esc(view.label(dist)[0])}</a>'
        size = f'<span class="date">{esc(_size(view.literal(dist, _DCAT + "byteSize")))}</span>'
        files.append([link, size, f'<code class="url">{esc(digest)}</code>'])
    files.append(
        [
            f'<a href="/{VOID_FILE}" download>{esc(VOID_FILE)} (VoID, DCAT)</a>',
            "",
            "",
        ]
    )
    downloads = table_html([text["file"], text["size"], text["checksum"]], files, "downloads")
    body.append(f'<section id="downloads"><h2>{esc(text["downloads"])}</h2>{downloads}</section>')
    licence = view.first_iri(dataset, terms.DCT + "license") or ""
    body.append(
        f'<section id="licence"><h2>{esc(text["licence"])}</h2><p>{esc(text["licence_text"])} '
        f'<a href="{esc(licence)}">{esc(_licence_name(licence))}</a></p></section>'
    )
    creator = view.first_iri(dataset, terms.DCT + "creator")
    who = view.literal(creator, _FOAF + "name") if creator else ""
    version = view.literal(dataset, terms.OWL + "versionInfo")
    english = View(void, "en").label(dataset)[0]
    citation = f"{who}. {english}, {text['version']} {version}. {dataset}"
    body.append(
        f'<section id="cite"><h2>{esc(text["cite"])}</h2>'
        f'<p class="citation">{esc(citation)}</p></section>'
    )
    body.append(
        f'<section id="endpoint"><h2>{esc(text["endpoint"])}</h2>'
        f'<p>{esc(text["endpoint_text"])} <code id="endpoint-url">{esc(endpoint)}</code> '
        f'(<a href="/sparql">{esc(text["service"])}</a>)</p>'
        f'<p>{esc(text["description"])} <a href="/{VOID_FILE}">{esc(VOID_FILE)}</a></p>'
        "</section>"
    )
    examples = "".join(
        f"<li>{View(store, lang).link(e)} <span class='muted'>{esc(short_name(e))}</span></li>"
        for e in view.iris(dataset, _VOID + "exampleResource")
    )
    if examples:
        body.append(
            f'<section id="examples"><h2>{esc(text["examples"])}</h2><ul>{examples}</ul></section>'
        )
    return page_html(View(store, lang), text["title"], "\n".join(body))


def _licence_name(iri: str) -> str:
    if "creativecommons.org/licenses/by/4.0" in iri:
        return "CC BY 4.0"
    return iri
