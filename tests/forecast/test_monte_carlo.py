from __future__ import annotations

import pickle
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.errors import OptionError
from accord.forecast import ModelConfig, forecast, model_names, monte_carlo, run_model, run_task
from accord.forecast.monte_carlo import perturb, plan


def noisy(issue, sd=1.0):
    n = len(issue.actors)
    return replace(issue, position_sd=np.full(n, sd), salience_sd=np.full(n, 0.1), capability_sd=np.full(n, 0.02))


@pytest.mark.parametrize("model", model_names())
def test_zero_noise_equals_the_deterministic_forecast(eu10, model):
    config = ModelConfig(model=model, rounds=3)
    summary = monte_carlo(eu10, config, runs=5, seed=7)
    expected = forecast(eu10, config).final
    assert summary.finals == (expected,) * 5
    assert summary.median == summary.p5 == summary.p95 == expected


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 20), st.floats(0.05, 1), st.floats(0.05, 5)), min_size=2, max_size=7),
    st.integers(0, 2**32),
    st.sampled_from(model_names()),
)
def test_zero_noise_equals_deterministic_on_random_inputs(rows, seed, model):
    from accord.forecast.stakeholders import table_to_stakeholders

    table = [(f"row {i}", {"actor": f"a{i}", "position": x, "salience": s, "capability": c})
             for i, (x, s, c) in enumerate(rows)]
    (issue,) = table_to_stakeholders(table, source="random")
    config = ModelConfig(model=model, rounds=3)
    summary = monte_carlo(issue, config, runs=3, seed=seed)
    assert set(summary.finals) == {forecast(issue, config).final}


def test_same_seed_same_runs_and_other_seed_differs(eu10):
    issue = noisy(eu10)
    first = monte_carlo(issue, ModelConfig(rounds=2), runs=40, seed=3)
    assert first == monte_carlo(issue, ModelConfig(rounds=2), runs=40, seed=3)
    assert first.finals != monte_carlo(issue, ModelConfig(rounds=2), runs=40, seed=4).finals
    assert first.p5 <= first.median <= first.p95 and first.p5 < first.p95


def test_perturbed_values_stay_in_range(eu10):
    for task in plan(noisy(eu10, sd=50), ModelConfig(), runs=20, seed=1):
        x, s, c = perturb(task)
        assert x.min() >= 4 and x.max() <= 10 and s.min() >= 0 and s.max() <= 1 and c.min() >= 0


def test_tasks_are_plain_picklable_data_and_map_fn_is_used(eu10):
    issue = noisy(eu10)
    tasks = plan(issue, ModelConfig(rounds=2), runs=6, seed=11)
    restored = pickle.loads(pickle.dumps(tasks))
    assert [run_task(t) for t in restored] == [run_task(t) for t in tasks]
    with ThreadPoolExecutor(2) as pool:
        pooled = monte_carlo(issue, ModelConfig(rounds=2), runs=6, seed=11, map_fn=pool.map)
    assert pooled == monte_carlo(issue, ModelConfig(rounds=2), runs=6, seed=11)
    calls = []

    def counting_map(fn, items):
        items = list(items)
        calls.append(len(items))
        return map(fn, items)

    monte_carlo(issue, ModelConfig(rounds=2), runs=6, seed=11, map_fn=counting_map)
    assert calls == [6]


def test_runs_must_be_positive(eu10):
    with pytest.raises(OptionError):
        monte_carlo(eu10, runs=0)


def test_a_negative_seed_is_refused_by_its_parameter(eu10):
    """A negative seed reached numpy's SeedSequence (a ValueError traceback); now the one rule for seeds."""
    with pytest.raises(OptionError, match="seed must be 0 or more") as error:
        monte_carlo(eu10, runs=2, seed=-1)
    assert error.value.parameter == "seed"


def test_run_model_matches_forecast(eu10):
    config = ModelConfig(rounds=2)
    assert run_model(eu10.position, eu10.capability, eu10.salience, config).final == forecast(eu10, config).final


def test_summary_document_says_whether_uncertainty_was_stated(eu10):
    quiet = monte_carlo(eu10, ModelConfig(model="compromise"), runs=3, seed=4).to_json()
    assert quiet == {"runs": 3, "seed": 4, "median": quiet["p5"], "p5": quiet["p5"], "p95": quiet["p5"],
                     "uncertainty_stated": False}
    loud = monte_carlo(noisy(eu10), ModelConfig(model="compromise"), runs=20, seed=4).to_json()
    assert loud["uncertainty_stated"] is True and loud["p5"] < loud["p95"]
