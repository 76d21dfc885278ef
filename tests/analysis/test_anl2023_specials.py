"""A second, independent reference: the ANL 2023 competition's own Pareto front, Nash, Kalai and
social-welfare points (`specials.json` beside two of its GeniusWeb domains)."""

import json

import numpy as np
import pytest

import accord

TOLERANCE = 1e-9
DOMAINS = ("ANL2023_domain00", "ANL2023_domain01")


@pytest.mark.parametrize("name", DOMAINS)
def test_frontier_and_solutions_match_the_competition_figures(shared_domains, name):
    folder = shared_domains / "geniusweb" / name
    specials = json.loads((folder / "specials.json").read_text())
    analysis = accord.analyze(accord.load(folder))
    assert analysis.n_outcomes == specials["size"]
    front = np.array(sorted({tuple(point["utility"]) for point in specials["pareto_front"]}))
    assert analysis.pareto_points.shape == front.shape
    np.testing.assert_allclose(analysis.pareto_points, front, atol=TOLERANCE, rtol=0)
    for ours, theirs in (("nash", "nash"), ("kalai_smorodinsky", "kalai"), ("utilitarian", "social_welfare")):
        deal = analysis.solutions[ours]
        np.testing.assert_allclose(deal.utilities, specials[theirs]["utility"], atol=TOLERANCE, rtol=0)
        assert deal.outcome == specials[theirs]["bid"], ours
