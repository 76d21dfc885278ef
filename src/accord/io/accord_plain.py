"""Reading an Accord document that follows the schema exactly, without pydantic.

The schema is ``accord_schema`` (pydantic, strict). This reader accepts only what that schema accepts, and gives
the same values (numbers as floats, defaults filled in) as attribute objects the cross-checks read alike. At the
first thing it is not sure of — an unknown or missing field, a number written as text, a bool, a value out of
bounds, a number that is not finite — it raises ``NotPlain``, and the document is read again through pydantic,
which words the problem. It never has to word a problem itself, so it stays small; the tests check it against
pydantic on every bundled scenario and on generated broken documents.
"""

from __future__ import annotations

import math
from types import SimpleNamespace
from typing import Any, Callable, NamedTuple


class NotPlain(Exception):
    """The document strays from the exact schema (pydantic reads it instead)."""


class Fields(NamedTuple):
    """The fields of one mapping of the format: those it must have, and the optional ones with their defaults."""

    required: tuple[str, ...]
    defaults: dict[str, Any]


INTEGERS = Fields(("low", "high"), {})
INTERVAL = Fields(("low", "high", "grid"), {})
ISSUE = Fields(("name",), {"description": "", "options": None, "labels": None, "integers": None, "interval": None})
RECTANGLE = Fields(("utility", "where"), {})
RECTANGLES = Fields(("rectangles",), {"normalizer": 1.0})
ADDITIVE = Fields(("weights", "values"), {})
CONSTITUENCY = Fields(("name", "threshold", "utility"), {"description": ""})
PARTY = Fields(("name", "utility"), {"description": "", "sources": [], "reservation": 0.0,
                                     "reservation_outcome": None, "discount": None, "constituencies": []})
CONSTRAINT = Fields(("forbid",), {"reason": ""})
SCENARIO = Fields(("accord", "name", "issues", "parties"), {"title": "", "description": "", "sources": [],
                                                             "notes": [], "constraints": []})
LINEAR = Fields(("slope", "offset"), {"origin": None})
TRIANGULAR = Fields(("low", "top", "high"), {})
FUNCTION = Fields((), {"linear": None, "triangular": None, "constant": None})
FIELDS = {"IntegerRange": INTEGERS, "Interval": INTERVAL, "IssueSpec": ISSUE, "RectangleSpec": RECTANGLE,
          "RectanglesSpec": RECTANGLES, "AdditiveSpec": ADDITIVE, "ConstituencySpec": CONSTITUENCY,
          "PartySpec": PARTY, "ConstraintSpec": CONSTRAINT, "ScenarioSpec": SCENARIO, "LinearSpec": LINEAR,
          "TriangularSpec": TRIANGULAR, "FunctionSpec": FUNCTION}
"""The fields this reader knows, by the name of the ``accord_schema`` model that declares the same mapping (a test
keeps the two equal, so a field added to one reader and not the other fails it)."""


def _fields(data: Any, fields: Fields) -> dict[str, Any]:
    """``data`` as a mapping with exactly the required keys and some of the optional ones, defaults added."""
    required, defaults = fields
    if type(data) is not dict or not data.keys() >= set(required) or not data.keys() <= {*required, *defaults}:
        raise NotPlain
    return {**defaults, **data}


def _text(value: Any, min_length: int = 0) -> str:
    if type(value) is not str or len(value) < min_length:
        raise NotPlain
    return value


def _name(value: Any) -> str:
    return _text(value, 1)


def _texts(value: Any) -> list[str]:
    return [_text(item) for item in _list(value)]


def _list(value: Any, min_length: int = 0) -> list:
    if type(value) is not list or len(value) < min_length:
        raise NotPlain
    return value


def _number(value: Any, low: float = -math.inf, high: float = math.inf, *, above: bool = False) -> float:
    """A finite int or float (not a bool) in [low, high], or in (low, high] when ``above``."""
    if type(value) not in (int, float) or not math.isfinite(value) or value > high or value < low or \
            (above and value == low):
        raise NotPlain
    return float(value)


def _whole(value: Any, low: float = -math.inf) -> int:
    if type(value) is not int or value < low:
        raise NotPlain
    return value


def _optional(read: Callable[[Any], Any], value: Any) -> Any:
    return None if value is None else read(value)


def _mapping(value: Any, read: Callable[[Any], Any] = lambda item: item) -> dict[str, Any]:
    """A mapping with text keys, each value read by ``read``."""
    if type(value) is not dict:
        raise NotPlain
    return {_text(key): read(item) for key, item in value.items()}


def _integers(data: Any) -> SimpleNamespace:
    fields = _fields(data, INTEGERS)
    return SimpleNamespace(low=_whole(fields["low"]), high=_whole(fields["high"]))


def _interval(data: Any) -> SimpleNamespace:
    fields = _fields(data, INTERVAL)
    return SimpleNamespace(low=_number(fields["low"]), high=_number(fields["high"]), grid=_whole(fields["grid"], 2))


def _issue(data: Any) -> SimpleNamespace:
    fields = _fields(data, ISSUE)
    issue = SimpleNamespace(name=_name(fields["name"]), description=_text(fields["description"]),
                            options=_optional(_texts, fields["options"]),
                            labels=_optional(lambda v: _mapping(v, _text), fields["labels"]),
                            integers=_optional(_integers, fields["integers"]),
                            interval=_optional(_interval, fields["interval"]))
    if [issue.options, issue.integers, issue.interval].count(None) != 2:
        raise NotPlain
    return issue


def _pair(value: Any) -> tuple[float, float]:
    if type(value) not in (list, tuple) or len(value) != 2:
        raise NotPlain
    return _number(value[0]), _number(value[1])


def _rectangle(data: Any) -> SimpleNamespace:
    fields = _fields(data, RECTANGLE)
    return SimpleNamespace(utility=_number(fields["utility"]), where=_mapping(fields["where"], _pair))


def _utility(data: Any) -> SimpleNamespace:
    if type(data) is dict and "rectangles" in data:
        fields = _fields(data, RECTANGLES)
        return SimpleNamespace(rectangles=[_rectangle(r) for r in _list(fields["rectangles"])],
                               normalizer=_number(fields["normalizer"], 0, above=True))
    fields = _fields(data, ADDITIVE)
    return SimpleNamespace(weights=_mapping(fields["weights"], _number),
                           values=_mapping(fields["values"], _table))


def _table(value: Any) -> dict:
    """A value table or function as written (any keys: the cross-checks read it)."""
    if type(value) is not dict:
        raise NotPlain
    return dict(value)


def _constituency(data: Any) -> SimpleNamespace:
    fields = _fields(data, CONSTITUENCY)
    return SimpleNamespace(name=_name(fields["name"]), description=_text(fields["description"]),
                           threshold=_number(fields["threshold"], 0, 1), utility=_utility(fields["utility"]))


def _party(data: Any) -> SimpleNamespace:
    fields = _fields(data, PARTY)
    return SimpleNamespace(
        name=_name(fields["name"]), description=_text(fields["description"]), sources=_texts(fields["sources"]),
        reservation=_number(fields["reservation"], 0, 1),
        reservation_outcome=_optional(_mapping, fields["reservation_outcome"]),
        discount=_optional(lambda v: _number(v, 0, 1, above=True), fields["discount"]),
        utility=_utility(fields["utility"]),
        constituencies=[_constituency(c) for c in _list(fields["constituencies"])])


def _forbidden(value: Any) -> Any:
    """A constraint's forbidden value(s): a list, a text, a whole number or a finite float, kept as given."""
    if type(value) is list:
        return list(value)
    if type(value) in (str, int) or type(value) is float and math.isfinite(value):
        return value
    raise NotPlain


def _constraint(data: Any) -> SimpleNamespace:
    fields = _fields(data, CONSTRAINT)
    return SimpleNamespace(forbid=_mapping(fields["forbid"], _forbidden), reason=_text(fields["reason"]))


def plain_scenario_spec(data: Any) -> SimpleNamespace:
    """The scenario spec of ``data`` (a document without its distributions); ``NotPlain`` if it strays."""
    fields = _fields(data, SCENARIO)
    if type(fields["accord"]) is not int or fields["accord"] != 1:
        raise NotPlain
    return SimpleNamespace(
        accord=1, name=_name(fields["name"]), title=_text(fields["title"]),
        description=_text(fields["description"]), sources=_texts(fields["sources"]), notes=_texts(fields["notes"]),
        issues=[_issue(i) for i in _list(fields["issues"], 1)],
        parties=[_party(p) for p in _list(fields["parties"], 1)],
        constraints=[_constraint(c) for c in _list(fields["constraints"])])


def _linear(data: Any) -> SimpleNamespace:
    fields = _fields(data, LINEAR)
    return SimpleNamespace(slope=_number(fields["slope"]), offset=_number(fields["offset"]),
                           origin=_optional(_number, fields["origin"]))


def _triangular(data: Any) -> SimpleNamespace:
    fields = _fields(data, TRIANGULAR)
    return SimpleNamespace(low=_number(fields["low"]), top=_number(fields["top"]), high=_number(fields["high"]))


def plain_function(data: Any, source: str) -> tuple[SimpleNamespace, list]:
    """A value function's spec (``linear``, ``triangular`` or ``constant``) and no problems; ``NotPlain`` if it
    strays (``source`` is unused: this reader words nothing)."""
    fields = _fields(data, FUNCTION)
    return SimpleNamespace(linear=_optional(_linear, fields["linear"]),
                           triangular=_optional(_triangular, fields["triangular"]),
                           constant=_optional(_number, fields["constant"])), []
