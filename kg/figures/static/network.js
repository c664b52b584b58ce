// Interactive twinning network of rujp-kg: plain SVG, no library, no request at view time.
// Reads the graph from the JSON script element #graph-data; every text taken from the
// data is inserted with textContent (never innerHTML).
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var nodes = data.nodes;
  var edges = data.edges;
  var UI = data.ui;
  var svg = document.getElementById("canvas");
  var backdrop = document.getElementById("backdrop");
  var edgeLayer = document.getElementById("edges");
  var nodeLayer = document.getElementById("nodes");
  var leaderLayer = document.getElementById("leaders");
  var labelLayer = document.getElementById("labels");
  var tooltip = document.getElementById("tooltip");
  var search = document.getElementById("search");
  var lang = document.getElementById("lang");
  var layout = document.getElementById("layout");
  var year = document.getElementById("year");
  var yearOut = document.getElementById("year-value");
  var allYears = document.getElementById("all-years");
  var count = document.getElementById("visible-count");
  var matches = document.getElementById("match-count");
  var legend = document.getElementById("legend");
  var filters = document.getElementById("filters");
  var kindBoxes = Array.prototype.slice.call(document.querySelectorAll("input[name=kind]"));
  var KIND_COLOR = { sister: "#2a7f62", friendship: "#d68910", partner: "#7d3c98", other: "#7f8c8d" };
  var COUNTRY_COLOR = { JP: "#c0392b", RU: "#1f4e9c" };
  var LABEL_PX = 11;

  function t(key) {
    var table = UI[lang.value] || UI.en;
    return table[key] !== undefined ? table[key] : (UI.en[key] !== undefined ? UI.en[key] : key);
  }

  // The folding of kg/figures/names.py: NFKD, lower case, letters and digits only.
  function fold(s) {
    return String(s).normalize("NFKD").toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
  }

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function label(n, language) {
    return n["label_" + language] || n.label_en || n.key;
  }

  function radius(n) { return 4 + 2.2 * Math.sqrt(n.degree); }

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

  function geo() { return layout.value === "geo"; }
  function pos(n) { return geo() ? [n.x, n.y] : [n.fx, n.fy]; }

  // -- backdrop: coastline and the two edge panels of the geographic layout -------------
  var panels = data.panels;
  var clip = document.getElementById("map-clip-rect");
  clip.setAttribute("x", panels.map[0]);
  clip.setAttribute("y", panels.map[1]);
  clip.setAttribute("width", panels.map[2] - panels.map[0]);
  clip.setAttribute("height", panels.map[3] - panels.map[1]);
  el("rect", { x: panels.map[0], y: panels.map[1], width: panels.map[2] - panels.map[0],
    height: panels.map[3] - panels.map[1], fill: "#dcebf5" }, backdrop);
  if (data.land) { el("path", { d: data.land, "class": "land", "clip-path": "url(#map-clip)" }, backdrop); }
  var panelTitles = [];
  ["west", "none"].forEach(function (name) {
    if (!nodes.some(function (n) { return n.where === name; })) { return; }
    var b = panels[name];
    el("rect", { x: b[0], y: b[1], width: b[2] - b[0], height: b[3] - b[1], "class": "panel", "data-panel": name }, backdrop);
    var title = el("text", { x: b[0] + 6, y: b[1] + 14, "class": "panel-title", "data-key": "panel:" + name }, backdrop);
    panelTitles.push(title);
  });

  // -- edges, nodes, labels -------------------------------------------------------------
  var nodeEls = [];
  var labelEls = [];
  var leaderEls = [];
  var edgeEls = [];
  edges.forEach(function (e) {
    var line = el("line", { "class": "edge", stroke: KIND_COLOR[e.kind] || "#555", "data-id": e.id }, edgeLayer);
    line.addEventListener("mouseenter", function (ev) { if (!pinned) { showEdge(e, ev); } });
    line.addEventListener("mouseleave", function () { if (!pinned) { hide(); } });
    line.addEventListener("click", function (ev) { ev.stopPropagation(); showEdge(e, ev); pin(); });
    edgeEls.push(line);
  });
  nodes.forEach(function (n, i) {
    var circle = el("circle", {
      r: radius(n), "class": "node " + n.where, fill: COUNTRY_COLOR[n.country] || "#777", "data-id": n.id
    }, nodeLayer);
    if (n.where === "none") { circle.style.stroke = COUNTRY_COLOR[n.country] || "#777"; }
    if (n.where === "west") { circle.style.stroke = "#111"; circle.style.strokeWidth = "2"; }
    circle.addEventListener("mouseenter", function (ev) { if (!pinned) { showNode(i, ev); } });
    circle.addEventListener("mouseleave", function () { if (!pinned) { hide(); } });
    circle.addEventListener("click", function (ev) { ev.stopPropagation(); showNode(i, ev); pin(); });
    nodeEls.push(circle);
    labelEls.push(el("text", { "class": "label", "data-id": n.id }, labelLayer));
    var leader = el("line", { "class": "leader" }, leaderLayer);
    leader.style.display = "none";
    leaderEls.push(leader);
  });

  function drawPositions() {
    svg.classList.toggle("force", !geo());
    backdrop.style.display = geo() ? "" : "none";
    nodes.forEach(function (n, i) {
      var p = pos(n);
      nodeEls[i].setAttribute("cx", p[0]);
      nodeEls[i].setAttribute("cy", p[1]);
    });
    edges.forEach(function (e, k) {
      var a = pos(nodes[e.source]);
      var b = pos(nodes[e.target]);
      edgeEls[k].setAttribute("x1", a[0]); edgeEls[k].setAttribute("y1", a[1]);
      edgeEls[k].setAttribute("x2", b[0]); edgeEls[k].setAttribute("y2", b[1]);
    });
  }

  // -- label placement: no label over another label, a marker or a panel title ----------
  var view = data.viewBox.slice();
  var visible = [];
  var hits = [];

  function unitsPerPx() {
    var r = svg.getBoundingClientRect();
    if (!r.width || !r.height) { return 1; }
    return Math.max(view[2] / r.width, view[3] / r.height);
  }

  function overlaps(a, b) {
    return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  }

  function placeLabels() {
    var u = unitsPerPx();
    var size = LABEL_PX * u;
    var gap = 1.5 * u;
    // the part of the drawing that is on screen, in user units
    var r = svg.getBoundingClientRect();
    var cx = view[0] + view[2] / 2;
    var cy = view[1] + view[3] / 2;
    var frame = [cx - r.width * u / 2 + gap, cy - r.height * u / 2 + gap,
      cx + r.width * u / 2 - gap, cy + r.height * u / 2 - gap];
    var fixed = [];
    nodes.forEach(function (n, i) {
      if (!visible[i]) { return; }
      var p = pos(n);
      var rad = radius(n);
      fixed.push([p[0] - rad, p[1] - rad, p[0] + rad, p[1] + rad]);
    });
    panelTitles.forEach(function (title) {
      title.setAttribute("font-size", size);
      if (geo()) {
        var b = title.getBBox();
        fixed.push([b.x - gap, b.y - gap, b.x + b.width + gap, b.y + b.height + gap]);
      }
    });
    var order = nodes.map(function (n, i) { return i; }).filter(function (i) { return visible[i]; });
    var listed = function (i) { return geo() && nodes[i].where === "none" ? 1 : 0; };
    order.sort(function (a, b) {
      return listed(b) - listed(a) || (hits[b] ? 1 : 0) - (hits[a] ? 1 : 0) ||
        nodes[b].degree - nodes[a].degree || a - b;
    });
    var placed = [];
    nodes.forEach(function (n, i) {
      labelEls[i].style.display = "none";
      leaderEls[i].style.display = "none";
    });
    order.forEach(function (i) {
      var n = nodes[i];
      var text = labelEls[i];
      text.setAttribute("font-size", size);
      text.setAttribute("x", 0);
      text.setAttribute("y", 0);
      text.style.display = "";
      var bb = text.getBBox();
      var w = bb.width;
      var h = bb.height;
      var ascent = -bb.y;
      var p = pos(n);
      var rad = radius(n) + 2 * u;
      var spots = [];
      [1, 2.2, 3.6, 5.2, 7, 9].forEach(function (ring) {
        var d = rad + (ring - 1) * h;
        spots.push([p[0] + d, p[1] - h / 2], [p[0] - d - w, p[1] - h / 2],
          [p[0] - w / 2, p[1] - d - h], [p[0] - w / 2, p[1] + d],
          [p[0] + d * 0.8, p[1] - d * 0.8 - h], [p[0] + d * 0.8, p[1] + d * 0.8],
          [p[0] - d * 0.8 - w, p[1] - d * 0.8 - h], [p[0] - d * 0.8 - w, p[1] + d * 0.8]);
      });
      if (listed(i)) { spots = [[p[0] + rad, p[1] - h / 2]]; }  // a list: the name beside it
      var chosen = null;
      for (var s = 0; s < spots.length && chosen === null; s += 1) {
        var box = [spots[s][0] - gap, spots[s][1] - gap, spots[s][0] + w + gap, spots[s][1] + h + gap];
        if (box[0] < frame[0] || box[1] < frame[1] || box[2] > frame[2] || box[3] > frame[3]) { continue; }
        var free = true;
        for (var k = 0; k < placed.length && free; k += 1) { if (overlaps(box, placed[k])) { free = false; } }
        for (var f = 0; f < fixed.length && free; f += 1) { if (overlaps(box, fixed[f])) { free = false; } }
        if (free) { chosen = s; placed.push(box); }
      }
      if (chosen === null) { text.style.display = "none"; return; }
      var spot = spots[chosen];
      text.setAttribute("x", spot[0]);
      text.setAttribute("y", spot[1] + ascent);
      if (chosen >= 8) {
        var lx = Math.min(Math.max(p[0], spot[0]), spot[0] + w);
        var ly = Math.min(Math.max(p[1], spot[1]), spot[1] + h);
        var leader = leaderEls[i];
        leader.setAttribute("x1", p[0]); leader.setAttribute("y1", p[1]);
        leader.setAttribute("x2", lx); leader.setAttribute("y2", ly);
        leader.style.display = "";
      }
    });
    document.documentElement.setAttribute("data-labels", String(placed.length));
  }

  var pending = 0;
  function schedulePlacement() {
    if (pending) { window.clearTimeout(pending); }
    pending = window.setTimeout(function () { pending = 0; placeLabels(); }, 90);
  }

  // -- tooltips ---------------------------------------------------------------------------
  var pinned = false;
  var lastEvent = null;

  function line(parent, text, cls) {
    var div = document.createElement("div");
    if (cls) { div.className = cls; }
    div.textContent = text;
    parent.appendChild(div);
    return div;
  }

  // An address as a reader reads it: percent-escapes decoded (for display only).
  function decoded(url) {
    try { return decodeURIComponent(url); } catch (err) {
      try { return decodeURI(url); } catch (err2) { return url; }
    }
  }

  function shortUrl(url) {
    var text = decoded(url);
    text = text.replace(/^https?:\/\//, "").replace(/^www\./, "").replace(/\/$/, "");
    return text.length > 48 ? text.slice(0, 32) + "…" + text.slice(-13) : text;
  }

  function statusText(s) {
    return t("status:" + s.status) + " " + s.date;
  }

  function closeButton() {
    var b = document.createElement("button");
    b.className = "close";
    b.type = "button";
    b.textContent = "×";
    b.title = t("close");
    b.setAttribute("aria-label", t("close"));
    b.addEventListener("click", function (ev) { ev.stopPropagation(); unpin(); });
    tooltip.appendChild(b);
  }

  function place(ev) {
    lastEvent = { clientX: ev.clientX, clientY: ev.clientY };
    tooltip.hidden = false;
    tooltip.style.left = "0px";
    tooltip.style.top = "0px";
    var w = tooltip.offsetWidth;
    var h = tooltip.offsetHeight;
    var W = window.innerWidth;
    var H = window.innerHeight;
    var left = ev.clientX + 14;
    var top = ev.clientY + 12;
    if (left + w > W - 8) { left = ev.clientX - w - 14; }
    if (top + h > H - 8) { top = ev.clientY - h - 12; }
    left = Math.max(8, Math.min(left, W - w - 8));
    top = Math.max(8, Math.min(top, H - h - 8));
    tooltip.style.left = left + "px";
    tooltip.style.top = top + "px";
  }

  function showNode(i, ev) {
    var n = nodes[i];
    tooltip.textContent = "";
    closeButton();
    line(tooltip, label(n, lang.value), "title");
    ["en", "ru", "ja"].forEach(function (l) {
      if (l !== lang.value && n["label_" + l] && n["label_" + l] !== label(n, lang.value)) { line(tooltip, n["label_" + l]); }
    });
    line(tooltip, t("country:" + n.country) + (n.where === "none" ? " · " + t("none") : n.where === "west" ? " · " + t("west") : ""), "muted");
    edges.forEach(function (e) {
      if (e.source !== i && e.target !== i) { return; }
      var other = nodes[e.source === i ? e.target : e.source];
      var s = statusAsOf(e, null);
      line(tooltip, "— " + label(other, lang.value) + ": " + t("kind:" + e.kind) +
        (e.established ? ", " + e.established : "") + (s ? ", " + statusText(s) : ""));
    });
    tooltip.setAttribute("data-for", n.id);
    place(ev);
  }

  function showEdge(e, ev) {
    tooltip.textContent = "";
    closeButton();
    line(tooltip, label(nodes[e.source], lang.value) + " – " + label(nodes[e.target], lang.value), "title");
    line(tooltip, t("kind:" + e.kind) + (e.kind_local ? " (" + e.kind_local + ")" : ""));
    line(tooltip, t("established") + ": " + (e.established || t("unknown")));
    e.statuses.forEach(function (s) { line(tooltip, statusText(s)); });
    e.sources.forEach(function (src) {
      var div = line(tooltip, t("source") + ": " + [src.publisher, src.title, src.published].filter(Boolean).join(" · "), "muted");
      if (src.url) {
        div.appendChild(document.createTextNode(" · "));
        var a = document.createElement("a");
        a.href = src.url;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        a.textContent = shortUrl(src.url);
        a.title = decoded(src.url);
        div.appendChild(a);
      }
    });
    tooltip.setAttribute("data-for", e.id);
    place(ev);
  }

  function pin() { pinned = true; tooltip.classList.add("pinned"); }
  function unpin() { pinned = false; tooltip.classList.remove("pinned"); hide(); }
  function hide() { tooltip.hidden = true; }
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") { unpin(); } });

  // -- language -------------------------------------------------------------------------
  function legendItem(swatch, text) {
    var span = document.createElement("span");
    span.className = "item";
    span.appendChild(swatch);
    span.appendChild(document.createTextNode(text));
    legend.appendChild(span);
  }

  function swatch(cls, color) {
    var s = document.createElement("span");
    s.className = cls;
    if (color) { s.style.background = color; }
    return s;
  }

  function applyLanguage() {
    var l = lang.value;
    document.documentElement.lang = l;
    document.title = t("title");
    svg.setAttribute("aria-label", t("title"));
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n]"), function (node) {
      node.textContent = t(node.getAttribute("data-i18n"));
    });
    panelTitles.forEach(function (title) { title.textContent = t(title.getAttribute("data-key")); });
    var shown = t("shown").replace("{total}", String(nodes.length)).split("{n}");
    document.getElementById("shown-pre").textContent = shown[0];
    document.getElementById("shown-post").textContent = shown[1] || "";
    legend.textContent = "";
    Object.keys(KIND_COLOR).forEach(function (k) {
      if (edges.some(function (e) { return e.kind === k; })) { legendItem(swatch("swatch", KIND_COLOR[k]), t("kind:" + k)); }
    });
    legendItem(swatch("swatch dashed"), t("suspended"));
    Object.keys(COUNTRY_COLOR).forEach(function (c) { legendItem(swatch("dot", COUNTRY_COLOR[c]), t("country:" + c)); });
    if (nodes.some(function (n) { return n.where === "west"; })) {
      var d = swatch("dot", "#888"); d.style.border = "2px solid #111"; legendItem(d, t("west"));
    }
    if (nodes.some(function (n) { return n.where === "none"; })) { legendItem(swatch("dot hollow"), t("none")); }
    nodes.forEach(function (n, i) { labelEls[i].textContent = label(n, l); });
    if (!tooltip.hidden && lastEvent) { unpin(); }
  }

  // -- filters and search ---------------------------------------------------------------
  function update() {
    var y = allYears.checked ? null : parseInt(year.value, 10);
    yearOut.textContent = y === null ? t("all") : String(y);
    var kinds = {};
    kindBoxes.forEach(function (b) { kinds[b.value] = b.checked; });
    var seen = new Array(nodes.length).fill(false);
    edges.forEach(function (e, k) {
      var show = edgeVisible(e, y, kinds);
      edgeEls[k].style.display = show ? "" : "none";
      var s = statusAsOf(e, y);
      edgeEls[k].classList.toggle("suspended", Boolean(s && s.status === "suspended"));
      var far = nodes[e.source].where === "none" || nodes[e.target].where === "none";
      edgeEls[k].style.opacity = geo() && far ? "0.35" : "";
      if (show) { seen[e.source] = true; seen[e.target] = true; }
    });
    var query = fold(search.value);
    var found = 0;
    var shown = 0;
    nodes.forEach(function (n, i) {
      var hit = query !== "" && n.search.some(function (key) { return key.indexOf(query) >= 0; });
      hits[i] = hit;
      visible[i] = seen[i];
      if (hit) { found += 1; }
      nodeEls[i].style.display = seen[i] ? "" : "none";
      nodeEls[i].classList.toggle("hit", hit);
      nodeEls[i].classList.toggle("dim", query !== "" && !hit);
      labelEls[i].classList.toggle("hit", hit);
      labelEls[i].classList.toggle("dim", query !== "" && !hit);
      if (seen[i]) { shown += 1; }
    });
    count.textContent = String(shown);
    matches.textContent = query === "" ? "" : t("found").replace("{n}", String(found));
    placeLabels();
  }

  search.addEventListener("input", update);
  year.addEventListener("input", function () { allYears.checked = false; update(); });
  year.addEventListener("change", function () { allYears.checked = false; update(); });
  allYears.addEventListener("change", update);
  kindBoxes.forEach(function (b) { b.addEventListener("change", update); });
  lang.addEventListener("change", function () { applyLanguage(); update(); });
  layout.addEventListener("change", function () { drawPositions(); fit(); update(); });

  // -- pan and zoom: wheel, mouse drag, touch pan and pinch ---------------------------------
  function setView() { svg.setAttribute("viewBox", view.join(" ")); }

  function toUser(clientX, clientY) {
    var r = svg.getBoundingClientRect();
    var u = unitsPerPx();
    return [view[0] + view[2] / 2 + (clientX - r.left - r.width / 2) * u,
      view[1] + view[3] / 2 + (clientY - r.top - r.height / 2) * u];
  }

  function zoomAt(clientX, clientY, f) {
    var p = toUser(clientX, clientY);
    view = [p[0] - (p[0] - view[0]) * f, p[1] - (p[1] - view[1]) * f, view[2] * f, view[3] * f];
    setView();
    schedulePlacement();
  }

  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    zoomAt(ev.clientX, ev.clientY, ev.deltaY > 0 ? 1.15 : 1 / 1.15);
  }, { passive: false });

  var pointers = {};
  var gesture = null;
  svg.addEventListener("pointerdown", function (ev) {
    pointers[ev.pointerId] = [ev.clientX, ev.clientY];
    gesture = null;
  });
  window.addEventListener("pointermove", function (ev) {
    if (!pointers[ev.pointerId]) { return; }
    var ids = Object.keys(pointers);
    var prev = pointers[ev.pointerId];
    pointers[ev.pointerId] = [ev.clientX, ev.clientY];
    if (ids.length === 1) {
      var u = unitsPerPx();
      view[0] -= (ev.clientX - prev[0]) * u;
      view[1] -= (ev.clientY - prev[1]) * u;
      setView();
      schedulePlacement();
    } else if (ids.length === 2) {
      var a = pointers[ids[0]];
      var b = pointers[ids[1]];
      var dist = Math.hypot(a[0] - b[0], a[1] - b[1]);
      if (gesture && dist > 0) { zoomAt((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, gesture / dist); }
      gesture = dist;
    }
  });
  function release(ev) { delete pointers[ev.pointerId]; gesture = null; }
  window.addEventListener("pointerup", release);
  window.addEventListener("pointercancel", release);
  svg.addEventListener("click", function () { if (pinned) { unpin(); } });

  // The whole drawing, or on a tall narrow screen the map itself, fills the canvas.
  function fit() {
    var r = svg.getBoundingClientRect();
    var narrow = r.width > 0 && r.width / r.height < 0.9 && geo();
    var whole = geo() ? data.viewBox : data.forceBox;
    var box = narrow ? [panels.map[0], panels.map[1], panels.map[2], panels.map[3]] :
      [whole[0], whole[1], whole[0] + whole[2], whole[1] + whole[3]];
    view = [box[0], box[1], box[2] - box[0], box[3] - box[1]];
    setView();
  }

  window.addEventListener("resize", function () { fit(); schedulePlacement(); });
  var size = [0, 0];
  if (window.ResizeObserver) {  // the filters opening or closing resize the canvas
    new ResizeObserver(function () {
      var r = svg.getBoundingClientRect();
      if (Math.abs(r.width - size[0]) + Math.abs(r.height - size[1]) < 1) { return; }
      size = [r.width, r.height];
      schedulePlacement();
    }).observe(svg);
  }
  if (window.innerWidth <= 640) { filters.open = false; }
  drawPositions();
  applyLanguage();
  fit();
  update();
  document.documentElement.setAttribute("data-ready", "true");
})();
