"""The pages of ``kg serve`` that are not resources: the query page and the SPARQL service
description.

The query page (``/``, in English, Russian or Japanese) introduces the graph, offers three
example questions, links to places, conferences, downloads, the dataset description and the
ontology, and lists every named query of :mod:`kg.query.named` with its parameters as form
fields (a place parameter offers the places of the graph by name). The editor is YASGUI's
(shipped with the package under ``static/``, works offline); answers are shown in the page's
own table: project IRIs open their local ``/id/...`` page in the page language, literals
(dates included) are shown in full, the table fits the window and pages through long
answers. The service description lists the results and graph formats of :mod:`kg.formats`
the endpoint answers in.
"""

from __future__ import annotations

import html
import json
from functools import lru_cache

from kg.serve.pages.i18n import LANG_NAMES, LANGS
from kg.serve.pages.texts import DATASET, QUERY, QUESTIONS
from kg.vocab import terms

__all__ = ["EXAMPLES", "query_page"]

#: The three example questions of the introduction: (text key, named query, parameters).
EXAMPLES: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("q1", "suspended-ties", {}),
    ("q2", "partners", {"city": "jp-niigata"}),
    ("q3", "participation-per-city", {}),
)


def _places_query() -> dict[str, object]:
    return {
        "name": "places",
        "question": "",
        "params": [],
        "query": "PREFIX rujp: <" + terms.ONTOLOGY_NS + ">\n"
        "PREFIX rdfs: <" + terms.RDFS + ">\n"
        "SELECT ?place ?label ?country WHERE {\n"
        "  ?place a ?type ; rdfs:label ?label ; rujp:country ?country .\n"
        "  FILTER (?type IN (rujp:Municipality, rujp:RegionalGovernment) "
        '&& LANG(?label) = "en")\n} ORDER BY ?country ?label',
    }


def _question(name: str, english: str, lang: str) -> str:
    """A named query's question in ``lang`` (English when no translation is known)."""
    if lang == "en" or name not in QUESTIONS:
        return english
    return QUESTIONS[name][LANGS.index(lang) - 1]


@lru_cache(maxsize=len(LANGS))
def query_page(lang: str = "en") -> bytes:
    """The query page in ``lang`` (en, ru or ja; others: en)."""
    from kg.query.named import list_queries

    lang = lang if lang in LANGS else "en"
    text = QUERY[lang]
    named = list_queries()
    queries: list[dict[str, object]] = [
        {
            "name": q.name,
            "question": _question(q.name, q.question, lang),
            "params": [
                {
                    "name": p.name,
                    "kind": p.kind,
                    "doc": p.doc,
                    "example": p.doc.split("e.g. ")[-1].split(" ")[0] if "e.g. " in p.doc else "",
                }
                for p in q.params
            ],
            "query": q.text,
        }
        for q in named
    ]
    places = _places_query()
    places["question"] = text["places"]
    queries.append(places)
    index = {q["name"]: i for i, q in enumerate(queries)}
    items = "\n".join(
        f'<li><button type="button" data-i="{i}" title="{html.escape(str(q["question"]))}">'
        f"<small>{html.escape(str(q['question']))}</small>{html.escape(str(q['name']))}</button></li>"
        for i, q in enumerate(queries[:-1])
    )
    examples = "".join(
        f'<li><button type="button" data-i="{index[name]}" '
        f"data-params='{html.escape(json.dumps(params))}'>{html.escape(text[key])}</button></li>"
        for key, name, params in EXAMPLES
    )
    switch = " ".join(
        f'<strong lang="{c}">{LANG_NAMES[c]}</strong>'
        if c == lang
        else f'<a href="?lang={c}" lang="{c}" hreflang="{c}">{LANG_NAMES[c]}</a>'
        for c in LANGS
    )
    links = (
        f'<a id="places-link" href="#places">{html.escape(text["places"])}</a>'
        f'<a href="/id/series/coastal-mayors-conference?lang={lang}">'
        f"{html.escape(text['conferences'])}</a>"
        f'<a href="/dataset?lang={lang}#downloads">{html.escape(text["downloads"])}</a>'
        f'<a href="/dataset?lang={lang}">{html.escape(text["dataset"])}</a>'
        f'<a href="/ontology">{html.escape(text["ontology"])}</a>'
        f'<a href="#named">{html.escape(text["named"])}</a>'
    )

    def data(value: object) -> str:
        return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")

    script = (
        f"const TEXTS = {data(text)}, QUERIES = {data(queries)}, ID_BASE = {data(terms.ID_BASE)},"
        f" ONTOLOGY = {data(terms.ONTOLOGY_NS)}, PLACES_QUERY = {index['places']};\n"
    )
    page = f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(text["title"])}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/yasgui/yasgui.min.css">
<link rel="stylesheet" href="/static/querypage.css"></head>
<body><header><nav><a class="home" href="/?lang={lang}">rujp-kg</a>
<a href="/dataset?lang={lang}">{html.escape(text["dataset"])}</a>
<a href="/ontology">{html.escape(text["ontology"])}</a></nav><nav>{switch}</nav></header>
<div class="layout">
<nav class="queries" id="named"><h2>{html.escape(text["named"])}</h2>
<ul id="examples-list">
{items}
</ul><p><a href="/sparql">SPARQL: {html.escape(DATASET[lang]["service"])}</a></p></nav>
<main>
<h1>{html.escape(text["title"])}</h1>
<p class="intro">{html.escape(text["intro"])}</p>
<p>{html.escape(text["try"])}</p><ul class="examples">{examples}</ul>
<p class="links">{links}</p>
<p id="question"></p>
<form id="params" hidden></form>
<datalist id="places"></datalist>
<div id="yasgui"></div>
<button id="run" type="button">{html.escape(text["run"])}</button>
<section id="results" aria-live="polite"><p id="status"></p>
<div class="scroll"><table id="table"></table></div>
<div class="pager" id="pager" hidden><button id="prev" type="button">{html.escape(text["prev"])}
</button><span id="pageinfo"></span><button id="next" type="button">{html.escape(text["next"])}
</button><label>{html.escape(text["per_page"])} <select id="size"><option>25</option>
<option selected>50</option><option>100</option><option>500</option></select></label></div>
</section>
</main></div>
<script src="/static/yasgui/yasgui.min.js"></script>
<script>
{script}</script>
<script src="/static/querypage.js"></script></body></html>
"""
    return page.encode("utf-8")
