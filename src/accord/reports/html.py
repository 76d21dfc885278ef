"""The one-file HTML report of a scenario: CSS, tables, sections and the page around them.

Uses only Accord's public API and the standard library (no template engine, no plotting library), so
``accord report`` works on a core install. The report draws results it is given (an analysis, a simulation,
forecasts); it computes none of them. The plot comes from :mod:`accord.reports.plot_data` and
:mod:`accord.reports.svg`, and its hover script from ``accord/reports/assets/plot.js``, which the web workbench
serves too.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np

from accord.reports.audit_section import audit_section
from accord.reports.plot_data import label_of, offer_paths, plot_data, project_paths
from accord.reports.robust_section import robust_section
from accord.reports.svg import SOLUTION_TITLES, escape, legend_html, lines_svg, utility_svg
from accord.wording import counted

if TYPE_CHECKING:
    from accord.analysis import Analysis
    from accord.audit import AuditResult
    from accord.forecast import Forecast, MonteCarloSummary, Stakeholders
    from accord.robust import RobustResult
    from accord.simulate import SessionResult


def plot_script() -> str:
    """The small hover script shared with the web workbench (inlined by the report)."""
    return (resources.files("accord") / "reports" / "assets" / "plot.js").read_text(encoding="utf-8")


def json_script(element_id: str, data) -> str:
    """``data`` as an inert JSON script element (safe to inline: ``<`` is escaped)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).replace("<", "\\u003c")
    return f'<script type="application/json" id="{escape(element_id)}">{text}</script>'


REPORT_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;max-width:1060px;
margin:0 auto;padding:24px 28px 60px;background:#fbfbfd}
h1{font-size:1.6em;margin:.2em 0 .3em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #dde;
padding-bottom:.2em}h3{font-size:1.05em;margin:1.4em 0 .4em}
table{border-collapse:collapse;margin:.6em 0 1em;font-size:.92em;background:#fff}
th,td{border:1px solid #d8dbe4;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f0f2f7}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.summary{background:#fff;border:1px solid #d8dbe4;border-radius:6px;padding:10px 16px}
.muted{color:#667}.small{font-size:.85em}.legend{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:.85em;
align-items:center;margin:.3em 0}.key{display:inline-flex;align-items:center;gap:4px}
.plot{position:relative;display:inline-block}svg{max-width:100%;height:auto;background:#fff}
svg .tick{font-size:11px;fill:#555}svg .axis-label{font-size:13px;fill:#222}
.plot-tip{position:absolute;pointer-events:none;background:rgba(255,255,255,.97);border:1px solid #99a;
border-radius:4px;padding:6px 8px;font-size:12px;box-shadow:0 2px 6px rgba(0,0,0,.15);max-width:340px;z-index:5}
.plot-tip table{margin:2px 0;font-size:11px}.plot-tip td{padding:1px 4px}
footer{margin-top:3em;font-size:.8em;color:#667}
"""


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], numeric_from: int = 99, raw: bool = False) -> str:
    """An HTML table; cells are escaped unless ``raw``; columns from ``numeric_from`` on are right-aligned."""
    def cell(tag: str, k: int, text: str) -> str:
        cls = ' class="num"' if k >= numeric_from else ""
        return f"<{tag}{cls}>{text if raw else escape(str(text))}</{tag}>"

    head = "".join(cell("th", k, h) for k, h in enumerate(header))
    body = "".join("<tr>" + "".join(cell("td", k, c) for k, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _solutions_table(analysis) -> str:
    scenario = analysis.scenario
    names = [n for n in SOLUTION_TITLES if analysis.solutions.get(n) is not None]
    if not names:
        return ("<p><b>No zone of agreement:</b> no outcome is at least as good as no deal for every party, so no "
                "bargaining solution exists.</p>")
    rows = [[issue.name, *(label_of(issue, analysis.solutions[n].outcome[issue.name]) for n in names)]
            for issue in scenario.issues]
    rows += [[f"utility: {party}", *(f"{analysis.solutions[n].utilities[k]:.4f}" for n in names)]
             for k, party in enumerate(scenario.party_names)]
    return (_table(["issue", *(SOLUTION_TITLES[n] for n in names)], rows, numeric_from=99)
            + '<p class="small muted">Solutions are chosen among the outcomes every party weakly prefers to no deal; '
              "ties go to the largest utility sum.</p>")


def _ratification_section(analysis) -> str:
    """Win-sets and the zone of agreement with and without domestic ratification (empty without constituencies)."""
    ratification = analysis.ratification
    if ratification is None:
        return ""
    rows = [[v.party, v.name, f"{v.threshold:g}", f"{v.approves:,}", f"{v.approves_rational:,}"]
            for v in ratification.constituencies]
    constituencies = _table(["party", "constituency", "threshold", "approves (all outcomes)",
                             "approves (in the zone)"], rows, 2)
    win_sets = _table(["party", "win-set: own reservation only", "and ratified at home",
                       "zone of agreement ratified at home"],
                      [[party, f"{size:,}", f"{ratification.win_set_with_ratification[party]:,}",
                        f"{ratification.zone_with_own_ratification[party]:,}"]
                       for party, size in ratification.win_set.items()], 1)
    nash = ratification.solutions["nash"]
    if nash is None:
        verdict = "No deal in the zone of agreement is ratified by every constituency."
    else:
        deal = analysis.deal(nash)
        terms = "; ".join(f"{issue.name}: {label_of(issue, deal.outcome[issue.name])}"
                          for issue in analysis.scenario.issues)
        verdict = f"Nash deal among the ratifiable outcomes: {terms}."
    return (f"<h2>Domestic ratification</h2><p>A deal counts only if every constituency of every party ratifies it: "
            f"the zone of agreement shrinks from {ratification.zone:,} to {ratification.zone_with_ratification:,} "
            f"outcomes.</p>{constituencies}{win_sets}<p>{escape(verdict)}</p>")


def _zone_line(analysis) -> str:
    """The summary's zone-of-agreement sentence (its size where it is counted exactly)."""
    if not analysis.has_zone_of_agreement:
        return "No outcome is at least as good as no deal for every party."
    if analysis.rational_outcomes is None:
        return ("Some outcomes are at least as good as no deal for every party (how many is not counted exactly "
                "within the search budget).")
    share = analysis.rational_outcomes / analysis.n_outcomes if analysis.n_outcomes else 0.0
    return f"{analysis.rational_outcomes:,} outcomes ({share:.2%}) are at least as good as no deal for every party."


def _parties_table(analysis) -> str:
    rows = []
    for k, party in enumerate(analysis.scenario.parties):
        rows.append([party.name, f"{party.reservation:.4f}", "—" if party.discount is None else f"{party.discount:g}",
                     f"{analysis.best[k].utilities[k]:.4f}", f"{analysis.worst[k].utilities[k]:.4f}"])
    return _table(["party", "reservation (no deal)", "discount", "best deal for them", "worst"], rows, 1)


def _preferences_table(scenario) -> str:
    header = ["issue", "values", *(f"weight: {p}" for p in scenario.party_names)]
    rows = []
    for position, issue in enumerate(scenario.issues):
        if issue.kind == "categorical":
            shown = " / ".join(label_of(issue, v) for v in issue.values)
        elif issue.kind == "integer":
            shown = f"integers {issue.low}…{issue.high}"
        else:
            shown = f"{issue.low:g}…{issue.high:g} ({issue.grid}-point grid)"
        weights = [f"{p.utility.weights[position]:.3f}" if hasattr(p.utility, "weights") else "nonlinear"
                   for p in scenario.parties]
        rows.append([issue.name, shown, *weights])
    return _table(header, rows, 2)


def _frontier_table(analysis, rows: int = 12) -> str:
    points = np.asarray(analysis.pareto_points)
    outcomes = "outcomes not counted" if analysis.pareto_outcomes is None else f"{analysis.pareto_outcomes:,} outcomes"
    caption = f"{len(points)} frontier utility vectors ({outcomes})"
    if len(points) > rows:
        keep = np.sort(points.sum(axis=1).argsort()[::-1][:rows])
        points = points[keep]
        caption += f"; the {rows} with the largest utility sum"
    body = [[*(f"{u:.4f}" for u in p), f"{p.sum():.4f}"] for p in points]
    return (f'<p class="small muted">{escape(caption)}</p>'
            + _table([*analysis.scenario.party_names, "sum"], body, 0))


def _other_projections(analysis, most: int = 5) -> str:
    """With three or more parties, the projections on the other pairs of parties (without hover), folded away."""
    n = len(analysis.scenario.parties)
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)][1:most + 1]
    if not pairs:
        return ""
    views = "".join(f'<div class="plot">{utility_svg(plot_data(analysis, pair, 1500))}</div>' for pair in pairs)
    return f"<details><summary>Projections on the other pairs of parties</summary>{views}</details>"


def _simulation_section(analysis, data: dict, result: SessionResult, max_rounds: int | None) -> str:
    scenario = analysis.scenario
    paths = project_paths(offer_paths(result), data["axes"])
    svg = utility_svg({**data, "points": data["points"]}, paths=paths)
    pairs = ", ".join(f"{p}: {s}" for p, s in zip(result.parties, result.strategies))
    if result.agreement:
        ending = (f"Agreement after {result.rounds} rounds ({result.steps} actions). Utilities: "
                  + ", ".join(f"{p} {u:.4f}" for p, u in zip(result.parties, result.utilities))
                  + f". Distance to the Pareto frontier {result.pareto_distance:.4f}, to the Nash point "
                    f"{result.nash_distance:.4f}.")
        deal = _table(["issue", "agreed"], [[i.name, label_of(i, result.outcome[i.name])]
                                            for i in scenario.issues])
        if result.ratified is not None:  # as the command line says it
            ending += (" Ratified at home by every constituency." if result.ratified else
                       " Not ratified at home: rejected by " + ", ".join(result.rejected_by) + ".")
    else:
        ending = f"No agreement (ended by {result.ended_by} after {result.rounds} rounds); each party gets its " \
                 "reservation value."
        deal = ""
    limit = f", {max_rounds} rounds" if max_rounds is not None else ""
    return (f"<h2>Simulation</h2><p>Protocol <b>{escape(result.protocol)}</b>{limit}, seed {result.seed}; strategies "
            f"{escape(pairs)}.</p><p>{escape(ending)}</p>"
            f'<div class="plot">{svg}</div><p class="small muted">Dots: each party\'s offers in utility space, '
            f"joined in the order made.</p>{deal}")


def _forecast_section(stakeholders: str | None, forecasts: Sequence[tuple[Stakeholders, Forecast]],
                      monte_carlo: Sequence[MonteCarloSummary | None] = ()) -> str:
    if not stakeholders:
        return ('<h2>Forecast</h2><p class="muted">No stakeholder file was given for this scenario; name one to '
                "forecast its stakeholders.</p>")
    parts = [f"<h2>Forecast</h2><p>Expected-utility model over the stakeholder file "
             f"<code>{escape(stakeholders)}</code>; every number in it is an assumption.</p>"]
    summaries = list(monte_carlo) + [None] * (len(forecasts) - len(monte_carlo))
    for (group, result), summary in zip(forecasts, summaries):
        xs = [r.number for r in result.rounds]
        series = {actor: [r.positions[k] for r in result.rounds] for k, actor in enumerate(result.actors)}
        series["forecast"] = [r.forecast for r in result.rounds]
        parts.append(f"<h3>{escape(result.issue)}</h3>")
        if group.scale:
            parts.append(f'<p class="small muted">Scale: {escape(group.scale)}</p>')
        band = None if summary is None else (
            summary.p5, summary.median, summary.p95, f"Monte Carlo 5–95 % band ({len(summary.finals)} runs)")
        parts.append(lines_svg(series, xs, f"positions over rounds: {result.issue}", "position",
                               dashed=("forecast",), band=band))
        converged = (f" The model converged: in round {result.converged_at} no one moves, so round "
                     f"{result.converged_at - 1} is final." if result.converged_at is not None
                     else "")
        parts.append(f"<p>Forecast after {len(xs) - 1} rounds: <b>{result.final:.4g}</b>.{converged}</p>")
        if summary is not None:
            parts.append(f"<p>Monte Carlo, {len(summary.finals)} runs over the stated uncertainty (seed "
                         f"{summary.seed}): median <b>{summary.median:.4g}</b>, 5–95 % band "
                         f"[{summary.p5:.4g}, {summary.p95:.4g}].</p>")
        parts.append(_table(["actor", "start", "end"], [[a, f"{series[a][0]:.4g}", f"{series[a][-1]:.4g}"]
                                                          for a in result.actors], 1))
    return "".join(parts)


def render_report(analysis: Analysis, *, simulation: SessionResult | None = None, max_rounds: int | None = None,
                  forecasts: Sequence[tuple[Stakeholders, Forecast]] = (), stakeholders: str | None = None,
                  command: str = "", monte_carlo: Sequence[MonteCarloSummary | None] = (),
                  robust: RobustResult | None = None, audit: AuditResult | None = None, version: str = "",
                  omitted: dict[str, str] | None = None) -> str:
    """The one-file HTML report of an analysed scenario: analysis tables, the utility-space plot, and the results
    the caller computed: a ``simulation`` (run with at most ``max_rounds`` rounds); for the ``stakeholders``
    file, one expected-utility forecast per issue (``forecasts``: the issue's stakeholders and their forecast)
    with, where given, its Monte Carlo summary (``monte_carlo``, in the same order); a ``robust`` estimate under
    the scenario's distributions; and the ``audit`` of a negotiation record. ``version`` (one line) says which
    version of the scenario the report shows; ``omitted`` maps a section's title to the one line saying why it
    is left out (e.g. it needs every outcome enumerated). Beyond enumeration the plot draws a labelled sample of
    the outcomes; the frontier and the solutions stay exact. Deterministic: the same inputs give the same bytes."""
    import accord

    scenario = analysis.scenario
    data = plot_data(analysis)
    title = scenario.title or scenario.name
    omitted = dict(omitted or {})
    if analysis.ratification is None and analysis.method != "enumeration" and any(
            p.constituencies for p in scenario.parties):
        omitted["Domestic ratification"] = ("omitted: ratification is analysed over every outcome, and this scenario "
                                            "is beyond enumeration.")
    zone = _zone_line(analysis)
    summary = (f"{len(scenario.parties)} parties ({escape(', '.join(scenario.party_names))}), "
               f"{len(scenario.issues)} issues, {analysis.n_outcomes:,} feasible outcomes"
               + (f" ({counted(len(scenario.constraints), 'hard constraint')})"
                  if scenario.constraints else "") + "."
               + ("" if analysis.method == "enumeration" else
                  f" Beyond enumeration: analysed exactly by {escape(analysis.method)}; the plot draws "
                  f"{escape(data['sample']['caption'])}."))
    body = [f"<h1>{escape(title)}</h1>"]
    if scenario.description:
        body.append(f"<p>{escape(scenario.description.strip())}</p>")
    shown = f'<p class="version">Scenario: {escape(version)}</p>' if version else ""
    body.append(f'<div class="summary"><p>{summary}</p>{shown}<p><b>Zone of agreement:</b> {escape(zone)}</p></div>')
    body.append("<h2>Bargaining solutions</h2>" + _solutions_table(analysis))
    body.append("<h2>Utility space</h2>"
                f'<div class="plot" data-plot-json="plot-data">{utility_svg(data)}</div>{legend_html(data)}'
                '<p class="small muted">Hover over the plot to see a deal.</p>' + _other_projections(analysis))
    body.append(_ratification_section(analysis))
    if robust is not None:
        body.append(robust_section(analysis, data, robust))
    body.append("<h2>Parties</h2>" + _parties_table(analysis))
    body.append("<h2>Issues and weights</h2>" + _preferences_table(scenario))
    body.append("<h2>Pareto frontier</h2>" + _frontier_table(analysis))
    if simulation is not None:
        body.append(_simulation_section(analysis, data, simulation, max_rounds))
    if audit is not None:
        body.append(audit_section(audit, data))
    body += [f'<h2>{escape(title)}</h2><p class="omitted muted">{escape(why)}</p>' for title, why in omitted.items()]
    body.append(_forecast_section(stakeholders, forecasts, monte_carlo))
    notes = list(scenario.notes) + list(analysis.method_notes)
    if notes:
        body.append("<h2>Notes</h2><ul>" + "".join(f"<li>{escape(n)}</li>" for n in notes) + "</ul>")
    if scenario.sources:
        body.append('<h2>Sources</h2><ul class="small">' + "".join(f"<li>{escape(s)}</li>" for s in scenario.sources)
                    + "</ul>")
    made = f"Generated by Accord {escape(accord.__version__)}"
    if command:
        made += f" with <code>{escape(command)}</code>"
    body.append(f"<footer>{made}. Every preference number is a modelling assumption stated in the scenario "
                "file.</footer>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(title)} — Accord report</title><style>{REPORT_CSS}</style></head><body>\n"
            + "\n".join(body) + "\n" + json_script("plot-data", data)
            + f"\n<script>{plot_script()}</script>\n</body></html>\n")


__all__ = ["json_script", "plot_script", "render_report"]
