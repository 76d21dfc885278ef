/* Accord workbench pages: what-if editing on the scenario page, the simulation player.
 * Plain JavaScript, no build step. Talks to the JSON API under /api. */
(function () {
  "use strict";
  var esc = window.AccordPlot.esc, TITLES = window.AccordPlot.titles;
  var ORDER = ["nash", "kalai_smorodinsky", "egalitarian", "utilitarian"];

  function $(selector) { return document.querySelector(selector); }

  function post(url, body) {
    return fetch(url, {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)})
      .then(function (response) {
        return response.json().then(function (data) {
          if (!response.ok) {
            var detail = typeof data.detail === "string" ? data.detail : JSON.stringify(data.detail);
            throw new Error(detail);
          }
          return data;
        });
      });
  }

  function showError(message) {
    var box = $("#error");
    if (!box) return;
    box.hidden = !message;
    box.textContent = message ? "error: " + message : "";
  }

  /* ---------------------------------------------------------------- scenario page: what if */
  function workbench() {
    var doc = JSON.parse($("#scenario-doc").textContent);
    var original = JSON.stringify(doc);
    var previous = null, sequence = 0;

    function solutionCells(response) {
      var plot = response.plot, cells = {};
      ORDER.forEach(function (name) {
        var s = plot.solutions[name];
        if (!s) return;
        var deal = plot.deals[s[2]];
        cells[name] = plot.issues.map(function (issue, i) { return issue.values[deal.v[i]]; })
          .concat(deal.u.map(function (u) { return u.toFixed(4); }));
      });
      return cells;
    }

    function render(response) {
      var a = response.analysis, plot = response.plot;
      var container = $("#plot");
      container.innerHTML = response.svg;
      window.AccordPlot.attach(container, plot);
      var share = a.n_outcomes ? (100 * a.rational_outcomes / a.n_outcomes).toFixed(2) : "0";
      $("#summary").innerHTML = a.n_outcomes.toLocaleString("en") + " feasible outcomes; " +
        (a.zone_of_agreement ? "<b>zone of agreement</b>: " + a.rational_outcomes.toLocaleString("en") +
          " (" + share + "%) at least as good as no deal for every party"
          : "<b>no zone of agreement</b>: no outcome is at least as good as no deal for every party") +
        "; frontier: " + a.frontier_points + " utility vectors." +
        (a.rational_ratified === null || a.rational_ratified === undefined ? "" :
          " With domestic ratification: " + a.rational_ratified.toLocaleString("en") + " outcomes.");
      $("#drawn").textContent = plot.points.length.toLocaleString("en") + " of " +
        plot.n_outcomes.toLocaleString("en") + " outcomes drawn (one per pixel cell)";
      var cells = solutionCells(response), names = ORDER.filter(function (n) { return cells[n]; });
      var html;
      if (!names.length) {
        html = "<p><b>No solutions:</b> there is no zone of agreement.</p>";
      } else {
        var rows = plot.issues.map(function (issue) { return issue.name; })
          .concat(plot.parties.map(function (p) { return "utility: " + p; }));
        html = "<table class=\"grid\" id=\"solutions-table\"><thead><tr><th>issue</th>" +
          names.map(function (n) { return "<th>" + TITLES[n] + "</th>"; }).join("") + "</tr></thead><tbody>";
        rows.forEach(function (label, r) {
          html += "<tr" + (r >= plot.issues.length ? " class=\"utility-row\"" : "") + "><td>" + esc(label) + "</td>";
          names.forEach(function (n) {
            var changed = previous && previous[n] && previous[n][r] !== cells[n][r];
            html += "<td data-solution=\"" + n + "\"" + (changed ? " class=\"changed\"" : "") + ">" +
              esc(cells[n][r]) + "</td>";
          });
          html += "</tr>";
        });
        html += "</tbody></table>";
      }
      $("#solutions").innerHTML = html;
      previous = cells;
    }

    function axes() {
      var x = $("#axis-x"), y = $("#axis-y");
      return x && y ? [+x.value, +y.value] : [0, 1];
    }

    function analyze() {
      var mine = ++sequence, started = performance.now();
      $("#status").textContent = "updating…";
      post("/api/analyze", {scenario: doc, axes: axes()}).then(function (response) {
        if (mine !== sequence) return;
        showError("");
        render(response);
        $("#status").textContent = "updated in " + Math.round(performance.now() - started) + " ms";
        document.body.dataset.analysis = String(mine);
      }).catch(function (error) {
        if (mine !== sequence) return;
        showError(error.message);
        $("#status").textContent = "";
      });
    }

    function utilityOf(party) { return doc.parties[party].utility; }

    function clamp(value) { return Math.min(1, Math.max(0, isFinite(value) ? value : 0)); }

    function round6(x) { return Math.round(x * 1e6) / 1e6; }

    function setWeight(party, issue, value) {
      var weights = utilityOf(party).weights, others = Object.keys(weights).filter(function (k) { return k !== issue; });
      var rest = others.reduce(function (s, k) { return s + weights[k]; }, 0);
      weights[issue] = value;
      others.forEach(function (k) {
        weights[k] = round6(rest > 0 ? weights[k] * (1 - value) / rest : (1 - value) / others.length);
        var input = document.querySelector("input[data-kind=weight][data-party=\"" + party + "\"][data-issue=\"" +
          CSS.escape(k) + "\"]");
        if (input) input.value = weights[k];
      });
    }

    document.querySelectorAll("#preferences input[data-kind]").forEach(function (input) {
      input.addEventListener("change", function () {
        var party = +input.dataset.party, value = clamp(parseFloat(input.value));
        input.value = value;
        if (input.dataset.kind === "reservation") doc.parties[party].reservation = value;
        else if (input.dataset.kind === "weight") setWeight(party, input.dataset.issue, value);
        else utilityOf(party).values[input.dataset.issue][input.dataset.option] = value;
        input.classList.add("edited");
        analyze();
      });
    });
    ["#axis-x", "#axis-y"].forEach(function (id) { if ($(id)) $(id).addEventListener("change", analyze); });
    $("#reset").addEventListener("click", function () {
      doc = JSON.parse(original);
      document.querySelectorAll("#preferences input[data-kind]").forEach(function (input) {
        var party = doc.parties[+input.dataset.party];
        if (input.dataset.kind === "reservation") input.value = party.reservation;
        else if (input.dataset.kind === "weight") input.value = party.utility.weights[input.dataset.issue];
        else input.value = party.utility.values[input.dataset.issue][input.dataset.option];
        input.classList.remove("edited");
      });
      previous = null;
      analyze();
    });
    $("#download").addEventListener("click", function () {
      var blob = new Blob([JSON.stringify(doc, null, 2)], {type: "application/json"});
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = (doc.name || "scenario") + "-edited.json";
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    });
    var initial = JSON.parse($("#initial-analysis").textContent);
    render(initial);
    document.body.dataset.analysis = "0";
  }

  /* ---------------------------------------------------------------- simulation page */
  function simulation() {
    var form = $("#simulate-form"), result = null, labels = {}, timer = null;

    function show(step) {
      var svg = $("#sim-plot svg");
      if (!svg) return;
      svg.querySelectorAll("[data-step]").forEach(function (el) {
        el.setAttribute("visibility", +el.dataset.step <= step ? "visible" : "hidden");
      });
      $("#step").value = step;
      var row = result.trace[step];
      $("#step-label").textContent = "step " + step + " of " + (result.trace.length - 1) +
        (row ? " — round " + row.round + ", " + row.party + " " + row.action : "");
      var html = "";
      if (row && row.offer) {
        html = "<h3>" + esc(row.party) + ": " + esc(row.action) + "</h3><table class=\"grid\">";
        Object.keys(row.offer).forEach(function (k) {
          var shown = (labels[k] || {})[String(row.offer[k])];
          html += "<tr><td>" + esc(k) + "</td><td>" + esc(shown === undefined ? row.offer[k] : shown) + "</td></tr>";
        });
        result.parties.forEach(function (p, i) {
          html += "<tr class=\"utility-row\"><td>utility: " + esc(p) + "</td><td>" + row.utilities[i].toFixed(4) +
            "</td></tr>";
        });
        html += "</table>";
      }
      $("#sim-offer").innerHTML = html;
    }

    function stop() { if (timer) { clearInterval(timer); timer = null; $("#play").textContent = "Play"; } }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      stop();
      var strategies = Array.prototype.map.call(form.querySelectorAll("select[name=strategy]"),
                                                function (s) { return s.value; });
      var body = {scenario_id: form.dataset.scenario, strategies: strategies, protocol: form.protocol.value,
                  rounds: +form.rounds.value, seed: +form.seed.value};
      $("#run").disabled = true;
      post("/api/simulate", body).then(function (response) {
        showError("");
        result = response.result;
        labels = response.labels || {};
        $("#sim-plot").innerHTML = response.svg;
        var s = result.agreement
          ? "Agreement after " + result.rounds + " rounds: " + result.parties.map(function (p, i) {
              return esc(p) + " " + result.utilities[i].toFixed(4); }).join(", ") +
            ". Distance to the frontier " + (result.pareto_distance || 0).toFixed(4) + ", to Nash " +
            (result.nash_distance || 0).toFixed(4) + "."
          : "No agreement: ended by " + esc(result.ended_by) + " after " + result.rounds + " rounds.";
        $("#sim-summary").innerHTML = s;
        $("#sim-summary").hidden = false;
        $("#player").hidden = !result.trace.length;
        $("#step").max = Math.max(0, result.trace.length - 1);
        show(Math.max(0, result.trace.length - 1));
      }).catch(function (error) { showError(error.message); })
        .finally(function () { $("#run").disabled = false; });
    });
    $("#step").addEventListener("input", function () { stop(); show(+$("#step").value); });
    $("#play").addEventListener("click", function () {
      if (timer) { stop(); return; }
      var last = result.trace.length - 1, step = +$("#step").value >= last ? 0 : +$("#step").value;
      $("#play").textContent = "Pause";
      timer = setInterval(function () {
        show(step);
        if (++step > last) stop();
      }, Math.max(15, Math.min(150, 6000 / (last + 1))));
    });
  }

  if ($("#scenario-doc")) workbench();
  if ($("#simulate-form")) simulation();
})();
