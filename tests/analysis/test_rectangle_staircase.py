"""The staircase search gives enumeration's frontier, outcome counts and C-order-first outcomes on two-party
scenarios with non-negative integer inclusive rectangles, also for the focused worst-deal searches."""

import dataclasses
import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.analysis import rectangle_staircase as staircase
from accord.analysis.rectangle_staircase import rectangle_staircase, staircase_applies
from accord.model import Rectangle, RectangleSum
from tests.analysis.reference import most_added
from tests.analysis.test_rectangle_programme import _assert_enumerated, _assert_focused
from tests.generators import rectangle_scenarios

_SOME = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _inclusive_two_parties(scenario):
    """The scenario's first two parties with every rectangle made inclusive and its utility non-negative."""
    parties = []
    for party in scenario.parties[:2]:
        boxes = tuple(Rectangle(abs(r.utility), r.bounds, False) for r in party.utility.rectangles)
        parties.append(dataclasses.replace(party, utility=RectangleSum(boxes, party.utility.normalizer)))
    return dataclasses.replace(scenario, parties=tuple(parties))


@_SOME
@given(rectangle_scenarios())
def test_frontier_counts_and_first_outcomes_equal_enumeration(scenario):
    scenario = _inclusive_two_parties(scenario)
    _assert_enumerated(rectangle_staircase(scenario), scenario, np.ones(2))


@_SOME
@given(rectangle_scenarios(), st.integers(0, 1))
def test_focused_signed_search_equals_enumeration(scenario, focus):
    scenario = _inclusive_two_parties(scenario)
    _assert_focused(lambda signs: rectangle_staircase(scenario, signs, focus), scenario, focus)


@_SOME
@given(rectangle_scenarios())
def test_applies_only_to_two_parties_with_non_negative_integer_inclusive_rectangles(scenario):
    made = _inclusive_two_parties(scenario)
    assert staircase_applies(made)
    boxes = [r for p in scenario.parties for r in p.utility.rectangles]
    original = len(scenario.parties) == 2 and all(not r.exclusive and r.utility >= 0 for r in boxes)
    assert staircase_applies(scenario) == original


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rectangle_scenarios(), st.integers(0, 1))
def test_an_exact_pass_that_grows_too_large_restarts_after_wider_beams_and_stays_exact(scenario, focus):
    scenario = _inclusive_two_parties(scenario)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(staircase, "WIDEN_AT", 0)
        patch.setattr(staircase, "BEAM", 1)
        patch.setattr(staircase, "MAX_BEAM", 64)
        _assert_enumerated(rectangle_staircase(scenario), scenario, np.ones(2))
        _assert_focused(lambda signs: rectangle_staircase(scenario, signs, focus), scenario, focus)


@pytest.mark.parametrize("normalizer, utility", [(1e19, 3.0), (2.0 ** 51, 2.0 ** 49), (2.0 ** 46, 2.0 ** 46),
                                                  (2.0 ** 46, 2.0 ** 46 - 1), (3e10, 3e10 - 1)])
def test_utilities_or_normalisers_too_large_for_exact_float_bounds_go_elsewhere(normalizer, utility):
    # the worst-deal bounds weigh a column by up to FOCUS_WEIGHTS[-1]; 1e19 did not even fit the int64 clip; past
    # 1e10, utilities rounded to 10 places merge sums the exact searches kept apart (counts (1, 1), not (2, 1))
    from accord.analysis.rectangle_search import rectangle_search
    scenario = _two_by_two(normalizer, utility)
    assert not staircase_applies(scenario)
    assert staircase_applies(_two_by_two(1e10, 1e10 - 1))
    _assert_enumerated(rectangle_search(scenario), scenario, np.ones(2))
    _assert_focused(lambda signs: rectangle_search(scenario, signs, 0), scenario, 0)


@pytest.mark.parametrize("budget", ["MAX_ROWS", "MAX_BOUND_CELLS", "MAX_RELAXED"])
def test_past_its_budget_the_search_says_so_to_its_caller(monkeypatch, budget):
    scenario = _two_by_two()
    monkeypatch.setattr(staircase, budget, 0)
    with pytest.raises(staircase.OverBudget):
        rectangle_staircase(scenario)


def searched_model(made, focus, tracked=staircase.TRACKED):
    """The staircase search's model of ``made`` made searchable (the frontier, or ``focus``'s worst deal) and its
    outcomes as value indices in the model's issue order."""
    scenario = _inclusive_two_parties(made)
    signs = np.ones(2, dtype=np.int64)
    if focus is not None:
        signs[focus] = -1
    model = staircase._Model(scenario, signs, tracked, focus)
    return model, np.array(list(itertools.product(*(range(size) for size in model.r.sizes))))


def _two_by_two(normalizer=3.0, utility=3.0):
    from accord.model import Issue, Party, Scenario
    issues = (Issue.integer("a", 0, 1), Issue.integer("b", 0, 1))
    boxes = (Rectangle(utility, ((0, 1.0, 1.0), (1, 0.0, 0.0)), False),)
    others = (Rectangle(utility, ((1, 1.0, 1.0),), False), Rectangle(1.0, ((0, 0.0, 0.0),), False))
    return Scenario("tiny", issues, (Party("x", RectangleSum(boxes, normalizer)),
                                     Party("y", RectangleSum(others, normalizer))))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rectangle_scenarios(), st.sampled_from([None, 0, 1]), st.sampled_from([0, 1, 16]))
def test_the_relaxed_programme_bounds_every_completion(scenario, focus, tracked):
    # brute force: after each depth, each partial outcome's relaxed state bounds what any completion adds
    model, outcomes = searched_model(scenario, focus, tracked)
    for depth in range(model.n + 1):
        alive, most = most_added(model, outcomes, depth)
        codes = staircase._codes(alive[:, model.followed[depth]])
        state = np.searchsorted(model.keys[depth], codes)
        assert (model.keys[depth][state] == codes).all()
        assert (model.high[depth][state] >= most).all()


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), min_size=1, max_size=8), st.sampled_from([None, 0, 1]))
def test_the_staircase_leaves_exactly_the_vectors_still_worth_reaching(met, focus):
    # brute force over a grid: without a focus, a vector not weakly dominated by another met, or equal to one; with
    # one, a vector at least the best focus value met with the most the other has there, or better in focus
    stair = staircase._Staircase(np.zeros(2, dtype=np.int64), focus)
    stair.add(np.array(met, dtype=np.int64))
    met = np.array(met)
    grid = np.array(list(itertools.product(range(8), range(8))))
    passes = stair.alive(grid.astype(float), grid.astype(float), np.eye(2, dtype=np.int64))
    if focus is None:
        beaten = ((met[None] >= grid[:, None]).all(axis=2) & (met[None] != grid[:, None]).any(axis=2)).any(axis=1)
        wanted = ~beaten
    else:
        other = 1 - focus
        best = met[:, focus].max()
        most = met[met[:, focus] == best, other].max()
        wanted = (grid[:, focus] > best) | ((grid[:, focus] == best) & (grid[:, other] >= most))
    np.testing.assert_array_equal(passes, wanted)
