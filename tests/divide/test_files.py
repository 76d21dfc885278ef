"""Divide files: the bundled one, bad files refused with one line naming the place, descriptions."""

from __future__ import annotations

import pytest

from accord.divide import adjusted_winner, load_divide, parse_divide
from accord.errors import ScenarioError
from tests.yaml_bombs import DIVIDE_BOMB, REFUSAL


def test_bundled_kurils_divide():
    problem = load_divide("kurils-divide")
    assert problem.parties == ("Japan", "Russia")
    assert sum(problem.points_a) == sum(problem.points_b) == 100
    division = adjusted_winner(problem.points_a, problem.points_b)
    assert division.points[0] == division.points[1]


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("parties: [A]\nitems: {x: [1, 1]}", "two parties"),
        ("parties: [A, B]\nitems: {}", "no items"),
        ("parties: [A, B]\nitems: {x: [1]}", "items.x"),
        ("parties: [A, B]\nitems: {x: [-1, 1]}", "non-negative"),
        ("parties: [A, B]\nitems: {x: [a, 1]}", "non-negative numbers"),
        ("parties: [A, B]\nitems: {x: [0, 1]}", "A gives no item any points"),
    ],
)
def test_bad_divide_files(text, fragment):
    with pytest.raises(ScenarioError) as caught:
        parse_divide(text, source="d.yaml")
    assert "d.yaml" in str(caught.value) and fragment in str(caught.value)


def test_divide_descriptions():
    problem = parse_divide("parties: [A, B]\nitems: {x: {points: [3, 1], description: an x}, y: [1, 3]}", source="d")
    assert problem.descriptions == ("an x", "") and problem.points_a == (3, 1)


def test_an_alias_bomb_is_refused_with_one_line():
    with pytest.raises(ScenarioError) as caught:
        parse_divide(DIVIDE_BOMB, source="bomb.yaml")
    assert str(caught.value).startswith(f"bomb.yaml: {REFUSAL}") and "\n" not in str(caught.value)


def test_a_web_request_names_bundled_files_only(tmp_path):
    with pytest.raises(ScenarioError, match="no bundled file of that name"):
        load_divide(str(tmp_path / "d.yaml"), paths=False)
    with pytest.raises(ScenarioError, match="unknown file type"):
        load_divide("eu10-car-emissions", paths=False)
    assert load_divide("kurils-divide.yaml", paths=False) == load_divide("kurils-divide")


def test_exponent_numbers_are_numbers():
    problem = parse_divide("parties: [A, B]\nitems:\n  x: [1e308, 1e2]\n  y: [1.5e3, 2E-1]\n", source="exp.yaml")
    assert problem.points_a == (1e308, 1500.0) and problem.points_b == (100.0, 0.2)
    with pytest.raises(ScenarioError, match="A's points add up to more than a float can hold"):
        parse_divide("parties: [A, B]\nitems:\n  x: [1e308, 1]\n  y: [1e308, 1]\n", source="exp.yaml")


def test_two_parties_with_one_name_are_refused():
    with pytest.raises(ScenarioError) as error:
        parse_divide("parties: [A, A]\nitems:\n  x: [1, 2]\n", source="same.yaml")
    assert str(error.value) == "same.yaml: parties: both parties are called 'A'; give each party its own name"


def test_points_that_add_up_to_infinity_are_refused():
    """Each point is finite, their sum is not: normalising to 100 would give NaN (issue 11 §6)."""
    text = "parties: [A, B]\nitems:\n  x: [1.0e+308, 1]\n  y: [1.0e+308, 1]\n"
    with pytest.raises(ScenarioError, match="more than a float can hold"):
        parse_divide(text, source="d.yaml")


def test_a_400_digit_number_is_an_input_error():
    with pytest.raises(ScenarioError, match="400 digits"):
        parse_divide("parties: [A, B]\nitems:\n  x: [" + "9" * 400 + ", 1]\n", source="d.yaml")
