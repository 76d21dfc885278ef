"""Every search method gives exactly the enumeration's analysis on spaces small enough to enumerate."""

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings

from accord.analysis import analyze
from accord.errors import ScenarioError
from accord.io import load
from accord.model import Constraint
from tests.generators import constrained_scenarios, rectangle_scenarios, scenarios

_SAME = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _figures(scenario, method):
    document = analyze(scenario, method).to_json()
    assert document.pop("method") == method
    document.pop("notes")
    document.pop("ratification")
    return document


def _same_as_enumeration(scenario, method):
    expected = _figures(scenario, "enumeration")
    got = _figures(scenario, method)
    if got["rational_outcomes"] is None:  # only beyond a search budget, never on these small spaces
        raise AssertionError("rational_outcomes left uncounted")
    assert got == expected


@_SAME
@given(scenarios())
def test_additive_merge_equals_enumeration(scenario):
    _same_as_enumeration(scenario, "additive-merge")


@_SAME
@given(constrained_scenarios())
def test_additive_merge_equals_enumeration_under_constraints(scenario):
    try:
        analyze(scenario, "enumeration")
    except ScenarioError as error:  # every outcome ruled out: both methods must refuse alike
        assert "rule out every outcome" in str(error)
        with pytest.raises(ScenarioError, match="rule out every outcome"):
            analyze(scenario, "additive-merge")
        return
    _same_as_enumeration(scenario, "additive-merge")


def test_constraints_ruling_out_every_outcome_of_a_huge_space_are_one_scenario_error():
    scenario = load("tests/data/treaty-30x10.yaml")
    scenario = dataclasses.replace(scenario, constraints=(Constraint(((0, tuple(range(10))),)),))
    with pytest.raises(ScenarioError, match="rule out every outcome"):  # it raised numpy's ValueError
        analyze(scenario)


@_SAME
@given(rectangle_scenarios())
def test_branch_and_bound_equals_enumeration(scenario):
    _same_as_enumeration(scenario, "branch-and-bound")
