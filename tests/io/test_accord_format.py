"""The Accord scenario format: value rules that apply to every way of writing a value function."""

from __future__ import annotations

import copy

import pytest
import yaml

from accord.errors import ScenarioError
from accord.io.accord_format import scenario_from_dict

MINI = yaml.safe_load(open("tests/data/mini.yaml", encoding="utf-8"))


@pytest.mark.parametrize("constant", [5, -5, 1.0001, -0.0001])
def test_a_constant_outside_zero_one_is_refused_like_an_option_value(constant):
    document = copy.deepcopy(MINI)
    document["parties"][0]["utility"]["values"]["fishing"] = {"constant": constant}
    with pytest.raises(ScenarioError, match=r"outside \[0, 1\]") as caught:
        scenario_from_dict(document, "mini.yaml")
    assert "fishing.constant" in str(caught.value)


@pytest.mark.parametrize("constant", [0, 0.5, 1])
def test_a_constant_inside_zero_one_is_read(constant):
    document = copy.deepcopy(MINI)
    document["parties"][0]["utility"]["values"]["fishing"] = {"constant": constant}
    scenario = scenario_from_dict(document, "mini.yaml")
    assert scenario.parties[0].utility.functions[1].value == constant
