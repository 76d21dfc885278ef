"""``accord sensitivity`` as a person reads it: only what changes from cell to cell, nothing cut at 80 columns."""

from __future__ import annotations

from click.testing import CliRunner

from accord.cli.main import app
from accord.cli.sensitivity_commands import split_deals
from tests.cli_assertions import assert_readable_tables

runner = CliRunner()


def test_split_deals_keeps_what_changes_and_states_the_rest_once():
    deals = [{"a": 1, "b": "x", "c": 0.5}, None, {"a": 2, "b": "x", "c": 0.5}]
    assert split_deals(deals) == ({"b": "x", "c": 0.5}, ["a"])
    assert split_deals([None, None]) == ({}, [])


def test_the_grid_at_80_columns_shows_the_changing_issues_whole():
    result = runner.invoke(app, ["sensitivity", "japan-russia-2019", "--reservation", "Japan=0.3:0.6:4"],
                           env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert "…" not in result.stdout and max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "Reservation values in every cell: Russia" in result.stdout
    assert "In every cell with a deal, the Nash deal has" in result.stdout
    for number in ("0.300", "0.400", "0.500", "0.600"):
        assert number in result.stdout


def test_long_party_names_at_80_columns_keep_the_nash_column(mini_with):
    """Long party names took the whole width; the Nash column was squeezed to nothing (its values lost)."""
    path = mini_with(("name: A\n", "name: Upstream Republic of the River\n"),
                     ("name: B\n", "name: Delta Federation of the Coast\n"))
    result = runner.invoke(app, ["sensitivity", str(path)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "Nash" in result.stdout.split("┡")[0]
    rows = [line.split("│")[1:-1] for line in result.stdout.splitlines() if line.startswith("│")]
    assert rows and all(row[-1].strip() for row in rows), result.stdout


def test_the_weight_noise_table_at_80_columns_cuts_no_issue_or_option():
    """The option frequencies cut issue and option names with '…' ('dam_height_and_reservoir_operating_…')."""
    result = runner.invoke(app, ["sensitivity", "tests/data/long-names.yaml", "--weight-noise", "0.3", "--runs", "20"],
                           env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert_readable_tables(result.stdout, headers=("issue", "options (share of runs)"))
    assert "漁業_fishing_quota" in result.stdout and "medium_storage_reservoir" in result.stdout


def test_three_varied_long_names_leave_the_nash_deal_its_room():
    """With identifiers in its header the deal column could not be laid out; Rich gave the numbers the room."""
    parties = ("漁民 Fishers' Co-op", "Ñandú dam authority",
               "International Development Lender (IDL) — Asia–Pacific Infrastructure Window")
    ranges = [option for party in parties for option in ("--reservation", f"{party}=0.2,0.5")]
    result = runner.invoke(app, ["sensitivity", "tests/data/long-names.yaml", *ranges], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert_readable_tables(result.stdout, headers=tuple(f"d {party}" for party in parties))
    top = result.stdout.splitlines()[1]
    assert len(top.split("┳")[-1]) >= 24, top  # the deal column


def test_the_weight_noise_table_shows_values_as_the_grid_and_the_analysis_do():
    """The grid and the analysis show a real 1.0 as '1'; the weight-noise table showed '1.0'."""
    result = runner.invoke(app, ["sensitivity", "tests/data/mini.yaml", "--weight-noise", "0.5", "--runs", "50",
                                 "--seed", "1"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    share = next(line for line in result.stdout.splitlines() if line.startswith("│ share"))
    assert "1 28%" in share and "1.0" not in share, share
