"""Malformed requests answer 422 with one line naming the place, what is wrong and the fix (web/validation.py)."""

from __future__ import annotations

import html

import pytest

from accord.web.validation import one_line, place

from .conftest import FLAGSHIP


def detail_of(response) -> str:
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert isinstance(detail, str) and "\n" not in detail
    return detail


@pytest.mark.parametrize(("loc", "text"), [
    (("body",), "body"),
    (("body", "items", 0, "points", 1), "body.items[0].points[1]"),
    (("query", "rounds"), "query.rounds"),
    (("body", "scenario", "a key"), 'body.scenario["a key"]'),
    (("body", "x\ny"), 'body["x\\ny"]'),
    ((), "request"),
])
def test_place_is_a_readable_path(loc, text):
    assert place(loc) == text


def test_a_long_key_is_cut():
    assert place(("body", "k" * 500)) == 'body["' + "k" * 40 + '..."]'


def test_problems_are_capped_on_one_line():
    errors = [{"type": "extra_forbidden", "loc": ("body", f"x{k}"), "msg": "Extra inputs are not permitted"}
              for k in range(5)]
    line = one_line(errors)
    assert line.count("not a field of this request") == 3
    assert line.endswith("; and 2 more problems")
    assert "body.x3" not in line
    assert one_line(errors[:4]).endswith("; and 1 more problem")
    assert one_line([]) == "request: malformed"


def test_a_bad_query_parameter_is_one_line():
    error = {"type": "int_parsing", "loc": ("query", "rounds"),
             "msg": "Input should be a valid integer, unable to parse string as an integer"}
    assert one_line([error]) == "query.rounds: input should be a valid integer; send a whole number"


def test_wrong_type(client):
    body = {"parties": ["A", "B"], "items": [{"name": "x", "points": [60, "lots"]}]}
    assert detail_of(client.post("/api/divide", json=body)) == (
        "body.items[0].points[1]: input should be a valid number; send a number")


def test_missing_field(client):
    assert detail_of(client.post("/api/simulate", json={"scenario_id": FLAGSHIP})) == (
        "body.strategies: required but missing; add it")
    assert detail_of(client.post("/api/analyze")) == "body: missing; send a JSON request body"
    assert detail_of(client.post("/api/scenarios")) == "body.files: required but missing; add it"


def test_extra_field(client):
    assert detail_of(client.post("/api/analyze", json={"scenario_id": FLAGSHIP, "colour": "red"})) == (
        "body.colour: not a field of this request; remove it (see /api/docs for the fields)")


def test_out_of_range_number(client):
    assert detail_of(client.post("/api/analyze", json={"scenario_id": FLAGSHIP, "max_points": 5})) == (
        "body.max_points: input should be greater than or equal to 100; send 100 or more")


def test_model_rule(client):
    assert detail_of(client.post("/api/analyze", json={})) == "body: give exactly one of 'scenario_id' or 'scenario'"


def test_not_json(client):
    response = client.post("/api/forecast", content=b"{name:", headers={"content-type": "application/json"})
    assert detail_of(response).startswith("body: not valid JSON at character 1 (")
    assert detail_of(response).endswith("); send a JSON object")
    assert detail_of(client.post("/api/forecast", json=[1])) == "body: not a JSON object; send a JSON object"


def test_several_problems_share_the_line(client):
    body = {"scenario_id": FLAGSHIP, "axes": [0, "one"], "svg": "maybe", "a": 1, "b": 2}
    detail = detail_of(client.post("/api/analyze", json=body))
    assert detail.startswith("body.axes[1]: input should be a valid integer; send a whole number; ")
    assert detail.endswith("; and 1 more problem")


def test_a_key_with_a_newline_stays_on_one_line(client):
    detail = detail_of(client.post("/api/divide", json={"name": "kurils-divide", "bad\nkey": 1}))
    assert detail.startswith('body["bad\\nkey"]: not a field of this request')


def test_openapi_documents_the_one_line_422(client):
    document = client.get("/api/openapi.json").json()
    answer = document["paths"]["/api/analyze"]["post"]["responses"]["422"]
    ref = answer["content"]["application/json"]["schema"]["$ref"]
    schema = document["components"]["schemas"][ref.rsplit("/", 1)[-1]]
    assert schema["properties"] == {"detail": {**schema["properties"]["detail"], "type": "string"}}
    assert schema["required"] == ["detail"]
    assert "ValidationError" not in str(document)
    for path, operations in document["paths"].items():
        for operation in operations.values():
            if "422" in operation["responses"]:
                assert operation["responses"]["422"] == answer, path


def test_a_page_shows_the_line_on_its_error_page(client):
    response = client.get("/forecast?rounds=many")
    assert response.status_code == 422 and response.headers["content-type"].startswith("text/html")
    assert "error: query.rounds: input should be a valid integer; send a whole number" in html.unescape(
        response.text)
    upload = client.post("/upload")
    assert upload.status_code == 422 and 'id="upload-error"' in upload.text
    assert "error: body.files: required but missing; add it" in upload.text


def test_a_number_out_of_range_says_what_to_send(client):
    """`body.rounds: input should be greater than or equal to 1` named the place but gave no fix."""
    answer = client.post("/api/simulate", json={"scenario_id": FLAGSHIP, "strategies": ["boulware", "conceder"],
                                                "rounds": 0})
    assert answer.status_code == 422
    assert answer.json()["detail"] == "body.rounds: input should be greater than or equal to 1; send 1 or more"


@pytest.mark.parametrize("kind, ctx, fix", [
    ("greater_than_equal", {"ge": 1}, "send 1 or more"),
    ("less_than_equal", {"le": 1000}, "send 1000 or less"),
    ("greater_than", {"gt": 0}, "send more than 0"),
    ("less_than", {"lt": 1}, "send less than 1"),
    ("too_short", {"min_length": 2}, "send at least 2 items"),
    ("too_long", {"max_length": 3}, "send at most 3 items"),
])
def test_range_problems_carry_their_bound_in_the_fix(kind, ctx, fix):
    line = one_line([{"type": kind, "loc": ("body", "x"), "msg": "Input is out of range", "ctx": ctx}])
    assert line == f"body.x: input is out of range; {fix}"
