"""``accord audit``: tables, JSON, plots, and one located line per problem of a bad record."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from accord.cli.main import app
from tests.cli_assertions import assert_one_line_error, assert_readable_tables

DATA = Path(__file__).resolve().parents[1] / "data"
MINI = str(DATA / "mini.yaml")
runner = CliRunner()
GOOD = {"accord-record": 1, "scenario": "mini", "moves": [
    {"round": 0, "party": "A", "action": "offer", "offer": {"island": "north", "fishing": 4, "share": 1.0}},
    {"round": 1, "party": "B", "action": "offer", "offer": {"island": "shared"}},
    {"round": 2, "party": "A", "action": "offer", "offer": {"island": "shared", "fishing": 2, "share": 0.5}},
    {"round": 3, "party": "B", "action": "accept"},
]}


def write(tmp_path: Path, document: dict, name: str = "record.yaml") -> str:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(document))
    return str(path)


def test_tables_fit_80_columns_and_name_the_agreement(tmp_path):
    result = runner.invoke(app, ["audit", MINI, write(tmp_path, GOOD)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "agreement on moves[2]" in result.stdout and "left on the table" in result.stdout
    assert "(partial)" in result.stdout and "Concessions" in result.stdout


def test_json_is_the_results_to_json(tmp_path):
    from accord.audit import audit, read_record
    from accord.io import load

    record = write(tmp_path, GOOD)
    result = runner.invoke(app, ["audit", MINI, record, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(json.dumps(audit(read_record(record, load(MINI), MINI))
                                                              .to_json()))


def test_a_simulated_sessions_json_output_audits(tmp_path):
    simulated = runner.invoke(app, ["simulate", MINI, "--strategies", "boulware,conceder", "--json"])
    assert simulated.exit_code == 0, simulated.output
    (tmp_path / "session.json").write_text(simulated.stdout)
    result = runner.invoke(app, ["audit", MINI, str(tmp_path / "session.json"), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert (document["final"] is not None) == json.loads(simulated.stdout)["agreement"]


def test_the_bundled_history_audits_by_name():
    result = runner.invoke(app, ["audit", "japan-russia-2019", "japan-russia-history"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert "1956-10-19" in result.stdout and "no agreement" in result.stdout


def test_plot_draws_offers_and_timeline(tmp_path):
    out = tmp_path / "audit.png"
    result = runner.invoke(app, ["audit", MINI, write(tmp_path, GOOD), "--plot", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:4] == b"\x89PNG"


def test_bad_records_get_one_located_line_each(tmp_path):
    bad = {**GOOD, "moves": [{**GOOD["moves"][0], "party": "C"}]}
    assert_one_line_error(runner.invoke(app, ["audit", MINI, write(tmp_path, bad)]), "record.yaml: moves[0].party:",
                          "unknown party 'C'")
    bad = {**GOOD, "moves": [{"round": 0, "party": "B", "action": "accept"}]}
    assert_one_line_error(runner.invoke(app, ["audit", MINI, write(tmp_path, bad)]), "moves[0]:",
                          "accepts with nothing on the table")
    two = {**GOOD, "moves": [{**GOOD["moves"][0], "party": "C"}, {**GOOD["moves"][1], "offer": {"island": "east"}}]}
    result = runner.invoke(app, ["audit", MINI, write(tmp_path, two)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and "moves[1].offer.island" in lines[1] and "Traceback" not in result.output
    assert_one_line_error(runner.invoke(app, ["audit", MINI, write(tmp_path, GOOD), "--plot", "x.gif"]),
                          "cannot draw '.gif'")


def test_three_long_party_names_leave_every_column_readable_at_80_columns(tmp_path):
    """The move column never wrapped, so one long party name took the whole width: the offer, dist and verdict
    columns were drawn 0 cells wide and the utilities as '0.…'."""
    names = ["漁民 Fishers' Co-op", "Ñandú dam authority",
             "International Development Lender (IDL) — Asia–Pacific Infrastructure Window"]
    record = {"accord-record": 1, "scenario": "long-names", "moves": [
        {"round": 1, "party": names[0], "action": "offer", "offer": {"漁業_fishing_quota": 4}},
        {"round": 2, "party": names[2], "action": "offer", "offer": {
            "dam_height_and_reservoir_operating_rule": "medium_storage_reservoir", "漁業_fishing_quota": 4,
            "downstream_minimum_flow_share": 0.5, "monitoring": "national_agencies_only",
            "compensation_fund_for_displaced_villages": "partially_funded_by_upstream_state"}},
        {"round": 3, "party": names[1], "action": "accept"},
    ]}
    result = runner.invoke(app, ["audit", str(DATA / "long-names.yaml"), write(tmp_path, record)],
                           env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert_readable_tables(result.stdout, headers=("move", "offer", "utility", "dist", "verdict", "first → last"))
    assert "0.30–0.95" in result.stdout and "moves[1]" in result.stdout


def test_the_frontier_deals_that_dominate_an_agreement_are_shown_whole(tmp_path):
    """A frontier deal over long issue names was cut at 200 characters, mid-word ('monitor…')."""
    lender = "International Development Lender (IDL) — Asia–Pacific Infrastructure Window"
    record = {"accord-record": 1, "scenario": "long-names", "moves": [
        {"round": 1, "party": lender, "action": "offer", "offer": {
            "dam_height_and_reservoir_operating_rule": "medium_storage_reservoir", "漁業_fishing_quota": 4,
            "downstream_minimum_flow_share": 0.5, "monitoring": "national_agencies_only",
            "compensation_fund_for_displaced_villages": "partially_funded_by_upstream_state"}},
        {"round": 2, "party": "Ñandú dam authority", "action": "accept"},
        {"round": 2, "party": "漁民 Fishers' Co-op", "action": "accept"},
    ]}
    result = runner.invoke(app, ["audit", str(DATA / "long-names.yaml"), write(tmp_path, record)],
                           env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    deals = " ".join(result.stdout.split("frontier deal")[1:]).split()
    assert "frontier deal" in result.stdout and not any(word.endswith("…") for word in deals)
    assert sum(word.startswith("monitoring=") for word in deals) == result.stdout.count("frontier deal")
