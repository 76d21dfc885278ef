"""The last check on every loaded scenario: no NaN or infinity, whatever the format or the path it came by."""

from __future__ import annotations

import copy
import dataclasses
import math

import pytest
import yaml

from accord.errors import ScenarioError
from accord.io import load
from accord.io.accord_format import scenario_from_dict
from accord.io.finite import refuse_non_finite

MINI = yaml.safe_load(open("tests/data/mini.yaml", encoding="utf-8"))


def _with(path: tuple, value) -> dict:
    document = copy.deepcopy(MINI)
    holder = document
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = value
    return document


@pytest.mark.parametrize("path", [("parties", 0, "utility", "weights", "island"),
                                  ("parties", 0, "utility", "values", "fishing", "linear", "slope"),
                                  ("parties", 1, "utility", "values", "share", "triangular", "top"),
                                  ("issues", 2, "interval", "high")])
@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_an_api_document_with_nan_or_infinity_is_refused(path, value):
    """The web API parses JSON with a library that accepts NaN: the scenario itself must refuse it."""
    with pytest.raises(ScenarioError):
        scenario_from_dict(_with(path, value), "api")


def test_a_scenario_whose_numbers_overflowed_is_refused():
    scenario = load("tests/data/mini.yaml")
    party = scenario.parties[1]
    broken = dataclasses.replace(scenario, parties=(scenario.parties[0], dataclasses.replace(party, discount=math.nan)))
    with pytest.raises(ScenarioError, match="party 'B'.*discount"):
        refuse_non_finite(broken, "x")
    assert refuse_non_finite(scenario, "x") is scenario
