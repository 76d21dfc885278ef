"""Lagrangian bounds for the staircase search (``rectangle_staircase``): after each number of issues, per row of
alive rectangles, the most each column of rectangle gains can still add, by the dual of the linear relaxation of
the column's best completion, as one float32 product per depth with a margin that covers its rounding."""

from __future__ import annotations

import numpy as np

STEPS = 300
"""Subgradient steps tuning the Lagrangian split at the root at most (a quarter of them at each later depth)."""
SETTLED = 1e-3
"""Gain of a bound over ten tuning steps, relative to its column's total weight, below which the tuning stops."""


class TooLarge(Exception):
    """The bounds' matrices would hold more numbers than the caller allows."""


def cells_of(model) -> int:
    """How many numbers the bounds of ``model`` (the staircase search's) take: their matrices over every depth,
    or their tuning's per-step products if more."""
    r, n = model.r, model.n
    n_rect, width = len(r.exclusive), int(r.sizes.max())
    bounded = _bounded(r, n)
    n_columns = len(np.unique(model.gain.T, axis=0))
    rows_after = np.cumsum(bounded[::-1], axis=0)[::-1].astype(bool).sum(axis=1)  # per depth, rectangles to bound
    cells = int((rows_after * np.arange(n, 0, -1)).sum()) * width * n_columns
    return max(cells, n * width * n_rect * n_columns)


def _bounded(r, n: int) -> np.ndarray:
    """``(n, n_rect)``: which rectangles each issue position bounds (a rectangle bounding none: no position)."""
    bounded = np.zeros((n, len(r.exclusive)), dtype=bool)
    for position in range(n):
        bounded[position, r.bounding[position]] = True
    return bounded & (r.last >= 0)[None, :]


class Shares:
    """Lagrangian bounds: the linear relaxation of a column's best completion, by its dual. After each number of
    issues taken, a rectangle the column gains from has its gain split over the issues still to come that it
    bounds (shares ``λ ≥ 0``; a completion earns, per issue, the best value's shares of the rectangles still
    alive, plus whatever of a gain the shares leave uncovered); a rectangle the column loses from costs at least
    ``μ`` times (the remaining bounds it is inside − (their number − 1)) for any ``0 ≤ μ ≤`` its loss, which is
    charged per issue as ``−μ`` for the values inside. Any such ``λ, μ`` give a valid bound; they are tuned by
    subgradient steps of Polyak's kind (target level lowered when progress stalls) on the bound with every
    rectangle alive, each depth starting from the previous depth's."""

    def __init__(self, model, steps: int, limit: float = np.inf) -> None:
        """Bounds for ``model`` (the staircase search's: its ``Rectangles`` ``r``, issue count ``n`` and integer
        ``gain`` per rectangle and column), tuned by at most ``steps`` steps at the root; ``TooLarge`` when they
        would take more than ``limit`` numbers (:func:`cells_of`)."""
        if cells_of(model) > limit:
            raise TooLarge(f"the Lagrangian bounds would take more than {limit:,} numbers")
        r, n = model.r, model.n
        n_rect, width = len(r.exclusive), int(r.sizes.max())
        bounded = _bounded(r, n)
        columns, self.expand = np.unique(model.gain.astype(float).T, axis=0, return_inverse=True)
        tables = np.zeros((n, width, n_rect))
        for position in range(n):
            tables[position, :r.sizes[position]] = r.inside[position] & bounded[position][None, :]
        missing = np.arange(width)[None, :] >= r.sizes[:, None]  # (n, width): no such value at that issue
        self.expand = self.expand.reshape(-1)  # column of the gains -> distinct column tuned here
        gain, loss = np.maximum(columns, 0.0), np.maximum(-columns, 0.0)
        self.rows, self.matrices, self.constants, self.margins, self.lacking = [], [], [], [], []
        self.n_columns, self.width = len(columns), width
        share = cost = None
        for depth in range(n):
            bounds = bounded[depth:]
            remaining = bounds.sum(axis=0)
            if share is None:
                share = bounds[None] * (gain / np.maximum(remaining, 1))[:, None, :]
                cost = loss.copy()
            else:
                share = share[:, 1:]
            share, cost = _tune(share, cost, tables[depth:], missing[depth:], bounds, gain, loss,
                                steps if depth == 0 else max(steps // 4, 1))
            rows = np.flatnonzero(bounds.any(axis=0))
            coefficient = share * (gain > 0)[:, None, :] - (cost * (loss > 0))[:, None, :] * bounds[None]
            table = np.einsum("pvr,cpr->rvcp", tables[depth:][:, :, rows], coefficient[:, :, rows])
            table = table.reshape(len(rows), width * len(columns) * (n - depth))
            # a value an issue lacks can never be taken: its entries are pushed far below any real one
            self.lacking.append(np.repeat(missing[depth:].T[:, None, :], len(columns), axis=1).reshape(
                width, -1).astype(np.float32) * np.float32(-1e12))
            self.rows.append(rows)
            self.matrices.append(np.ascontiguousarray(table, dtype=np.float32))
            uncovered = np.maximum(gain - share.sum(axis=1), 0.0) + cost * np.maximum(remaining - 1, 0)[None, :]
            self.constants.append(uncovered[:, rows].T)  # (rows, columns)
            worth = gain[:, rows] + loss[:, rows] * remaining[None, rows]
            self.margins.append(_float32_margin(coefficient[:, :, rows], worth))

    def rest(self, alive: np.ndarray, depth: int) -> np.ndarray:
        """Per row of ``alive`` (float, all rectangles: open ones as found, unstarted 1, closed 0) after
        ``depth`` issues, the most each column can still add."""
        if depth >= len(self.matrices):
            return np.zeros((len(alive), len(self.expand)))
        mine = alive[:, self.rows[depth]].astype(np.float32)
        if not len(self.rows[depth]):
            return np.zeros((len(alive), len(self.expand)))
        per_value = (mine @ self.matrices[depth]).reshape(len(alive), self.width, -1) + self.lacking[depth][None]
        best = per_value[:, 0].copy()
        for v in range(1, self.width):
            np.maximum(best, per_value[:, v], out=best)
        out = best.reshape(len(alive), self.n_columns, -1).sum(axis=2, dtype=np.float64)
        out += mine.astype(np.float64) @ self.constants[depth] + self.margins[depth][None, :]
        return out[:, self.expand]


def _float32_margin(coefficient: np.ndarray, worth: np.ndarray) -> np.ndarray:
    """Per column, more than the float32 bound can fall short of the exact one: each issue's value sums at most
    ``m`` (the rows) coefficients cast to float32, so it errs by under ``(m + 1)·2⁻²⁴`` of the coefficients'
    magnitudes (taken as they are: shares may sum past a rectangle's gain). At least ``1e-5`` of the rectangles'
    worth (the larger on 30issues' 120 rectangles), plus ``1e-3``."""
    m = coefficient.shape[2]
    rounding = 1.01 * (m + 1) * 2.0 ** -24 * np.abs(coefficient).sum(axis=(1, 2))
    return np.maximum(rounding, 1e-5 * worth.sum(axis=1)) + 1e-3


def _tune(share, cost, tables, missing, bounds, gain, loss, steps):
    """Subgradient steps lowering each column's all-alive bound (shares of gains ``≥ 0``, costs of losses in
    ``[0, loss]``); the best multipliers met are kept."""
    n_columns, n = len(gain), len(tables)
    remaining = np.maximum(bounds.sum(axis=0) - 1, 0)
    losing = loss > 0
    best_share, best_cost, best_value = share.copy(), cost.copy(), np.full(n_columns, np.inf)
    scale = gain.sum(axis=1) + loss.sum(axis=1) + 1e-9  # the most a column's rectangles can weigh
    level = None
    for step in range(steps + 1):
        coefficient = share * (gain > 0)[:, None, :] - (cost * losing)[:, None, :] * bounds[None]
        scores = np.einsum("pvr,cpr->cpv", tables, coefficient) - missing[None] * 1e12
        uncovered = gain - share.sum(axis=1)
        value = scores.max(axis=2).sum(axis=1) + np.maximum(uncovered, 0).sum(axis=1) + (cost * remaining).sum(axis=1)
        better = value < best_value
        best_share[better], best_cost[better], best_value[better] = share[better], cost[better], value[better]
        if step == steps:
            break
        if level is None:
            level, checked = np.maximum(0.05 * np.abs(best_value), 1.0), best_value.copy()
        elif step % 10 == 0:
            level = np.where(better, level, level / 2)  # no progress lately: aim nearer
            if (checked - best_value <= SETTLED * scale).all():
                break  # ten steps gained next to nothing: the bound has settled
            checked = best_value.copy()
        picked = scores.argmax(axis=2)
        inside = np.take_along_axis(tables[None], picked[:, :, None, None], axis=2)[:, :, 0, :] * bounds[None]
        d_share = (inside - (uncovered > 0)[:, None, :]) * bounds[None] * (gain > 0)[:, None, :]
        d_share = np.where((share <= 0) & (d_share > 0), 0, d_share)
        d_cost = (remaining[None, :] - inside.sum(axis=1)) * losing
        d_cost = np.where(((cost <= 0) & (d_cost > 0)) | ((cost >= loss) & (d_cost < 0)), 0, d_cost)
        norm = (d_share ** 2).sum(axis=(1, 2)) + (d_cost ** 2).sum(axis=1)
        length = np.where(norm > 0, (value - (best_value - level)) / np.where(norm > 0, norm, 1), 0)
        share = np.maximum(share - length[:, None, None] * d_share, 0)
        cost = np.clip(cost - length[:, None] * d_cost, 0, loss)
    return best_share, best_cost
