"""Monotonic concession with the Zeuthen strategy ends at the Nash point (Harsanyi 1956)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from accord.analysis import analyze
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


def test_zeuthen_is_bilateral_and_takes_no_other_strategies():
    from accord.errors import OptionError

    with pytest.raises(OptionError, match="bilateral"):
        run_session(three_party(), protocol="zeuthen")
    with pytest.raises(OptionError, match="Zeuthen strategy"):
        run_session(line(), ["boulware", "conceder"], protocol="zeuthen")
    assert run_session(line(), ["zeuthen", "zeuthen"], protocol="zeuthen").agreement
