import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from click.testing import CliRunner

from accord.analysis import analyze
from accord.analysis.sensitivity import reservation_grid, weight_noise
from accord.cli.main import app
from accord.io import load
from tests.cli_assertions import assert_one_line_error
from tests.generators import scenarios

MINI = Path(__file__).resolve().parents[1] / "data" / "mini.yaml"


@given(scenarios())
@settings(max_examples=30, deadline=None)
def test_grid_cell_at_the_scenario_reservations_equals_the_analysis(scenario):
    analysis = analyze(scenario)
    (cell,) = reservation_grid(scenario, {})
    assert cell.rational_outcomes == analysis.rational_outcomes
    nash = analysis.solutions["nash"]
    assert cell.nash == (None if nash is None else nash.outcome)


def test_zone_shrinks_as_a_reservation_rises():
    scenario = load(MINI)
    cells = reservation_grid(scenario, {"A": [0.1, 0.3, 0.5, 0.7]})
    sizes = [cell.rational_outcomes for cell in cells]
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[0] > sizes[-1]


def test_zero_weight_noise_never_moves_the_nash_deal_and_seeds_repeat():
    scenario = load(MINI)
    still = weight_noise(scenario, runs=5, scale=0.0)
    assert still.same_nash == 5 and still.no_zone == 0
    first = weight_noise(scenario, runs=8, scale=0.3, seed=4)
    again = weight_noise(scenario, runs=8, scale=0.3, seed=4)
    assert first == again
    assert all(abs(sum(options.values()) - 1) < 1e-9 for options in first.option_frequency.values())


def test_cli_json_and_errors():
    runner = CliRunner()
    result = runner.invoke(app, ["sensitivity", str(MINI), "--reservation", "A=0.2:0.4:3", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [cell["reservation"][0] for cell in document["reservation_grid"]] == [0.2, 0.3, 0.4]
    bad = runner.invoke(app, ["sensitivity", str(MINI), "--reservation", "Nobody=0.1"])
    assert bad.exit_code == 2 and "unknown party 'Nobody'" in bad.stderr
    negative = runner.invoke(app, ["sensitivity", str(MINI), "--weight-noise", "-1"])
    assert negative.exit_code == 2 and "--weight-noise" in negative.stderr


@pytest.mark.parametrize("args, fragments", [
    (["--weight-noise", "nan"], ["--weight-noise", "must lie in [0, 10]"]),
    (["--weight-noise", "1e308"], ["--weight-noise", "must lie in [0, 10]"]),
    (["--weight-noise", "0.1", "--runs", "2", "--seed", "-1"], ["--seed", "0 or more"]),
    (["--reservation", "A=0.1:0.2:100000000"], ["--reservation", "at most 10,000", "fewer steps"]),
    (["--weight-noise", "0.1", "--runs", "10001"], ["--runs", "1 to 10,000"]),
    (["--reservation", "A=0.1:0.2:200", "--reservation", "B=0.1:0.2:200"], ["40,000 cells", "fewer steps"]),
])
def test_cli_impossible_values_are_one_line(args, fragments):
    result = CliRunner().invoke(app, ["sensitivity", str(MINI), *args])
    assert_one_line_error(result, *fragments)
