"""Plots of an audit (matplotlib, Agg, imported only when a plot is asked for): the offers on the utility space
with arrows in time order, and each party's concession timeline.

With more than two parties the utility space is projected on the first two parties' utilities, and says so.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from accord.errors import OptionError
from accord.reports.palette import PARTY_COLOURS
from accord.reports.plots import FORMATS, MAX_POINTS, _pyplot


def plot_audit(result, path: str | Path, seed: int = 0) -> Path:
    """Draw ``result`` (an :class:`~accord.audit.AuditResult`) to ``path`` (``.png`` or ``.svg``)."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise OptionError(f"cannot draw '{path.suffix or path.name}'", parameter="plot",
                          fix="use a .png or .svg file")
    plt = _pyplot()
    figure, (space_ax, time_ax) = plt.subplots(1, 2, figsize=(13, 5.5))
    try:
        _draw_space(space_ax, result, plt, seed)
        _draw_timeline(time_ax, result, plt)
        figure.tight_layout()
        figure.savefig(path, dpi=110)
    finally:
        plt.close(figure)
    return path


def _colours(plt) -> tuple:
    """The parties' colours: the palette every view shares (:mod:`accord.reports.palette`)."""
    return PARTY_COLOURS


def _draw_space(ax, result, plt, seed: int) -> None:
    parties = result.parties
    utilities = result.map.utilities
    points = utilities
    if len(points) > MAX_POINTS:  # a fixed sample keeps large spaces readable and the file small
        points = points[np.random.default_rng(seed).choice(len(points), MAX_POINTS, replace=False)]
    ax.scatter(points[:, 0], points[:, 1], s=3, color="0.85", label="outcomes", rasterized=True, zorder=1)
    frontier = np.unique(utilities[result.map.frontier], axis=0)
    if len(parties) == 2:
        ax.plot(frontier[:, 0], frontier[:, 1], "-", color="0.3", linewidth=1.2, label="Pareto frontier", zorder=2)
    else:
        ax.scatter(frontier[:, 0], frontier[:, 1], s=4, color="0.4", label="Pareto frontier (projected)", zorder=2)
    ax.axvline(result.map.reservation[0], color="0.5", linestyle=":", linewidth=1)
    ax.axhline(result.map.reservation[1], color="0.5", linestyle=":", linewidth=1)
    colours = _colours(plt)
    scored = [(e.move, e.score) for e in result.moves if e.move.action == "offer" and e.score is not None]
    for k, ((move, score), nxt) in enumerate(zip(scored, [*scored[1:], None])):
        colour = colours[parties.index(move.party) % len(colours)] if move.party in parties else "black"
        x, y = score.utilities[0], score.utilities[1]
        if score.low is not None:
            ax.errorbar(x, y, xerr=[[x - score.low[0]], [score.high[0] - x]],
                        yerr=[[y - score.low[1]], [score.high[1] - y]], color=colour, alpha=0.25, linewidth=1,
                        zorder=3)
        ax.scatter([x], [y], s=28, color=colour, edgecolor="black", linewidth=0.4, zorder=5,
                   marker="o" if score.complete else "D")
        ax.annotate(str(move.index), (x, y), textcoords="offset points", xytext=(4, 4), fontsize=7, zorder=6)
        if nxt is not None:
            ax.annotate("", xy=nxt[1].utilities[:2], xytext=(x, y), zorder=4,
                        arrowprops={"arrowstyle": "->", "color": "0.35", "linewidth": 0.8, "alpha": 0.7})
    for party in parties:
        ax.scatter([], [], color=colours[parties.index(party) % len(colours)], label=f"offers of {party}")
    if result.final is not None:
        ax.scatter(*result.final.utilities[:2], marker="*", s=220, color="gold", edgecolor="black", zorder=7,
                   label="agreement")
    ax.set_xlabel(f"utility of {parties[0]}")
    ax.set_ylabel(f"utility of {parties[1]}")
    title = "offers in time order (◆ partial: best completion for the proposer, bars: range)"
    if len(parties) > 2:
        title += f"\nprojection on {parties[0]} × {parties[1]} of {len(parties)} parties"
    ax.set_title(title, fontsize=9)
    ax.legend(fontsize=7, loc="lower left")


def _draw_timeline(ax, result, plt) -> None:
    colours = _colours(plt)
    labels = {e.move.index: (e.move.date if e.move.date is not None else str(e.move.round)) for e in result.moves}
    for party, curve in result.concessions.items():
        if not curve:
            continue
        index, own = zip(*curve)
        ax.plot(index, own, "o-", color=colours[result.parties.index(party) % len(colours)], label=party, markersize=4)
        ax.axhline(result.map.reservation[result.parties.index(party)], linestyle=":", linewidth=1,
                   color=colours[result.parties.index(party) % len(colours)], alpha=0.6)
    ticks = sorted(labels)
    ax.set_xticks(ticks)
    ax.set_xticklabels([labels[t] if labels[t] not in (None, "None") else str(t) for t in ticks], rotation=60,
                       fontsize=7)
    ax.set_xlabel("move (date or round)")
    ax.set_ylabel("own utility of own offer")
    ax.set_title("concession timeline (dotted: reservation)", fontsize=9)
    ax.legend(fontsize=7)
