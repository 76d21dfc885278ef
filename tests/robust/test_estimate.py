"""``robust`` against brute force, a closed form and its own invariants; the same answer on every executor."""

from __future__ import annotations

import numpy as np
import pytest

from accord.analysis import analyze, pareto_mask, solution_names
from accord.errors import OptionError
from accord.robust import robust, scenario_at
from accord.robust.distributions import draw
from accord.robust.estimate import rank_correlation, ranks
from accord.space import utility_column
from accord.executors import DaskExecutor, ProcessExecutor
from tests.robust.scenarios import scenario, wide, zero_width


def test_zero_width_probabilities_are_zero_or_one_and_match_analyze():
    s = zero_width()
    reference = analyze(s)
    result = robust(s, samples=30, seed=2)
    assert result.p_zone == float(reference.rational_outcomes > 0)
    assert result.p_ratifiable_zone == float(reference.ratification.zone_with_ratification > 0)
    for counts in (result.rational, result.ratified, result.pareto, result.solutions):
        assert set(np.unique(counts)) <= {0, 30}
    for k, name in enumerate(solution_names()):
        assert np.flatnonzero(result.solutions[k]).tolist() == [reference.solutions[name].position]
    assert result.robust_position is not None
    assert all(d.rank_correlation == 0 and d.delta_p == 0 for d in result.drivers)


def test_brute_force_loop_over_the_same_draws_matches_exactly():
    s = wide()
    samples = 40
    result = robust(s, samples=samples, seed=9)
    draws = draw(s.uncertainty, 9, range(samples))
    rational = np.zeros(result.rational.size, dtype=int)
    ratified, pareto = np.zeros_like(rational), np.zeros_like(rational)
    solutions = np.zeros_like(result.solutions)
    zone = []
    for row in draws:
        a = analyze(scenario_at(s, row))
        mask = (a.utilities >= np.round(a.scenario.reservations, 10)).all(axis=1)
        rational += mask
        ratified += mask & a.ratification.ratified
        pareto += pareto_mask(a.utilities)
        for k, name in enumerate(solution_names()):
            if a.solutions[name] is not None:
                solutions[k, a.solutions[name].position] += 1
        zone.append(a.rational_outcomes > 0)
    assert np.array_equal(result.rational, rational)
    assert np.array_equal(result.ratified, ratified)
    assert np.array_equal(result.pareto, pareto)
    assert np.array_equal(result.solutions, solutions)
    assert result.zone.tolist() == zone


def test_uniform_reservations_with_fixed_utilities_follow_the_closed_form():
    lows, highs = (0.3, 0.35), (0.7, 0.8)
    s = scenario(**{"parties[0].reservation": {"value": 0.4, "uniform": [lows[0], highs[0]]},
                    "parties[1].reservation": {"value": 0.45, "uniform": [lows[1], highs[1]]}})
    samples = 2000
    result = robust(s, samples=samples, seed=4)
    u = analyze(s).utilities
    exact = np.prod([np.clip((u[:, j] - lows[j]) / (highs[j] - lows[j]), 0, 1) for j in range(2)], axis=0)
    estimate = result.rational / samples
    se = np.sqrt(exact * (1 - exact) / samples)
    assert np.all(np.abs(estimate - exact) <= 4 * se + 1e-12)
    assert 0 < exact.max() and exact.min() < 1  # the case is not degenerate


def test_probabilities_are_consistent():
    result = robust(wide(), samples=60, seed=1)
    assert np.all(result.ratified <= result.rational)
    # Each solution picks one package per sample with a zone, so over the packages its probabilities sum to
    # P(zone) <= 1 (one package may be the Nash and the KS deal at once, so a package's own sum may exceed 1).
    assert result.solutions.sum(axis=1).tolist() == [int(result.zone.sum())] * len(solution_names())
    assert np.all(result.solutions <= result.rational)
    document = result.to_json()
    assert document["p_ratifiable_zone"]["value"] <= document["p_zone"]["value"]
    best = document["robust_deal"]
    assert best["p_ratified"] == max(p["p_ratified"] for p in result.to_json(all_packages=True)["packages"])
    assert all(lo <= med <= hi for lo, med, hi in zip(best["utilities"]["p05"], best["utilities"]["median"],
                                                       best["utilities"]["p95"]))
    deltas = [abs(d["delta_p"]) for d in document["drivers"]]
    assert deltas == sorted(deltas, reverse=True)


def test_the_same_seed_gives_the_same_answer_on_every_executor():
    s = wide()
    serial = robust(s, samples=150, seed=7).to_json(all_packages=True)
    with ProcessExecutor(2) as executor:
        assert robust(s, samples=150, seed=7, executor=executor).to_json(all_packages=True) == serial
    pytest.importorskip("distributed")
    with DaskExecutor("local", workers=2, processes=False) as executor:
        assert robust(s, samples=150, seed=7, executor=executor).to_json(all_packages=True) == serial


def test_a_different_seed_gives_different_draws():
    assert robust(wide(), samples=50, seed=1).to_json() != robust(wide(), samples=50, seed=2).to_json()


@pytest.mark.parametrize(("samples", "seed", "parameter"), [(0, 1, "samples"), (10, -1, "seed")])
def test_impossible_options_name_the_parameter(samples, seed, parameter):
    with pytest.raises(OptionError) as error:
        robust(wide(), samples=samples, seed=seed)
    assert error.value.parameter == parameter and not error.value.source


def test_rank_correlation_matches_scipy_with_ties():
    stats = pytest.importorskip("scipy.stats")
    rng = np.random.default_rng(0)
    x = rng.integers(0, 5, 200).astype(float)
    y = rng.random(200) < 0.3
    assert rank_correlation(x, y) == pytest.approx(stats.spearmanr(x, y).statistic)
    assert ranks(np.array([3.0, 1.0, 3.0])).tolist() == [2.5, 1.0, 2.5]
    assert rank_correlation(np.ones(5), np.arange(5)) == 0.0


def test_drivers_find_the_number_that_decides_ratification():
    """The ratifiable zone exists exactly when A's parliament's threshold is at most 0.91 (its best rational
    package, whatever B's reservation in [0, 0.1]); B's reservation does not matter. So the threshold leads the
    table with delta_p = -1, and its rank correlation is that of a uniform with its own lower tail."""
    s = scenario(**{"parties[0].constituencies[0].threshold": {"value": 0.7, "uniform": [0.6, 1.0]},
                    "parties[1].reservation": {"value": 0.05, "uniform": [0.0, 0.1]}})
    for reservation_b in (0.0, 0.1):  # the claim about 0.91, from the analysis at either end of B's range
        a = analyze(scenario(**{"parties[1].reservation": reservation_b}))
        rational = (a.utilities >= np.round(a.scenario.reservations, 10)).all(axis=1)
        best = np.round(utility_column(a.scenario.parties[0].constituencies[0].utility, a.space), 10)[rational].max()
        assert best == 0.91
    samples = 2000
    result = robust(s, samples=samples, seed=3)
    p = (0.91 - 0.6) / 0.4
    assert abs(result.p_ratifiable_zone - p) <= 4 * np.sqrt(p * (1 - p) / samples)
    assert result.p_zone == 1.0
    threshold, reservation = result.drivers
    assert threshold.parameter == "parties[0].constituencies[0].threshold"
    assert threshold.delta_p == -1.0
    assert threshold.rank_correlation == pytest.approx(-np.sqrt(3 * p * (1 - p)), abs=0.05)
    assert reservation.parameter == "parties[1].reservation"
    assert abs(reservation.delta_p) <= 0.2 and abs(reservation.rank_correlation) <= 0.1
