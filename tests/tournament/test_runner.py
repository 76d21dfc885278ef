"""Running a tournament: on a space of 10³⁰ outcomes it runs, stores positions past 64 bits, and measures
distances to the exact frontier and Nash point from the analysis beyond enumeration."""

import numpy as np

from accord.io.load import load
from accord.simulate import prepare
from accord.tournament import plan
from accord.tournament.plan import Settings
from accord.tournament.runner import run
from accord.tournament.store import Store


def test_a_four_strategy_tournament_on_a_huge_additive_space(tmp_path):
    scenario = load("tests/data/treaty-30x10.yaml")
    strategies = ["boulware", "conceder", "tit-for-tat", "hardliner"]
    tournament = plan([scenario], strategies, settings=Settings(rounds=20))
    store = Store(tmp_path / "huge.db")
    assert run(tournament, store) == len(tournament.tasks) == 12
    rows = store.rows()
    prepared = prepare(scenario)
    frontier = np.asarray(prepared.frontier)
    for row in rows:
        got = np.asarray(row["utilities"])
        assert np.isclose(row["pareto_distance"], np.sqrt(((frontier - got) ** 2).sum(axis=1)).min())
        assert np.isclose(row["nash_distance"], np.sqrt(((np.asarray(prepared.nash_point) - got) ** 2).sum()))
        if row["agreement"]:
            assert isinstance(row["position"], int) and 0 <= row["position"] < 10**30
            assert list(prepared.scores([row["position"]])[0]) == row["utilities"]
    assert any(row["agreement"] and row["position"] > 2**63 for row in rows)

