"""Scenarios: what they derive from their issues and parties, and that they are frozen values."""

from __future__ import annotations

import dataclasses

import pytest

from accord.model import Constituency, Constraint, Issue, Linear, LinearAdditive, Party, Scenario, Table


def sample(notes=()) -> Scenario:
    issues = (Issue.categorical("colour", ["red", "blue", "green"]), Issue.integer("price", 1, 4))
    utility = LinearAdditive((0.5, 0.5), (Table((1.0, 0.5, 0.0)), Linear(0.25, 0.0)))
    parties = (Party("buyer", utility, reservation=0.2),
               Party("seller", utility, reservation=0.4, discount=0.9,
                     constituencies=(Constituency("board", utility, 0.5),)))
    return Scenario("shop", issues, parties, constraints=(Constraint(((0, (2,)), (1, (0,))), "no cheap green"),),
                    notes=notes)


def test_names_reservations_and_the_size_of_the_cartesian_space():
    scenario = sample()
    assert scenario.issue_names == ("colour", "price") and scenario.party_names == ("buyer", "seller")
    assert scenario.reservations == (0.2, 0.4)
    assert scenario.cartesian_size == 3 * 4  # constraints do not shrink it: the outcome space does that
    assert Scenario("empty", (), ()).cartesian_size == 1


def test_issue_is_looked_up_by_name():
    scenario = sample()
    assert scenario.issue("price") is scenario.issues[1]
    with pytest.raises(ValueError):
        scenario.issue("size")


def test_scenarios_are_frozen_hashable_values_whose_notes_do_not_count():
    scenario = sample()
    with pytest.raises(dataclasses.FrozenInstanceError):
        scenario.name = "other"  # type: ignore[misc]
    assert scenario == sample(notes=("read from a file",)) and hash(scenario) == hash(sample())
    assert scenario != dataclasses.replace(scenario, constraints=())
    assert dataclasses.replace(scenario.parties[0], reservation=0.3) != scenario.parties[0]
