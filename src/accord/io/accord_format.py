"""Accord's own scenario format (YAML or JSON, ``accord: 1``): schema, validation and conversion.

The schema is checked with pydantic; cross-references (issue names in weights, options in value tables)
are checked here. Every problem is reported with the path to the field, e.g.
``parties[1].utility.weights.shikotan``, and all of them at once: an unknown field is reported and then set
aside, and an issue, party or constraint that breaks the schema is reported and left out of the cross-checks,
so that one mistake never hides another. Numbers are numbers: a quoted ``"0.35"`` is refused.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, ValidationError, model_validator

from accord.errors import ScenarioError
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

FORMAT_VERSION = 1
WEIGHT_SUM_TOLERANCE = 0.01


class _Strict(BaseModel):
    # strict: a number written as text ("0.35") is refused, not read as a number
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, strict=True)


class IntegerRange(_Strict):
    low: int
    high: int


class Interval(_Strict):
    low: float
    high: float
    grid: int = Field(ge=2, description="number of evenly spaced points the analysis enumerates")


class IssueSpec(_Strict):
    name: str = Field(min_length=1)
    description: str = ""
    options: list[str] | None = None
    labels: dict[str, str] | None = None
    integers: IntegerRange | None = None
    interval: Interval | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> "IssueSpec":
        given = [k for k in ("options", "integers", "interval") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of 'options', 'integers' or 'interval'")
        return self


class LinearSpec(_Strict):
    slope: float
    offset: float
    origin: float | None = None


class TriangularSpec(_Strict):
    low: float
    top: float
    high: float


class FunctionSpec(_Strict):
    linear: LinearSpec | None = None
    triangular: TriangularSpec | None = None
    constant: float | None = None


class AdditiveSpec(_Strict):
    weights: dict[str, float]
    values: dict[str, dict[Any, Any]]  # any keys: a numeric issue's table is refused with its fix


class RectangleSpec(_Strict):
    utility: float
    where: dict[str, Annotated[tuple[float, float], Field(strict=False)]]  # a YAML list is a pair


class RectanglesSpec(_Strict):
    rectangles: list[RectangleSpec]
    normalizer: float = Field(default=1.0, gt=0)


def _utility_kind(data: Any) -> str:
    return "rectangles" if isinstance(data, dict) and "rectangles" in data else "additive"


UtilitySpec = Annotated[
    Union[Annotated[AdditiveSpec, Tag("additive")], Annotated[RectanglesSpec, Tag("rectangles")]],
    Discriminator(_utility_kind),
]
_FUNCTION_KEYS = {"linear", "triangular", "constant"}


class ConstituencySpec(_Strict):
    name: str = Field(min_length=1)
    description: str = ""
    threshold: float = Field(ge=0, le=1)
    utility: UtilitySpec


class PartySpec(_Strict):
    name: str = Field(min_length=1)
    description: str = ""
    sources: list[str] = []
    reservation: float = Field(default=0.0, ge=0, le=1)
    reservation_outcome: dict[str, Any] | None = None
    discount: float | None = Field(default=None, gt=0, le=1)
    utility: UtilitySpec
    constituencies: list[ConstituencySpec] = []


class ConstraintSpec(_Strict):
    forbid: dict[str, Union[list[Any], str, int, float]]
    reason: str = ""


class ScenarioSpec(_Strict):
    accord: Literal[1]
    name: str = Field(min_length=1)
    title: str = ""
    description: str = ""
    sources: list[str] = []
    notes: list[str] = []
    issues: list[IssueSpec] = Field(min_length=1)
    parties: list[PartySpec] = Field(min_length=1)
    constraints: list[ConstraintSpec] = []


_TAGS = ("additive", "rectangles", "list[any]", "str", "int", "float")
# The rule a bounded field follows, said the way docs/format.md says it (for the message and the fix).
_RULES = {
    "reservation": "a utility in [0, 1]",
    "threshold": "a share in [0, 1]",
    "discount": "a discount factor in (0, 1]",
    "grid": "a whole number of points, 2 or more",
    "normalizer": "a number above 0",
}
_BOUND_ERRORS = ("greater_than", "greater_than_equal", "less_than", "less_than_equal")
_NUMBER_ERRORS = ("float_type", "int_type", "float_parsing", "int_parsing", "int_from_float")
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


def _path(loc: tuple) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part in _TAGS:
            continue
        else:
            text += f".{part}" if text else str(part)
    return text


def _message(item: dict) -> tuple[str, str]:
    """The message and fix for one pydantic error: the rule and the fix in the format's words."""
    kind, loc, value = item["type"], item["loc"], item.get("input")
    field = next((part for part in reversed(loc) if isinstance(part, str) and part not in _TAGS), "")
    if kind == "extra_forbidden":
        return f"unknown field '{loc[-1]}'", "remove it or check its spelling (see docs/format.md)"
    if kind == "missing":
        return "required field is missing", "add it"
    if kind == "literal_error" and loc == ("accord",):
        return "unsupported format version", "write 'accord: 1'"
    if kind in _NUMBER_ERRORS and isinstance(value, str):
        return f"{value!r} is text, not a number", "write the number without quotes"
    if kind in _NUMBER_ERRORS:
        return f"{value!r} is not a number", f"give {_RULES.get(field, 'a number')}"
    if kind in _BOUND_ERRORS and field in _RULES:
        return f"{field} {value!r} is not {_RULES[field]}", f"give {_RULES[field]}"
    return item["msg"].removeprefix("Value error, "), ""


def _pydantic_errors(error: ValidationError, source: str) -> list[ScenarioError]:
    found: dict[str, ScenarioError] = {}
    for item in error.errors():
        where = _path(item["loc"])
        message, fix = _message(item)
        found.setdefault(where, ScenarioError(message, source=source, where=where, fix=fix))
    return list(found.values())


def _without_unknown_fields(data: dict, error: ValidationError) -> dict:
    """A copy of ``data`` without the fields ``error`` reports as unknown (already reported)."""
    data = copy.deepcopy(data)
    for item in error.errors():
        if item["type"] != "extra_forbidden":
            continue
        node = data
        for part in item["loc"][:-1]:
            if isinstance(node, dict) and part in node or isinstance(node, list) and isinstance(part, int):
                node = node[part]
        if isinstance(node, dict):
            node.pop(item["loc"][-1], None)
    return data


_LISTS = ("issues", "parties", "constraints")
_PLACEHOLDERS = {"accord": FORMAT_VERSION, "name": "?", "title": "", "description": "", "sources": [], "notes": []}


def _checkable(data: dict, error: ValidationError) -> tuple[ScenarioSpec | None, dict[str, list[int]], set[str]]:
    """What can still be cross-checked after ``error``: the spec without the list entries that break the schema
    (their positions in the file, per list) and the names of the issues left out; ``None`` when nothing can."""
    data = _without_unknown_fields(data, error)
    broken: dict[str, set[int]] = {name: set() for name in _LISTS}
    for item in error.errors():
        loc = item["loc"]
        if item["type"] == "extra_forbidden":
            continue
        if len(loc) >= 2 and loc[0] in _LISTS and isinstance(loc[1], int):
            broken[loc[0]].add(loc[1])
        elif len(loc) >= 1 and loc[0] in _PLACEHOLDERS:
            data[loc[0]] = _PLACEHOLDERS[loc[0]]
    positions: dict[str, list[int]] = {}
    skipped_issues: set[str] = set()
    for name in _LISTS:
        entries = data.get(name)
        if not isinstance(entries, list):
            positions[name] = []
            continue
        positions[name] = [n for n in range(len(entries)) if n not in broken[name]]
        if name == "issues":
            skipped_issues = {entry["name"] for n, entry in enumerate(entries) if n in broken[name]
                              and isinstance(entry, dict) and isinstance(entry.get("name"), str)}
        data[name] = [entries[n] for n in positions[name]]
    try:
        return ScenarioSpec.model_validate(data), positions, skipped_issues
    except ValidationError:
        return None, positions, skipped_issues


class _Checker:
    """Cross-field checks; collects every problem instead of stopping at the first."""

    def __init__(self, spec: ScenarioSpec, source: str, positions: dict[str, list[int]] | None = None,
                 skipped_issues: set[str] | None = None) -> None:
        """``positions``: where each entry of the spec's lists stands in the file (entries that broke the schema
        are left out); ``skipped_issues``: names of issues left out, whose mentions are not errors."""
        self.spec, self.source = spec, source
        self.positions = positions or {name: list(range(len(getattr(spec, name)))) for name in _LISTS}
        self.skipped = skipped_issues or set()
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
                continue
            if issue is not None:
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
        if isinstance(spec, RectanglesSpec):
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
        total = sum(weights)
        if abs(total - 1.0) > WEIGHT_SUM_TOLERANCE:
            self.error(f"{where}.weights", f"weights sum to {total:g}", "make them sum to 1")
        return LinearAdditive(tuple(weights), tuple(functions))

    def _function(self, spec, issue: Issue, where: str):
        if spec is None:
            self.error(where, f"no values for issue '{issue.name}'", "give a value for every option")
            return Constant(0.0)
        if set(spec) & _FUNCTION_KEYS:
            try:
                spec = FunctionSpec.model_validate(spec)
            except ValidationError as error:
                for problem in _pydantic_errors(error, self.source):
                    self.error(f"{where}.{problem.where}", problem.message, problem.fix)
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
            except ValueError:
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
                except ValueError:
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
    try:
        spec, schema_errors, positions, skipped = ScenarioSpec.model_validate(data), [], None, None
    except ValidationError as error:
        schema_errors = _pydantic_errors(error, source)
        spec, positions, skipped = _checkable(data, error)
        if spec is None:
            raise ScenarioError.of(uncertainty_errors + schema_errors) from None
    checker = _Checker(spec, source, positions, skipped)
    scenario = checker.scenario()
    if uncertainty_errors or schema_errors or checker.errors:
        raise ScenarioError.of(uncertainty_errors + schema_errors + checker.errors)
    scenario = refuse_non_finite(scenario, source)
    return dataclasses.replace(scenario, uncertainty=uncertainty) if uncertainty else scenario


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
