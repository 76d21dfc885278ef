"""The Lagrangian bounds of the staircase search are valid: after any number of issues, for every partial
outcome, each column's bound is at least the most any completion adds to it (brute force over completions)."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.analysis.rectangle_lagrangian import Shares
from tests.analysis.reference import most_added
from tests.analysis.test_rectangle_staircase import searched_model
from tests.generators import rectangle_scenarios


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rectangle_scenarios(), st.sampled_from([None, 0, 1]), st.sampled_from([0, 3, 300]))
def test_every_column_bound_covers_every_completion(scenario, focus, steps):
    model, outcomes = searched_model(scenario, focus)
    shares = Shares(model, steps)
    for depth in range(model.n + 1):
        alive, most = most_added(model, outcomes, depth)
        bound = shares.rest(alive.astype(np.float32), depth)
        assert (bound >= most - 1e-9).all()
