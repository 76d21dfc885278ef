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
