"""Pareto frontier of a utility matrix: the rows that no other row dominates.

Row ``q`` dominates row ``p`` when ``q ≥ p`` in every column and ``q ≠ p``. Equal rows never dominate each
other, so every outcome attaining a frontier vector is kept.
"""

from __future__ import annotations

import numpy as np

_BLOCK = 512


def pareto_mask(utilities: np.ndarray) -> np.ndarray:
    """Boolean mask of the non-dominated rows of ``utilities`` (shape ``(n, k)``)."""
    utilities = np.asarray(utilities, dtype=float)
    n, k = utilities.shape
    if n == 0:
        return np.zeros(0, dtype=bool)
    if k == 1:
        return utilities[:, 0] == utilities[:, 0].max()
    candidates = np.flatnonzero(_not_dominated_by_pivots(utilities))
    points = utilities[candidates]
    if k == 2:
        keep = _two_party_front(points)
    else:
        distinct, inverse = np.unique(points, axis=0, return_inverse=True)
        front = _three_party_front if k == 3 else _skyline
        keep = front(distinct)[inverse.reshape(-1)]
    mask = np.zeros(n, dtype=bool)
    mask[candidates[keep]] = True
    return mask


def _not_dominated_by_pivots(utilities: np.ndarray, n_pivots: int | None = None) -> np.ndarray:
    """A cheap exact prefilter: drop every row strictly dominated by a pivot row (the maximiser of a weighted
    sum, which is never dominated), so the sort runs on the few rows left. Column-wise for speed; each pivot
    works on the survivors of the previous one."""
    n, k = utilities.shape
    if n < 4096:
        return np.ones(n, dtype=bool)
    n_pivots = n_pivots or (12 if k == 2 else 96)
    directions = np.vstack([np.full((1, k), 1.0 / k), np.eye(k),
                            np.random.default_rng(0).dirichlet(np.ones(k), size=max(n_pivots - k - 1, 0))])
    survivors = np.arange(n)
    columns = [np.ascontiguousarray(utilities[:, j]) for j in range(k)]
    for weights in directions:
        score = weights[0] * columns[0]
        for j in range(1, k):
            score += weights[j] * columns[j]
        best = int(np.argmax(score))
        weakly = columns[0] <= columns[0][best]
        strictly = columns[0] < columns[0][best]
        for j in range(1, k):
            weakly &= columns[j] <= columns[j][best]
            strictly |= columns[j] < columns[j][best]
        keep = ~(weakly & strictly)
        survivors = survivors[keep]
        columns = [column[keep] for column in columns]
    alive = np.zeros(n, dtype=bool)
    alive[survivors] = True
    return alive


def _two_party_front(points: np.ndarray) -> np.ndarray:
    """Sort and sweep, O(n log n). In the order (u₀ desc, u₁ desc), a row is dominated exactly when some
    earlier row outside its group of identical rows has u₁ at least as large."""
    n = len(points)
    order = np.lexsort((-points[:, 1], -points[:, 0]))
    first, second = points[order, 0], points[order, 1]
    new_group = np.ones(n, dtype=bool)
    new_group[1:] = (first[1:] != first[:-1]) | (second[1:] != second[:-1])
    group_start = np.maximum.accumulate(np.where(new_group, np.arange(n), 0))
    running_best = np.maximum.accumulate(second)
    best_before = np.where(group_start > 0, running_best[np.maximum(group_start - 1, 0)], -np.inf)
    keep = np.empty(n, dtype=bool)
    keep[order] = second > best_before
    return keep


def _three_party_front(points: np.ndarray) -> np.ndarray:
    """Distinct points of three columns, O(n log n). In the order (u₀ desc, u₁ desc, u₂ desc) every earlier point
    is ≥ in u₀, so a point is dominated exactly when an earlier one has u₁ and u₂ at least as large: the largest
    u₂ among earlier points of u₁ rank at most its own, kept in a Fenwick tree of prefix maxima."""
    n = len(points)
    order = np.lexsort((-points[:, 2], -points[:, 1], -points[:, 0]))
    _, rank = np.unique(-points[order, 1], return_inverse=True)  # 0 for the largest u₁
    ranks = (rank.reshape(-1) + 1).tolist()
    third = points[order, 2].tolist()
    size = max(ranks)
    tree = [-np.inf] * (size + 1)
    kept = [False] * n
    for i, (r, u) in enumerate(zip(ranks, third)):
        best, j = -np.inf, r
        while j > 0:
            best = max(best, tree[j])
            j -= j & -j
        kept[i] = best < u
        j = r
        while j <= size:
            tree[j] = max(tree[j], u)
            j += j & -j
    keep = np.empty(n, dtype=bool)
    keep[order] = kept
    return keep


def _skyline(points: np.ndarray) -> np.ndarray:
    """Sort-filter skyline over distinct points of four or more columns: a point can only be dominated by one with
    a larger sum, so points are visited by decreasing sum in blocks, each checked against the frontier found so
    far and within its block."""
    order = np.argsort(-points.sum(axis=1), kind="stable")
    front = np.empty((0, points.shape[1]))
    keep = np.zeros(len(points), dtype=bool)
    for start in range(0, len(order), _BLOCK):
        block_ids = order[start:start + _BLOCK]
        block = points[block_ids]
        alive = np.ones(len(block), dtype=bool)
        if len(front):
            alive &= ~_dominated_by(block, front)
        survivors = block[alive]
        within = _dominated_by(survivors, survivors)
        winners = block_ids[alive][~within]
        keep[winners] = True
        front = np.vstack([front, points[winners]])
    return keep


def _dominated_by(candidates: np.ndarray, others: np.ndarray) -> np.ndarray:
    """For each candidate, whether some distinct row of ``others`` is ≥ it in every column."""
    result = np.zeros(len(candidates), dtype=bool)
    for start in range(0, len(others), 4096):
        chunk = others[start:start + 4096]
        geq = (chunk[None, :, :] >= candidates[:, None, :]).all(axis=2)
        gt = (chunk[None, :, :] > candidates[:, None, :]).any(axis=2)
        result |= (geq & gt).any(axis=1)
    return result


def pareto_points(utilities: np.ndarray) -> np.ndarray:
    """The distinct frontier vectors, sorted ascending (lexicographically)."""
    front = np.unique(np.asarray(utilities, dtype=float)[pareto_mask(utilities)], axis=0)
    return front
