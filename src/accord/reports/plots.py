"""The utility-space plot of a session (matplotlib, imported only when a plot is asked for, Agg backend).

All outcomes, the Pareto frontier, the reservation lines, the Nash and Kalai–Smorodinsky points, each party's
offers as a path and the agreement. With more than two parties the first two parties' utilities are drawn.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from accord.errors import InputError, OptionError

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


def plot_session(result, prepared, path: str | Path, seed: int = 0) -> Path:
    """Draw ``result`` (a :class:`~accord.simulate.SessionResult`) over ``prepared``'s utility space to ``path``
    (``.png`` or ``.svg``)."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise OptionError(f"cannot draw '{path.suffix or path.name}'", parameter="plot", fix="use a .png or .svg file")
    plt = _pyplot()
    utilities = prepared.utilities
    names = prepared.scenario.party_names
    figure, ax = plt.subplots(figsize=(7, 6))
    try:
        points = utilities
        if len(points) > MAX_POINTS:  # a fixed sample keeps large spaces readable and the file small
            points = points[np.random.default_rng(seed).choice(len(points), MAX_POINTS, replace=False)]
        ax.scatter(points[:, 0], points[:, 1], s=4, color="0.8", label="outcomes", rasterized=True, zorder=1)
        frontier = prepared.frontier
        if len(frontier) and prepared.n_parties == 2:
            ax.plot(frontier[:, 0], frontier[:, 1], "-", color="0.3", linewidth=1.2, label="Pareto frontier", zorder=2)
        colours = plt.get_cmap("tab10").colors
        ax.axvline(prepared.reservations[0], color=colours[2], linestyle=":", linewidth=1,
                   label=f"reservation {names[0]}")
        ax.axhline(prepared.reservations[1], color=colours[3], linestyle=":", linewidth=1,
                   label=f"reservation {names[1]}")
        rows = result.trace_rows
        for party, name in enumerate(names):
            mine = [k for k, row in enumerate(rows) if row[1] == party and row[2] in ("offer", "concede")]
            if mine:
                path_points = result.trace_utilities[mine]
                ax.plot(path_points[:, 0], path_points[:, 1], "o-", markersize=3, linewidth=0.8, alpha=0.8,
                        color=colours[(party + 2) % 10], label=f"offers of {name}", zorder=3)
        mediated = [k for k, row in enumerate(rows) if row[1] == -1 and row[2] == "adopt"]
        if mediated:
            text = result.trace_utilities[mediated]
            ax.plot(text[:, 0], text[:, 1], "o-", markersize=3, linewidth=0.8, color="tab:purple",
                    label="single text", zorder=3)
        for label, position, marker, size in (("Kalai–Smorodinsky", prepared.kalai_smorodinsky, "D", 160),
                                              ("Nash", prepared.nash, "*", 120)):
            if position is not None:
                u = utilities[position]
                ax.scatter([u[0]], [u[1]], marker=marker, s=size, facecolors="none" if marker == "D" else "black",
                           edgecolors="black", label=label, zorder=5)
        if result.agreement:
            ax.scatter([result.utilities[0]], [result.utilities[1]], marker="X", s=140, color="tab:red",
                       label="agreement", zorder=6)
        ax.set_xlabel(f"utility of {names[0]}")
        ax.set_ylabel(f"utility of {names[1]}")
        ax.set_title(f"{prepared.scenario.name}: {' vs '.join(result.strategies)} ({result.protocol})")
        ax.set_xlim(-0.02, 1.02)
        ax.set_ylim(-0.02, 1.02)
        ax.legend(fontsize="small", loc="lower left")
        figure.tight_layout()
        figure.savefig(path, dpi=120)
    except OSError as error:
        raise InputError(f"cannot write the plot ({error.strerror})", source=str(path), fix="check the folder") from None
    finally:
        plt.close(figure)
    return path
