"""Bounds on one party's utility over the outcomes that complete a partial choice of values (issues in order).

Each bound model has ``root()`` (the state before any issue is fixed) and ``expand(state, depth)``: the states
of fixing each value of issue ``depth`` and, per value, the least and the most utility (normalised, clipped as
the utility is, unrounded) of the outcomes that complete it. Bounds are safe, never tight by luck: the search
that uses them adds a rounding slack and computes every leaf exactly.

* Linear-additive: the partial sum plus the least / the most each later issue can add (exact, before clipping).
* Hyper-rectangles (GENIUS 2014): a rectangle is *alive* while every fixed issue it bounds lies in its range;
  once the last issue it bounds is fixed it is decided. Decided rectangles earn for sure (inclusive and alive,
  exclusive and dead); undecided ones may add their utility or not.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from accord.model import Issue, LinearAdditive, RectangleSum
from accord.model.utilities import UtilityFunction


class AdditiveBounds:
    """Bounds of ``min(1, Σᵢ tᵢ[xᵢ])`` from per-issue tables."""

    def __init__(self, utility: LinearAdditive, issues: tuple[Issue, ...]) -> None:
        self.tables = [np.asarray(t, dtype=float) for t in utility.issue_values(issues)]
        low, high = [0.0], [0.0]
        for table in reversed(self.tables):
            low.append(low[-1] + float(table.min()))
            high.append(high[-1] + float(table.max()))
        self.rest_low = low[::-1]
        self.rest_high = high[::-1]

    def root(self) -> float:
        return 0.0

    def expand(self, state: float, depth: int) -> tuple[Any, np.ndarray, np.ndarray]:
        sums = state + self.tables[depth]
        return (sums, np.minimum(sums + self.rest_low[depth + 1], 1.0),
                np.minimum(sums + self.rest_high[depth + 1], 1.0))

    def leaf(self, state: float, depth: int, tail: np.ndarray) -> np.ndarray:
        """Exact utilities (unrounded) of the outcomes completing the partial sum ``state`` with the ``tail``
        values of the issues from ``depth`` on, summed in issue order as :meth:`LinearAdditive.evaluate` does."""
        total = np.full(tail.shape[0], state)
        for column in range(tail.shape[1]):
            total += self.tables[depth + column][tail[:, column]]
        return np.minimum(total, 1.0)


class RectangleBounds:
    """Bounds of a sum of hyper-rectangles (divided by the normaliser, clipped to [0, 1])."""

    def __init__(self, utility: RectangleSum, issues: tuple[Issue, ...]) -> None:
        boxes = utility.rectangles
        numeric = [np.asarray(i.values if i.is_numeric else range(i.size), dtype=float) for i in issues]
        self.inside = [np.ones((issue.size, len(boxes)), dtype=bool) for issue in issues]
        last = np.full(len(boxes), -1, dtype=np.int64)
        for r, box in enumerate(boxes):
            for position, low, high in box.bounds:
                x = numeric[position]
                self.inside[position][:, r] &= (x >= low) & (x <= high)
                last[r] = max(last[r], position)
        self.last = last
        self.inside_t = [np.ascontiguousarray(table.T) for table in self.inside]
        self._tail: tuple[int, np.ndarray, np.ndarray] | None = None
        """The last leaf's ``(depth, tail, which rectangles each tail row lies in)``: a search asks every leaf with
        the same tail, and recomputing it took most of a leaf's time."""
        self.exclusive = np.array([box.exclusive for box in boxes], dtype=bool)
        weights = np.array([box.utility for box in boxes], dtype=float)
        self.weights = weights
        self.gains = np.maximum(weights, 0.0)
        self.losses = np.minimum(weights, 0.0)
        self.normalizer = float(utility.normalizer)
        self.integral = bool(np.all(weights == np.trunc(weights)) and np.abs(weights).sum() < 2.0**53)
        """Whether the weights are integers (as in GENIUS's files): their sums are then exact in any order."""
        # an undecided inclusive rectangle is charged to the last issue it bounds, where one value is taken: one
        # column per (issue, value), each rectangle's share in the columns of its last issue
        charged = np.zeros((len(boxes), sum(issue.size for issue in issues)))
        self.starts = np.cumsum([0, *(issue.size for issue in issues)])[:-1]
        for r in np.flatnonzero((last >= 0) & ~self.exclusive):
            start = self.starts[last[r]]
            charged[r, start:start + issues[last[r]].size] = self.inside[last[r]][:, r]
        self.charged = (charged * self.gains[:, None], charged * self.losses[:, None])
        self.loose = (np.where(self.exclusive, self.gains, 0.0), np.where(self.exclusive, self.losses, 0.0))

    def root(self) -> np.ndarray:
        return np.ones(len(self.weights), dtype=bool)

    def expand(self, state: np.ndarray, depth: int) -> tuple[Any, np.ndarray, np.ndarray]:
        alive = state[None, :] & self.inside[depth]
        decided = self.last <= depth
        earned = np.where(self.exclusive, ~alive, alive & decided)
        undecided = alive & ~decided
        open_ = undecided.astype(float)
        base = earned.astype(float) @ self.weights
        low, high = base + open_ @ self.loose[1], base + open_ @ self.loose[0]
        if len(self.starts):
            high = high + np.maximum.reduceat(open_ @ self.charged[0], self.starts, axis=1).sum(axis=1)
            low = low + np.minimum.reduceat(open_ @ self.charged[1], self.starts, axis=1).sum(axis=1)
        return alive, np.clip(low / self.normalizer, 0.0, 1.0), np.clip(high / self.normalizer, 0.0, 1.0)

    def leaf(self, state: np.ndarray, depth: int, tail: np.ndarray) -> np.ndarray:
        """Exact utilities (unrounded) of the outcomes completing ``state`` with the ``tail`` values of the issues
        from ``depth`` on: rectangle by rectangle, in order, as :meth:`RectangleSum.evaluate` sums them."""
        inside = state[:, None] & self._tail_inside(depth, tail)
        earned = np.where(self.exclusive[:, None], ~inside, inside)
        if self.integral:  # integer sums are exact in any order: one product
            return np.clip((self.weights @ earned) / self.normalizer, 0.0, 1.0)
        total = np.zeros(tail.shape[0])
        for r in np.flatnonzero(earned.any(axis=1)):  # one by one, in order (adding nothing changes nothing)
            total += earned[r] * self.weights[r]
        return np.clip(total / self.normalizer, 0.0, 1.0)

    def _tail_inside(self, depth: int, tail: np.ndarray) -> np.ndarray:
        """Which rectangles each row of ``tail`` (the values of the issues from ``depth`` on) lies in, as far as
        those issues decide; remembered for the last ``(depth, tail)`` asked, compared by value."""
        if self._tail is not None:
            known_depth, known_tail, known = self._tail
            if known_depth == depth and known_tail.shape == tail.shape and np.array_equal(known_tail, tail):
                return known
        tail_inside = np.ones((len(self.weights), tail.shape[0]), dtype=bool)
        for column in range(tail.shape[1]):
            tail_inside &= self.inside_t[depth + column][:, tail[:, column]]
        self._tail = (depth, tail.copy(), tail_inside)
        return tail_inside


def bounds_for(utility: UtilityFunction, issues: tuple[Issue, ...]) -> AdditiveBounds | RectangleBounds:
    """The bound model of ``utility``."""
    if isinstance(utility, LinearAdditive):
        return AdditiveBounds(utility, issues)
    if isinstance(utility, RectangleSum):
        return RectangleBounds(utility, issues)
    raise TypeError(f"no search bounds for {type(utility).__name__}")
