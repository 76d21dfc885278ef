"""accord.io.accord_plain: a document that follows the schema exactly is read without pydantic, to the same
scenario; anything else is left to pydantic (the reference), which words the problems."""

from __future__ import annotations

import copy
import math
import typing
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from accord.errors import ScenarioError
from accord.io.accord_format import checked_scenario, plain_scenario, scenario_from_dict, scenario_to_dict
from accord.io.accord_plain import FIELDS, NotPlain, plain_function, plain_scenario_spec
from accord.io.accord_schema import FunctionSpec, ScenarioSpec
from accord.io.bundled import bundled_scenarios
from accord.io.files import read_json, read_yaml
from accord.io.uncertainty_format import split_uncertainty
from tests.generators import constrained_scenarios, rectangle_scenarios, scenarios

DATA = Path(__file__).resolve().parents[1] / "data"
ACCORD_FILES = sorted([*bundled_scenarios().values(), *DATA.glob("*.yaml")])


def document(path: Path) -> dict:
    """An Accord file's document without its distributions, as ``scenario_from_dict`` checks it."""
    data = read_json(path) if path.suffix == ".json" else read_yaml(path)
    return split_uncertainty(data)[0]


@pytest.mark.parametrize("path", ACCORD_FILES, ids=lambda p: p.name)
def test_every_bundled_scenario_is_read_without_pydantic_to_the_same_scenario(path):
    data = document(path)
    plain = plain_scenario(copy.deepcopy(data), path.name)
    assert plain is not None
    assert plain == checked_scenario(data, path.name)


def _models_in(annotation) -> typing.Iterator[type]:
    """The pydantic models an annotation names, however nested (lists, unions, ``Annotated``, mappings)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _models_in(argument)


def schema_models() -> dict[str, type]:
    """Every model of the pydantic schema, by name: the scenario's and the value function's, and every model
    their fields hold, recursively."""
    found: dict[str, type] = {}
    waiting = [ScenarioSpec, FunctionSpec]
    while waiting:
        model = waiting.pop()
        if model.__name__ not in found:
            found[model.__name__] = model
            for field in model.model_fields.values():
                waiting.extend(_models_in(field.annotation))
    return found


def test_the_plain_reader_knows_exactly_the_fields_of_the_schema():
    """The two readers must accept the same fields with the same defaults: a field added to one and not the
    other would send every document that uses it to pydantic (or past it)."""
    models = schema_models()
    assert set(models) == set(FIELDS), "a mapping of the schema without a field table in accord_plain, or the reverse"
    for name, model in models.items():
        fields = model.model_fields
        required = {field for field, info in fields.items() if info.is_required()}
        defaults = {field: info.get_default() for field, info in fields.items() if not info.is_required()}
        assert set(FIELDS[name].required) == required, name
        assert FIELDS[name].defaults == defaults, name


def mini() -> dict:
    return document(DATA / "mini.yaml")


@pytest.mark.parametrize("change", [
    lambda d: d["parties"][0].update(reservation="0.3"),  # a number written as text
    lambda d: d["parties"][0].update(reservation=True),
    lambda d: d["parties"][0].update(reservation=1.5),  # out of bounds
    lambda d: d["parties"][0].update(discount=0),  # discount must lie above 0
    lambda d: d["parties"][0].update(reservaton=0.3),  # unknown field
    lambda d: d["parties"][0].pop("utility"),
    lambda d: d["issues"][0].update(name=""),
    lambda d: d["parties"][0]["utility"]["weights"].update(island=math.nan),
    lambda d: d.update(accord=True),
    lambda d: d.update(issues=[]),
])
def test_a_document_that_strays_from_the_schema_is_not_plain(change):
    data = mini()
    change(data)
    with pytest.raises(NotPlain):
        plain_scenario_spec(data)


def test_a_value_function_that_strays_is_not_plain():
    assert plain_function({"linear": {"slope": 1, "offset": 0}}, "x")[0].linear.slope == 1.0
    for strays in ({"linear": {"slope": "1", "offset": 0}}, {"linear": {"slope": 1}}, {"cubic": {}},
                   {"constant": None, "linear": {"slope": 1, "offset": 0, "extra": 1}}):
        with pytest.raises(NotPlain):
            plain_function(strays, "x")


def test_a_failing_cross_check_is_worded_by_the_pydantic_path():
    data = mini()
    data["parties"][0]["utility"]["weights"]["nowhere"] = 0.0  # schema-valid, but names no issue
    assert plain_scenario(copy.deepcopy(data), "x.yaml") is None
    with pytest.raises(ScenarioError, match="unknown issue 'nowhere'"):
        scenario_from_dict(data, "x.yaml")


# Every field of the format at least once: categorical (with labels), integer and interval issues; additive
# utilities with tables, linear (with an origin), triangular and constant functions; a party made of rectangles;
# constituencies, a reservation outcome, a discount; constraints forbidding a list, a text and a number.
EVERY_FIELD = {
    "accord": 1, "name": "every-field", "title": "T", "description": "D", "sources": ["s"], "notes": ["n"],
    "issues": [
        {"name": "island", "description": "d", "options": ["north", "south"], "labels": {"north": "North"}},
        {"name": "boats", "integers": {"low": 0, "high": 3}},
        {"name": "share", "interval": {"low": 0, "high": 1, "grid": 3}},
    ],
    "parties": [
        {"name": "A", "description": "d", "sources": ["s"], "reservation": 0.1,
         "reservation_outcome": {"island": "south"}, "discount": 0.9,
         "utility": {"weights": {"island": 0.5, "boats": 0.25, "share": 0.25},
                     "values": {"island": {"north": 1, "south": 0.0}, "boats": {"linear": {"slope": 0.25,
                                "offset": 0, "origin": 0}}, "share": {"triangular": {"low": 0, "top": 0.5,
                                                                                    "high": 1}}}},
         "constituencies": [{"name": "home", "description": "d", "threshold": 0.2,
                             "utility": {"weights": {"island": 1, "boats": 0, "share": 0},
                                         "values": {"island": {"north": 1, "south": 0},
                                                    "boats": {"constant": 0.5}, "share": {"constant": 1}}}}]},
        {"name": "B", "utility": {"normalizer": 2, "rectangles": [
            {"utility": 1, "where": {"boats": [0, 1], "share": [0.0, 0.5]}}, {"utility": 0.5, "where": {}}]}},
    ],
    "constraints": [{"forbid": {"island": ["north"], "boats": 3}, "reason": "r"}, {"forbid": {"island": "south",
                                                                                            "share": 0.5}}],
}
STRANGE = ("0.5", "", "x", True, None, -1, 0, 1, 2, 3, 0.5, 1.5, -0.5, math.inf, [], {}, [0.1], [1, 2], {"x": 1})


def _places(node, path=()):
    """Every place in a document: the path of each mapping entry and list item."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        yield path + (key,)
        yield from _places(value, path + (key,))


def _changed(data: dict, path: tuple, value=None, *, remove: bool = False, add: str | None = None) -> dict:
    data = copy.deepcopy(data)
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    if remove:
        parent.pop(path[-1])
    elif add is not None:
        parent[path[-1]][add] = value
    else:
        parent[path[-1]] = value
    return data


def broken(data: dict):
    """Every document one change away from ``data``: each place given each strange value, removed, or (for a
    mapping) given a field it does not have."""
    for path in _places(data):
        for value in STRANGE:
            yield _changed(data, path, value)
        yield _changed(data, path, remove=True)
    for path in [(), *_places(data)]:
        node = data
        for key in path:
            node = node[key]
        if isinstance(node, dict):
            for field in ("extra", "origin", "normalizer", "integers"):
                if field not in node:
                    for value in (1, None, {"low": 0, "high": 1}):
                        yield _changed({"root": data}, ("root", *path), value, add=field)["root"]


def test_the_document_with_every_field_is_plain():
    assert plain_scenario(copy.deepcopy(EVERY_FIELD), "x.yaml") == checked_scenario(EVERY_FIELD, "x.yaml")


@pytest.mark.filterwarnings("ignore:invalid value:RuntimeWarning")  # an infinite interval, refused after
@pytest.mark.parametrize("base", ["every-field", "mini"])
def test_the_plain_reader_accepts_only_what_pydantic_accepts_and_builds_the_same_scenario(base):
    data = EVERY_FIELD if base == "every-field" else document(DATA / f"{base}.yaml")
    accepted = 0
    for changed in broken(data):
        plain = plain_scenario(copy.deepcopy(changed), "x.yaml")
        try:
            checked = checked_scenario(copy.deepcopy(changed), "x.yaml")
        except ScenarioError:
            assert plain is None, changed
        else:
            assert plain is None or plain == checked, changed
            accepted += plain is not None
    assert accepted  # some changes keep a valid document (e.g. another number in range): both read it alike


@given(st.one_of(scenarios(), constrained_scenarios(), rectangle_scenarios()))
def test_every_written_scenario_is_plain(scenario):
    data = scenario_to_dict(scenario)
    assert plain_scenario(copy.deepcopy(data), "x.yaml") == checked_scenario(data, "x.yaml")
