"""Which exact method analyses a scenario, and what is said when none can."""

from __future__ import annotations

import pytest

import accord
from accord.analysis.method_choice import choose_method
from accord.errors import ScenarioError

ISSUES = [{"name": f"i{k}", "integers": {"low": 0, "high": 9}} for k in range(9)]  # 10⁹ outcomes
BOXES = {"normalizer": 10, "rectangles": [{"utility": 7, "where": {"i0": [0, 3]}}, {"utility": 3, "where": {"i1": [5, 9]}}]}


def _scenario(constraints: list) -> accord.Scenario:
    document = {"accord": 1, "name": "boxes", "issues": ISSUES, "constraints": constraints,
                "parties": [{"name": "A", "utility": BOXES}, {"name": "B", "utility": BOXES}]}
    return accord.scenario_from_dict(document, "boxes.yaml")


def test_rectangles_beyond_enumeration_take_the_branch_and_bound():
    assert choose_method(_scenario([])) == "branch-and-bound"


def test_a_hard_constraint_on_rectangles_beyond_enumeration_is_named_as_the_obstacle():
    """The same space with one constraint was refused as 'Accord enumerates at most 50,000,000; reduce the issues
    or options', although the same scenario without the constraint is analysed exactly."""
    with pytest.raises(ScenarioError) as caught:
        choose_method(_scenario([{"forbid": {"i0": [0], "i1": [9]}}]))
    text = str(caught.value)
    assert "has 1,000,000,000 outcomes; Accord enumerates at most 50,000,000" in text
    assert "no hard constraint" in text and "remove the hard constraints" in text
