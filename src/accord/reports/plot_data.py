"""The utility-space plot as plain, JSON-ready data, shared by the HTML report and the web workbench.

:func:`plot_data` turns an analysis into a subsample of the outcome cloud (one point per occupied pixel cell, at
most ``max_points``), the frontier, reservation values and the solutions, each point carrying its deal (every
party's utility, whether it is rational for every party) for hover. Beyond enumeration the cloud is a uniform
random sample of the outcomes, and the data says so (``sample``: its size, the total count, the seed, a caption);
the frontier and the solutions stay exact. :func:`offer_paths` and :func:`project_paths`
give a simulation's offers on the plot's axes.

With three or more parties the plot is a projection on two of them: the data says so (``projection``), carries
the n-party frontier (``frontier``: outcomes no other outcome improves for every party, drawn where they fall) and
the pair's own frontier (``pair_frontier``: outcomes no other outcome improves for the two drawn parties).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from accord.analysis import pareto_mask, rational_mask
from accord.analysis.outcome_sample import sample_outcomes
from accord.wording import label_of

MAX_POINTS = 3000
MAX_FRONTIER = 2000
GRID_CELLS = 320
SAMPLE_SEED = 0
"""The seed of the outcome sample drawn for an analysis beyond enumeration."""


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


def projection_label(parties: Sequence[str], axes: Sequence[int]) -> str:
    """What a 2-D view of ``parties`` on ``axes`` shows; empty for two parties (nothing is hidden)."""
    if len(parties) <= 2:
        return ""
    others = [p for k, p in enumerate(parties) if k not in axes]
    return (f"projection of the {len(parties)}-party space on {parties[axes[0]]} (x) and {parties[axes[1]]} (y); "
            f"{', '.join(others)} shown by colour and on hover")


def off_axis_label(parties: Sequence[str], axes: Sequence[int]) -> str:
    """What a point's colour shows in a projection: the utility of the one other party, or the least of them."""
    others = [p for k, p in enumerate(parties) if k not in axes]
    return f"utility of {others[0]}" if len(others) == 1 else f"least utility of {', '.join(others)}"


def off_axis_utility(utilities: np.ndarray, axes: Sequence[int]) -> np.ndarray:
    """Per row, the utility the colour of a projected point shows (see :func:`off_axis_label`)."""
    others = [k for k in range(utilities.shape[1]) if k not in axes]
    return utilities[:, others].min(axis=1) if others else np.zeros(utilities.shape[0])


def pair_frontier(utilities: np.ndarray, axes: Sequence[int]) -> np.ndarray:
    """Positions of the pair's own frontier: no outcome is better for both drawn parties (one per distinct
    point, in order along the x axis)."""
    pair = utilities[:, list(axes)]
    positions = np.flatnonzero(pareto_mask(pair))
    _, first = np.unique(pair[positions], axis=0, return_index=True)
    positions = positions[np.sort(first)]
    return positions[np.lexsort((-pair[positions, 1], pair[positions, 0]))]


def plot_data(analysis, axes: Sequence[int] = (0, 1), max_points: int = MAX_POINTS) -> dict:
    """JSON-ready data for the utility-space plot of ``analysis`` on two parties' axes.

    An enumerated analysis draws one outcome per pixel cell of the whole space (``sample`` is null); an analysis
    beyond enumeration draws a uniform random sample of at most ``max_points`` outcomes (seed
    :data:`SAMPLE_SEED`; ``sample`` says how many of how many), with its exact frontier and solutions."""
    scenario = analysis.scenario
    n_parties = len(scenario.parties)
    ax = (min(int(axes[0]), n_parties - 1), min(int(axes[1]), n_parties - 1))
    drawn = _enumerated(analysis, ax, max_points) if analysis.utilities is not None else _sampled(analysis, max_points)
    values, utilities = drawn["values"], drawn["utilities"]
    frontier = drawn["frontier"]
    if frontier.size:
        # one row per distinct projected point, in order along the x axis
        _, first = np.unique(utilities[frontier][:, list(ax)], axis=0, return_index=True)
        frontier = frontier[np.sort(first)]
        frontier = frontier[np.lexsort((-utilities[frontier, ax[1]], utilities[frontier, ax[0]]))]
        if frontier.size > MAX_FRONTIER:
            frontier = frontier[np.linspace(0, frontier.size - 1, MAX_FRONTIER).round().astype(int)]
    pair = drawn["pair"]
    if pair.size > MAX_FRONTIER:
        pair = pair[np.linspace(0, pair.size - 1, MAX_FRONTIER).round().astype(int)]
    cloud, chosen = drawn["cloud"], drawn["solutions"]
    rows = np.unique(np.concatenate([cloud, frontier, pair, np.asarray(list(chosen.values()), dtype=np.int64)]))
    index = {int(r): k for k, r in enumerate(rows)}
    rational = rational_mask(utilities[rows], np.asarray(scenario.reservations, dtype=float))
    deals = [{"u": utilities[r].tolist(), "v": row, "rational": bool(ok)}
             for r, row, ok in zip(rows, values(rows).tolist(), rational)]

    def point(row: int) -> list:
        return [float(utilities[row, ax[0]]), float(utilities[row, ax[1]]), index[int(row)]]

    return {
        "scenario": scenario.name,
        "parties": list(scenario.party_names),
        "axes": list(ax),
        "issues": [{"name": i.name, "values": [label_of(i, v) for v in i.values]} for i in scenario.issues],
        "reservation": [float(r) for r in scenario.reservations],
        "n_outcomes": int(analysis.n_outcomes),
        "sample": drawn["sample"],
        "points": [point(p) for p in cloud],
        "frontier": [point(p) for p in frontier],
        "frontier_is_curve": n_parties == 2,
        "pair_frontier": [point(p) for p in pair],
        "projection": projection_label(scenario.party_names, ax),
        "off_axis": off_axis_label(scenario.party_names, ax) if n_parties > 2 else "",
        "solutions": {name: point(row) for name, row in chosen.items()},
        "deals": deals,
    }


def _enumerated(analysis, ax: tuple[int, int], max_points: int) -> dict:
    """Rows are outcome positions of the enumerated space: one per pixel cell, the frontier, the solutions."""
    scenario, utilities = analysis.scenario, analysis.utilities
    cloud = sample_positions(utilities, ax, max_points)
    if len(scenario.parties) > 2 and utilities.shape[0]:
        # a projection shades the outcomes rational for every party: each cell holding one is drawn by one
        rational = np.flatnonzero(rational_mask(utilities, np.asarray(scenario.reservations, dtype=float)))
        cloud = np.union1d(cloud, rational[sample_positions(utilities[rational], ax, max_points)])
    pair = (pair_frontier(utilities, ax) if len(scenario.parties) > 2 and utilities.shape[0]
            else np.empty(0, dtype=np.int64))

    def values(rows: np.ndarray) -> np.ndarray:
        return analysis.space.value_indices(rows) if rows.size else np.empty((0, len(scenario.issues)))

    return {"values": values, "utilities": utilities, "cloud": cloud, "pair": pair, "sample": None,
            "frontier": np.asarray(analysis.frontier_positions, dtype=np.int64),
            "solutions": {name: deal.position for name, deal in analysis.solutions.items() if deal is not None}}


def _sampled(analysis, max_points: int) -> dict:
    """Rows index a small table: a uniform sample of the outcomes, then the exact frontier's and the solutions'
    outcomes, each once (never an array as long as the outcome space). The pair's own frontier of a projection
    is not drawn: it would need the whole space."""
    scenario = analysis.scenario
    drawn = sample_outcomes(scenario, max_points, SAMPLE_SEED)
    rows: dict[tuple[int, ...], int] = {}
    exact_values, exact_utilities = [], []

    def row_of(deal) -> int:
        key = tuple(issue.index_of(deal.outcome[issue.name]) for issue in scenario.issues)
        if key not in rows:
            rows[key] = drawn.size + len(exact_values)
            exact_values.append(key)
            exact_utilities.append(deal.utilities)
        return rows[key]

    frontier = np.array([row_of(deal) for deal in analysis.frontier()], dtype=np.int64)
    solutions = {name: row_of(deal) for name, deal in analysis.solutions.items() if deal is not None}
    table = np.concatenate([drawn.values, np.array(exact_values, dtype=np.int64).reshape(-1, len(scenario.issues))])
    utilities = np.concatenate([drawn.utilities, np.array(exact_utilities, dtype=float)
                                .reshape(-1, len(scenario.parties))])
    sample = {"size": drawn.size, "seed": drawn.seed, "of": int(analysis.n_outcomes),
              "caption": sample_caption(drawn.size, analysis.n_outcomes, drawn.seed)}
    return {"values": lambda picked: table[picked], "utilities": utilities, "cloud": np.arange(drawn.size),
            "frontier": frontier, "pair": np.empty(0, dtype=np.int64), "solutions": solutions, "sample": sample}


def sample_caption(size: int, total: int, seed: int) -> str:
    """How a sampled view says what it draws: its size, the total count and the seed."""
    return (f"a uniform random sample of {size:,} of the {total:,} outcomes (seed {seed}); the frontier and the "
            "solutions are exact")


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


__all__ = ["label_of", "off_axis_label", "off_axis_utility", "offer_paths", "pair_frontier", "plot_data",
           "project_paths", "projection_label", "sample_caption", "sample_positions"]
