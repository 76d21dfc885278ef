"""Exact frontier of two-party hyper-rectangle scenarios with integer utilities, by branch and bound against a
staircase (the fallback of method ``branch-and-bound`` when the dynamic programme's states pass its budget).

Utilities are kept as exact integer sums per party (clipped to [0, maxutility] only at the end, as enumeration
does). The search runs depth first over the issues (``issue_order``), each issue's values grouped into classes
that leave the same rectangles alive, so a class is one branch carrying its outcome count. A node's final
(signed, clipped) vector ``q`` is bounded by a box (each party's most) and, when every signed gain is
non-negative, by a few weighted sums ``w·q ≤ B_w`` (each rectangle charged to the last issue it bounds, where
only one value is taken, per weighting). The outcomes met so far (a local search seeds them, leaves add to
them) form a staircase; a final vector that is not strictly dominated by it is either one of its points or
lies above one of its inner corners, and the region these bounds allow is closed downwards, so a node is cut
exactly when neither a staircase point nor a corner satisfies its bounds. Ties with the staircase are thus
explored, and every frontier vector gets its exact outcome count and C-order-first outcome.
"""

from __future__ import annotations

import numpy as np

from accord.analysis.exact_frontier import ExactFrontier, frontier_of
from accord.analysis.pareto import pareto_mask
from accord.analysis.rectangle_frontier import Rectangles
from accord.analysis.rectangle_programme import _first_per_group, issue_order
from accord.errors import ScenarioError
from accord.model import Scenario

MAX_ROWS = 20_000_000
"""Partial sums expanded at one issue at most; beyond this the search stops with an error."""
_N_WEIGHTS = 9
TRACKED = 16
"""Open rectangles the bounding programme follows after each issue at most."""
MAX_RELAXED = 1 << 20


class _Model:
    """The rectangles in search order with integer, signed utilities, and a relaxed dynamic programme giving
    each node's bounds: after each issue only up to ``TRACKED`` open rectangles are followed (the weightiest;
    one dropped is never followed again) and the others are assumed alive where that earns more, so the
    programme's best completion of a node's followed rectangles bounds every true completion."""

    def __init__(self, scenario: Scenario, signs: np.ndarray, tracked: int) -> None:
        self.order = issue_order(scenario)
        r = self.r = Rectangles.of(scenario, self.order)
        self.k = len(scenario.parties)
        self.top = np.round(r.normalizer).astype(np.int64)
        self.signs = signs.astype(np.int64)
        self.utility = np.round(r.utility).astype(np.int64)
        self.n = len(r.sizes)
        signed = self.utility * self.signs[None, :]
        self.weighted = bool((signed >= 0).all())
        unit = np.eye(self.k, dtype=np.int64)
        mixes = np.array([[a, _N_WEIGHTS - 1 - a] for a in range(1, _N_WEIGHTS - 1)], dtype=np.int64)
        self.weights = np.vstack([unit, mixes]) if self.weighted else unit
        columns = np.vstack([self.weights * self.signs[None, :], unit])  # bound columns, then each party's most
        self.gain = self.utility @ columns.T  # (n_rect, n_columns)
        self.n_bound = len(self.weights)
        constant = (r.last < 0) & ~r.exclusive
        self.base = constant.astype(np.int64) @ self.utility
        self._relax(tracked)

    def _relax(self, cap: int) -> None:
        r = self.r
        n_rect = len(r.exclusive)
        bounded = [set(r.bounding[s].tolist()) for s in range(self.n)]
        first = np.array([min((s for s in range(self.n) if i in bounded[s]), default=-1) for i in range(n_rect)])
        worth = (self.utility / r.normalizer[None, :]).sum(axis=1)
        followed = [np.empty(0, dtype=np.int64)]  # per position (after s issues): followed rectangles
        keys_by_level = [np.zeros(1, dtype=np.int64)]
        moves = []
        states = np.zeros((1, 0), dtype=bool)
        for s in range(self.n):
            before = followed[-1]
            bounding = r.bounding[s]
            table = r.inside[s][:, bounding]
            patterns = np.unique(table, axis=0) if bounding.size else np.ones((1, 0), dtype=bool)
            opened = bounding[first[bounding] == s]
            candidates = np.union1d(before[r.last[before] > s], opened[r.last[opened] > s])
            after = np.sort(candidates[np.argsort(-worth[candidates], kind="stable")[:cap]])
            followed.append(after)
            n_states, n_classes = len(states), len(patterns)
            # alive before this issue, per state and bounding rectangle (unfollowed open ones: assumed alive)
            previous = np.ones((n_states, len(bounding)), dtype=bool)
            known = np.isin(bounding, before)
            previous[:, known] = states[:, np.searchsorted(before, bounding[known])]
            now = previous[:, None, :] & patterns[None, :, :]
            ends = r.last[bounding] == s
            exact = known | (first[bounding] == s)
            gain = self.gain[bounding]
            worth_now = np.where(exact[:, None], gain, np.maximum(gain, 0)) * ends[:, None]
            gains = (now.reshape(n_states * n_classes, -1).astype(np.int64) @ worth_now).reshape(
                n_states, n_classes, -1)
            nxt = np.empty((n_states, n_classes, len(after)), dtype=bool)
            in_bounding = np.isin(after, bounding)
            nxt[:, :, in_bounding] = now[:, :, np.searchsorted(bounding, after[in_bounding])]
            rest = ~in_bounding
            nxt[:, :, rest] = states[:, None, np.searchsorted(before, after[rest])]
            codes = _codes(nxt.reshape(n_states * n_classes, -1))
            keys, ids = np.unique(codes, return_inverse=True)
            if len(keys) > MAX_RELAXED:
                raise TooManyRelaxed(f"more than {MAX_RELAXED:,} relaxed states after {s + 1} issues")
            states = _decode(keys, len(after))
            keys_by_level.append(keys)
            moves.append((ids.reshape(n_states, n_classes), gains))
        high = [None] * (self.n + 1)
        high[self.n] = np.zeros((1, self.gain.shape[1]), dtype=np.int64)
        for s in reversed(range(self.n)):
            ids, gains = moves[s]
            high[s] = (gains + high[s + 1][ids]).max(axis=1)
        self.followed, self.keys, self.high = followed, keys_by_level, high

    def final(self, inside: np.ndarray) -> np.ndarray:
        """The signed, clipped integer vectors of fully decided nodes."""
        earned = inside & (~self.r.exclusive & (self.r.last >= 0))[None, :]
        return np.clip(earned.astype(np.int64) @ self.utility + self.base, 0, self.top) * self.signs


def _codes(bits: np.ndarray) -> np.ndarray:
    return bits.astype(np.int64) @ (np.int64(1) << np.arange(bits.shape[1], dtype=np.int64))


def _decode(codes: np.ndarray, width: int) -> np.ndarray:
    return ((codes[:, None] >> np.arange(width, dtype=np.int64)[None, :]) & 1).astype(bool)


class TooManyRelaxed(Exception):
    """The relaxed programme would pass its budget (not a user error)."""


class _Staircase:
    """The non-dominated signed vectors of the outcomes met so far (two parties), as points and inner corners."""

    def __init__(self, floor: np.ndarray) -> None:
        self.points = np.empty((0, 2), dtype=np.int64)
        self.floor = floor
        self.candidates = floor[None, :].copy()

    def add(self, vectors: np.ndarray) -> None:
        pool = np.unique(np.vstack([self.points, vectors]), axis=0)
        pool = pool[pareto_mask(pool.astype(float))]
        if len(pool) == len(self.points) and (pool == self.points).all():
            return
        self.points = pool[np.argsort(pool[:, 0])]  # first column ascending, second descending
        xs, ys = self.points[:, 0], self.points[:, 1]
        corners = np.column_stack([np.append(self.floor[0], xs + 1), np.append(ys + 1, self.floor[1])])
        self.candidates = np.vstack([self.points, corners])

    def alive(self, weighted: np.ndarray, high: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """Which nodes (their weighted bounds and box) may still reach a vector not strictly dominated."""
        c = self.candidates
        fits = (c[None, :, :] <= high[:, None, :]).all(axis=2)
        mixes = weights[2:]  # the unit rows are the box, which is clipped as the final vectors are
        fits &= ((c @ mixes.T)[None, :, :] <= weighted[:, None, 2:]).all(axis=2)
        return fits.any(axis=1)


def _local_search(model: _Model, rng: np.random.Generator, rounds: int = 3) -> np.ndarray:
    """Signed vectors of outcomes found by coordinate ascent on a few weightings (they exist: seeds)."""
    r = model.r
    sizes = r.sizes
    found = []
    mixes = np.array([[a, 8 - a] for a in range(9)], dtype=float) * model.signs[None, :]
    for w in mixes:
        for _ in range(rounds):
            x = np.array([rng.integers(s) for s in sizes])
            for _sweep in range(6):
                changed = False
                for s in rng.permutation(len(sizes)):
                    member = np.ones(len(r.exclusive), dtype=bool)
                    for t in range(len(sizes)):
                        if t != s:
                            member &= r.inside[t][x[t]]
                    inside = member[None, :] & r.inside[s]  # values, rects
                    earned = np.where(r.exclusive[None, :], ~inside, inside)
                    sums = np.clip(earned.astype(np.int64) @ model.utility + model.base, 0, model.top)
                    score = sums @ w
                    best = int(np.argmax(score))
                    if score[best] > score[x[s]]:
                        x[s], changed = best, True
                if not changed:
                    break
            member = np.ones(len(r.exclusive), dtype=bool)
            for t in range(len(sizes)):
                member &= r.inside[t][x[t]]
            found.append(model.final(member[None, :])[0])
    return np.array(found, dtype=np.int64)


def rectangle_staircase(scenario: Scenario, signs: np.ndarray | None = None,
                        focus: int | None = None) -> ExactFrontier:
    """The exact frontier of a two-party scenario with non-negative integer inclusive rectangle utilities; with
    ``signs`` the frontier of the utilities times ``signs``; with ``focus`` only its points largest in that
    column."""
    signs = np.ones(2, dtype=np.int64) if signs is None else np.round(np.asarray(signs)).astype(np.int64)
    model = _Model(scenario, signs, TRACKED)
    r, n, k = model.r, model.n, model.k
    stair = _Staircase(np.where(signs > 0, 0, -model.top))
    stair.add(_local_search(model, np.random.default_rng(0)))
    opened = np.empty(0, dtype=np.int64)
    alive = np.zeros((1, 0), dtype=bool)
    sums = model.base[None, :].copy()
    counts = np.array([1], dtype=object)
    firsts = np.zeros((1, n), dtype=np.int64)
    first = np.array([min((s for s in range(n) if i in set(r.bounding[s].tolist())), default=-1)
                      for i in range(len(r.exclusive))])
    for s in range(n):
        bounding, issue = r.bounding[s], int(model.order[s])
        table = r.inside[s][:, bounding] if bounding.size else np.ones((r.sizes[s], 0), dtype=bool)
        patterns, values, inverse = np.unique(table, axis=0, return_index=True, return_inverse=True)
        sizes = np.bincount(inverse.reshape(-1), minlength=len(patterns))
        m, c = len(sums), len(patterns)
        if m * c > MAX_ROWS:
            raise ScenarioError(f"the branch and bound needs more than {MAX_ROWS:,} partial sums",
                                source=scenario.name, fix="reduce the issues or rectangles")
        previous = np.ones((m, len(bounding)), dtype=bool)
        known = np.isin(bounding, opened)
        previous[:, known] = alive[:, np.searchsorted(opened, bounding[known])]
        now = previous[:, None, :] & patterns[None, :, :]
        ends = (r.last[bounding] == s)[:, None] * model.utility[bounding]
        sums = (sums[:, None, :] + now.astype(np.int64) @ ends).reshape(m * c, k)
        after = np.flatnonzero((first >= 0) & (first <= s) & (r.last > s))
        nxt = np.empty((m, c, len(after)), dtype=bool)
        in_bounding = np.isin(after, bounding)
        nxt[:, :, in_bounding] = now[:, :, np.searchsorted(bounding, after[in_bounding])]
        nxt[:, :, ~in_bounding] = alive[:, None, np.searchsorted(opened, after[~in_bounding])]
        alive, opened = nxt.reshape(m * c, len(after)), after
        counts = (counts[:, None] * sizes[None, :].astype(object)).reshape(-1)
        firsts = np.repeat(firsts, c, axis=0)
        firsts[:, issue] = np.tile(values, m)
        # bounds from the relaxed programme (its followed rectangles are among the open ones)
        state = np.searchsorted(model.keys[s + 1], _codes(alive[:, np.searchsorted(opened, model.followed[s + 1])]))
        rest = model.high[s + 1][state]
        signed = sums * signs[None, :]
        weighted = signed @ model.weights.T + rest[:, :model.n_bound]
        low, up = np.where(signs > 0, 0, -model.top), np.where(signs > 0, model.top, 0)
        box = np.clip(weighted[:, :k], low, up)
        keep = stair.alive(weighted, box, model.weights)
        if focus is not None and len(stair.points):
            keep &= box[:, focus] >= stair.points[:, focus].max()
        sums, alive, counts, firsts, rest = sums[keep], alive[keep], counts[keep], firsts[keep], rest[keep]
        sums, alive, counts, firsts, rest = _merge(sums, alive, counts, firsts, rest, model, signs)
    points = np.round(np.clip(sums / r.normalizer[None, :], 0.0, 1.0), 10) * signs[None, :] + 0.0
    found = frontier_of(points, [int(x) for x in counts], firsts)
    if focus is not None and len(found.points):
        top = found.points[:, focus] == found.points[:, focus].max()
        found = ExactFrontier(found.points[top], tuple(x for x, t in zip(found.counts, top) if t), found.firsts[top])
    return found


def _merge(sums, alive, counts, firsts, rest, model: _Model, signs):
    """Equal (alive rectangles, sums) rows merged (counts added, C-order-first kept); then a row dropped when
    another with the same alive rectangles is at least as good for both parties and it cannot reach a clip
    (then each completion of it is strictly dominated by the same completion of the other)."""
    if len(sums) == 0:
        return sums, alive, counts, firsts, rest
    code = _codes(alive) if alive.shape[1] else np.zeros(len(sums), dtype=np.int64)
    g = sums * signs[None, :]
    order = np.lexsort((-g[:, 1], -g[:, 0], code))
    code, g = code[order], g[order]
    sums, alive, counts, firsts, rest = sums[order], alive[order], counts[order], firsts[order], rest[order]
    new = np.ones(len(g), dtype=bool)
    new[1:] = (code[1:] != code[:-1]) | (g[1:] != g[:-1]).any(axis=1)
    starts = np.flatnonzero(new)
    if len(starts) < len(g):
        counts = np.add.reduceat(counts, starts)
        firsts = _first_per_group(firsts, starts)
        code, g, sums, alive, rest = code[starts], g[starts], sums[starts], alive[starts], rest[starts]
    safe = (sums + rest[:, -model.k:] < model.top[None, :]).all(axis=1)
    span = int(g[:, 1].max() - g[:, 1].min()) + 1
    shifted = g[:, 1] - g[:, 1].min() + _dense(code) * span
    best = np.maximum.accumulate(shifted)
    beaten = np.append(False, best[:-1] >= shifted[1:])
    keep = ~(beaten & safe)
    return sums[keep], alive[keep], counts[keep], firsts[keep], rest[keep]


def _dense(code: np.ndarray) -> np.ndarray:
    """Sorted codes as 0, 1, 2, ... per distinct value."""
    return np.cumsum(np.append(0, code[1:] != code[:-1]))
