"""Sensitivity of the analysis to uncertain inputs.

Two questions an analyst asks of assumed numbers:

* ``reservation_grid`` — how do the zone of agreement and the Nash deal move as reservation values move?
  The utility matrix is computed once; each cell only re-thresholds it.
* ``weight_noise`` — how robust is the Nash deal to error in the weights? Each run multiplies every weight by
  log-normal noise (seeded), renormalises, and re-solves; the result says how often each option is in the
  Nash deal.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
import itertools
from dataclasses import dataclass

import numpy as np

from accord.analysis.analyze import DECIMALS, rounded_reservations, rounded_utilities
from accord.analysis.pareto import pareto_mask
from accord.analysis.solutions import rational_mask, solve
from accord.errors import OptionError, check_seed
from accord.model import LinearAdditive, Scenario
from accord.space import scenario_space

MAX_GRID_CELLS = 10_000  # reservation-grid cells in one call (each re-solves the Nash deal)
MAX_NOISE_RUNS = 10_000  # weight-noise runs (each re-solves the Nash deal over the whole space)
MAX_NOISE = 10.0  # log-normal σ; beyond this the factors overflow and the answer means nothing


@dataclass(frozen=True)
class GridCell:
    reservation: tuple[float, ...]
    rational_outcomes: int
    nash: dict[str, object] | None
    nash_utilities: tuple[float, ...] | None


@dataclass(frozen=True)
class WeightSensitivity:
    runs: int
    scale: float
    seed: int
    base_nash: dict[str, object] | None
    same_nash: int
    no_zone: int
    option_frequency: dict[str, dict[str, float]]


def _nash(utilities: np.ndarray, reservation: np.ndarray, on_front: np.ndarray) -> int | None:
    rational = rational_mask(utilities, reservation)
    candidates = np.flatnonzero(on_front & rational)
    position = solve(utilities[candidates], reservation, None, ("nash",))["nash"]
    return None if position is None else int(candidates[position])


def reservation_grid(scenario: Scenario, values: dict[str, list[float]],
                     tick: Callable[[], None] = lambda: None) -> list[GridCell]:
    """Zone size and Nash deal for every combination of the given reservation values (other parties keep
    theirs); ``tick`` is called after each cell (for progress)."""
    for name in values:
        if name not in scenario.party_names:
            raise OptionError(f"unknown party '{name}'", parameter="reservation",
                              fix=f"use one of {', '.join(scenario.party_names)}")
    axes = [values.get(party.name, [party.reservation]) for party in scenario.parties]
    size = int(np.prod([len(axis) for axis in axes], dtype=float))
    if size > MAX_GRID_CELLS:
        raise OptionError(f"the grid has {size:,} cells; at most {MAX_GRID_CELLS:,}", parameter="reservation",
                          fix="give fewer steps")
    space = scenario_space(scenario)
    utilities = rounded_utilities(scenario, space)
    on_front = pareto_mask(utilities)
    cells = []
    for combination in itertools.product(*axes):
        reservation = np.round(np.asarray(combination, dtype=float), DECIMALS)
        position = _nash(utilities, reservation, on_front)
        cells.append(GridCell(
            tuple(float(r) for r in combination), int(rational_mask(utilities, reservation).sum()),
            None if position is None else space.outcome(position),
            None if position is None else tuple(float(u) for u in utilities[position])))
        tick()
    return cells


def _perturbed(scenario: Scenario, rng: np.random.Generator, scale: float) -> Scenario:
    parties = []
    for party in scenario.parties:
        utility = party.utility
        if not isinstance(utility, LinearAdditive):
            raise OptionError(f"party '{party.name}' has a constraint-based utility without weights",
                              parameter="scale", fix="use weight noise on linear-additive scenarios only")
        weights = np.asarray(utility.weights) * rng.lognormal(0.0, scale, len(utility.weights))
        total = sum(utility.weights)
        weights = weights / weights.sum() * total
        parties.append(dataclasses.replace(party, utility=dataclasses.replace(utility, weights=tuple(weights))))
    return dataclasses.replace(scenario, parties=tuple(parties))


def check_noise(scale: float, seed: int) -> None:
    """An ``OptionError`` unless ``scale`` lies in [0, MAX_NOISE] and ``seed`` is 0 or more."""
    if not 0 <= scale <= MAX_NOISE:
        raise OptionError(f"noise scale must lie in [0, {MAX_NOISE:g}], got {scale:g}", parameter="scale",
                          fix="give e.g. 0.1")
    check_seed(seed)


def weight_noise(scenario: Scenario, runs: int = 100, scale: float = 0.1, seed: int = 0,
                 tick: Callable[[], None] = lambda: None) -> WeightSensitivity:
    """Re-solve the Nash deal under ``runs`` seeded perturbations of every party's weights; ``tick`` is called
    after each run (for progress)."""
    if not 1 <= runs <= MAX_NOISE_RUNS:
        raise OptionError(f"runs must be 1 to {MAX_NOISE_RUNS:,}, got {runs:,}", parameter="runs",
                          fix=f"give 1 to {MAX_NOISE_RUNS:,}")
    check_noise(scale, seed)
    space = scenario_space(scenario)
    reservation = rounded_reservations(scenario)
    base_utilities = rounded_utilities(scenario, space)
    base = _nash(base_utilities, reservation, pareto_mask(base_utilities))
    base_nash = None if base is None else space.outcome(base)
    counts = {issue.name: {str(v): 0 for v in issue.values} for issue in scenario.issues}
    same = no_zone = 0
    rng = np.random.default_rng(seed)
    for _ in range(runs):
        utilities = rounded_utilities(_perturbed(scenario, rng, scale), space)
        position = _nash(utilities, reservation, pareto_mask(utilities))
        tick()
        if position is None:
            no_zone += 1
            continue
        outcome = space.outcome(position)
        same += outcome == base_nash
        for name, value in outcome.items():
            counts[name][str(value)] += 1
    solved = max(runs - no_zone, 1)
    frequency = {name: {value: count / solved for value, count in options.items()}
                 for name, options in counts.items()}
    return WeightSensitivity(runs, scale, seed, base_nash, same, no_zone, frequency)
