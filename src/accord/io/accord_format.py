"""Accord's own scenario format (YAML or JSON, ``accord: 1``): schema, validation and conversion.

The schema is checked with pydantic; cross-references (issue names in weights, options in value tables)
are checked here. Every problem is reported with the path to the field, e.g.
``parties[1].utility.weights.shikotan``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, ValidationError, model_validator

from accord.errors import ScenarioError
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

FORMAT_VERSION = 1
WEIGHT_SUM_TOLERANCE = 0.01


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


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
    values: dict[str, dict[str, Any]]


class RectangleSpec(_Strict):
    utility: float
    where: dict[str, tuple[float, float]]


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


def _path(loc: tuple) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part in ("additive", "rectangles", "list[any]", "str", "int", "float"):
            continue
        else:
            text += f".{part}" if text else str(part)
    return text


def _pydantic_errors(error: ValidationError, source: str) -> list[ScenarioError]:
    found: dict[str, ScenarioError] = {}
    for item in error.errors():
        where = _path(item["loc"])
        message = item["msg"].removeprefix("Value error, ")
        fix = ""
        if item["type"] == "extra_forbidden":
            message, fix = f"unknown field '{item['loc'][-1]}'", "remove it or check its spelling (see docs/format.md)"
        elif item["type"] == "missing":
            message, fix = "required field is missing", "add it"
        elif item["type"] == "literal_error" and where == "accord":
            message, fix = "unsupported format version", "write 'accord: 1'"
        found.setdefault(where, ScenarioError(message, source=source, where=where, fix=fix))
    return list(found.values())


class _Checker:
    """Cross-field checks; collects every problem instead of stopping at the first."""

    def __init__(self, spec: ScenarioSpec, source: str) -> None:
        self.spec, self.source = spec, source
        self.errors: list[ScenarioError] = []
        self.issues = self._issues()
        self.by_name = {issue.name: position for position, issue in enumerate(self.issues)}

    def error(self, where: str, message: str, fix: str = "") -> None:
        self.errors.append(ScenarioError(message, source=self.source, where=where, fix=fix))

    def unique_names(self, specs: list, field: str, noun: str) -> None:
        """Report every name used a second time in ``specs`` (the list at ``field``)."""
        seen: set[str] = set()
        for n, spec in enumerate(specs):
            if spec.name in seen:
                self.error(f"{field}[{n}].name", f"duplicate {noun} name '{spec.name}'",
                           f"give every {noun} its own name")
            seen.add(spec.name)

    def _issues(self) -> tuple[Issue, ...]:
        self.unique_names(self.spec.issues, "issues", "issue")
        issues = []
        for n, spec in enumerate(self.spec.issues):
            where = f"issues[{n}]"
            if spec.options is not None:
                if not spec.options:
                    self.error(f"{where}.options", "issue has no options", "list at least one option")
                    continue
                if len(set(spec.options)) != len(spec.options):
                    self.error(f"{where}.options", "duplicate option", "list every option once")
                labels = spec.labels or {}
                for key in labels:
                    if key not in spec.options:
                        self.error(f"{where}.labels.{key}", f"'{key}' is not an option of this issue",
                                   f"use one of {spec.options}")
                issues.append(Issue.categorical(spec.name, spec.options, spec.description,
                                                [labels.get(o, o) for o in spec.options]))
            elif spec.integers is not None:
                if spec.integers.high < spec.integers.low:
                    self.error(f"{where}.integers", "high is below low", "make low ≤ high")
                    continue
                issues.append(Issue.integer(spec.name, spec.integers.low, spec.integers.high, spec.description))
            else:
                interval = spec.interval
                if interval.high <= interval.low:
                    self.error(f"{where}.interval", "high must be above low", "make low < high")
                    continue
                issues.append(Issue.real(spec.name, interval.low, interval.high, interval.grid, spec.description))
        return tuple(issues)

    def utility(self, spec: UtilitySpec, where: str):
        if isinstance(spec, RectanglesSpec):
            return self._rectangles(spec, where)
        weights, functions = [], []
        for name in spec.weights:
            if name not in self.by_name:
                self.error(f"{where}.weights.{name}", f"unknown issue '{name}'", f"use one of {list(self.by_name)}")
        for name in spec.values:
            if name not in self.by_name:
                self.error(f"{where}.values.{name}", f"unknown issue '{name}'", f"use one of {list(self.by_name)}")
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
                               f"use one of {list(issue.values)}")
            for option in issue.values:
                value = spec.get(option)
                if value is not None and not isinstance(value, (int, float)):
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
                    self.error(f"{where}.rectangles[{n}].where.{name}", f"unknown issue '{name}'",
                               f"use one of {list(self.by_name)}")
                    continue
                bounds.append((self.by_name[name], float(low), float(high)))
            rectangles.append(Rectangle(rectangle.utility, tuple(bounds)))
        return RectangleSum(tuple(rectangles), spec.normalizer)

    def outcome_indices(self, outcome: dict[str, Any], where: str) -> tuple[tuple[str, Any], ...]:
        pairs = []
        for name, value in outcome.items():
            if name not in self.by_name:
                self.error(f"{where}.{name}", f"unknown issue '{name}'", f"use one of {list(self.by_name)}")
                continue
            issue = self.issues[self.by_name[name]]
            try:
                pairs.append((name, issue.values[issue.index_of(value)]))
            except ValueError:
                self.error(f"{where}.{name}", f"'{value}' is not a value of issue '{name}'",
                           f"use one of {list(issue.values)[:10]}")
        return tuple(pairs)

    def constraint(self, spec: ConstraintSpec, where: str) -> Constraint:
        forbid = []
        for name, values in spec.forbid.items():
            if name not in self.by_name:
                self.error(f"{where}.forbid.{name}", f"unknown issue '{name}'", f"use one of {list(self.by_name)}")
                continue
            issue = self.issues[self.by_name[name]]
            indices = []
            for value in values if isinstance(values, list) else [values]:
                try:
                    indices.append(issue.index_of(value))
                except ValueError:
                    self.error(f"{where}.forbid.{name}", f"'{value}' is not a value of issue '{name}'",
                               f"use one of {list(issue.values)[:10]}")
            forbid.append((self.by_name[name], tuple(indices)))
        return Constraint(tuple(forbid), spec.reason)

    def scenario(self) -> Scenario:
        self.unique_names(self.spec.parties, "parties", "party")
        parties = []
        for n, spec in enumerate(self.spec.parties):
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
        constraints = tuple(self.constraint(c, f"constraints[{n}]") for n, c in enumerate(self.spec.constraints))
        return Scenario(self.spec.name, self.issues, tuple(parties), constraints, self.spec.title,
                        self.spec.description, tuple(self.spec.sources), tuple(self.spec.notes))


def scenario_from_dict(data: Any, source: str) -> Scenario:
    """Validate a parsed Accord document and build the scenario; raise ``ScenarioError`` carrying every problem."""
    if not isinstance(data, dict):
        raise ScenarioError("the file is not an Accord scenario (expected a mapping at the top)", source=source,
                            fix="start the file with 'accord: 1'")
    try:
        spec = ScenarioSpec.model_validate(data)
    except ValidationError as error:
        raise ScenarioError.of(_pydantic_errors(error, source)) from None
    checker = _Checker(spec, source)
    scenario = checker.scenario()
    if checker.errors:
        raise ScenarioError.of(checker.errors)
    return refuse_non_finite(scenario, source)


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


def scenario_to_dict(scenario: Scenario) -> dict:
    """The Accord document for ``scenario`` (inverse of :func:`scenario_from_dict`)."""
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
    return document
