"""The Accord format's schema in pydantic, and its problems in the format's words.

``accord_format`` reads a document that follows the schema exactly without this module (``accord_plain``);
anything else comes here, so that every problem is reported with the path to its field, all of them at once
(see ``accord_format``), and pydantic loads only when a document needs its wording. A field added to a model
here is added to the plain reader's tables too (``accord_plain.FIELDS``; a test keeps them equal).
"""

from __future__ import annotations

import copy
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, ValidationError, model_validator

from accord.errors import ScenarioError
from accord.io.accord_format import FORMAT_VERSION, SPEC_LISTS


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


def pydantic_errors(error: ValidationError, source: str) -> list[ScenarioError]:
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


_PLACEHOLDERS = {"accord": FORMAT_VERSION, "name": "?", "title": "", "description": "", "sources": [], "notes": []}


def checkable(data: dict, error: ValidationError) -> tuple[ScenarioSpec | None, dict[str, list[int]], set[str]]:
    """What can still be cross-checked after ``error``: the spec without the list entries that break the schema
    (their positions in the file, per list) and the names of the issues left out; ``None`` when nothing can."""
    data = _without_unknown_fields(data, error)
    broken: dict[str, set[int]] = {name: set() for name in SPEC_LISTS}
    for item in error.errors():
        loc = item["loc"]
        if item["type"] == "extra_forbidden":
            continue
        if len(loc) >= 2 and loc[0] in SPEC_LISTS and isinstance(loc[1], int):
            broken[loc[0]].add(loc[1])
        elif len(loc) >= 1 and loc[0] in _PLACEHOLDERS:
            data[loc[0]] = _PLACEHOLDERS[loc[0]]
    positions: dict[str, list[int]] = {}
    skipped_issues: set[str] = set()
    for name in SPEC_LISTS:
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


def read_function(data: Any, source: str) -> tuple[FunctionSpec | None, list[ScenarioError]]:
    """A value function (``linear``, ``triangular`` or ``constant``), or ``None`` and its problems."""
    try:
        return FunctionSpec.model_validate(data), []
    except ValidationError as error:
        return None, pydantic_errors(error, source)
