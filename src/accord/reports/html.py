"""Self-contained HTML: the utility-space plot as inline SVG, and the one-file report of a scenario.

Uses only Accord's public API and the standard library (no template engine, no plotting library), so
``accord report`` works on a core install. The web workbench shares the same pieces:

* :func:`plot_data` turns an analysis into plain, JSON-ready data: a subsample of the outcome cloud (one point
  per occupied pixel cell, at most ``max_points``), the frontier, reservation values and the four solutions,
  each point carrying its deal for hover;
* :func:`utility_svg` draws that data (optionally with offer paths of a simulation);
* :func:`lines_svg` draws series over rounds (forecast positions);
* :func:`render_report` writes the whole report.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from importlib import resources

import numpy as np

from accord.analysis.solutions import solution_titles

SOLUTION_TITLES = solution_titles()
SOLUTION_COLOURS = {"nash": "#d62728", "kalai_smorodinsky": "#7b3fb5", "egalitarian": "#2a9d2a",
                    "utilitarian": "#e07b00"}
PARTY_COLOURS = ("#1f77b4", "#d62728", "#2a9d2a", "#7b3fb5", "#e07b00", "#8c564b", "#e377c2", "#17becf")
MAX_POINTS = 3000
MAX_FRONTIER = 2000
GRID_CELLS = 320
WIDTH, HEIGHT = 640, 480
MARGIN = (20, 20, 48, 60)  # top, right, bottom, left

escape = html.escape


def label_of(issue, value) -> str:
    """How a value of ``issue`` is shown to a reader (its label when the scenario gives one)."""
    if issue.kind == "categorical":
        if issue.labels:
            return str(issue.labels[issue.values.index(value)])
        return str(value)
    return f"{value:g}" if isinstance(value, float) else str(value)


def _cells(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    qx = np.clip(np.round(x * GRID_CELLS), 0, GRID_CELLS).astype(np.int64)
    qy = np.clip(np.round(y * GRID_CELLS), 0, GRID_CELLS).astype(np.int64)
    return qx * (GRID_CELLS + 1) + qy


def sample_positions(utilities: np.ndarray, axes: tuple[int, int], max_points: int = MAX_POINTS) -> np.ndarray:
    """Outcome positions to draw: one per occupied pixel cell of the plot, then a seeded subsample if there are
    still more than ``max_points``. The cloud keeps its shape while the drawing stays small."""
    if utilities.shape[0] == 0:
        return np.empty(0, dtype=np.int64)
    _, first = np.unique(_cells(utilities[:, axes[0]], utilities[:, axes[1]]), return_index=True)
    if first.size > max_points:
        first = np.random.default_rng(0).choice(first, size=max_points, replace=False)
    return np.sort(first)


def plot_data(analysis, axes: Sequence[int] = (0, 1), max_points: int = MAX_POINTS) -> dict:
    """JSON-ready data for the utility-space plot of ``analysis`` on two parties' axes."""
    scenario = analysis.scenario
    n_parties = len(scenario.parties)
    ax = (min(int(axes[0]), n_parties - 1), min(int(axes[1]), n_parties - 1))
    utilities = analysis.utilities
    cloud = sample_positions(utilities, ax, max_points)
    frontier = np.asarray(analysis.frontier_positions, dtype=np.int64)
    if frontier.size:
        # one position per distinct projected point, in order along the x axis
        _, first = np.unique(utilities[frontier][:, list(ax)], axis=0, return_index=True)
        frontier = frontier[np.sort(first)]
        frontier = frontier[np.lexsort((-utilities[frontier, ax[1]], utilities[frontier, ax[0]]))]
        if frontier.size > MAX_FRONTIER:
            frontier = frontier[np.linspace(0, frontier.size - 1, MAX_FRONTIER).round().astype(int)]
    chosen = [d.position for d in analysis.solutions.values() if d is not None]
    positions = np.unique(np.concatenate([cloud, frontier, np.asarray(chosen, dtype=np.int64)]))
    index = {int(p): k for k, p in enumerate(positions)}
    values = analysis.space.value_indices(positions) if positions.size else np.empty((0, len(scenario.issues)))
    deals = [{"u": utilities[p].tolist(), "v": row} for p, row in zip(positions, values.tolist())]

    def point(position: int) -> list:
        return [float(utilities[position, ax[0]]), float(utilities[position, ax[1]]), index[int(position)]]

    solutions = {}
    for name, deal in analysis.solutions.items():
        if deal is not None:
            solutions[name] = point(deal.position)
    return {
        "scenario": scenario.name,
        "parties": list(scenario.party_names),
        "axes": list(ax),
        "issues": [{"name": i.name, "values": [label_of(i, v) for v in i.values]} for i in scenario.issues],
        "reservation": [float(r) for r in scenario.reservations],
        "n_outcomes": int(analysis.n_outcomes),
        "points": [point(p) for p in cloud],
        "frontier": [point(p) for p in frontier],
        "frontier_is_curve": n_parties == 2,
        "solutions": solutions,
        "deals": deals,
    }


class _Frame:
    """The plot area and the map from data to pixels."""

    def __init__(self, width: int, height: int, x_range=(0.0, 1.0), y_range=(0.0, 1.0), legend: int = 0) -> None:
        top, right, bottom, left = MARGIN
        self.width, self.height = width, height
        self.left, self.top = left, top
        self.w, self.h = width - left - right - legend, height - top - bottom
        self.x0, self.x1 = x_range
        self.y0, self.y1 = y_range
        if self.x1 <= self.x0:
            self.x1 = self.x0 + 1.0
        if self.y1 <= self.y0:
            self.y1 = self.y0 + 1.0

    def px(self, x: float) -> float:
        return round(self.left + (x - self.x0) / (self.x1 - self.x0) * self.w, 1)

    def py(self, y: float) -> float:
        return round(self.top + (1 - (y - self.y0) / (self.y1 - self.y0)) * self.h, 1)

    def open(self, css_class: str, label: str) -> list[str]:
        data = (f'data-left="{self.left}" data-top="{self.top}" data-w="{self.w}" data-h="{self.h}" '
                f'data-x0="{self.x0}" data-x1="{self.x1}" data-y0="{self.y0}" data-y1="{self.y1}"')
        return [f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" viewBox="0 0 {self.width} '
                f'{self.height}" width="{self.width}" height="{self.height}" role="img" '
                f'aria-label="{escape(label)}" {data}>',
                f'<rect x="{self.left}" y="{self.top}" width="{self.w}" height="{self.h}" fill="#fff" '
                f'stroke="#999"/>']

    def axes(self, xlabel: str, ylabel: str, x_ticks: Sequence[float], y_ticks: Sequence[float]) -> list[str]:
        out = []
        for t in x_ticks:
            x = self.px(t)
            out.append(f'<line x1="{x}" y1="{self.top}" x2="{x}" y2="{self.top + self.h}" stroke="#eee"/>'
                       f'<text x="{x}" y="{self.top + self.h + 16}" text-anchor="middle" class="tick">{t:g}</text>')
        for t in y_ticks:
            y = self.py(t)
            out.append(f'<line x1="{self.left}" y1="{y}" x2="{self.left + self.w}" y2="{y}" stroke="#eee"/>'
                       f'<text x="{self.left - 6}" y="{y + 4}" text-anchor="end" class="tick">{t:g}</text>')
        out.append(f'<text x="{self.left + self.w / 2}" y="{self.height - 8}" text-anchor="middle" '
                   f'class="axis-label">{escape(xlabel)}</text>')
        out.append(f'<text transform="translate(14 {self.top + self.h / 2}) rotate(-90)" text-anchor="middle" '
                   f'class="axis-label">{escape(ylabel)}</text>')
        return out


def _marker(name: str, x: float, y: float) -> str:
    colour = SOLUTION_COLOURS[name]
    common = f'fill="none" stroke="{colour}" stroke-width="2.5" class="solution" data-solution="{name}"'
    if name == "nash":
        return f'<circle cx="{x}" cy="{y}" r="8" {common}/>'
    if name == "kalai_smorodinsky":
        return f'<rect x="{x - 6}" y="{y - 6}" width="12" height="12" {common}/>'
    if name == "egalitarian":
        return f'<path d="M{x} {y - 10}L{x + 10} {y}L{x} {y + 10}L{x - 10} {y}Z" {common}/>'
    return f'<path d="M{x} {y - 11}L{x + 10} {y + 7}L{x - 10} {y + 7}Z" {common}/>'


def utility_svg(data: dict, paths: Sequence[dict] = (), width: int = WIDTH, height: int = HEIGHT) -> str:
    """The utility-space plot of :func:`plot_data` as one SVG element.

    ``paths`` are offer paths (``{"party": name, "points": [[ux, uy, step], ...]}``); every offer marker carries
    ``data-step`` so a page can reveal them one step at a time."""
    frame = _Frame(width, height)
    ax = data["axes"]
    parties = data["parties"]
    ticks = [0, 0.2, 0.4, 0.6, 0.8, 1]
    out = frame.open("utility-plot", f"utility space: {parties[ax[0]]} against {parties[ax[1]]}")
    out += frame.axes(f"utility of {parties[ax[0]]}", f"utility of {parties[ax[1]]}", ticks, ticks)
    rx, ry = data["reservation"][ax[0]], data["reservation"][ax[1]]
    out.append(f'<rect x="{frame.px(rx)}" y="{frame.top}" width="{round(frame.px(1) - frame.px(rx), 1)}" '
               f'height="{round(frame.py(ry) - frame.top, 1)}" fill="#2a9d2a" fill-opacity="0.06" class="rational"/>')
    dots = "".join(f"M{frame.px(x)} {frame.py(y)}h0" for x, y, _ in data["points"])
    out.append(f'<path d="{dots}" stroke="#8aa4c8" stroke-width="3" stroke-linecap="round" fill="none" '
               f'class="cloud"/>')
    front = data["frontier"]
    if front and data.get("frontier_is_curve"):
        line = " ".join(f"{frame.px(x)},{frame.py(y)}" for x, y, _ in front)
        out.append(f'<polyline points="{line}" fill="none" stroke="#222" stroke-width="1.5" class="frontier"/>')
    dots = "".join(f"M{frame.px(x)} {frame.py(y)}h0" for x, y, _ in front)
    out.append(f'<path d="{dots}" stroke="#222" stroke-width="5" stroke-linecap="round" fill="none" '
               f'class="frontier-points"/>')
    out.append(f'<line x1="{frame.px(rx)}" y1="{frame.top}" x2="{frame.px(rx)}" y2="{frame.top + frame.h}" '
               f'stroke="{PARTY_COLOURS[ax[0] % 8]}" stroke-dasharray="5 4" class="reservation"/>')
    out.append(f'<line x1="{frame.left}" y1="{frame.py(ry)}" x2="{frame.left + frame.w}" y2="{frame.py(ry)}" '
               f'stroke="{PARTY_COLOURS[ax[1] % 8]}" stroke-dasharray="5 4" class="reservation"/>')
    for k, path in enumerate(paths):
        colour = _path_colour(path, k, parties)
        for (x0, y0, _), (x1, y1, step) in zip(path["points"], path["points"][1:]):
            out.append(f'<line x1="{frame.px(x0)}" y1="{frame.py(y0)}" x2="{frame.px(x1)}" y2="{frame.py(y1)}" '
                       f'stroke="{colour}" stroke-opacity="0.55" data-step="{step}" class="offer-step"/>')
        for x, y, step in path["points"]:
            out.append(f'<circle cx="{frame.px(x)}" cy="{frame.py(y)}" r="3" fill="{colour}" data-step="{step}" '
                       f'class="offer"><title>{escape(path["party"])}, step {step}</title></circle>')
    for name in SOLUTION_TITLES:
        if name in data["solutions"]:
            x, y, _ = data["solutions"][name]
            out.append(_marker(name, frame.px(x), frame.py(y)))
    out += _offer_key(frame, paths, parties)
    out.append('<circle r="7" fill="none" stroke="#000" stroke-width="2" class="hover-ring" visibility="hidden"/>')
    out.append("</svg>")
    return "\n".join(out)


def _path_colour(path: dict, k: int, parties: Sequence[str]) -> str:
    """A party's colour: the same for its offers and its reservation line."""
    return PARTY_COLOURS[parties.index(path["party"]) % 8 if path["party"] in parties else k % 8]


def _offer_key(frame: _Frame, paths: Sequence[dict], parties: Sequence[str]) -> list[str]:
    """Which colour is whose offers, in the plot's lower-left corner (outcomes bad for both rarely lie there)."""
    if not paths:
        return []
    x, y = frame.left + 8, frame.top + frame.h - 8 - 16 * len(paths)
    width = 16 + 7 * max(len(p["party"]) + 9 for p in paths)
    out = [f'<g class="offer-key"><rect x="{x - 4}" y="{y - 4}" width="{width}" height="{16 * len(paths) + 6}" '
           f'fill="#fff" fill-opacity="0.85" stroke="#ccc"/>']
    for k, path in enumerate(paths):
        cy = y + 16 * k + 6
        out.append(f'<circle cx="{x + 5}" cy="{cy}" r="4" fill="{_path_colour(path, k, parties)}"/>'
                   f'<text x="{x + 14}" y="{cy + 4}" font-size="12">{escape(path["party"])}\'s offers</text>')
    out.append("</g>")
    return out


def legend_html(data: dict) -> str:
    """A legend for :func:`utility_svg` (solutions, frontier, reservation lines)."""
    items = []
    for name, title in SOLUTION_TITLES.items():
        if name in data["solutions"]:
            items.append(f'<span class="key"><svg width="24" height="24" viewBox="0 0 24 24">'
                         f'{_marker(name, 12, 12)}</svg>{escape(title)}</span>')
    items.append('<span class="key"><svg width="24" height="12"><line x1="0" y1="6" x2="24" y2="6" stroke="#222" '
                 'stroke-width="2"/></svg>Pareto frontier</span>')
    items.append('<span class="key"><svg width="24" height="12"><line x1="0" y1="6" x2="24" y2="6" stroke="#555" '
                 'stroke-dasharray="5 4"/></svg>reservation values (shaded: better than no deal for both)</span>')
    items.append(f'<span class="key">{len(data["points"]):,} of {data["n_outcomes"]:,} outcomes drawn '
                 f'(one per pixel cell)</span>')
    return '<div class="legend">' + "".join(items) + "</div>"


def nice_ticks(low: float, high: float, target: int = 5) -> list[float]:
    """Round tick values (steps of 1, 2, 2.5 or 5 × 10ᵏ) covering ``[low, high]``."""
    if high <= low:
        low, high = low - 1.0, high + 1.0
    raw = (high - low) / target
    power = 10.0 ** np.floor(np.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first, last = np.floor(low / step) * step, np.ceil(high / step) * step
    return [float(round(t, 10)) for t in np.arange(first, last + step / 2, step)]


def lines_svg(series: dict[str, Sequence[float]], xs: Sequence[int], title: str, ylabel: str,
              dashed: Sequence[str] = (), width: int = WIDTH, height: int = 360) -> str:
    """Series over rounds (e.g. stakeholder positions), one coloured line each; ``dashed`` names are drawn bold
    and dashed (e.g. the forecast)."""
    values = [v for s in series.values() for v in s]
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    y_ticks = nice_ticks(low, high)
    x_max = max(xs) if xs and max(xs) > 0 else 1
    frame = _Frame(width, height, (min(xs or [0]), x_max), (y_ticks[0], y_ticks[-1]), legend=200)
    out = frame.open("lines-plot", title)
    step = max(1, round(x_max / 10))
    out += frame.axes("round", ylabel, list(range(0, x_max + 1, step)), y_ticks)
    for k, (name, ys) in enumerate(series.items()):
        colour = "#000" if name in dashed else PARTY_COLOURS[k % 8]
        points = " ".join(f"{frame.px(x)},{frame.py(y)}" for x, y in zip(xs, ys))
        style = 'stroke-width="2.5" stroke-dasharray="6 4"' if name in dashed else 'stroke-width="1.5"'
        out.append(f'<polyline points="{points}" fill="none" stroke="{colour}" {style}><title>{escape(name)}'
                   f'</title></polyline>')
        for x, y in zip(xs, ys):
            out.append(f'<circle cx="{frame.px(x)}" cy="{frame.py(y)}" r="2.5" fill="{colour}"/>')
        ly = frame.top + 14 + 16 * k
        shown = name if len(name) <= 30 else name[:29] + "…"
        out.append(f'<line x1="{width - 192}" y1="{ly - 4}" x2="{width - 172}" y2="{ly - 4}" stroke="{colour}" '
                   f'{style}/><text x="{width - 168}" y="{ly}" class="tick">{escape(shown)}<title>{escape(name)}'
                   f'</title></text>')
    out.append("</svg>")
    return "\n".join(out)


def offer_paths(result) -> list[dict]:
    """Offer paths of a simulation result, per proposing party: ``[[u_x, u_y, step], ...]`` (both axes)."""
    paths: dict[str, list] = {}
    for step, row in enumerate(result.trace):
        if row["offer"] is None or not row["utilities"] or row["party"] not in result.parties:
            continue
        paths.setdefault(row["party"], []).append([*row["utilities"], step])
    return [{"party": party, "points": points} for party, points in paths.items()]


def project_paths(paths: list[dict], axes: Sequence[int]) -> list[dict]:
    """Offer paths on the plot's two axes."""
    return [{"party": p["party"], "points": [[pt[axes[0]], pt[axes[1]], pt[-1]] for pt in p["points"]]}
            for p in paths]


def plot_script() -> str:
    """The small hover script shared with the web workbench (inlined by the report)."""
    return (resources.files("accord") / "web" / "static" / "plot.js").read_text(encoding="utf-8")


def json_script(element_id: str, data) -> str:
    """``data`` as an inert JSON script element (safe to inline: ``<`` is escaped)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/json" id="{escape(element_id)}">{text}</script>'


# ----------------------------------------------------------------------------------------------------------
# The report
# ----------------------------------------------------------------------------------------------------------

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
    caption = f"{len(points)} frontier utility vectors ({analysis.pareto_outcomes:,} outcomes)"
    if len(points) > rows:
        keep = np.sort(points.sum(axis=1).argsort()[::-1][:rows])
        points = points[keep]
        caption += f"; the {rows} with the largest utility sum"
    body = [[*(f"{u:.4f}" for u in p), f"{p.sum():.4f}"] for p in points]
    return (f'<p class="small muted">{escape(caption)}</p>'
            + _table([*analysis.scenario.party_names, "sum"], body, 0))


def _simulation_section(analysis, data: dict, strategies, protocol: str, rounds: int, seed: int) -> str:
    from accord.simulate import run_session

    scenario = analysis.scenario
    chosen = list(strategies) if strategies else ["boulware"] + ["conceder"] * (len(scenario.parties) - 1)
    result = run_session(scenario, chosen, protocol=protocol, rounds=rounds, seed=seed)
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
    else:
        ending = f"No agreement (ended by {result.ended_by} after {result.rounds} rounds); each party gets its " \
                 "reservation value."
        deal = ""
    return (f"<h2>Simulation</h2><p>Protocol <b>{escape(protocol)}</b>, {rounds} rounds, seed {seed}; strategies "
            f"{escape(pairs)}.</p><p>{escape(ending)}</p>"
            f'<div class="plot">{svg}</div><p class="small muted">Dots: each party\'s offers in utility space, '
            f"joined in the order made.</p>{deal}")


def _forecast_section(stakeholders: str | None) -> str:
    if not stakeholders:
        return ('<h2>Forecast</h2><p class="muted">No stakeholder file was given for this scenario; name one to '
                "forecast its stakeholders.</p>")
    from accord.forecast import ModelConfig, forecast, load_stakeholders

    parts = [f"<h2>Forecast</h2><p>Expected-utility model over the stakeholder file "
             f"<code>{escape(stakeholders)}</code>; every number in it is an assumption.</p>"]
    for group in load_stakeholders(stakeholders):
        result = forecast(group, ModelConfig(model="eu", rounds=10))
        xs = [r.number for r in result.rounds]
        series = {actor: [r.positions[k] for r in result.rounds] for k, actor in enumerate(result.actors)}
        series["forecast"] = [r.forecast for r in result.rounds]
        parts.append(f"<h3>{escape(result.issue)}</h3>")
        if group.scale:
            parts.append(f'<p class="small muted">Scale: {escape(group.scale)}</p>')
        parts.append(lines_svg(series, xs, f"positions over rounds: {result.issue}", "position",
                               dashed=("forecast",)))
        converged = (f" The model converged in round {result.converged_at}." if result.converged_at is not None
                     else "")
        parts.append(f"<p>Forecast after {len(xs) - 1} rounds: <b>{result.final:.4g}</b>.{converged}</p>")
        parts.append(_table(["actor", "start", "end"], [[a, f"{series[a][0]:.4g}", f"{series[a][-1]:.4g}"]
                                                          for a in result.actors], 1))
    return "".join(parts)


def render_report(scenario, *, strategies: Sequence[str] | None = None, protocol: str = "sao", rounds: int = 100,
                  seed: int = 0, stakeholders: str | None = None, command: str = "") -> str:
    """The one-file HTML report of ``scenario``: analysis tables, the utility-space plot, a simulation and (with a
    stakeholder file) a forecast. Deterministic: the same inputs give the same bytes."""
    import accord

    analysis = accord.analyze(scenario)
    data = plot_data(analysis)
    title = scenario.title or scenario.name
    share = analysis.rational_outcomes / analysis.n_outcomes if analysis.n_outcomes else 0.0
    zone = (f"{analysis.rational_outcomes:,} outcomes ({share:.2%}) are at least as good as no deal for every party."
            if analysis.has_zone_of_agreement else "No outcome is at least as good as no deal for every party.")
    summary = (f"{len(scenario.parties)} parties ({escape(', '.join(scenario.party_names))}), "
               f"{len(scenario.issues)} issues, {analysis.n_outcomes:,} feasible outcomes"
               + (f" ({len(scenario.constraints)} hard constraints)" if scenario.constraints else "") + ".")
    body = [f"<h1>{escape(title)}</h1>"]
    if scenario.description:
        body.append(f"<p>{escape(scenario.description.strip())}</p>")
    body.append(f'<div class="summary"><p>{summary}</p><p><b>Zone of agreement:</b> {escape(zone)}</p></div>')
    body.append("<h2>Bargaining solutions</h2>" + _solutions_table(analysis))
    body.append("<h2>Utility space</h2>"
                f'<div class="plot" data-plot-json="plot-data">{utility_svg(data)}</div>{legend_html(data)}'
                '<p class="small muted">Hover over the plot to see a deal.</p>')
    body.append(_ratification_section(analysis))
    body.append("<h2>Parties</h2>" + _parties_table(analysis))
    body.append("<h2>Issues and weights</h2>" + _preferences_table(scenario))
    body.append("<h2>Pareto frontier</h2>" + _frontier_table(analysis))
    body.append(_simulation_section(analysis, data, strategies, protocol, rounds, seed))
    body.append(_forecast_section(stakeholders))
    if scenario.notes:
        body.append("<h2>Notes</h2><ul>" + "".join(f"<li>{escape(n)}</li>" for n in scenario.notes) + "</ul>")
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


__all__ = ["label_of", "legend_html", "lines_svg", "offer_paths", "plot_data", "project_paths", "render_report",
           "sample_positions", "utility_svg"]
