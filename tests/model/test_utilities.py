"""Utilities: each value function from its definition, and the vectorised evaluation against a one-outcome-at-a-
time reference."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings

from accord.model import Constant, Issue, Linear, LinearAdditive, Rectangle, RectangleSum, Table, Triangular
from tests.generators import scenarios


def every_outcome(issues) -> np.ndarray:
    return np.array(list(itertools.product(*(range(issue.size) for issue in issues))), dtype=np.int64)


def test_table_and_constant_give_their_values():
    issue = Issue.categorical("c", ["a", "b", "c"])
    np.testing.assert_array_equal(Table((0.0, 0.5, 1.0)).evaluate(issue), [0.0, 0.5, 1.0])
    np.testing.assert_array_equal(Constant(0.3).evaluate(issue), [0.3, 0.3, 0.3])


def test_linear_is_shifted_by_its_origin_and_clipped_to_zero_one():
    issue = Issue.integer("n", 2, 6)
    np.testing.assert_allclose(Linear(0.25, 0.5, origin=2).evaluate(issue), [0.5, 0.75, 1.0, 1.0, 1.0])
    np.testing.assert_allclose(Linear(-0.5, 1.0).evaluate(issue), [0.0, 0.0, 0.0, 0.0, 0.0])
    with pytest.raises(TypeError):
        Linear(1.0, 0.0).evaluate(Issue.categorical("c", ["a"]))


@pytest.mark.parametrize("low, top, high, expected", [
    (0.0, 2.0, 4.0, [0.0, 0.5, 1.0, 0.5, 0.0]),
    (0.0, 0.0, 4.0, [1.0, 0.75, 0.5, 0.25, 0.0]),  # the peak at the left end
    (0.0, 4.0, 4.0, [0.0, 0.25, 0.5, 0.75, 1.0]),  # the peak at the right end
    (1.0, 2.0, 3.0, [0.0, 0.0, 1.0, 0.0, 0.0]),  # zero outside [low, high]
])
def test_triangular_rises_to_its_top_and_falls_back(low, top, high, expected):
    np.testing.assert_allclose(Triangular(low, high, top).evaluate(Issue.real("x", 0.0, 4.0, 5)), expected)


def test_linear_additive_weights_are_used_as_written_and_the_sum_is_clipped_at_one():
    issues = (Issue.categorical("a", ["x", "y"]), Issue.integer("n", 0, 1))
    utility = LinearAdditive((0.8, 0.6), (Table((0.0, 1.0)), Linear(1.0, 0.0)))
    np.testing.assert_allclose(utility.evaluate(issues, every_outcome(issues)), [0.0, 0.6, 0.8, 1.0])


def test_rectangles_sum_over_inclusive_bounds_and_are_divided_by_the_normalizer():
    issues = (Issue.integer("n", 0, 3), Issue.categorical("c", ["a", "b"]))
    utility = RectangleSum((Rectangle(2.0, ((0, 1, 2),)), Rectangle(1.0, ((0, 2, 3), (1, 1, 1)))), normalizer=2.0)
    expected = {(0, 0): 0.0, (0, 1): 0.0, (1, 0): 1.0, (1, 1): 1.0, (2, 0): 1.0, (2, 1): 1.0, (3, 0): 0.0,
                (3, 1): 0.5}  # (2, 1) is in both: 3 / 2, clipped at 1; categorical bounds are value positions
    outcomes = every_outcome(issues)
    np.testing.assert_allclose(utility.evaluate(issues, outcomes), [expected[tuple(row)] for row in outcomes])


def reference_utility(utility, issues, row) -> float:
    """One outcome, from the definitions, with plain Python numbers."""
    if isinstance(utility, LinearAdditive):
        total = sum(weight * float(function.evaluate(issue)[index])
                    for weight, function, issue, index in zip(utility.weights, utility.functions, issues, row))
        return min(1.0, total)
    total = 0.0
    for rectangle in utility.rectangles:
        def value(position):
            issue = issues[position]
            return float(issue.values[row[position]]) if issue.is_numeric else float(row[position])
        if all(low <= value(position) <= high for position, low, high in rectangle.bounds):
            total += rectangle.utility
    return min(1.0, max(0.0, total / utility.normalizer))


@settings(max_examples=40, deadline=None)
@given(scenarios())
def test_vectorised_evaluation_equals_one_outcome_at_a_time(scenario):
    outcomes = every_outcome(scenario.issues)
    for party in scenario.parties:
        fast = party.utility.evaluate(scenario.issues, outcomes)
        slow = [reference_utility(party.utility, scenario.issues, row) for row in outcomes]
        np.testing.assert_allclose(fast, slow, rtol=0, atol=1e-12)
