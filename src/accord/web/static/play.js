// A person at the table: play one party against a strategy, then the debrief (audit, profiles, missed trades).
(function () {
  "use strict";
  const form = document.getElementById("play-form");
  if (!form) return;
  const $ = (id) => document.getElementById(id);
  let game = null, issues = [], you = null;

  async function call(method, url, body) {
    const response = await fetch(url, {method, headers: {"Content-Type": "application/json"},
                                       body: body === undefined ? undefined : JSON.stringify(body)});
    const data = await response.json();
    if (!response.ok) throw new Error(data.detail || response.statusText);
    $("error").hidden = true;
    return data;
  }
  function fail(error) { $("error").textContent = error.message; $("error").hidden = false; }
  function text(offer) {
    return offer ? Object.entries(offer).map(([k, v]) => `${k}=${v}`).join(", ") : "";
  }
  function cell(row, value) { const td = document.createElement("td"); td.textContent = value; row.appendChild(td); }
  function fillTable(id, items, cells) {
    const body = $(id).querySelector("tbody");
    body.innerHTML = "";
    for (const item of items) {
      const row = document.createElement("tr");
      cells(item).forEach((v) => cell(row, v));
      body.appendChild(row);
    }
  }
  function fmt(x) { return x === null || x === undefined ? "" : Number(x).toFixed(3); }

  function composed() {
    const offer = {};
    for (const select of $("package").querySelectorAll("select")) {
      const issue = issues[Number(select.dataset.issue)];
      offer[issue.name] = issue.values[Number(select.value)];
    }
    return offer;
  }
  async function showOwnUtility() {
    try { $("own-utility").textContent = fmt((await call("POST", `/api/play/${game}/utility`, {offer: composed()})).your_utility); }
    catch (error) { $("own-utility").textContent = "not a feasible package"; }
  }
  function buildPackage() {
    const box = $("package");
    box.innerHTML = "";
    issues.forEach((issue, k) => {
      const label = document.createElement("label");
      label.textContent = issue.name + " ";
      const select = document.createElement("select");
      select.dataset.issue = String(k);
      select.name = issue.name;
      issue.values.forEach((value, v) => {
        const option = document.createElement("option");
        option.value = String(v);
        option.textContent = issue.labels && issue.labels[v] ? issue.labels[v] : String(value);
        select.appendChild(option);
      });
      select.addEventListener("change", showOwnUtility);
      label.appendChild(select);
      box.appendChild(label);
    });
  }
  function render(state) {
    $("status").textContent = state.ended_by
      ? `Session over (${state.ended_by}).` + (state.agreement ? ` Agreement: ${text(state.agreement)}` : "")
      : `You are ${state.you}; round ${state.round + 1} of ${state.rounds}; your reservation ${fmt(state.reservation)}.`;
    $("standing").textContent = state.standing
      ? `On the table from ${state.standing.party}: ${text(state.standing.offer)} (your utility ${fmt(state.standing.your_utility)})`
      : "Nothing on the table yet.";
    fillTable("moves", state.moves,
      (move) => [move.round, move.party, move.action, text(move.offer), fmt(move.your_utility)]);
    for (const id of ["offer", "accept", "walk"]) $(id).disabled = !!state.ended_by;
    $("accept").disabled = !!state.ended_by || !state.standing || state.standing.party === state.you;
    if (state.ended_by) loadDebrief();
  }
  async function move(action) {
    try { render(await call("POST", `/api/play/${game}/move`, {action, offer: action === "offer" ? composed() : null})); }
    catch (error) { fail(error); }
  }

  function plot(data) {
    const box = $("debrief-plot"), size = 320, pad = 30;
    const sx = (u) => pad + u * (size - 2 * pad), sy = (u) => size - pad - u * (size - 2 * pad);
    const parts = [`<svg id="debrief-svg" width="${size}" height="${size}" role="img" aria-label="offers against the frontier">`,
      `<rect x="${pad}" y="${pad}" width="${size - 2 * pad}" height="${size - 2 * pad}" fill="none" stroke="#ccc"/>`];
    for (const p of data.frontier) parts.push(`<circle cx="${sx(p[0])}" cy="${sy(p[1])}" r="1.5" fill="#555"/>`);
    const names = Object.keys(data.audit.concessions);
    names.forEach((name, k) => {
      const points = data.audit.moves.filter((m) => m.action === "offer" && m.party === name)
        .map((m) => `${sx(m.utilities[0])},${sy(m.utilities[1])}`);
      const palette = document.body.dataset.partyColours.split(" ");  /* accord.reports.palette */
      const colour = palette[k % palette.length];
      if (points.length) parts.push(`<polyline class="path-${k}" points="${points.join(" ")}" fill="none" stroke="${colour}" marker-end="url(#a)"/>`);
    });
    parts.push(`<text x="${size / 2}" y="${size - 5}" font-size="10" text-anchor="middle">utility of ${names[0]}</text>`);
    parts.push(`<text x="10" y="${size / 2}" font-size="10" transform="rotate(-90 10 ${size / 2})" text-anchor="middle">utility of ${names[1]}</text>`);
    if (names.length > 2) parts.push(`<text x="${pad}" y="15" font-size="10">projection on the first two of ${names.length} parties</text>`);
    parts.push("</svg>");
    box.innerHTML = parts.join("");
  }
  async function loadDebrief() {
    try {
      const data = await call("GET", `/api/play/${game}/debrief`);
      const final = data.audit.final;
      $("debrief-summary").textContent = final
        ? `Agreement: ${text(final.outcome)}; dominated by ${final.dominated_by} outcomes; left on the table: ` +
          Object.entries(final.left_on_the_table).map(([p, g]) => `${p} +${fmt(g)}`).join(", ")
        : "No agreement.";
      const link = $("record-link");
      link.href = URL.createObjectURL(new Blob([JSON.stringify(data.record, null, 1)], {type: "application/json"}));
      const parties = Object.keys(data.audit.concessions), me = parties.indexOf(data.you);
      fillTable("your-offers", data.audit.moves.filter((m) => m.action === "offer" && m.party === data.you),
        (m) => [m.index, fmt(m.utilities[me]), m.utilities.filter((_, k) => k !== me).map(fmt).join(" / "),
                fmt(m.pareto_distance)]);
      fillTable("trades", data.missed_trades, (t) => [t.issue, t.value, t.instead, fmt(t.cost), fmt(t.gain)]);
      $("profiles").textContent = JSON.stringify(data.profiles, null, 1);
      plot(data);
      $("debrief").hidden = false;
      $("debrief").dataset.audit = JSON.stringify(data.audit);
    } catch (error) { fail(error); }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const fields = new FormData(form);
    try {
      const started = await call("POST", "/api/play", {scenario_id: form.dataset.scenario,
        party: Number(fields.get("party")), strategy: fields.get("strategy"),
        rounds: Number(fields.get("rounds")), seed: Number(fields.get("seed"))});
      game = started.game; issues = started.issues; you = started.state.you;
      $("table").dataset.game = game;
      $("table").hidden = false; $("debrief").hidden = true;
      buildPackage();
      render(started.state);
      showOwnUtility();
    } catch (error) { fail(error); }
  });
  $("offer").addEventListener("click", () => move("offer"));
  $("accept").addEventListener("click", () => move("accept"));
  $("walk").addEventListener("click", () => move("withdraw"));
})();
