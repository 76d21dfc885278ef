"""Session rows: a finished or lost session becomes one SessionRow whose columns are the store's."""

from __future__ import annotations

import json
import sqlite3

import pytest

from accord.simulate import prepare, run_session
from accord.tournament import COLUMNS, SessionRow, plan
from accord.tournament.rows import finished_row, lost_row
from accord.tournament.store import SCHEMA


def test_the_columns_are_the_store_schema_in_order():
    db = sqlite3.connect(":memory:")
    db.executescript(SCHEMA)
    stored = [row[1] for row in db.execute("PRAGMA table_info(sessions)")]
    assert list(COLUMNS) == stored


def test_a_finished_session_row(mini):
    task = plan([mini], ["linear", "boulware"]).tasks[1]
    labels = ["boulware", "linear"]
    result = run_session(mini, labels, seed=task.seed, rounds=50, keep_trace=False)
    row = finished_row(task, labels, result)
    assert (row.idx, row.key, row.seed, row.repetition) == (task.index, task.key, task.seed, task.repetition)
    assert row.strategies == ("boulware", "linear") and row.utilities == result.utilities
    assert row.welfare == pytest.approx(sum(result.utilities)) and row.agreement == int(result.agreement)
    assert (row.fault_party, row.fault_strategy, row.fault_kind, row.fault_message) == (None,) * 4


def test_a_lost_session_row_blames_the_party_and_gives_everyone_its_reservation(mini):
    task = plan([mini], ["linear", "boulware"]).tasks[0]
    prepared = prepare(mini)
    row = lost_row(task, ["linear", "boulware"], prepared, 1, "hung", "still running", elapsed=2.5)
    assert (row.fault_party, row.fault_strategy, row.fault_kind, row.fault_message) == (1, "boulware", "hung",
                                                                                       "still running")
    assert row.utilities == tuple(prepared.reservations) and row.agreement == 0 and row.position is None
    assert (row.ended_by, row.rounds, row.elapsed) == ("error", 0, 2.5)
    nobody = lost_row(task, ["linear", "boulware"], prepared, None, "worker-died", "gone")
    assert (nobody.fault_party, nobody.fault_strategy) == (None, None)


def test_sql_values_round_trip(mini):
    task = plan([mini], ["linear", "boulware"]).tasks[0]
    row = lost_row(task, ["linear", "boulware"], prepare(mini), 0, "crashed", "boom")
    values = row.sql_values()
    assert len(values) == len(COLUMNS)
    assert json.loads(values[COLUMNS.index("strategies")]) == ["linear", "boulware"]
    assert SessionRow.from_sql(values) == row


def test_the_json_of_a_row_is_what_the_store_gives_back(mini):
    from accord.tournament import Store

    task = plan([mini], ["linear", "boulware"]).tasks[0]
    row = lost_row(task, ["linear", "boulware"], prepare(mini), 0, "crashed", "boom")
    with Store(":memory:") as store:
        store.add([row])
        assert store.rows() == [row.to_json()]
