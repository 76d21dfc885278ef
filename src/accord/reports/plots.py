"""The utility-space plot of a session (matplotlib, imported only when a plot is asked for, Agg backend).

All outcomes, the Pareto frontier, the reservation lines, the Nash and Kalai–Smorodinsky points, each party's
offers as a path and the agreement, in the parties' colours of :mod:`accord.reports.palette`. With three or more
parties the plot is a projection on two chosen parties (``axes``), titled so: each outcome is coloured by the
utility of the parties off the axes, only outcomes rational for every party are shaded, and both frontiers are
drawn and named (the n-party one where its outcomes fall, the pair's own as a line).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from accord.analysis import rational_mask
from accord.errors import InputError, OptionError
from accord.reports.palette import UTILITY_SCALE, party_colour
from accord.reports.plot_data import off_axis_label, off_axis_utility, pair_frontier, projection_label

FORMATS = (".png", ".svg")
MAX_POINTS = 20000


def _pyplot():
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        from accord.extras import install_hint

        raise InputError("plotting needs matplotlib", parameter="plot", fix=install_hint("plots")) from None
    return plt


def plot_axes(parties: Sequence[str], chosen: Sequence[str] | None) -> tuple[int, int]:
    """The two parties a plot draws, named or numbered from 1 in ``chosen`` (default: the first two)."""
    if not chosen:
        return (0, 1) if len(parties) > 1 else (0, 0)
    fix = f"name two different parties of {', '.join(parties)} (or their numbers 1..{len(parties)})"
    if len(chosen) != 2:
        raise OptionError(f"{len(chosen)} parties given", parameter="plot_axes", fix=fix)
    axes = []
    for name in chosen:
        name = name.strip()
        if name in parties:
            axes.append(list(parties).index(name))
        elif name.isdigit() and 1 <= int(name) <= len(parties):
            axes.append(int(name) - 1)
        else:
            raise OptionError(f"no party '{name}'", parameter="plot_axes", fix=fix)
    if axes[0] == axes[1] and len(parties) > 1:
        raise OptionError("the same party twice", parameter="plot_axes", fix=fix)
    return axes[0], axes[1]


def plot_session(result, prepared, path: str | Path, seed: int = 0, axes: Sequence[int] = (0, 1)) -> Path:
    """Draw ``result`` (a :class:`~accord.simulate.SessionResult`) over ``prepared``'s utility space to ``path``
    (``.png`` or ``.svg``), on the utilities of the parties at ``axes`` (see :func:`plot_axes`)."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise OptionError(f"cannot draw '{path.suffix or path.name}'", parameter="plot", fix="use a .png or .svg file")
    plt = _pyplot()
    utilities = prepared.utilities
    names = prepared.scenario.party_names
    x, y = axes
    projection = projection_label(names, (x, y))
    figure, ax = plt.subplots(figsize=(7, 6.4 if projection else 6))
    try:
        sample = np.arange(len(utilities))
        if len(sample) > MAX_POINTS:  # a fixed sample keeps large spaces readable and the file small
            sample = np.sort(np.random.default_rng(seed).choice(len(sample), MAX_POINTS, replace=False))
        points = utilities[sample]
        if projection:
            _projected_cloud(ax, points, prepared.reservations, (x, y), names, figure)
        else:
            ax.scatter(points[:, x], points[:, y], s=4, color="0.8", label="outcomes", rasterized=True, zorder=1)
        frontier = prepared.frontier
        if len(frontier) and prepared.n_parties == 2:
            ax.plot(frontier[:, x], frontier[:, y], "-", color="0.3", linewidth=1.2, label="Pareto frontier",
                    zorder=2)
        elif len(frontier):
            ax.scatter(frontier[:, x], frontier[:, y], s=16, facecolors="none", edgecolors="0.1", linewidths=0.8,
                       label=f"{prepared.n_parties}-party Pareto frontier (projected)", zorder=2)
            pair = utilities[pair_frontier(utilities, (x, y))]
            ax.plot(pair[:, x], pair[:, y], ":", color="0.35", linewidth=1.2,
                    label=f"frontier of {names[x]} and {names[y]} alone", zorder=2)
        ax.axvline(prepared.reservations[x], color=party_colour(x), linestyle=":", linewidth=1,
                   label=f"reservation {names[x]}")
        ax.axhline(prepared.reservations[y], color=party_colour(y), linestyle=":", linewidth=1,
                   label=f"reservation {names[y]}")
        rows = result.trace_rows
        for party, name in enumerate(names):
            mine = [k for k, row in enumerate(rows) if row[1] == party and row[2] in ("offer", "concede")]
            if mine:
                path_points = result.trace_utilities[mine]
                ax.plot(path_points[:, x], path_points[:, y], "o-", markersize=3, linewidth=0.8, alpha=0.8,
                        color=party_colour(party), label=f"offers of {name}", zorder=3)
        mediated = [k for k, row in enumerate(rows) if row[1] == -1 and row[2] == "adopt"]
        if mediated:
            text = result.trace_utilities[mediated]
            ax.plot(text[:, x], text[:, y], "o-", markersize=3, linewidth=0.8, color="0.45",
                    label="single text", zorder=3)
        for label, position, marker, size in (("Kalai–Smorodinsky", prepared.kalai_smorodinsky, "D", 160),
                                              ("Nash", prepared.nash, "*", 120)):
            if position is not None:
                u = utilities[position]
                ax.scatter([u[x]], [u[y]], marker=marker, s=size, facecolors="none" if marker == "D" else "black",
                           edgecolors="black", label=label, zorder=5)
        if result.agreement:
            ax.scatter([result.utilities[x]], [result.utilities[y]], marker="X", s=140, color="black",
                       label="agreement", zorder=6)
        ax.set_xlabel(f"utility of {names[x]}")
        ax.set_ylabel(f"utility of {names[y]}")
        title = f"{prepared.scenario.name}: {' vs '.join(result.strategies)} ({result.protocol})"
        ax.set_title(title + (f"\n{projection}" if projection else ""), fontsize="medium" if projection else None)
        ax.set_xlim(-0.02, 1.02)
        ax.set_ylim(-0.02, 1.02)
        ax.legend(fontsize="small", loc="best")
        figure.tight_layout()
        figure.savefig(path, dpi=120)
    except OSError as error:
        raise InputError(f"cannot write the plot ({error.strerror})", source=str(path), fix="check the folder") from None
    finally:
        plt.close(figure)
    return path


def _projected_cloud(ax, points: np.ndarray, reservations, axes: tuple[int, int], names, figure) -> None:
    """The outcomes of a projection: coloured by the off-axis utility, a halo on those rational for everyone."""
    from matplotlib.colors import ListedColormap

    rational = rational_mask(points, np.asarray(reservations, dtype=float))
    x, y = axes
    ax.scatter(points[rational, x], points[rational, y], s=60, color="#2a9d2a", alpha=0.3, linewidths=0,
               label=f"at least as good as no deal for all {len(names)} parties", rasterized=True, zorder=0)
    cloud = ax.scatter(points[:, x], points[:, y], s=4, c=off_axis_utility(points, axes), vmin=0, vmax=1,
                       cmap=ListedColormap(UTILITY_SCALE), rasterized=True, zorder=1)
    figure.colorbar(cloud, ax=ax, label=off_axis_label(names, axes), fraction=0.046, pad=0.03)
