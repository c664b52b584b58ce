// Interactive twinning network of rujp-kg: plain SVG, no library, works offline.
// Reads the graph from the JSON script element #graph-data; every text taken
// from the data is inserted with textContent (never innerHTML).
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var nodes = data.nodes;
  var edges = data.edges;
  var svg = document.getElementById("canvas");
  var edgeLayer = document.getElementById("edges");
  var nodeLayer = document.getElementById("nodes");
  var labelLayer = document.getElementById("labels");
  var tooltip = document.getElementById("tooltip");
  var search = document.getElementById("search");
  var lang = document.getElementById("lang");
  var year = document.getElementById("year");
  var yearOut = document.getElementById("year-value");
  var allYears = document.getElementById("all-years");
  var count = document.getElementById("visible-count");
  var matches = document.getElementById("match-count");
  var kindBoxes = Array.prototype.slice.call(document.querySelectorAll("input[name=kind]"));
  var KIND_COLOR = { sister: "#2a7f62", friendship: "#d68910", partner: "#7d3c98", other: "#7f8c8d" };
  var COUNTRY_COLOR = { JP: "#c0392b", RU: "#1f4e9c" };

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function label(n, language) {
    return n["label_" + language] || n.label_en || n.key;
  }

  // Latest status change up to a year (null year: all), as the Python projection does.
  function statusAsOf(e, y) {
    var latest = null;
    e.statuses.forEach(function (s) {
      if (y === null || parseInt(s.date.slice(0, 4), 10) <= y) { latest = s; }
    });
    return latest;
  }

  function edgeVisible(e, y, kinds) {
    if (!kinds[e.kind]) { return false; }
    if (y === null) { return true; }
    if (e.year === null || e.year > y) { return false; }
    var s = statusAsOf(e, y);
    return !(s && s.status === "ended");
  }

  // -- drawing ----------------------------------------------------------------------
  var nodeEls = [];
  var labelEls = [];
  var edgeEls = [];
  edges.forEach(function (e) {
    var a = nodes[e.source];
    var b = nodes[e.target];
    var line = el("line", {
      x1: a.x, y1: a.y, x2: b.x, y2: b.y,
      "class": "edge", stroke: KIND_COLOR[e.kind] || "#555", "data-id": e.id
    }, edgeLayer);
    line.addEventListener("mouseenter", function (ev) { showEdge(e, ev); });
    line.addEventListener("mouseleave", hide);
    edgeEls.push(line);
  });
  nodes.forEach(function (n, i) {
    var circle = el("circle", {
      cx: n.x, cy: n.y, r: 4 + 2.2 * Math.sqrt(n.degree),
      "class": "node", fill: COUNTRY_COLOR[n.country] || "#777", "data-id": n.id
    }, nodeLayer);
    circle.addEventListener("mouseenter", function (ev) { showNode(i, ev); });
    circle.addEventListener("mouseleave", hide);
    nodeEls.push(circle);
    var text = el("text", { x: n.x + 7, y: n.y + 3, "class": "label" }, labelLayer);
    text.textContent = label(n, lang.value);
    labelEls.push(text);
  });

  // -- tooltips -----------------------------------------------------------------------
  function line(parent, text, cls) {
    var div = document.createElement("div");
    if (cls) { div.className = cls; }
    div.textContent = text;
    parent.appendChild(div);
    return div;
  }

  function place(ev) {
    tooltip.style.left = (ev.clientX + 14) + "px";
    tooltip.style.top = (ev.clientY + 10) + "px";
    tooltip.hidden = false;
  }

  function showNode(i, ev) {
    var n = nodes[i];
    tooltip.textContent = "";
    line(tooltip, label(n, "en"), "title");
    ["ru", "ja"].forEach(function (l) { if (n["label_" + l]) { line(tooltip, n["label_" + l]); } });
    line(tooltip, [n.country, n.level].filter(Boolean).join(" · "), "muted");
    edges.forEach(function (e) {
      if (e.source !== i && e.target !== i) { return; }
      var other = nodes[e.source === i ? e.target : e.source];
      var s = statusAsOf(e, null);
      line(tooltip, "— " + label(other, lang.value) + ": " + e.kind +
        (e.established ? ", " + e.established : "") + (s ? ", " + s.status + " " + s.date : ""));
    });
    place(ev);
  }

  function showEdge(e, ev) {
    tooltip.textContent = "";
    line(tooltip, e.label || (label(nodes[e.source], "en") + " – " + label(nodes[e.target], "en")), "title");
    line(tooltip, e.kind + (e.kind_local ? " (" + e.kind_local + ")" : ""));
    line(tooltip, "established: " + (e.established || "unknown"));
    e.statuses.forEach(function (s) { line(tooltip, s.status + ": " + s.date); });
    e.sources.forEach(function (src) {
      line(tooltip, "source: " + [src.publisher, src.title, src.published, src.url].filter(Boolean).join(" · "), "muted");
    });
    place(ev);
  }

  function hide() { tooltip.hidden = true; }

  // -- filters and search ---------------------------------------------------------------
  function update() {
    var y = allYears.checked ? null : parseInt(year.value, 10);
    yearOut.textContent = y === null ? "all" : String(y);
    year.disabled = allYears.checked;
    var kinds = {};
    kindBoxes.forEach(function (b) { kinds[b.value] = b.checked; });
    var seen = new Array(nodes.length).fill(false);
    edges.forEach(function (e, k) {
      var show = edgeVisible(e, y, kinds);
      edgeEls[k].style.display = show ? "" : "none";
      var s = statusAsOf(e, y);
      edgeEls[k].classList.toggle("suspended", Boolean(s && s.status === "suspended"));
      if (show) { seen[e.source] = true; seen[e.target] = true; }
    });
    var query = search.value.trim().toLowerCase();
    var found = 0;
    var visible = 0;
    nodes.forEach(function (n, i) {
      var names = [n.label_en, n.label_ru, n.label_ja, n.key].filter(Boolean).join("\n").toLowerCase();
      var hit = query !== "" && names.indexOf(query) >= 0;
      if (hit) { found += 1; }
      nodeEls[i].style.display = seen[i] ? "" : "none";
      labelEls[i].style.display = seen[i] ? "" : "none";
      nodeEls[i].classList.toggle("hit", hit);
      nodeEls[i].classList.toggle("dim", query !== "" && !hit);
      labelEls[i].classList.toggle("hit", hit);
      labelEls[i].textContent = label(n, lang.value);
      if (seen[i]) { visible += 1; }
    });
    count.textContent = String(visible);
    matches.textContent = query === "" ? "" : found + " found";
  }

  [search, lang, year, allYears].concat(kindBoxes).forEach(function (input) {
    input.addEventListener("input", update);
    input.addEventListener("change", update);
  });

  // -- pan and zoom -----------------------------------------------------------------------
  var view = data.viewBox.slice();
  function setView() { svg.setAttribute("viewBox", view.join(" ")); }
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var f = ev.deltaY > 0 ? 1.15 : 1 / 1.15;
    var r = svg.getBoundingClientRect();
    var px = view[0] + view[2] * (ev.clientX - r.left) / r.width;
    var py = view[1] + view[3] * (ev.clientY - r.top) / r.height;
    view = [px - (px - view[0]) * f, py - (py - view[1]) * f, view[2] * f, view[3] * f];
    setView();
  }, { passive: false });
  var drag = null;
  svg.addEventListener("mousedown", function (ev) { drag = [ev.clientX, ev.clientY, view[0], view[1]]; });
  window.addEventListener("mouseup", function () { drag = null; });
  window.addEventListener("mousemove", function (ev) {
    if (!drag) { return; }
    var r = svg.getBoundingClientRect();
    view[0] = drag[2] - (ev.clientX - drag[0]) * view[2] / r.width;
    view[1] = drag[3] - (ev.clientY - drag[1]) * view[3] / r.height;
    setView();
  });

  setView();
  update();
  document.documentElement.setAttribute("data-ready", "true");
})();
