"""Uncertain parameters located in the model, and a scenario with chosen values substituted.

A parameter is named by its path in the scenario document (see :mod:`accord.model.uncertainty`); a
:class:`Target` says which number of which utility, reservation or threshold it is.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from accord.model import Constant, LinearAdditive, Scenario, Table
from accord.model.uncertainty import Dirichlet, TriangularDistribution, Uncertainty, Uniform

_PATH = re.compile(r"parties\[(\d+)\](?:\.constituencies\[(\d+)\])?\.(reservation|threshold|utility\.(.+))\Z")
_FUNCTION_FIELDS = {"linear.slope": "slope", "linear.offset": "offset", "triangular.low": "low",
                    "triangular.top": "top", "triangular.high": "high", "constant": "value"}


@dataclass(frozen=True)
class Target:
    """Where a parameter lives: a party's reservation, a constituency's threshold, or a number of a
    linear-additive utility (``field`` = ``weight``, ``option`` for a table value, or a value function's
    attribute) of the party (``constituency`` None) or of one of its constituencies."""

    party: int
    constituency: int | None
    field: str
    issue: int | None = None
    option: int | None = None

    @property
    def slot(self) -> tuple[int, int | None]:
        """The utility this parameter changes: (party, constituency or None)."""
        return self.party, self.constituency


def _utility_target(scenario: Scenario, party: int, constituency: int | None, rest: str) -> Target:
    kind, _, rest = rest.partition(".")
    name, _, detail = rest.partition(".")
    issue = scenario.issue_names.index(name)
    if kind == "weights":
        return Target(party, constituency, "weight", issue)
    if detail in _FUNCTION_FIELDS:
        return Target(party, constituency, _FUNCTION_FIELDS[detail], issue)
    return Target(party, constituency, "option", issue, scenario.issues[issue].values.index(detail))


def targets(scenario: Scenario, uncertainty: Uncertainty | None = None) -> tuple[Target, ...]:
    """The target of every parameter in ``uncertainty.parameters`` (the scenario's own by default)."""
    uncertainty = scenario.uncertainty if uncertainty is None else uncertainty
    out = []
    for path in uncertainty.parameters:
        match = _PATH.match(path)
        if match is None:
            raise ValueError(f"not a parameter path: {path!r}")
        party, constituency = int(match[1]), None if match[2] is None else int(match[2])
        if match[3] == "reservation":
            out.append(Target(party, None, "reservation"))
        elif match[3] == "threshold":
            out.append(Target(party, constituency, "threshold"))
        else:
            out.append(_utility_target(scenario, party, constituency, match[4]))
    return tuple(out)


def _with_number(utility: LinearAdditive, target: Target, value: float) -> LinearAdditive:
    if not isinstance(utility, LinearAdditive):
        raise ValueError("uncertain utility numbers need a linear-additive utility")
    if target.field == "weight":
        weights = list(utility.weights)
        weights[target.issue] = value
        return dataclasses.replace(utility, weights=tuple(weights))
    functions = list(utility.functions)
    function = functions[target.issue]
    if target.field == "option":
        values = list(function.values)
        values[target.option] = value
        functions[target.issue] = Table(tuple(values))
    elif target.field == "value":
        functions[target.issue] = Constant(value)
    else:
        functions[target.issue] = dataclasses.replace(function, **{target.field: value})
    return dataclasses.replace(utility, functions=tuple(functions))


def scenario_at(scenario: Scenario, values: Sequence[float], found: Sequence[Target] | None = None) -> Scenario:
    """``scenario`` with every uncertain parameter set to ``values`` (in ``uncertainty.parameters`` order):
    one sampled scenario, rebuilt (the slow way that the tests and the benchmark compare with)."""
    parties = list(scenario.parties)
    for target, value in zip(found if found is not None else targets(scenario), values):
        party = parties[target.party]
        value = float(value)
        if target.field == "reservation":
            parties[target.party] = dataclasses.replace(party, reservation=value)
            continue
        if target.constituency is None:
            parties[target.party] = dataclasses.replace(party, utility=_with_number(party.utility, target, value))
            continue
        constituencies = list(party.constituencies)
        c = constituencies[target.constituency]
        constituencies[target.constituency] = (
            dataclasses.replace(c, threshold=value) if target.field == "threshold"
            else dataclasses.replace(c, utility=_with_number(c.utility, target, value)))
        parties[target.party] = dataclasses.replace(party, constituencies=tuple(constituencies))
    return dataclasses.replace(scenario, parties=tuple(parties))


def value_at(scenario: Scenario, target: Target) -> float:
    """The number ``target`` names in ``scenario`` (the inverse of :func:`scenario_at`)."""
    party = scenario.parties[target.party]
    if target.field == "reservation":
        return party.reservation
    owner = party if target.constituency is None else party.constituencies[target.constituency]
    if target.field == "threshold":
        return owner.threshold
    if target.field == "weight":
        return owner.utility.weights[target.issue]
    function = owner.utility.functions[target.issue]
    return function.values[target.option] if target.field == "option" else getattr(function, target.field)


_RANGES = {"reservation": (0.0, 1.0), "threshold": (0.0, 1.0), "option": (0.0, 1.0), "weight": (0.0, math.inf)}


def _moved(distribution, target: Target, before: float, after: float):
    """``distribution`` moved with its number from ``before`` to ``after``: a range shifted by the change
    (kept inside the number's valid values), a normal centred on the new value."""
    if after == before:
        return distribution
    low, high = _RANGES.get(target.field, (-math.inf, math.inf))
    shift = after - before
    if isinstance(distribution, Uniform):
        return Uniform(max(distribution.low + shift, low), min(distribution.high + shift, high))
    if isinstance(distribution, TriangularDistribution):
        return TriangularDistribution(max(distribution.low + shift, low), after, min(distribution.high + shift, high))
    return dataclasses.replace(distribution, mean=after)  # a truncated normal


def with_distributions_of(edited: Scenario, stored: Scenario) -> Scenario:
    """``edited`` (a copy of ``stored`` whose numbers were changed, without distributions of its own) with
    ``stored``'s distributions: an unchanged number keeps its distribution, a changed one carries it along
    (ranges shifted by the change, a normal centred on the new value, a Dirichlet around the new weights)."""
    pairs = []
    found = iter(targets(stored))
    for path, distribution in stored.uncertainty.distributions:
        if isinstance(distribution, Dirichlet):
            weights = tuple(value_at(edited, next(found)) for _ in distribution.names)
            pairs.append((path, dataclasses.replace(distribution, weights=weights)))
            continue
        target = next(found)
        pairs.append((path, _moved(distribution, target, value_at(stored, target), value_at(edited, target))))
    return dataclasses.replace(edited, uncertainty=Uncertainty(tuple(pairs)))
