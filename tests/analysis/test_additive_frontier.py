"""The additive merge with a focus column keeps every frontier point largest in that column (the worst-deal
search), without or with hard constraints."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.analysis.additive_frontier import additive_frontier
from accord.analysis.analyze import rounded_utilities
from accord.analysis.pareto import pareto_mask
from tests.generators import scenarios

_SOME = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SOME
@given(scenarios(), st.data())
def test_focus_keeps_the_points_largest_in_that_column(scenario, data):
    k = len(scenario.parties)
    focus = data.draw(st.integers(0, k - 1))
    signs = np.ones(k)
    signs[focus] = -1.0
    signed = rounded_utilities(scenario) * signs + 0.0
    front = np.unique(signed[pareto_mask(signed)], axis=0)
    wanted = front[front[:, focus] == front[:, focus].max()]
    got = additive_frontier(scenario, signs, focus).points
    top = got[got[:, focus] == got[:, focus].max()]
    np.testing.assert_array_equal(top, wanted)
