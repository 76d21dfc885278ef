"""The block kernel against the existing analysis: exact at the point estimate and on every sampled scenario."""

from __future__ import annotations

import numpy as np

from accord.analysis import SOLUTIONS, analyze, pareto_mask
from accord.robust.block import BlockTask, prepared, run_block
from accord.robust.parameters import scenario_at
from tests.robust.scenarios import wide, zero_width


def test_zero_width_distributions_reproduce_analyze_exactly():
    scenario = zero_width()
    reference = analyze(scenario)
    result = run_block(BlockTask(scenario, seed=5, start=0, stop=7))
    assert set(np.unique(result.rational)) <= {0, 7}
    assert np.array_equal(result.rational == 7, (reference.utilities >= np.asarray(scenario.reservations)).all(1))
    assert int((result.rational == 7).sum()) == reference.rational_outcomes
    assert np.array_equal(result.pareto == 7, pareto_mask(reference.utilities))
    assert np.array_equal(result.ratified == 7, reference.ratification.ratified & (result.rational == 7))
    for k, name in enumerate(SOLUTIONS):
        assert set(result.chosen[:, k]) == {reference.solutions[name].position}


def test_every_sample_matches_the_rebuilt_scenario_utilities():
    scenario = wide()
    model = prepared(scenario)
    result = run_block(BlockTask(scenario, seed=11, start=3, stop=9))
    utilities = model.utilities(result.draws)
    for s, row in enumerate(result.draws):
        rebuilt = analyze(scenario_at(scenario, row))
        for j in range(len(scenario.parties)):
            assert np.array_equal(utilities[(j, None)][:, s], rebuilt.utilities[:, j])
