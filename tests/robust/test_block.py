"""The block kernel against the existing analysis: exact at the point estimate and on every sampled scenario."""

from __future__ import annotations

import numpy as np

from accord.analysis import analyze, pareto_mask, solution_names
from accord.io.accord_format import scenario_from_dict
from accord.robust.block import BlockTask, _maybe_on_front, run_block
from accord.robust.parameters import scenario_at
from accord.robust.utility_model import prepared
from accord.space import utility_column
from tests.robust.scenarios import document, wide, zero_width


def test_zero_width_distributions_reproduce_analyze_exactly():
    scenario = zero_width()
    reference = analyze(scenario)
    result = run_block(BlockTask(scenario, seed=5, start=0, stop=7))
    assert set(np.unique(result.rational)) <= {0, 7}
    assert np.array_equal(result.rational == 7, (reference.utilities >= np.asarray(scenario.reservations)).all(1))
    assert int((result.rational == 7).sum()) == reference.rational_outcomes
    assert np.array_equal(result.pareto == 7, pareto_mask(reference.utilities))
    assert np.array_equal(result.ratified == 7, reference.ratification.ratified & (result.rational == 7))
    for k, name in enumerate(solution_names()):
        assert set(result.chosen[:, k]) == {reference.solutions[name].position}


def test_every_sample_matches_the_rebuilt_scenario_utilities():
    scenario = wide()
    model = prepared(scenario)
    result = run_block(BlockTask(scenario, seed=11, start=3, stop=9))
    utilities = model.utilities(result.draws)
    for s, row in enumerate(result.draws):
        rebuilt = analyze(scenario_at(scenario, row))
        for j in range(len(scenario.parties)):
            assert np.array_equal(utilities[(j, None)][s], rebuilt.utilities[:, j])


def test_constrained_space_and_a_fixed_prefix_match_every_rebuilt_utility():
    """Uncertainty only on the last issue of a constituency (the leading issues' sum is computed once) and a
    constraint (the outer sum is gathered to the feasible outcomes): still the rebuilt figures, bit for bit."""
    data = document(**{
        "parties[0].constituencies[0].utility.values.c": {"linear": {"slope": {"value": 0.2, "uniform": [0, 0.5]},
                                                                      "offset": 0.1}}})
    data["constraints"] = [{"forbid": {"a": ["x"], "b": ["q"]}}]
    scenario = scenario_from_dict(data, "toy.yaml")
    model = prepared(scenario)
    assert model._prefix[(0, 0)][0] == 2 and model.space.feasible_indices is not None
    draws = run_block(BlockTask(scenario, seed=3, start=0, stop=12)).draws
    utilities = model.utilities(draws)
    few = model.utilities(draws, np.array([0, 5, model.space.size - 1]))
    for s, row in enumerate(draws):
        rebuilt = scenario_at(scenario, row)
        for slot in model.slots:
            party = rebuilt.parties[slot[0]]
            utility = party.utility if slot[1] is None else party.constituencies[slot[1]].utility
            expected = np.round(utility_column(utility, model.space), 10)
            assert np.array_equal(utilities[slot][s], expected)
            assert np.array_equal(few[slot][s], expected[[0, 5, model.space.size - 1]])


def test_the_answer_does_not_depend_on_how_a_block_is_chunked(monkeypatch):
    scenario = wide()
    whole = run_block(BlockTask(scenario, seed=4, start=0, stop=20))
    monkeypatch.setattr("accord.robust.block.CHUNK_CELLS", 7)  # one sample at a time
    one_by_one = run_block(BlockTask(scenario, seed=4, start=0, stop=20))
    for name in ("rational", "ratified", "pareto", "chosen", "zone", "ratifiable_zone"):
        assert np.array_equal(getattr(whole, name), getattr(one_by_one, name)), name


def test_the_cheap_dominance_test_removes_only_dominated_outcomes():
    rng = np.random.default_rng(0)
    first = np.round(rng.random((4, 20000)), 2)  # many ties
    second = np.round(1 - first + rng.normal(0, 0.1, first.shape), 3)
    first[3] = 0.5  # a sample where u₀ does not vary
    maybe = _maybe_on_front([first, second])
    assert maybe[:3].sum() < 0.1 * maybe[:3].size  # it does filter (not when u₀ is constant)
    for s in range(4):
        u = np.stack([first[s], second[s]], axis=1)
        full = pareto_mask(u)
        assert not (full & ~maybe[s]).any()
        kept = np.flatnonzero(maybe[s])
        assert np.array_equal(kept[pareto_mask(u[kept])], np.flatnonzero(full))
    assert _maybe_on_front([first, second, second]) is None


def test_counting_piece_by_piece_gives_the_same_block(monkeypatch):
    scenario = wide()
    whole = run_block(BlockTask(scenario, seed=8, start=0, stop=15))
    monkeypatch.setattr("accord.robust.utility_model.PIECE", 2)
    monkeypatch.setattr("accord.robust.block.CHUNK_CELLS", 1)  # one sample at a time, so in pieces
    assert prepared(scenario).in_pieces()
    pieces = run_block(BlockTask(scenario, seed=8, start=0, stop=15))
    for name in ("rational", "ratified", "pareto", "chosen", "zone", "ratifiable_zone"):
        assert np.array_equal(getattr(whole, name), getattr(pieces, name)), name
