"""``accord sensitivity`` as a person reads it: only what changes from cell to cell, nothing cut at 80 columns."""

from __future__ import annotations

from click.testing import CliRunner

from accord.cli.main import app
from accord.cli.sensitivity_commands import split_deals

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
