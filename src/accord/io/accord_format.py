"""Accord's own scenario format (YAML or JSON, ``accord: 1``): schema, validation and conversion.

The schema is checked with pydantic (``accord_schema``); cross-references (issue names in weights, options in
value tables) are checked here. Every problem is reported with the path to the field, e.g.
``parties[1].utility.weights.shikotan``, and all of them at once: an unknown field is reported and then set
aside, and an issue, party or constraint that breaks the schema is reported and left out of the cross-checks,
so that one mistake never hides another. Numbers are numbers: a quoted ``"0.35"`` is refused.

A document that follows the schema exactly and passes the cross-checks is read without pydantic
(``accord_plain``), which keeps ``accord analyze`` of a small file quick to start; any other document is read
again through pydantic, which words every problem.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from accord.errors import ScenarioError
from accord.io.accord_plain import NotPlain, plain_function, plain_scenario_spec
from accord.io.uncertainty_format import split_uncertainty, uncertainty_of, with_uncertainty
from accord.io.finite import refuse_non_finite
from accord.model import (
    Constant,
    Constituency,
    Constraint,
    Issue,
    Linear,
    LinearAdditive,
    Party,
    Rectangle,
    RectangleSum,
    Scenario,
    Table,
    Triangular,
)
from accord.model.issues import TooManyValues

if TYPE_CHECKING:
    from accord.io.accord_schema import ConstraintSpec, IssueSpec, RectanglesSpec, ScenarioSpec, UtilitySpec

FORMAT_VERSION = 1
WEIGHT_SUM_TOLERANCE = 0.01
_FUNCTION_KEYS = {"linear", "triangular", "constant"}
SHOWN_VALUES = 8


def one_of(values) -> str:
    """The fix naming the allowed ``values``, never cut silently: ``use one of ['a', 'b']``, or the first few and
    how many more."""
    values = list(values)
    if len(values) <= SHOWN_VALUES + 2:
        return f"use one of {values}"
    return f"use one of {values[:SHOWN_VALUES]} … and {len(values) - SHOWN_VALUES} more"


def issue_values(issue: Issue) -> str:
    """The fix naming the values of ``issue``: the range for integers, else :func:`one_of`."""
    if issue.kind == "integer":
        return f"use a whole number from {issue.low} to {issue.high}"
    if issue.kind == "real" and issue.size > SHOWN_VALUES + 2:
        return f"use one of the {issue.size} grid points from {issue.low:g} to {issue.high:g}: " + \
            one_of(issue.values).removeprefix("use one of ")
    return one_of(issue.values)


SPEC_LISTS = ("issues", "parties", "constraints")


class _Checker:
    """Cross-field checks; collects every problem instead of stopping at the first."""

    def __init__(self, spec: ScenarioSpec, source: str, positions: dict[str, list[int]] | None = None,
                 skipped_issues: set[str] | None = None, read_function=None) -> None:
        """``positions``: where each entry of the spec's lists stands in the file (entries that broke the schema
        are left out); ``skipped_issues``: names of issues left out, whose mentions are not errors;
        ``read_function(data, source)``: a value function's spec and its problems (default: pydantic's)."""
        if read_function is None:
            from accord.io.accord_schema import read_function
        self.spec, self.source, self.read_function = spec, source, read_function
        self.positions = positions or {name: list(range(len(getattr(spec, name)))) for name in SPEC_LISTS}
        self.skipped = set(skipped_issues or ())
        self.errors: list[ScenarioError] = []
        self.issues = self._issues()
        self.by_name = {issue.name: position for position, issue in enumerate(self.issues)}

    def error(self, where: str, message: str, fix: str = "") -> None:
        self.errors.append(ScenarioError(message, source=self.source, where=where, fix=fix))

    def unique_names(self, specs: list, field: str, noun: str) -> None:
        """Report every name used a second time in ``specs`` (the list at ``field``)."""
        seen: set[str] = set()
        for n, spec in zip(self.positions[field], specs):
            if spec.name in seen:
                self.error(f"{field}[{n}].name", f"duplicate {noun} name '{spec.name}'",
                           f"give every {noun} its own name")
            seen.add(spec.name)

    def _issues(self) -> tuple[Issue, ...]:
        self.unique_names(self.spec.issues, "issues", "issue")
        issues = []
        for n, spec in zip(self.positions["issues"], self.spec.issues):
            where = f"issues[{n}]"
            try:
                issue = self._issue(spec, where)
            except TooManyValues as error:
                kind = "options" if spec.options is not None else "integers" if spec.integers else "interval"
                self.error(f"{where}.{kind}", f"the issue would have {error}",
                           "use a smaller range" + (" or grid" if kind == "interval" else ""))
                issue = None
            if issue is None:  # reported once; its mentions elsewhere are not errors too
                self.skipped.add(spec.name)
            else:
                issues.append(issue)
        return tuple(issues)

    def _issue(self, spec: IssueSpec, where: str) -> Issue | None:
        """One issue, or ``None`` after recording what is wrong with it (sizes are checked before building)."""
        if spec.options is not None:
            if not spec.options:
                self.error(f"{where}.options", "issue has no options", "list at least one option")
                return None
            if len(set(spec.options)) != len(spec.options):
                self.error(f"{where}.options", "duplicate option", "list every option once")
            labels = spec.labels or {}
            for key in labels:
                if key not in spec.options:
                    self.error(f"{where}.labels.{key}", f"'{key}' is not an option of this issue",
                               one_of(spec.options))
            return Issue.categorical(spec.name, spec.options, spec.description,
                                     [labels.get(o, o) for o in spec.options])
        if spec.integers is not None:
            if spec.integers.high < spec.integers.low:
                self.error(f"{where}.integers", "high is below low", "make low ≤ high")
                return None
            return Issue.integer(spec.name, spec.integers.low, spec.integers.high, spec.description)
        interval = spec.interval
        if interval.high <= interval.low:
            self.error(f"{where}.interval", "high must be above low", "make low < high")
            return None
        return Issue.real(spec.name, interval.low, interval.high, interval.grid, spec.description)

    def unknown(self, name: str) -> bool:
        """Whether ``name`` names no issue (an issue left out for breaking the schema is not unknown)."""
        return name not in self.by_name and name not in self.skipped

    def utility(self, spec: UtilitySpec, where: str):
        if hasattr(spec, "rectangles"):
            return self._rectangles(spec, where)
        weights, functions = [], []
        for name in spec.weights:
            if self.unknown(name):
                self.error(f"{where}.weights.{name}", f"unknown issue '{name}'", one_of(self.by_name))
        for name in spec.values:
            if self.unknown(name):
                self.error(f"{where}.values.{name}", f"unknown issue '{name}'", one_of(self.by_name))
        for issue in self.issues:
            weight = spec.weights.get(issue.name)
            if weight is None:
                self.error(f"{where}.weights", f"no weight for issue '{issue.name}'", "give every issue a weight (0 is allowed)")
                weight = 0.0
            elif weight < 0:
                self.error(f"{where}.weights.{issue.name}", f"negative weight {weight}", "weights must be ≥ 0")
            weights.append(weight)
            functions.append(self._function(spec.values.get(issue.name), issue, f"{where}.values.{issue.name}"))
        total = sum(weights) + sum(w for name, w in spec.weights.items()
                                   if name in self.skipped and name not in self.by_name and isinstance(w, (int, float)))
        if abs(total - 1.0) > WEIGHT_SUM_TOLERANCE:
            self.error(f"{where}.weights", f"weights sum to {total:g}", "make them sum to 1")
        return LinearAdditive(tuple(weights), tuple(functions))

    def _function(self, spec, issue: Issue, where: str):
        if spec is None:
            self.error(where, f"no values for issue '{issue.name}'", "give a value for every option")
            return Constant(0.0)
        if set(spec) & _FUNCTION_KEYS:
            spec, problems = self.read_function(spec, self.source)
            for problem in problems:
                self.error(f"{where}.{problem.where}", problem.message, problem.fix)
            if spec is None:
                return Constant(0.0)
        else:
            if issue.is_numeric:
                self.error(where, "a table of option values needs a categorical issue",
                           "use linear, triangular or constant for a numeric issue")
                return Constant(0.0)
            table = []
            for option in spec:
                if option not in issue.values:
                    self.error(f"{where}.{option}", f"'{option}' is not an option of issue '{issue.name}'",
                               issue_values(issue))
            for option in issue.values:
                value = spec.get(option)
                if isinstance(value, str):
                    self.error(f"{where}.{option}", f"{value!r} is text, not a number",
                               "write the number without quotes")
                    value = 0.0
                elif value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
                    self.error(f"{where}.{option}", f"value {value!r} is not a number", "use a value in [0, 1]")
                    value = 0.0
                if value is None:
                    self.error(where, f"no value for option '{option}'", "give every option a value in [0, 1]")
                    value = 0.0
                elif not 0.0 <= value <= 1.0:
                    self.error(f"{where}.{option}", f"value {value} is outside [0, 1]", "use a value in [0, 1]")
                table.append(float(value))
            return Table(tuple(table))
        given = [k for k in ("linear", "triangular", "constant") if getattr(spec, k) is not None]
        if len(given) != 1:
            self.error(where, "give exactly one of linear, triangular or constant", "")
            return Constant(0.0)
        if given[0] == "constant":
            if not 0.0 <= spec.constant <= 1.0:  # the same rule as an option's value
                self.error(f"{where}.constant", f"value {spec.constant:g} is outside [0, 1]", "use a value in [0, 1]")
            return Constant(spec.constant)
        if not issue.is_numeric:
            self.error(where, f"{given[0]} needs a numeric issue", "give a value for every option instead")
            return Constant(0.0)
        if spec.linear is not None:
            origin = issue.low if spec.linear.origin is None else spec.linear.origin
            return Linear(spec.linear.slope, spec.linear.offset, origin)
        t = spec.triangular
        if not t.low <= t.top <= t.high:
            self.error(f"{where}.triangular", "needs low ≤ top ≤ high", "reorder the three points")
        return Triangular(t.low, t.high, t.top)

    def _rectangles(self, spec: RectanglesSpec, where: str) -> RectangleSum:
        rectangles = []
        for n, rectangle in enumerate(spec.rectangles):
            bounds = []
            for name, (low, high) in rectangle.where.items():
                if name not in self.by_name:
                    if self.unknown(name):
                        self.error(f"{where}.rectangles[{n}].where.{name}", f"unknown issue '{name}'",
                                   one_of(self.by_name))
                    continue
                bounds.append((self.by_name[name], float(low), float(high)))
            rectangles.append(Rectangle(rectangle.utility, tuple(bounds)))
        return RectangleSum(tuple(rectangles), spec.normalizer)

    def outcome_indices(self, outcome: dict[str, Any], where: str) -> tuple[tuple[str, Any], ...]:
        pairs = []
        for name, value in outcome.items():
            if name not in self.by_name:
                if self.unknown(name):
                    self.error(f"{where}.{name}", f"unknown issue '{name}'", one_of(self.by_name))
                continue
            issue = self.issues[self.by_name[name]]
            try:
                pairs.append((name, issue.values[issue.index_of(value)]))
            except (ValueError, TypeError):  # TypeError: a list or null where a value belongs
                self.error(f"{where}.{name}", f"'{value}' is not a value of issue '{name}'", issue_values(issue))
        return tuple(pairs)

    def constraint(self, spec: ConstraintSpec, where: str) -> Constraint:
        forbid = []
        for name, values in spec.forbid.items():
            if name not in self.by_name:
                if self.unknown(name):
                    self.error(f"{where}.forbid.{name}", f"unknown issue '{name}'", one_of(self.by_name))
                continue
            issue = self.issues[self.by_name[name]]
            indices = []
            for value in values if isinstance(values, list) else [values]:
                try:
                    indices.append(issue.index_of(value))
                except (ValueError, TypeError):  # TypeError: a list or null where a value belongs
                    self.error(f"{where}.forbid.{name}", f"'{value}' is not a value of issue '{name}'",
                               issue_values(issue))
            forbid.append((self.by_name[name], tuple(indices)))
        return Constraint(tuple(forbid), spec.reason)

    def scenario(self) -> Scenario:
        self.unique_names(self.spec.parties, "parties", "party")
        parties = []
        for n, spec in zip(self.positions["parties"], self.spec.parties):
            where = f"parties[{n}]"
            constituencies = tuple(
                Constituency(c.name, self.utility(c.utility, f"{where}.constituencies[{k}].utility"),
                             c.threshold, c.description)
                for k, c in enumerate(spec.constituencies))
            reservation_outcome = None
            if spec.reservation_outcome is not None:
                reservation_outcome = self.outcome_indices(spec.reservation_outcome, f"{where}.reservation_outcome")
            parties.append(Party(spec.name, self.utility(spec.utility, f"{where}.utility"), spec.reservation,
                                 spec.discount, spec.description, tuple(spec.sources), reservation_outcome,
                                 constituencies))
        constraints = tuple(self.constraint(c, f"constraints[{n}]")
                            for n, c in zip(self.positions["constraints"], self.spec.constraints))
        return Scenario(self.spec.name, self.issues, tuple(parties), constraints, self.spec.title,
                        self.spec.description, tuple(self.spec.sources), tuple(self.spec.notes))


def scenario_from_dict(data: Any, source: str) -> Scenario:
    """Validate a parsed Accord document and build the scenario; raise ``ScenarioError`` carrying every problem."""
    if not isinstance(data, dict):
        raise ScenarioError("the file is not an Accord scenario (expected a mapping at the top)", source=source,
                            fix="start the file with 'accord: 1'")
    data, distributions = split_uncertainty(data)
    uncertainty, uncertainty_errors = uncertainty_of(distributions, source)
    scenario = None if uncertainty_errors else plain_scenario(data, source)
    if scenario is None:
        scenario = checked_scenario(data, source, uncertainty_errors)
    scenario = refuse_non_finite(scenario, source)
    return dataclasses.replace(scenario, uncertainty=uncertainty) if uncertainty else scenario


def plain_scenario(data: dict, source: str) -> Scenario | None:
    """The scenario of a document that follows the schema exactly and passes every cross-check, read without
    pydantic; ``None`` for any other document (:func:`checked_scenario` then words its problems)."""
    try:
        checker = _Checker(plain_scenario_spec(data), source, read_function=plain_function)
        scenario = checker.scenario()
    except NotPlain:
        return None
    return None if checker.errors else scenario


def checked_scenario(data: dict, source: str, uncertainty_errors: list[ScenarioError] = ()) -> Scenario:
    """The scenario of ``data`` validated by the pydantic schema; raise ``ScenarioError`` carrying every problem
    (``uncertainty_errors`` first)."""
    from pydantic import ValidationError

    from accord.io.accord_schema import ScenarioSpec, checkable, pydantic_errors

    uncertainty_errors = list(uncertainty_errors)
    try:
        spec, schema_errors, positions, skipped = ScenarioSpec.model_validate(data), [], None, None
    except ValidationError as error:
        schema_errors = pydantic_errors(error, source)
        spec, positions, skipped = checkable(data, error)
        if spec is None:
            raise ScenarioError.of(uncertainty_errors + schema_errors) from None
    checker = _Checker(spec, source, positions, skipped)
    scenario = checker.scenario()
    if uncertainty_errors or schema_errors or checker.errors:
        raise ScenarioError.of(uncertainty_errors + schema_errors + checker.errors)
    return scenario


def _function_to_dict(function, issue: Issue):
    if isinstance(function, Table):
        return {option: value for option, value in zip(issue.values, function.values)}
    if isinstance(function, Linear):
        return {"linear": {"slope": function.slope, "offset": function.offset, "origin": function.origin}}
    if isinstance(function, Triangular):
        return {"triangular": {"low": function.low, "top": function.top, "high": function.high}}
    return {"constant": function.value}


def _utility_to_dict(utility, issues: tuple[Issue, ...]) -> dict:
    if isinstance(utility, RectangleSum):
        return {"normalizer": utility.normalizer, "rectangles": [
            {"utility": r.utility, "where": {issues[p].name: [lo, hi] for p, lo, hi in r.bounds}}
            for r in utility.rectangles]}
    return {"weights": {i.name: w for i, w in zip(issues, utility.weights)},
            "values": {i.name: _function_to_dict(f, i) for i, f in zip(issues, utility.functions)}}


def _issue_to_dict(issue: Issue) -> dict:
    out: dict[str, Any] = {"name": issue.name}
    if issue.description:
        out["description"] = issue.description
    if issue.kind == "categorical":
        out["options"] = list(issue.values)
        if issue.labels and tuple(issue.labels) != issue.values:
            out["labels"] = dict(zip(issue.values, issue.labels))
    elif issue.kind == "integer":
        out["integers"] = {"low": issue.low, "high": issue.high}
    else:
        out["interval"] = {"low": issue.low, "high": issue.high, "grid": issue.grid}
    return out


def scenario_to_dict(scenario: Scenario, distributions: bool = False) -> dict:
    """The Accord document for ``scenario`` (inverse of :func:`scenario_from_dict`). With ``distributions``,
    each uncertain number is written with its distribution beside it (as ``accord convert`` does); without,
    only the written values, as the web page's editor expects plain numbers."""
    parties = []
    for party in scenario.parties:
        entry: dict[str, Any] = {"name": party.name}
        if party.description:
            entry["description"] = party.description
        if party.sources:
            entry["sources"] = list(party.sources)
        entry["reservation"] = party.reservation
        if party.reservation_outcome is not None:
            entry["reservation_outcome"] = dict(party.reservation_outcome)
        if party.discount is not None:
            entry["discount"] = party.discount
        entry["utility"] = _utility_to_dict(party.utility, scenario.issues)
        if party.constituencies:
            entry["constituencies"] = [
                {"name": c.name, "description": c.description, "threshold": c.threshold,
                 "utility": _utility_to_dict(c.utility, scenario.issues)} for c in party.constituencies]
        parties.append(entry)
    document: dict[str, Any] = {"accord": FORMAT_VERSION, "name": scenario.name}
    for key in ("title", "description"):
        if getattr(scenario, key):
            document[key] = getattr(scenario, key)
    for key in ("sources", "notes"):
        if getattr(scenario, key):
            document[key] = list(getattr(scenario, key))
    document["issues"] = [_issue_to_dict(issue) for issue in scenario.issues]
    document["parties"] = parties
    if scenario.constraints:
        document["constraints"] = [
            {"forbid": {scenario.issues[p].name: [scenario.issues[p].values[i] for i in idx] for p, idx in c.forbid},
             **({"reason": c.reason} if c.reason else {})} for c in scenario.constraints]
    return with_uncertainty(document, scenario.uncertainty) if distributions else document
