import numpy as np
from hypothesis import given, settings

from accord.model import LinearAdditive
from accord.space import OutcomeSpace, utility_matrix
from tests.generators import scenarios


def one_at_a_time(scenario, outcome: dict) -> list[float]:
    """Plain evaluation of one outcome, written independently of the vectorised code."""
    values = []
    for party in scenario.parties:
        utility: LinearAdditive = party.utility
        total = 0.0
        for issue, weight, function in zip(scenario.issues, utility.weights, utility.functions):
            index = issue.values.index(outcome[issue.name])
            total += weight * float(function.evaluate(issue)[index])
        values.append(min(1.0, total))
    return values


@given(scenarios())
@settings(max_examples=80, deadline=None)
def test_vectorised_utilities_equal_one_at_a_time(scenario):
    space = OutcomeSpace(scenario.issues, scenario.constraints)
    matrix = utility_matrix(scenario, space)
    assert matrix.shape == (space.size, len(scenario.parties))
    for position in range(space.size):
        expected = one_at_a_time(scenario, space.outcome(position))
        assert np.allclose(matrix[position], expected, atol=1e-12, rtol=0)


@given(scenarios())
@settings(max_examples=40, deadline=None)
def test_position_round_trip(scenario):
    space = OutcomeSpace(scenario.issues, scenario.constraints)
    for position in range(space.size):
        assert space.position_of(space.outcome(position)) == position
    if scenario.constraints:
        forbidden = {scenario.issues[0].name: scenario.issues[0].values[0]}
        for position in range(space.size):
            assert space.outcome(position)[scenario.issues[0].name] != forbidden[scenario.issues[0].name]
