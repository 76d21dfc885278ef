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
