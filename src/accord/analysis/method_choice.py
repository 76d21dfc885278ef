"""Which exact method analyses a scenario: enumeration where the space fits, else a search that never builds
an array as long as the outcome space."""

from __future__ import annotations

import dataclasses

import numpy as np

from accord.errors import OptionError, ScenarioError
from accord.model import Scenario
from accord.space import MAX_OUTCOMES

METHODS = ("enumeration", "additive-merge", "branch-and-bound")


# The search modules load only when a space is too large to enumerate (start-up of a small `accord analyze`).
def _is_additive(scenario: Scenario) -> bool:
    from accord.analysis.additive_frontier import is_additive

    return is_additive(scenario)


def _is_rectangular(scenario: Scenario) -> bool:
    from accord.analysis.rectangle_frontier import is_rectangular

    return is_rectangular(scenario)


_APPLIES = {"additive-merge": (_is_additive, "every utility linear-additive"),
            "branch-and-bound": (_is_rectangular, "every utility made of hyper-rectangles and no hard constraint")}


def choose_method(scenario: Scenario) -> str:
    """Enumeration when the space fits; else the additive merge or the rectangle branch and bound, whichever
    the utilities allow; a ``ScenarioError`` saying what each search needs when neither does."""
    if scenario.cartesian_size <= MAX_OUTCOMES:
        return "enumeration"
    method = search_method(scenario)
    if method is None:
        blocked = bool(scenario.constraints) and _is_rectangular(dataclasses.replace(scenario, constraints=()))
        raise ScenarioError(f"has {scenario.cartesian_size:,} outcomes; Accord enumerates at most {MAX_OUTCOMES:,}, "
                            f"and beyond that it needs {_APPLIES['additive-merge'][1]}, or "
                            f"{_APPLIES['branch-and-bound'][1]}", source=scenario.name,
                            fix="remove the hard constraints, or reduce the issues or options" if blocked
                            else "reduce the issues or options (or the grid of real issues)")
    return method


def search_method(scenario: Scenario) -> str | None:
    """The exact search that applies to ``scenario`` whatever its size, or ``None`` when none does."""
    for method, (applies, _) in _APPLIES.items():
        if applies(scenario):
            return method
    return None


def analyze_by_search(scenario: Scenario, method: str, reservation: np.ndarray):
    """The analysis by a search method, after checking that it applies to ``scenario``."""
    applies, needs = _APPLIES[method]
    if not applies(scenario):
        raise OptionError(f"method '{method}' needs {needs}", parameter="method",
                          fix="use enumeration or leave the method to be chosen")
    from accord.analysis.beyond_enumeration import analyze_by_search as _analyze_by_search

    return _analyze_by_search(scenario, method, reservation)
