"""Exact count of the rational outcomes of a hyper-rectangle (GENIUS 2014) scenario of any size.

The issues are taken in the branch and bound's order, level by level. A state after some issues is what the
remaining issues can still change: the utility already earned by the decided rectangles and which undecided
rectangles are still alive. States that are surely rational (their least utilities clear every reservation
value) or surely not (a best utility falls short) are settled with all their completions at once; the others
branch on the next issue's value classes, and equal states are merged with their outcome counts added, so the
count is over classes of outcomes, never over outcomes.

Merging states by their earned utility is exact when every rectangle's utility is an integer (as in GENIUS's
files: integer sums are exact in any order); otherwise the count falls back to a budgeted depth-first search.
"""

from __future__ import annotations

import numpy as np

from accord.analysis.exact_frontier import MARGIN
from accord.analysis.rectangle_frontier import Rectangles
from accord.analysis.solutions import DECIMALS
from accord.model import Scenario

MAX_STATES = 2_000_000
"""Live states at one level at most; beyond this the count is left unknown (``None``)."""
_EXACT_INTEGERS = 2.0 ** 52


def rectangle_rational_count(scenario: Scenario, reservation: np.ndarray, budget: int = MAX_STATES) -> int | None:
    """The exact number of outcomes every party rates at least its reservation value (after the rounding),
    or ``None`` when more than ``budget`` states (or search nodes) would be needed."""
    model = Rectangles.of(scenario)
    reservation = np.asarray(reservation, dtype=float)
    if (reservation <= 0).all():
        return scenario.cartesian_size
    utility = model.utility
    if not (np.all(utility == np.round(utility)) and np.abs(utility).sum() < _EXACT_INTEGERS):
        return _depth_first_count(model, reservation, min(budget, 20_000))
    return _level_count(model, reservation, budget)


def _level_count(model: Rectangles, reservation: np.ndarray, budget: int) -> int | None:
    n = len(model.sizes)
    inclusive = ~model.exclusive
    rest = [int(np.prod(model.sizes[depth:], dtype=object)) for depth in range(n + 1)]
    unbounded = model.last < 0
    base = ((unbounded & inclusive) @ model.utility)[None, :]
    ids = np.flatnonzero(~unbounded)  # the rectangles a state still tracks (undecided ones), ascending
    alive = np.ones((1, len(ids)), dtype=bool)
    counts = np.array([1], dtype=np.int64 if rest[0] < 2 ** 62 else object)
    scale = model.normalizer[None, :]
    always = reservation <= 0
    total = 0
    for depth in range(n + 1):
        utility = model.utility[ids]
        low = np.clip((base + alive @ np.minimum(utility, 0.0)) / scale, 0.0, 1.0)
        high = np.clip((base + alive @ np.maximum(utility, 0.0)) / scale, 0.0, 1.0)
        settled_in = ((low - MARGIN >= reservation) | always).all(axis=1)
        settled_out = (high < reservation - MARGIN).any(axis=1)
        done = ~alive.any(axis=1)
        exact = np.round(np.clip(base / scale, 0.0, 1.0), DECIMALS)
        settled_in |= done & (exact >= reservation).all(axis=1)
        total += int(np.sum(counts[settled_in], initial=0)) * rest[depth]
        undecided = ~(settled_in | settled_out | done)
        if depth == n or not undecided.any():
            break
        base, alive, counts = base[undecided], alive[undecided], counts[undecided]
        table, class_sizes = _classes(model, depth)
        m, c = len(base), len(table)
        if m * c > budget:
            return None
        columns = model.bounding[depth]  # only the rectangles bounding this issue change
        where = np.searchsorted(ids, columns)
        live, table = alive[:, where][:, None, :], table[None, :, columns]
        last = model.last[columns]
        earned = (live & ~table & model.exclusive[columns]) | (live & table & (last == depth) & inclusive[columns])
        base = (base[:, None, :] + earned @ model.utility[columns]).reshape(m * c, -1)
        alive = np.repeat(alive, c, axis=0)
        alive[:, where] = (live & table).reshape(m * c, len(columns))
        kept = model.last[ids] > depth
        ids, alive = ids[kept], alive[:, kept]
        counts = (counts[:, None] * class_sizes[None, :].astype(counts.dtype)).reshape(-1)
        if depth + 1 < n:  # the last level is only counted
            base, alive, counts = _merge(base, alive, counts)
    return total


def _classes(model: Rectangles, depth: int) -> tuple[np.ndarray, np.ndarray]:
    """The next issue's values grouped by the rectangles they keep inside: one row per class, and its size."""
    table = model.inside[depth]
    rows, sizes = np.unique(table, axis=0, return_counts=True)
    return rows, sizes.astype(np.int64)


def _merge(base: np.ndarray, alive: np.ndarray, counts: np.ndarray):
    """Equal states (earned utility and live rectangles) become one, their counts added."""
    if len(base) < 2:
        return base, alive, counts
    keys = np.concatenate([base.view(np.uint8).reshape(len(base), -1), np.packbits(alive, axis=1)], axis=1)
    keys = np.ascontiguousarray(keys).view(np.dtype((np.void, keys.shape[1]))).ravel()
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    starts = np.flatnonzero(np.append(True, keys[1:] != keys[:-1]))
    return base[order[starts]], alive[order[starts]], np.add.reduceat(counts[order], starts)


def _depth_first_count(model: Rectangles, reservation: np.ndarray, budget: int) -> int | None:
    """The exact number of outcomes every party rates at least its reservation value (after the rounding),
    or ``None`` when the search would visit more than ``budget`` nodes."""
    n = len(model.sizes)
    total, nodes = 0, 0
    stack = [(0, np.ones(len(model.exclusive), dtype=bool), 1)]
    while stack:
        depth, inside, multiplicity = stack.pop()
        low, high, done = model.bounds(inside[None, :], depth)
        rest = int(np.prod(model.sizes[depth:], dtype=object)) if depth < n else 1
        if done[0] or depth == n:
            total += multiplicity * rest if (model.exact(inside) >= reservation).all() else 0
            continue
        if (low[0] - MARGIN >= reservation).all():
            total += multiplicity * rest
            continue
        if (high[0] < reservation - MARGIN).any():
            continue
        _, children, counts, _ = model.classes(inside[None, :], depth)
        nodes += len(children)
        if nodes > budget:
            return None
        for c in range(len(children)):
            stack.append((depth + 1, children[c], multiplicity * int(counts[c])))
    return total
