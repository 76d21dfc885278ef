"""Sessions: SAOP semantics, determinism, discounting, exports, the prepared cache, single text."""

from __future__ import annotations

import csv
import io
import json
import pickle

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from accord.analysis import analyze
from accord.errors import OptionError
from accord.io import load
from accord.simulate import prepare, run_session
from accord.strategies import Strategy
from tests.generators import scenarios
from tests.simulate.scenarios import line, price_colour, three_party


def test_bilateral_agreement_fields():
    result = run_session(line(), ["linear", "linear"], rounds=10)
    assert result.agreement and result.ended_by == "agreement"
    assert result.outcome == {"x": result.position}
    assert result.utilities == pytest.approx((result.position / 10, 1 - result.position / 10))
    assert result.pareto_distance == pytest.approx(0.0, abs=1e-12)  # every outcome of a line is on the frontier
    assert result.nash_utilities == (0.5, 0.5)
    last = result.trace[-1]
    assert last["action"] == "accept" and last["offer"] == result.outcome


class Fixed(Strategy):
    """Always offers ``offer``; accepts everything or nothing."""

    def __init__(self, offer: int = 0, accept: bool = False) -> None:
        self.offer = offer
        self.accept = accept

    def propose(self, state):
        return self.offer

    def respond(self, state, offer):
        return self.accept


def moves(result):
    return [(row["party"], row["action"], row["position"]) for row in result.trace]


def test_multilateral_offer_stands_until_every_other_party_accepts():
    result = run_session(three_party(), [Fixed(5), Fixed(7, True), Fixed(8, True)], rounds=5)
    assert moves(result) == [("P", "offer", 5), ("Q", "accept", 5), ("R", "accept", 5)]
    assert result.agreement and result.position == 5
    result = run_session(three_party(), [Fixed(5, True), Fixed(7), Fixed(8, True)], rounds=5)
    assert moves(result) == [("P", "offer", 5), ("Q", "offer", 7), ("R", "accept", 7), ("P", "accept", 7)]
    assert result.position == 7


def test_multilateral_counter_offer_resets_acceptances():
    result = run_session(three_party(), [Fixed(5), Fixed(7), Fixed(8, True)], rounds=2)
    assert moves(result) == [("P", "offer", 5), ("Q", "offer", 7), ("R", "accept", 7)] * 2
    assert not result.agreement and result.ended_by == "deadline"


def test_breakdown_gives_reservations():
    result = run_session(line(0.2, 0.3), ["hardliner", "hardliner"], rounds=4)
    assert not result.agreement and result.ended_by == "deadline"
    assert result.utilities == (0.2, 0.3)
    assert result.outcome is None and result.rounds == 4 and result.steps == 8


def test_discounting_uses_relative_time():
    base = line()
    parties = (base.parties[0], base.parties[1].__class__(**{**base.parties[1].__dict__, "discount": 0.5}))
    scenario = base.__class__(**{**base.__dict__, "parties": parties})
    result = run_session(scenario, ["linear", "linear"], rounds=10)
    raw = 1 - result.position / 10
    assert result.utilities[1] == pytest.approx(raw * 0.5 ** result.time)
    assert result.time > 0
    undiscounted = run_session(scenario, ["linear", "linear"], rounds=10, discounting=False)
    assert undiscounted.utilities[1] == pytest.approx(raw)


def test_same_seed_byte_identical_and_different_seeds_differ():
    a = run_session(price_colour(), ["random", "random"], rounds=50, seed=5)
    b = run_session(price_colour(), ["random", "random"], rounds=50, seed=5)
    c = run_session(price_colour(), ["random", "random"], rounds=50, seed=6)
    assert a.trace_json() == b.trace_json()
    assert json.dumps(a.to_json()) == json.dumps(b.to_json())
    assert a.trace_json() != c.trace_json()


def test_exports():
    result = run_session(price_colour(), ["boulware", "conceder"], rounds=20)
    rows = list(csv.DictReader(io.StringIO(result.trace_csv())))
    assert len(rows) == len(result.trace)
    assert set(rows[0]) >= {"round", "party", "action", "price", "colour", "u_A", "u_B"}
    assert json.loads(result.trace_json()) == result.trace


def test_result_and_prepared_pickle():
    prepared = prepare(price_colour())
    result = run_session(prepared, ["boulware", "random"], rounds=20, seed=1)
    again = pickle.loads(pickle.dumps(result))
    assert again.trace == result.trace and again.utilities == result.utilities
    assert pickle.loads(pickle.dumps(prepared)) is prepared  # rebuilt from the cache in this process


def test_prepare_is_cached_and_read_only():
    scenario = price_colour()
    prepared = prepare(scenario)
    assert prepare(scenario) is prepared
    with pytest.raises(ValueError):
        prepared.utilities[0, 0] = 2.0
    with pytest.raises(TypeError):
        prepared.columns[0].utility_list[0] = 2.0


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(max_parties=3))
def test_prepared_frontier_and_solutions_match_the_analysis(scenario):
    prepared = prepare(scenario)
    analysis = analyze(scenario)
    assert np.array_equal(prepared.frontier, analysis.pareto_points)
    for name, position in (("nash", prepared.nash), ("kalai_smorodinsky", prepared.kalai_smorodinsky)):
        deal = analysis.solutions[name]
        assert position == (deal.position if deal else None)
    for k, column in enumerate(prepared.columns):
        order = np.asarray(column.order)
        assert np.array_equal(order, np.lexsort((np.arange(prepared.n_outcomes), prepared.utilities[:, k])))


@pytest.mark.parametrize("kwargs, match", [
    ({"protocol": "nope"}, "unknown protocol"),
    ({"rounds": 0}, "rounds must be positive"),
    ({"rounds": None}, "no deadline"),
    ({"seconds": -1.0}, "seconds must be positive"),
])
def test_bad_options(kwargs, match):
    with pytest.raises(OptionError, match=match):
        run_session(line(), ["boulware", "conceder"], **kwargs)


def test_bad_strategies():
    with pytest.raises(OptionError, match="unknown strategy"):
        run_session(line(), ["boulware", "nope"])
    with pytest.raises(OptionError, match="got 3 strategies for 2 parties"):
        run_session(line(), ["boulware", "conceder", "linear"])
    with pytest.raises(TypeError, match="strategies is a list"):
        run_session(line(), "boulware,conceder")


def test_seconds_deadline():
    result = run_session(line(), ["hardliner", "hardliner"], rounds=None, seconds=0.02)
    assert result.ended_by == "timeout" and result.steps > 10


def test_single_text_improves_for_everyone():
    improved = 0
    for seed in range(10):
        result = run_session(price_colour(), ["linear", "linear"], protocol="single-text", rounds=60, seed=seed)
        adopted = [row["utilities"] for row in result.trace if row["action"] == "adopt"]
        improved += bool(adopted)
        for before, after in zip(adopted, adopted[1:]):
            assert all(b >= a for a, b in zip(before, after))
        again = run_session(price_colour(), ["linear", "linear"], protocol="single-text", rounds=60, seed=seed)
        assert again.trace_json() == result.trace_json()
    assert improved, "the mediator should find some improvement"


def test_single_text_multilateral_with_constraints():
    scenario = load("tests/data/mini.yaml")
    prepared = prepare(scenario)
    result = run_session(prepared, ["conceder", "conceder"], protocol="single-text", rounds=80, seed=4)
    assert all(0 <= row["position"] < prepared.n_outcomes for row in result.trace if row["position"] is not None)
    assert run_session(three_party(), ["linear"] * 3, protocol="single-text", rounds=30).fault is None


def test_a_long_session_keeps_a_bounded_trace_and_says_so():
    from tests.memory_cap import run_capped

    child = run_capped("""
        import accord
        from accord.simulate import run_session
        result = run_session(accord.load("japan-russia-2019"), ["hardliner", "hardliner"], rounds=1_000_000)
        document = result.to_json(trace=False)
        print(result.rounds, result.steps, len(result.trace_rows), document["trace_truncated"])
        print(result.trace_rows[-1][0])
    """)
    assert child.returncode == 0, child.stderr[-2000:]
    assert child.stdout.split() == ["1000000", "2000000", "100000", "True", "999999"]


def test_a_short_session_keeps_every_row():
    import accord
    from accord.simulate import run_session

    result = run_session(accord.load("japan-russia-2019"), ["hardliner", "hardliner"], rounds=50)
    assert len(result.trace_rows) == 100 and result.to_json()["trace_truncated"] is False
