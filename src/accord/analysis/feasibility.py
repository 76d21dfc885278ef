"""Whether a scenario's hard constraints leave any outcome: counted exactly, and only where that is cheap."""

from __future__ import annotations

from accord.analysis.additive_frontier import feasible_count
from accord.model import Scenario
from accord.space import OutcomeSpace

SMALL_SPACE = 10**6  # enumerating this many outcomes takes well under a second
MAX_COUNTED_CONSTRAINTS = 16  # the exact merge keeps at most 2**16 constraint states per step


def count_feasible(scenario: Scenario) -> int | None:
    """How many outcomes the constraints allow, counted exactly: by enumeration in a small space, else by the
    merge over constraint states; ``None`` when neither is cheap (many constraints on a huge space)."""
    if not scenario.constraints:
        return scenario.cartesian_size
    if scenario.cartesian_size <= SMALL_SPACE:
        return OutcomeSpace(scenario.issues, scenario.constraints).size
    if len(scenario.constraints) <= MAX_COUNTED_CONSTRAINTS:
        return feasible_count(scenario)
    return None
