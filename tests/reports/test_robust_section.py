"""The robustness section and the panel's drawings: every figure is the robustness document's, every point's
colour its package's probability."""

from __future__ import annotations

import re

import numpy as np
import pytest

import accord
from accord.reports.plot_data import plot_data
from accord.reports.robust_section import (colour_measure, deal_positions, point_shades, robust_section,
                                           robust_view)
from accord.reports.svg import shade_colour
from accord.robust import robust
from tests.robust.scenarios import scenario, wide


THRESHOLD = {"parties[0].constituencies[0].threshold": {"value": 0.8, "uniform": [0.65, 0.95]}}


@pytest.fixture(scope="module")
def estimate():
    toy = wide(**THRESHOLD)  # a ratifiable zone exists in about half the samples
    analysis = accord.analyze(toy)
    return analysis, plot_data(analysis), robust(toy, 300, seed=0)


def test_deal_positions_are_the_outcomes_the_plot_draws(estimate):
    analysis, data, result = estimate
    positions = deal_positions(result.space, data)
    assert len(positions) == len(data["deals"])
    for position, deal in zip(positions, data["deals"]):
        assert analysis.utilities[position].tolist() == deal["u"]  # brute force: same outcome, same utilities
        assert analysis.space.value_indices(np.array([position]))[0].tolist() == deal["v"]


def test_deal_positions_skip_outcomes_a_constraint_rules_out():
    document = accord.scenario_to_dict(accord.load("tests/data/trio.yaml"))
    constrained = accord.scenario_from_dict(document, "trio")
    analysis = accord.analyze(constrained)
    assert analysis.space.feasible_indices is not None
    data = plot_data(analysis)
    positions = deal_positions(analysis.space, data)
    assert [analysis.space.value_indices(np.array([p]))[0].tolist() for p in positions] == \
        [deal["v"] for deal in data["deals"]]


def test_point_shades_are_each_packages_probability(estimate):
    _, data, result = estimate
    positions = deal_positions(result.space, data)
    shades = point_shades(result, data, "ratified")
    assert shades == [result.ratified[positions[k]] / result.samples for _, _, k in data["points"]]
    assert point_shades(result, data, "rational") == [result.rational[positions[k]] / result.samples
                                                       for _, _, k in data["points"]]


def test_the_colour_falls_back_to_p_rational_when_nothing_is_ever_ratified(estimate):
    _, _, result = estimate
    assert colour_measure(result) == "ratified"
    never = robust(wide(**{"parties[0].constituencies[0].threshold": 1.0}), 50, seed=0)
    assert not never.ratified.any() and colour_measure(never) == "rational"


def test_the_view_colours_every_point_and_charts_the_drivers(estimate):
    analysis, data, result = estimate
    view = robust_view(analysis, result, data)
    shades = point_shades(result, {**data, "points": data["points"] + data["frontier"]}, view["measure"])
    assert len(shades) == len(data["points"]) + len(data["frontier"])  # the frontier's packages are shaded too
    drawn = {colour: d.count("M") for d, colour in
             re.findall(r'<path d="([^"]*)" stroke="(#\w+)"[^>]*class="cloud shaded"', view["svg"])}
    expected: dict[str, int] = {}
    for level in shades:
        expected[shade_colour(level)] = expected.get(shade_colour(level), 0) + 1
    assert drawn == expected
    labels = re.findall(r'class="bar" data-label="([^"]*)"', view["drivers_svg"])
    assert labels == [d.parameter for d in result.drivers][:len(labels)] and labels


def test_the_section_shows_the_documents_figures(estimate):
    analysis, data, result = estimate
    document = result.to_json()
    html = robust_section(analysis, data, result)
    assert html.startswith("<h2>Robustness</h2>")
    assert f"{document['p_zone']['value']:.1%} ± {document['p_zone']['se']:.1%}" in html
    ratifiable = document["p_ratifiable_zone"]
    assert f"{ratifiable['value']:.1%} ± {ratifiable['se']:.1%}" in html
    deal = document["robust_deal"]
    assert f"P(rational and ratified) {deal['p_ratified']:.1%} ± {deal['se']['p_ratified']:.1%}" in html
    assert f"{deal['utilities']['median'][0]:.3f} (5–95 %: {deal['utilities']['p05'][0]:.3f}" in html
    assert "300 scenarios drawn (seed 0)" in html and "Which assumption matters" in html
    assert 'class="bars-plot"' in html
    first = document["drivers"][0]
    assert first["parameter"] == "parties[0].constituencies[0].threshold" and first["delta_p"] < 0
    assert f'data-label="{first["parameter"]}" data-value="{first["delta_p"]:.6g}"' in html


def test_a_scenario_without_a_ratifiable_deal_says_so():
    toy = scenario(**{"parties[0].reservation": {"value": 0.99, "uniform": [0.98, 1.0]}})
    analysis = accord.analyze(toy)
    html = robust_section(analysis, plot_data(analysis), robust(toy, 40, seed=1))
    assert "Robust deal:</b> none" in html
    assert "never changed across the samples" in html and 'class="bars-plot"' not in html
