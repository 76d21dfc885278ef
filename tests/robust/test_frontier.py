"""Issue-wise dominance: the candidates' frontier is the whole frontier whenever ``covered`` says so, and the
pruned run gives the same document as the run over every outcome (random small scenarios, brute force)."""

from __future__ import annotations

import numpy as np
import pytest

from accord.analysis import analyze, pareto_mask
from accord.robust import robust, scenario_at
from accord.robust import utility_model
from accord.robust.distributions import draw
from accord.robust.frontier import covered
from tests.robust.scenarios import random_scenario, scenario

SEEDS = range(40)


def unpruned(monkeypatch, s, samples, seed) -> dict:
    """The document of a run whose frontier is found over every outcome (no candidates)."""
    with monkeypatch.context() as patch:
        patch.setattr(utility_model, "dominance", lambda *args: None)
        utility_model._prepared.cache_clear()
        document = robust(s, samples, seed).to_json(all_packages=True)
    utility_model._prepared.cache_clear()
    return document


@pytest.mark.parametrize("seed", SEEDS)
def test_the_candidates_hold_the_whole_frontier_of_every_covered_sample(seed):
    s = random_scenario(seed)
    model = utility_model.prepared(s)
    if model.dominance is None:
        assert s.constraints
        return
    draws = draw(s.uncertainty, seed, range(30))
    tables = model.tables(draws)
    exact = covered(model.dominance, model.party_tables(tables, len(draws)))
    candidates = set(model.dominance.positions.tolist())
    for row in draws[exact]:
        assert set(np.flatnonzero(pareto_mask(analyze(scenario_at(s, row)).utilities))) <= candidates
    assert exact.mean() > 0.5  # the check is not vacuous


@pytest.mark.parametrize("seed", SEEDS)
def test_pruned_and_unpruned_runs_give_the_same_document(monkeypatch, seed):
    s = random_scenario(seed)
    assert robust(s, 60, seed).to_json(all_packages=True) == unpruned(monkeypatch, s, 60, seed)


@pytest.mark.parametrize("seed", [1, 7, 13])
def test_random_scenarios_match_a_brute_force_loop(seed):
    s = random_scenario(seed)
    result = robust(s, samples=25, seed=seed)
    rational, pareto = np.zeros(result.rational.size, dtype=int), np.zeros(result.rational.size, dtype=int)
    for row in draw(s.uncertainty, seed, range(25)):
        a = analyze(scenario_at(s, row))
        rational += (a.utilities >= np.round(a.scenario.reservations, 10)).all(axis=1)
        pareto += pareto_mask(a.utilities)
    assert np.array_equal(result.rational, rational) and np.array_equal(result.pareto, pareto)


def test_sums_above_one_are_not_covered_and_fall_back_to_the_whole_space(monkeypatch):
    """Option "p" of issue b is dominated by "q" (A values both at 1, B prefers "q"). B's weights may add up to
    more than 1, so its utility is clipped at 1 and an outcome with "p" can tie its candidate on the frontier:
    those samples are not covered, and the answer is still exact."""
    s = scenario(**{"parties[1].utility.weights.a": {"value": 0.4, "uniform": [0.4, 1.5]},
                    "parties[1].utility.values.b.q": 1.0, "parties[0].utility.values.b.q": 1.0,
                    "parties[0].utility.values.a.z": 1.0})
    model = utility_model.prepared(s)
    assert model.dominance is not None and len(model.dominance.checks)  # "p" is dominated by "q" on issue b
    draws = draw(s.uncertainty, 3, range(200))
    tables = model.tables(draws)
    exact = covered(model.dominance, model.party_tables(tables, len(draws)))
    assert 0 < exact.sum() < len(exact)
    outside = [set(np.flatnonzero(pareto_mask(analyze(scenario_at(s, row)).utilities)))
               - set(model.dominance.positions.tolist()) for row in draws[~exact]]
    assert any(outside)  # without the fallback these samples' frontiers would be wrong
    assert robust(s, 200, 3).to_json(all_packages=True) == unpruned(monkeypatch, s, 200, 3)


def test_constraints_turn_the_candidates_off():
    s = random_scenario(4)
    assert s.constraints and utility_model.prepared(s).dominance is None
