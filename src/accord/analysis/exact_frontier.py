"""The exact frontier of a space too large to enumerate, as the search methods return it.

A method that never builds the outcome array (``additive-merge``, ``branch-and-bound``) returns an
``ExactFrontier``: the distinct non-dominated utility vectors (rounded to 10 decimals, sorted ascending), the
exact number of outcomes attaining each (Python ints), and for each the outcome that comes first in the
space's C order (the one enumeration would report).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord.analysis.pareto import pareto_mask

MARGIN = 1e-9
"""A gap wider than this between two (unrounded) utilities survives the rounding to 10 decimals and the float
error of any summation order, so it is a strict difference after rounding."""


@dataclass(frozen=True)
class ExactFrontier:
    """Frontier vectors (``points``, ascending), outcomes per vector (``counts``) and the first outcome of each
    as value indices in issue order (``firsts``)."""

    points: np.ndarray
    counts: tuple[int, ...]
    firsts: np.ndarray

    @property
    def n_outcomes(self) -> int:
        return sum(self.counts)


def frontier_of(vectors: np.ndarray, counts: list[int], firsts: np.ndarray) -> ExactFrontier:
    """The exact frontier of final (rounded) ``vectors`` given with their outcome counts and first outcomes:
    equal vectors are merged (counts added, the C-order-first outcome kept), dominated ones dropped."""
    vectors = np.asarray(vectors, dtype=float)
    if len(vectors) == 0:
        return ExactFrontier(np.empty((0, vectors.shape[1] if vectors.ndim == 2 else 0)), (), np.empty((0, 0), int))
    order = np.lexsort(tuple(firsts.T[::-1]) + tuple(vectors.T[::-1]))
    vectors, firsts = vectors[order], firsts[order]
    counts = [counts[i] for i in order]
    new = np.ones(len(vectors), dtype=bool)
    new[1:] = (vectors[1:] != vectors[:-1]).any(axis=1)
    starts = np.flatnonzero(new)
    distinct = vectors[starts]
    keep = pareto_mask(distinct)
    ends = np.append(starts[1:], len(vectors))
    kept = np.flatnonzero(keep)
    return ExactFrontier(distinct[kept], tuple(sum(counts[starts[g]:ends[g]]) for g in kept), firsts[starts[kept]])


def safely_dominated(points: np.ndarray, pool: np.ndarray, strict_ok: np.ndarray) -> np.ndarray:
    """For each row of ``points`` (unrounded), whether some row of ``pool`` is ≥ it in every column and larger
    by more than ``MARGIN`` in a column where ``strict_ok`` — so every completion of it is strictly dominated
    after rounding. Rows closer than that are never called dominated (ties are kept)."""
    n, k = points.shape
    if n == 0 or len(pool) == 0 or not strict_ok.any():
        return np.zeros(n, dtype=bool)
    if k == 2:
        return _two_columns(points, pool, strict_ok)
    out = np.zeros(n, dtype=bool)
    step = max(1, 2_000_000 // max(len(pool) * k, 1))
    for start in range(0, n, step):
        block = points[start:start + step]
        geq = (pool[None, :, :] >= block[:, None, :]).all(axis=2)
        strict = ((pool[None, :, :] - block[:, None, :] > MARGIN) & strict_ok[None, None, :]).any(axis=2)
        out[start:start + step] = (geq & strict).any(axis=1)
    return out


def _two_columns(points: np.ndarray, pool: np.ndarray, strict_ok: np.ndarray) -> np.ndarray:
    order = np.argsort(pool[:, 0], kind="stable")
    xs, ys = pool[order, 0], pool[order, 1]
    suffix_max = np.append(np.maximum.accumulate(ys[::-1])[::-1], -np.inf)
    out = np.zeros(len(points), dtype=bool)
    if strict_ok[0]:
        beyond = np.searchsorted(xs, points[:, 0] + MARGIN, side="right")
        out |= suffix_max[beyond] >= points[:, 1]
    if strict_ok[1]:
        at_least = np.searchsorted(xs, points[:, 0], side="left")
        out |= suffix_max[at_least] > points[:, 1] + MARGIN
    return out


def flat_index(sizes: tuple[int, ...], indices) -> int:
    """The C-order index (a Python int of any size) of an outcome given by its value indices."""
    flat = 0
    for size, index in zip(sizes, indices):
        flat = flat * int(size) + int(index)
    return flat
