"""accord.tournament.spec: a spec from plain data, each problem named by its key or its place in the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.errors import OptionError
from accord.tournament.spec import build, load_spec, place

MINI = str(Path(__file__).resolve().parents[1] / "data" / "mini.yaml")


def test_place_reads_like_the_file():
    assert place(("strategies", 2)) == "strategies[2]"
    assert place(("scenarios", 0, 1)) == "scenarios[0][1]"
    assert place(("rounds",)) == "rounds"


def test_a_valid_spec_takes_lists_and_defaults():
    spec = build({"strategies": ["linear", "boulware"], "scenarios": [MINI, [MINI]]})
    assert spec.strategies == ["linear", "boulware"] and spec.repetitions == 1 and spec.rounds == 100


def test_strategies_are_a_list_not_a_comma_separated_string():
    with pytest.raises(OptionError) as caught:
        build({"strategies": "linear,boulware", "scenarios": [MINI]})
    assert caught.value.parameter == "strategies"
    assert str(caught.value).startswith("strategies: input should be a valid list")


def test_a_problem_in_a_file_is_placed_in_it():
    with pytest.raises(OptionError) as caught:
        build({"strategies": ["linear", 3], "scenarios": [MINI]}, "league.yaml")
    error = caught.value
    assert (error.source, error.where, error.parameter) == ("league.yaml", "strategies[1]", "strategies")
    assert str(error) == "league.yaml: strategies[1]: input should be a valid string (got 3)"


def test_a_missing_key_names_the_parameter():
    with pytest.raises(OptionError) as caught:
        build({"scenarios": [MINI]})
    assert caught.value.one_line(lambda p: "--" + p) == "--strategies: no strategies given; name at least one"
    with pytest.raises(OptionError) as caught:
        build({"scenarios": [MINI]}, "league.yaml")
    assert caught.value.one_line(lambda p: "--" + p) == \
        "league.yaml: no strategies given; give --strategies or add it to the spec"


def test_an_unknown_key_lists_the_known_ones(tmp_path):
    spec = tmp_path / "league.yaml"
    spec.write_text(f"strategies: [linear, boulware]\nscenarios: [{MINI}]\nrepetitons: 2\n")
    with pytest.raises(OptionError, match=r"league.yaml: unknown key 'repetitons'; use only strategies, "):
        load_spec(spec)
