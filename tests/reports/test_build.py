"""The report builder the CLI and the web share: it says which version of the scenario it shows."""

from __future__ import annotations

import accord
from accord.io.versions import describe
from accord.reports.build import build_report


def test_the_report_names_the_version_and_runs_the_scenario_given():
    scenario = accord.load("tests/data/trio.yaml")
    text = build_report(scenario, ["conceder"] * 3, rounds=20, version=describe(scenario))
    assert f'<p class="version">Scenario: {describe(scenario)}</p>' in text
    assert "Up: conceder, Down: conceder, Lender: conceder" in text
    assert "projection of the 3-party space on Up (x) and Down (y)" in text
    assert 'class="version"' not in build_report(scenario, rounds=20)


def test_a_three_party_report_folds_in_the_other_projections():
    text = build_report(accord.load("tests/data/trio.yaml"), rounds=5)
    for x, y in (("Up", "Down"), ("Up", "Lender"), ("Down", "Lender")):
        assert f"projection of the 3-party space on {x} (x) and {y} (y)" in text
    assert "Projections on the other pairs of parties" in text
    assert "Projections on the other pairs" not in build_report(accord.load("tests/data/mini.yaml"), rounds=5)


def test_beyond_enumeration_a_section_that_refuses_the_space_is_omitted_in_one_line(monkeypatch):
    import accord.simulate
    from accord.errors import ScenarioError

    def refuse(scenario, *args, **kwargs):
        raise ScenarioError(f"has {scenario.cartesian_size:,} outcomes; Accord enumerates at most 50,000,000",
                            source=scenario.name)

    monkeypatch.setattr(accord.simulate, "run_session", refuse)
    text = build_report(accord.load("genius/ANAC2014_10issuesDiscountedwithRV"), rounds=5)
    assert ('<h2>Simulation</h2><p class="omitted muted">omitted: this section needs every outcome enumerated, and '
            "this scenario has 10,000,000,000 (Accord enumerates at most 50,000,000).</p>") in text
    assert "8 frontier utility vectors (486,416 outcomes)" in text


def test_within_enumeration_a_refusal_is_still_an_error(monkeypatch):
    import pytest

    import accord.simulate
    from accord.errors import ScenarioError

    def refuse(*args, **kwargs):
        raise ScenarioError("refused", source="mini")

    monkeypatch.setattr(accord.simulate, "run_session", refuse)
    with pytest.raises(ScenarioError):
        build_report(accord.load("tests/data/mini.yaml"), rounds=5)
