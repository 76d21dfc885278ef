"""Which exact search finds a hyper-rectangle scenario's frontier (method ``branch-and-bound``).

* The dynamic programme (``rectangle_programme``) follows every open rectangle exactly: fastest while few are
  open at once, for any number of parties, signs and exclusive rectangles, with integer utilities.
* The staircase search (``rectangle_staircase``) bounds completions instead of following them: it takes over
  for two parties with non-negative integer inclusive rectangles when more than ``OPEN_LIMIT`` rectangles are
  open at once (GENIUS's 30issues has 50), or when the programme passes its budget.
* The branch and bound (``rectangle_frontier``) answers everything else. Where the staircase search applies but
  its rows pass their budget, the branch and bound is not tried (on such spaces it would run for many minutes,
  then pass its own): the user is told at once.

All three give the same exact frontier, counts and first outcomes (property tests against enumeration)."""

from __future__ import annotations

import numpy as np

from accord.analysis.exact_frontier import ExactFrontier
from accord.errors import ScenarioError
from accord.model import Scenario

OPEN_LIMIT = 32
"""Rectangles open at once past which the staircase search goes before the dynamic programme."""


def rectangle_search(scenario: Scenario, signs: np.ndarray | None = None, focus: int | None = None) -> ExactFrontier:
    """The exact (signed, focused) frontier of a rectangle scenario, by the first search that applies and stays
    within its budget."""
    from accord.analysis.rectangle_frontier import rectangle_frontier
    from accord.analysis.rectangle_programme import TooManyStates, open_peak, programme_applies, \
        rectangle_programme
    from accord.analysis.rectangle_staircase import OverBudget, TooManyRows, rectangle_staircase, staircase_applies

    staircase = staircase_applies(scenario)
    if programme_applies(scenario) and not (staircase and open_peak(scenario) > OPEN_LIMIT):
        try:
            return rectangle_programme(scenario, signs, focus)
        except TooManyStates:
            pass
    if staircase and _staircase_signs(signs, focus):
        try:
            return rectangle_staircase(scenario, signs, focus)
        except TooManyRows as error:  # the branch and bound would need far longer still: say so now
            raise ScenarioError(f"the exact rectangle searches pass their budgets ({error})", source=scenario.name,
                                fix="reduce the issues or rectangles") from None
        except OverBudget:  # its bounds would not fit: the branch and bound may still answer
            pass
    return rectangle_frontier(scenario, signs, focus)


def _staircase_signs(signs: np.ndarray | None, focus: int | None) -> bool:
    """Whether the staircase search takes these signs: all +1 (the frontier), or −1 on the focus party only
    (a worst deal)."""
    if signs is None:
        return True
    signs = np.asarray(signs)
    if focus is None:
        return bool((signs > 0).all())
    return bool(signs[focus] < 0 and (np.delete(signs, focus) > 0).all())
