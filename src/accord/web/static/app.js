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

  /* Posts JSON and answers the HTML text (the report); errors as post(). */
  function postForText(url, body) {
    return fetch(url, {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)})
      .then(function (response) {
        if (response.ok) return response.text();
        return response.json().then(function (data) { throw new Error(data.detail); });
      });
  }

  /* The edited scenario of a page, kept in this tab so that "simulate" and "report" run what was edited. */
  function editKey(sid) { return "accord-edit:" + sid; }
  function storedEdit(sid) {
    try { return JSON.parse(sessionStorage.getItem(editKey(sid)) || "null"); } catch (e) { return null; }
  }

  /* Fetches the HTML report of ``ref`` (a scenario reference plus simulation settings) and offers it as a
   * download link next to the button. */
  function makeReport(ref, name) {
    var link = $("#report-link"), button = $("#report");
    button.disabled = true;
    link.hidden = true;
    postForText("/api/report", ref).then(function (html) {
      showError("");
      if (link.href) URL.revokeObjectURL(link.href);
      link.href = URL.createObjectURL(new Blob([html], {type: "text/html"}));
      link.download = name + "-report.html";
      link.textContent = "download the report";
      link.hidden = false;
    }).catch(function (error) { showError(error.message); })
      .finally(function () { button.disabled = false; });
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
    var previous = null, previousFigures = null, sequence = 0;
    var sid = location.pathname.split("/")[2];

    /* Edits live in this tab (sessionStorage) so that the simulate page and the report run them too. */
    function keep() {
      if (JSON.stringify(doc) === original) sessionStorage.removeItem(editKey(sid));
      else sessionStorage.setItem(editKey(sid), JSON.stringify(doc));
    }

    function ref() {
      return JSON.stringify(doc) === original ? {scenario_id: sid} : {scenario: doc, origin: sid};
    }

    function solutionCells(response) {
      var plot = response.view.plot, cells = {};
      ORDER.forEach(function (name) {
        var s = plot.solutions[name];
        if (!s) return;
        var deal = plot.deals[s[2]];
        cells[name] = plot.issues.map(function (issue, i) { return issue.values[deal.v[i]]; })
          .concat(deal.u.map(function (u) { return u.toFixed(4); }));
      });
      return cells;
    }

    /* The response is the analysis document (docs/json.md) with the plot under "view". */
    function render(response) {
      var a = response, plot = response.view.plot, r = a.ratification;
      var container = $("#plot");
      container.innerHTML = response.view.svg;
      window.AccordPlot.attach(container, plot);
      $("#legend").innerHTML = response.view.legend;
      $("#version").textContent = response.view.version;
      /* counts come as exact text from the server (JSON numbers past 2^53 lose digits in JavaScript) */
      var counts = response.view.counts, rational = counts.rational_outcomes;
      var share = a.n_outcomes && rational !== null ? (100 * a.rational_outcomes / a.n_outcomes).toFixed(2) : null;
      $("#summary").innerHTML = esc(counts.n_outcomes) + " feasible outcomes; " +
        (a.zone_of_agreement ? "<b>zone of agreement</b>: " +
          (rational === null ? "exists (its size is not counted exactly within the search budget)"
            : esc(rational) + " (" + share + "%) at least as good as no deal for every party")
          : "<b>no zone of agreement</b>: no outcome is at least as good as no deal for every party") +
        "; frontier: " + a.pareto.points.length + " utility vectors" +
        (a.method === "enumeration" ? "." : " (exact, by " + esc(a.method) + "; the plot draws " +
          esc(plot.sample ? plot.sample.caption : "a sample") + ").") +
        (!r ? "" : " With domestic ratification: " +
          r.zone_of_agreement_with_ratification.toLocaleString("en") + " outcomes.");
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
      renderRatification(a.ratification);
    }

    /* The ratification figures; each cell carries data-figure, and a figure that moved since the last analysis
     * is highlighted like a changed solution. */
    function renderRatification(r) {
      var box = $("#ratification");
      if (!box) return;
      if (!r) { box.innerHTML = ""; return; }
      var figures = {}, n = function (x) { return x.toLocaleString("en"); };
      function cell(key, value, extra) {
        figures[key] = value;
        var changed = previousFigures && previousFigures[key] !== undefined && previousFigures[key] !== value;
        return "<td class=\"num" + (changed ? " changed" : "") + "\" data-figure=\"" + esc(key) + "\"" +
          (extra || "") + ">" + n(value) + "</td>";
      }
      var html = "<table class=\"grid\" id=\"zone-table\"><tbody><tr><td>zone of agreement</td>" +
        cell("zone", r.zone_of_agreement) + "</tr><tr><td><b>ratified by every constituency</b></td>" +
        cell("zone-ratified", r.zone_of_agreement_with_ratification) + "</tr></tbody></table>";
      html += "<table class=\"grid\" id=\"constituency-table\"><thead><tr><th>constituency</th><th>threshold</th>" +
        "<th>ratifies (all outcomes)</th><th>ratifies (in the zone)</th></tr></thead><tbody>";
      r.constituencies.forEach(function (c, k) {
        html += "<tr><td>" + esc(c.name) + " <span class=\"muted small\">(" + esc(c.party) + ")</span></td><td class=\"num\">" +
          c.threshold + "</td>" + cell("approves-" + k, c.approves) + cell("approves-zone-" + k, c.approves_rational) +
          "</tr>";
      });
      html += "</tbody></table><table class=\"grid\" id=\"win-set-table\"><thead><tr><th>party</th><th>win-set</th>" +
        "<th>ratified at home</th><th>zone ratified at home</th></tr></thead><tbody>";
      Object.keys(r.win_set).forEach(function (party) {
        html += "<tr><td>" + esc(party) + "</td>" + cell("win-set-" + party, r.win_set[party]) +
          cell("win-set-ratified-" + party, r.win_set_with_ratification[party]) +
          cell("zone-own-" + party, r.zone_of_agreement_with_own_ratification[party]) + "</tr>";
      });
      html += "</tbody></table>";
      var nash = r.solutions.nash;
      if (nash) {
        html += "<p class=\"small\">Nash deal among the ratified outcomes: " + Object.keys(nash.outcome).map(
          function (k) { return esc(k) + " " + esc(nash.outcome[k]); }).join(", ") + ".</p>";
      } else {
        html += "<p class=\"small\"><b>No deal in the zone of agreement is ratified by every constituency.</b></p>";
      }
      box.innerHTML = html;
      previousFigures = figures;
    }

    function axes() {
      var x = $("#axis-x"), y = $("#axis-y");
      return x && y ? [+x.value, +y.value] : [0, 1];
    }

    function analyze() {
      var mine = ++sequence, started = performance.now();
      $("#status").textContent = "updating…";
      var body = ref();
      body.axes = axes();
      post("/api/analyze", body).then(function (response) {
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

    /* Every input edits one number of the document. Its owner is a party (data-party="1") or a party's
     * constituency (data-constituency="1.0": party 1, its first constituency); data-kind says which number. */
    function ownerOf(input) {
      if (input.dataset.constituency === undefined) return doc.parties[+input.dataset.party];
      var at = input.dataset.constituency.split(".");
      return doc.parties[+at[0]].constituencies[+at[1]];
    }

    function sameOwner(input) {
      return input.dataset.constituency === undefined ? "[data-party=\"" + input.dataset.party + "\"]"
        : "[data-constituency=\"" + input.dataset.constituency + "\"]";
    }

    function round6(x) { return Math.round(x * 1e6) / 1e6; }

    /* A linear function as its (unclamped) values at the issue's two ends. */
    function linearEnds(input) {
      var f = ownerOf(input).utility.values[input.dataset.issue].linear;
      var low = +input.dataset.low, high = +input.dataset.high;
      var origin = f.origin === undefined || f.origin === null ? low : f.origin;
      return {low: f.offset + f.slope * (low - origin), high: f.offset + f.slope * (high - origin), x0: low, x1: high};
    }

    function read(input) {
      var owner = ownerOf(input), utility = owner.utility, kind = input.dataset.kind;
      if (kind === "reservation") return owner.reservation;
      if (kind === "threshold") return owner.threshold;
      if (kind === "weight") return utility.weights[input.dataset.issue];
      if (kind === "value") return utility.values[input.dataset.issue][input.dataset.option];
      if (kind === "linear") return round6(linearEnds(input)[input.dataset.end]);
      if (kind === "triangular") return utility.values[input.dataset.issue].triangular[input.dataset.point];
      if (kind === "constant") return utility.values[input.dataset.issue].constant;
      if (kind === "rectangle") return utility.rectangles[+input.dataset.rectangle].utility;
      if (kind === "normalizer") return utility.normalizer;
    }

    function setWeight(input, value) {
      var weights = ownerOf(input).utility.weights, issue = input.dataset.issue;
      var others = Object.keys(weights).filter(function (k) { return k !== issue; });
      var rest = others.reduce(function (s, k) { return s + weights[k]; }, 0);
      weights[issue] = value;
      others.forEach(function (k) {
        weights[k] = round6(rest > 0 ? weights[k] * (1 - value) / rest : (1 - value) / others.length);
        var other = document.querySelector("input[data-kind=weight]" + sameOwner(input) + "[data-issue=\"" +
          CSS.escape(k) + "\"]");
        if (other) other.value = weights[k];
      });
    }

    function setLinear(input, value) {
      var ends = linearEnds(input);
      ends[input.dataset.end] = value;
      var span = ends.x1 - ends.x0;
      var slope = span > 0 ? (ends.high - ends.low) / span : 0;
      if (value === null) slope = null;  /* sent as typed: the server names the field */
      ownerOf(input).utility.values[input.dataset.issue] = {linear: {slope: slope, offset: ends.low, origin: ends.x0}};
    }

    /* Writes the input's number into the document as typed: nothing is clamped, so a number out of range (or
     * not a number: sent as null) comes back from the server as its one-line error. A weight outside [0, 1]
     * leaves the other weights alone, so the error names the weight typed. */
    function write(input) {
      var value = input.value.trim() === "" ? NaN : Number(input.value), owner = ownerOf(input);
      var utility = owner.utility, kind = input.dataset.kind;
      if (!isFinite(value)) value = null;
      if (kind === "reservation") owner.reservation = value;
      else if (kind === "threshold") owner.threshold = value;
      else if (kind === "weight" && (value === null || value < 0 || value > 1)) utility.weights[input.dataset.issue] = value;
      else if (kind === "weight") setWeight(input, value);
      else if (kind === "value") utility.values[input.dataset.issue][input.dataset.option] = value;
      else if (kind === "linear") setLinear(input, value);
      else if (kind === "triangular") utility.values[input.dataset.issue].triangular[input.dataset.point] = value;
      else if (kind === "constant") utility.values[input.dataset.issue].constant = value;
      else if (kind === "rectangle") utility.rectangles[+input.dataset.rectangle].utility = value;
      else if (kind === "normalizer") utility.normalizer = value;
    }

    var inputs = document.querySelectorAll("#preferences input[data-kind]");
    inputs.forEach(function (input) {
      input.addEventListener("change", function () {
        write(input);
        input.classList.add("edited");
        keep();
        analyze();
      });
    });
    var toggle = $("#show-constituencies");
    if (toggle) toggle.addEventListener("change", function () {
      $("#preferences").classList.toggle("hide-constituencies", !toggle.checked);
    });
    ["#axis-x", "#axis-y"].forEach(function (id) { if ($(id)) $(id).addEventListener("change", analyze); });
    /* Shows the document's numbers in the inputs; those that differ from the original are marked edited. */
    function fill() {
      var base = JSON.parse(original), current = doc;
      inputs.forEach(function (input) {
        var value = read(input);
        doc = base;
        var was = read(input);
        doc = current;
        input.value = value === null || value === undefined ? "" : value;
        input.classList.toggle("edited", value !== was);
      });
    }

    $("#reset").addEventListener("click", function () {
      doc = JSON.parse(original);
      keep();
      fill();
      previous = null;
      previousFigures = null;
      analyze();
    });
    $("#report").addEventListener("click", function () { makeReport(ref(), doc.name || "scenario"); });
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
    var kept = storedEdit(sid);
    if (kept) {  /* edits made earlier in this tab: show them and analyse them */
      doc = kept;
      fill();
      analyze();
    } else {
      document.body.dataset.analysis = "0";
    }
  }

  /* ---------------------------------------------------------------- simulation page */
  function simulation() {
    var form = $("#simulate-form"), result = null, labels = {}, timer = null, sid = form.dataset.scenario;
    var edit = storedEdit(sid);
    $("#edited").hidden = !edit;
    $("#use-original").addEventListener("click", function () {
      sessionStorage.removeItem(editKey(sid));
      edit = null;
      $("#edited").hidden = true;
    });

    /* The scenario to run: the edited document kept by the scenario page, else the stored scenario. */
    function ref() {
      var body = edit ? {scenario: edit, origin: sid} : {scenario_id: sid};
      body.strategies = Array.prototype.map.call(form.querySelectorAll("select[name=strategy]"),
                                                 function (s) { return s.value; });
      body.protocol = form.protocol.value;
      body.rounds = +form.rounds.value;
      body.seed = +form.seed.value;
      return body;
    }

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
      var body = ref(), x = $("#axis-x"), y = $("#axis-y");
      if (x && y) body.axes = [+x.value, +y.value];
      $("#run").disabled = true;
      post("/api/simulate", body).then(function (response) {
        showError("");
        result = response;  /* the session document (docs/json.md); what to draw is under "view" */
        labels = response.view.labels || {};
        $("#sim-plot").innerHTML = response.view.svg;
        $("#sim-legend").innerHTML = response.view.legend || "";
        $("#version").textContent = response.view.version;
        document.body.dataset.runs = String((+document.body.dataset.runs || 0) + 1);
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
    $("#report").addEventListener("click", function () { makeReport(ref(), form.dataset.name); });
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
