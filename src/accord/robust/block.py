"""One block of samples: the analysis's own rules (rationality, ratification, Pareto frontier, solutions) applied
to each sample, from the utilities of :mod:`accord.robust.utility_model`.

Rationality and ratification are one comparison of the raw sums per outcome and sample (with the smallest sum
that rounds up to each level); the frontier is searched among the candidates of :mod:`accord.robust.frontier`
where they provably hold it; a block returns whole-number counts, so blocks add up exactly in any order.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord.analysis.pareto import pareto_mask
from accord.analysis.solutions import solution_names, solve
from accord.model import Scenario
from accord.robust.distributions import draw
from accord.robust.frontier import covered
from accord.robust.levels import rounded as clip_and_round
from accord.robust.utility_model import Slot, UtilityModel, buffer, prepared

FRONT_BINS = 1024  # u₀ bins of the cheap dominance test before the exact frontier (two parties)
CHUNK_CELLS = 2**17  # cartesian outcomes × samples analysed at once inside a block (1 MB per array: in cache)


@dataclass(frozen=True)
class BlockTask:
    """Samples ``start..stop-1`` of a run: plain data, so it pickles to any worker."""

    scenario: Scenario
    seed: int
    start: int
    stop: int


@dataclass(frozen=True)
class BlockResult:
    """Counts over the block's samples (per outcome: whole numbers, so blocks add up exactly in any order) and
    per-sample facts."""

    start: int
    rational: np.ndarray       # (n,) samples in which the outcome is rational for every party
    ratified: np.ndarray       # (n,) ... rational and ratified by every constituency
    pareto: np.ndarray         # (n,) ... on the Pareto frontier
    chosen: np.ndarray         # (S, n_solutions) position of each solution, −1 when there is none
    zone: np.ndarray           # (S,) a zone of agreement exists
    ratifiable_zone: np.ndarray  # (S,) a ratifiable zone exists
    draws: np.ndarray          # (S, n_parameters)


def run_block(task: BlockTask) -> BlockResult:
    """Draw samples ``start..stop-1`` and analyse each, a few samples at a time (so the arrays stay small)."""
    model = prepared(task.scenario)
    draws = draw(task.scenario.uncertainty, task.seed, range(task.start, task.stop))
    samples, n = draws.shape[0], model.space.size
    counts = np.zeros((3, n), dtype=np.int32)
    chosen = np.full((samples, len(solution_names())), -1, dtype=np.int64)
    zone, ratifiable = np.zeros(samples, dtype=bool), np.zeros(samples, dtype=bool)
    reservations, thresholds, level = model.levels(draws)
    step = max(1, CHUNK_CELLS // model.space.cartesian_size)
    scratch: dict = {}  # arrays reused from sample to sample
    candidates = _candidates_of_block(model, draws)
    for first in range(0, samples, step):
        part = slice(first, min(first + step, samples))
        zone[part], ratifiable[part] = _analyse(
            model, draws[part], (reservations[part], thresholds[part], {slot: x[part] for slot, x in level.items()}),
            counts, chosen[part], scratch, None if candidates is None else (candidates[0][part],
                                                                            [u[part] for u in candidates[1]]))
    return BlockResult(task.start, counts[0], counts[1], counts[2], chosen, zone, ratifiable, draws)


def _candidates_of_block(model: UtilityModel, draws: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]] | None:
    """For the whole block at once (when the candidates are few): in which samples the candidates hold the
    frontier, and each party's ``(S, candidates)`` rounded utilities (so no sample pays for them alone)."""
    candidates, samples = model.dominance, draws.shape[0]
    if candidates is None or samples * candidates.positions.size > CHUNK_CELLS:
        return None
    tables = model.tables(draws)
    return (covered(candidates, model.party_tables(tables, samples)),
            [model.rounded((j, None), samples, tables.get((j, None)), candidates.positions)
             for j in range(len(model.scenario.parties))])


def _analyse(model: UtilityModel, draws: np.ndarray, levels: tuple, counts: np.ndarray, chosen: np.ndarray,
             scratch: dict, candidates_of_block: tuple | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Add a few samples' counts (rational, ratified, Pareto) in place and fill in their solutions; return
    whether each has a zone and a ratifiable zone. Rationality and ratification are one comparison of the raw
    sums per outcome and sample; the frontier is found among the candidate outcomes of
    :mod:`accord.robust.frontier` when it provably holds the whole frontier, else over the space (outcomes
    a cheap test cannot show dominated); the solutions among the rational frontier outcomes."""
    tables = model.tables(draws)
    reservations, _, level = levels
    n_parties, samples = len(model.scenario.parties), draws.shape[0]
    if samples == 1 and model.in_pieces():
        values = None
        rational, passed = _tests_in_pieces(model, tables, level, counts, scratch)
    else:
        values = model.sums(tables, samples)
        rational = values[(0, None)] >= level[(0, None)][:, None]
        for j in range(1, n_parties):
            rational &= values[(j, None)] >= level[(j, None)][:, None]
        passed = rational.copy()
        for slot in model.slots[n_parties:]:
            passed &= values[slot] >= level[slot][:, None]
        np.add(counts[0], rational.sum(axis=0, dtype=np.int32), out=counts[0])
        np.add(counts[1], passed.sum(axis=0, dtype=np.int32), out=counts[1])
    candidates = model.dominance
    if candidates_of_block is not None:
        exact, few = candidates_of_block
    else:
        exact = (np.zeros(samples, dtype=bool) if candidates is None
                 else covered(candidates, model.party_tables(tables, samples)))
        if exact.any():
            few = [model.rounded((j, None), samples, tables.get((j, None)), candidates.positions)
                   for j in range(n_parties)]
    for s in range(samples):
        if exact[s]:
            rows = candidates.positions
            u = np.stack([party[s] for party in few], axis=1)
        else:
            values = model.sums(tables, samples) if values is None else values
            row = [values[(j, None)][s:s + 1] for j in range(n_parties)]
            whole = [r if (j, None) not in tables else clip_and_round(r) for j, r in enumerate(row)]
            maybe = _maybe_on_front(whole)
            rows = np.arange(model.space.size) if maybe is None else np.flatnonzero(maybe[0])
            u = np.stack([party[0][rows] for party in whole], axis=1)
        front = np.flatnonzero(pareto_mask(u))  # positions in rows
        counts[2][rows[front]] += 1
        best = front[rational[s][rows[front]]]
        for column, p in enumerate(solve(u[best], reservations[s]).values()):
            chosen[s, column] = -1 if p is None else rows[best[p]]
    return rational.any(axis=1), passed.any(axis=1)


def _tests_in_pieces(model: UtilityModel, tables: dict[Slot, list[np.ndarray]], level: dict[Slot, np.ndarray],
                     counts: np.ndarray, scratch: dict) -> tuple[np.ndarray, np.ndarray]:
    """One sample's ``(1, n)`` rational and ratified outcomes (arrays of ``scratch``, valid until the next
    sample), counted in place, from its sums piece by piece."""
    n_parties, n = len(model.scenario.parties), model.space.size
    rational, passed = buffer(scratch, "rational", (1, n), bool), buffer(scratch, "passed", (1, n), bool)
    last = model.scenario.issues[-1].size
    for positions, values in model.pieces(tables, scratch):
        ok = buffer(scratch, "ok", values[(0, None)].shape, bool)
        other = buffer(scratch, "other", ok.shape, bool)
        np.greater_equal(values[(0, None)], level[(0, None)][0], out=ok)
        for slot in model.slots[1:]:
            if slot[1] is not None and slot == model.slots[n_parties]:
                rational[0, positions].reshape(-1, last)[...] = ok.T
            np.logical_and(ok, np.greater_equal(values[slot], level[slot][0], out=other), out=ok)
        if len(model.slots) == n_parties:
            rational[0, positions].reshape(-1, last)[...] = ok.T
        passed[0, positions].reshape(-1, last)[...] = ok.T
    counts[0] += rational[0]  # once, in position order (fast); the pieces are transposed
    counts[1] += passed[0]
    return rational, passed


def _maybe_on_front(parties: list[np.ndarray]) -> np.ndarray | None:
    """``(S, n)``: for two parties, every outcome not shown dominated by a cheap exact test (``None`` otherwise).
    Outcomes are binned by u₀; one whose u₁ is at most the best u₁ in a higher bin is dominated (that outcome has
    a strictly larger u₀, as the binning is monotone), so only a thin band above the staircase of bins is left
    for :func:`pareto_mask`. It removes dominated outcomes only, so the frontier is the same."""
    if len(parties) != 2:
        return None
    first, second = parties
    samples = first.shape[0]
    bins = np.clip((first * FRONT_BINS).astype(np.intp), 0, FRONT_BINS - 1)  # utilities lie in [0, 1]
    bins += np.arange(samples)[:, None] * FRONT_BINS
    best = np.full(samples * FRONT_BINS, -np.inf)
    np.maximum.at(best, bins.ravel(), second.ravel())
    best = best.reshape(samples, FRONT_BINS)
    above = np.full((samples, FRONT_BINS + 1), -np.inf)  # above[:, b]: the best u₁ in the bins after b
    above[:, :-2] = np.maximum.accumulate(best[:, :0:-1], axis=1)[:, ::-1]
    return second > above.ravel()[bins + np.arange(samples)[:, None]]

