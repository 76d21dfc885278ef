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
