"""Counts in words (singular for one, plural otherwise), and issue values as every table shows them."""

from __future__ import annotations

import pytest

from accord.model import Issue
from accord.wording import counted, label_of, value_text


@pytest.mark.parametrize("count, expected", [(0, "0 hard constraints"), (1, "1 hard constraint"),
                                             (2, "2 hard constraints"), (1234, "1,234 hard constraints")])
def test_counted_is_singular_for_exactly_one(count, expected):
    assert counted(count, "hard constraint") == expected


def test_counted_takes_an_irregular_plural():
    assert counted(1, "party", "parties") == "1 party" and counted(2, "party", "parties") == "2 parties"


def test_values_show_whole_reals_without_a_trailing_zero():
    assert [value_text(v) for v in (1000.0, 0.25, 3, "north")] == ["1000", "0.25", "3", "north"]


def test_a_value_shows_its_label_where_the_scenario_gives_one():
    labelled = Issue.categorical("dam", ["none", "small"], labels=("No dam", "A small dam"))
    assert label_of(labelled, "small") == "A small dam"
    assert label_of(Issue.categorical("dam", ["none", "small"]), "small") == "small"
    assert label_of(Issue.integer("share", 20, 60), 40) == "40"
