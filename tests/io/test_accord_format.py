"""Validation of Accord's own format: every error at once, values never cut silently, rules and fixes named;
sizes checked before anything is built."""

from __future__ import annotations

from pathlib import Path
import copy

import pytest
import yaml

from accord.errors import ScenarioError
from accord.io.accord_format import issue_values, one_of, scenario_from_dict
from accord.io.accord_format import scenario_from_dict
from accord.model import Issue
from tests.memory_cap import run_capped

DATA = Path(__file__).resolve().parents[1] / "data"


def mini() -> dict:
    return yaml.safe_load((DATA / "mini.yaml").read_text())


def problems(document: dict) -> list[ScenarioError]:
    with pytest.raises(ScenarioError) as caught:
        scenario_from_dict(document, "x.yaml")
    return list(caught.value.all_errors or (caught.value,))


def find(errors: list[ScenarioError], where: str) -> ScenarioError:
    matching = [e for e in errors if e.where == where]
    assert matching, f"no error at {where}: {[(e.where, e.message) for e in errors]}"
    return matching[0]


def test_a_misspelt_field_hides_nothing_behind_it():
    d = mini()
    d["parties"][0]["reservaton"] = 0.3  # misspelt
    del d["parties"][0]["utility"]["values"]["island"]["shared"]  # a missing option value
    d["constraints"][0]["forbid"]["fishing"] = [9]  # a bad constraint value
    errors = problems(d)
    assert "unknown field 'reservaton'" in find(errors, "parties[0].reservaton").message
    assert "no value for option 'shared'" in find(errors, "parties[0].utility.values.island").message
    assert "'9' is not a value" in find(errors, "constraints[0].forbid.fishing").message


def test_a_broken_entry_is_reported_and_the_others_still_checked():
    d = mini()
    d["issues"][1] = {"name": "fishing"}  # no kind: breaks the schema
    d["parties"][1]["reservation"] = 35
    d["parties"][0]["utility"]["weights"]["island"] = -0.5
    errors = problems(d)
    assert "exactly one of" in find(errors, "issues[1]").message
    assert "a utility in [0, 1]" in find(errors, "parties[1].reservation").message
    assert "negative weight" in find(errors, "parties[0].utility.weights.island").message
    # the issue left out is not reported as unknown where the parties mention it
    assert not any("unknown issue 'fishing'" in e.message for e in errors)


def test_errors_keep_their_positions_in_the_file_when_an_entry_is_left_out():
    d = mini()
    d["parties"][0]["utility"] = "none"
    d["parties"][1]["utility"]["weights"]["ghost"] = 0.1
    errors = problems(d)
    find(errors, "parties[0].utility")
    assert "unknown issue 'ghost'" in find(errors, "parties[1].utility.weights.ghost").message


def test_a_reservation_out_of_range_names_the_rule_and_the_fix():
    d = mini()
    d["parties"][0]["reservation"] = 35
    error = find(problems(d), "parties[0].reservation")
    assert error.message == "reservation 35 is not a utility in [0, 1]"
    assert error.fix == "give a utility in [0, 1]"


def test_a_value_table_on_a_numeric_issue_says_to_use_a_function():
    d = mini()
    d["parties"][0]["utility"]["values"]["fishing"] = {0: 0.0, 1: 0.5, 2: 1.0, 3: 1.0, 4: 1.0}
    error = find(problems(d), "parties[0].utility.values.fishing")
    assert "linear, triangular or constant" in error.fix


@pytest.mark.parametrize("place", ["reservation", "table", "weight"])
def test_a_quoted_number_is_refused(place):
    d = mini()
    where = {"reservation": "parties[0].reservation", "table": "parties[0].utility.values.island.north",
             "weight": "parties[0].utility.weights.island"}[place]
    if place == "reservation":
        d["parties"][0]["reservation"] = "0.35"
    elif place == "table":
        d["parties"][0]["utility"]["values"]["island"]["north"] = "0.35"
    else:
        d["parties"][0]["utility"]["weights"]["island"] = "0.5"
    error = find(problems(d), where)
    assert "is text, not a number" in error.message
    assert "without quotes" in error.fix


def test_rectangle_bounds_written_as_a_yaml_list_still_read():
    d = mini()
    d["parties"][0]["utility"] = {"rectangles": [{"utility": 1, "where": {"fishing": [0, 2]}}]}
    assert scenario_from_dict(d, "x.yaml").parties[0].utility.rectangles[0].bounds == ((1, 0.0, 2.0),)


def test_an_integer_issue_names_its_range_not_a_cut_list():
    d = mini()
    d["issues"][1]["integers"] = {"low": 5, "high": 25}
    d["parties"][0]["utility"]["values"]["fishing"]["linear"]["offset"] = 0
    d["constraints"][0]["forbid"]["fishing"] = [3]
    error = find(problems(d), "constraints[0].forbid.fishing")
    assert error.fix == "use a whole number from 5 to 25"


def test_long_lists_say_how_many_more():
    values = [f"o{n}" for n in range(20)]
    assert one_of(values).endswith("… and 12 more")
    assert one_of(values[:5]) == f"use one of {values[:5]}"
    grid = issue_values(Issue.real("r", 0, 1, 101))
    assert "the 101 grid points from 0 to 1" in grid and grid.endswith("… and 93 more")
    d = mini()
    d["issues"][0]["options"] = values
    for party in d["parties"]:
        party["utility"]["values"]["island"] = {o: 0.5 for o in values}
    d["constraints"][0]["forbid"]["island"] = ["nowhere"]
    assert find(problems(d), "constraints[0].forbid.island").fix.endswith("… and 12 more")


HUGE = """accord: 1
name: huge
issues:
  - {name: n, integers: {low: 0, high: 1000000000000}}
  - {name: x, interval: {low: 0, high: 1, grid: 1000000000}}
  - {name: m, integers: {low: 0, high: 100000000}}
parties:
  - name: A
    utility:
      weights: {n: 0.4, x: 0.3, m: 0.3}
      values: {n: {linear: {slope: 0, offset: 1}}, x: {linear: {slope: 1, offset: 0}}, m: {linear: {slope: 0, offset: 1}}}
"""


def test_issues_too_large_to_enumerate_are_refused_before_they_are_built(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text(HUGE, encoding="utf-8")
    child = run_capped(f"""
        from accord.errors import ScenarioError
        from accord.io import load
        try:
            load({str(path)!r})
        except ScenarioError as error:
            for problem in error.all_errors[:3]:
                print(problem.one_line().replace({str(tmp_path) + "/"!r}, ""))
    """)
    assert child.returncode == 0, child.stderr
    assert child.stdout.splitlines() == [
        "huge.yaml: issues[0].integers: the issue would have 1,000,000,000,001 values; an issue has at most "
        "1,000,000; use a smaller range",
        "huge.yaml: issues[1].interval: the issue would have 1,000,000,000 values; an issue has at most 1,000,000; "
        "use a smaller range or grid",
        "huge.yaml: issues[2].integers: the issue would have 100,000,001 values; an issue has at most 1,000,000; "
        "use a smaller range"]

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


@pytest.mark.parametrize("broken", [{"name": "fishing", "integers": {"low": 4, "high": 0}},
                                    {"name": "fishing", "integers": {"low": 0, "high": 10**9}}])
def test_an_issue_the_checks_refuse_is_reported_once_not_again_where_it_is_mentioned(broken):
    """`integers: {low: 60, high: 20}` gave its own error and then 'unknown issue' wherever a party, constituency
    or constraint named it, and 'weights sum to 0.7' for every party (its weight no longer counted)."""
    d = mini()
    d["issues"][1] = broken
    errors = problems(d)
    assert [e.where for e in errors] == ["issues[1].integers"], [str(e) for e in errors]
