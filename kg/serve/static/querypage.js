// The query page of kg serve: named queries with parameter fields, runs, a paged result table.
const T = TEXTS, ID = ID_BASE, LANG = document.documentElement.lang;
const yasgui = new Yasgui(document.getElementById("yasgui"), {
  requestConfig: {endpoint: new URL("/sparql", location.href).href, method: "POST"},
  copyEndpointOnNewTab: false, persistenceId: null, showTabs: false
});
const tab = yasgui.getTab();
let current = null, rows = [], vars = [], pageNo = 0;
const $ = (id) => document.getElementById(id);
function esc(s) { const d = document.createElement("span"); d.textContent = s; return d.innerHTML; }
function term(t, value) {
  if (/^[a-z_]+:/i.test(value) && !/\s|[<>"{}|^`\\]/.test(value)) return "<" + value + ">";
  if (t === "integer" && /^-?\d+$/.test(value)) return value;
  return JSON.stringify(value);
}
function bound(q, values) {
  const names = Object.keys(values).sort();
  if (!names.length) return q.query;
  const block = "VALUES (" + names.map((n) => "?" + n).join(" ") + ") { (" +
    names.map((n) => values[n]).join(" ") + ") }";
  const m = /\bWHERE\s*\{/i.exec(q.query);
  return q.query.slice(0, m.index + m[0].length) + "\n  " + block + q.query.slice(m.index + m[0].length);
}
function choose(i, preset) {
  current = QUERIES[i];
  document.querySelectorAll("nav.queries button").forEach((b) =>
    b.setAttribute("aria-pressed", String(b.dataset.i === String(i))));
  $("question").textContent = current.question;
  const form = $("params");
  form.innerHTML = "";
  for (const p of current.params) {
    const label = document.createElement("label");
    label.textContent = p.name + " — " + p.doc;
    const input = document.createElement("input");
    input.name = p.name; input.required = true;
    input.value = (preset && preset[p.name]) || p.example || "";
    if (p.kind === "place") input.setAttribute("list", "places");
    if (p.kind === "integer") input.type = "number";
    label.appendChild(input); form.appendChild(label);
  }
  form.hidden = !current.params.length;
  tab.setQuery(current.query);
}
function values() {
  const out = {};
  if (!current) return out;
  for (const p of current.params) {
    let v = $("params").elements[p.name].value.trim();
    if (p.kind === "place") {
      const hit = PLACES.find((x) => x[1].toLowerCase() === v.toLowerCase() || x[0] === v);
      v = hit ? ID + "place/" + hit[0] : (v.includes(":") ? v : ID + "place/" + v);
    }
    out[p.name] = term(p.kind, v);
  }
  return out;
}
function cell(b) {
  if (!b) return "";
  if (b.type === "uri") {
    if (b.value.startsWith(ID)) {
      const path = "/id/" + b.value.slice(ID.length);
      return '<a href="' + esc(path) + "?lang=" + LANG + '">' + esc(b.value.slice(ID.length)) + "</a>";
    }
    const base = ONTOLOGY;
    if (b.value.startsWith(base)) {
      return '<a href="/ontology?lang=' + LANG + "#" + esc(b.value.slice(base.length)) + '">rujp:' +
        esc(b.value.slice(base.length)) + "</a>";
    }
    return /^https?:/.test(b.value) ? '<a href="' + esc(b.value) + '" rel="nofollow">' +
      esc(decodeURI(b.value)) + "</a>" : esc(b.value);
  }
  const tag = b["xml:lang"] ? ' lang="' + esc(b["xml:lang"]) + '"' : "";
  const date = /^-?\d{4}(-\d\d){0,2}(T[\d:.]+(Z|[+-]\d\d:\d\d)?)?$/.test(b.value) ? ' class="date"' : "";
  return "<span" + tag + date + ">" + esc(b.value) + "</span>";
}
function show() {
  const size = Number($("size").value), pages = Math.max(1, Math.ceil(rows.length / size));
  pageNo = Math.min(Math.max(pageNo, 0), pages - 1);
  const slice = rows.slice(pageNo * size, pageNo * size + size);
  $("table").innerHTML = "<thead><tr>" + vars.map((v) => "<th>" + esc(v) + "</th>").join("") +
    "</tr></thead><tbody>" + slice.map((r) => "<tr>" + vars.map((v) => "<td>" + cell(r[v]) +
    "</td>").join("") + "</tr>").join("") + "</tbody>";
  $("status").className = ""; $("status").textContent = T.rows.replace("{n}", rows.length);
  $("pageinfo").textContent = T.page.replace("{p}", pageNo + 1).replace("{n}", pages);
  $("prev").disabled = pageNo === 0; $("next").disabled = pageNo >= pages - 1;
  $("pager").hidden = rows.length === 0;
}
async function run() {
  const form = $("params");
  if (!form.hidden && !form.reportValidity()) return;
  const text = current && tab.getQuery() === current.query ? bound(current, values()) : tab.getQuery();
  $("status").className = ""; $("status").textContent = T.running;
  const response = await fetch("/sparql", {method: "POST",
    headers: {"Content-Type": "application/x-www-form-urlencoded",
              "Accept": "application/sparql-results+json"},
    body: new URLSearchParams({query: text})});
  const body = await response.text();
  if (!response.ok) {
    rows = []; vars = []; $("table").innerHTML = ""; $("pager").hidden = true;
    $("status").className = "error"; $("status").textContent = T.error + " " + body; return;
  }
  const data = JSON.parse(body);
  if ("boolean" in data) { rows = [{answer: {type: "literal", value: String(data.boolean)}}];
    vars = ["answer"]; } else { vars = data.head.vars; rows = data.results.bindings; }
  pageNo = 0; show();
}
document.querySelectorAll("nav.queries button").forEach((b) =>
  b.addEventListener("click", () => choose(Number(b.dataset.i))));
document.querySelectorAll(".examples button").forEach((b) =>
  b.addEventListener("click", () => { choose(Number(b.dataset.i), JSON.parse(b.dataset.params)); run(); }));
$("params").addEventListener("submit", (event) => event.preventDefault());
$("run").addEventListener("click", run);
$("prev").addEventListener("click", () => { pageNo--; show(); });
$("next").addEventListener("click", () => { pageNo++; show(); });
$("size").addEventListener("change", () => { pageNo = 0; show(); });
$("places-link").addEventListener("click", (e) => { e.preventDefault(); choose(PLACES_QUERY); run(); });
let PLACES = [];
(async () => {
  const q = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?p ?l WHERE { ?p a ?t ; " +
    "rdfs:label ?l FILTER(?t IN (<" + ONTOLOGY + "Municipality>, <" + ONTOLOGY +
    "RegionalGovernment>) && LANG(?l) = \"" + LANG + "\") } ORDER BY ?l";
  const r = await fetch("/sparql", {method: "POST", headers: {"Accept": "application/sparql-results+json",
    "Content-Type": "application/x-www-form-urlencoded"}, body: new URLSearchParams({query: q})});
  const data = await r.json();
  PLACES = data.results.bindings.map((b) => [b.p.value.slice((ID + "place/").length), b.l.value]);
  $("places").innerHTML = PLACES.map((p) => '<option value="' + esc(p[1]) + '">' + esc(p[0]) +
    "</option>").join("");
})();
choose(0);
window.addEventListener("load", () => requestAnimationFrame(() => window.scrollTo(0, 0)));
