"""A scenario's utilities as functions of its uncertain numbers, over one enumerated outcome space.

A sample never rebuilds the scenario: each uncertain utility is re-tabulated per issue (a few numbers per
sample) and summed over the outcome space by the analysis's own outer sum; whatever does not depend on the
sample (utilities without uncertain numbers, the sum over leading issues that never vary) is computed once.
Rounding and summation order are the analysis's, so every sampled figure is the one ``analyze`` gives for the
rebuilt scenario, bit for bit.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from functools import lru_cache

import numpy as np

from accord.analysis.solutions import DECIMALS
from accord.model import Constant, LinearAdditive, Scenario, Table
from accord.robust.frontier import dominance
from accord.robust.levels import lowest_sum_reaching
from accord.robust.parameters import Target, targets
from accord.space import OutcomeSpace, scenario_space, utility_column

Slot = tuple[int, "int | None"]
PIECE = 2**15  # outcomes compared at once when one sample of a large space is taken piece by piece


class UtilityModel:
    """Utilities, reservations and thresholds of a scenario as functions of its uncertain parameters.

    Everything that does not depend on a sample is computed once: the utilities without uncertain numbers, and
    for the others the outer sum over the leading issues whose weighted tables never change.
    """

    def __init__(self, scenario: Scenario, space: OutcomeSpace) -> None:
        self.scenario, self.space = scenario, space
        self.targets: tuple[Target, ...] = targets(scenario)
        self.slots: list[Slot] = [(j, None) for j in range(len(scenario.parties))] + [
            (j, k) for j, party in enumerate(scenario.parties) for k in range(len(party.constituencies))]
        self.indices = space.value_indices(np.arange(space.size)).T.copy()  # (n_issues, n)
        self._fixed: dict[Slot, np.ndarray] = {}
        self._varying: dict[Slot, set[int]] = {}
        self._prefix: dict[Slot, tuple[int, np.ndarray]] = {}
        for slot in self.slots:
            varying = {t.issue for t in self.targets
                       if t.slot == slot and t.field not in ("threshold", "reservation")}
            if not varying:
                self._fixed[slot] = np.round(utility_column(self.utility(slot), space), DECIMALS)
                continue
            self._varying[slot] = varying
            first = min(varying)
            total = np.zeros(1)
            for table in self.utility(slot).issue_values(scenario.issues)[:first]:
                total = np.add.outer(total, table).ravel()
            self._prefix[slot] = first, total
        self.dominance = dominance(scenario, space, self.targets, self.indices)

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
            if target.slot != slot or target.field in ("threshold", "reservation"):
                continue
            if target.field == "weight":
                weights[:, target.issue] = draws[:, column]
            else:
                changed.setdefault(target.issue, []).append((target, column))
        tables = []
        for i, (function, issue) in enumerate(zip(utility.functions, issues)):
            changes = changed.get(i, [])
            if isinstance(function, Table) and all(t.field == "option" for t, _ in changes):
                values = np.tile(function.evaluate(issue), (samples, 1))
                for target, column in changes:
                    values[:, target.option] = draws[:, column]
                tables.append(weights[:, i:i + 1] * values)
                continue
            rows = np.empty((samples, issue.size))
            for s in range(samples):
                rows[s] = weights[s, i] * _function_at(function, changes, draws[s]).evaluate(issue)
            tables.append(rows)
        return tables

    def utilities(self, draws: np.ndarray, positions: np.ndarray | None = None) -> dict[Slot, np.ndarray]:
        """``{slot: (S, m)}`` rounded utilities, one row per sample, of the outcomes at ``positions`` (all by
        default). Sums run in the analysis's order (issue by issue from zero), so every figure is bit-for-bit
        the one :func:`accord.space.utility_column` gives for the sampled scenario."""
        tables = self.tables(draws)
        return {slot: self.rounded(slot, draws.shape[0], tables.get(slot), positions) for slot in self.slots}

    def rounded(self, slot: Slot, samples: int, tables: list[np.ndarray] | None,
                positions: np.ndarray | None = None) -> np.ndarray:
        """``(S, m)`` rounded utilities of one slot from its per-sample ``tables`` (``None`` for a fixed slot)."""
        if slot in self._fixed:
            row = self._fixed[slot] if positions is None else self._fixed[slot][positions]
            return np.broadcast_to(row[None, :], (samples, row.size))
        total = self._all_outcomes(slot, tables) if positions is None else self._gathered(tables, positions)
        np.minimum(total, 1.0, out=total)
        return np.round(total, DECIMALS, out=total)

    def tables(self, draws: np.ndarray) -> dict[Slot, list[np.ndarray]]:
        """The varying slots' per-issue ``(S, options)`` weighted values."""
        return {slot: self._tables(slot, draws) for slot in self._varying}

    def sums(self, tables: dict[Slot, list[np.ndarray]], samples: int) -> dict[Slot, np.ndarray]:
        """``{slot: (S, n)}``: per sample, every outcome's unclipped, unrounded sum (rounded utilities for a
        fixed slot, which has no tables). Compare them with the levels of :meth:`levels`."""
        values = {slot: self._all_outcomes(slot, tables[slot]) for slot in self._varying}
        for slot in self._fixed:
            values[slot] = self.rounded(slot, samples, None)
        return values

    def in_pieces(self) -> bool:
        """Whether one sample's sums can be taken piece by piece (a space without constraints)."""
        return self.space.feasible_indices is None

    def pieces(self, tables: dict[Slot, list[np.ndarray]],
               scratch: dict) -> Iterator[tuple[slice, dict[Slot, np.ndarray]]]:
        """One sample's :meth:`sums`, piece by piece and transposed: ``(positions, {slot: (last, rows)})``,
        where ``[k, r]`` is the outcome at ``positions.start + r · last + k`` (``last``: the last issue's size).
        The outer sum runs to the last issue once; the last issue is added per piece, one option at a time
        along the long axis (numpy's fast loop, where the outcome order's inner axis would be a few options).
        Each figure is the same single addition as in :meth:`sums`, so bit for bit the same. The arrays live in
        ``scratch`` (kept by the caller from sample to sample; see :func:`buffer`), and a piece is valid until
        the next one."""
        last = self.scenario.issues[-1].size
        heads = {}
        for slot, per_issue in tables.items():
            first, total = self._prefix[slot]
            for level, table in enumerate(per_issue[first:-1]):
                out = buffer(scratch, ("head", slot, level % 2), (total.size, table.shape[1]))
                total = np.add(total[:, None], table[0][None, :], out=out).reshape(-1)
            heads[slot] = total
        rows, n_rows = max(1, PIECE // last), self.space.size // last
        for start in range(0, n_rows, rows):
            stop = min(start + rows, n_rows)
            positions = slice(start * last, stop * last)
            piece = {slot: np.add(heads[slot][None, start:stop], tables[slot][-1][0][:, None],
                                  out=buffer(scratch, ("piece", slot), (last, stop - start)))
                     for slot in tables}
            piece.update({slot: row[positions].reshape(-1, last).T for slot, row in self._fixed.items()})
            yield positions, piece

    def levels(self, draws: np.ndarray) -> tuple[np.ndarray, np.ndarray, dict[Slot, np.ndarray]]:
        """``(reservations, thresholds, {slot: (S,) level})``: the rounded reservations ``(S, n_parties)`` and
        thresholds ``(S, n_constituencies)``, and the level each slot's :meth:`sums` values must reach to be
        rational or to ratify: the rounded number itself for a fixed slot, else the smallest raw sum that
        rounds up to it (so the test is one comparison per outcome)."""
        reservations, thresholds = self.reservations(draws), self.thresholds(draws)
        numbers = {(j, None): reservations[:, j] for j in range(len(self.scenario.parties))}
        numbers.update(zip((slot for slot in self.slots if slot[1] is not None), thresholds.T))
        return reservations, thresholds, {slot: level if slot in self._fixed else lowest_sum_reaching(level)
                                          for slot, level in numbers.items()}

    def party_tables(self, tables: dict[Slot, list[np.ndarray]], samples: int) -> list[list[np.ndarray]]:
        """Per party, its per-issue ``(S, options)`` weighted values (fixed ones repeated)."""
        out = []
        for j, party in enumerate(self.scenario.parties):
            if (j, None) in tables:
                out.append(tables[(j, None)])
            else:
                out.append([np.broadcast_to(t[None, :], (samples, t.size))
                            for t in party.utility.issue_values(self.scenario.issues)])
        return out

    def _all_outcomes(self, slot: Slot, tables: list[np.ndarray]) -> np.ndarray:
        """``(S, n)`` unclipped sums over the whole outcome space: the analysis's outer sum, one per sample,
        continued from the sample-independent prefix."""
        first, prefix = self._prefix[slot]
        total = np.broadcast_to(prefix, (tables[0].shape[0], prefix.size))
        for table in tables[first:]:
            total = (total[:, :, None] + table[:, None, :]).reshape(table.shape[0], -1)
        indices = self.space.feasible_indices
        return total if indices is None else np.take(total, indices, axis=1)  # C order, unlike total[:, indices]

    def _gathered(self, tables: list[np.ndarray], positions: np.ndarray) -> np.ndarray:
        """``(S, m)`` unclipped sums at a few positions, issue by issue in the same order."""
        total = np.zeros((tables[0].shape[0], positions.size))
        for table, index in zip(tables, self.indices[:, positions]):
            total += table[:, index]
        return total

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


def buffer(scratch: dict, key, shape: tuple[int, ...], dtype=float) -> np.ndarray:
    """A reusable array of ``shape`` kept in ``scratch`` under ``key`` (grown when too small). Large arrays
    made afresh for every piece of every sample are slow where the allocator hands them back to the system at
    once (Dask's nanny sets ``MALLOC_TRIM_THRESHOLD_``, which makes each one a new mapping to fault in)."""
    size = int(np.prod(shape))
    kept = scratch.get(key)
    if kept is None or kept.size < size or kept.dtype != np.dtype(dtype):
        kept = scratch[key] = np.empty(size, dtype=dtype)
    return kept[:size].reshape(shape)


def _function_at(function, changes: list[tuple[Target, int]], row: np.ndarray):
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


@lru_cache(maxsize=2)
def _prepared(scenario: Scenario, uncertainty) -> UtilityModel:
    return UtilityModel(scenario, scenario_space(scenario))


def prepared(scenario: Scenario) -> UtilityModel:
    """The scenario's utility model (built once per process; the outcome space is enumerated once)."""
    return _prepared(scenario, scenario.uncertainty)
