from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.forecast import ModelConfig, eu_round, forecast, parse_csv
from accord.forecast.expected_utility import win_probability

from .conftest import HONDURAS_NICARAGUA

RISK = {
    "Netherlands": 1.1271980463013587,
    "Belgium": 0.7809178391316438,
    "Luxembourg": 0.5,
    "Germany": 1.1271980463013587,
    "France": 1.0778922989239863,
    "Italy": 1.0778922989239863,
    "UK": 2.0,
    "Ireland": 0.5247821721738853,
    "Denmark": 1.4716965449819073,
    "Greece": 1.1404794480175189,
}


def first_round(eu10):
    return eu_round(eu10.position, eu10.capability, eu10.salience, 10 - 4)


def test_eu10_round_one_risk_exponents(eu10):
    risk = dict(zip(eu10.actors, first_round(eu10).risk))
    assert risk.keys() == RISK.keys()
    for actor, expected in RISK.items():
        assert risk[actor] == pytest.approx(expected, abs=1e-9), actor


def test_eu10_round_one_expected_utilities(eu10):
    utility, index = first_round(eu10).utility, eu10.actors.index
    assert utility[index("Belgium"), index("Luxembourg")] == pytest.approx(0.7034516927698495, abs=1e-9)
    assert utility[index("Netherlands"), index("Belgium")] == pytest.approx(0.17133059972782078, abs=1e-9)


def test_eu10_round_one_events_and_mean(eu10):
    result = forecast(eu10, ModelConfig(rounds=1))
    assert result.rounds[1].events == ("Luxembourg loses confrontation to France", "Ireland compromises with France")
    assert result.rounds[0].forecast == pytest.approx(7.389955686853767, abs=1e-9)
    assert result.rounds[1].forecast == pytest.approx(7.444520171019051, abs=1e-9)
    assert result.converged_at is None


def test_eu10_oscillates_rather_than_settles(eu10):
    means = [r.forecast for r in forecast(eu10, ModelConfig(rounds=6)).rounds[1:]]
    assert all((b - a) * (c - b) < 0 for a, b, c in zip(means, means[1:], means[2:]))


def test_honduras_nicaragua_converges_in_round_two():
    (issue,) = parse_csv(HONDURAS_NICARAGUA, source="honduras-nicaragua.csv")
    result = forecast(issue, ModelConfig(rounds=10))
    assert result.converged_at == 2
    assert len(result.rounds) == 2
    assert result.rounds[1].events == (
        "Nicaragua loses confrontation to United States",
        "Honduras loses confrontation to United States",
    )
    assert result.final == pytest.approx(0.5, abs=1e-12)


def test_identical_positions_converge_at_once():
    (issue,) = parse_csv("actor,position,salience,capability\na,3,1,1\nb,3,0.5,2\n", source="same.csv")
    result = forecast(issue)
    assert result.converged_at == 1 and result.final == 3


def test_rounds_zero_reports_only_the_input(eu10):
    result = forecast(eu10, ModelConfig(rounds=0))
    assert [r.number for r in result.rounds] == [0]


def reference_probability(x, w):
    """Step 4, one pair at a time."""
    n = len(x)
    p = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            if x[i] == x[j]:
                continue
            deltas = [abs(x[k] - x[j]) - abs(x[k] - x[i]) for k in range(n)]
            top = sum(w[k] * deltas[k] for k in range(n))
            bottom = sum(w[k] * abs(deltas[k]) for k in range(n))
            p[i, j] = max(0.0, top) / bottom
    return p


@given(st.lists(st.tuples(st.integers(0, 10), st.floats(0.05, 1)), min_size=2, max_size=8))
def test_vectorised_probability_equals_pairwise_reference(rows):
    x = np.array([float(r[0]) for r in rows])
    w = np.array([r[1] for r in rows])
    np.testing.assert_allclose(win_probability(x, w), reference_probability(x, w), atol=1e-12)


@given(st.lists(st.tuples(st.integers(0, 100), st.floats(0.05, 1), st.floats(0.05, 1)), min_size=2, max_size=8))
def test_positions_stay_within_the_initial_range(rows):
    x, s, c = (np.array(column, dtype=float) for column in zip(*rows))
    result = forecast_arrays(x, c, s)
    for r in result.rounds:
        assert min(r.positions) >= x.min() - 1e-9 and max(r.positions) <= x.max() + 1e-9


def forecast_arrays(x, c, s):
    from accord.forecast import run_model

    return run_model(x, c, s, ModelConfig(rounds=4))


def test_win_probability_in_blocks_equals_the_whole_sum(monkeypatch):
    from accord.forecast import expected_utility

    rng = np.random.default_rng(3)
    x, weight = rng.uniform(0, 100, 40), rng.uniform(0, 10, 40)
    whole = win_probability(x, weight)
    monkeypatch.setattr(expected_utility, "BLOCK_ELEMENTS", 40 * 40 * 3)  # blocks of 3 actors
    np.testing.assert_allclose(win_probability(x, weight), whole, rtol=1e-12, atol=1e-12)
    dist = np.abs(x[:, None] - x[None, :])  # the reference: the whole n³ array at once
    support = dist[:, None, :] - dist[:, :, None]
    top, bottom = np.einsum("k,kij->ij", weight, support), np.einsum("k,kij->ij", weight, np.abs(support))
    reference = np.where((x[:, None] == x[None, :]) | (bottom <= 0), 0.0, np.maximum(top, 0) / np.where(
        bottom > 0, bottom, 1.0))
    np.testing.assert_allclose(whole, reference, rtol=1e-12, atol=1e-12)


def test_many_actors_compare_in_bounded_memory():
    from tests.memory_cap import run_capped

    child = run_capped("""
        import numpy as np
        from accord.forecast.expected_utility import win_probability
        rng = np.random.default_rng(0)
        prob = win_probability(rng.uniform(0, 100, 800), rng.uniform(0, 1, 800))  # the n³ array: 4 GB
        print(prob.shape)
    """)
    assert child.returncode == 0, child.stderr
    assert child.stdout.strip() == "(800, 800)"
