"""Monotonic concession with the Zeuthen strategy ends at the Nash point (Harsanyi 1956), for two parties and more."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from accord.analysis import analyze
from accord.protocols.common import SessionConfig
from accord.protocols.zeuthen import run_multilateral
from accord.simulate import prepare, run_session
from tests.generators import scenarios
from tests.simulate.scenarios import line, pie, three_party


def test_pie_ends_at_two_thirds():
    result = run_session(pie(), protocol="zeuthen", rounds=10_000, discounting=False)
    assert result.agreement
    assert result.outcome["x"] == pytest.approx(2 / 3, abs=1e-12)
    assert result.nash_distance == pytest.approx(0.0, abs=1e-12)


def reference_zeuthen(utilities: np.ndarray, reservations: np.ndarray) -> tuple[float, float] | None:
    """Zeuthen's process from the definitions, with risk limits computed directly (slow and obvious)."""
    points = sorted({tuple(row) for row in utilities.tolist() if row[0] >= reservations[0] and row[1] >= reservations[1]})
    frontier = [p for p in points if not any(q != p and q[0] >= p[0] and q[1] >= p[1] for q in points)]
    if not frontier:
        return None
    frontier.sort(key=lambda p: -p[0])

    def risk(i, own, other):
        return (own[i] - other[i]) / (own[i] - reservations[i])

    a, b = frontier[0], frontier[-1]
    while True:
        if b[0] >= a[0] or a[1] >= b[1]:
            take_a = b[0] >= a[0] and (a[1] < b[1] or
                                        (b[0] - reservations[0]) * (b[1] - reservations[1]) >=
                                        (a[0] - reservations[0]) * (a[1] - reservations[1]))
            return b if take_a else a
        ra, rb = risk(0, a, b), risk(1, b, a)
        new_a, new_b = a, b
        if ra <= rb:  # a concedes just enough that b must concede next: b's risk against it below a's
            options = [p for p in frontier if p[1] > a[1] and p[1] <= b[1]]
            good = [p for p in options if risk(1, b, p) < risk(0, p, b)]
            new_a = max(good, key=lambda p: p[0]) if good else b
        if rb <= ra:
            options = [p for p in frontier if p[0] > b[0] and p[0] <= a[0]]
            good = [p for p in options if risk(0, a, p) < risk(1, p, a)]
            new_b = max(good, key=lambda p: p[1]) if good else a
        a, b = new_a, new_b


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(max_parties=2))
def test_ends_at_the_nash_point_and_matches_the_reference(scenario):
    prepared = prepare(scenario)
    result = run_session(prepared, protocol="zeuthen", rounds=100_000, discounting=False)
    expected = reference_zeuthen(prepared.utilities, np.asarray(prepared.reservations))
    if expected is None:
        assert not result.agreement and result.ended_by == "no-zone"
        return
    assert result.agreement
    assert result.utilities == pytest.approx(expected, abs=1e-12)
    nash = analyze(scenario).solutions["nash"]
    gains = np.asarray(result.utilities) - prepared.reservations
    best = np.asarray(nash.utilities) - prepared.reservations
    assert gains.prod() == pytest.approx(best.prod(), abs=1e-12)


def test_concessions_are_monotonic_and_parties_alternate_by_risk():
    result = run_session(line(steps=40), protocol="zeuthen", rounds=1000, discounting=False)
    mine = [row["utilities"][1] for row in result.trace if row["party"] == "A" and row["action"] != "accept"]
    assert mine == sorted(mine)  # every concession by A gives B more
    assert result.outcome["x"] == 20


def test_zeuthen_takes_no_other_strategies():
    from accord.errors import OptionError

    with pytest.raises(OptionError, match="plays the zeuthen strategy for every party"):
        run_session(line(), ["boulware", "conceder"], protocol="zeuthen")
    assert run_session(line(), ["zeuthen", "zeuthen"], protocol="zeuthen").agreement


def test_three_parties_concede_in_turn_to_the_nash_point():
    result = run_session(three_party(), protocol="zeuthen", discounting=False)
    moves = [(row["round"], row["party"], row["action"], tuple(row["utilities"])) for row in result.trace]
    assert moves == [
        (0, "P", "offer", (0.8, 0.5, 0.3)),  # P's best is already the Nash point
        (0, "Q", "offer", (0.4, 0.8333333333, 0.1)),
        (0, "R", "offer", (0.6, 0.25, 1.0)),
        (1, "Q", "concede", (0.6, 0.6666666667, 0.2)),  # Q's offer had the smallest Nash product
        (2, "R", "concede", (0.4, 0.4166666667, 0.9)),
        (3, "Q", "concede", (0.8, 0.5, 0.3)),
        (4, "R", "concede", (0.8, 0.5, 0.3)),  # nothing beats the others' offers: R takes the Nash point
        (4, "Q", "accept", (0.8, 0.5, 0.3)),
        (4, "R", "accept", (0.8, 0.5, 0.3)),
    ]
    assert result.agreement and result.utilities == analyze(three_party()).solutions["nash"].utilities


def reference_multilateral(utilities: np.ndarray, reservations: np.ndarray, nash: tuple[float, ...]):
    """The multilateral process from its definition, with points ranked by a Python sort key (slow and obvious).
    Returns the agreed utilities and each party's successive offers."""
    n = utilities.shape[1]
    rational = {tuple(row) for row in utilities.tolist() if all(row[k] >= reservations[k] for k in range(n))}
    front = [p for p in rational if not any(q != p and all(a >= b for a, b in zip(q, p)) for q in rational)]
    if not front:
        return None, []

    def key(p):
        return (p == nash, float(np.prod([p[k] - reservations[k] for k in range(n)])), sum(p), p)

    ranked = sorted(front, key=key)
    rank = {p: r for r, p in enumerate(ranked)}

    def best_for(k, above):
        candidates = [p for p in ranked if rank[p] > above] or [nash]
        return max(candidates, key=lambda p: (p[k], rank[p]))

    offers = [best_for(k, -1) for k in range(n)]
    history = [[o] for o in offers]
    while True:
        for offer in offers:
            if all(offer[k] >= offers[k][k] for k in range(n)):
                return offer, history
        low = min(rank[o] for o in offers)
        new = list(offers)
        for k in range(n):
            if rank[offers[k]] == low:
                new[k] = best_for(k, min(rank[o] for j, o in enumerate(offers) if j != k))
                history[k].append(new[k])
        offers = new


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(scenarios(max_parties=4).filter(lambda s: len(s.parties) >= 3))
def test_more_parties_end_at_the_nash_point_of_the_analysis(scenario):
    prepared = prepare(scenario)
    result = run_session(prepared, protocol="zeuthen", rounds=100_000, discounting=False)
    nash = analyze(scenario).solutions["nash"]
    if nash is None:
        assert not result.agreement and result.ended_by == "no-zone"
        return
    assert result.agreement
    assert result.utilities == pytest.approx(nash.utilities, abs=1e-12)
    expected, history = reference_multilateral(prepared.utilities, np.asarray(prepared.reservations),
                                               tuple(prepared.utilities[prepared.nash].tolist()))
    assert result.utilities == pytest.approx(expected, abs=1e-12)
    for k, party in enumerate(scenario.party_names):  # the same offers, and each party's own utility never rises
        mine = [tuple(row["utilities"]) for row in result.trace if row["party"] == party and row["action"] != "accept"]
        assert mine == history[k]
        assert [u[k] for u in mine] == sorted((u[k] for u in mine), reverse=True)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(max_parties=2))
def test_the_multilateral_rule_on_two_parties_also_ends_at_the_nash_point(scenario):
    prepared = prepare(scenario)
    run = run_multilateral(prepared, SessionConfig(rounds=None, keep_trace=False))
    if prepared.nash is None:
        assert run.ended_by == "no-zone"
        return
    assert run.ended_by == "agreement"
    assert prepared.utilities[run.position] == pytest.approx(prepared.utilities[prepared.nash], abs=1e-12)
