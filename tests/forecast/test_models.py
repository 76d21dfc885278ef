"""Model runs and the forecast document (``Forecast.to_json``)."""

from __future__ import annotations

import json

import pytest

from accord.forecast import ModelConfig, forecast, monte_carlo, run_model


def test_forecast_document_keys_positions_by_actor(eu10):
    result = forecast(eu10, ModelConfig(rounds=2, q=0.5))
    document = json.loads(json.dumps(result.to_json()))  # plain JSON, nothing left to convert
    assert document["model"] == "eu" and document["issue"] == eu10.issue
    assert document["parameters"] == {"rounds": 2, "q": 0.5, "t": 1.0}
    belgium = eu10.actors.index("Belgium")
    assert document["actors"][belgium] == {"actor": "Belgium", "position": 7.0,
                                           "salience": float(eu10.salience[belgium]),
                                           "capability": float(eu10.capability[belgium])}
    assert [r["round"] for r in document["rounds"]] == [r.number for r in result.rounds]
    for written, played in zip(document["rounds"], result.rounds):
        assert written["positions"] == dict(zip(eu10.actors, played.positions))
        assert written["risk"] == (None if played.risk is None else dict(zip(eu10.actors, played.risk)))
    assert document["rounds"][0]["risk"] is None and document["rounds"][1]["risk"] is not None
    assert document["forecast"] == result.final and document["converged_at"] == result.converged_at
    assert document["monte_carlo"] is None


def test_forecast_document_carries_a_monte_carlo_summary(eu10):
    config = ModelConfig(model="compromise")
    summary = monte_carlo(eu10, config, runs=4, seed=2)
    document = forecast(eu10, config).to_json(summary)
    assert document["monte_carlo"] == summary.to_json()
    assert len(document["rounds"]) == 1 and document["rounds"][0]["risk"] is None


def test_array_runs_name_their_actors_and_record_their_inputs():
    document = run_model([0, 100], [10, 30], [1, 0.5], ModelConfig(model="median")).to_json()
    assert [a["actor"] for a in document["actors"]] == ["actor 1", "actor 2"]
    assert document["actors"][1] == {"actor": "actor 2", "position": 100.0, "salience": 0.5, "capability": 30.0}
    assert document["scale"] == "" and document["forecast"] == pytest.approx(100.0)
