/* The robustness panel of the scenario page: runs POST /api/robust for the scenario as edited on the page (the
 * edit app.js keeps in this tab; the server adds the stored scenario's distributions) and shows the
 * probabilities, the robust deal, the utility space coloured by P(rational and ratified) and the drivers.
 * Plain JavaScript, no build step; the drawings come ready from the API (view.svg, view.drivers_svg). */
(function () {
  "use strict";

  var esc = window.AccordPlot.esc;

  function $(selector) { return document.querySelector(selector); }

  function pct(value) { return (100 * value).toFixed(1) + "%"; }

  function estimate(e) { return pct(e.value) + " ± " + pct(e.se); }

  function axes() {
    var x = $("#axis-x"), y = $("#axis-y");
    return x && y ? [parseInt(x.value, 10), parseInt(y.value, 10)] : [0, 1];
  }

  function dealTable(doc) {
    var deal = doc.robust_deal;
    if (!deal) {
      return "<p><b>Robust deal:</b> none — no package was rational for every party and ratified by every " +
        "constituency in any sample.</p>";
    }
    var rows = Object.keys(deal.outcome).map(function (issue) {
      return "<tr><td>" + esc(issue) + "</td><td>" + esc(deal.outcome[issue]) + "</td></tr>";
    });
    doc.parties.forEach(function (party, k) {
      var u = deal.utilities;
      rows.push("<tr><td>utility: " + esc(party) + "</td><td>" + u.median[k].toFixed(3) + " (5–95 %: " +
        u.p05[k].toFixed(3) + "–" + u.p95[k].toFixed(3) + ")</td></tr>");
    });
    return "<p><b>Robust deal</b>: P(rational) " + pct(deal.p_rational) + ", P(rational and ratified) " +
      '<span data-figure="robust-p-ratified">' + pct(deal.p_ratified) + "</span>.</p>" +
      '<table class="grid" id="robust-deal"><tbody>' + rows.join("") + "</tbody></table>";
  }

  function render(doc, edited) {
    var view = doc.view, note = doc.parameters.length ? "" :
      '<p class="small muted">The scenario states no distributions, so every probability is 0 or 1.</p>';
    var fallback = view.measure === "ratified" ? "" :
      " No package was ratified in any sample, so the colour shows P(rational for every party) instead.";
    var moved = doc.drivers.some(function (d) { return d.delta_p !== 0; });
    $("#robust-result").innerHTML = note +
      '<table class="grid" id="robust-probabilities"><tbody>' +
      '<tr><td>P(a zone of agreement exists)</td><td data-figure="p_zone">' + estimate(doc.p_zone) + "</td></tr>" +
      '<tr><td>P(a ratifiable zone exists)</td><td data-figure="p_ratifiable_zone">' +
      estimate(doc.p_ratifiable_zone) + "</td></tr></tbody></table>" +
      '<p class="small muted">' + doc.samples.toLocaleString("en") + " samples, seed " + doc.seed +
      "; ± one Monte Carlo standard error" + (edited ? "; with the numbers edited above" : "") + ".</p>" + dealTable(doc) +
      '<div class="plot" id="robust-plot">' + view.svg + "</div>" + view.key +
      '<p class="small muted">Each drawn package coloured by ' + esc(view.measure_title) + "." + fallback + "</p>" +
      (view.drivers_svg === null ? "" : "<h3>Which assumption matters</h3>" + (moved
        ? "<p class=\"small muted\">Change in P(a ratifiable zone exists) between each number's top and bottom " +
          'decile.</p><div id="robust-drivers">' + view.drivers_svg + "</div>"
        : "<p>Whether a ratifiable zone exists never changed across the samples, so no uncertain number " +
          "moves it.</p>"));
  }

  /* The page's edited document (kept by app.js in sessionStorage), or null when nothing was edited. */
  function pageEdit(sid) {
    try { return JSON.parse(sessionStorage.getItem("accord-edit:" + sid) || "null"); } catch (e) { return null; }
  }

  function run() {
    var panel = $("#robust-panel"), status = $("#robust-status"), error = $("#robust-error");
    var sid = panel.dataset.sid, edit = pageEdit(sid);
    var body = edit ? {scenario: edit, origin: sid} : {scenario_id: sid};
    body.samples = parseInt($("#robust-samples").value, 10);
    body.seed = parseInt($("#robust-seed").value, 10);
    body.axes = axes();
    status.textContent = "estimating…";
    error.hidden = true;
    $("#robust-run").disabled = true;
    fetch("/api/robust", {method: "POST", headers: {"Content-Type": "application/json"},
                          body: JSON.stringify(body)})
      .then(function (response) {
        return response.json().then(function (data) {
          if (!response.ok) throw new Error(typeof data.detail === "string" ? data.detail : "request failed");
          return data;
        });
      })
      .then(function (doc) {
        render(doc, edit !== null);
        status.textContent = "";
      })
      .catch(function (problem) {
        error.textContent = "error: " + problem.message;
        error.hidden = false;
        status.textContent = "";
      })
      .then(function () {
        $("#robust-run").disabled = false;
        document.body.dataset.robust = String(parseInt(document.body.dataset.robust || "0", 10) + 1);
      });
  }

  function init() {
    var button = $("#robust-run");
    if (button) button.addEventListener("click", run);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
