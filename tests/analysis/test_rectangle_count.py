"""The rational count over rectangle states equals counting the enumerated outcomes, on integer utilities (merged
states) and fractional ones (the depth-first fallback)."""

import dataclasses

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.analysis.analyze import rounded_reservations, rounded_utilities
from accord.analysis.rectangle_count import rectangle_rational_count
from accord.analysis.solutions import rational_mask
from accord.model import Issue, Party, Rectangle, RectangleSum, Scenario
from tests.generators import rectangle_scenarios

_SOME = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _enumerated(scenario) -> int:
    return int(rational_mask(rounded_utilities(scenario), rounded_reservations(scenario)).sum())


def _fractional(scenario, factor: float):
    """The same scenario with every rectangle's utility scaled by a non-integer factor."""
    parties = []
    for party in scenario.parties:
        boxes = tuple(dataclasses.replace(box, utility=box.utility * factor) for box in party.utility.rectangles)
        parties.append(Party(party.name, RectangleSum(boxes, party.utility.normalizer * factor), party.reservation))
    return dataclasses.replace(scenario, parties=tuple(parties))


@_SOME
@given(rectangle_scenarios())
def test_count_over_states_equals_enumeration(scenario):
    assert rectangle_rational_count(scenario, rounded_reservations(scenario)) == _enumerated(scenario)


@_SOME
@given(rectangle_scenarios(), st.sampled_from([0.3, 0.7, 1.1]))
def test_count_with_fractional_utilities_equals_enumeration(scenario, factor):
    scenario = _fractional(scenario, factor)
    assert rectangle_rational_count(scenario, rounded_reservations(scenario)) == _enumerated(scenario)


@_SOME
@given(rectangle_scenarios())
def test_count_beyond_the_budget_is_unknown_or_exact(scenario):
    got = rectangle_rational_count(scenario, rounded_reservations(scenario), budget=1)
    assert got is None or got == _enumerated(scenario)


def test_count_without_reservations_is_every_outcome():
    issues = (Issue.integer("a", 0, 9), Issue.integer("b", 0, 9))
    utility = RectangleSum((Rectangle(5.0, ((0, 2.0, 4.0),), False),), 5.0)
    scenario = Scenario("free", issues, (Party("x", utility, 0.0), Party("y", utility, 0.0)))
    assert rectangle_rational_count(scenario, np.zeros(2)) == 100
