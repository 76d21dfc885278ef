"""The HTML report draws the results it is given and computes none (the full report is tested with
``accord report`` in tests/web/test_report.py)."""

from __future__ import annotations

import pytest

import accord
from accord.forecast import ModelConfig, forecast, load_stakeholders
from accord.reports.html import json_script, render_report
from accord.simulate import run_session

FLAGSHIP = "japan-russia-2019"


@pytest.fixture(scope="module")
def analysis():
    return accord.analyze(accord.load(FLAGSHIP))


def test_the_report_runs_nothing_itself(analysis, monkeypatch):
    import accord.forecast.models
    import accord.simulate
    import accord.simulate.session

    def refuse(*args, **kwargs):
        raise AssertionError("the report computed a result itself")

    monkeypatch.setattr(accord.simulate, "run_session", refuse)
    monkeypatch.setattr(accord.simulate.session, "run_session", refuse)
    monkeypatch.setattr(accord.forecast.models, "run_model", refuse)
    text = render_report(analysis)
    assert "<h2>Simulation</h2>" not in text and "No stakeholder file was given" in text
    assert "<h2>Bargaining solutions</h2>" in text


def test_the_report_shows_the_simulation_and_forecasts_it_is_given(analysis):
    result = run_session(analysis.scenario, ["linear", "conceder"], rounds=40, seed=7)
    groups = load_stakeholders(FLAGSHIP)
    forecasts = [(g, forecast(g, ModelConfig(model="eu", rounds=3))) for g in groups]
    text = render_report(analysis, simulation=result, max_rounds=40, forecasts=forecasts, stakeholders=FLAGSHIP)
    assert f"Protocol <b>{result.protocol}</b>, 40 rounds, seed 7" in text
    assert f"{result.parties[0]}: linear, {result.parties[1]}: conceder" in text
    assert text.count('class="lines-plot"') == len(groups)
    assert "Forecast after 3 rounds" in text


def test_json_script_cannot_close_its_element():
    assert "</script>" not in json_script("x", {"a": "</script><script>alert(1)"})[:-len("</script>")]


def test_the_simulation_section_says_whether_the_deal_is_ratified_as_the_cli_does(analysis):
    result = run_session(analysis.scenario, ["conceder", "conceder"], rounds=60, seed=1)
    assert result.agreement and result.ratified is not None
    text = render_report(analysis, simulation=result, max_rounds=60)
    expected = ("Ratified at home by every constituency." if result.ratified else
                "Not ratified at home: rejected by " + ", ".join(result.rejected_by))
    assert expected in text


def test_the_forecast_shows_the_monte_carlo_median_and_band_it_is_given(analysis):
    from accord.forecast import monte_carlo

    groups = load_stakeholders(FLAGSHIP)
    config = ModelConfig(model="eu", rounds=3)
    forecasts = [(g, forecast(g, config)) for g in groups]
    summary = monte_carlo(groups[0], config, runs=10, seed=2)
    text = render_report(analysis, forecasts=forecasts, stakeholders=FLAGSHIP, monte_carlo=[summary])
    assert (f"Monte Carlo, 10 runs over the stated uncertainty (seed 2): median <b>{summary.median:.4g}</b>, "
            f"5–95 % band [{summary.p5:.4g}, {summary.p95:.4g}]") in text
    assert text.count('class="band"') == 1  # only the issue given a summary


def test_beyond_enumeration_the_report_shows_the_exact_figures_and_a_labelled_sample():
    import json
    import re

    from accord.reports.plot_data import plot_data

    huge = accord.analyze(accord.load("tests/data/treaty-30x10.yaml"))
    text = render_report(huge, omitted={"Simulation": "omitted: it needs every outcome."})
    assert ("Beyond enumeration: analysed exactly by additive-merge; the plot draws a uniform random sample of 3,000 "
            "of the 1,000,000,000,000,000,000,000,000,000,000 outcomes (seed 0)") in text
    assert "660 frontier utility vectors (668 outcomes)" in text
    assert "how many is not counted exactly within the search budget" in text
    assert '<h2>Simulation</h2><p class="omitted muted">omitted: it needs every outcome.</p>' in text
    for deal in huge.solutions.values():
        assert all(f"<td>{u:.4f}</td>" in text for u in deal.utilities)
    embedded = re.search(r'<script type="application/json" id="plot-data">(.*?)</script>', text).group(1)
    assert json.loads(embedded) == json.loads(json.dumps(plot_data(huge)))
