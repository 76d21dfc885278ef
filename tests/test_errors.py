"""accord.errors: one line per error, parameters named in each front end's own words."""

from __future__ import annotations

import pickle

import pytest

from accord.errors import InputError, OptionError, ScenarioError, check_seed


def test_a_parameter_error_names_the_parameter_and_its_references():
    error = OptionError("no deadline", parameter="rounds", fix="give `rounds` and/or `seconds`")
    assert str(error) == "rounds: no deadline; give rounds and/or seconds"
    assert error.one_line(lambda p: "--" + p) == "--rounds: no deadline; give --rounds and/or --seconds"
    assert error.one_line(lambda p: f"body.{p}") == "body.rounds: no deadline; give body.rounds and/or body.seconds"


def test_a_source_comes_before_the_parameter():
    error = OptionError("folder does not exist", source="out", parameter="db", fix="choose another `db`")
    assert error.one_line(lambda p: "--" + p) == "out: folder does not exist; choose another --db"
    assert OptionError("bad", source="f.yaml", where="rounds", parameter="rounds").one_line() == "f.yaml: rounds: bad"


def test_only_backquoted_names_are_references():
    error = OptionError("keep `Capitals` and --this", parameter="x", fix="`a b` stays")
    assert error.one_line(lambda p: p.upper()) == "X: keep `Capitals` and --this; `a b` stays"


def test_located_keeps_the_parameter():
    error = OptionError("bad", parameter="strategies").located("file.yaml")
    assert error.source == "file.yaml" and error.parameter == "strategies"


@pytest.mark.parametrize("error", [
    OptionError("unknown strategy 'x'", parameter="strategies", fix="choose from a, b"),
    ScenarioError("unknown issue", source="s.yaml", where="parties[0]", fix="use one of a"),
    InputError("plain"),
])
def test_an_error_pickles_with_every_field(error):
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error) and str(copy) == str(error)
    assert vars(copy) == vars(error)


@pytest.mark.parametrize("seed", [0, 7, 2**64, None])
def test_check_seed_accepts_0_or_more_and_none(seed):
    check_seed(seed)


def test_check_seed_refuses_a_negative_seed_by_its_parameter():
    with pytest.raises(OptionError, match="seed must be 0 or more, got -1") as error:
        check_seed(-1)
    assert error.value.parameter == "seed" and error.value.fix == "give 0 or more"
