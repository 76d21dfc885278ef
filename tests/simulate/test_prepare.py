"""Preparing a scenario, and sessions on what it prepares: the searched path (``prepare_large``) gives the enumerated
path's offers, huge spaces run without enumeration, and what needs the arrays says so in one line."""

from dataclasses import replace

import pytest

from accord.errors import OptionError, ScenarioError
from accord.io.load import load
from accord.model import Constraint
from accord.simulate import run_session
from accord.simulate.prepare import fits, prepare, prepare_large
from accord.strategies.builtin import BUILTINS
from accord.strategies.simple import RandomStrategy
from accord.strategies.time_dependent import TimeDependent

SMALL = ("genius/ANAC2012_BarbecueA", "genius/Camera", "tests/data/mini.yaml")
HUGE_ADDITIVE = "tests/data/treaty-30x10.yaml"


@pytest.mark.parametrize("name", SMALL)
@pytest.mark.parametrize("strategy", [cls for cls in BUILTINS if cls is not RandomStrategy], ids=lambda c: c.name)
def test_the_searched_path_gives_the_enumerated_trace(name, strategy):
    scenario = load(name)
    enumerated, searched = prepare(scenario), prepare_large(scenario)
    assert searched.searches and not enumerated.searches
    for other in ("conceder", "boulware", "tit-for-tat"):
        for players in ([strategy(), other], [other, strategy()]):
            a = run_session(enumerated, players, rounds=30, seed=3)
            b = run_session(searched, players, rounds=30, seed=3)
            # positions are cartesian C-order indices on the searched path: compare the outcomes offered
            assert [(r[0], r[1], r[2], r[4]) for r in a.trace_rows] == [(r[0], r[1], r[2], r[4]) for r in b.trace_rows]
            assert [row["offer"] for row in a.trace] == [row["offer"] for row in b.trace]
            assert [row["utilities"] for row in a.trace] == [row["utilities"] for row in b.trace]
            assert (a.utilities, a.pareto_distance, a.nash_distance) == \
                (b.utilities, b.pareto_distance, b.nash_distance)
    assert all(f.stopped == 0 for f in searched.finders)


def test_random_on_a_searched_space_offers_rational_outcomes_and_repeats_with_its_seed():
    scenario = load("genius/Camera")
    searched = prepare_large(scenario)
    a = run_session(searched, ["random", "hardliner"], rounds=20, seed=5)
    b = run_session(searched, ["random", "hardliner"], rounds=20, seed=5)
    assert a.trace_rows == b.trace_rows
    mine = [row["utilities"][0] for row in a.trace if row["party"] == scenario.party_names[0] and row["offer"]]
    assert mine and min(mine) >= searched.reservations[0]


def test_a_huge_additive_space_negotiates_without_enumerating():
    scenario = load(HUGE_ADDITIVE)
    assert scenario.cartesian_size == 10**30 and not fits(scenario)
    prepared = prepare(scenario)
    assert prepared.searches and prepared.utilities is None and prepared.nash_point is not None
    result = run_session(prepared, ["boulware", "conceder"], rounds=12, seed=1)
    assert result.ended_by in ("agreement", "deadline")
    for row in result.trace:
        if row["offer"] is not None:
            assert row["utilities"] == list(prepared.scores([row["position"]])[0])
    assert result.pareto_distance >= 0 and result.nash_distance >= 0
    assert result.to_json()["utilities"] == list(result.utilities)


def test_a_strategy_that_needs_the_arrays_gets_one_line_on_a_huge_space():
    class NeedsArrays(TimeDependent, name="needs-arrays"):
        beyond_enumeration = False

    with pytest.raises(OptionError) as raised:
        run_session(load(HUGE_ADDITIVE), [NeedsArrays(), "boulware"], rounds=3)
    assert raised.value.parameter == "strategies"
    assert "needs every outcome enumerated" in str(raised.value) and "\n" not in str(raised.value)


def test_a_protocol_that_needs_the_arrays_is_refused_on_a_huge_space():
    with pytest.raises(OptionError) as raised:
        run_session(load(HUGE_ADDITIVE), protocol="zeuthen", rounds=3)
    assert raised.value.parameter == "protocol"


@pytest.mark.parametrize("strategy", [cls.name for cls in BUILTINS])
def test_every_built_in_strategy_plays_a_huge_constrained_space(strategy):
    base = load(HUGE_ADDITIVE)
    forbidden = tuple(range(5))
    scenario = replace(base, name="treaty-30x10-constrained",
                       constraints=(Constraint(((0, forbidden), (1, forbidden))),))
    prepared = prepare(scenario)
    first = run_session(prepared, [strategy, "conceder"], rounds=6, seed=4)
    again = run_session(prepared, [strategy, "conceder"], rounds=6, seed=4)
    assert first.fault is None and first.trace_rows == again.trace_rows
    offered = [row["position"] for row in first.trace if row["offer"] is not None]
    assert offered and all(prepared.space.feasible(prepared.space.value_indices([p]))[0] for p in offered)


def test_a_huge_space_no_search_applies_to_is_refused_as_too_large_not_for_a_method():
    # GENIUS rectangles under a hard constraint: the branch and bound does not apply, and the user gave no method
    base = load("genius-large/S-1NIKFRT-1")
    scenario = replace(base, constraints=(Constraint(((0, (0,)), (1, (0,)))),))
    with pytest.raises(ScenarioError, match=r"has 10,000,000,000 outcomes; Accord enumerates at most") as caught:
        run_session(scenario, ["boulware", "conceder"], rounds=5)
    assert caught.value.parameter != "method"
