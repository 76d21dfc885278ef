"""``POST /api/robust``: the same document as ``accord robust --json``, plus the panel's drawings."""

from __future__ import annotations

import json

import pytest

from accord.cli.main import main
from tests.robust.scenarios import document

from .conftest import FLAGSHIP

TOY = document(**{"parties[0].reservation": {"value": 0.4, "uniform": [0.3, 0.5]},
                  "parties[0].constituencies[0].threshold": {"value": 0.8, "uniform": [0.65, 0.95]}})


def cli_document(capsys, *args) -> dict:
    capsys.readouterr()
    assert main(["robust", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("samples, seed", [(30, 0), (25, 7)])
def test_the_api_document_is_the_cli_document(client, capsys, tmp_path, samples, seed):
    path = tmp_path / "toy.json"
    path.write_text(json.dumps(TOY))
    answer = client.post("/api/robust", json={"scenario": TOY, "samples": samples, "seed": seed})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    view = body.pop("view")
    expected = cli_document(capsys, str(path), "--samples", str(samples), "--seed", str(seed))
    assert body == expected and body["scenario"] == "toy"
    assert set(view) == {"measure", "measure_title", "svg", "key", "drivers_svg"}
    assert 'class="cloud shaded"' in view["svg"] and 'class="bars-plot"' in view["drivers_svg"]


def test_a_bundled_scenario_by_id(client, capsys):
    body = client.post("/api/robust", json={"scenario_id": FLAGSHIP, "samples": 20, "seed": 3}).json()
    body.pop("view")
    assert body == cli_document(capsys, FLAGSHIP, "--samples", "20", "--seed", "3")


@pytest.mark.parametrize("request_body, status, detail", [
    ({"scenario_id": FLAGSHIP, "samples": 0}, 422, "samples"),
    ({"scenario_id": FLAGSHIP, "samples": 1001}, 422, "samples"),
    ({"scenario_id": FLAGSHIP, "seed": -1}, 422, "seed"),
    ({"scenario_id": "nope"}, 404, "nope: no such scenario"),
    ({"scenario_id": FLAGSHIP, "axes": [0, 5]}, 400, "body.axes"),
])
def test_bad_requests_answer_one_line(client, request_body, status, detail):
    answer = client.post("/api/robust", json=request_body)
    assert answer.status_code == status
    message = answer.json()["detail"]
    assert isinstance(message, str) and "\n" not in message and detail in message


def page_document(scenario_document: dict) -> dict:
    """The document the workbench page edits: the scenario's numbers without their distributions."""
    from accord.io.accord_format import scenario_from_dict, scenario_to_dict

    return scenario_to_dict(scenario_from_dict(scenario_document, "toy.json"))


def uploaded_toy(client) -> str:
    answer = client.post("/api/scenarios", files={"files": ("toy.json", json.dumps(TOY).encode())})
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


def test_the_pages_unedited_numbers_keep_the_stored_distributions(client):
    sid = uploaded_toy(client)
    stored = client.post("/api/robust", json={"scenario_id": sid, "samples": 40, "seed": 1}).json()
    posted = client.post("/api/robust", json={"scenario": page_document(TOY), "origin": sid, "samples": 40,
                                              "seed": 1}).json()
    assert posted["parameters"] == stored["parameters"] and posted["p_ratifiable_zone"]["se"] > 0
    assert {k: v for k, v in posted.items() if k != "view"} == {k: v for k, v in stored.items() if k != "view"}


def test_the_panel_estimates_the_edited_numbers(client, capsys, tmp_path):
    """The page raised A's reservation from 0.4 to 0.6: the answer is that of the file whose reservation is 0.6
    with its range moved along ([0.5, 0.7]), as the CLI computes it."""
    sid = uploaded_toy(client)
    edit = page_document(TOY)
    edit["parties"][0]["reservation"] = 0.6
    answer = client.post("/api/robust", json={"scenario": edit, "origin": sid, "samples": 40, "seed": 1})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    body.pop("view")
    moved = json.loads(json.dumps(TOY))
    moved["parties"][0]["reservation"] = {"value": 0.6, "uniform": [0.5, 0.7]}
    path = tmp_path / "toy.json"
    path.write_text(json.dumps(moved))
    assert body == cli_document(capsys, str(path), "--samples", "40", "--seed", "1")
    unedited = client.post("/api/robust", json={"scenario_id": sid, "samples": 40, "seed": 1}).json()
    assert body["p_zone"] != unedited["p_zone"] or body["packages"] != unedited["packages"]


def test_an_edit_of_an_unknown_scenario_answers_404(client):
    answer = client.post("/api/robust", json={"scenario": page_document(TOY), "origin": "nope", "samples": 5})
    assert answer.status_code == 404 and "nope: no such scenario" in answer.json()["detail"]
