"""Reading records from YAML, JSON, CSV and by bundled name; a record for another scenario is refused."""

from __future__ import annotations

import json

import pytest
import yaml

from accord.audit.record_files import bundled_records, read_record
from accord.errors import ScenarioError
from accord.io import load
from tests.audit import reference

MINI = reference.scenario("mini")
DATA = {"accord-record": 1, "scenario": "mini", "moves": [
    {"round": 0, "party": "A", "action": "offer", "offer": {"island": "north", "fishing": 4, "share": 1.0},
     "source": "minutes, p. 1"},
    {"round": 1, "party": "B", "action": "offer", "offer": {"island": "shared", "fishing": 2}},
    {"round": 2, "party": "A", "action": "accept"},
]}
CSV = """round,party,action,source,island,fishing,share
0,A,offer,"minutes, p. 1",north,4,1.0
1,B,offer,,shared,2,
2,A,accept,,,,
"""


def test_yaml_json_and_csv_give_the_same_record(tmp_path):
    (tmp_path / "r.yaml").write_text(yaml.safe_dump(DATA))
    (tmp_path / "r.json").write_text(json.dumps(DATA))
    (tmp_path / "r.csv").write_text(CSV)
    records = [read_record(tmp_path / f"r.{suffix}", MINI, "mini") for suffix in ("yaml", "json", "csv")]
    assert records[0].moves == records[1].moves == records[2].moves
    assert records[2].moves[0].source == "minutes, p. 1"
    assert records[2].moves[1].offer == ((0, 2), (1, 2))


def test_a_record_for_another_scenario_is_refused(tmp_path):
    (tmp_path / "r.yaml").write_text(yaml.safe_dump({**DATA, "scenario": "japan-russia-2019"}))
    with pytest.raises(ScenarioError, match="the record is for scenario 'japan-russia-2019', not 'mini'"):
        read_record(tmp_path / "r.yaml", MINI, "mini")


def test_unknown_files_and_names_are_refused(tmp_path):
    with pytest.raises(ScenarioError, match="no such file or bundled record.*japan-russia-history"):
        read_record("no-such-record", MINI)
    (tmp_path / "r.txt").write_text("x")
    with pytest.raises(ScenarioError, match="unknown record type"):
        read_record(tmp_path / "r.txt", MINI)
    (tmp_path / "r.csv").write_text("round,party,action,colour\n0,A,offer,red\n")
    with pytest.raises(ScenarioError, match="unknown column 'colour'"):
        read_record(tmp_path / "r.csv", MINI)


def test_the_history_record_is_bundled_and_cites_a_source_for_every_move():
    assert "japan-russia-history" in bundled_records()
    history = read_record("japan-russia-history", load("japan-russia-2019"), "japan-russia-2019")
    assert len(history.moves) >= 10
    assert all(move.source.strip() for move in history.moves)
    assert all(move.date for move in history.moves)
    years = {move.date[:4] for move in history.moves}
    assert {"1956", "2001", "2018", "2019"} <= years


def test_a_csv_record_with_a_column_twice_is_refused(tmp_path):
    """csv.DictReader would keep the last of the two silently (issue 11 §7)."""
    header, *rows = CSV.splitlines()
    first = header.split(",")[0]
    (tmp_path / "r.csv").write_text("\n".join([f"{header},{first}", *(f"{row}," for row in rows)]) + "\n")
    with pytest.raises(ScenarioError, match=f"the column '{first}' appears twice"):
        read_record(tmp_path / "r.csv", MINI, "mini")


def test_the_bundled_record_of_a_scenario_is_the_one_that_names_it():
    from accord.audit import bundled_record_for

    assert bundled_record_for("japan-russia-2019") == "japan-russia-history"
    assert bundled_record_for("japan-russia-2020") is None and bundled_record_for("nope") is None
