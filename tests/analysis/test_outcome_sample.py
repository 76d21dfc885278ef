"""The outcome sample: feasible outcomes drawn uniformly, scored as the enumeration scores them, deterministic for a
seed, bounded in size whatever the outcome count."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import accord
from accord.errors import ScenarioError
from accord.analysis.analyze import rounded_utilities
from accord.analysis.outcome_sample import MAX_SAMPLE, sample_outcomes
from accord.space import scenario_space
from tests.generators import constrained_scenarios, rectangle_scenarios
from tests.memory_cap import run_capped

_SOME = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TREATY = "tests/data/treaty-30x10.yaml"


def _check_against_enumeration(scenario, size: int, seed: int) -> None:
    try:
        space = scenario_space(scenario)
    except ScenarioError:  # the constraints rule out every outcome
        assert sample_outcomes(scenario, size, seed).size == 0
        return
    utilities = rounded_utilities(scenario, space)
    sample = sample_outcomes(scenario, size, seed)
    feasible = {tuple(row) for row in space.value_indices(np.arange(space.size)).tolist()}
    assert sample.size <= min(size, space.size)
    assert len({tuple(r) for r in sample.values.tolist()}) == sample.size  # distinct
    for row, scored in zip(sample.values, sample.utilities):
        assert tuple(row.tolist()) in feasible
        outcome = {issue.name: issue.values[int(i)] for issue, i in zip(scenario.issues, row)}
        np.testing.assert_array_equal(scored, utilities[space.position_of(outcome)])


@_SOME
@given(constrained_scenarios(), st.integers(1, 200), st.integers(0, 2**32))
def test_sampled_outcomes_are_feasible_distinct_and_scored_as_enumeration(scenario, size, seed):
    _check_against_enumeration(scenario, size, seed)


@_SOME
@given(rectangle_scenarios(), st.integers(1, 200), st.integers(0, 2**32))
def test_rectangle_outcomes_are_scored_as_enumeration(scenario, size, seed):
    _check_against_enumeration(scenario, size, seed)


def test_the_same_seed_gives_the_same_sample_and_another_seed_another():
    scenario = accord.load(TREATY)
    first, again, other = (sample_outcomes(scenario, 500, s) for s in (3, 3, 4))
    np.testing.assert_array_equal(first.values, again.values)
    assert not np.array_equal(first.values, other.values)


def test_a_small_space_is_sampled_whole_at_most():
    scenario = accord.load("tests/data/mini.yaml")
    assert sample_outcomes(scenario, 10_000).size == scenario_space(scenario).size


def test_the_sample_is_bounded_and_uniform_over_ten_to_the_thirty():
    scenario = accord.load(TREATY)
    sample = sample_outcomes(scenario, 10**9)
    assert sample.size == MAX_SAMPLE and sample.values.shape == (MAX_SAMPLE, 30)
    counts = np.bincount(sample.values.ravel(), minlength=10) / sample.values.size
    assert np.all(np.abs(counts - 0.1) < 0.01)  # each option about a tenth of the time


def test_sampling_ten_to_the_thirty_needs_no_memory_beyond_the_sample():
    done = run_capped(f"""
        import accord
        from accord.analysis.outcome_sample import sample_outcomes
        print(sample_outcomes(accord.load({TREATY!r}), 3000).size)
    """, cap=1024 * 1024 * 1024)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["3000"]
