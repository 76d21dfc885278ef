"""Plot data: one point per pixel cell, every point carrying its deal, offer paths on the plot's axes."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

import accord
from accord.reports.plot_data import offer_paths, plot_data, project_paths, sample_positions

FLAGSHIP = "japan-russia-2019"


def test_sample_keeps_one_point_per_cell_and_the_extremes():
    rng = np.random.default_rng(0)
    utilities = np.round(rng.random((50_000, 2)), 10)
    chosen = sample_positions(utilities, (0, 1), max_points=10**6)
    cells = {(round(x * 320), round(y * 320)) for x, y in utilities}
    assert len(chosen) == len(cells)
    assert len(sample_positions(utilities, (0, 1), max_points=500)) == 500


def test_plot_data_points_carry_their_deals():
    analysis = accord.analyze(accord.load(FLAGSHIP))
    data = plot_data(analysis)
    for x, y, k in data["points"][:50] + data["frontier"][:50]:
        deal = data["deals"][k]
        assert [x, y] == deal["u"][:2]
        outcome = {i.name: i.values[v] for i, v in zip(analysis.scenario.issues, deal["v"])}
        position = analysis.space.position_of(outcome)
        assert list(analysis.utilities[position]) == deal["u"]


def test_offer_paths_follow_each_proposer_and_project_on_the_axes():
    trace = [{"party": "A", "offer": 1, "utilities": [0.9, 0.1, 0.5]},
             {"party": "B", "offer": 2, "utilities": [0.2, 0.8, 0.4]},
             {"party": "mediator", "offer": 3, "utilities": [0.5, 0.5, 0.5]},
             {"party": "A", "offer": None, "utilities": []},
             {"party": "A", "offer": 4, "utilities": [0.7, 0.3, 0.6]}]
    paths = offer_paths(SimpleNamespace(trace=trace, parties=("A", "B", "C")))
    assert paths == [{"party": "A", "points": [[0.9, 0.1, 0.5, 0], [0.7, 0.3, 0.6, 4]]},
                     {"party": "B", "points": [[0.2, 0.8, 0.4, 1]]}]
    assert project_paths(paths, (2, 0)) == [{"party": "A", "points": [[0.5, 0.9, 0], [0.6, 0.7, 4]]},
                                            {"party": "B", "points": [[0.4, 0.2, 1]]}]


TRIO = "tests/data/trio.yaml"


def _dominated_in_pair(pair: np.ndarray, k: int) -> bool:
    """Brute force: some row is at least as good for both and better for one."""
    better = (pair >= pair[k]).all(axis=1) & (pair > pair[k]).any(axis=1)
    return bool(better.any())


def test_pair_frontier_is_the_brute_force_frontier_of_the_two_columns():
    from accord.reports.plot_data import pair_frontier

    rng = np.random.default_rng(3)
    utilities = np.round(rng.random((400, 3)), 2)
    positions = pair_frontier(utilities, (2, 0))
    pair = utilities[:, [2, 0]]
    expected = {tuple(pair[k]) for k in range(len(pair)) if not _dominated_in_pair(pair, k)}
    assert {tuple(pair[p]) for p in positions} == expected and len(positions) == len(expected)
    assert list(pair[positions, 0]) == sorted(pair[positions, 0])


def test_three_parties_give_a_labelled_projection_with_both_frontiers_and_rational_flags():
    analysis = accord.analyze(accord.load(TRIO))
    data = plot_data(analysis, (0, 2))
    assert data["projection"] == ("projection of the 3-party space on Up (x) and Lender (y); Down shown by colour "
                                  "and on hover")
    assert data["off_axis"] == "utility of Down"
    reservation = np.asarray(analysis.scenario.reservations)
    for deal in data["deals"]:
        assert deal["rational"] == bool((np.asarray(deal["u"]) >= reservation).all())
        assert len(deal["u"]) == 3  # every party's utility, for the hover
    front = {tuple(u) for u in analysis.utilities[analysis.frontier_positions]}
    assert all(tuple(data["deals"][k]["u"]) in front for _, _, k in data["frontier"])
    pair = analysis.utilities[:, [0, 2]]
    assert data["pair_frontier"]
    for x, y, k in data["pair_frontier"]:
        assert [x, y] == [data["deals"][k]["u"][0], data["deals"][k]["u"][2]]
        assert not ((pair >= [x, y]).all(axis=1) & (pair > [x, y]).any(axis=1)).any()
    # a projection hides parties: some n-party frontier outcomes are not on the pair's frontier
    assert {tuple(p[:2]) for p in data["frontier"]} - {tuple(p[:2]) for p in data["pair_frontier"]}


def test_two_parties_are_no_projection():
    data = plot_data(accord.analyze(accord.load("tests/data/mini.yaml")))
    assert data["projection"] == "" and data["off_axis"] == "" and data["pair_frontier"] == []


def test_every_cell_with_an_all_party_rational_outcome_draws_one():
    analysis = accord.analyze(accord.load(TRIO))
    data = plot_data(analysis, (0, 1))
    utilities = analysis.utilities
    rational = (utilities >= np.asarray(analysis.scenario.reservations)).all(axis=1)
    cells = {(round(u[0] * 320), round(u[1] * 320)) for u in utilities[rational]}
    drawn = {(round(x * 320), round(y * 320)) for x, y, k in data["points"] if data["deals"][k]["rational"]}
    assert cells == drawn


TREATY = "tests/data/treaty-30x10.yaml"
ANAC = "genius/ANAC2014_10issuesDiscountedwithRV"


def _outcome(scenario, deal):
    return {i.name: i.values[v] for i, v in zip(scenario.issues, deal["v"])}


def test_beyond_enumeration_the_cloud_is_a_labelled_bounded_sample_and_the_frontier_exact():
    from accord.space.search import score_outcomes

    analysis = accord.analyze(accord.load(ANAC))
    assert analysis.method == "branch-and-bound"
    data = plot_data(analysis, max_points=800)
    assert data["sample"] == {"size": 800, "seed": 0, "of": 10**10, "caption":
                              "a uniform random sample of 800 of the 10,000,000,000 outcomes (seed 0); the frontier "
                              "and the solutions are exact"}
    assert len(data["points"]) == 800
    assert sorted((x, y) for x, y, _ in data["frontier"]) == [tuple(p) for p in analysis.pareto_points.tolist()]
    for name, deal in analysis.solutions.items():
        x, y, k = data["solutions"][name]
        assert [x, y] == list(deal.utilities) and _outcome(analysis.scenario, data["deals"][k]) == deal.outcome
    # every drawn deal is scored as the scenario scores it
    values = np.array([d["v"] for d in data["deals"]])
    np.testing.assert_array_equal(score_outcomes(analysis.scenario, values), [d["u"] for d in data["deals"]])
    rational = [all(u >= r for u, r in zip(d["u"], data["reservation"])) for d in data["deals"]]
    assert rational == [d["rational"] for d in data["deals"]]


def test_the_sampled_view_is_deterministic_and_small_at_ten_to_the_thirty():
    analysis = accord.analyze(accord.load(TREATY))
    first, again = plot_data(analysis), plot_data(analysis)
    assert first == again
    assert first["sample"]["of"] == 10**30 and first["sample"]["size"] == len(first["points"]) == 3000
    assert len(first["deals"]) <= 3000 + len(analysis.pareto_points) + 4


def test_an_enumerated_view_says_it_is_not_a_sample():
    assert plot_data(accord.analyze(accord.load(FLAGSHIP)))["sample"] is None


def test_a_sampled_projection_of_three_parties_draws_the_exact_frontier_without_a_pair_frontier():
    from accord.model import Issue, LinearAdditive, Party, Scenario
    from accord.model.utilities import Table
    from accord.reports.svg import utility_svg

    rng = np.random.default_rng(5)
    issues = tuple(Issue.categorical(f"i{k}", tuple(f"o{j}" for j in range(10))) for k in range(9))
    parties = tuple(Party(name, LinearAdditive(tuple([1 / 9] * 9), tuple(Table(tuple(rng.random(10).round(2)))
                                                                         for _ in issues)), 0.4)
                    for name in ("A", "B", "C"))
    analysis = accord.analyze(Scenario("three", issues, parties))
    assert analysis.method == "additive-merge"
    data = plot_data(analysis, (0, 2), max_points=400)
    assert data["projection"].startswith("projection of the 3-party space on A (x) and C (y)")
    assert data["pair_frontier"] == [] and len(data["points"]) == 400
    projected = {(p[0], p[2]) for p in analysis.pareto_points.tolist()}
    assert {(x, y) for x, y, _ in data["frontier"]} == projected
    assert 'class="frontier-points"' in utility_svg(data)
