"""Concession curves and the largest drops."""

from __future__ import annotations

from accord.audit.concessions import concession_curves, largest_concessions


def test_curves_take_each_proposers_own_utility_in_order():
    curves = concession_curves(("A", "B"), [(0, "A", (0.9, 0.1)), (1, "B", (0.2, 0.8)), (2, "A", (0.7, 0.3)),
                                            (3, "mediator", (0.5, 0.5)), (4, "B", (0.4, 0.6))])
    assert curves == {"A": [(0, 0.9), (2, 0.7)], "B": [(1, 0.8), (4, 0.6)]}


def test_largest_concessions_are_the_biggest_drops_first_and_ignore_rises():
    curve = [(0, 1.0), (2, 0.9), (4, 0.95), (6, 0.6), (8, 0.5), (10, 0.4)]
    drops = largest_concessions("A", curve, limit=3)
    assert [(c.before, c.after, c.size) for c in drops] == [(4, 6, 0.35), (0, 2, 0.1), (6, 8, 0.1)]
    assert largest_concessions("A", [(0, 0.5), (1, 0.6)]) == []
