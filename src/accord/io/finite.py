"""One last check on every loaded scenario, whatever its format: no number in it is NaN or infinite.

The readers refuse non-finite numbers where they read them; this check catches the rest (a number computed from
finite ones that overflowed, an API document parsed by a JSON library that accepts ``NaN``), so that no analysis,
simulation or stored result ever sees one.
"""

from __future__ import annotations

import dataclasses
import math

from accord.errors import ScenarioError
from accord.model import Scenario


def _non_finite(value: object, path: str) -> str | None:
    """The path of the first non-finite number inside ``value`` (dataclasses, tuples, numbers), or ``None``."""
    stack = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, float) and not math.isfinite(item):
            return where
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            stack.extend((getattr(item, f.name), f"{where}.{f.name}") for f in reversed(dataclasses.fields(item)))
        elif isinstance(item, (tuple, list)):
            stack.extend((child, f"{where}[{n}]") for n, child in reversed(list(enumerate(item))))
    return None


def refuse_non_finite(scenario: Scenario, source: str) -> Scenario:
    """``scenario`` unchanged; a ``ScenarioError`` naming the party (or issue) and field holding NaN or infinity."""
    for party in scenario.parties:
        where = _non_finite(party, "")
        if where is not None:
            raise ScenarioError(f"party '{party.name}' has a number that is not finite ({where.lstrip('.')})",
                                source=source, fix="write finite numbers of ordinary size")
    for issue in scenario.issues:
        if issue.is_numeric and _non_finite(tuple(float(v) for v in issue.values), "") is not None:
            raise ScenarioError(f"issue '{issue.name}' has a value that is not finite", source=source,
                                fix="write finite bounds of ordinary size")
    return scenario
