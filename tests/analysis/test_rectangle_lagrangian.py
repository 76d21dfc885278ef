"""The Lagrangian bounds of the staircase search are valid: after any number of issues, for every partial
outcome, each column's bound is at least the most any completion adds to it (brute force over completions)."""

import itertools

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.analysis.rectangle_lagrangian import Shares
from accord.analysis.rectangle_staircase import TRACKED, _Model
from tests.analysis.reference import most_added
from tests.analysis.test_rectangle_staircase import _inclusive_two_parties
from tests.generators import rectangle_scenarios


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rectangle_scenarios(), st.sampled_from([None, 0, 1]), st.sampled_from([0, 3, 300]))
def test_every_column_bound_covers_every_completion(scenario, focus, steps):
    scenario = _inclusive_two_parties(scenario)
    signs = np.ones(2, dtype=np.int64)
    if focus is not None:
        signs[focus] = -1
    model = _Model(scenario, signs, TRACKED, focus)
    shares = Shares(model, steps)
    outcomes = np.array(list(itertools.product(*(range(size) for size in model.r.sizes))))
    for depth in range(model.n + 1):
        alive, most = most_added(model, outcomes, depth)
        bound = shares.rest(alive.astype(np.float32), depth)
        assert (bound >= most - 1e-9).all()
