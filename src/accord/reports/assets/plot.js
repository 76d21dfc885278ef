/* Accord utility-space plot: hover shows the deal under the pointer.
 * Works on the SVG drawn by accord.reports.svg.utility_svg and the JSON of plot_data.
 * Used by the web workbench and inlined into the one-file HTML report. No dependencies. */
(function () {
  "use strict";
  var TITLES = {nash: "Nash", kalai_smorodinsky: "Kalai\u2013Smorodinsky", egalitarian: "egalitarian",
                utilitarian: "utilitarian"};

  function esc(text) {
    return String(text).replace(/[&<>"]/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[c];
    });
  }

  function frameOf(svg) {
    var d = svg.dataset;
    return {left: +d.left, top: +d.top, w: +d.w, h: +d.h, x0: +d.x0, x1: +d.x1, y0: +d.y0, y1: +d.y1,
            vbw: svg.viewBox.baseVal.width, vbh: svg.viewBox.baseVal.height};
  }

  function px(f, x) { return f.left + (x - f.x0) / (f.x1 - f.x0) * f.w; }
  function py(f, y) { return f.top + (1 - (y - f.y0) / (f.y1 - f.y0)) * f.h; }

  function dealHtml(data, k, names) {
    var deal = data.deals[k], rows = "";
    var head = names.length ? "<b>" + esc(names.join(" = ")) + "</b>" : "<b>outcome</b>";
    data.parties.forEach(function (p, i) {
      rows += "<tr><td>utility: " + esc(p) + "</td><td>" + deal.u[i].toFixed(4) + "</td></tr>";
    });
    data.issues.forEach(function (issue, i) {
      rows += "<tr><td>" + esc(issue.name) + "</td><td>" + esc(issue.values[deal.v[i]]) + "</td></tr>";
    });
    if (deal.rational !== undefined) {
      rows += "<tr><td>at least as good as no deal for all " + data.parties.length + "</td><td>" + (deal.rational ? "yes" : "no") +
        "</td></tr>";
    }
    return head + "<table>" + rows + "</table>";
  }

  function attach(container, data) {
    var svg = container.querySelector("svg.utility-plot");
    if (!svg || !data) return;
    container.accordPlot = data;
    var tip = container.querySelector(".plot-tip");
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "plot-tip";
      tip.hidden = true;
      container.appendChild(tip);
    }
    var ring = svg.querySelector(".hover-ring");
    svg.addEventListener("mousemove", function (event) {
      var f = frameOf(svg), rect = svg.getBoundingClientRect();
      var sx = (event.clientX - rect.left) * f.vbw / rect.width;
      var sy = (event.clientY - rect.top) * f.vbh / rect.height;
      var best = null, bestD = 1e9, names = [];
      Object.keys(data.solutions).forEach(function (name) {
        var s = data.solutions[name], dx = px(f, s[0]) - sx, dy = py(f, s[1]) - sy, dist = dx * dx + dy * dy;
        if (dist <= 144) {
          if (best && best[2] === s[2]) { names.push(TITLES[name]); }
          else if (dist < bestD) { best = s; bestD = dist; names = [TITLES[name]]; }
        }
      });
      if (!best) {
        [data.frontier, data.points].forEach(function (list) {
          for (var i = 0; i < list.length; i++) {
            var p = list[i], dx = px(f, p[0]) - sx, dy = py(f, p[1]) - sy, dist = dx * dx + dy * dy;
            if (dist < bestD) { best = p; bestD = dist; }
          }
        });
        if (bestD > 400) best = null;
      }
      if (!best) { tip.hidden = true; if (ring) ring.setAttribute("visibility", "hidden"); return; }
      if (ring) {
        ring.setAttribute("cx", px(f, best[0]));
        ring.setAttribute("cy", py(f, best[1]));
        ring.setAttribute("visibility", "visible");
      }
      tip.innerHTML = dealHtml(data, best[2], names);
      tip.hidden = false;
      var cr = container.getBoundingClientRect();
      var left = event.clientX - cr.left + 14, top = event.clientY - cr.top + 14;
      if (left + tip.offsetWidth > cr.width) left = event.clientX - cr.left - tip.offsetWidth - 14;
      tip.style.left = Math.max(0, left) + "px";
      tip.style.top = top + "px";
    });
    svg.addEventListener("mouseleave", function () {
      tip.hidden = true;
      if (ring) ring.setAttribute("visibility", "hidden");
    });
  }

  function init() {
    var nodes = document.querySelectorAll("[data-plot-json]");
    for (var i = 0; i < nodes.length; i++) {
      var source = document.getElementById(nodes[i].getAttribute("data-plot-json"));
      if (source) attach(nodes[i], JSON.parse(source.textContent));
    }
  }

  window.AccordPlot = {attach: attach, esc: esc, titles: TITLES};
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
