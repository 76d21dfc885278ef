"""SVG drawings: round ticks that cover the data, and plots that escape every label."""

from __future__ import annotations

import math
import re
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.reports.svg import SOLUTION_TITLES, lines_svg, nice_ticks, utility_svg

NICE = {1.0, 2.0, 2.5, 5.0, 10.0}


@given(st.floats(-1e6, 1e6), st.floats(1e-3, 1e6))
def test_ticks_are_round_evenly_spaced_and_cover_the_range(low, span):
    high = low + span
    ticks = nice_ticks(low, high)
    slack = 1e-9 * max(1.0, abs(low), abs(high))  # ticks are rounded to 10 decimals
    assert ticks[0] <= low + slack and ticks[-1] >= high - slack
    steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:])}
    step = ticks[1] - ticks[0]
    assert max(steps) - min(steps) <= 1e-6 * step
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert any(mantissa == pytest.approx(m) for m in NICE)
    assert len(ticks) <= 12


def test_equal_ends_still_give_a_range():
    assert nice_ticks(3.0, 3.0)[0] < 3.0 < nice_ticks(3.0, 3.0)[-1]


def data(**changes) -> dict:
    plot = {"axes": [0, 1], "parties": ["A <b>", "B"], "reservation": [0.2, 0.3], "n_outcomes": 3,
            "points": [[0.1, 0.9, 0], [0.9, 0.1, 1]], "frontier": [[0.1, 0.9, 0], [0.9, 0.1, 1]],
            "frontier_is_curve": True, "solutions": {"nash": [0.5, 0.5, 2]}}
    return {**plot, **changes}


def test_utility_plot_is_well_formed_and_escapes_labels():
    paths = [{"party": "A <b>", "points": [[0.1, 0.9, 0], [0.4, 0.6, 2]]}]
    svg = utility_svg(data(), paths=paths)
    root = ElementTree.fromstring(svg)  # well-formed XML: every label escaped
    assert "A <b>" not in svg and "utility of A &lt;b&gt;" in svg
    assert [c.get("data-step") for c in root.iter("{http://www.w3.org/2000/svg}circle")
            if c.get("class") == "offer"] == ["0", "2"]
    assert svg.count('class="solution"') == 1 and set(SOLUTION_TITLES) >= {"nash"}


def test_lines_plot_draws_one_line_per_series():
    svg = lines_svg({"x <1>": [1, 2, 3], "forecast": [2, 2, 2]}, [0, 1, 2], "t", "position", dashed=("forecast",))
    root = ElementTree.fromstring(svg)
    lines = list(root.iter("{http://www.w3.org/2000/svg}polyline"))
    assert len(lines) == 2 and lines[1].get("stroke-dasharray") == "6 4"


def test_lines_tell_many_series_apart_and_name_them_whole():
    import re

    from accord.reports.svg import lines_svg

    series = {f"Actor number {k} with a long name": [k, k + 1] for k in range(12)}
    svg = lines_svg(series, [0, 1], "t", "position", band=(1.0, 2.0, 3.0, "Monte Carlo 5–95 % band (9 runs)"))
    looks = set()
    for name in series:
        entry = re.search(r"<g>(.*?)<text[^>]*>" + re.escape(name) + "<title>", svg)
        assert entry, name  # named whole in the legend, not cut
        looks.add(re.sub(r'[\d.]+', "", entry.group(1)))
    assert len(looks) == len(series)  # no two series look alike
    assert 'class="band"' in svg and "Monte Carlo 5–95 % band (9 runs)" in svg


def test_shades_colour_the_cloud_by_level():
    from accord.reports.svg import SHADE_ZERO, shade_colour, utility_svg

    assert shade_colour(0) == SHADE_ZERO and shade_colour(-1) == SHADE_ZERO
    assert shade_colour(0.01) == shade_colour(0.1) != shade_colour(0.11)
    assert shade_colour(1) == shade_colour(2) == "#08306b"
    data = {"axes": [0, 1], "parties": ["A", "B"], "reservation": [0.0, 0.0], "frontier": [], "solutions": {},
            "points": [[0.1, 0.2, 0], [0.3, 0.4, 1], [0.5, 0.6, 2]], "n_outcomes": 3}
    plain = utility_svg(data)
    assert plain.count('class="cloud"') == 1 and "shaded" not in plain
    shaded = utility_svg(data, shades=[0.0, 0.95, 0.0])
    groups = re.findall(r'<path d="([^"]*)" stroke="(#\w+)"[^>]*class="cloud shaded"', shaded)
    assert [colour for _, colour in groups] == [SHADE_ZERO, shade_colour(0.95)]  # darkest drawn last
    assert [d.count("M") for d, _ in groups] == [2, 1]


def test_a_projection_says_so_colours_by_the_hidden_party_and_shades_only_all_party_rational_outcomes():
    from accord.reports.plot_data import plot_data
    from accord.reports.svg import legend_html

    import accord

    analysis = accord.analyze(accord.load("tests/data/trio.yaml"))
    plot = plot_data(analysis, (1, 2))
    svg = utility_svg(plot)
    root = ElementTree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("aria-label").startswith("projection of the 3-party space on Down (x) and Lender (y)")
    assert [t.text for t in root.iter(f"{ns}text") if t.get("class") == "projection"][0].startswith("projection")
    halo = [p for p in root.iter(f"{ns}path") if p.get("class") == "rational"]
    rational = [k for _, _, k in plot["points"] if plot["deals"][k]["rational"]]
    assert len(halo) == 1 and halo[0].get("d").count("h0") == len(rational) < len(plot["points"])
    assert not [r for r in root.iter(f"{ns}rect") if r.get("class") == "rational"]  # no pair-only rectangle
    bands = [p for p in root.iter(f"{ns}path") if p.get("class") == "cloud"]
    assert sum(p.get("d").count("h0") for p in bands) == len(plot["points"])
    assert len({p.get("stroke") for p in bands if p.get("d")}) > 1  # the hidden party's utility varies
    rings = [g for g in root.iter(f"{ns}g") if g.get("class") == "frontier-points"][0]
    assert len(list(rings)) == len(plot["frontier"])
    assert [p for p in root.iter(f"{ns}polyline") if p.get("class") == "pair-frontier"]
    legend = legend_html(plot)
    assert "3-party Pareto frontier" in legend and "frontier of Down and Lender alone" in legend
    assert "colour: utility of Up" in legend and "no deal for all 3 parties" in legend


def test_a_sampled_plot_and_its_legend_say_it_is_a_sample_of_how_many():
    import accord
    from accord.reports.plot_data import plot_data
    from accord.reports.svg import legend_html

    data = plot_data(accord.analyze(accord.load("tests/data/treaty-30x10.yaml")), max_points=500)
    svg = utility_svg(data)
    ElementTree.fromstring(svg)
    caption = ElementTree.fromstring(svg).find("{http://www.w3.org/2000/svg}text[@class='sample-caption']")
    assert caption.text == "a sample of 500 of 1,000,000,000,000,000,000,000,000,000,000 outcomes"
    assert ("Outcomes drawn: a uniform random sample of 500 of the 1,000,000,000,000,000,000,000,000,000,000 "
            "outcomes (seed 0); the frontier and the solutions are exact") in legend_html(data)
    assert "one per pixel cell" not in legend_html(data)
