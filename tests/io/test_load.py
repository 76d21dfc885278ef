"""Loading: whatever trips a reader is reported as a ScenarioError naming the files, never a raw exception."""

from __future__ import annotations

import pytest

from accord.errors import ScenarioError
from accord.io import load


def test_a_fifty_digit_integer_bound_is_a_scenario_error(tmp_path):
    """Issue 11 §13: ``integers: {high: 10**50}`` gave an OverflowError traceback."""
    text = open("tests/data/mini.yaml", encoding="utf-8").read().replace("{low: 0, high: 4}",
                                                                          "{low: 0, high: " + "9" * 50 + "}")
    path = tmp_path / "big.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load(path)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)
