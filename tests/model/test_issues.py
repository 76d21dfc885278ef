"""Issues: the three kinds enumerate their values, and values are found by position."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given

from accord.model import Issue
from tests.generators import issues


def test_categorical_values_are_text_in_the_given_order():
    issue = Issue.categorical("colour", ["red", 2, "blue"], labels=("Red", "Two", "Blue"))
    assert issue.values == ("red", "2", "blue") and issue.size == 3 and not issue.is_numeric
    assert issue.index_of("blue") == 2 and issue.index_of(2) == 1
    with pytest.raises(ValueError, match="^'green' is not a value of issue 'colour'$"):
        issue.index_of("green")
    with pytest.raises(TypeError, match="categorical"):
        issue.numeric_values()


def test_integer_issue_takes_every_integer_between_its_bounds():
    issue = Issue.integer("n", 3, 7)
    assert issue.values == (3, 4, 5, 6, 7) and (issue.low, issue.high, issue.grid) == (3, 7, None)
    assert issue.index_of(5) == 2 and issue.index_of("6") == 3 and issue.index_of(5.0) == 2
    with pytest.raises(ValueError, match="not a value"):
        issue.index_of(8)
    with pytest.raises(ValueError, match="^'many' is not a value of issue 'n'$"):
        issue.index_of("many")
    assert Issue.integer("one", 4, 4).values == (4,)


def test_real_issue_is_an_even_grid_including_both_ends():
    issue = Issue.real("x", 0.5, 2.5, 5)
    assert issue.values == (0.5, 1.0, 1.5, 2.0, 2.5) and issue.grid == 5
    np.testing.assert_array_equal(issue.numeric_values(), [0.5, 1.0, 1.5, 2.0, 2.5])
    assert issue.index_of(1.5 + 1e-12) == 2  # a relative tolerance absorbs float noise
    with pytest.raises(ValueError):
        issue.index_of(1.25)


def test_issues_are_frozen_and_labels_do_not_count_for_equality():
    issue = Issue.categorical("c", ["a", "b"], labels=("A", "B"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        issue.name = "d"  # type: ignore[misc]
    assert issue == Issue.categorical("c", ["a", "b"], labels=("x", "y"))
    assert issue != Issue.categorical("c", ["b", "a"])


@given(issues())
def test_every_value_is_found_at_its_own_position(issue):
    assert [issue.index_of(value) for value in issue.values] == list(range(issue.size))


def test_value_counts_are_checked_before_anything_is_built():
    from tests.memory_cap import run_capped

    child = run_capped("""
        from accord.model.issues import Issue, TooManyValues
        for build in (lambda: Issue.integer("n", 0, 10**12), lambda: Issue.real("x", 0.0, 1.0, 10**9)):
            try:
                build()
            except TooManyValues as error:
                print(error)
        Issue.integer("n", 0, 10**6 - 1)  # the limit itself is allowed
    """)
    assert child.returncode == 0, child.stderr
    assert child.stdout.splitlines() == ["1,000,000,000,001 values; an issue has at most 1,000,000",
                                         "1,000,000,000 values; an issue has at most 1,000,000"]
