"""The robust deal's tie-breaks, computed for the tied outcomes only: the sums of a brute-force loop over the
rebuilt scenarios, in an order that does not depend on how many outcomes are gathered at once."""

from __future__ import annotations

import numpy as np
import pytest

from accord.analysis import analyze
from accord.robust import robust, scenario_at
from accord.robust import tiebreak
from accord.robust.utility_model import prepared
from accord.robust.distributions import draw
from tests.robust.scenarios import wide, zero_width


def test_the_sums_are_those_of_the_rebuilt_scenarios():
    s = wide()
    draws = draw(s.uncertainty, 5, range(70))
    positions = np.arange(prepared(s).space.size)
    nash, total = tiebreak.expected_sums(prepared(s), draws, positions)
    expected_nash, expected_total = np.zeros(positions.size), np.zeros(positions.size)
    for row in draws:
        a = analyze(scenario_at(s, row))
        d = np.round(a.scenario.reservations, 10)
        rational = (a.utilities >= d).all(axis=1)
        expected_nash += np.where(rational, np.prod(a.utilities - d, axis=1), 0.0)
        expected_total += a.utilities.sum(axis=1)
    assert nash == pytest.approx(expected_nash, rel=1e-12, abs=1e-12)
    assert total == pytest.approx(expected_total, rel=1e-12)
    assert (nash > 0).any()


def test_the_sums_do_not_depend_on_how_many_outcomes_are_gathered_at_once(monkeypatch):
    s = wide()
    draws = draw(s.uncertainty, 2, range(90))
    positions = np.arange(prepared(s).space.size)
    whole = tiebreak.expected_sums(prepared(s), draws, positions)
    monkeypatch.setattr(tiebreak, "POSITIONS_AT_ONCE", 5)
    parts = tiebreak.expected_sums(prepared(s), draws, positions)
    assert np.array_equal(whole[0], parts[0]) and np.array_equal(whole[1], parts[1])


def test_ties_go_to_the_larger_expected_nash_product():
    """At zero width every rational package is rational and ratified in every sample, so all tie; the robust
    deal is then the one with the largest Nash product, the analysis's own Nash deal."""
    s = zero_width()
    result = robust(s, samples=20, seed=1)
    a = analyze(s)
    assert result.robust_position == a.solutions["nash"].position
    assert result.expected_nash_product == pytest.approx(
        np.prod(a.utilities[a.solutions["nash"].position] - np.round(a.scenario.reservations, 10)))
