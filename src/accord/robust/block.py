"""One block of samples: utilities recomputed as array operations over one enumerated outcome space, then
the analysis's own rules (rationality, ratification, Pareto frontier, solutions) applied to each sample.

A sample never rebuilds the scenario: each uncertain utility is re-tabulated per issue (a few numbers per
sample) and gathered over every outcome at once; utilities without uncertain numbers are computed once.
Rounding and summation order are the analysis's, so a sample at the point estimate gives its exact figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from accord.analysis.pareto import pareto_mask
from accord.analysis.solutions import DECIMALS, SOLUTIONS, rational_mask, solve
from accord.model import Constant, LinearAdditive, Scenario, Table
from accord.robust.distributions import draw
from accord.robust.parameters import Target, targets
from accord.space import OutcomeSpace, scenario_space, utility_column

Slot = tuple[int, "int | None"]


class UtilityModel:
    """Utilities, reservations and thresholds of a scenario as functions of its uncertain parameters."""

    def __init__(self, scenario: Scenario, space: OutcomeSpace) -> None:
        self.scenario, self.space = scenario, space
        self.targets: tuple[Target, ...] = targets(scenario)
        self.slots: list[Slot] = [(j, None) for j in range(len(scenario.parties))] + [
            (j, k) for j, party in enumerate(scenario.parties) for k in range(len(party.constituencies))]
        self.indices = space.value_indices(np.arange(space.size)).T.copy()  # (n_issues, n)
        self._fixed: dict[Slot, np.ndarray] = {}
        for slot in self.slots:
            if not any(t.slot == slot and t.field != "threshold" for t in self.targets):
                self._fixed[slot] = np.round(utility_column(self.utility(slot), space), DECIMALS)

    def utility(self, slot: Slot):
        party = self.scenario.parties[slot[0]]
        return party.utility if slot[1] is None else party.constituencies[slot[1]].utility

    def _tables(self, slot: Slot, draws: np.ndarray) -> list[np.ndarray]:
        """Per issue, ``(S, size)``: the weighted value of each of its values in each sample."""
        utility: LinearAdditive = self.utility(slot)
        issues = self.scenario.issues
        samples = draws.shape[0]
        weights = np.tile(np.asarray(utility.weights, dtype=float), (samples, 1))
        changed: dict[int, list[tuple[Target, int]]] = {}
        for column, target in enumerate(self.targets):
            if target.slot != slot or target.field == "threshold":
                continue
            if target.field == "weight":
                weights[:, target.issue] = draws[:, column]
            else:
                changed.setdefault(target.issue, []).append((target, column))
        tables = []
        for i, (function, issue) in enumerate(zip(utility.functions, issues)):
            if i not in changed:
                tables.append(weights[:, i:i + 1] * function.evaluate(issue)[None, :])
                continue
            rows = np.empty((samples, issue.size))
            for s in range(samples):
                rows[s] = weights[s, i] * _function_at(function, changed[i], draws[s]).evaluate(issue)
            tables.append(rows)
        return tables

    def utilities(self, draws: np.ndarray, positions: np.ndarray | None = None) -> dict[Slot, np.ndarray]:
        """``{slot: (m, S)}`` rounded utilities of the outcomes at ``positions`` (all by default), one column per
        sample (outcome-major, so each issue's table is gathered row by row)."""
        samples = draws.shape[0]
        out = {}
        for slot in self.slots:
            if slot in self._fixed:
                column = self._fixed[slot] if positions is None else self._fixed[slot][positions]
                out[slot] = np.broadcast_to(column[:, None], (column.size, samples))
                continue
            indices = self.indices if positions is None else self.indices[:, positions]
            total = np.zeros((indices.shape[1], samples))
            for table, index in zip(self._tables(slot, draws), indices):
                total += np.ascontiguousarray(table.T)[index]
            np.minimum(total, 1.0, out=total)
            out[slot] = np.round(total, DECIMALS, out=total)
        return out

    def _numbers(self, draws: np.ndarray, field: str, base: list[float], slots: list[Slot]) -> np.ndarray:
        values = np.tile(np.asarray(base, dtype=float), (draws.shape[0], 1))
        for column, target in enumerate(self.targets):
            if target.field == field:
                values[:, slots.index(target.slot)] = draws[:, column]
        return np.round(values, DECIMALS)

    def reservations(self, draws: np.ndarray) -> np.ndarray:
        """``(S, n_parties)`` rounded reservation values."""
        parties = self.scenario.parties
        return self._numbers(draws, "reservation", [p.reservation for p in parties],
                             [(j, None) for j in range(len(parties))])

    def thresholds(self, draws: np.ndarray) -> np.ndarray:
        """``(S, n_constituencies)`` rounded thresholds, in slot order."""
        slots = [slot for slot in self.slots if slot[1] is not None]
        base = [self.scenario.parties[j].constituencies[k].threshold for j, k in slots]
        return self._numbers(draws, "threshold", base, slots)


def _function_at(function, changes: list[tuple[Target, int]], row: np.ndarray):
    import dataclasses

    for target, column in changes:
        value = float(row[column])
        if target.field == "option":
            values = list(function.values)
            values[target.option] = value
            function = Table(tuple(values))
        elif target.field == "value":
            function = Constant(value)
        else:
            function = dataclasses.replace(function, **{target.field: value})
    return function


@dataclass(frozen=True)
class BlockTask:
    """Samples ``start..stop-1`` of a run: plain data, so it pickles to any worker."""

    scenario: Scenario
    seed: int
    start: int
    stop: int


@dataclass(frozen=True)
class BlockResult:
    """Counts over the block's samples (per outcome) and per-sample facts."""

    start: int
    rational: np.ndarray       # (n,) samples in which the outcome is rational for every party
    ratified: np.ndarray       # (n,) ... rational and ratified by every constituency
    pareto: np.ndarray         # (n,) ... on the Pareto frontier
    nash_product: np.ndarray   # (n,) sum over samples of Π max(uᵢ − dᵢ, 0)
    utility_sum: np.ndarray    # (n,) sum over samples of Σ uᵢ
    chosen: np.ndarray         # (S, n_solutions) position of each solution, −1 when there is none
    zone: np.ndarray           # (S,) a zone of agreement exists
    ratifiable_zone: np.ndarray  # (S,) a ratifiable zone exists
    draws: np.ndarray          # (S, n_parameters)


@lru_cache(maxsize=2)
def _prepared(scenario: Scenario, uncertainty) -> UtilityModel:
    return UtilityModel(scenario, scenario_space(scenario))


def prepared(scenario: Scenario) -> UtilityModel:
    """The scenario's utility model (built once per process; the outcome space is enumerated once)."""
    return _prepared(scenario, scenario.uncertainty)


def run_block(task: BlockTask) -> BlockResult:
    """Draw samples ``start..stop-1`` and analyse each."""
    model = prepared(task.scenario)
    draws = draw(task.scenario.uncertainty, task.seed, range(task.start, task.stop))
    samples, n = draws.shape[0], model.space.size
    utilities = model.utilities(draws)
    reservations, thresholds = model.reservations(draws), model.thresholds(draws)
    parties = len(task.scenario.parties)
    constituency_slots = [slot for slot in model.slots if slot[1] is not None]
    counts = np.zeros((3, n), dtype=np.int32)
    nash_product, utility_sum = np.zeros(n), np.zeros(n)
    chosen = np.full((samples, len(SOLUTIONS)), -1, dtype=np.int64)
    zone, ratifiable = np.zeros(samples, dtype=bool), np.zeros(samples, dtype=bool)
    for s in range(samples):
        u = np.stack([utilities[(j, None)][:, s] for j in range(parties)], axis=1)
        d = reservations[s]
        rational = rational_mask(u, d)
        passed = rational.copy()
        for c, slot in enumerate(constituency_slots):
            passed &= utilities[slot][:, s] >= thresholds[s, c]
        on_front = pareto_mask(u)
        candidates = np.flatnonzero(on_front & rational)
        for column, (name, p) in enumerate(solve(u[candidates], d, None, SOLUTIONS).items()):
            chosen[s, column] = -1 if p is None else candidates[p]
        counts[0] += rational
        counts[1] += passed
        counts[2] += on_front
        product = np.maximum(u[:, 0] - d[0], 0.0)
        for j in range(1, parties):
            product *= np.maximum(u[:, j] - d[j], 0.0)
            utility_sum += u[:, j]
        nash_product += product
        utility_sum += u[:, 0]
        zone[s], ratifiable[s] = rational.any(), passed.any()
    return BlockResult(task.start, counts[0], counts[1], counts[2], nash_product, utility_sum, chosen, zone,
                       ratifiable, draws)
