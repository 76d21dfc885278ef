"""One call from a scenario to its full analysis: rational deals, frontier, solutions, extremes."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from accord.analysis.method_choice import METHODS, analyze_by_search, choose_method
from accord.analysis.pareto import pareto_mask
from accord.analysis.ratification import Ratification, ratify
from accord.analysis.solutions import DECIMALS, rational_mask, solve
from accord.errors import OptionError
from accord.model import Scenario
from accord.space import OutcomeSpace, scenario_space, utility_matrix


@dataclass(frozen=True)
class Deal:
    """One outcome with every party's utility."""

    position: int
    outcome: dict[str, object]
    utilities: tuple[float, ...]

    def to_json(self) -> dict:
        return {"outcome": _jsonable(self.outcome), "utilities": list(self.utilities)}


@dataclass(frozen=True)
class Analysis:
    """The analysis of a scenario. Utilities are rounded to 10 decimals."""

    scenario: Scenario
    n_outcomes: int
    rational_outcomes: int | None  # None: beyond the exact search's counting budget (see method_notes)
    pareto_points: np.ndarray
    pareto_outcomes: int
    solutions: dict[str, Deal | None]
    best: tuple[Deal, ...]
    worst: tuple[Deal, ...]
    space: OutcomeSpace = field(repr=False, compare=False, default=None)
    utilities: np.ndarray = field(repr=False, compare=False, default=None)
    frontier_positions: np.ndarray = field(repr=False, compare=False, default=None)
    ratification: Ratification | None = field(repr=False, compare=False, default=None)
    method: str = "enumeration"
    frontier_deals: tuple[Deal, ...] | None = field(repr=False, compare=False, default=None)
    zone: bool | None = None
    method_notes: tuple[str, ...] = ()
    frontier_counts: tuple[int, ...] = ()

    def deal(self, position: int) -> Deal:
        """The outcome at ``position`` with its (rounded) utilities."""
        return Deal(int(position), self.space.outcome(int(position)),
                    tuple(float(u) for u in self.utilities[position]))

    def frontier(self, limit: int | None = None) -> list[Deal]:
        """Frontier outcomes, ascending by utility vector (first ``limit`` of them)."""
        if self.frontier_deals is not None:
            return list(self.frontier_deals[:limit])
        return [self.deal(p) for p in self.frontier_positions[:limit]]

    @property
    def has_zone_of_agreement(self) -> bool:
        return self.zone if self.zone is not None else self.rational_outcomes > 0

    def to_json(self) -> dict:
        scenario = self.scenario
        return {
            "scenario": scenario.name,
            "title": scenario.title,
            "parties": list(scenario.party_names),
            "issues": [{"name": i.name, "kind": i.kind, "values": list(i.values)} for i in scenario.issues],
            "n_outcomes": self.n_outcomes,
            "reservation": [float(r) for r in scenario.reservations],
            "rational_outcomes": self.rational_outcomes,
            "zone_of_agreement": self.has_zone_of_agreement,
            "pareto": {"points": self.pareto_points.tolist(), "n_outcomes": self.pareto_outcomes,
                       "counts": list(self.frontier_counts)},
            "solutions": {name: (deal.to_json() if deal else None) for name, deal in self.solutions.items()},
            "best": {p: d.to_json() for p, d in zip(scenario.party_names, self.best)},
            "worst": {p: d.to_json() for p, d in zip(scenario.party_names, self.worst)},
            "notes": list(scenario.notes) + list(self.method_notes),
            "method": self.method,
            "ratification": (self.ratification.to_json(lambda p: self.deal(p).to_json())
                             if self.ratification else None),
        }


def _jsonable(outcome: dict[str, object]) -> dict[str, object]:
    return {k: (v.item() if isinstance(v, np.generic) else v) for k, v in outcome.items()}


def rounded_utilities(scenario: Scenario, space: OutcomeSpace | None = None) -> np.ndarray:
    """The utility matrix rounded to 10 decimals, as every comparison in the analysis uses."""
    return np.round(utility_matrix(scenario, space), DECIMALS)


def rounded_reservations(scenario: Scenario) -> np.ndarray:
    """The reservation values rounded like the utilities they are compared with."""
    return np.round(np.asarray(scenario.reservations, dtype=float), DECIMALS)


def analyze(scenario: Scenario, method: str | None = None) -> Analysis:
    """Analyse ``scenario`` exactly (see the README for the definitions). ``method`` forces one of
    ``METHODS``; by default enumeration when the space fits, else the search that fits the utilities."""
    method = method or choose_method(scenario)
    if method not in METHODS:
        raise OptionError(f"unknown analysis method '{method}'", parameter="method", fix=f"use one of {', '.join(METHODS)}")
    if method != "enumeration":
        return analyze_by_search(scenario, method, rounded_reservations(scenario))
    space = scenario_space(scenario)
    utilities = rounded_utilities(scenario, space)
    reservation = rounded_reservations(scenario)

    def deal(position: int) -> Deal:
        return Deal(position, space.outcome(position), tuple(float(u) for u in utilities[position]))

    on_front = pareto_mask(utilities)
    front_positions = np.flatnonzero(on_front)
    points, per_point = (np.unique(utilities[front_positions], axis=0, return_counts=True) if front_positions.size
                         else (np.empty((0, len(scenario.parties))), np.zeros(0, dtype=int)))
    rational = rational_mask(utilities, reservation)
    # Every solution is attained on the frontier (a dominating outcome is also rational, scores at least as
    # well and has a larger sum), so solving over frontier ∩ rational gives the same deals, much faster.
    candidates = np.flatnonzero(on_front & rational)
    chosen = {name: (None if p is None else int(candidates[p])) for name, p in
              solve(utilities[candidates], reservation).items()}
    sums = np.add.reduce([utilities[:, j] for j in range(utilities.shape[1])])
    best, worst = [], []
    for column in range(utilities.shape[1]):
        best.append(deal(_extreme(utilities[:, column], sums, largest=True)))
        worst.append(deal(_extreme(utilities[:, column], sums, largest=False)))
    front_order = front_positions[np.lexsort(utilities[front_positions].T[::-1])]
    return Analysis(
        scenario=scenario,
        n_outcomes=space.size,
        rational_outcomes=int(rational.sum()),
        pareto_points=points,
        pareto_outcomes=int(front_positions.size),
        solutions={name: (deal(p) if p is not None else None) for name, p in chosen.items()},
        best=tuple(best),
        worst=tuple(worst),
        space=space,
        utilities=utilities,
        frontier_positions=front_order,
        frontier_counts=tuple(int(c) for c in per_point),
        ratification=ratify(scenario, space, utilities, reservation, rational),
    )


def _extreme(column: np.ndarray, sums: np.ndarray, largest: bool) -> int:
    target = column.max() if largest else column.min()
    tied = np.flatnonzero(column == target)
    return int(tied[np.argmax(sums[tied])])
