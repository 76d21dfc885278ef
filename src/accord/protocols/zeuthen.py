"""Monotonic concession with the Zeuthen strategy (bilateral; Zeuthen 1930, Harsanyi 1956).

Each party opens with its best rational Pareto outcome. Every round, a party accepts when the other's offer is
worth at least its own; otherwise each party's *risk limit* ``(uᵢ(own) − uᵢ(other's)) / (uᵢ(own) − dᵢ)`` is
compared and the party with the smaller one concedes (both on a tie). A Zeuthen concession is the smallest one
that makes the other party the one to concede next — equivalently, since ``riskₐ ≤ risk_b`` exactly when the Nash
product of a's offer is at most that of b's, the conceder moves to the Pareto outcome best for itself whose Nash
product exceeds that of the other's offer (or accepts the other's offer when none does). Offers only move towards
the Nash point and never past it, so the process ends at the Nash point.

Zeuthen's model assumes complete information: this protocol computes each party's Zeuthen move from both utility
columns, which is why it runs its own concession rule rather than registry strategies.
"""

from __future__ import annotations

from time import perf_counter

import numpy as np

from accord.errors import OptionError
from accord.protocols.common import Run, SessionConfig


def rational_frontier(utilities: np.ndarray, reservations: np.ndarray) -> np.ndarray:
    """Positions of the distinct rational Pareto points (lowest position per point), by decreasing u₀."""
    rational = np.flatnonzero((utilities >= reservations).all(axis=1))
    if rational.size == 0:
        return rational
    points = utilities[rational]
    order = np.lexsort((rational, -points[:, 1], -points[:, 0]))
    second = points[order, 1]
    best_before = np.maximum.accumulate(np.concatenate(([-np.inf], second[:-1])))
    return rational[order[second > best_before]]


def zeuthen_concession(products: np.ndarray, own: int, other: int, step: int) -> int:
    """Index (into the frontier) of a Zeuthen concession from ``own`` towards ``other`` (``step`` = +1 or −1):
    the first index past ``own`` whose Nash product beats the other's offer, or ``other`` when none does."""
    target = products[other]
    lo, hi = (own + 1, other + 1) if step > 0 else (other, own)
    window = products[lo:hi]
    better = np.flatnonzero(window > target)
    if better.size == 0:
        return other
    return int(lo + (better[0] if step > 0 else better[-1]))


def run_zeuthen(strategies, prepared, config: SessionConfig, positions: list[int], proposers: list[int],
                mediator_seed: int) -> Run:
    """Run monotonic concession with both parties playing the Zeuthen strategy."""
    if prepared.n_parties != 2:
        raise OptionError(f"the zeuthen protocol is bilateral; the scenario has {prepared.n_parties} parties",
                          source="--protocol", fix="use --protocol sao or single-text")
    start = perf_counter()
    run = Run()
    utilities = prepared.utilities
    reservations = np.asarray(prepared.reservations)
    frontier = rational_frontier(utilities, reservations)
    if frontier.size == 0:
        run.ended_by = "no-zone"
        return run
    gains = utilities[frontier] - reservations
    products = gains[:, 0] * gains[:, 1]
    u = utilities[frontier]
    index = [0, frontier.size - 1]  # party 0 starts at its best, party 1 at its best
    limit = config.rounds or 10**9
    trace = run.trace
    keep = config.keep_trace
    for party in (0, 1):
        positions.append(int(frontier[index[party]]))
        proposers.append(party)
        if keep:
            trace.append((0, party, "offer", int(frontier[index[party]]), 0.0))
    rnd = 0
    while True:
        time = min(1.0, rnd / limit)
        a, b = index
        accepts = [u[b, 0] >= u[a, 0], u[a, 1] >= u[b, 1]]
        if accepts[0] or accepts[1]:
            taker = 0 if accepts[0] and (not accepts[1] or products[b] >= products[a]) else 1
            agreed = index[1 - taker]
            run.position = int(frontier[agreed])
            run.ended_by = "agreement"
            if keep:
                trace.append((rnd, taker, "accept", run.position, time))
            break
        rnd += 1
        if rnd >= limit:
            run.ended_by = "deadline"
            break
        time = min(1.0, rnd / limit)
        concede = [products[a] <= products[b], products[b] <= products[a]]
        new = list(index)
        if concede[0]:
            new[0] = zeuthen_concession(products, a, b, +1)
        if concede[1]:
            new[1] = zeuthen_concession(products, b, a, -1)
        for party in (0, 1):
            if new[party] != index[party]:
                positions.append(int(frontier[new[party]]))
                proposers.append(party)
                if keep:
                    trace.append((rnd, party, "concede", int(frontier[new[party]]), time))
        index = new
    run.steps = len(trace)
    run.rounds = rnd + 1
    run.time = min(1.0, rnd / limit)
    run.elapsed = perf_counter() - start
    return run
