"""Exact frontier of linear-additive scenarios of any size, built issue by issue (method ``additive-merge``).

An outcome's utility vector is the sum of one vector per issue, so the frontier is built by merging the issues
in order, keeping after each merge only the partial sums that could still reach the frontier. A partial sum
is dropped only when another one is at least as good for every party and better by more than the rounding can
erase for some party (then every completion of it is strictly dominated); equal partial sums are merged with
their outcome counts added, so ties are kept and counted exactly (Python ints).

Hard constraints are followed through the merge: each partial sum carries the set of constraints it still
matches, and it is dropped by another only when the other's set is a subset of its own (so any completion
feasible for it is feasible for the other).

Sums are taken in issue order, exactly as enumeration takes them, and the final clip and rounding are the
same, so the figures are enumeration's to the last bit. A party whose total can exceed 1 (so the clip bites)
never supplies the strict part of a domination.
"""

from __future__ import annotations

import numpy as np

from accord.analysis.exact_frontier import MARGIN, ExactFrontier, frontier_of, safely_dominated
from accord.analysis.solutions import DECIMALS
from accord.errors import ScenarioError
from accord.model import LinearAdditive, Scenario

MAX_PARTIALS = 4_000_000
"""Partial sums kept at once; beyond this the merge stops with an error rather than exhaust memory."""
MAX_CONSTRAINTS = 62


def is_additive(scenario: Scenario) -> bool:
    """Whether every party's utility is linear-additive (the merge applies)."""
    return all(isinstance(p.utility, LinearAdditive) for p in scenario.parties) and \
        len(scenario.constraints) <= MAX_CONSTRAINTS


def issue_tables(scenario: Scenario) -> list[np.ndarray]:
    """Per issue, an ``(n_values, n_parties)`` array of each party's weighted value."""
    per_party = [p.utility.issue_values(scenario.issues) for p in scenario.parties]
    return [np.column_stack([np.asarray(t[i], dtype=float) for t in per_party]) for i in range(len(scenario.issues))]


def _constraint_tables(scenario: Scenario) -> tuple[list[np.ndarray], np.ndarray, list[int]]:
    """Per issue, for each value, the bitmask of constraints that value keeps matching; the bitmask of
    constraints naming each issue; and the last issue each constraint names."""
    n = len(scenario.issues)
    keeps = [np.zeros(issue.size, dtype=np.int64) for issue in scenario.issues]
    naming = np.zeros(n, dtype=np.int64)
    last = []
    for c, constraint in enumerate(scenario.constraints):
        bit = np.int64(1) << np.int64(c)
        named = {position: set(indices) for position, indices in constraint.forbid}
        for position in range(n):
            if position in named:
                naming[position] |= bit
                for value in named[position]:
                    keeps[position][value] |= bit
            else:
                keeps[position][:] |= bit
        last.append(max(named) if named else -1)
    return keeps, naming, last


def _completed_mask(scenario: Scenario, last: list[int], depth: int) -> np.int64:
    """Constraints whose issues are all assigned after ``depth`` issues (a partial still matching one of them
    is infeasible)."""
    mask = np.int64(0)
    for c, position in enumerate(last):
        if position < depth:
            mask |= np.int64(1) << np.int64(c)
    return mask


def _can_clip(tables: list[np.ndarray]) -> np.ndarray:
    """Parties whose largest possible total exceeds 1 by more than rounding noise (so the clip at 1 bites)."""
    top = np.zeros(tables[0].shape[1]) if tables else np.zeros(0)
    for table in tables:
        top = top + table.max(axis=0)
    return top > 1.0 + 1e-11


def additive_frontier(scenario: Scenario, signs: np.ndarray | None = None, focus: int | None = None) -> ExactFrontier:
    """The exact frontier of ``scenario`` (every utility linear-additive). With ``signs`` (±1 per party) the
    frontier of the utilities times ``signs`` (−1 turns "more is better" into "less is better"); with ``focus``
    (a column) only its points largest in that column, or a superset of them."""
    tables = issue_tables(scenario)
    k = len(scenario.parties)
    signs = np.ones(k) if signs is None else np.asarray(signs, dtype=float)
    strict_ok = ~_can_clip(tables)
    hopeless = _focus_filter(tables, signs, None if scenario.constraints else focus)
    keeps, naming, last = _constraint_tables(scenario)
    sums = np.zeros((1, k))
    masks = np.full(1, (np.int64(1) << np.int64(len(scenario.constraints))) - 1, dtype=np.int64)
    counts = np.array([1], dtype=object)
    firsts = np.zeros((1, 0), dtype=np.int64)
    for depth, table in enumerate(tables):
        m, size = len(sums), len(table)
        if m * size > MAX_PARTIALS:
            raise ScenarioError(f"the additive merge needs more than {MAX_PARTIALS:,} partial frontier points",
                                source=scenario.name, fix="reduce the issues or options")
        sums = (sums[:, None, :] + table[None, :, :]).reshape(m * size, k)
        masks = (masks[:, None] & keeps[depth][None, :]).reshape(-1)
        counts = np.repeat(counts, size)
        firsts = np.column_stack([np.repeat(firsts, size, axis=0), np.tile(np.arange(size), m)])
        feasible = (masks & _completed_mask(scenario, last, depth + 1)) == 0
        feasible &= ~hopeless(sums, depth + 1)
        sums, masks, counts, firsts = sums[feasible], masks[feasible], counts[feasible], firsts[feasible]
        sums, masks, counts, firsts = _merge_equal(sums, masks, counts, firsts)
        alive = ~_dominated(sums * signs, masks, strict_ok)
        sums, masks, counts, firsts = sums[alive], masks[alive], counts[alive], firsts[alive]
    final = np.round(np.minimum(sums, 1.0), DECIMALS) * signs
    return frontier_of(final + 0.0, list(counts), firsts)


def _focus_filter(tables: list[np.ndarray], signs: np.ndarray, focus: int | None):
    """A test of which partial sums after ``depth`` issues cannot reach the largest signed value in column
    ``focus`` (only without hard constraints, which could rule out the least total): for a negated column, those
    whose least possible total exceeds the least total of all by more than the rounding can erase (while that
    least total stays below the clip at 1)."""
    def never(sums: np.ndarray, depth: int) -> np.ndarray:
        return np.zeros(len(sums), dtype=bool)

    if focus is None or signs[focus] > 0:
        return never
    lows = [float(table[:, focus].min()) for table in tables]
    rest = [sum(lows[depth:]) for depth in range(len(tables) + 1)]
    least = rest[0]
    if least >= 1.0 - MARGIN:
        return never

    def hopeless(sums: np.ndarray, depth: int) -> np.ndarray:
        return sums[:, focus] + rest[depth] > least + MARGIN
    return hopeless


def _merge_equal(sums, masks, counts, firsts):
    """Rows with the same partial sums and constraint set become one (counts added, C-order-first kept)."""
    if len(sums) < 2:
        return sums, masks, counts, firsts
    keys = tuple(firsts.T[::-1]) + (masks,) + tuple(sums.T[::-1])
    order = np.lexsort(keys)
    sums, masks, counts, firsts = sums[order], masks[order], counts[order], firsts[order]
    new = np.ones(len(sums), dtype=bool)
    new[1:] = (sums[1:] != sums[:-1]).any(axis=1) | (masks[1:] != masks[:-1])
    starts = np.flatnonzero(new)
    if len(starts) == len(sums):
        return sums, masks, counts, firsts
    return sums[starts], masks[starts], np.add.reduceat(counts, starts), firsts[starts]


def _dominated(points: np.ndarray, masks: np.ndarray, strict_ok: np.ndarray) -> np.ndarray:
    """Partial sums that another partial sum safely dominates (see the module docstring)."""
    distinct = np.unique(masks)
    if len(distinct) == 1:
        return safely_dominated(points, points, strict_ok)
    out = np.zeros(len(points), dtype=bool)
    for mask in distinct:
        mine = masks == mask
        pool = (masks & ~mask) == 0
        out[mine] = safely_dominated(points[mine], points[pool], strict_ok)
    return out


def additive_rational_count(scenario: Scenario, reservation: np.ndarray, budget: int = MAX_PARTIALS) -> int | None:
    """The exact number of feasible outcomes every party rates at least its reservation value (after the
    rounding), or ``None`` when more than ``budget`` undecided partial sums would be needed."""
    tables = issue_tables(scenario)
    k = len(scenario.parties)
    reservation = np.asarray(reservation, dtype=float)
    if (reservation > 1.0).any():
        return 0
    keeps, naming, last = _constraint_tables(scenario)
    n = len(tables)
    low_rest = np.zeros((n + 1, k))
    high_rest = np.zeros((n + 1, k))
    for i in range(n - 1, -1, -1):
        low_rest[i] = low_rest[i + 1] + tables[i].min(axis=0)
        high_rest[i] = high_rest[i + 1] + tables[i].max(axis=0)
    sizes_after = [1] * (n + 1)
    for i in range(n - 1, -1, -1):
        sizes_after[i] = sizes_after[i + 1] * len(tables[i])
    sums = np.zeros((1, k))
    masks = np.full(1, (np.int64(1) << np.int64(len(scenario.constraints))) - 1, dtype=np.int64)
    counts = np.array([1], dtype=object)
    total = 0
    for depth in range(n + 1):
        if depth > 0:
            table, m, size = tables[depth - 1], len(sums), len(tables[depth - 1])
            if m * size > budget:
                return None
            sums = (sums[:, None, :] + table[None, :, :]).reshape(m * size, k)
            masks = (masks[:, None] & keeps[depth - 1][None, :]).reshape(-1)
            counts = np.repeat(counts, size)
            feasible = (masks & _completed_mask(scenario, last, depth)) == 0
            sums, masks, counts = sums[feasible], masks[feasible], counts[feasible]
            sums, masks, counts, _ = _merge_equal(sums, masks, counts, np.zeros((len(sums), 0), dtype=np.int64))
        if depth == n:
            final = np.round(np.minimum(sums, 1.0), DECIMALS)
            total += int(np.sum(counts[(final >= reservation).all(axis=1)], initial=0))
            break
        surely_in = ((np.minimum(sums + low_rest[depth], 1.0) - MARGIN >= reservation).all(axis=1)) & (masks == 0)
        surely_out = (sums + high_rest[depth] < reservation - MARGIN).any(axis=1)
        total += int(np.sum(counts[surely_in], initial=0)) * sizes_after[depth]
        undecided = ~(surely_in | surely_out)
        sums, masks, counts = sums[undecided], masks[undecided], counts[undecided]
    return total


def feasible_count(scenario: Scenario) -> int:
    """The exact number of outcomes no hard constraint rules out (a merge over the constraint sets only)."""
    keeps, _, last = _constraint_tables(scenario)
    masks = np.full(1, (np.int64(1) << np.int64(len(scenario.constraints))) - 1, dtype=np.int64)
    counts = np.array([1], dtype=object)
    for depth, keep in enumerate(keeps):
        masks = (masks[:, None] & keep[None, :]).reshape(-1)
        counts = np.repeat(counts, len(keep))
        feasible = (masks & _completed_mask(scenario, last, depth + 1)) == 0
        masks, counts = masks[feasible], counts[feasible]
        if len(masks) > 1:
            order = np.argsort(masks, kind="stable")
            masks, counts = masks[order], counts[order]
            starts = np.flatnonzero(np.append(True, masks[1:] != masks[:-1]))
            masks, counts = masks[starts], np.add.reduceat(counts, starts)
    return int(np.sum(counts, initial=0))
