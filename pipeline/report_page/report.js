// Draws every chart of the report from the JSON inline in the page (no network, no library).
// Each chart's section gets data-marks: how many marks it drew (0: nothing to show).
"use strict";
(function () {
  var DATA = JSON.parse(document.getElementById("report-data").textContent);
  var NS = "http://www.w3.org/2000/svg";
  var TYPES = ["agreement", "exercise", "statement"];
  var TYPE_COLOURS = { agreement: "var(--agreement)", exercise: "var(--exercise)", statement: "var(--statement)" };
  var tip = document.getElementById("tip");

  function el(tag, attrs, parent, text) {
    var node = document.createElementNS(NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }
  function html(tag, parent, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    if (parent) parent.appendChild(node);
    return node;
  }
  function svgRoot(parent, width, height) {
    return el("svg", { viewBox: "0 0 " + width + " " + height, width: width, height: height, role: "img" }, parent);
  }
  function withTip(node, text) {
    node.addEventListener("mousemove", function (ev) {
      tip.textContent = text; tip.style.display = "block";
      tip.style.left = (ev.clientX + 12) + "px"; tip.style.top = (ev.clientY + 12) + "px";
    });
    node.addEventListener("mouseleave", function () { tip.style.display = "none"; });
    el("title", {}, node, text);
    return node;
  }
  function fmt(n) { return typeof n === "number" ? n.toLocaleString("en") : String(n); }
  function empty(body, text) { html("p", body, text, "empty"); return 0; }
  function max(rows, key) { return rows.reduce(function (m, r) { return Math.max(m, r[key] || 0); }, 0); }
  function dayNumber(iso) { return Date.parse(iso + "T00:00:00Z") / 86400000; }
  // the smallest 1, 2 or 5 times a power of ten at or above n (an axis' top)
  function niceTop(n) {
    if (n <= 0) return 1;
    var p = Math.pow(10, Math.floor(Math.log10(n)));
    return [1, 2, 5, 10].map(function (f) { return f * p; }).filter(function (v) { return v >= n; })[0];
  }
  function ticks(lo, hi, count) {
    var step = Math.max(1, Math.ceil((hi - lo) / count)), out = [];
    for (var v = lo; v <= hi; v += step) out.push(v);
    return out;
  }

  // Every month from the first to the last given (a gap is a month without events, shown empty).
  function monthsBetween(given) {
    var sorted = given.slice().sort(), out = [], y = +sorted[0].slice(0, 4), m = +sorted[0].slice(5, 7);
    var last = sorted[sorted.length - 1];
    while (out.length < 600) {
      var label = y + "-" + (m < 10 ? "0" : "") + m;
      out.push(label);
      if (label >= last) break;
      m += 1; if (m > 12) { m = 1; y += 1; }
    }
    return out;
  }

  var charts = {
    figures: function (body, rows) {
      if (!rows.length) return empty(body, "No tables.");
      var box = html("div", body, undefined, "figures"), marks = 0, f = rows[0];
      Object.keys(f).forEach(function (k) {
        if (f[k] === null || f[k] === undefined) return;
        var cell = html("div", box, undefined, "figure");
        html("b", cell, fmt(f[k]));
        html("span", cell, k.replace(/_/g, " "));
        marks++;
      });
      return marks;
    },

    events_over_time: function (body, rows) {
      if (!rows.length) return empty(body, "No dated events.");
      // one panel per type, each on its own scale (statements outnumber the rest by far)
      var months = monthsBetween(rows.map(function (r) { return r.month; }));
      var cells = {};
      rows.forEach(function (r) { cells[r.event_type + " " + r.month] = r; });
      var types = TYPES.filter(function (t) { return rows.some(function (r) { return r.event_type === t; }); });
      var W = 1100, L = 120, R = 10, panel = 80, gap = 14, B = 22, plotW = W - L - R;
      var svg = svgRoot(body, W, 10 + types.length * (panel + gap) + B), bw = plotW / months.length, marks = 0;
      types.forEach(function (t, k) {
        var y0 = 10 + k * (panel + gap), top = niceTop(Math.max.apply(null, months.map(function (m) {
          return (cells[t + " " + m] || {}).n_reports || 0; })));
        el("text", { x: 0, y: y0 + 14, "font-weight": "bold" }, svg, t);
        [0, top / 2, top].forEach(function (v) {
          var y = y0 + panel - v / top * panel;
          el("line", { x1: L, x2: W - R, y1: y, y2: y, class: "axis" }, svg);
          el("text", { x: L - 6, y: y + 4, "text-anchor": "end" }, svg, fmt(v));
        });
        months.forEach(function (m, i) {
          var r = cells[t + " " + m];
          if (!r) return;
          var h = r.n_reports / top * panel;
          withTip(el("rect", { x: L + i * bw + 1, y: y0 + panel - h, width: Math.max(1, bw - 2), height: h,
                               fill: TYPE_COLOURS[t], "data-mark": "bar" }, svg),
                  m + " " + t + ": " + fmt(r.n_reports) + " event rows, " + fmt(r.n_events) +
                  " real-world events first seen");
          marks++;
        });
      });
      var step = Math.ceil(months.length / 24);
      months.forEach(function (m, i) {
        if (i % step === 0) el("text", { x: L + i * bw + bw / 2, y: 18 + types.length * (panel + gap),
                                        "text-anchor": "middle" }, svg, m);
      });
      return marks;
    },

    agreement_pairs: function (body, rows) {
      if (!rows.length) return empty(body, "No agreement between two parties.");
      var weight = {};
      rows.forEach(function (r) {
        weight[r.party_1] = (weight[r.party_1] || 0) + r.n_events;
        weight[r.party_2] = (weight[r.party_2] || 0) + r.n_events;
      });
      var codes = Object.keys(weight).sort(function (a, b) { return weight[b] - weight[a] || (a < b ? -1 : 1); })
        .slice(0, 20);
      var index = {}; codes.forEach(function (c, i) { index[c] = i; });
      var cell = Math.max(14, Math.min(28, Math.floor(420 / codes.length))), L = 48, T = 48;
      var size = L + codes.length * cell + 10, svg = svgRoot(body, size, T + codes.length * cell + 10);
      var top = max(rows, "n_events") || 1, marks = 0;
      codes.forEach(function (c, i) {
        el("text", { x: L - 4, y: T + i * cell + cell / 2 + 4, "text-anchor": "end" }, svg, c);
        el("text", { x: L + i * cell + cell / 2, y: T - 6, "text-anchor": "start",
                     transform: "rotate(-55 " + (L + i * cell + cell / 2) + " " + (T - 6) + ")" }, svg, c);
        el("rect", { x: L, y: T + i * cell, width: codes.length * cell, height: cell, fill: "none", class: "axis" }, svg);
      });
      rows.forEach(function (r) {
        if (!(r.party_1 in index) || !(r.party_2 in index)) return;
        [[index[r.party_1], index[r.party_2]], [index[r.party_2], index[r.party_1]]].forEach(function (p) {
          var alpha = 0.2 + 0.8 * Math.sqrt(r.n_events / top);
          withTip(el("rect", { x: L + p[1] * cell + 1, y: T + p[0] * cell + 1, width: cell - 2, height: cell - 2,
                               fill: "var(--agreement)", "fill-opacity": alpha.toFixed(2), "data-mark": "cell" }, svg),
                  r.party_1 + " \u2013 " + r.party_2 + ": " + fmt(r.n_events) + " agreement events in " +
                  fmt(r.n_articles) + " articles");
          marks++;
        });
      });
      return marks;
    },

    top_speakers: function (body, rows) {
      if (!rows.length) return empty(body, "No named speaker.");
      var W = 520, row = 18, L = 190, svg = svgRoot(body, W, rows.length * row + 6), top = max(rows, "n_articles") || 1;
      rows.forEach(function (r, i) {
        var y = i * row + 3, w = r.n_articles / top * (W - L - 60);
        el("text", { x: L - 6, y: y + 12, "text-anchor": "end" }, svg,
           r.speaker.length > 28 ? r.speaker.slice(0, 27) + "\u2026" : r.speaker);
        withTip(el("rect", { x: L, y: y, width: Math.max(1, w), height: row - 4, fill: "var(--statement)",
                             "data-mark": "bar" }, svg),
                r.speaker + (r.speaker_code ? " (" + r.speaker_code + ")" : "") + ": " + fmt(r.n_articles) +
                " articles, " + fmt(r.n_statements) + " statements");
        el("text", { x: L + w + 4, y: y + 12 }, svg, fmt(r.n_articles) + (r.speaker_code ? "  " + r.speaker_code : ""));
      });
      return rows.length;
    },

    exercise_timeline: function (body, rows) {
      if (!rows.length) return empty(body, "No exercise with a date.");
      var names = [], seen = {};
      rows.forEach(function (r) { if (!(r.exercise in seen) && names.length < 25) { seen[r.exercise] = names.length; names.push(r.exercise); } });
      var shown = rows.filter(function (r) { return r.exercise in seen; });
      var lo = Math.min.apply(null, shown.map(function (r) { return dayNumber(r.day_start); }));
      var hi = Math.max.apply(null, shown.map(function (r) { return dayNumber(r.day_end); }));
      if (hi - lo < 30) { lo -= 15; hi += 15; }
      var W = 1100, row = 20, L = 260, T = 22, plotW = W - L - 40;
      var svg = svgRoot(body, W, T + names.length * row + 10), top = max(shown, "n_articles") || 1;
      function x(day) { return L + (day - lo) / (hi - lo) * plotW; }
      ticks(0, 12, 12).forEach(function (k) {
        var d = new Date((lo + (hi - lo) * k / 12) * 86400000), label = d.toISOString().slice(0, 7);
        el("line", { x1: L + plotW * k / 12, x2: L + plotW * k / 12, y1: T - 4, y2: T + names.length * row, class: "axis" }, svg);
        el("text", { x: L + plotW * k / 12, y: T - 8, "text-anchor": "middle" }, svg, label);
      });
      names.forEach(function (n, i) {
        el("text", { x: L - 8, y: T + i * row + 14, "text-anchor": "end" }, svg, n.length > 40 ? n.slice(0, 39) + "\u2026" : n);
      });
      shown.forEach(function (r) {
        var y = T + seen[r.exercise] * row + 10, x0 = x(dayNumber(r.day_start)), x1 = x(dayNumber(r.day_end) + 1);
        var radius = 3 + 5 * Math.sqrt(r.n_articles / top);
        var mark = x1 - x0 > 2 * radius
          ? el("rect", { x: x0, y: y - radius, width: x1 - x0, height: 2 * radius, rx: radius,
                         fill: "var(--exercise)", "fill-opacity": "0.7", "data-mark": "span" }, svg)
          : el("circle", { cx: (x0 + x1) / 2, cy: y, r: radius, fill: "var(--exercise)", "fill-opacity": "0.8",
                           "data-mark": "dot" }, svg);
        withTip(mark, r.exercise + " (" + r.participants + "), " + r.action + " " + r.day_start +
                (r.day_end !== r.day_start ? " to " + r.day_end : "") + ": " + fmt(r.n_articles) + " articles. " +
                r.sentence_text);
      });
      return shown.length;
    },

    rejects: function (body, rows) {
      if (!rows.length) return empty(body, "No rejects: every input became an article.");
      var W = 520, row = 20, L = 190, svg = svgRoot(body, W, rows.length * row + 6), top = max(rows, "n_rejects") || 1;
      rows.forEach(function (r, i) {
        var y = i * row + 3, w = r.n_rejects / top * (W - L - 50);
        el("text", { x: L - 6, y: y + 13, "text-anchor": "end" }, svg, r.stage + " / " + r.reason);
        withTip(el("rect", { x: L, y: y, width: Math.max(1, w), height: row - 5, fill: "#b54a4a", "data-mark": "bar" }, svg),
                r.stage + " / " + r.reason + ": " + fmt(r.n_rejects) + (r.example_detail ? ". " + r.example_detail : ""));
        el("text", { x: L + w + 4, y: y + 13 }, svg, fmt(r.n_rejects));
      });
      return rows.length;
    },

    runs: function (body, rows) {
      if (!rows.length) return empty(body, "No run record (no runs table, no run summary).");
      var columns = Object.keys(rows[0]), table = html("table", html("div", body, undefined, "scroll")), head = html("tr", html("thead", table));
      columns.forEach(function (c) { html("th", head, c.replace(/_/g, " ")); });
      var tbody = html("tbody", table);
      rows.forEach(function (r) {
        var tr = html("tr", tbody);
        columns.forEach(function (c) {
          var v = r[c];
          html("td", tr, v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : fmt(v));
        });
      });
      return rows.length;
    }
  };

  document.querySelectorAll("section[data-chart]").forEach(function (section) {
    var name = section.getAttribute("data-chart");
    var marks = charts[name](section.querySelector(".body"), DATA[name] || []);
    section.setAttribute("data-marks", String(marks));
  });
  document.body.setAttribute("data-rendered", "true");
})();
