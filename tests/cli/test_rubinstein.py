"""``accord rubinstein``: subgame-perfect shares, the closed form beside them, and one-line errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from accord.cli.main import app
from tests.cli_assertions import assert_one_line_error

runner = CliRunner()


def test_json_has_the_first_proposer_keeping_five_sevenths():
    result = runner.invoke(app, ["rubinstein", "--discounts", "0.9,0.8", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert set(document) == {"horizon", "parties", "equilibrium"}
    assert document["horizon"] is None
    first, second = document["parties"]
    assert set(first) == {"discount", "share_as_first_proposer", "closed_form"}
    assert first["discount"] == 0.9 and second["discount"] == 0.8
    assert first["share_as_first_proposer"] == pytest.approx(5 / 7, abs=1e-12)
    assert first["closed_form"] == pytest.approx(5 / 7, abs=1e-12)
    assert second["share_as_first_proposer"] == pytest.approx(5 / 14, abs=1e-12)  # (1 − δ₁)/(1 − δ₁δ₂)
    play = document["equilibrium"]
    assert play["first_proposer"] == 0 and play["agreement"] and play["round"] == 0
    assert play["shares"] == pytest.approx([5 / 7, 2 / 7], abs=1e-12)
    assert play["utilities"] == pytest.approx([5 / 7, 2 / 7], abs=1e-12)


def test_table_shows_share_closed_form_and_play():
    result = runner.invoke(app, ["rubinstein", "--discounts", "0.9,0.8"])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("0.714285714286") >= 3  # share, closed form, equilibrium share
    for fragment in ("infinite horizon", "closed form", "party 1 proposes in round 0, party 2 accepts",
                     "discounted utilities"):
        assert fragment in result.stdout


def test_a_horizon_gives_the_finite_game():
    result = runner.invoke(app, ["rubinstein", "--discounts", "0.9,0.8", "--horizon", "3", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["horizon"] == 3
    assert document["parties"][0]["share_as_first_proposer"] == pytest.approx(0.92, abs=1e-12)
    assert document["equilibrium"]["shares"] == pytest.approx([0.92, 0.08], abs=1e-12)
    patient = runner.invoke(app, ["rubinstein", "--discounts", "1,1", "--horizon", "4", "--json"])
    assert json.loads(patient.stdout)["equilibrium"]["shares"] == [0.0, 1.0]  # the last proposer takes all


@pytest.mark.parametrize("arguments, fragments", [
    (["--discounts", "1,0.8"], ["--discounts", "δ₁ = 1.0", "[0, 1)"]),
    (["--discounts", "0.9,1.2", "--horizon", "5"], ["--discounts", "δ₂ = 1.2", "[0, 1]"]),
    (["--discounts=-0.1,0.5"], ["--discounts", "δ₁ = -0.1"]),
    (["--discounts", "0.9"], ["--discounts", "need two"]),
    (["--discounts", "0.9,0.8,0.7"], ["--discounts", "need two"]),
    (["--discounts", "0.9;0.8"], ["--discounts", "not a comma-separated list"]),
    (["--discounts", "nan,0.5"], ["--discounts", "finite"]),
    (["--discounts", "0.9,0.8", "--horizon", "0"], ["--horizon", "at least 1"]),
])
def test_bad_input_is_one_line_with_exit_code_2(arguments, fragments):
    assert_one_line_error(runner.invoke(app, ["rubinstein", *arguments]), *fragments)


def test_a_missing_option_is_one_line_through_the_entry_point(capsys):
    from accord.cli.main import main

    assert main(["rubinstein"]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "--discounts" in lines[0]
