from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from accord.divide import adjusted_winner, normalise

CAROL = [50, 20, 15, 10, 5]  # retirement, home, cottage, investments, other
BOB = [40, 30, 10, 10, 10]


def test_divorce_example():
    division = adjusted_winner(CAROL, BOB)
    assert division.shares == (Fraction(5, 6), 0, 1, 0, 0)
    assert division.points == (Fraction(170, 3), Fraction(170, 3))
    assert division.split == 0
    assert float(division.points[0]) == pytest.approx(56.666666666666664, abs=1e-12)


def test_divorce_example_from_floats_and_swapped_parties():
    division = adjusted_winner([float(p) for p in BOB], [float(p) for p in CAROL])
    assert division.shares == (Fraction(1, 6), 1, 0, 1, 1)
    assert division.points == (Fraction(170, 3), Fraction(170, 3))


def test_tie_goes_first_to_the_party_ahead_and_moves_first():
    # B wins 80 outright against A's 50, so the tied item 1 goes to B, moves to A first (B 80, A 60),
    # then item 2 (ratio 80/40) is split: B keeps 5/6 of it and both end with 200/3.
    division = adjusted_winner([50, 10, 40], [10, 10, 80])
    assert division.shares == (1, 1, Fraction(1, 6))
    assert division.points == (Fraction(200, 3), Fraction(200, 3))
    # equal outright totals: the tie goes to A, moves first and is itself the split item
    division = adjusted_winner([80, 10, 10], [10, 10, 80])
    assert division.shares == (1, Fraction(1, 2), 0) and division.split == 1


def test_points_are_normalised_to_100():
    assert normalise([1, 1, 2]) == (25, 25, 50)
    assert adjusted_winner([1, 1, 2], [2, 1, 1]) == adjusted_winner([25, 25, 50], [50, 25, 25])
    with pytest.raises(ValueError):
        normalise([0, 0])
    with pytest.raises(ValueError):
        normalise([-1, 2])


points = st.lists(st.integers(0, 50), min_size=1, max_size=8)


@given(st.data())
def test_equitable_envy_free_at_most_one_split(data):
    a = data.draw(points)
    b = data.draw(st.lists(st.integers(0, 50), min_size=len(a), max_size=len(a)))
    assume(sum(a) > 0 and sum(b) > 0)
    division = adjusted_winner(a, b)
    na, nb = normalise(a), normalise(b)
    mine_a = sum(s * p for s, p in zip(division.shares, na))
    mine_b = sum((1 - s) * p for s, p in zip(division.shares, nb))
    assert (mine_a, mine_b) == division.points
    assert mine_a == mine_b  # equitable, exactly
    assert mine_a >= 100 - mine_a and mine_b >= 100 - mine_b  # envy-free for two parties
    assert sum(1 for s in division.shares if 0 < s < 1) <= 1
    assert all(0 <= s <= 1 for s in division.shares)


@given(st.data())
def test_efficient_no_swap_helps_both(data):
    a = data.draw(points)
    b = data.draw(st.lists(st.integers(1, 50), min_size=len(a), max_size=len(a)))
    assume(sum(a) > 0)
    division = adjusted_winner(a, b)
    na, nb = normalise(a), normalise(b)
    # every item A holds any of has a ratio a/b at least that of every item B holds any of
    held_a = [na[k] / nb[k] for k, s in enumerate(division.shares) if s > 0]
    held_b = [na[k] / nb[k] for k, s in enumerate(division.shares) if s < 1]
    if held_a and held_b:
        assert min(held_a) >= max(held_b)


def test_whole_transfer_that_equalises_splits_nothing():
    # B (100) is ahead of A (70); moving item 0 whole (ratio 20/10) leaves both at 80.
    division = adjusted_winner([10, 20, 70], [20, 80, 0])
    assert division.shares == (1, 0, 1) and division.split is None
    assert division.points == (80, 80)


def test_division_document_names_items_and_parties():
    division = adjusted_winner(CAROL, BOB, parties=("Carol", "Bob"),
                               items=("retirement", "home", "cottage", "investments", "other"))
    document = division.to_json()
    assert document["parties"] == ["Carol", "Bob"] and document["split"] == "retirement"
    assert document["shares"] == {"retirement": 5 / 6, "home": 0.0, "cottage": 1.0, "investments": 0.0,
                                  "other": 0.0}
    assert document["shares_exact"]["retirement"] == "5/6" and document["points_exact"] == ["170/3", "170/3"]
    assert document["item_points"]["home"] == [20.0, 30.0] and document["normalised"] is False
    assert document["explanation"] == division.explain() == (
        "Carol receives Cottage outright; Bob receives Home, Investments and Other outright; "
        "Retirement is split: Carol 0.83, Bob 0.17; both end with 56.7 points.")


def test_division_document_defaults_and_normalising():
    document = adjusted_winner([1, 3], [3, 1]).to_json()
    assert document["parties"] == ["A", "B"] and document["items"] == ["item 1", "item 2"]
    assert document["normalised"] is True and document["item_points"] == {"item 1": [25.0, 75.0],
                                                                          "item 2": [75.0, 25.0]}
    assert document["explanation"] == ("A receives Item 2 outright; B receives Item 1 outright; "
                                       "both end with 75.0 points.")
    with pytest.raises(ValueError):
        adjusted_winner([1, 3], [3, 1], items=("only one",))
