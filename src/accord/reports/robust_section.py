"""The robustness section of the HTML report, and the drawings the workbench's robustness panel shows: the
utility space coloured by each package's P(rational and ratified), and the drivers as a bar chart.

Draws a :class:`~accord.robust.RobustResult` the caller computed; computes no probability itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from accord.reports.bars import bars_svg
from accord.reports.plot_data import label_of
from accord.reports.svg import SHADE_STEPS, escape, shade_colour, utility_svg

if TYPE_CHECKING:
    from accord.analysis import Analysis
    from accord.robust import RobustResult

SHOWN_DRIVERS = 12
SHOWN_PACKAGES = 10
MEASURES = {"ratified": "P(rational and ratified)", "rational": "P(rational for every party)"}


def deal_positions(space, data: dict) -> np.ndarray:
    """The outcome position of every deal of :func:`~accord.reports.plot_data.plot_data` (``data["deals"]``)."""
    if not data["deals"]:
        return np.empty(0, dtype=np.int64)
    columns = np.asarray([deal["v"] for deal in data["deals"]], dtype=np.int64).T
    flat = np.ravel_multi_index(tuple(columns), tuple(space.sizes)) if len(space.sizes) else np.zeros(1, np.int64)
    feasible = space.feasible_indices
    return flat if feasible is None else np.searchsorted(feasible, flat)


def colour_measure(result: RobustResult) -> str:
    """What the plot colours: P(rational and ratified), or P(rational) when no package was ever ratified."""
    return "ratified" if result.ratified.any() else "rational"


def point_shades(result: RobustResult, data: dict, measure: str) -> list[float]:
    """Per drawn point of ``data["points"]``, its package's probability ``measure`` (a key of ``MEASURES``)."""
    positions = deal_positions(result.space, data)
    counts = result.ratified if measure == "ratified" else result.rational
    return [float(counts[positions[k]] / result.samples) for _, _, k in data["points"]]


def shade_key(title: str) -> str:
    """The colour scale of the shaded plot as an inline legend."""
    steps = [(0.0, "0")] + [(k / SHADE_STEPS, f"≤{k / SHADE_STEPS:.0%}") for k in range(1, SHADE_STEPS + 1)]
    cells = "".join(f'<span class="key"><svg width="14" height="14"><rect width="14" height="14" '
                    f'fill="{shade_colour(level)}"/></svg>{label}</span>' for level, label in steps)
    return f'<div class="legend shade-key"><span class="key">{escape(title)}:</span>{cells}</div>'


def robust_view(analysis: Analysis, result: RobustResult, data: dict) -> dict:
    """The drawings of a robustness estimate: the utility-space plot on ``data``'s axes with every drawn package
    (the cloud and the frontier) shaded, its colour key and the drivers' bar chart (``None`` without uncertain
    numbers)."""
    measure = colour_measure(result)
    drivers = result.drivers[:SHOWN_DRIVERS]
    chart = None
    if drivers:
        chart = bars_svg([(d.parameter, d.delta_p) for d in drivers],
                         "drivers: change in P(a ratifiable zone exists), top against bottom decile")
    shaded = {**data, "points": data["points"] + data["frontier"]}
    return {"measure": measure, "measure_title": MEASURES[measure],
            "svg": utility_svg(shaded, shades=point_shades(result, shaded, measure)),
            "key": shade_key(MEASURES[measure]), "drivers_svg": chart}


def _pct(estimate: dict) -> str:
    return f"{estimate['value']:.1%} ± {estimate['se']:.1%}"


def _deal_table(analysis: Analysis, deal: dict, parties: list[str]) -> str:
    rows = "".join(f"<tr><td>{escape(issue.name)}</td><td>{escape(label_of(issue, deal['outcome'][issue.name]))}"
                   "</td></tr>" for issue in analysis.scenario.issues)
    u = deal["utilities"]
    rows += "".join(f'<tr><td>utility: {escape(p)}</td><td class="num">{m:.3f} (5–95 %: {lo:.3f}–{hi:.3f})</td></tr>'
                    for p, m, lo, hi in zip(parties, u["median"], u["p05"], u["p95"]))
    return f"<table><thead><tr><th>issue</th><th>robust deal</th></tr></thead><tbody>{rows}</tbody></table>"


def _packages_table(document: dict) -> str:
    head = "<th>package</th>" + "".join(f'<th class="num">{h}</th>' for h in
                                        ("P(rational)", "P(rational and ratified)", "P(Pareto)", "P(Nash)"))
    rows = "".join(
        f"<tr><td>{escape(', '.join(f'{k}={v}' for k, v in p['outcome'].items()))}</td>"
        + "".join(f'<td class="num">{p[key]:.1%}</td>' for key in ("p_rational", "p_ratified", "p_pareto"))
        + f'<td class="num">{p["p_solution"]["nash"]:.1%}</td></tr>'
        for p in document["packages"][:SHOWN_PACKAGES])
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def robust_section(analysis: Analysis, data: dict, result: RobustResult) -> str:
    """The report's robustness section for ``result`` (drawn on the plot ``data`` of ``analysis``)."""
    document = result.to_json()
    view = robust_view(analysis, result, data)
    name = analysis.scenario.name
    parts = ["<h2>Robustness</h2>",
             f"<p>{document['samples']:,} scenarios drawn (seed {document['seed']}) from the distributions the "
             f"scenario states on {len(document['parameters'])} numbers; every other number is held at its value. "
             f"Each probability is given ± one Monte Carlo standard error. The report draws a modest sample; "
             f"<code>accord robust</code> on {escape(name)} with more samples gives tighter figures (the error "
             "shrinks with the square root of the sample count).</p>",
             '<table><tbody>'
             f'<tr><td>P(a zone of agreement exists)</td><td class="num">{_pct(document["p_zone"])}</td></tr>'
             f'<tr><td>P(a ratifiable zone exists)</td><td class="num">{_pct(document["p_ratifiable_zone"])}</td>'
             "</tr></tbody></table>"]
    deal = document["robust_deal"]
    if deal is None:
        parts.append("<p><b>Robust deal:</b> none — no package was rational for every party and ratified by every "
                     "constituency in any sample.</p>")
    else:
        parts.append(f"<p><b>Robust deal</b> (the largest P(rational and ratified)): P(rational) "
                     f"{deal['p_rational']:.1%} ± {deal['se']['p_rational']:.1%}, P(rational and ratified) "
                     f"{deal['p_ratified']:.1%} ± {deal['se']['p_ratified']:.1%}.</p>")
        parts.append(_deal_table(analysis, deal, document["parties"]))
    fallback = ("" if view["measure"] == "ratified" else
                " No package was ratified in any sample, so the colour shows P(rational for every party) instead.")
    parts.append(f'<div class="plot robust-plot">{view["svg"]}</div>{view["key"]}'
                 f'<p class="small muted">Each drawn package coloured by {escape(view["measure_title"])} over the '
                 f"samples.{escape(fallback)}</p>")
    if view["drivers_svg"] is not None:
        parts.append("<h3>Which assumption matters</h3>")
        if any(d["delta_p"] != 0 for d in document["drivers"]):
            parts.append("<p>For each uncertain number: P(a ratifiable zone exists) when the number is in its top "
                         "decile minus when it is in its bottom decile (largest change first).</p>"
                         + view["drivers_svg"])
        else:
            parts.append("<p>Whether a ratifiable zone exists never changed across the samples, so no uncertain "
                         "number moves it.</p>")
    if document["packages"]:
        parts.append("<h3>Packages most often rational</h3>" + _packages_table(document))
    return "".join(parts)


__all__ = ["colour_measure", "deal_positions", "point_shades", "robust_section", "robust_view", "shade_key"]
