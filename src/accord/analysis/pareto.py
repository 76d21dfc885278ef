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
    distinct, inverse = np.unique(utilities, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    keep = _two_party_front(distinct) if k == 2 else _skyline(distinct)
    return keep[inverse]


def _two_party_front(points: np.ndarray) -> np.ndarray:
    """Sort and sweep over distinct 2-D points: O(n log n)."""
    order = np.lexsort((-points[:, 1], -points[:, 0]))
    second = points[order, 1]
    best_before = np.empty_like(second)
    best_before[0] = -np.inf
    best_before[1:] = np.maximum.accumulate(second)[:-1]
    keep = np.empty(len(points), dtype=bool)
    keep[order] = second > best_before
    return keep


def _skyline(points: np.ndarray) -> np.ndarray:
    """Sort-filter skyline over distinct points: a point can only be dominated by one with a larger sum, so
    points are visited by decreasing sum in blocks, each checked against the frontier found so far and
    within its block."""
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
