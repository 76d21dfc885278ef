"""The outcome-finding service against brute force over enumerated spaces (additive, constrained, rectangles)."""

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from accord.analysis.analyze import rounded_utilities
from accord.simulate.prepare import ascending
from accord.space import OutcomeSpace, scenario_space
from accord.space.search import OutcomeFinder, OwnUtilities, score_outcomes
from tests.generators import constrained_scenarios, rectangle_scenarios, scenarios



def _fractional(scenario):
    """The same rectangles with weights that are not integers (their sums depend on the order of addition)."""
    parties = tuple(replace(p, utility=replace(p.utility, rectangles=tuple(
        replace(r, utility=r.utility / 3 + 0.1) for r in p.utility.rectangles))) for p in scenario.parties)
    return replace(scenario, parties=parties)


SPACES = {"additive": scenarios(), "constrained": constrained_scenarios(), "rectangles": rectangle_scenarios(),
          "fractional-rectangles": rectangle_scenarios().map(_fractional)}


def _reference(scenario, party):
    """Positions (cartesian C order) sorted by (utility, position), and the sorted utilities, by enumeration."""
    space = scenario_space(scenario)
    column = rounded_utilities(scenario, space)[:, party]
    order = ascending(column)
    return space.flat(np.arange(space.size))[order], column[order]


@pytest.mark.parametrize("kind", list(SPACES))
def test_every_answer_is_the_enumerated_one(kind):
    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(SPACES[kind], st.sampled_from([1, 3, 30, 1024]), st.floats(-0.1, 1.1))
    def check(scenario, block, target):
        assume(OutcomeSpace(scenario.issues, scenario.constraints).size > 0)
        for party in range(len(scenario.parties)):
            order, ranked = _reference(scenario, party)
            finder = OutcomeFinder(scenario, party, budget=10**9, block=block)
            assert finder.max_utility == ranked[-1] and finder.min_utility == ranked[0]
            assert finder.best() == order[np.searchsorted(ranked, ranked[-1])]
            assert finder.top_last == order[-1]
            i = int(np.searchsorted(ranked, target))
            assert finder.at_least(target) == order[min(i, len(order) - 1)]
            assert finder.first_at_least(target) == (order[i] if i < len(order) else None)
            if i < len(order):
                high = max(ranked[i], target + 0.05)
                j = int(np.searchsorted(ranked, high, side="right"))
                assert finder.window(ranked[i], high, 5) == list(order[i:min(j, i + 5)])
            assert finder.stopped == 0

    check()


@given(scenarios())
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_argmax_is_the_enumerated_first_maximum(scenario):
    order, ranked = _reference(scenario, 0)
    floor = float(ranked[len(ranked) // 2])
    weights = np.arange(1, len(scenario.issues) + 1, dtype=float)
    space = scenario_space(scenario)

    def score(values, utilities):
        return (utilities - floor) * (values * weights).sum(axis=1)

    def upper(depth, prefix, high):
        done = sum(float(weights[i] * v) for i, v in enumerate(prefix))
        rest = sum(float(weights[i] * (scenario.issues[i].size - 1)) for i in range(depth + 1, len(weights)))
        return np.maximum(high - floor, 0.0) * (done + weights[depth] * np.arange(len(high)) + rest)

    rational = order[ranked >= floor]
    values = space.value_indices(np.searchsorted(space.flat(np.arange(space.size)), rational))
    expected = rational[int(np.argmax(score(values, ranked[ranked >= floor])))]
    assert OutcomeFinder(scenario, 0, budget=10**9, block=2).argmax(score, upper, floor) == expected


def test_a_stopped_search_still_answers_its_question():
    from accord.io.load import load

    scenario = load("genius-large/S-1NIKFRT-1")
    finder = OutcomeFinder(scenario, 0, budget=30)
    position = finder.at_least(0.6)
    assert finder.utility_of(position) >= 0.6
    assert finder.stopped >= 1


@given(constrained_scenarios())
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_scoring_one_outcome_matches_the_utility_matrix(scenario):
    assume(OutcomeSpace(scenario.issues, scenario.constraints).size > 0)
    space = scenario_space(scenario)
    utilities = rounded_utilities(scenario, space)
    positions = np.arange(min(space.size, 20))
    finder = OutcomeFinder(scenario, 0)
    own = OwnUtilities(finder)
    flat = space.flat(positions)
    assert [own[int(p)] for p in flat] == list(utilities[positions, 0])
    assert np.array_equal(score_outcomes(scenario, space.value_indices(positions)), utilities[positions])
    assert all(finder.feasible(int(p)) for p in flat)


def test_constraints_that_forbid_everything_answer_one_error():
    from accord.model import Constraint

    scenario = _three_by_three()
    scenario = replace(scenario, constraints=(Constraint(((0, (0, 1, 2)),)),))
    for block in (1, 1024):
        finder = OutcomeFinder(scenario, 0, block=block)
        for question in (finder.best, lambda: finder.min_utility, lambda: finder.top_last,
                         lambda: finder.at_least(0.5)):
            with pytest.raises(ValueError, match="rule out every outcome"):
                question()
        assert finder.first_at_least(0.5) is None and finder.window(0.0, 1.0, 3) == []


def test_a_window_of_no_outcomes_is_empty():
    finder = OutcomeFinder(_three_by_three(), 0, block=1)
    assert finder.window(0.0, 1.0, 0) == []
    assert len(finder.window(0.0, 1.0, 2)) == 2


def _three_by_three():
    from accord.model import Issue, LinearAdditive, Party, Scenario, Table

    issues = tuple(Issue.categorical(f"i{k}", ["a", "b", "c"]) for k in range(3))
    utility = LinearAdditive((0.5, 0.3, 0.2), tuple(Table((0.0, 0.5, 1.0)) for _ in issues))
    return Scenario("three", issues, (Party("A", utility), Party("B", utility)))


def test_a_party_utility_list_past_len_gives_its_size_and_a_clear_len_error():
    """Python's len() stops at sys.maxsize: on a 10^30 space it raised 'cannot fit int into an index-sized
    integer', from a truth test too."""
    from accord.io.load import load

    scenario = load("tests/data/treaty-30x10.yaml")
    finder = OutcomeFinder(scenario, 0)
    own = OwnUtilities(finder)
    assert own and own[10**30 - 1] == finder.utility_of(10**30 - 1)
    with pytest.raises(OverflowError, match="use .size or the view's n_outcomes"):
        len(own)
    assert own.size == finder.space.size == 10**30
    small = OwnUtilities(OutcomeFinder(_three_by_three(), 0))
    assert len(small) == small.size == 27
