"""The pages of ``kg serve`` that are not resources: the query page and the SPARQL service
description.

The query page is YASGUI (shipped with the package under ``static/``, works offline) with the
named queries of :mod:`kg.query.named` as examples. The service description lists the
results and graph formats of :mod:`kg.formats` the endpoint answers in.
"""

from __future__ import annotations

import html
import json

from kg import formats

__all__ = ["query_page", "service_description"]


def service_description(endpoint: str, triples: int) -> str:
    """The SPARQL 1.1 service description of the endpoint, as Turtle."""
    answers = [*formats.select("results"), *formats.select("graph", quads=False)]
    result_formats = "".join(f"    sd:resultFormat <{f.w3c_iri}> ;\n" for f in answers)
    return (
        "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n"
        "@prefix void: <http://rdfs.org/ns/void#> .\n"
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n\n"
        f"<{endpoint}> a sd:Service ;\n"
        f"    sd:endpoint <{endpoint}> ;\n"
        "    sd:supportedLanguage sd:SPARQL11Query ;\n"
        f"{result_formats}"
        '    dcterms:title "Russia–Japan municipal ties knowledge graph"@en ;\n'
        "    sd:defaultDataset [ a sd:Dataset ;\n"
        f"        sd:defaultGraph [ a sd:Graph ; void:triples {triples} ] ] .\n"
    )


def query_page() -> bytes:
    """The query page: YASGUI with the named queries without parameters as examples."""
    from kg.query.named import list_queries

    examples = [
        {"name": q.name, "question": q.question, "query": q.text}
        for q in list_queries()
        if not q.params
    ]
    items = "\n".join(
        f'<li><button type="button" data-i="{i}" title="{html.escape(q["question"])}">'
        f"{html.escape(q['name'])}</button></li>"
        for i, q in enumerate(examples)
    )
    data = json.dumps(examples, ensure_ascii=False).replace("</", "<\\/")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Russia–Japan municipal ties — SPARQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/yasgui/yasgui.min.css">
<style>body{{font-family:sans-serif;margin:0;display:flex}}
nav{{width:16rem;padding:.5rem;border-right:1px solid #ccc;height:100vh;overflow:auto}}
nav button{{width:100%;text-align:left;margin:2px 0;cursor:pointer}}
main{{flex:1;min-width:0}}</style></head>
<body><nav><h1 style="font-size:1rem">Named queries</h1>
<ul id="examples" style="padding:0;list-style:none">
{items}
</ul><p><a href="/sparql">Service description</a> · <a href="/ontology">Ontology</a></p></nav>
<main><div id="yasgui"></div></main>
<script src="/static/yasgui/yasgui.min.js"></script>
<script>
const EXAMPLES = {data};
const yasgui = new Yasgui(document.getElementById("yasgui"), {{
  requestConfig: {{ endpoint: new URL("/sparql", window.location.href).href, method: "POST" }},
  copyEndpointOnNewTab: false, persistenceId: null
}});
if (EXAMPLES.length) yasgui.getTab().setQuery(EXAMPLES[0].query);
document.getElementById("examples").addEventListener("click", (event) => {{
  const i = event.target.getAttribute("data-i");
  if (i !== null) yasgui.getTab().setQuery(EXAMPLES[Number(i)].query);
}});
</script></body></html>
"""
    return page.encode("utf-8")
