"""The additive merge with a focus column keeps every frontier point largest in that column (the worst-deal
search), without or with hard constraints."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.analysis.additive_frontier import additive_frontier
from tests.analysis.reference import worst_search
from tests.generators import scenarios

_SOME = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SOME
@given(scenarios(), st.data())
def test_focus_keeps_the_points_largest_in_that_column(scenario, data):
    focus = data.draw(st.integers(0, len(scenario.parties) - 1))
    signs, expected = worst_search(scenario, focus)
    got = additive_frontier(scenario, signs, focus).points
    np.testing.assert_array_equal(got[got[:, focus] == got[:, focus].max()], expected)
