"""Counts in words: singular for one, plural otherwise."""

from __future__ import annotations

import pytest

from accord.wording import counted


@pytest.mark.parametrize("count, expected", [(0, "0 hard constraints"), (1, "1 hard constraint"),
                                             (2, "2 hard constraints"), (1234, "1,234 hard constraints")])
def test_counted_is_singular_for_exactly_one(count, expected):
    assert counted(count, "hard constraint") == expected


def test_counted_takes_an_irregular_plural():
    assert counted(1, "party", "parties") == "1 party" and counted(2, "party", "parties") == "2 parties"
