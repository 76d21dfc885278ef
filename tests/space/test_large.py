"""Numbering a space without enumerating it: the same positions and feasibility as the enumerated space."""

import numpy as np
from hypothesis import HealthCheck, given, settings

from accord.space import OutcomeSpace
from accord.space.large import LargeSpace
from tests.generators import constrained_scenarios


@given(constrained_scenarios())
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_positions_values_and_feasibility_match_the_enumerated_space(scenario):
    large = LargeSpace(scenario.issues, scenario.constraints)
    full = OutcomeSpace(scenario.issues)
    every = np.arange(full.size)
    values = full.value_indices(every)
    assert large.cartesian_size == full.size
    assert np.array_equal(large.value_indices(every), values)
    assert [large.position(v) for v in values] == list(every)
    enumerated = OutcomeSpace(scenario.issues, scenario.constraints)
    assert np.array_equal(np.flatnonzero(large.feasible(values)), enumerated.flat(np.arange(enumerated.size)))
    for position in enumerated.flat(np.arange(min(enumerated.size, 5))):
        outcome = large.outcome(int(position))
        assert large.position_of(outcome) == position


def test_positions_beyond_64_bits_round_trip():
    from accord.io.load import load

    scenario = load("genius-large/30issues")
    large = LargeSpace(scenario.issues)
    position = 10**30 - 12345
    assert large.position(large.values(position)) == position
    assert large.position_of(large.outcome(position)) == position
