"""The full analysis of a scenario too large to enumerate, from an exact frontier search.

Every figure follows the README's definitions without the outcome array:

* A rational outcome dominated by another makes the other rational too (it scores at least as much for every
  party), so the frontier of the rational outcomes is the frontier ∩ the rational set. Every solution (Nash,
  Kalai–Smorodinsky with its ideal point of best rational utilities, egalitarian, utilitarian) and its tie
  rules only ever pick a non-dominated rational outcome, so solving over frontier ∩ rational is exact; the
  outcome reported for a vector is its C-order-first one, as enumeration's lowest position.
* A party's best outcome (highest utility, then largest sum) is on the frontier; its worst (lowest utility,
  then largest sum) is on the frontier of (−that party's utility, the others' utilities), searched the same way
  but only for the points with that party's least utility (branches that cannot reach it are cut).
* Counts are exact Python ints; the rational-outcome count is exact within a search budget, else ``None``
  with a note.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from accord.analysis.additive_frontier import additive_frontier, additive_rational_count
from accord.analysis.exact_frontier import ExactFrontier, flat_index
from accord.analysis.rectangle_count import rectangle_rational_count
from accord.analysis.rectangle_search import rectangle_search
from accord.analysis.solutions import rational_mask, solution_names, solve
from accord.errors import ScenarioError
from accord.model import Scenario

Search = Callable[[Scenario, "np.ndarray | None", "int | None"], ExactFrontier]
Count = Callable[[Scenario, np.ndarray], "int | None"]

METHODS: dict[str, tuple[Search, Count]] = {
    "additive-merge": (additive_frontier, additive_rational_count),
    "branch-and-bound": (rectangle_search, rectangle_rational_count),
}


def analyze_by_search(scenario: Scenario, method: str, reservation: np.ndarray):
    """The ``Analysis`` of ``scenario`` by ``method`` (a key of ``METHODS``)."""
    from accord.analysis.analyze import Analysis, Deal

    search, count = METHODS[method]
    sizes = tuple(issue.size for issue in scenario.issues)

    def deal(values) -> Deal:
        outcome = {issue.name: issue.values[int(i)] for issue, i in zip(scenario.issues, values)}
        return Deal(flat_index(sizes, values), outcome, ())

    def with_utilities(values, vector) -> Deal:
        made = deal(values)
        return Deal(made.position, made.outcome, tuple(float(u) for u in vector))

    front = search(scenario, None, None)
    points, notes = front.points, []
    if not len(points):  # no frontier: no outcome at all (the best and worst deals below need one)
        raise ScenarioError("the constraints rule out every outcome", source=scenario.name, where="constraints",
                            fix="relax or remove a constraint")
    rational = np.flatnonzero(rational_mask(points, reservation)) if len(points) else np.empty(0, dtype=np.int64)
    chosen = solve(points[rational], reservation) if rational.size else dict.fromkeys(solution_names())
    solutions = {name: (None if p is None else with_utilities(front.firsts[rational[p]], points[rational[p]]))
                 for name, p in chosen.items()}
    k = len(scenario.parties)
    best = tuple(with_utilities(*_extreme(front, column)) for column in range(k))
    worst = []
    for column in range(k):
        signs = np.ones(k)
        signs[column] = -1.0
        values, flipped = _extreme(search(scenario, signs, column), column)
        worst.append(with_utilities(values, flipped * signs + 0.0))
    rational_outcomes = count(scenario, reservation)
    if rational_outcomes is None:
        notes.append(f"rational_outcomes is null: counting them exactly needs more than the {method} search "
                     "budget (the zone of agreement is still exact: it exists when a frontier point is rational)")
    if any(p.constituencies for p in scenario.parties):
        notes.append("ratification is not analysed beyond enumeration")
    return Analysis(
        scenario=scenario,
        n_outcomes=_feasible_count(scenario, front),
        rational_outcomes=rational_outcomes,
        pareto_points=points,
        pareto_outcomes=front.n_outcomes,
        solutions=solutions,
        best=best,
        worst=tuple(worst),
        method=method,
        frontier_counts=front.counts,
        frontier_deals=tuple(with_utilities(f, p) for f, p in zip(front.firsts, points)),
        zone=bool(rational.size),
        method_notes=tuple(notes),
    )


def _extreme(front: ExactFrontier, column: int) -> tuple[np.ndarray, np.ndarray]:
    """The frontier outcome with the highest utility in ``column``, then the largest sum, then C-order first."""
    points = front.points
    top = np.flatnonzero(points[:, column] == points[:, column].max())
    sums = points[top].sum(axis=1)
    top = top[sums == sums.max()]
    pick = min(top, key=lambda i: tuple(front.firsts[i]))
    return front.firsts[pick], points[pick]


def _feasible_count(scenario: Scenario, front: ExactFrontier) -> int:
    if not scenario.constraints:
        return scenario.cartesian_size
    from accord.analysis.additive_frontier import feasible_count
    return feasible_count(scenario)
