"""Uncertain parameters located in the model, and a scenario with chosen values substituted.

A parameter is named by its path in the scenario document (see :mod:`accord.model.uncertainty`); a
:class:`Target` says which number of which utility, reservation or threshold it is.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from accord.model import Constant, LinearAdditive, Scenario, Table
from accord.model.uncertainty import Uncertainty

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
