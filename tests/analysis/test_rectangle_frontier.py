"""The batched branch and bound gives enumeration's frontier, and with a focus column exactly the frontier points
largest in that column (the worst-deal search)."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.analysis.analyze import rounded_utilities
from accord.analysis.pareto import pareto_mask
from accord.analysis.rectangle_frontier import rectangle_frontier
from tests.analysis.reference import signed_frontier, worst_search
from tests.generators import rectangle_scenarios

_SOME = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SOME
@given(rectangle_scenarios())
def test_frontier_equals_enumeration(scenario):
    got = rectangle_frontier(scenario)
    np.testing.assert_array_equal(got.points, signed_frontier(scenario, np.ones(len(scenario.parties))))
    assert got.n_outcomes == int(pareto_mask(rounded_utilities(scenario)).sum())


@_SOME
@given(rectangle_scenarios(), st.data())
def test_focus_keeps_only_the_points_largest_in_that_column(scenario, data):
    focus = data.draw(st.integers(0, len(scenario.parties) - 1))
    signs, expected = worst_search(scenario, focus)
    np.testing.assert_array_equal(rectangle_frontier(scenario, signs, focus).points, expected)
