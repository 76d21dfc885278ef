"""``accord simulate`` and ``accord strategies`` through Click's runner."""

from __future__ import annotations

import json
import sys

import pytest
from click.testing import CliRunner

from accord.cli.main import app
from accord.strategies import BUILTINS
from tests.cli_assertions import assert_one_line_error, assert_readable_tables, table_blocks

runner = CliRunner()
MINI = "tests/data/mini.yaml"


def invoke(*args):
    return runner.invoke(app, list(args))


def test_json_shape():
    result = invoke("simulate", MINI, "--strategies", "boulware,conceder", "--rounds", "30", "--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert isinstance(document["agreement"], bool)
    assert document["outcome"] is None or set(document["outcome"]) == {"island", "fishing", "share"}
    assert isinstance(document["rounds"], int) and 1 <= document["rounds"] <= 30
    assert len(document["utilities"]) == 2 and all(isinstance(u, float) for u in document["utilities"])
    assert document["trace"]
    for row in document["trace"]:
        assert isinstance(row["round"], int) and row["party"] in ("A", "B")
        assert isinstance(row["action"], str)
        assert row["offer"] is None or set(row["offer"]) == {"island", "fishing", "share"}
        assert all(isinstance(u, float) for u in row["utilities"])
    for key in ("pareto_distance", "nash_distance", "ended_by"):
        assert key in document


def test_same_seed_same_output():
    args = ("simulate", MINI, "--strategies", "random,random", "--seed", "3", "--json")
    assert invoke(*args).stdout == invoke(*args).stdout


def test_table_output_and_exports(tmp_path):
    csv_file, json_file = tmp_path / "t.csv", tmp_path / "t.json"
    result = invoke("simulate", MINI, "--strategies", "linear,linear", "--rounds", "20", "--trace-csv", str(csv_file),
                    "--trace-json", str(json_file), "--rows", "0")
    assert result.exit_code == 0, result.stderr
    assert "round" in result.stdout and "agreement" in result.stdout
    assert csv_file.read_text().startswith("round,party,action")
    assert json.loads(json_file.read_text())


@pytest.mark.parametrize("protocol", ["zeuthen", "single-text"])
def test_other_protocols(protocol):
    extra = [] if protocol == "zeuthen" else ["--strategies", "linear,linear"]
    result = invoke("simulate", MINI, "--protocol", protocol, *extra, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["protocol"] == protocol


def test_zeuthen_with_three_parties_ends_at_the_nash_deal_of_analyze(tmp_path):
    import yaml

    document = yaml.safe_load(open(MINI, encoding="utf-8"))
    document["parties"].append({"name": "C", "reservation": 0.2, "utility": {
        "weights": {"island": 0.2, "fishing": 0.5, "share": 0.3},
        "values": {"island": {"north": 0.5, "south": 0.2, "shared": 1.0},
                   "fishing": {"linear": {"slope": 0.25, "offset": 0}},
                   "share": {"linear": {"slope": -1, "offset": 1}}}}})
    path = tmp_path / "three.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    result = invoke("simulate", str(path), "--protocol", "zeuthen", "--json")
    assert result.exit_code == 0, result.stderr
    session = json.loads(result.stdout)
    nash = json.loads(invoke("analyze", str(path), "--json").stdout)["solutions"]["nash"]
    assert session["agreement"] and session["outcome"] == nash["outcome"]
    assert {row["party"] for row in session["trace"]} == {"A", "B", "C"}


@pytest.mark.parametrize("args, message", [
    (["--strategies", "boulware,nope"], "unknown strategy 'nope'"),
    (["--strategies", "boulware"], "got 1 strategies for 2 parties"),
    (["--strategies", "boulware,conceder", "--protocol", "bogus"], "unknown protocol 'bogus'"),
    (["--strategies", "boulware,conceder", "--rounds", "0"], "rounds must be positive"),
    (["--strategies", "boulware,conceder", "--rounds", "-3"], "rounds must be positive"),
    (["--strategies", "boulware,conceder", "--rounds", "100000000000000000000"], "is more than 10,000,000"),
    (["--strategies", "boulware,conceder", "--plot", "x.pdf"], "use a .png or .svg file"),
    ([], "no strategies given"),
])
def test_errors_are_one_line(args, message):
    result = invoke("simulate", MINI, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_one_party_scenario_is_refused():
    result = invoke("simulate", "tests/data/solo.yaml", "--strategies", "boulware")
    assert result.exit_code == 2
    assert "tests/data/solo.yaml: has 1 party; a negotiation needs 2 or more" in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""


def test_plot(tmp_path):
    pytest.importorskip("matplotlib")
    for name in ("p.png", "p.svg"):
        target = tmp_path / name
        result = invoke("simulate", MINI, "--strategies", "boulware,conceder", "--plot", str(target), "--json")
        assert result.exit_code == 0, result.stderr
        assert target.stat().st_size > 1000


def test_plot_without_matplotlib(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    result = invoke("simulate", MINI, "--strategies", "boulware,conceder", "--plot", str(tmp_path / "p.png"))
    assert result.exit_code == 2
    assert 'pip install "accord[plots]"' in result.stderr


def test_strategies_command():
    result = invoke("strategies", "--json")
    assert result.exit_code == 0
    names = {row["name"]: row for row in json.loads(result.stdout)}
    assert {cls.name for cls in BUILTINS} <= set(names)
    assert names["random"]["classifier"] == {"stochastic": True, "opponent_model": False, "concession": "none"}
    assert names["frequency-model"]["classifier"] == {"stochastic": False, "opponent_model": True,
                                                      "concession": "time"}
    table = invoke("strategies")
    assert table.exit_code == 0 and "boulware" in table.stdout
    assert "behaviour" in table.stdout  # the tit-for-tat rows' concession
    assert "window of its target" in names["frequency-model"]["description"]  # plain text, no reST ``markup``
    assert not any("``" in row["description"] for row in names.values())


@pytest.mark.parametrize("option, value, fragment", [
    ("--seed", "-1", "seed must be 0 or more"),
    ("--budget", "nan", "budget must be positive"),
])
def test_impossible_values_are_one_line(option, value, fragment):
    result = invoke("simulate", MINI, "--strategies", "linear,linear", option, value)
    assert_one_line_error(result, option, fragment)


def test_negative_rows_is_a_usage_error(capsys):
    from accord.cli.main import main

    assert main(["simulate", MINI, "--strategies", "linear,linear", "--rows", "-1"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--rows" in err[0] and err[0].startswith("error: accord simulate")


def test_strategies_at_80_columns_cut_no_word():
    result = CliRunner().invoke(app, ["strategies"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert "…" not in result.stdout and max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "concedes on" in result.stdout and "opponent" in result.stdout


def test_a_truncated_trace_is_said_in_the_table_and_the_json(monkeypatch):
    from accord.protocols import common
    from accord.simulate import session

    monkeypatch.setattr(common, "MAX_TRACE_ROWS", 30)
    monkeypatch.setattr(session, "MAX_TRACE_ROWS", 30)
    args = ("simulate", "japan-russia-2019", "--strategies", "hardliner,hardliner", "--rounds", "40")
    table = runner.invoke(app, [*args, "--rows", "0"])
    assert table.exit_code == 0, table.output
    assert "the trace keeps the last 30 rows of this session (earlier rows were not kept)" in table.stdout
    document = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    assert document["trace_truncated"] is True and len(document["trace"]) == 30
    assert document["trace"][-1]["round"] == 39 and document["steps"] == 80


def test_plot_axes_pick_the_drawn_parties(tmp_path):
    pytest.importorskip("matplotlib")
    target = tmp_path / "trio.png"
    result = invoke("simulate", "tests/data/trio.yaml", "--strategies", "boulware,conceder,conceder", "--plot",
                    str(target), "--plot-axes", "Down,Lender", "--json")
    assert result.exit_code == 0, result.stderr
    assert target.stat().st_size > 1000
    bad = invoke("simulate", "tests/data/trio.yaml", "--strategies", "boulware,conceder,conceder", "--plot",
                 str(target), "--plot-axes", "Down,Sea")
    assert bad.exit_code == 2 and bad.stderr.count("\n") == 1
    assert "--plot-axes: no party 'Sea'" in bad.stderr


def test_a_one_party_file_is_named_by_its_path_not_its_scenario_name(tmp_path):
    """The error named the scenario ('mini: has 1 party'), not the file the user gave."""
    text = open(MINI, encoding="utf-8").read()
    one_party = text[:text.index("  - name: B")] + text[text.index("constraints:"):]
    path = tmp_path / "solo.yaml"
    path.write_text(one_party.replace("name: mini", "name: lonely"))
    result = invoke("simulate", str(path), "--strategies", "boulware")
    assert_one_line_error(result, f"{path}: has 1 party", "add a profile")
    assert "lonely" not in result.stderr


def test_the_trace_at_80_columns_shows_each_offer_whole():
    """The offer column was squeezed between the party, action and utility columns: 'transfer_timing=on_signatu…'
    in the flagship; each offer now has the lines under its move."""
    args = ["simulate", "japan-russia-2019", "--strategies", "boulware,conceder", "--rows", "4"]
    result = runner.invoke(app, args, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert_readable_tables(result.stdout, headers=("round", "move", "u Japan", "u Russia"))
    first = json.loads(runner.invoke(app, [*args, "--json"]).stdout)["trace"][0]
    words = result.stdout.replace("│", " ").replace(",", " ").split()
    assert all(f"{issue}={value}" in words for issue, value in first["offer"].items())


def test_a_three_party_trace_with_long_names_keeps_the_offer_readable_at_80_columns():
    """Three long party names squeezed the offer column to 9 cells ('dam_heig…' on every line)."""
    args = ["simulate", "tests/data/long-names.yaml", "--strategies", "boulware,conceder,linear", "--rows", "4"]
    result = runner.invoke(app, args, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    parties = json.loads(runner.invoke(app, [*args, "--json"]).stdout)["parties"]
    assert_readable_tables(result.stdout, headers=("move", *(f"u {party}" for party in parties)))
    (trace,) = table_blocks(result.stdout)
    move = trace[0].split("┳")[1]
    assert len(move) >= 24  # 9 before, when utilities and party names shared the room with the offer
    assert "漁業_fishing_quota=" in result.stdout and "monitoring=" in result.stdout
