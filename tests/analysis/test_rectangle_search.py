"""``rectangle_search`` answers with enumeration's frontier, counts and first outcomes whichever exact search it
turns to: the dynamic programme, the staircase search when many rectangles are open at once or the programme
passes its budget, and the branch and bound for what neither takes."""

import dataclasses

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.analysis import rectangle_frontier, rectangle_programme, rectangle_search, rectangle_staircase
from accord.errors import ScenarioError
from accord.analysis.rectangle_search import rectangle_search as search
from accord.model import Party, Rectangle, RectangleSum
from tests.analysis.reference import signed_frontier
from tests.analysis.test_rectangle_programme import _assert_enumerated, _assert_focused, _scenario
from tests.analysis.test_rectangle_staircase import _inclusive_two_parties
from tests.generators import rectangle_scenarios

_SOME = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _refuse(*_args, **_kwargs):
    raise AssertionError("this search should not run")


@_SOME
@given(rectangle_scenarios(), st.integers(0, 1), st.booleans())
def test_many_open_rectangles_go_to_the_staircase_search(made, focus, worst):
    scenario = _inclusive_two_parties(made)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rectangle_search, "OPEN_LIMIT", -1)
        patch.setattr(rectangle_programme, "rectangle_programme", _refuse)
        if worst:
            _assert_focused(lambda signs: search(scenario, signs, focus), scenario, focus)
        else:
            _assert_enumerated(search(scenario), scenario, np.ones(2))


@pytest.mark.parametrize("budget", ["MAX_STATES", "MAX_ROWS"])
def test_beyond_the_programme_budget_the_staircase_search_answers(monkeypatch, budget):
    scenario = _scenario([Rectangle(5.0, ((0, 1.0, 1.0), (1, 0.0, 0.0)), False)],
                         [Rectangle(1.0, ((1, 1.0, 1.0),), False)], sizes=(3, 3), normalizers=(5.0, 1.0))
    monkeypatch.setattr(rectangle_programme, budget, 0)
    with pytest.raises(rectangle_programme.TooManyStates):
        rectangle_programme.rectangle_programme(scenario)
    _assert_enumerated(search(scenario), scenario, np.ones(2))


def test_beyond_both_budgets_the_search_stops_in_one_line_without_the_branch_and_bound(monkeypatch):
    scenario = _scenario([Rectangle(5.0, ((0, 1.0, 1.0), (1, 0.0, 0.0)), False)],
                         [Rectangle(1.0, ((1, 1.0, 1.0),), False)], sizes=(3, 3), normalizers=(5.0, 1.0))
    monkeypatch.setattr(rectangle_programme, "MAX_STATES", 0)
    monkeypatch.setattr(rectangle_programme, "MAX_ROWS", 0)  # (its plan may be kept from an earlier search)
    monkeypatch.setattr(rectangle_staircase, "MAX_ROWS", 0)
    monkeypatch.setattr(rectangle_frontier, "rectangle_frontier", _refuse)
    with pytest.raises(ScenarioError, match="pass their budgets .more than 0 partial sums") as raised:
        search(scenario)
    assert raised.value.fix == "reduce the issues or rectangles"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rectangle_scenarios(max_parties=2), st.sampled_from([0.5, 0.1]))
def test_fractional_utilities_go_to_the_branch_and_bound(scenario, factor):
    parties = []
    for party in scenario.parties:
        boxes = tuple(dataclasses.replace(box, utility=box.utility * factor) for box in party.utility.rectangles)
        parties.append(Party(party.name, RectangleSum(boxes, party.utility.normalizer * factor)))
    scenario = dataclasses.replace(scenario, parties=tuple(parties))
    got = search(scenario)
    np.testing.assert_array_equal(got.points, signed_frontier(scenario, np.ones(2)))


def test_when_the_staircase_bounds_would_not_fit_the_branch_and_bound_answers(monkeypatch):
    scenario = _scenario([Rectangle(5.0, ((0, 1.0, 1.0), (1, 0.0, 0.0)), False)],
                         [Rectangle(1.0, ((1, 1.0, 1.0),), False)], sizes=(3, 3), normalizers=(5.0, 1.0))
    monkeypatch.setattr(rectangle_programme, "MAX_STATES", 0)
    monkeypatch.setattr(rectangle_programme, "MAX_ROWS", 0)
    monkeypatch.setattr(rectangle_staircase, "MAX_RELAXED", 0)
    _assert_enumerated(search(scenario), scenario, np.ones(2))
