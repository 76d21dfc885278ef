"""Dominance among the rectangle programme's partial sums (:mod:`accord.analysis.rectangle_programme`): which
integer sum vectors of one state another dominates, and which a set of outcomes met so far rules out.

Sums are signed integer vectors (one column per party, larger is better), grouped by a state index.
"""

from __future__ import annotations

import numpy as np


def dominated(g: np.ndarray, state: np.ndarray, loose: frozenset[int] = frozenset()) -> np.ndarray:
    """For distinct signed sums sorted by state then descending, whether another row of the same state is ≥ in
    every column and > in one outside ``loose``."""
    n, k = g.shape
    if n == 0:
        return np.zeros(0, dtype=bool)
    strict = [j for j in range(k) if j not in loose]
    if not strict:
        return np.zeros(n, dtype=bool)
    if k == 2:
        return _two_columns(g, state, strict)
    out = np.zeros(n, dtype=bool)
    bounds = np.flatnonzero(np.append(True, state[1:] != state[:-1]))
    for start, end in zip(bounds, np.append(bounds[1:], n)):
        block = g[start:end]
        geq = (block[None, :, :] >= block[:, None, :]).all(axis=2)
        gt = (block[None, :, :] > block[:, None, :])[:, :, strict].any(axis=2)
        out[start:end] = (geq & gt).any(axis=1)
    return out


def _two_columns(g: np.ndarray, state: np.ndarray, strict: list[int]) -> np.ndarray:
    if len(strict) == 2:
        return _prefix_beaten(g[:, 0], g[:, 1], state, np.arange(len(g)), equal_counts=True)
    lead, other = 1 - strict[0], strict[0]
    order = np.lexsort((-g[:, other], -g[:, lead], state))
    return _prefix_beaten(g[order, lead], g[order, other], state[order], order, equal_counts=False)


def _prefix_beaten(lead: np.ndarray, other: np.ndarray, state: np.ndarray, order: np.ndarray,
                   equal_counts: bool) -> np.ndarray:
    """Rows sorted by state, then ``lead`` descending (then ``other`` descending): whether an earlier row of the
    same state has ``other`` ≥ (``equal_counts``) or > this row's."""
    span = int(other.max() - other.min()) + 1
    if span * (int(state.max()) + 1) >= 2 ** 62:  # the shifted key would overflow: compare ranks instead
        other = np.unique(other, return_inverse=True)[1].reshape(-1).astype(np.int64)
        span = int(other.max()) + 1
    shifted = other - other.min() + state.astype(np.int64) * span
    best = np.maximum.accumulate(shifted)
    previous = np.append(np.int64(-1), best[:-1])
    beaten = previous >= shifted if equal_counts else previous > shifted
    out = np.zeros(len(order), dtype=bool)
    out[order] = beaten
    return out


def can_reach(least: np.ndarray, most: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Rows whose final clipped sums (between ``least`` and ``most``) may still equal one of ``targets``."""
    out = np.zeros(len(least), dtype=bool)
    for target in targets:
        out |= ((least <= target) & (target <= most)).all(axis=1)
    return out


class Incumbent:
    """What the outcomes met so far surely reach: a partial sum whose best completion is strictly dominated
    by what another surely reaches has no completion on the frontier (two parties: a staircase of the sure
    points, first column ascending, second descending). With ``focus``, a sum that cannot reach the best sure
    value in that column is dropped."""

    def __init__(self, top: np.ndarray, signs: np.ndarray, focus: int | None, focus_best: int | None) -> None:
        self.signs, self.focus, self.focus_best = signs, focus, focus_best
        self.two = len(top) == 2
        self.xs = self.ys = np.zeros(0, dtype=np.int64)

    def beats(self, reached: np.ndarray, least: np.ndarray, most: np.ndarray) -> np.ndarray:
        """Record ``reached`` (final clipped sums of outcomes that exist) and say which rows (final clipped sums
        between ``least`` and ``most``) cannot reach the frontier."""
        out = np.zeros(len(least), dtype=bool)
        if len(least) == 0:
            return out
        sure = reached * self.signs
        hope = np.where(self.signs > 0, most, -least)
        if self.focus is not None:
            out |= hope[:, self.focus] < self.focus_best
        if self.two:
            self._record(sure)
            # the best second column among sure points with first column ≥ x: ys at the first xs ≥ x
            ys = np.append(self.ys, np.iinfo(np.int64).min)
            out |= (ys[np.searchsorted(self.xs, hope[:, 0] + 1)] >= hope[:, 1]) | \
                   (ys[np.searchsorted(self.xs, hope[:, 0])] > hope[:, 1])
        return out

    def _record(self, sure: np.ndarray) -> None:
        """Add ``sure`` points to the staircase (only the points no other point weakly dominates are kept)."""
        sure = sure[np.append(self.ys, np.iinfo(np.int64).min)[np.searchsorted(self.xs, sure[:, 0])] < sure[:, 1]]
        if not len(sure):
            return
        xs, ys = np.append(self.xs, sure[:, 0]), np.append(self.ys, sure[:, 1])
        order = np.lexsort((-ys, -xs))  # first column descending, then second descending
        xs, ys = xs[order], ys[order]
        above = ys > np.maximum.accumulate(np.append(np.iinfo(np.int64).min, ys[:-1]))
        self.xs, self.ys = xs[above][::-1], ys[above][::-1]
