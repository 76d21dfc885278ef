import math

import numpy as np
from hypothesis import given, settings

from accord.analysis import analyze, pareto_mask, rational_mask, solve
from accord.analysis.analyze import DECIMALS
from accord.io import load
from tests.generators import scenarios

DATA = __import__("pathlib").Path(__file__).resolve().parents[1] / "data"


@given(scenarios())
@settings(max_examples=60, deadline=None)
def test_solutions_are_rational_and_on_the_frontier(scenario):
    analysis = analyze(scenario)
    on_front = {tuple(p) for p in analysis.pareto_points.tolist()}
    for name, deal in analysis.solutions.items():
        if analysis.rational_outcomes == 0:
            assert deal is None
            continue
        # The analysis rounds utilities and reservation values alike to DECIMALS before comparing them.
        assert all(u >= round(r, DECIMALS) for u, r in zip(deal.utilities, scenario.reservations)), name
        assert tuple(deal.utilities) in on_front, name


def test_nash_on_a_continuous_frontier_matches_the_closed_form():
    # u1 = x, u2 = sqrt(1 - x) on a fine grid: Nash at x = 2/3, Kalai–Smorodinsky at x = (sqrt 5 - 1)/2.
    x = np.linspace(0, 1, 300001)
    utilities = np.column_stack([x, np.sqrt(1 - x)])
    chosen = solve(utilities, np.zeros(2))
    assert math.isclose(x[chosen["nash"]], 2 / 3, abs_tol=1e-5)
    assert math.isclose(x[chosen["kalai_smorodinsky"]], (math.sqrt(5) - 1) / 2, abs_tol=1e-5)


def test_no_rational_outcome_gives_no_solutions():
    utilities = np.array([[0.2, 0.9], [0.9, 0.2]])
    assert not rational_mask(utilities, np.array([0.5, 0.5])).any()
    assert solve(utilities, np.array([0.5, 0.5])) == {
        "nash": None, "kalai_smorodinsky": None, "egalitarian": None, "utilitarian": None}


def test_ties_go_to_the_largest_sum():
    utilities = np.array([[0.5, 0.5], [0.5, 0.7], [0.3, 0.3]])
    assert solve(utilities, np.zeros(2), which=("egalitarian",))["egalitarian"] == 1


def test_mini_scenario_figures():
    analysis = analyze(load(DATA / "mini.yaml"))
    assert analysis.n_outcomes == 70
    assert analysis.rational_outcomes == 42
    assert analysis.solutions["nash"].outcome == {"island": "north", "fishing": 0, "share": 0.25}
    assert analysis.solutions["nash"].utilities == (0.55, 0.6)
    mask = pareto_mask(analysis.utilities)
    assert mask.sum() == analysis.pareto_outcomes == 31


def test_solve_defaults_to_every_declared_solution_and_scores_by_declaration():
    from accord.analysis import SOLUTIONS, solution_names, solution_titles

    utilities = np.array([[0.9, 0.2], [0.6, 0.6], [0.5, 0.75], [0.2, 0.95]])
    chosen = solve(utilities, np.zeros(2))
    assert tuple(chosen) == solution_names() == tuple(s.name for s in SOLUTIONS)
    assert list(solution_titles().values()) == [s.title for s in SOLUTIONS]
    # by hand: products .18 .36 .375 .19; minima .2 .6 .5 .2; sums 1.1 1.2 1.25 1.15
    assert chosen["nash"] == 2 and chosen["egalitarian"] == 1 and chosen["utilitarian"] == 2
