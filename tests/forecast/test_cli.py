from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from accord.cli.main import app
from tests.cli_assertions import assert_one_line_error, assert_readable_tables
from tests.yaml_bombs import REFUSAL, STAKEHOLDER_BOMB

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_forecast_json_shape_and_round_one():
    result = run("forecast", "eu10-car-emissions", "--rounds", "2", "--json")
    assert result.exit_code == 0, result.output
    (document,) = json.loads(result.stdout)["issues"]
    assert document["model"] == "eu" and document["issue"] == "eu10-car-emissions"
    rounds = document["rounds"]
    assert [r["round"] for r in rounds] == [0, 1, 2]
    assert rounds[0]["positions"]["Belgium"] == 7 and rounds[0]["events"] == []
    assert rounds[1]["events"] == ["Luxembourg loses confrontation to France", "Ireland compromises with France"]
    assert rounds[1]["forecast"] == pytest.approx(7.444520171019051, abs=1e-9)
    assert rounds[1]["positions"]["Luxembourg"] == 10
    assert rounds[0]["risk"] is None and set(rounds[1]["risk"]) == set(rounds[1]["positions"])
    assert document["monte_carlo"] is None


@pytest.mark.parametrize("model, expected", [("compromise", 7.389955686853767), ("median", 7.0)])
def test_forecast_other_models(model, expected):
    (document,) = json.loads(run("forecast", "eu10-car-emissions", "--model", model, "--json").stdout)["issues"]
    assert document["forecast"] == pytest.approx(expected, abs=1e-9)
    assert len(document["rounds"]) == 1


def test_forecast_monte_carlo_and_issue_selection():
    result = run("forecast", "japan-russia-2019", "--issue", "transfer", "--runs", "30", "--seed", "5", "--json")
    assert result.exit_code == 0, result.output
    (document,) = json.loads(result.stdout)["issues"]
    band = document["monte_carlo"]
    assert band["runs"] == 30 and band["p5"] <= band["median"] <= band["p95"]
    again = json.loads(run("forecast", "japan-russia-2019", "--issue", "transfer", "--runs", "30", "--seed", "5",
                           "--json").stdout)["issues"][0]
    assert again["monte_carlo"] == band


def test_forecast_every_issue_is_in_the_list():
    documents = json.loads(run("forecast", "japan-russia-2019", "--rounds", "1", "--json").stdout)["issues"]
    assert [d["issue"] for d in documents] == ["transfer", "wwii_clause"]


def test_forecast_table_and_plot(tmp_path: Path):
    plot = tmp_path / "rounds.png"
    result = run("forecast", "eu10-car-emissions", "--rounds", "2", "--plot", str(plot))
    assert result.exit_code == 0, result.output
    assert "Luxembourg loses confrontation to France" in result.stdout
    assert plot.stat().st_size > 0


def test_forecast_reports_convergence(tmp_path: Path):
    from .conftest import HONDURAS_NICARAGUA

    path = tmp_path / "hn.csv"
    path.write_text(HONDURAS_NICARAGUA)
    result = run("forecast", str(path))
    assert result.exit_code == 0 and "in round 2 every actor faces the same danger" in result.stdout
    assert "round 1 is final" in result.stdout
    assert json.loads(run("forecast", str(path), "--json").stdout)["issues"][0]["converged_at"] == 2


@pytest.mark.parametrize(
    "args, fragments",
    [
        (["--model", "nash"], ["unknown model 'nash'", "eu, compromise, median"]),
        (["--rounds", "-1"], ["--rounds"]),
        (["--runs", "-3"], ["--runs"]),
        (["--seed", "-1"], ["--seed: seed must be 0 or more, got -1", "give 0 or more"]),  # the core's wording
        (["--rounds", "1001"], ["--rounds", "0 to 1000"]),
        (["--runs", "100001"], ["--runs", "to 100,000"]),
        (["--workers", "500"], ["--workers", "1 to 64"]),
        (["--runs", "2", "--workers", "500"], ["--workers", "1 to 64"]),
        (["--q", "1.5"], ["--q", "[0, 1]"]),
        (["--t", "-0.1"], ["--t"]),
        (["--issue", "nope"], ["no issue 'nope'"]),
        (["--plot", "out.gif"], ["--plot", ".png or .svg"]),
    ],
)
def test_forecast_bad_options(args, fragments):
    assert_one_line_error(run("forecast", "eu10-car-emissions", *args), *fragments)


@pytest.mark.parametrize(
    "content, fragments",
    [
        ("actor,position,salience\nA,1,1\n", ["bad.csv", "line 1", "missing column 'capability'"]),
        ("actor,position,salience,capability\nA,x,1,1\n", ["bad.csv", "line 2", "position is not a number"]),
        ("actor,position,salience,capability\nA,1,200,1\n", ["bad.csv", "salience 200 is out of range"]),
        ("actor,position,salience,capability\nA,1,1,-2\n", ["bad.csv", "capability -2 is negative"]),
        ("", ["bad.csv", "empty"]),
    ],
)
def test_forecast_bad_files(tmp_path: Path, content, fragments):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    assert_one_line_error(run("forecast", str(path)), *fragments)


def test_forecast_unknown_file():
    assert_one_line_error(run("forecast", "no-such-file.csv"), "no-such-file.csv", "japan-russia-2019")


@pytest.mark.parametrize("command", ["forecast", "divide"])
def test_a_folder_or_a_binary_file_is_one_line(tmp_path: Path, command):
    assert_one_line_error(run(command, str(tmp_path)), str(tmp_path), "is a folder, not a file", "kurils-divide")
    binary = tmp_path / "data.yaml"
    binary.write_bytes(b"\x00\x01\xff\xfe")
    assert_one_line_error(run(command, str(binary)), "data.yaml", "not UTF-8 text", "save the file as UTF-8")


def test_forecast_refuses_an_alias_bomb_with_one_line(tmp_path: Path):
    path = tmp_path / "bomb.yaml"
    path.write_text(STAKEHOLDER_BOMB)
    assert_one_line_error(run("forecast", str(path)), "bomb.yaml", REFUSAL)


def test_forecast_tables_at_80_columns_cut_no_number_and_reach_the_last_round():
    result = runner.invoke(app, ["forecast", "japan-russia-2019"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "…" not in result.stdout
    cells = {cell.strip() for line in result.stdout.splitlines() for cell in line.split("│")}
    for document in json.loads(run("forecast", "japan-russia-2019", "--json").stdout)["issues"]:
        for r in document["rounds"]:
            assert {f"{value:.4g}" for value in r["positions"].values()} <= cells
        last = document["rounds"][-1]["round"]
        assert f"round {last} is final" in result.stdout or document["converged_at"] is None


def test_round_pages_fit_the_room():
    from accord.cli.forecast_commands import round_pages

    assert round_pages([5, 5, 5], 100) == [[0, 1, 2]]
    assert round_pages([5, 5, 5], 16) == [[0, 1], [2]]
    assert round_pages([50], 10) == [[0]]


def test_cjk_actor_names_at_80_columns_fold_instead_of_being_cut(tmp_path: Path):
    """A CJK name has no space to wrap at: the actor column cut it to '漁民協同組合連合会の代 …'."""
    names = ["漁民協同組合連合会の代表団", "国際開発金融機関アジア太平洋インフラ窓口", "Ñandú dam authority", "長老会"]
    path = tmp_path / "basin.csv"
    path.write_text("actor,position,salience,capability\n" + "".join(
        f"{name},{position},0.8,{capability}\n" for name, position, capability
        in zip(names, (10, 55, 90, 20), (20, 80, 60, 15))), encoding="utf-8")
    result = runner.invoke(app, ["forecast", str(path)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert_readable_tables(result.stdout, headers=("actor", "round", "events"))
    actors = "".join(line.split("│")[1].strip() for line in result.stdout.split("positions by round")[1]
                     .split("└")[0].splitlines() if line.startswith("│"))
    assert all(name.replace(" ", "") in actors.replace(" ", "") for name in names)
