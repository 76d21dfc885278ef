"""Exact frontier of hyper-rectangle (GENIUS 2014) scenarios with integer utilities, by dynamic programming over
the issues (the fast path of method ``branch-and-bound``).

The issues are taken one at a time (order: ``issue_order``). After some issues, a rectangle bounded both by a
taken issue and by one still to come is *open*; which open rectangles are still alive is the *state*, and every
partial outcome with the same state has the same completions. Each value class of the next issue (values that
leave the same rectangles alive) moves a state to one state and adds an integer gain vector: an inclusive
rectangle earns when its last bounding issue is taken and it is still alive, an exclusive one when it dies, so
every gain is added once. Per state the search keeps the distinct partial sums (exact integers), how many
partial outcomes reach each (Python ints once they may pass 2⁶²) and the C-order-first of them, and drops a sum
that another sum of the same state dominates: a completion of the dominated one is then dominated too.

The clip to [0, maxutility] is the one subtlety. A partial sum sure to end clipped is set to the state's
canonical clipped value, so such sums merge. A dominated sum can still end *equal* to its dominator when both
end clipped in every column where they differ; then the frontier vector is right but its count and first
outcome may miss the dropped sum's outcomes. So each frontier vector with a column that can be clipped is
counted again by a second pass that only drops a sum dominated strictly in the columns not clipped there and
keeps only sums that can still reach one of those vectors.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from accord.analysis.exact_frontier import ExactFrontier, frontier_of
from accord.analysis.pareto import pareto_mask
from accord.analysis.rectangle_frontier import Rectangles
from accord.analysis.solutions import DECIMALS
from accord.model import RectangleSum, Scenario

_EXACT_INTEGERS = 2 ** 52
_SMALL_COUNTS = 2 ** 62


def programme_applies(scenario: Scenario) -> bool:
    """Whether every rectangle utility is an integer (sums are then exact in any order, as enumeration's are)."""
    utilities = [r.utility for p in scenario.parties if isinstance(p.utility, RectangleSum)
                 for r in p.utility.rectangles]
    return all(float(u).is_integer() for u in utilities) and sum(abs(u) for u in utilities) < _EXACT_INTEGERS


def issue_order(scenario: Scenario) -> np.ndarray:
    """Issues in an order that keeps few rectangles open: repeatedly the issue leaving the fewest open
    rectangles after it (then the one closing most, then the first)."""
    spans = [frozenset(position for position, _, _ in r.bounds)
             for p in scenario.parties for r in p.utility.rectangles]
    spans = [s for s in spans if len(s) > 1]
    left, order = set(range(len(scenario.issues))), []
    taken: set[int] = set()
    while left:
        def cost(issue: int) -> tuple[int, int, int]:
            now = taken | {issue}
            still_open = sum(1 for s in spans if s & now and not s <= now)
            closing = sum(1 for s in spans if issue in s and s <= now)
            return still_open, -closing, issue
        best = min(left, key=cost)
        order.append(best)
        taken.add(best)
        left.remove(best)
    return np.array(order, dtype=np.int64)


@dataclass(frozen=True)
class _Level:
    """One issue of the search: the open rectangles before it, those bounding it (its value classes as rows of
    which of them each class lies in, with sizes and smallest value index), and the open ones after it."""

    position: int
    issue: int
    before: np.ndarray
    bounding: np.ndarray
    patterns: np.ndarray
    sizes: np.ndarray
    values: np.ndarray
    after: np.ndarray


@dataclass(frozen=True)
class _Entries:
    """Partial sums: state index, integer sum per party, outcome count, C-order-first outcome (as limbs)."""

    state: np.ndarray
    sums: np.ndarray
    counts: np.ndarray
    firsts: np.ndarray

    def take(self, rows) -> _Entries:
        return _Entries(self.state[rows], self.sums[rows], self.counts[rows], self.firsts[rows])


class _Programme:
    """The plan of the search over one scenario and its passes."""

    def __init__(self, scenario: Scenario, signs: np.ndarray) -> None:
        self.order = issue_order(scenario)
        model = self.model = Rectangles.of(scenario, self.order)
        self.signs = signs.astype(np.int64)
        self.k = len(scenario.parties)
        self.normalizer = model.normalizer
        self.top = np.ceil(model.normalizer).astype(np.int64)
        self.utility = np.round(model.utility).astype(np.int64)
        n_rect = len(model.exclusive)
        bounded = [set(model.bounding[s].tolist()) for s in range(len(model.sizes))]
        self.first = np.array([min((s for s in range(len(bounded)) if r in bounded[s]), default=-1)
                               for r in range(n_rect)], dtype=np.int64)
        self.levels = [self._level(s) for s in range(len(model.sizes))]
        constant = (model.last < 0) & ~model.exclusive
        self.base = constant.astype(np.int64) @ self.utility
        self._limbs(scenario)
        low, high = self._span(np.zeros((1, 0), dtype=bool), -1)
        self.may_clip_top = self.base + high[0] > model.normalizer
        self.may_clip_bottom = self.base + low[0] < 0

    def _level(self, s: int) -> _Level:
        model, first, last = self.model, self.first, self.model.last
        bounding = model.bounding[s]
        if bounding.size:
            table = model.inside[s][:, bounding]
            patterns, firsts, inverse = np.unique(table, axis=0, return_index=True, return_inverse=True)
            sizes = np.bincount(inverse.reshape(-1), minlength=len(patterns))
        else:
            patterns, firsts = np.ones((1, 0), dtype=bool), np.zeros(1, dtype=np.int64)
            sizes = np.array([model.sizes[s]])
        ids = np.arange(len(first))
        return _Level(s, int(self.order[s]), ids[(first >= 0) & (first < s) & (last >= s)], bounding,
                      patterns, sizes.astype(np.int64), firsts.astype(np.int64),
                      ids[(first >= 0) & (first <= s) & (last > s)])

    def _limbs(self, scenario: Scenario) -> None:
        """C-order positions as a few int64 limbs (most significant first): issue -> (limb, stride in it)."""
        sizes = [issue.size for issue in scenario.issues]
        limb_of, stride, limb, product = [0] * len(sizes), [0] * len(sizes), 0, 1
        for i in reversed(range(len(sizes))):
            if product * sizes[i] > _SMALL_COUNTS and product > 1:
                limb, product = limb + 1, 1
            limb_of[i], stride[i] = limb, product
            product *= sizes[i]
        n_limbs = limb + 1
        self.limb_of = [n_limbs - 1 - limb_of[i] for i in range(len(sizes))]
        self.stride = stride
        self.n_limbs = n_limbs
        self.sizes = sizes

    def value_indices(self, limbs: np.ndarray) -> np.ndarray:
        """Value index per issue (issue order) of outcomes given as limbs."""
        out = np.zeros((len(limbs), len(self.sizes)), dtype=np.int64)
        for i, size in enumerate(self.sizes):
            out[:, i] = (limbs[:, self.limb_of[i]] // self.stride[i]) % size
        return out

    def _span(self, alive: np.ndarray, s: int) -> tuple[np.ndarray, np.ndarray]:
        """Least and most (integers) the rectangles still undecided after search position ``s`` can add, per state
        (rows of ``alive``, over the open rectangles after ``s``)."""
        n_rect = len(self.first)
        undecided = np.zeros((len(alive), n_rect), dtype=bool)
        undecided[:, self.first > s] = True
        if s >= 0:
            undecided[:, self.levels[s].after] = alive
        low, high = self.model.span(undecided, s + 1)
        return np.round(low).astype(np.int64), np.round(high).astype(np.int64)

    def run(self, prune, targets: np.ndarray | None = None) -> _Entries:
        """One pass: the final partial sums (clipped to [0, top]); ``prune(g, state)`` marks the dominated
        rows of the signed, grouped sums; with ``targets`` only sums that can still reach one are kept."""
        alive = np.zeros((1, 0), dtype=bool)
        entries = _Entries(np.zeros(1, dtype=np.int64), self.base[None, :].copy(), np.ones(1, dtype=np.int64),
                           np.zeros((1, self.n_limbs), dtype=np.int64))
        product = 1
        for level in self.levels:
            product *= int(level.sizes.sum())
            alive, entries = self._step(level, alive, entries, product > _SMALL_COUNTS)
            low, high = self._span(alive, level.position)
            lo, hi = low[entries.state], high[entries.state]
            sums = np.minimum(np.maximum(entries.sums, -hi), self.top - lo)
            entries = _Entries(entries.state, sums, entries.counts, entries.firsts)
            if targets is not None:
                entries = entries.take(_can_reach(sums, lo, hi, self.top, targets))
            entries = self._group(entries, prune)
        return entries

    def _step(self, level: _Level, alive: np.ndarray, entries: _Entries, big: bool) -> tuple[np.ndarray, _Entries]:
        n_states, n_classes = len(alive), len(level.patterns)
        bounding, before = level.bounding, level.before
        where = np.searchsorted(before, bounding)
        started = np.isin(bounding, before)
        previous = np.ones((n_states, len(bounding)), dtype=bool)
        previous[:, started] = alive[:, where[started]]
        now = previous[:, None, :] & level.patterns[None, :, :]
        exclusive = self.model.exclusive[bounding]
        ends = (self.model.last[bounding] == level.position) & ~exclusive
        earned = (now & ends) | (previous[:, None, :] & ~now & exclusive)
        gain = earned.reshape(n_states * n_classes, len(bounding)).astype(np.int64) @ self.utility[bounding]
        columns = np.union1d(before, bounding)
        merged = np.zeros((n_states, n_classes, len(columns)), dtype=bool)
        merged[:, :, np.searchsorted(columns, before)] = alive[:, None, :]
        merged[:, :, np.searchsorted(columns, bounding)] = now
        after = merged[:, :, np.searchsorted(columns, level.after)].reshape(n_states * n_classes, -1)
        states, ids = _unique_rows(after)
        ids = ids.reshape(n_states, n_classes)
        m = len(entries.state)
        state = ids[entries.state].reshape(-1)
        sums = (entries.sums[:, None, :] + gain.reshape(n_states, n_classes, -1)[entries.state]).reshape(m * n_classes, -1)
        counts = entries.counts.astype(object) if big and entries.counts.dtype != object else entries.counts
        counts = (counts[:, None] * level.sizes[None, :].astype(counts.dtype)).reshape(-1)
        firsts = np.repeat(entries.firsts, n_classes, axis=0)
        firsts[:, self.limb_of[level.issue]] += np.tile(level.values, m) * self.stride[level.issue]
        return states, _Entries(state, sums, counts, firsts)

    def _group(self, entries: _Entries, prune) -> _Entries:
        """Equal (state, sum) rows merged (counts added, first outcome kept), then the dominated ones dropped;
        rows come out sorted by state, then signed sums descending."""
        g = entries.sums * self.signs
        keys = tuple(entries.firsts[:, j] for j in reversed(range(self.n_limbs)))
        keys += tuple(-g[:, j] for j in reversed(range(self.k))) + (entries.state,)
        order = np.lexsort(keys)
        entries, g = entries.take(order), g[order]
        new = np.ones(len(g), dtype=bool)
        new[1:] = (entries.state[1:] != entries.state[:-1]) | (g[1:] != g[:-1]).any(axis=1)
        starts = np.flatnonzero(new)
        counts = np.add.reduceat(entries.counts, starts) if len(starts) else entries.counts
        entries = _Entries(entries.state[starts], entries.sums[starts], counts, entries.firsts[starts])
        return entries.take(~prune(g[starts], entries.state))

    def final_vectors(self, sums: np.ndarray) -> np.ndarray:
        """Rounded utilities of final (clipped) sums, computed as enumeration does, times the signs."""
        return np.round(np.clip(sums / self.normalizer, 0.0, 1.0), DECIMALS) * self.signs + 0.0

    def clipped_columns(self, sums: np.ndarray) -> np.ndarray:
        """For final sums, the columns where a dominated partial sum may have ended equal (clipped)."""
        return ((sums >= self.top) & self.may_clip_top) | ((sums <= 0) & self.may_clip_bottom)


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
    shifted = other - other.min() + state.astype(np.int64) * span
    best = np.maximum.accumulate(shifted)
    previous = np.append(np.int64(-1), best[:-1])
    beaten = previous >= shifted if equal_counts else previous > shifted
    out = np.zeros(len(order), dtype=bool)
    out[order] = beaten
    return out


def _can_reach(sums: np.ndarray, lo: np.ndarray, hi: np.ndarray, top: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Rows whose final clipped sums may still equal one of ``targets`` (clipped sums)."""
    least = np.clip(sums + lo, 0, top)
    most = np.clip(sums + hi, 0, top)
    out = np.zeros(len(sums), dtype=bool)
    for target in targets:
        out |= ((least <= target) & (target <= most)).all(axis=1)
    return out


def _unique_rows(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows of a boolean matrix and, per row, the index of its distinct row."""
    if rows.shape[1] == 0:
        return rows[:1], np.zeros(len(rows), dtype=np.int64)
    packed = np.packbits(rows, axis=1)
    keys = np.ascontiguousarray(packed).view(np.dtype((np.void, packed.shape[1]))).ravel()
    _, index, inverse = np.unique(keys, return_index=True, return_inverse=True)
    return rows[index], inverse.reshape(-1)


def rectangle_programme(scenario: Scenario, signs: np.ndarray | None = None, focus: int | None = None) -> ExactFrontier:
    """The exact frontier of ``scenario`` (integer rectangle utilities, no constraints); with ``signs`` the
    frontier of the utilities times ``signs``; with ``focus`` only its points largest in that column."""
    k = len(scenario.parties)
    signs = np.ones(k) if signs is None else np.asarray(signs, dtype=float)
    programme = _Programme(scenario, signs)
    final = programme.run(dominated)
    vectors = programme.final_vectors(final.sums)
    front = pareto_mask(vectors)
    final, vectors = final.take(front), vectors[front]
    if focus is not None:
        top = vectors[:, focus] == vectors[:, focus].max()
        final, vectors = final.take(top), vectors[top]
    counts, firsts = list(final.counts), final.firsts.copy()
    clipped = programme.clipped_columns(final.sums)
    for pattern in {tuple(row) for row in clipped if row.any()}:
        rows = np.flatnonzero((clipped == np.array(pattern)).all(axis=1))
        loose = frozenset(int(j) for j in np.flatnonzero(pattern))
        again = programme.run(lambda g, state: dominated(g, state, loose), final.sums[rows])
        for row in rows:
            hit = (again.sums == final.sums[row]).all(axis=1)
            counts[row] = sum(again.counts[hit])
            firsts[row] = min(tuple(f) for f in again.firsts[hit])
    return frontier_of(vectors, [int(c) for c in counts], programme.value_indices(firsts))
