"""Exact frontier of two-party hyper-rectangle scenarios with non-negative integer inclusive rectangles, by a
forward search over the issues pruned against a staircase of outcomes met (the search ``rectangle_search``
uses where the dynamic programme would follow too many open rectangles, as on GENIUS's 30issues).

Rows are partial outcomes after some issues (``issue_order``), each issue's values grouped into classes that
leave the same rectangles alive: the exact integer sums per party, which open rectangles are alive, the outcome
count (Python ints) and the C-order-first outcome. Equal rows merge; a row is dropped when another with the
same alive rectangles is at least as good for both parties and it cannot reach a clip. A row's final (signed,
clipped) vector ``q`` is bounded by a box (each party's most) and, when every signed gain is non-negative or in
a worst-deal search, by weighted sums ``w·q ≤ B_w``; each bound is the least of a relaxed programme's (only
``TRACKED`` open rectangles followed, the others assumed at their best) and a Lagrangian one
(``rectangle_lagrangian``, the dual of the linear relaxation; rows alike in their alive rectangles share it). The
staircase holds the non-dominated vectors of real outcomes met (a local search, then a beam pass that keeps only
the ``BEAM`` best bounded rows per issue); a final vector not strictly dominated by it is one of its points or
lies above one of its inner corners, and the region the bounds allow is closed downwards, so the exact pass cuts
a row exactly when neither a point nor a corner satisfies its bounds. Ties with the staircase are kept, so every frontier
vector gets its exact count. An exact pass that grows past ``WIDEN_AT`` rows restarts after a wider beam.

A worst-deal search (signs −1 on the focus party, +1 on the other; ``focus``) wants the largest focus value,
then the largest other: its staircase keeps only the best focus value met with the most the other has there,
and anything better in the focus column. Its weighted bounds weigh the focus column ``FOCUS_WEIGHTS`` (clipping
can only raise that column, to −top, so the clipped corner is allowed too).
"""

from __future__ import annotations

import numpy as np

from accord.analysis.exact_frontier import ExactFrontier, frontier_of
from accord.analysis.pareto import pareto_mask
from accord.analysis.rectangle_frontier import Rectangles
from accord.analysis.rectangle_lagrangian import STEPS, Shares, TooLarge
from accord.analysis.rectangle_programme import ROUNDED_APART, _first_per_group, issue_order
from accord.model import RectangleSum, Scenario

MAX_ROWS = 4_000_000
"""Partial sums expanded at one issue at most; beyond, ``TooManyRows`` (the caller refuses in one line). A row
takes about 700 bytes at its peak on 30 issues (2.1 GB measured at 3 × 10^6), so this keeps the search near 3 GB;
30issues peaks at about 1.5 × 10^5."""
TRACKED = 16
"""Open rectangles the relaxed bounding programme follows after each issue at most."""
MAX_RELAXED = 1 << 20
"""Relaxed states times value classes expanded at one issue at most (``OverBudget`` beyond); 30issues takes
1.3 × 10^5. (The states alone stay within ``2 ** TRACKED``, but an issue with many values multiplies them.)"""
MAX_BOUND_CELLS = 100_000_000
"""Numbers in the Lagrangian bounds' matrices (float32, over every depth) and their tuning's per-step products at
most (about 400 MB; 30issues takes 3.3 × 10^6); beyond, ``OverBudget``. Issues with many values and many
rectangles reach it first."""
ROUNDS = 3
"""Local-search restarts per weighting that seed the staircase (before the beam pass)."""
BEAM = 2_000
"""Rows a beam pass keeps after each issue at first (it seeds the staircase with real outcomes)."""
MAX_BEAM = 128_000
"""The widest beam pass; its exact pass is not widened again."""
WIDEN_AT = 2_000_000
"""Partial sums at one issue past which an exact pass stops and a beam eight times wider runs first."""
FOCUS_WEIGHTS = (1, 4, 16, 64)
"""Weights of the focus column (the others 1) in a worst-deal search's weighted bounds."""
_EXACT = 2 ** 52
"""Integers below this are exact in a float64 (the bounds are floats compared with integer vectors)."""


class _Model:
    """The rectangles in search order with integer, signed utilities, and a relaxed dynamic programme giving
    each node's bounds: after each issue only up to ``TRACKED`` open rectangles are followed (the weightiest;
    one dropped is never followed again) and the others are assumed alive where that earns more, so the
    programme's best completion of a node's followed rectangles bounds every true completion."""

    def __init__(self, scenario: Scenario, signs: np.ndarray, tracked: int, focus: int | None = None) -> None:
        self.order = issue_order(scenario)
        r = self.r = Rectangles.of(scenario, self.order)
        self.k = len(scenario.parties)
        self.top = np.round(r.normalizer).astype(np.int64)
        self.signs = signs.astype(np.int64)
        self.utility = np.round(r.utility).astype(np.int64)
        self.n = len(r.sizes)
        signed = self.utility * self.signs[None, :]
        self.weighted = bool((signed >= 0).all())
        self.floored: int | None = None
        self.priority = np.ones(self.k)  # how the relaxed programme ranks rectangles to follow, per party
        unit = np.eye(self.k, dtype=np.int64)
        mixes = np.array([[1, 3], [1, 1], [3, 1]], dtype=np.int64)
        if focus is not None and self.signs[focus] < 0 and (np.delete(self.signs, focus) > 0).all():
            # a worst-deal search: clipping raises only the focus column, and only for completions there at its
            # least value (-top); the weighted bounds then also allow that corner (``_hopeful``)
            self.weighted, self.floored = True, focus
            mixes = np.full((len(FOCUS_WEIGHTS), self.k), 1, dtype=np.int64)
            mixes[:, focus] = FOCUS_WEIGHTS
            self.priority[focus] = FOCUS_WEIGHTS[-1]
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
        first = self.first = np.array([min((s for s in range(self.n) if i in bounded[s]), default=-1)
                                       for i in range(n_rect)])  # per rectangle, the position that opens it
        worth = (self.utility / r.normalizer[None, :]) @ self.priority
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
            if n_states * n_classes > MAX_RELAXED:
                raise OverBudget(f"more than {MAX_RELAXED:,} relaxed states expanded at issue {s + 1}")
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
        return self.clipped(self.sums_of(inside))

    def sums_of(self, inside: np.ndarray) -> np.ndarray:
        """The integer sums of decided outcomes (rows of which rectangles they lie in): the bounded rectangles
        they lie in, plus the unbounded ones (``base``) once."""
        return (inside & (self.r.last >= 0)[None, :]).astype(np.int64) @ self.utility + self.base

    def weighted_bounds(self, sums: np.ndarray, rest: np.ndarray) -> np.ndarray:
        """Per row, the most each weighting of the signed sums can reach: the partial sums' value plus the most
        the rest can add."""
        return (sums * self.signs[None, :]) @ self.weights.T + rest[:, :self.n_bound]

    def clipped(self, sums: np.ndarray) -> np.ndarray:
        """The signed, clipped integer vectors of outcomes with these integer sums."""
        return np.clip(sums, 0, self.top) * self.signs


def _codes(bits: np.ndarray) -> np.ndarray:
    return bits.astype(np.int64) @ (np.int64(1) << np.arange(bits.shape[1], dtype=np.int64))


def _decode(codes: np.ndarray, width: int) -> np.ndarray:
    return ((codes[:, None] >> np.arange(width, dtype=np.int64)[None, :]) & 1).astype(bool)


class OverBudget(Exception):
    """The search would pass ``MAX_RELAXED`` or ``MAX_BOUND_CELLS`` while setting up its bounds (not a user
    error: the caller turns to another search)."""


class TooManyRows(OverBudget):
    """The search itself would pass ``MAX_ROWS`` (another search would take far longer still)."""


class _Widen(Exception):
    """The exact pass grew past ``WIDEN_AT`` rows: a wider beam should find a better staircase first."""


class _Staircase:
    """The non-dominated signed vectors of the outcomes met so far (two parties), as points and inner corners."""

    def __init__(self, floor: np.ndarray, focus: int | None = None) -> None:
        self.points = np.empty((0, 2), dtype=np.int64)
        self.floor, self.focus = floor, focus
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
        if self.focus is not None:
            self.candidates = self._targets()

    def _targets(self) -> np.ndarray:
        """A worst-deal search's vectors still worth reaching: the focus column's best met so far with at least
        the most the other column has with it (ties kept), or anything better in the focus column."""
        other = 1 - self.focus
        tie = self.floor.copy()
        if len(self.points):
            tie[self.focus] = self.points[:, self.focus].max()
            tie[other] = self.points[self.points[:, self.focus] == tie[self.focus], other].max()
        better = self.floor.copy()
        better[self.focus] = tie[self.focus] + 1
        return np.vstack([tie, better]) if len(self.points) else tie[None, :]

    def alive(self, weighted: np.ndarray, high: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """Which nodes (their weighted bounds and box) may still reach a vector not strictly dominated."""
        c = self.candidates
        fits = c[None, :, 0] <= high[:, 0, None]
        fits &= c[None, :, 1] <= high[:, 1, None]
        mixed = c @ weights[2:].T  # the unit rows are the box, which is clipped as the final vectors are
        for j in range(mixed.shape[1]):
            fits &= mixed[None, :, j] <= weighted[:, 2 + j, None]
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
            for _pass in range(6):
                changed = False
                for s in rng.permutation(len(sizes)):
                    inside = _lying_in(r, x, s)[None, :] & r.inside[s]  # values, rects
                    score = np.clip(model.sums_of(inside), 0, model.top) @ w
                    best = int(np.argmax(score))
                    if score[best] > score[x[s]]:
                        x[s], changed = best, True
                if not changed:
                    break
            found.append(model.final(_lying_in(r, x)[None, :])[0])
    return np.array(found, dtype=np.int64)


def _lying_in(r: Rectangles, x: np.ndarray, skip: int | None = None) -> np.ndarray:
    """Which rectangles the outcome ``x`` (a value per search position) lies in, position ``skip`` left out."""
    member = np.ones(len(r.exclusive), dtype=bool)
    for t in range(len(x)):
        if t != skip:
            member &= r.inside[t][x[t]]
    return member


def staircase_applies(scenario: Scenario) -> bool:
    """Whether the scenario has two parties, no constraint, and only inclusive rectangles with non-negative
    integer utilities and integer normalisers at most ``ROUNDED_APART``, small enough that every weighted sum
    the search compares (weights up to ``FOCUS_WEIGHTS[-1]``) is an exact integer in a float."""
    if len(scenario.parties) != 2 or scenario.constraints:
        return False
    if not all(isinstance(p.utility, RectangleSum) and float(p.utility.normalizer).is_integer()
               for p in scenario.parties):
        return False
    boxes = [r for p in scenario.parties for r in p.utility.rectangles]
    largest = max([sum(r.utility for r in boxes)] + [p.utility.normalizer for p in scenario.parties])
    return all(not r.exclusive and r.utility >= 0 and float(r.utility).is_integer() for r in boxes) and \
        largest * (FOCUS_WEIGHTS[-1] + 1) < _EXACT and all(p.utility.normalizer <= ROUNDED_APART
                                                           for p in scenario.parties)


def rectangle_staircase(scenario: Scenario, signs: np.ndarray | None = None,
                        focus: int | None = None) -> ExactFrontier:
    """The exact frontier of a two-party scenario with non-negative integer inclusive rectangle utilities; with
    ``signs`` the frontier of the utilities times ``signs``; with ``focus`` only its points largest in that
    column (a worst-deal search: the staircase then keeps only the best focus value met and what beats it)."""
    signs = np.ones(2, dtype=np.int64) if signs is None else np.round(np.asarray(signs)).astype(np.int64)
    model = _Model(scenario, signs, TRACKED, focus)
    stair = _Staircase(np.where(signs > 0, 0, -model.top), focus)
    stair.add(_local_search(model, np.random.default_rng(0), ROUNDS))
    try:
        shares = Shares(model, STEPS, MAX_BOUND_CELLS)
    except TooLarge as error:
        raise OverBudget(str(error)) from None
    beam = BEAM
    while True:
        sums, _, _ = _sweep(model, shares, stair, beam)  # a beam pass: real outcomes for the staircase
        stair.add(model.clipped(sums))
        try:
            sums, counts, firsts = _sweep(model, shares, stair, None, WIDEN_AT if beam < MAX_BEAM else np.inf)
            break
        except _Widen:
            beam *= 8
    points = model.r.utilities_of(sums) * signs[None, :] + 0.0
    found = frontier_of(points, [int(x) for x in counts], firsts)
    if focus is not None and len(found.points):
        top = found.points[:, focus] == found.points[:, focus].max()
        found = ExactFrontier(found.points[top], tuple(x for x, t in zip(found.counts, top) if t), found.firsts[top])
    return found


def _sweep(model: _Model, shares: Shares, stair: _Staircase, beam: int | None,
           limit: float = np.inf) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One forward pass over the issues: the final rows' integer sums, outcome counts and first outcomes. Rows
    that cannot reach a vector the staircase leaves undominated are cut; with ``beam``, only that many rows
    (the best bounded) go on after each issue, so the pass is quick and its rows are just real outcomes."""
    r, n, k, signs, focus = model.r, model.n, model.k, model.signs, stair.focus
    opened = np.empty(0, dtype=np.int64)
    alive = np.zeros((1, 0), dtype=bool)
    sums = model.base[None, :].copy()
    counts = np.array([1], dtype=object)
    firsts = np.zeros((1, n), dtype=np.int64)
    first = model.first
    for s in range(n):
        bounding, issue = r.bounding[s], int(model.order[s])
        table = r.inside[s][:, bounding] if bounding.size else np.ones((r.sizes[s], 0), dtype=bool)
        patterns, values, inverse = np.unique(table, axis=0, return_index=True, return_inverse=True)
        sizes = np.bincount(inverse.reshape(-1), minlength=len(patterns))
        m, c = len(sums), len(patterns)
        if m * c > MAX_ROWS:
            raise TooManyRows(f"more than {MAX_ROWS:,} partial sums after {s} issues")
        if m * c > limit:
            raise _Widen
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
        rest = model.high[s + 1][state].astype(float)
        keep = _hopeful(sums, rest, model, stair)  # the relaxed programme's bounds first (cheap)
        rows = np.flatnonzero(keep)
        patterns, inverse = _distinct_rows(alive[rows])  # rows alike in their alive rectangles share a bound
        full = np.zeros((len(patterns), len(r.exclusive)), dtype=np.float32)
        full[:, first > s] = 1.0
        full[:, opened] = patterns
        lagrangian = np.concatenate([shares.rest(full[start:start + 4096], s + 1)
                                     for start in range(0, len(patterns), 4096)] or [rest[:0]])
        rest[rows] = np.minimum(rest[rows], lagrangian[inverse])
        keep[rows] = _hopeful(sums[rows], rest[rows], model, stair)
        sums, alive, counts, firsts, rest = sums[keep], alive[keep], counts[keep], firsts[keep], rest[keep]
        sums, alive, counts, firsts, rest = _merge(sums, alive, counts, firsts, rest, model, signs)
        if beam is not None and len(sums) > beam:
            chosen = _most_promising(sums, rest, model, focus, beam)
            sums, alive, counts, firsts = sums[chosen], alive[chosen], counts[chosen], firsts[chosen]
    return sums, counts, firsts


def _most_promising(sums, rest, model: _Model, focus: int | None, beam: int) -> np.ndarray:
    """The rows a beam pass keeps: with a focus, the best bounded under the heaviest focus weight; else an equal share
    of the best bounded under each weighting of the weighted bounds."""
    bounds = model.weighted_bounds(sums, rest)
    if focus is not None:  # the weighting with the heaviest focus weight: the lexicographic order's closest
        return np.argsort(-bounds[:, -1], kind="stable")[:beam]
    share = max(beam // bounds.shape[1], 1)
    return np.unique(np.concatenate([np.argsort(-bounds[:, j], kind="stable")[:share]
                                     for j in range(bounds.shape[1])]))


def _hopeful(sums, rest, model: _Model, stair: _Staircase) -> np.ndarray:
    """Rows (partial sums and the most each column can still add) that may reach a vector the staircase
    still leaves worth reaching."""
    signs, k = model.signs, model.k
    weighted = model.weighted_bounds(sums, rest)
    low, up = np.where(signs > 0, 0, -model.top), np.where(signs > 0, model.top, 0)
    box = np.clip(weighted[:, :k], low, up)
    if model.floored is not None:  # completions clipped in the focus column: there at -top, the others at most box
        corner = box.copy()
        corner[:, model.floored] = -model.top[model.floored]
        weighted[:, k:] = np.maximum(weighted[:, k:], corner @ model.weights[k:].T)
    return stair.alive(weighted, box, model.weights)


def _merge(sums, alive, counts, firsts, rest, model: _Model, signs):
    """Equal (alive rectangles, sums) rows merged (counts added, C-order-first kept); then a row dropped when
    another with the same alive rectangles is at least as good for both parties and it cannot reach a clip
    (then each completion of it is strictly dominated by the same completion of the other)."""
    if len(sums) == 0:
        return sums, alive, counts, firsts, rest
    code = _distinct_rows(alive)[1]
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
    shifted = g[:, 1] - g[:, 1].min() + code * span
    best = np.maximum.accumulate(shifted)
    beaten = np.append(False, best[:-1] >= shifted[1:])
    keep = ~(beaten & safe)
    return sums[keep], alive[keep], counts[keep], firsts[keep], rest[keep]


def _distinct_rows(alive: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of a boolean matrix and, per row, the index of its distinct row."""
    if alive.shape[1] == 0:
        return alive[:min(len(alive), 1)], np.zeros(len(alive), dtype=np.int64)
    packed = np.ascontiguousarray(np.packbits(alive, axis=1))
    keys = packed.view(np.dtype((np.void, packed.shape[1]))).ravel()
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    return alive[first], inverse.reshape(-1)
